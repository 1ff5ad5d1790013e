"""JUnit XML output, the report CI dashboards read (GitLab, Jenkins, Azure, CircleCI).

One test suite per check family, one test case per check code.  A check with an error fails
(one <failure>, its errors listed in it): as `fwdoc check` does by default, only an error fails.
Warnings, notes and accepted (suppressed) findings never fail a test case: they are listed in
its <system-out>, and counted in the suite's <properties> (`warnings`, `notes`, `accepted`), so
a passing job shows as passing on the dashboard.  A check with no finding passes.  Every code the run could report is listed, so a dashboard shows the checks that
passed as well as those that failed.

Every value from the source goes through `escape.xml_text`, so the report is valid XML 1.0
whatever the source holds (a NUL or an ESC written as a YAML escape is shown as `\\x00`).
"""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from checker.escape import visible, xml_text
from checker.findings import Finding, Severity
from checker.formats import Report


def _line(finding: Finding) -> str:
    loc = finding.location
    where = str(loc) + (f" ({loc.clause})" if loc.clause else "")
    text = f"{where}: {finding.severity} {finding.code} {finding.message}"
    for other in finding.locations[1:]:
        text += f"\n    also: {other}" + (f" ({other.clause})" if other.clause else "")
    if finding.suppression is not None:
        text += f"\n    suppressed ({finding.suppression.kind}): {finding.suppression.reason}"
    return xml_text(visible(text, keep="\n"))  # shown in CI logs: hidden characters as escapes


def _attr(text: str) -> str:
    """An attribute value: one line (XML parsers turn a raw tab or line break in an attribute
    into a space, so they are shown as escapes, as on a terminal), valid XML 1.0."""
    return xml_text(visible(text))


def render(report: Report) -> str:
    from checker.checks.reference import catalogue

    docs = catalogue()
    by_code: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_code[finding.code].append(finding)
    registered = {code for code, doc in docs.items() if doc.registered}
    codes = sorted(registered | set(by_code))
    families: dict[str, list[str]] = defaultdict(list)
    for code in codes:
        families[docs[code].family if code in docs else "other"].append(code)

    root = ET.Element("testsuites", name=_attr(f"fwdoc check {report.document}".strip()))
    totals = {"tests": 0, "failures": 0}
    for family in sorted(families):
        suite = ET.SubElement(root, "testsuite", name=f"fwdoc.{family}")
        failures = 0
        for code in families[family]:
            name = docs[code].name if code in docs else ""
            case = ET.SubElement(suite, "testcase", classname=f"fwdoc.{family}", name=_attr(f"{code} {name}".strip()))
            findings = by_code.get(code, [])
            failing = [f for f in findings if f.suppression is None and f.severity >= Severity.ERROR]
            if failing:
                failures += 1
                element = ET.SubElement(case, "failure", type=_attr(code),
                                        message=f"{len(failing)} error{'s' if len(failing) > 1 else ''}")
                element.text = "\n".join(_line(f) for f in failing)
            failing_ids = {id(f) for f in failing}
            quiet = [f for f in findings if id(f) not in failing_ids]
            if quiet:
                ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in quiet)
        found = [f for code in families[family] for f in by_code.get(code, [])]
        properties = ET.Element("properties")
        for name, number in (("warnings", sum(1 for f in found if f.suppression is None
                                              and f.severity is Severity.WARNING)),
                             ("notes", sum(1 for f in found if f.suppression is None and f.severity is Severity.INFO)),
                             ("accepted", sum(1 for f in found if f.suppression is not None))):
            ET.SubElement(properties, "property", name=name, value=str(number))
        suite.insert(0, properties)  # before the test cases, as the JUnit schema orders them
        suite.set("tests", str(len(families[family])))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        totals["tests"] += len(families[family])
        totals["failures"] += failures
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
