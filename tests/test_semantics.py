"""The semantic stage: conditions decided exactly (against a truth table), dates on the day
line, facts through offices and groups, and the vocabulary loader on arbitrary input."""

from __future__ import annotations

import calendar
import datetime
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import vocab
from checker.semantics import facts_of
from checker.semantics.conditions import AND, ATOM, NOT, OR, Decider, Formula, conj
from checker.semantics.timing import MONTHS, Calendar, Point

ATOMS = ("a", "b", "c", "d")


@dataclass(frozen=True)
class Entry:
    excludes: tuple[str, ...] = ()
    implies: tuple[str, ...] = ()


def formulas() -> st.SearchStrategy[Formula]:
    leaf = st.sampled_from(ATOMS).map(lambda a: Formula(ATOM, a))
    return st.recursive(leaf, lambda inner: st.one_of(
        inner.map(lambda f: Formula(NOT, "", (f,))),
        st.lists(inner, min_size=2, max_size=3).map(lambda fs: Formula(AND, "", tuple(fs))),
        st.lists(inner, min_size=2, max_size=3).map(lambda fs: Formula(OR, "", tuple(fs)))), max_leaves=6)


def _value(formula: Formula, world: dict[str, bool]) -> bool:
    if formula.op == ATOM:
        return world[formula.atom]
    if formula.op == NOT:
        return not _value(formula.args[0], world)
    values = [_value(a, world) for a in formula.args]
    return all(values) if formula.op == AND else any(values)


registers = st.dictionaries(
    st.sampled_from(ATOMS),
    st.builds(Entry, st.lists(st.sampled_from(ATOMS), max_size=2).map(tuple),
              st.lists(st.sampled_from(ATOMS), max_size=2).map(tuple)), max_size=3)


@settings(max_examples=60, deadline=None)
@given(registers, st.lists(formulas(), min_size=1, max_size=3))
def test_decider_agrees_with_the_truth_table(register: dict[str, Entry], parts: list[Formula]) -> None:
    def allowed(world: dict[str, bool]) -> bool:
        for atom, entry in register.items():
            if world[atom] and not all(world[o] for o in entry.implies):
                return False
            if world[atom] and any(world[o] for o in entry.excludes):
                return False
        return True

    worlds = [dict(zip(ATOMS, values, strict=True)) for values in itertools.product((False, True), repeat=len(ATOMS))]
    expected = any(allowed(w) and all(_value(p, w) for p in parts) for w in worlds)
    assert Decider(register).satisfiable(*parts) is expected


def test_literals_never_reach_the_solver() -> None:
    decider = Decider({"first": Entry(excludes=("later",)), "draft": Entry(implies=("first",))})
    lit = {name: Formula(ATOM, name) for name in ("first", "later", "draft")}
    assert not decider.satisfiable(lit["draft"], lit["later"])
    assert decider.satisfiable(lit["draft"], Formula(NOT, "", (lit["later"],)))
    assert decider.solver_calls == 0
    assert not decider.satisfiable(conj([Formula(OR, "", (lit["draft"], lit["first"])), lit["later"]]))
    assert decider.solver_calls == 1


@dataclass(frozen=True)
class _Manifest:
    published: str = "2008-07-01"
    financial_year_start: str = "04-01"


@dataclass(frozen=True)
class _Doc:
    manifest: _Manifest


@dataclass(frozen=True)
class _TP:
    kind: str
    period: str | None = None
    date: datetime.date | None = None
    text: str = ""


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(MONTHS), st.sampled_from(["04-01", "01-01", "07-01"]))
def test_end_of_a_month_is_its_last_day(month: str, start: str) -> None:
    cal = Calendar(_Doc(_Manifest(financial_year_start=start)))
    end = cal.point(_TP("end", month, text=f"end of {month}"))
    assert end is not None and end.cyclic
    day = cal.base + datetime.timedelta(days=end.day)
    assert day.month == MONTHS.index(month) + 1 and (day + datetime.timedelta(days=1)).day == 1
    written = cal.point(_TP("date", None, day, day.isoformat()))
    assert written is not None and cal.same_date(end, written)
    # a year later is still the same recurring deadline, never the same concrete date
    next_year = day.year + 1
    later = cal.point(_TP("date", None, day.replace(year=next_year, day=calendar.monthrange(next_year, day.month)[1]), ""))
    assert later is not None and cal.same_date(end, later) and not cal.same_date(written, later)


def test_within_months_after_the_year_end() -> None:
    cal = Calendar(_Doc(_Manifest()))
    year_end = cal.point(_TP("end", "financial_year", text="end of financial_year"))
    assert year_end is not None
    assert cal.base + datetime.timedelta(days=year_end.day) == datetime.date(2009, 3, 31)
    due = cal.after(year_end, (3, "months"))
    assert cal.base + datetime.timedelta(days=due.day) == datetime.date(2009, 6, 30)
    assert cal.same_date(due, Point(cal.day(datetime.date(2008, 6, 30)), True, "end of june"))


def test_facts_expand_groups_and_keep_actor_objects(tmp_path: Path) -> None:
    from checker.loader import load_document
    from tests.test_checks_fixtures import build_document
    from tests.test_scenarios import _case

    scenario = {"rules": ["ministers must not sign_off corporate_plan", "principal_accounting_officer must appoint director_general",
                          "unnamed must review framework_document", "permanent_secretary must appoint finance_director"]}
    result = load_document(build_document(tmp_path / "doc", _case(scenario)))
    assert result.document is not None
    facts = facts_of(result.document)
    banned = facts.key("secretary_of_state", "approve", "corporate_plan")
    assert [(f.via, f.force, f.verb) for f in banned] == [("ministers", "prohibition", "sign_off")]
    appoints = facts.key("permanent_secretary", "appoint", "")
    assert sorted(t for f in appoints for t in f.targets) == ["director_general", "finance_director"]
    assert not any(f.bearer == "unnamed" for f in facts.all)


def test_vocabulary_file_never_raises(tmp_path: Path) -> None:
    @settings(max_examples=60, deadline=None)
    @given(st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8)),
                        lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                st.dictionaries(st.sampled_from(
                                                    ["actions", "separation", "role", "synonyms", "before",
                                                     "excludes", "of", "approve", "one", "other", "x"]),
                                                    inner, max_size=3)), max_leaves=8))
    def run(data: Any) -> None:
        (tmp_path / "vocabulary.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
        words, problems = vocab.load_extension(tmp_path, "vocabulary.yaml")
        assert isinstance(words, vocab.Vocabulary)
        assert all(p.locations and p.locations[0].file == "vocabulary.yaml" for p in problems)
        if problems:
            assert words is vocab.default()

    run()
