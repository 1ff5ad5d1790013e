"""Acknowledgements in the source and baseline files: findings are kept, marked suppressed,
with the reason, in every output; stale or broken suppressions are reported themselves."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.checks import Context, run_checks
from checker.cli import main
from checker.findings import Severity
from checker.loader import load_document
from tests.test_checks_fixtures import build_document

SUPERVISION = ["omsb supervises noms_agency", "director_general is member of omsb",
               "director_general is responsible for noms_agency"]
REASON = "the workings of the Board do not dilute the Director General's responsibilities"
BOUND = f'acknowledge SOD003 for director_general, omsb and noms_agency because "{REASON}"'


def _clause(*rules: str) -> dict[str, Any]:
    """One clause whose sentence the rules cite."""
    return {"text": "The Board oversees the Agency; this does not dilute the Director General's role.\n",
            "rules": '"oversees the Agency":\n' + "".join(f"  {r}\n" for r in rules)}


def _findings(tmp_path: Path, case: dict[str, Any]) -> list[Any]:
    result = load_document(build_document(tmp_path / "doc", case))
    assert result.document is not None
    assert not [f for f in result.findings if f.severity is Severity.ERROR], result.findings
    return run_checks(result.document, Context())


def _tension(*extra: Any, ack: str = BOUND) -> dict[str, Any]:
    """statement-1: the supervision and its acknowledgement; statement-2: the membership and
    the Director General's responsibility; then `extra` clauses."""
    return {"rules": [_clause("omsb supervises noms_agency", ack),
                      _clause("director_general is member of omsb",
                              "director_general is responsible for noms_agency"), *extra]}


def test_acknowledged_finding_is_reported_suppressed_as_info(tmp_path: Path) -> None:
    findings = _findings(tmp_path, _tension())
    sod = [f for f in findings if f.code == "SOD003"]
    assert len(sod) == 1
    assert sod[0].suppression is not None and sod[0].suppression.kind == "inSource"
    assert sod[0].suppression.reason == f"{REASON} (acknowledged in 1.1)"
    assert sod[0].suppression.location is not None and sod[0].suppression.location.clause == "statement-1"
    assert sod[0].severity is Severity.INFO
    assert not [f for f in findings if f.code.startswith("ACK")]


def test_a_look_alike_about_another_body_stays_visible(tmp_path: Path) -> None:
    """Same code, same actor, another supervising body: a different finding."""
    findings = _findings(tmp_path, _tension(_clause("business_groups supervises noms_agency",
                                                    "director_general is member of business_groups")))
    sod = {frozenset(f.subjects): f for f in findings if f.code == "SOD003"}
    assert set(sod) == {frozenset({"director_general", "omsb", "noms_agency"}),
                        frozenset({"director_general", "business_groups", "noms_agency"})}
    assert sod[frozenset({"director_general", "omsb", "noms_agency"})].suppression is not None
    other = sod[frozenset({"director_general", "business_groups", "noms_agency"})]
    assert other.suppression is None and other.severity is Severity.WARNING


def test_a_look_alike_in_another_place_stays_visible(tmp_path: Path) -> None:
    """Same code, same names, a supervision stated in another clause: the acknowledgement
    answers the finding that points at its own clause, not this one."""
    findings = _findings(tmp_path, _tension(_clause("omsb oversees noms_agency")))
    sod = [f for f in findings if f.code == "SOD003"]
    assert len(sod) == 2
    places = {f.suppression is not None: {loc.clause for loc in f.locations} for f in sod}
    assert "statement-1" in places[True]
    assert "statement-3" in places[False] and "statement-1" not in places[False]
    assert not [f for f in findings if f.code.startswith("ACK")]


def test_an_acknowledgement_for_one_actor_no_longer_covers_every_finding_about_it(tmp_path: Path) -> None:
    """The old form, bound to a code and an actor only, accepts nothing now and says what to write."""
    findings = _findings(tmp_path, _tension(ack=f'acknowledge SOD003 for director_general because "{REASON}"'))
    sod = [f for f in findings if f.code == "SOD003"]
    assert len(sod) == 1 and sod[0].suppression is None and sod[0].severity is Severity.WARNING
    [unused] = [f for f in findings if f.code == "ACK002"]
    assert unused.severity is Severity.WARNING and unused.location.clause == "statement-1"
    assert "matches no finding" in unused.message
    assert "write `acknowledge SOD003 for director_general, noms_agency and omsb`" in unused.message


def test_an_acknowledgement_in_a_clause_the_finding_does_not_point_at_is_reported(tmp_path: Path) -> None:
    case = {"rules": [*SUPERVISION, _clause(BOUND)]}
    findings = _findings(tmp_path, case)
    sod = [f for f in findings if f.code == "SOD003"]
    assert sod and all(f.suppression is None for f in sod)
    [unused] = [f for f in findings if f.code == "ACK002"]
    assert "in a clause it points at (1.1, 1.2" in unused.message


