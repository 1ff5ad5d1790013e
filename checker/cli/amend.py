"""`fwdoc amend`: judge an amendment (two folders, or a git ref and the working tree) and
`fwdoc amend record`: write the amendment record from the real change."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from checker.cli.common import UsageError, append_step_summary, display_root, parse_date, printable, relocate
from checker.cli.helpfmt import FullHelpGroup
from checker.findings import Severity

if TYPE_CHECKING:
    from checker.amend.judge import Judgement
    from checker.amend.report import Links


class _DefaultGroup(FullHelpGroup):
    """`fwdoc amend BASE HEAD` and `fwdoc amend --base REF` judge the amendment; `fwdoc amend
    record` writes its record.  The judging is the group's default (its options are the group's
    options in `fwdoc amend --help`); `fwdoc amend compare ...` is the same, kept for scripts."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["compare", *args]
        return super().parse_args(ctx, args)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        judging = self.commands["compare"]
        judging.format_help(click.Context(judging, info_name=ctx.info_name, parent=ctx.parent), formatter)
        self.format_commands(ctx, formatter)


@click.group("amend", cls=_DefaultGroup)
def command() -> None:
    """Judge an amendment (the default), or write its record."""


@contextmanager
def _versions(paths: tuple[Path, ...], base_ref: str | None) -> Iterator[tuple[Path, Path, str, str]]:
    """(base folder, head folder, base label, head label) for folders or a git ref."""
    from checker.amend import gitrefs

    if base_ref is None:
        if len(paths) != 2:
            raise UsageError("give two document folders (BASE HEAD), or --base REF [PATH]")
        base, head = paths
        for path in paths:
            if not path.is_dir():
                raise UsageError(f"{path}: not a folder; expected a framework document folder")
        yield base, head, display_root(base), display_root(head)
        return
    if len(paths) > 1:
        raise UsageError("with --base REF give at most one PATH (the document folder in the working tree)")
    head = paths[0] if paths else Path("framework")
    if not head.is_dir():
        raise UsageError(f"{head}: not a folder; expected a framework document folder")
    try:
        repo = gitrefs.repo_root(head.resolve())
        commit = gitrefs.merge_base(repo, base_ref)
        with tempfile.TemporaryDirectory(prefix="fwdoc-base-") as tmp:
            base = gitrefs.materialise(repo, commit, head.resolve(), Path(tmp))
            label = f"{base_ref}@{gitrefs.describe(repo, commit)}"
            yield base, head, label, "working tree"
    except gitrefs.GitError as err:
        raise UsageError(str(err)) from None


@command.command("compare", short_help="The same as `fwdoc amend` (kept for scripts that name it).")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[BASE HEAD | PATH]")
@click.option("--base", "base_ref", metavar="REF",
              help="Compare the merge-base of REF and HEAD with the working tree at PATH (default framework).")
@click.option("--format", "fmt", default="markdown", show_default=True,
              help="markdown, json, github or sarif.")
@click.option("--output", "-o", type=click.Path(path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--summary", "summary_path", type=click.Path(path_type=Path),
              help="Also write the markdown verdict to this file (for a pull-request comment step).")
@click.option("--write", "extra", multiple=True, metavar="FORMAT:FILE",
              help="Also write the report in FORMAT to FILE, from the same run (repeatable).")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="warning", show_default=True,
              help="Exit 1 when the amendment brings a problem of this severity or worse "
                   "(an amendment must not make the document worse).")
@click.option("--today", metavar="DATE", help="Judge dates against DATE, not today.")
@click.option("--reviews", "reviews_path", type=click.Path(path_type=Path), metavar="FILE",
              help="The pull request's reviews as the GitHub API returns them (`gh api "
                   "repos/OWNER/REPO/pulls/N/reviews --paginate`): verify each required approval "
                   "against the holders in the document's approvers map (of BASE).")
