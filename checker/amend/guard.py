"""What the amendment gate may read and write: files inside the document folder, nothing else.

A pull request controls every byte of the HEAD folder, and every record merged before it
controls what `--as-at` writes.  So every path the gate takes from the source (a part id in a
manifest, the `amendments:` folder, a record's file, a part named in a before-image) is
checked here before it is opened or written:

* relative, without `..`, and without a symbolic link on the way that leads out of the folder;
* a regular file (never a device such as /dev/zero, a FIFO or a folder).

What cannot be checked safely is not read at all: the gate says it could not judge
(`AmendError`, exit status 2) and names the file.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath

from checker.findings import Finding, Location, Severity
from checker.load.yamlfile import YamlFile, read_yaml
from checker.loader import LoadError

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
REGISTER_FILES = ("actors.yaml", "objects.yaml")


class AmendError(LoadError):
    """The amendment cannot be judged (a version that is no document, a file that must not be
    read, a git history without the merge-base): exit status 2, with the reason.

    A LoadError, so that every command that already turns a LoadError into exit status 2
    does the same for this one."""


def outside(root: Path, rel: str) -> str | None:
    """Why `rel` is not a path inside the folder `root` (None when it is).

    Refused: an empty path, an absolute one, one with `..`, a backslash or a NUL, and one that
    passes through a symbolic link leading out of `root`."""
    if not rel or "\x00" in rel or "\\" in rel:
        return f"'{rel}' is not a plain relative path"
    path = PurePosixPath(rel)
    if path.is_absolute() or re.match(r"^[A-Za-z]:", rel):
        return f"'{rel}' is an absolute path; paths in a framework document are relative to its folder"
    if ".." in path.parts:
        return f"'{rel}' uses '..', which leaves the document folder"
    base = root.resolve()
    current = base
    for index, part in enumerate(path.parts):
        current = current / part
        try:
            link = current.is_symlink()
        except OSError as err:  # a name longer than the system allows, and the like
            return f"'{rel[:120]}' cannot be examined ({err.strerror or err})"
        if link:
            target = Path(os.path.realpath(current))
            if target != base and base not in target.parents:
                shown = "/".join(path.parts[: index + 1])
                return (f"'{shown}' is a symbolic link to {target}, outside the document folder; "
                        "a framework document keeps its files inside its folder")
    return None


def records_folder(root: Path, rel: str) -> str | None:
    """Why `rel` cannot be the amendments folder (None when it can): it must be inside the
    document folder and a folder of its own, never the document folder or its parts folder,
    where a record would be read as, or written over, a part or the manifest."""
    reason = outside(root, rel)
    if reason is not None:
        return reason
    norm = PurePosixPath(rel).as_posix()
    if norm in (".", "parts"):
        where = "the document folder itself" if norm == "." else "the parts folder"
        return (f"'{rel}' is {where}; amendment records are kept in a folder of their own, "
                "where no record can be read as, or written over, a part or the manifest")
    return None


def not_regular(root: Path, rel: str) -> str | None:
    """Why the file `rel` must not be read (None when it is a regular file inside `root`, or
    absent: a missing file is the loader's to report)."""
    reason = outside(root, rel)
    if reason is not None:
        return reason
    path = root / rel
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None if not path.is_symlink() else f"'{rel}' is a symbolic link to nothing"
    except OSError as err:
        return f"'{rel}' cannot be examined ({err.strerror or err})"
    if stat.S_ISDIR(mode):
        return None  # a folder where a file should be: the loader reports it as unreadable
    if not stat.S_ISREG(mode):
        return f"'{rel}' is not a regular file (a device, FIFO or socket); a framework file is plain text"
    return None


def manifest_parts(doc: YamlFile) -> list[str]:
    """The part ids a manifest lists, where they are slugs (others are the schema's to report)."""
    data = doc.data
    parts = data.get("parts") if isinstance(data, dict) else None
    if not isinstance(parts, list):
        return []
    return [p for p in parts if isinstance(p, str) and SLUG.fullmatch(p)]


def check_folder(root: Path, label: str) -> None:
    """Refuse (AmendError) a document folder that holds a file the gate must not read: the
    manifest, a register, a listed part or a record that is a link out of the folder, a
    device or a FIFO."""
    problems: list[str] = []
    manifest_problem = not_regular(root, "manifest.yaml")
    if manifest_problem:
        raise AmendError(f"could not judge: {label} is not safe to read: {manifest_problem}")
    names = [*REGISTER_FILES]
    if (root / "manifest.yaml").is_file():
        manifest = read_yaml(root / "manifest.yaml", root)
        names += [f"parts/{p}.yaml" for p in manifest_parts(manifest)]
        folder = manifest.data.get("amendments") if isinstance(manifest.data, dict) else None
        folder = folder if isinstance(folder, str) and folder.strip() else "amendments"
        if records_folder(root, folder) is None and (root / folder).is_dir():
            names += [f"{folder.rstrip('/')}/{p.name}" for p in sorted((root / folder).glob("*.yaml"))]
    for name in names:
        reason = not_regular(root, name)
        if reason is not None:
            problems.append(reason)
    if problems:
        raise AmendError(f"could not judge: {label} holds files that must not be read: "
                         + "; ".join(problems))


def vanished(doc: YamlFile, what: str) -> Finding | None:
    """The finding for a file that holds no structure at all (a null document such as `~` or
    `null`), which the YAML reader returns as no data and no finding; None otherwise."""
    if doc.data is not None or doc.findings:
        return None
    line = next((i for i, text in enumerate(doc.lines, start=1)
                 if text.strip() and not text.lstrip().startswith(("#", "---"))), 1)
    column = len(doc.lines[line - 1]) - len(doc.lines[line - 1].lstrip()) + 1 if doc.lines else 1
    return Finding("SRC007", "empty-file", Severity.ERROR,
                   f"the file holds only a null document (nothing, '~' or 'null'); expected {what}",
                   (Location(doc.rel, line, column),))
