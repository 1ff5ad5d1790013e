"""Verified approvals: the approvals a record claims, checked against the pull request's reviews.

An amendment record says who approved the change; anyone can type that.  The document can
say who holds each office on GitHub, in a file the manifest names (`approvers: approvers.yaml`,
schema: checker/schemas/approvers.schema.json):

    approvers:
      permanent_secretary: [psmith]                     # GitHub logins
      director_general: [agency-dg, department/dg-office]  # or org/team slugs

`fwdoc amend --reviews FILE --head-commit SHA` reads the pull request's reviews as the GitHub
REST API returns them (`gh api repos/OWNER/REPO/pulls/N/reviews --paginate`) and reports each
required approval as

* **verified**: a holder's latest review approves the head commit being judged;
* **claimed**: the record carries the approval, but no holder approved the head commit;
* **missing**: neither.

The rules, each chosen so that an approval cannot be borrowed:

* the map is read from BASE, never from the pull request (a pull request that adds its
  author as a holder is judged by the holders it replaces, and is reported, REV002);
* a user's latest review counts; a COMMENTED review does not change where a user stands (as
  on GitHub); a later CHANGES_REQUESTED or DISMISSED review withdraws an approval;
* an approval counts for the commit it approved only: an approval of an earlier commit is
  *stale* and verifies nothing (the pushes after it can change anything, the record
  included), as GitHub's "dismiss stale approvals" setting has it;
* the reviews API names users, not teams: a team counts through `--team-members FILE` (a JSON
  map of team slug to members, as `gh api orgs/ORG/teams/TEAM/members` lists them), and a team
  nobody resolved verifies nothing;
* `--require-verified` makes every claimed-only approval an error (REV001).

Everything read here is untrusted: the reviews and team files through a bounded read, their
shape checked item by item (a problem is a `ReviewsError`: exit 2, never a guess).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from checker.amend.codes import CODES as AMEND_CODES
from checker.amend.judge import Judgement
from checker.findings import Finding, Location
from checker.model import Document

MAX_JSON_BYTES = 8 * 1024 * 1024  # a pull request with thousands of reviews is far below this
STATES = ("APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING")
# GitHub logins: letters, digits and single hyphens, at most 39 characters
LOGIN = re.compile(r"[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}")
TEAM = re.compile(rf"({LOGIN.pattern})/([A-Za-z0-9][A-Za-z0-9_.-]{{0,99}})")
SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")

# code -> (name, severity, what it catches), as checker/amend/codes.py declares the AMD codes
# the REV codes live with the other amendment codes (codes.py), so SARIF carries their metadata
CODES = {code: entry for code, entry in AMEND_CODES.items() if code.startswith("REV")}


class ReviewsError(Exception):
    """The reviews, team or approvers input cannot be read or has the wrong shape."""


def _finding(code: str, message: str, *locations: Location) -> Finding:
    name, severity, _ = CODES[code]
    return Finding(code, name, severity, message, tuple(locations))


# -- untrusted JSON: a bounded read ----------------------------------------------------------


def read_json(path: Path, what: str) -> Any:
    """A JSON file read through the guarded reader (checker/load/source.py): a regular file, no
    FIFO or device, at most MAX_JSON_BYTES whatever its size claims."""
    from checker.load.source import SourceRefused, read_source

    try:
        raw = read_source(path, Path(os.path.realpath(path)).parent, MAX_JSON_BYTES)
    except SourceRefused as err:
        if err.code == "SRC002":  # the reader's own words speak of parts
            raise ReviewsError(f"{path}: the {what} is over {MAX_JSON_BYTES:,} bytes; expected the JSON "
                               "the GitHub API returns") from None
        if err.code == "SRC014":
            raise ReviewsError(f"{path}: the {what} must be a regular file, not a device, FIFO or "
                               "socket") from None
        raise ReviewsError(f"{path}: cannot read the {what}: {err}") from None
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise ReviewsError(f"{path}: the {what} is not UTF-8 (byte {err.start})") from None
    except json.JSONDecodeError as err:
        raise ReviewsError(f"{path}:{err.lineno}:{err.colno}: the {what} is not valid JSON: {err.msg}") from None
    except RecursionError:
        raise ReviewsError(f"{path}: the {what} nests too deeply") from None


# -- reviews -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Review:
    login: str  # as GitHub spells it
    state: str
    submitted_at: str
    commit_id: str
    index: int  # position in the file (the API lists reviews oldest first)

    @property
    def user(self) -> str:
        return self.login.lower()  # GitHub logins are case-insensitive


def parse_reviews(data: Any, shown: str = "the reviews file") -> list[Review]:
    """The review objects of the GitHub REST API, checked one by one."""
    if not isinstance(data, list):
        raise ReviewsError(f"{shown}: expected a JSON array of review objects (as `gh api "
                           f"repos/OWNER/REPO/pulls/N/reviews --paginate` prints), found {_kind(data)}")
    out = []
    for index, item in enumerate(data):
        where = f"{shown}: review {index + 1}"
        if not isinstance(item, dict):
            raise ReviewsError(f"{where}: expected a review object, found {_kind(item)}")
        user = item.get("user")
        login = user.get("login") if isinstance(user, dict) else None
        if user is None:  # a review by a deleted account ("ghost"): nobody's approval
            continue
        if not isinstance(login, str) or not LOGIN.fullmatch(login):
            raise ReviewsError(f"{where}: expected 'user.login' to be a GitHub login, found {_kind(login)}")
        state = item.get("state")
        if state not in STATES:
            raise ReviewsError(f"{where}: expected 'state' to be one of {', '.join(STATES)}, found {_kind(state)}")
        submitted = item.get("submitted_at")
        if submitted is not None and not isinstance(submitted, str):
            raise ReviewsError(f"{where}: expected 'submitted_at' to be a date-time text, found {_kind(submitted)}")
        commit = item.get("commit_id")
        if commit is not None and not (isinstance(commit, str) and SHA.fullmatch(commit.lower())):
            raise ReviewsError(f"{where}: expected 'commit_id' to be a commit SHA, found {_kind(commit)}")
        out.append(Review(login, str(state), submitted or "", (commit or "").lower(), index))
    return out


def read_reviews(path: Path) -> list[Review]:
    return parse_reviews(read_json(path, "reviews file"), str(path))


def standing(reviews: list[Review]) -> dict[str, Review]:
    """Each user's latest review that says where the user stands (approved, changes requested
    or dismissed); COMMENTED reviews and unsubmitted (PENDING) ones do not change it."""
    out: dict[str, Review] = {}
    ordered = sorted(reviews, key=lambda r: (r.submitted_at, r.index))
    for review in ordered:
        if review.state in ("APPROVED", "CHANGES_REQUESTED", "DISMISSED"):
            out[review.user] = review
    return out


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false {str(value).lower()}"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return f"the text {json.dumps(value[:40])}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


# -- team members ------------------------------------------------------------------------------


def parse_team_members(data: Any, shown: str = "the team members file") -> dict[str, frozenset[str]]:
    """{"org/team": [logins or user objects]} -> team slug (lower case) -> logins (lower case)."""
    if not isinstance(data, dict):
        raise ReviewsError(f"{shown}: expected a JSON object mapping team slugs (org/team) to their "
                           f"members, found {_kind(data)}")
    out: dict[str, frozenset[str]] = {}
    for slug, members in data.items():
        if not TEAM.fullmatch(slug):
            raise ReviewsError(f"{shown}: {json.dumps(slug[:60])} is not a team slug; expected org/team")
        if not isinstance(members, list):
            raise ReviewsError(f"{shown}: {slug}: expected an array of members, found {_kind(members)}")
        logins = set()
        for member in members:
            login = member.get("login") if isinstance(member, dict) else member
            if not isinstance(login, str) or not LOGIN.fullmatch(login):
                raise ReviewsError(f"{shown}: {slug}: expected GitHub logins (or user objects with "
                                   f"'login'), found {_kind(login)}")
            logins.add(login.lower())
        out[slug.lower()] = frozenset(logins)
    return out


def read_team_members(path: Path) -> dict[str, frozenset[str]]:
    return parse_team_members(read_json(path, "team members file"), str(path))


# -- the approvers map -------------------------------------------------------------------------


@dataclass(frozen=True)
class Approvers:
    """Who holds each office on GitHub: actor id -> logins and team slugs (from one file)."""

    file: str  # relative to the document folder
    holders: Mapping[str, tuple[str, ...]]
    raw: Mapping[str, tuple[str, ...]]  # as written (keys may be offices), for comparison


def _confined(root: Path, rel: Any) -> tuple[Path | None, str]:
    """The approvers file inside the document folder, or why not."""
    if not isinstance(rel, str) or not rel.strip():
        return None, "expected the path of a file in the document folder"
    pure = PurePosixPath(rel)
    if pure.is_absolute() or "\\" in rel or any(p == ".." for p in pure.parts) or ":" in pure.parts[0]:
        return None, f"'{rel}' leaves the document folder; give a path inside it (e.g. approvers.yaml)"
    path = root / pure
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None, f"'{rel}' does not exist in the document folder"
    if not resolved.is_relative_to(root.resolve()):
        return None, f"'{rel}' is a link that leaves the document folder"
    if not resolved.is_file():
        return None, f"'{rel}' is not a regular file"
    return path, ""


def approvers_path(root: Path) -> str | None:
    """The manifest's `approvers:` value (None when the document names no approvers file)."""
    from checker.load.yamlfile import read_yaml

    manifest = read_yaml(root / "manifest.yaml", root)
    if not isinstance(manifest.data, dict) or "approvers" not in manifest.data:
        return None
    value = manifest.data["approvers"]
    return value if isinstance(value, str) else ""