@click.option("--head-commit", metavar="SHA",
              help="The pull request's head commit (40 hex digits): named in the comment, and files linked "
                   "at it; with --reviews only approvals of it count.  Default: the pull request's head in "
                   "GITHUB_EVENT_PATH, else HEAD when the document folder has no uncommitted change.")
@click.option("--repository-url", metavar="URL",
              help="The repository's web address (https://github.com/OWNER/REPO), to link each file:line "
                   "to the file at the head commit.  Default: GITHUB_SERVER_URL/GITHUB_REPOSITORY.")
@click.option("--help-base-url", metavar="URL",
              help="The published site's URL, to link each code to its reference page; default: the "
                   "manifest's site_url, else the repository's docs/checks/ when it has them.")
@click.option("--team-members", "teams_path", type=click.Path(path_type=Path), metavar="FILE",
              help="With --reviews: a JSON map of team slug (org/team) to its members, for holders "
                   "the approvers map names as teams (the reviews API names users only).")
@click.option("--require-verified", is_flag=True,
              help="With --reviews: an approval the record claims but no holder approved is an error (REV001).")
def compare(paths: tuple[Path, ...], base_ref: str | None, fmt: str, output: Path | None,
            summary_path: Path | None, extra: tuple[str, ...], fail_on: str, today: str | None,
            reviews_path: Path | None, head_commit: str | None, repository_url: str | None,
            help_base_url: str | None, teams_path: Path | None, require_verified: bool) -> None:
    """Judge an amendment: compare BASE and HEAD (two folders), or --base REF with the working tree.

    Reports the clauses added, removed, moved and changed (with a word diff), the rule changes
    in words, the approvals needed (from BASE's amendment rules) and given, whether the record
    lists exactly what changed, the findings HEAD introduces, references to renumbered or
    removed clauses and stale formalisations, each problem with the command that fixes it.
    With --format github the markdown is also appended to $GITHUB_STEP_SUMMARY when it is set.
    Exit status: 0 the amendment is acceptable, 1 it is not, 2 usage or I/O problem.

    \b
    Examples:
      fwdoc amend old-framework framework                 compare two folders
      fwdoc amend --base origin/main                      the merge-base of origin/main with
                                                          the working tree (framework/)
      fwdoc amend --base origin/main --format github      annotations + job summary in CI
      fwdoc amend --base origin/main --format sarif --output amend.sarif
      fwdoc amend record --base main --id 2009-01-annex-c --title "..." --proposer director_general
    """
    from checker.amend.judge import judge
    from checker.amend.report import FORMATS, markdown
    from checker.checks import Context
    from checker.cli.common import writable_output
    from checker.fileio import write_atomic
    from checker.loader import LoadError

    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}'; expected one of {', '.join(sorted(FORMATS))}")
    extras: list[tuple[str, Path]] = []
    for item in extra:
        name, sep, file = item.partition(":")
        if not sep or not file or name not in FORMATS:
            raise UsageError(f"--write '{item}': expected FORMAT:FILE with FORMAT one of "
                             f"{', '.join(sorted(FORMATS))}")
        extras.append((name, Path(file)))
    # refuse outputs into the document (either revision's folder) before any work is done
    targets = [("--output", output), ("--summary", summary_path), *(("--write", f) for _, f in extras)]
    for document in paths or (Path("framework"),):
        for option, target in targets:
            writable_output(document, target, option)
    day = parse_date(today)
    reviewed = _review_inputs(reviews_path, head_commit, teams_path, require_verified)
    head_sha = _head_commit(head_commit, paths, base_ref)
    with _versions(paths, base_ref) as (base, head, base_label, head_label):
        if head_sha and head_label == "working tree":
            head_label = head_sha[:7]
        try:
            j = judge(base, head, base_label, head_label, Context(today=day) if day else Context(),
                      Severity.parse(fail_on))
        except LoadError as err:
            raise UsageError(str(err)) from None
        j = _verified(j, base, head, reviewed, require_verified)
    prefix = display_root(head)
    j.document = prefix
    j.findings = relocate(j.findings, prefix)
    j.introduced = relocate(j.introduced, prefix)
    links = _links(head, head_sha, repository_url, help_base_url, j, paths, base_ref)
    text = FORMATS[fmt](j, links)
    if output is not None:
        write_atomic(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)
    if summary_path is not None:
        extras.append(("markdown", summary_path))
    for name, target in extras:
        write_atomic(target, FORMATS[name](j, links).encode("utf-8"))
    if fmt == "github":
        append_step_summary(markdown(j, links))
    raise SystemExit(0 if j.acceptable else 1)


