"""The CI output formats: GitHub annotations and JUnit XML, built from the finding records."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from checker.findings import Finding, Location, Severity, Suppression
from checker.formats import Report, formatters

FINDINGS = [
    Finding("CON001", "deontic-contradiction", Severity.ERROR, "the Agency must publish 'x' (1.1) and must not",
            (Location("framework/parts/a.yaml", 4, 7, "one"), Location("framework/parts/b.yaml", 9, 3, "two"))),
    Finding("GLO001", "undefined-acronym", Severity.WARNING, "'DEL' is used 100% of the time,\nsay: twice",
            (Location("framework/parts/a,b.yaml", 2, 1, "one"),)),
    Finding("DUP001", "duplicate-rule", Severity.INFO, "stated twice", (Location("framework/parts/a.yaml", 5, 1),)),
    Finding("SOD003", "member-of-own-supervisor", Severity.INFO, "the Board includes the supervised",
            (Location("framework/parts/a.yaml", 6, 1),),
            Suppression("inSource", "the workings do not dilute (acknowledged in 2.1.4)")),
]


def _report() -> Report:
    return Report(FINDINGS, {"rules": 3}, "framework", "A document")


def test_github_annotations() -> None:
    lines = formatters()["github"](_report()).splitlines()
    assert lines[0] == ("::error file=framework/parts/a.yaml,line=4,col=7,title=CON001 deontic-contradiction::"
                        "the Agency must publish 'x' (1.1) and must not [also: framework/parts/b.yaml:9:3 (two)]")
    # data is escaped (%, newline); properties also escape ',' and ':'
    assert lines[1] == ("::warning file=framework/parts/a%2Cb.yaml,line=2,col=1,title=GLO001 undefined-acronym::"
                        "'DEL' is used 100%25 of the time,%0Asay: twice")
    assert lines[2].startswith("::notice file=framework/parts/a.yaml,line=5,col=1,title=DUP001 duplicate-rule::")
    assert lines[3].startswith("::notice ") and "suppressed (inSource)" in lines[3] and "do not dilute" in lines[3]
    assert lines[-1] == "::notice title=fwdoc check::1 error, 1 warning, 1 note, 1 accepted"


def test_junit_report() -> None:
    text = formatters()["junit"](_report())
    root = ET.fromstring(text)
    assert root.tag == "testsuites"
    cases = {case.get("name", "").split()[0]: case for case in root.iter("testcase")}
    assert "CON001" in cases and "ACC001" in cases  # every check, passing ones too
    failure = cases["CON001"].find("failure")
    assert failure is not None and failure.get("type") == "CON001"
    assert "framework/parts/a.yaml:4:7 (one)" in (failure.text or "")
    assert cases["ACC001"].find("failure") is None
    assert cases["SOD003"].find("failure") is None  # suppressed: reported in system-out
    assert "suppressed (inSource)" in (cases["SOD003"].findtext("system-out") or "")
    assert cases["DUP001"].find("failure") is None  # info does not fail
    failures = sum(int(suite.get("failures", "0")) for suite in root.iter("testsuite"))
    assert failures == int(root.get("failures", "-1")) == 1  # the error; a warning never fails
    glo = cases["GLO001"]
    assert glo.find("failure") is None and "warning GLO001" in (glo.findtext("system-out") or "")
    props = {(p.get("name"), p.get("value")) for p in root.iter("property")}
    assert ("warnings", "1") in props and ("accepted", "1") in props
    assert formatters()["junit"](_report()) == text  # deterministic