def read_approvers(root: Path, document: Document) -> tuple[Approvers | None, list[Finding]]:
    """The approvers map of the document at `root` (None when it names none), and the problems
    with it as findings (schema errors with file, line and column; REV003)."""
    from checker.amend.approvals import resolve_actor
    from checker.load.schema import validate
    from checker.load.yamlfile import read_yaml

    rel = approvers_path(root)
    if rel is None:
        return None, []
    manifest_loc = document.manifest.location
    path, why = _confined(root, rel)
    if path is None:
        return None, [_finding("REV003", f"the manifest's approvers: {why}", manifest_loc)]
    doc = read_yaml(path, root)
    if doc.data is None or not validate(doc, "approvers"):
        return None, list(doc.findings)
    data = doc.data["approvers"]
    holders: dict[str, tuple[str, ...]] = {}
    raw: dict[str, tuple[str, ...]] = {}
    problems: list[Finding] = []
    for key, names in data.items():
        pos = data.key_pos.get(key) if hasattr(data, "key_pos") else None
        loc = Location(doc.rel, pos.line if pos else 1, pos.column if pos else 1)
        actor = resolve_actor(document, key)
        if actor is None:
            from checker.suggest import did_you_mean

            known = [*document.actors, *document.offices]
            problems.append(_finding("REV003", f"the approvers map names '{key}', which is not an actor or "
                                     f"office of the document{did_you_mean(key, known)}", loc))
            continue
        raw[key] = tuple(names)
        holders[actor] = tuple(dict.fromkeys((*holders.get(actor, ()), *names)))
    return Approvers(doc.rel, holders, raw), problems