_SHA = re.compile(r"[0-9a-f]{40}")
_REPO_URL = re.compile(r"https://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~-]+)+")


def _head_commit(given: str | None, paths: tuple[Path, ...], base_ref: str | None) -> str:
    """The head commit: --head-commit; else the pull request's head in GitHub's event file; else,
    with --base, HEAD of the repository when the document folder has no uncommitted change."""
    if given:
        if not _SHA.fullmatch(given.lower()):
            raise UsageError(f"--head-commit '{printable(given, 80)}': expected a commit SHA (40 hex digits)")
        return given.lower()
    event = os.environ.get("GITHUB_EVENT_PATH", "")
    if event:
        sha = _event_head(Path(event))
        if sha:
            return sha
    if base_ref is None:
        return ""
    head = paths[0] if paths else Path("framework")
    return _clean_head(head)


def _event_head(path: Path) -> str:
    """pull_request.head.sha from the runner's event file (a bounded read; '' when absent)."""
    import json

    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.read(5_000_000))
        sha = data["pull_request"]["head"]["sha"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""
    return sha.lower() if isinstance(sha, str) and _SHA.fullmatch(sha.lower()) else ""


def _clean_head(folder: Path) -> str:
    """HEAD's SHA when `folder` is in a git repository and has no uncommitted change, else ''."""
    import subprocess

    try:
        status = subprocess.run(["git", "-C", str(folder), "status", "--porcelain", "--", "."],
                                capture_output=True, timeout=30, check=True)
        if status.stdout.strip():
            return ""
        head = subprocess.run(["git", "-C", str(folder), "rev-parse", "HEAD"], capture_output=True,
                              timeout=30, check=True)
    except (OSError, subprocess.SubprocessError):
        return ""
    sha = head.stdout.decode("ascii", "replace").strip().lower()
    return sha if _SHA.fullmatch(sha) else ""


def _links(head: Path, head_sha: str, repository_url: str | None, help_base_url: str | None, j: Judgement,
           paths: tuple[Path, ...], base_ref: str | None) -> Links:
    """What the reports may link to (checker/amend/report.py: Links)."""
    from checker.amend.report import Links
    from checker.formats import help_base_of

    url = repository_url
    if url is None and os.environ.get("GITHUB_REPOSITORY"):
        url = f"{os.environ.get('GITHUB_SERVER_URL') or 'https://github.com'}/{os.environ['GITHUB_REPOSITORY']}"
    if url is not None and not _REPO_URL.fullmatch(url.rstrip("/")):
        raise UsageError(f"--repository-url '{printable(url, 200)}': expected https://HOST/OWNER/REPO")
    files = docs = ""
    # outside a git repository (two folders copied out), the working folder stands for its root
    root = _repository_root(head) or Path.cwd().resolve()
    if url and head_sha:
        place = os.path.relpath(Path.cwd().resolve(), root)
        if not place.startswith(".."):
            prefix = "" if place == "." else Path(place).as_posix() + "/"
            files = f"{url.rstrip('/')}/blob/{head_sha}/{prefix}"
        if (root / "docs" / "checks" / "index.md").is_file():
            docs = f"{url.rstrip('/')}/blob/{head_sha}/docs/checks/"
    site_url = getattr(j.head_doc.manifest, "site_url", None) if j.head_doc is not None else None
    base_option = f"--base {base_ref}" if base_ref else f"--base-dir {paths[0].as_posix()}" if paths else ""
    return Links(files, help_base_of(help_base_url, site_url), docs, base_option)


def _repository_root(folder: Path) -> Path | None:
    from checker.amend import gitrefs

    try:
        return gitrefs.repo_root(folder.resolve())
    except gitrefs.GitError:
        return None


@dataclass(frozen=True)
class _ReviewInputs:
    reviews: list[Any] | None  # None: no --reviews (approvals are claimed, not verified)
    head_commit: str
    teams: dict[str, frozenset[str]]


def _review_inputs(reviews_path: Path | None, head_commit: str | None, teams_path: Path | None,
                   require_verified: bool) -> _ReviewInputs:
    """Read the reviews and team members up front: a malformed file is exit 2 before any work."""
    from checker.amend import reviews

    if reviews_path is None:
        for given, name in ((teams_path, "--team-members"),
                            (require_verified or None, "--require-verified")):
            if given is not None:
                raise UsageError(f"{name} needs --reviews FILE (the pull request's reviews, from "
                                 "`gh api repos/OWNER/REPO/pulls/N/reviews --paginate`)")
        return _ReviewInputs(None, "", {})
    if not head_commit or not reviews.SHA.fullmatch(head_commit.lower()):
        raise UsageError("--reviews needs --head-commit SHA, the pull request's head commit (40 hex digits, "
                         "e.g. ${{ github.event.pull_request.head.sha }}): an approval counts only for "
                         "the commit it approved" + (f"; '{head_commit}' is not one" if head_commit else ""))
    try:
        found = reviews.read_reviews(reviews_path)
        teams = reviews.read_team_members(teams_path) if teams_path is not None else {}
    except reviews.ReviewsError as err:
        raise UsageError(str(err)) from None
    return _ReviewInputs(found, head_commit.lower(), teams)


def _verified(j: Judgement, base: Path, head: Path, inputs: _ReviewInputs,
              require_verified: bool) -> Judgement:
    """The judgement with its approvals checked against the reviews (or marked claimed), the
    approvers maps of both versions compared, and REV findings added."""
    from checker.amend import reviews
    from checker.amend.judge import new_findings
    from checker.findings import sort_findings

    if j.base_doc is None or j.head_doc is None:
        return reviews.with_verification(j, reviews.Verification(inputs.reviews is not None))
    base_map, base_problems = reviews.read_approvers(base, j.base_doc)
    if inputs.reviews is not None and base_problems:
        first = base_problems[0]
        raise UsageError(f"the approvers map of the base version cannot be used, so no approval can be "
                         f"verified: {first.location}: {first.message}")
    head_map, head_problems = reviews.read_approvers(head, j.head_doc)
    added = new_findings(base_problems, head_problems)[0]
    added += reviews.approvers_changed(base_map, head_map, head, j.head_doc)
    checks = reviews.verify(j.approvals, base_map, inputs.reviews, inputs.head_commit, inputs.teams)
    if require_verified:
        added += reviews.unverified_findings(checks, j.records, base_map, inputs.head_commit, j.base_doc)
    j.findings = sort_findings([*j.findings, *added])
    return reviews.with_verification(j, reviews.Verification(
        inputs.reviews is not None, inputs.head_commit, base_map.file if base_map else None, tuple(checks),
        require_verified, tuple(added)))


def _approval(value: str) -> dict[str, str]:
    actor, sep, rest = value.partition(":")
    day, _, reference = rest.partition(":")
    if not sep or not actor or not day:
        raise UsageError(f"--approval '{value}': expected ACTOR:DATE[:REFERENCE], "
                         "e.g. permanent_secretary:2009-02-02:Letter PS/09/014")
    parse_date(day)
    out = {"actor": actor.strip(), "date": day.strip()}
    if reference.strip():
        out["reference"] = reference.strip()
    return out


@command.command("record")
@click.argument("path", type=click.Path(path_type=Path), default="framework", required=False)
@click.option("--base", "base_ref", metavar="REF", help="The git ref the amendment starts from (its merge-base).")
@click.option("--base-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Or: a folder holding the version before the amendment.")
@click.option("--id", "record_id", required=True, help="The amendment id (a slug; the file name).")
@click.option("--title", help="A one-line title.")
@click.option("--rationale", help="Why the amendment is made.")
@click.option("--proposer", help="Who proposes it (an actor id).")
@click.option("--proposed", metavar="DATE", help="The date it was proposed (default: today, for a new record).")
@click.option("--in-force", "in_force", metavar="DATE", help="The date it comes into force.")
@click.option("--status", type=click.Choice(["proposed", "approved", "in-force", "rejected", "withdrawn"]))
@click.option("--approval", "approvals", multiple=True, metavar="ACTOR:DATE[:REFERENCE]",
              help="An approval (repeatable).")
@click.option("--rules-reviewed", "reviewed", multiple=True, metavar="CLAUSE",
              help="A clause whose rules were reviewed against its changed prose (repeatable).")
def record(path: Path, base_ref: str | None, base_dir: Path | None, record_id: str, title: str | None,
           rationale: str | None, proposer: str | None, proposed: str | None, in_force: str | None,
           status: str | None, approvals: tuple[str, ...], reviewed: tuple[str, ...]) -> None:
    """Write (or update) the amendment record for the change from the base to PATH.

    Lists the clauses the change really adds, removes, changes and moves, the rule changes in
    words and the before-images `--as-at` needs.  Run it again after further edits: it keeps
    the title, approvals and dates already in the record.

    \b
    Examples:
      fwdoc amend record --base main --id 2009-01-annex-c --title "Annual review" --proposer director_general
      fwdoc amend record --base main --id 2009-01-annex-c --status approved --in-force 2009-04-01 \\
          --approval "permanent_secretary:2009-02-02:Letter PS/09/014"
    """
    import re
    from datetime import date

    from checker.amend.records import load_records
    from checker.amend.write import RecordError, RecordOptions, write_record

    if (base_ref is None) == (base_dir is None):
        raise UsageError("give the version before the amendment: --base REF or --base-dir FOLDER")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", record_id):
        raise UsageError(f"--id '{record_id}': expected a slug of lowercase letters, digits and hyphens")
    for value in (proposed, in_force):
        parse_date(value)
    if not path.is_dir():
        raise UsageError(f"{path}: not a folder; expected a framework document folder")
    existing = load_records(path).by_id().get(record_id)
    if existing is None:
        missing = [name for name, value in (("--title", title), ("--proposer", proposer)) if not value]
        if missing:
            raise UsageError(f"a new record needs {' and '.join(missing)}")
    options = RecordOptions(record_id, title, rationale, proposer,
                            proposed or (None if existing else date.today().isoformat()), in_force, status,
                            [_approval(a) for a in approvals], list(reviewed))
    with _versions((base_dir, path) if base_dir else (path,), base_ref) as (base, head, _, _):
        try:
            written = write_record(base, head, options)
        except RecordError as err:
            hint = " (an approved or in-force amendment needs --in-force and an --approval)" \
                if status in ("approved", "in-force") else ""
            raise UsageError(f"the record '{record_id}' would not be valid: {err}{hint}") from None
    written_record = load_records(path).by_id().get(record_id)
    if written_record is None:
        problems = [f for f in load_records(path).findings if f.location.file.endswith(f"{record_id}.yaml")]
        for problem in problems:
            click.echo(printable(f"{display_root(path)}/{problem.location}: {problem.severity} "
                                 f"{problem.code} {problem.message}"), err=True)
        raise UsageError(f"{display_root(written)}: written, but the record is not valid (see above)")
    changes: Any = written_record.data.get("changes") or {}
    counts = ", ".join(f"{len(changes.get(k) or [])} {k}" for k in ("changed", "added", "removed", "moved"))
    click.echo(f"{display_root(written)}: amendment '{record_id}' recorded ({counts})")