def test_a_repeated_acknowledgement_is_reported(tmp_path: Path) -> None:
    findings = _findings(tmp_path, {"rules": [
        _clause("omsb supervises noms_agency", BOUND, BOUND),
        _clause("director_general is member of omsb", "director_general is responsible for noms_agency")]})
    assert [f.suppression is not None for f in findings if f.code == "SOD003"] == [True]
    [again] = [f for f in findings if f.code == "ACK002"]
    assert "repeats the one at" in again.message


def test_acknowledgement_that_matches_nothing_is_reported(tmp_path: Path) -> None:
    findings = _findings(tmp_path, _tension(ack='acknowledge SOD003 for permanent_secretary because "a reason"'))
    sod = [f for f in findings if f.code == "SOD003"]
    assert sod and sod[0].suppression is None and sod[0].severity is Severity.WARNING
    unused = [f for f in findings if f.code == "ACK002"]
    assert len(unused) == 1 and "matches no finding" in unused[0].message
    assert unused[0].location.line > 0


def test_acknowledgement_of_an_unknown_code_is_an_error(tmp_path: Path) -> None:
    findings = _findings(tmp_path, _tension(ack='acknowledge SOD033 for director_general because "a reason"'))
    unknown = [f for f in findings if f.code == "ACK003"]
    assert len(unknown) == 1 and unknown[0].severity is Severity.ERROR and "SOD033" in unknown[0].message


def test_acknowledgement_without_names_binds_only_findings_without_names(tmp_path: Path) -> None:
    """No names: the finding must be about no actor or object; SOD003 always is, so the
    acknowledgement accepts nothing and says which names would bind it."""
    case = {"rules": [_clause(*SUPERVISION, 'acknowledge SOD003 because "the workings do not dilute the DG"')]}
    findings = _findings(tmp_path, case)
    sod = [f for f in findings if f.code == "SOD003"]
    assert len(sod) == 1 and sod[0].suppression is None
    [unused] = [f for f in findings if f.code == "ACK002"]
    assert "for director_general, noms_agency and omsb" in unused.message


def test_a_new_finding_in_an_amendment_is_not_hidden_by_the_old_acknowledgement(tmp_path: Path) -> None:
    """BASE acknowledges its tension; HEAD adds a look-alike about another body: `fwdoc amend`
    blames the new finding on the amendment, unsuppressed."""
    from checker.amend.judge import judge

    base = build_document(tmp_path / "base", _tension())
    head = build_document(tmp_path / "head", _tension(_clause(
        "business_groups supervises noms_agency", "director_general is member of business_groups")))
    j = judge(base, head)
    new = [f for f in j.introduced if f.code == "SOD003"]
    assert len(new) == 1 and new[0].suppression is None
    assert set(new[0].subjects) == {"director_general", "business_groups", "noms_agency"}
    assert new[0] in j.blocking


def _cli(*args: str) -> int:
    return main(["check", *args])


def test_baseline_round_trip(tmp_path: Path, capsys: Any) -> None:
    folder = build_document(tmp_path / "doc", {"rules": SUPERVISION + ["director_general must publish annual_report",
                                                                       "director_general must not publish annual_report"]})
    baseline = tmp_path / "baseline.json"
    assert _cli(str(folder), "--write-baseline", str(baseline)) == 1  # CON001 is an error
    capsys.readouterr()
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert {e["code"] for e in data["findings"]} >= {"CON001", "SOD003"}
    assert all(len(e["fingerprint"]) == 32 and e["reason"] for e in data["findings"])
    # with the baseline every finding is suppressed: the build passes even on warnings
    assert _cli(str(folder), "--baseline", str(baseline), "--fail-on", "warning", "--format", "json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["findings"] and all(f["suppression"]["kind"] == "external" for f in report["findings"])
    assert report["summary"]["suppressed"] == len(report["findings"])
    # the text format says so on every line
    assert _cli(str(folder), "--baseline", str(baseline)) == 0
    text = capsys.readouterr().out
    assert text.count("accepted (in the baseline): accepted when the baseline was written") == len(report["findings"])


def test_stale_and_broken_baselines_are_reported(tmp_path: Path, capsys: Any) -> None:
    folder = build_document(tmp_path / "doc", {"rules": SUPERVISION})
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps({"findings": [{"fingerprint": "0" * 32, "code": "CON001"}]}), encoding="utf-8")
    _cli(str(folder), "--baseline", str(stale), "--format", "json")
    report = json.loads(capsys.readouterr().out)
    codes = [f["code"] for f in report["findings"]]
    assert "BAS002" in codes and "SOD003" in codes
    bas = next(f for f in report["findings"] if f["code"] == "BAS002")
    assert bas["file"].endswith("stale.json") and bas["line"] == 1
    broken = tmp_path / "broken.json"
    broken.write_text('{"findings": [\n  {"fingerprint": }\n]}\n', encoding="utf-8")
    assert _cli(str(folder), "--baseline", str(broken), "--format", "json") == 1
    report = json.loads(capsys.readouterr().out)
    bad = [f for f in report["findings"] if f["code"] == "BAS001"]
    assert len(bad) == 1 and bad[0]["line"] == 2 and bad[0]["column"] > 1
    assert _cli(str(folder), "--baseline", str(tmp_path / "missing.json")) == 2


