"""The build driver: load and check, run mkdocs into a temporary folder, swap it into place.

    1. load and check the document (or take what `fwdoc build` loaded); a document the check
       finds errors in is not built (SiteError, listing them): a broken part is never
       silently left out of the site
    2. set SOURCE_DATE_EPOCH from the document's published date (mkdocs dates the sitemap
       and its gzip header with it), so that two builds are byte-identical
    3. run mkdocs (strict: any warning fails the build) into a new folder beside the output
    4. swap the new folder in (checker/fileio.replace_dir, under a lock on the parent folder, so
       concurrent builds into one folder take turns and the last one wins whole); on any
       failure the previous site stays as it was and SiteError says why; on any exit, the
       signals included (see checker/cli main), the temporary folder is removed
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from checker.findings import Severity
from checker.grammar_path import data_dir
from checker.website.data import SiteData, SiteError, load_site_data, source_date_epoch
from checker.website.hooks import REQUEST_KEY, BuildRequest, Progress


@dataclass(frozen=True)
class SiteResult:
    output: Path
    pages: int
    seconds: float


def config_file() -> Path:
    return data_dir("site") / "mkdocs.yml"


class _Capture(logging.Handler):
    """Keeps what mkdocs logs at WARNING and above: the reasons a strict build fails."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


@contextmanager
def _environ(**values: str) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextmanager
def _captured() -> Iterator[_Capture]:
    logger = logging.getLogger("mkdocs")
    handler = _Capture()
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


# Written into every site fwdoc builds: only a folder holding it (and a home page) is replaced
# whole by the next build, so a web root that merely has an index.html and a sitemap.xml (and
# a .git, notes...) is never deleted.
STAMP = ".fwdoc-site"
STAMP_TEXT = ("This folder is a website built by `fwdoc site`; the next build replaces it whole.\n"
              "Do not keep anything else here.\n")


def built_by_fwdoc(folder: Path) -> bool:
    """Whether `folder` is a site fwdoc built: its stamp, and a home page, both regular files."""
    stamp = folder / STAMP
    if stamp.is_symlink() or not stamp.is_file() or not (folder / "index.html").is_file():
        return False
    try:
        with stamp.open("rb") as handle:  # a bounded read: the stamp is a few dozen bytes
            return handle.read(len(STAMP_TEXT) + 1) == STAMP_TEXT.encode("utf-8")
    except OSError:
        return False


def check_site_output(document: Path, output: Path) -> None:
    """Refuse an output the swap would destroy: the document itself, a folder holding it, or a
    folder of other files (a built site has an index.html and a sitemap.xml)."""
    if output == document or output in document.parents or document in output.parents:
        raise SiteError(f"{output}: the site cannot be built there: it would replace the document "
                        f"folder {document} (or be built inside it); choose another --output")
    if output.exists() and (not output.is_dir() or (any(output.iterdir()) and not built_by_fwdoc(output))):
        raise SiteError(f"{output}: exists and is not a site fwdoc built before (it has no {STAMP}), "
                        "so it will not be replaced; choose a new or empty folder")


ERRORS_SHOWN = 20


def refuse_errors(data: SiteData, document: Path) -> None:
    """Raise SiteError, listing them (escaped), when the check finds errors in the document.

    A document with errors is not published, as `fwdoc publish` and `fwdoc build` refuse it:
    a part that cannot be read (invalid YAML, a link out of the document) would otherwise
    vanish from the site without a word, and the previous, whole site be replaced by it."""
    from checker.formats.text import line

    errors = [f for f in data.findings if f.severity is Severity.ERROR and f.suppression is None]
    if not errors:
        return
    shown = "\n  ".join(line(f).plain for f in errors[:ERRORS_SHOWN])
    more = f"\n  ... and {len(errors) - ERRORS_SHOWN} more" if len(errors) > ERRORS_SHOWN else ""
    count = f"{len(errors)} error{'' if len(errors) == 1 else 's'}"
    raise SiteError(f"the check finds {count} in {document}, so the site is not built "
                    f"(run `fwdoc check {document}`):\n  {shown}{more}")


def build_site(document: Path, output: Path, *, today: date | None = None, data: SiteData | None = None,
               progress: Progress | None = None, site_url: str | None = None) -> SiteResult:
    """Build the site of the document at `document` into `output`; raise SiteError on failure.

    `site_url` (else the manifest's) is where the site will be served: the sitemap lists
    its pages there, and the 404 page's links start from its path."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    start = time.monotonic()
    if progress is not None:
        progress("Loading and checking the document", 0, 1)
    from checker.fileio import check_no_links, trusted_roots

    check_no_links(output, trusted_roots(document))  # OutputError: never built through a link
    output = output.resolve()
    check_site_output(document.resolve(), output)
    data = data or load_site_data(document, today)
    refuse_errors(data, document)
    from checker.fileio import OutputError, check_parent, reason, replace_dir

    check_parent(output)  # OutputError: the parent folder is never created
    try:  # a context manager, so that an interrupt (see checker/cli main) removes it too
        workdir = tempfile.TemporaryDirectory(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent,
                                              ignore_cleanup_errors=True)
    except OSError as err:
        raise OutputError(f"{output}: cannot write the site there: {reason(err)}") from None
    with workdir as tmp:
        built = Path(tmp) / "site"
        with _environ(SOURCE_DATE_EPOCH=str(source_date_epoch(data.document))), _captured() as log:
            try:
                config = load_config(str(config_file()), site_dir=str(built), strict=True)
                config.extra[REQUEST_KEY] = BuildRequest(document, today, data, progress, site_url)
                build(config)
            except MkDocsException as err:
                reasons = log.messages or [str(err)]
                raise SiteError("mkdocs could not build the site:\n  " + "\n  ".join(reasons)) from None
            except OSError as err:  # a full disk, a folder we may not write: exit 2, not 1
                where = f" ({err.filename})" if err.filename else ""
                raise OutputError(f"{output}: the site could not be written: {reason(err)}{where}") from None
            except ValueError as err:
                raise SiteError(f"the site could not be built: {err}") from None
        pages = sum(1 for _ in built.rglob("*.html"))
        (built / STAMP).write_text(STAMP_TEXT, encoding="utf-8")
        # checked again under the lock: another build may have put something there meanwhile
        replace_dir(built, output, check=lambda target: check_site_output(document.resolve(), target))
    return SiteResult(output, pages, time.monotonic() - start)