# -- verification ------------------------------------------------------------------------------


VERIFIED, CLAIMED, MISSING = "verified", "claimed", "missing"


@dataclass(frozen=True)
class Check:
    """One required approval, as the reviews bear it out."""

    actor: str
    name: str
    parts: tuple[str, ...]
    recorded: bool  # the record carries the approval
    status: str  # verified | claimed | missing
    by: tuple[str, ...] = ()  # holders whose approval of the head commit verifies it
    stale: tuple[tuple[str, str], ...] = ()  # (holder, commit) approvals of an earlier commit
    withdrawn: tuple[tuple[str, str], ...] = ()  # (holder, state): a later review took it back
    holders: tuple[str, ...] = ()  # the logins and teams the map lists
    unresolved: tuple[str, ...] = ()  # teams listed but not resolved (no --team-members)


@dataclass(frozen=True)
class Verification:
    """What the comment says about verified approvals: always present, even without reviews."""

    reviewed: bool  # reviews were given (--reviews)
    head_commit: str = ""
    approvers_file: str | None = None
    checks: tuple[Check, ...] = ()
    required: bool = False  # --require-verified
    findings: tuple[Finding, ...] = field(default=())

    @property
    def verified(self) -> list[Check]:
        return [c for c in self.checks if c.status == VERIFIED]


def _holder_logins(identities: tuple[str, ...], teams: Mapping[str, frozenset[str]]) -> tuple[dict[str, str], list[str]]:
    """login (lower) -> the identity it holds the office through; the teams nobody resolved."""
    out: dict[str, str] = {}
    unresolved = []
    for identity in identities:
        if "/" in identity:
            members = teams.get(identity.lower())
            if members is None:
                unresolved.append(identity)
                continue
            for login in sorted(members):
                out.setdefault(login, identity)
        else:
            out.setdefault(identity.lower(), identity)
    return out, unresolved


