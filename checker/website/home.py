"""The home page: what the document is, its status and dates, its parts and who does what;
and, for maintainers, the page of what `fwdoc check` reports (under Reference)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

from checker.website import urls
from checker.website.history import amendment_in_force
from checker.website.pages import Item, Site, SitePage
from checker.website.reference import check_codes

FINDINGS_SHOWN = 100  # the report page lists this many findings; `fwdoc check` gives them all
LEADING_ACTORS = 8  # the home page's "who does what": the actors the rules say most about


def pages(site: Site) -> Iterator[Item]:
    document = site.document
    manifest = document.manifest
    try:
        review_passed = date.fromisoformat(str(manifest.review_by)) < site.data.today
    except ValueError:
        review_passed = False
    order = {a: i for i, a in enumerate(document.actors)}
    counts = {a: len(document.rules_by_actor.get(a, ())) for a in document.actors}
    leading = sorted((a for a in document.actors if counts[a]), key=lambda a: (-counts[a], order[a]))
    yield site.page(
        urls.HOME, manifest.title, "home.html", nav_title="Home", boost=1.0,
        manifest=manifest, review_passed=review_passed, amendment=amendment_in_force(site),
        stats=document.stats,
        leading=[(document.actors[a], counts[a]) for a in leading[:LEADING_ACTORS]],
    )


def report(site: Site) -> SitePage:
    """What `fwdoc check` reports on this version: for maintainers, not the home page."""

    document = site.document
    by_code: Counter[str] = Counter()
    names: dict[str, tuple[str, str]] = {}
    for finding in site.data.findings:
        by_code[finding.code] += 1
        names.setdefault(finding.code, (finding.name, str(finding.severity)))
    codes = sorted(by_code, key=lambda c: ({"error": 0, "warning": 1, "info": 2}.get(names[c][1], 3), c))
    summary: list[dict[str, Any]] = [
        {"code": c, "name": names[c][0], "severity": names[c][1], "count": by_code[c]} for c in codes
    ]
    return site.page(
        urls.REPORT, "What fwdoc check reports", "report.html", nav_title="What the checks report",
        boost=0.1, manifest=document.manifest, counts=site.data.counts, summary=summary,
        findings=site.data.findings[:FINDINGS_SHOWN], more=max(0, len(site.data.findings) - FINDINGS_SHOWN),
        checks=check_codes(), coverage=site.data.coverage,
    )
