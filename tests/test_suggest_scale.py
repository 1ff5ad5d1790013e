"""`did_you_mean` on a long list (a register) costs n log n over many unknown names, and still
suggests the close name."""

from __future__ import annotations

import time

from checker.suggest import did_you_mean


def test_many_unknown_names_against_a_large_register_are_bounded() -> None:
    register = {f"official_{i:05d}_of_the_department": i for i in range(50_000)}
    began = time.process_time()
    hints = [did_you_mean(f"unknown_{i}_of_the_departmnt", register) for i in range(5_000)]
    assert time.process_time() - began < 30  # names x register difflib would take hours
    assert len(hints) == 5_000
    assert did_you_mean("official_00042_of_the_departmnt", dict(register)) == \
        " (did you mean 'official_00042_of_the_department'?)"


def test_a_short_list_gets_difflibs_answer() -> None:
    assert did_you_mean("msut", ["must", "may", "should"]) == " (did you mean 'must'?)"
    assert did_you_mean("zzzz", ["must", "may", "should"]) == ""