def verify(lines: list[Any], approvers: Approvers | None, reviews: list[Review] | None, head_commit: str,
           teams: Mapping[str, frozenset[str]] | None = None) -> list[Check]:
    """Each required approval line (judge's ApprovalLine: actor, name, parts, given) checked
    against the reviews of `head_commit`; without reviews every recorded approval is claimed."""
    teams = teams or {}
    latest = standing(reviews) if reviews is not None else {}
    by_login = {r.user: r.login for r in reviews or []}
    out = []
    for line in lines:
        if not line.parts:
            continue  # an approval no rule requires: shown by the report, never counted
        identities = approvers.holders.get(line.actor, ()) if approvers else ()
        logins, unresolved = _holder_logins(identities, teams)
        by, stale, withdrawn = [], [], []
        for login in sorted(logins):
            review = latest.get(login)
            if review is None:
                continue
            shown = by_login.get(login, login)
            if review.state != "APPROVED":
                withdrawn.append((shown, review.state))
            elif review.commit_id and review.commit_id == head_commit.lower():
                by.append(shown)
            else:
                stale.append((shown, review.commit_id))
        status = VERIFIED if by else (CLAIMED if line.given else MISSING)
        out.append(Check(line.actor, line.name, tuple(line.parts), bool(line.given), status, tuple(by),
                         tuple(stale), tuple(withdrawn), identities, tuple(unresolved)))
    return out


def unverified_findings(checks: list[Check], records: list[Any], approvers: Approvers | None,
                        head_commit: str, document: Document) -> list[Finding]:
    """REV001 for each claimed-only approval (--require-verified), at the record's approval."""
    from checker.amend.approvals import resolve_actor

    out = []
    for check in checks:
        if check.status != CLAIMED:
            continue
        where = next((a.location for r in records for a in r.approvals
                      if resolve_actor(document, a.actor) == check.actor), None)
        loc = where or (records[0].location if records else document.manifest.location)
        if approvers is None:
            why = "the document names no approvers map (approvers: in the manifest), so no review can verify it"
        elif not check.holders:
            why = f"{approvers.file} lists nobody for {check.actor}"
        else:
            why = f"no holder ({', '.join(check.holders)}) approved the head commit {head_commit[:12]}"
            if check.stale:
                why += "; " + ", ".join(f"{who} approved an earlier commit {sha[:12] or '(unknown)'}"
                                        for who, sha in check.stale)
            if check.withdrawn:
                why += "; " + ", ".join(f"{who}'s latest review is {state.lower().replace('_', ' ')}"
                                        for who, state in check.withdrawn)
            if check.unresolved:
                why += f"; the teams {', '.join(check.unresolved)} were not resolved (give --team-members)"
        out.append(_finding("REV001", f"the approval of {check.name} ({', '.join(check.parts)}) is claimed "
                                      f"by the record but not verified: {why}", loc))
    return out


def approvers_changed(base: Approvers | None, head: Approvers | None, head_root: Path,
                      document: Document) -> list[Finding]:
    """REV002 when the pull request changes who holds an office (the map's entries or its file)."""
    before = dict(base.raw) if base else {}
    after = dict(head.raw) if head else {}
    if before == after and (base is None) == (head is None):
        return []
    keys = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    what = f"the entries for {', '.join(keys)}" if keys else "the approvers map"
    loc = Location(head.file, 1, 1) if head else document.manifest.location
    return [_finding("REV002", f"the pull request changes {what} (who holds the offices on GitHub); it is "
                               "judged by the map of BASE, and the new map will judge later pull requests: "
                               "have the repository's owners review it", loc)]


# -- the judgement, with its verification ------------------------------------------------------


@dataclass
class VerifiedJudgement(Judgement):
    """A judgement that carries its approvals' verification (what `fwdoc amend` reports)."""

    verification: Verification = field(default_factory=lambda: Verification(False))


def with_verification(judgement: Judgement, verification: Verification) -> VerifiedJudgement:
    """The judgement as a `VerifiedJudgement` (the same fields, plus the verification)."""
    from dataclasses import fields

    values = {f.name: getattr(judgement, f.name) for f in fields(judgement)}
    values.pop("verification", None)
    return VerifiedJudgement(**values, verification=verification)


def verification_of(judgement: Judgement) -> Verification:
    """What the report says about verified approvals: the verification `fwdoc amend` made, or,
    for a judgement made without it, every recorded approval as claimed."""
    if isinstance(judgement, VerifiedJudgement):
        return judgement.verification
    return Verification(False, checks=tuple(verify(judgement.approvals, None, None, "")))