# -- property: an acknowledgement accepts only the finding it names, and nothing is dropped ---

_DOC: dict[str, Any] = {}


def _doc(tmp_path_factory: Any) -> Any:
    if "doc" not in _DOC:
        result = load_document(build_document(tmp_path_factory.mktemp("ack") / "doc", _tension()))
        assert result.document is not None
        _DOC["doc"] = result.document
    return _DOC["doc"]


_NAMES = ["director_general", "omsb", "noms_agency", "permanent_secretary", "corporate_plan",
          "principal_accounting_officer", "a glossary term", "rules-section"]
_CLAUSES = ["statement-1", "statement-2", None]
_CODES = ["SOD003", "CON003"]


@given(
    findings=st.lists(st.tuples(st.sampled_from(_CODES), st.lists(st.sampled_from(_CLAUSES), max_size=3),
                                st.lists(st.sampled_from(_NAMES), max_size=4, unique=True)), max_size=6),
    acks=st.lists(st.tuples(st.sampled_from(_CODES), st.sampled_from(_CLAUSES[:2]),
                            st.lists(st.sampled_from(_NAMES[:6]), max_size=4, unique=True)), max_size=4))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_acknowledgements_bind_one_finding_each(tmp_path_factory: Any, findings: list[Any], acks: list[Any]) -> None:
    from dataclasses import replace

    from checker.checks.suppression import apply_acknowledgements
    from checker.findings import Finding, Location
    from checker.model import Acknowledgement

    document = _doc(tmp_path_factory)
    holder = {o: document.offices[o].holder for o in document.offices}
    made = [Finding(code, "name", Severity.WARNING, f"finding {n}",
                    tuple(Location("parts/rules-section.yaml", n + 1, i + 1, c) for i, c in enumerate(places)),
                    subjects=tuple(names)) for n, (code, places, names) in enumerate(findings)]
    written = tuple(Acknowledgement(clause, code, tuple(dict.fromkeys(holder.get(x, x) for x in names)), "why",
                                    Location("parts/rules-section.yaml", 100 + n, 3, clause))
                    for n, (code, clause, names) in enumerate(acks))
    out = apply_acknowledgements(replace(document, acknowledgements=written), made, {"SOD003", "CON003"})
    kept = [f for f in out if not f.code.startswith("ACK")]
    assert sorted(f.message for f in kept) == sorted(f.message for f in made)  # nothing dropped
    used = set()
    for f in kept:
        if f.suppression is None:
            continue
        [ack] = [a for a in written if a.location == f.suppression.location]
        used.add(ack.location)
        named = {holder.get(s, s) for s in f.subjects
                 if s in document.actors or s in document.offices or s in document.objects}
        places = {loc.clause for loc in f.locations if loc.clause}
        assert ack.code == f.code and set(ack.subjects) == named
        assert (ack.clause in places) if places else named
    by_ack: dict[Any, set[Any]] = {}
    for f in kept:
        if f.suppression is not None:
            by_ack.setdefault(f.suppression.location, set()).add(frozenset(f.subjects))
    assert all(len(identities) == 1 for identities in by_ack.values())  # one finding's identity each
    reported = {f.location for f in out if f.code == "ACK002"}
    assert all(a.location in used or a.location in reported for a in written)  # every ack accounted for


def test_on_the_noms_document_a_new_tension_about_the_director_general_is_blamed(tmp_path: Path) -> None:
    """A real repository with the NOMS document: 2.1.4 acknowledges the Director General on
    the OMSB.  A pull request that makes the Agency Board (which the Director General chairs)
    supervise the Agency brings a new SOD003 about the Director General: `fwdoc amend` blames
    it, unsuppressed, and still accepts the old one."""
    import os
    import subprocess
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "amend"))
    from gitrepo import ENV, Repo

    repo = Repo.create(tmp_path)
    repo.branch("board-supervision")
    repo.add_rules("2.1.5", '"will establish and chair a NOMS Agency board":\n  agency_board supervises noms_agency\n')
    fwdoc = Path(sys.executable).parent / "fwdoc"
    proc = subprocess.run([str(fwdoc), "amend", "--base", "main", "--format", "json"], cwd=repo.root,
                          env={**os.environ, **ENV}, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    [new] = [f for f in report["introduced"] if f["code"] == "SOD003" and "Director General" in f["message"]]
    assert "suppression" not in new and new["severity"] == "warning"
    assert "NOMS Agency board supervises" in new["message"] and new["clause"] == "noms-agency-board"
    result = load_document(repo.doc_dir)
    assert result.document is not None
    old = [f for f in run_checks(result.document, Context()) if f.code == "SOD003" and f.suppression is not None]
    assert len(old) == 1 and "omsb" in old[0].subjects
