"""A cache of work that depends only on its input's bytes, kept outside the document folder.

What is cached (each entry keyed by the SHA-256 of everything it depends on: its input, the
grammar's text, fwdoc's version and this format's version, as mypy and ruff key theirs):
the compiled grammar's parse tables (`grammar_tables`), the statements parsed from a
rules block (`checker/dsl/parser.parse_many`), and BASE's findings for `fwdoc amend`
(`checker/amend/judge._base_checked`: keyed by every file of BASE's folder, `folder_digest`,
and by fwdoc's own code, `code_version`, since they depend on every check).

Safe to lose, safe to find damaged:

- where: `--cache-dir DIR`, else `$FWDOC_CACHE_DIR`, else `$XDG_CACHE_HOME/fwdoc`, else
  `~/.cache/fwdoc`; never inside a document folder (a cache folder with a manifest.yaml in
  it or above it turns the cache off); `--no-cache` or
  `FWDOC_NO_CACHE=1` turns it off;
- the format cannot run code: JSON, read back by a decoder that builds plain values and the
  few record classes registered here, nothing else (no pickle, no eval);
- every entry carries its key and the SHA-256 of its body: a file cut short, bit-flipped, or
  copied under another key is ignored (and replaced when the work is done again);
- entries are written to a temporary file in the same folder and renamed over, so a reader
  never sees half an entry and two runs at once never mix theirs.

A lost or ignored entry costs only the time to do the work again; results are the same with
and without the cache (tests/test_cache.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from checker import __version__

FORMAT = "fwdoc-cache 1"
_MAGIC = FORMAT.encode("ascii") + b"\n"


class _Settings:
    """The run's cache folder (None: no cache); set by the CLI, read by whoever caches."""

    folder: Path | None | bool = True  # True: the default folder, found on first use


_SETTINGS = _Settings()


def default_folder() -> Path | None:
    if os.environ.get("FWDOC_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("FWDOC_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "fwdoc"
    try:
        return Path.home() / ".cache" / "fwdoc"
    except RuntimeError:  # no home folder
        return None


def configure(folder: Path | None | bool = True) -> None:
    """Set the cache folder for this run: a path, None for no cache, True for the default."""
    _SETTINGS.folder = folder


def folder() -> Path | None:
    """The run's cache folder, or None: no cache (turned off, or the folder would be inside a
    document folder: one that holds a manifest.yaml, itself or above it)."""
    if _SETTINGS.folder is True:
        found = default_folder()
        _SETTINGS.folder = found if found is not None and not _inside_a_document(found) else None
    elif isinstance(_SETTINGS.folder, Path) and _inside_a_document(_SETTINGS.folder):
        _SETTINGS.folder = None
    value = _SETTINGS.folder
    return value if isinstance(value, Path) else None


def _inside_a_document(where: Path) -> bool:
    try:
        place = where.absolute()
        return any((each / "manifest.yaml").exists() for each in (place, *place.parents))
    except (OSError, RuntimeError):
        return True


def key(*parts: str | bytes) -> str:
    """A cache key: the SHA-256 of the parts (each length-prefixed, so no two lists of parts
    share a key), fwdoc's version and the format's."""
    digest = hashlib.sha256()
    for part in (FORMAT, __version__, *parts):
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(str(len(data)).encode("ascii") + b":" + data)
    return digest.hexdigest()


# -- the format: JSON with tags for what JSON has not ----------------------------------------

# record classes an entry may hold; the decoder builds these and nothing else
_RECORDS: dict[str, type] = {}


def record_enum(cls: type[enum.Enum]) -> type[enum.Enum]:
    """Register an enumeration the cache may store (by its members' values)."""
    _RECORDS[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return cls


def record(cls: type) -> type:
    """Register a dataclass the cache may store (its fields in order, by name)."""
    _RECORDS[f"{cls.__module__}.{cls.__qualname__}"] = cls
    fields = dataclasses.fields(cls)
    _FIELDS[cls] = tuple(f.name for f in fields if f.init)
    if all(f.init and not f.kw_only for f in fields):  # its __init__ takes the fields in order
        _POSITIONAL.add(cls)
    return cls


def record_module(module: Any) -> list[type]:
    """Register every dataclass a module defines; return them (their shapes belong in keys)."""
    found = [value for value in vars(module).values()
             if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__]
    for cls in found:
        record(cls)
    return sorted(found, key=lambda cls: cls.__qualname__)


def shapes(classes: list[type]) -> str:
    """The classes' names and fields, for a key: an added or renamed field makes entries stale."""
    return repr([(cls.__module__, cls.__qualname__, [(f.name, str(f.type), f.init) for f in dataclasses.fields(cls)])
                 for cls in classes])


_FIELDS: dict[type, tuple[str, ...]] = {}
_POSITIONAL: set[type] = set()  # records built from their stored values in order


class CorruptEntry(ValueError):
    """An entry that does not decode to what was stored."""


def _encode(value: Any) -> Any:
    if isinstance(value, enum.Enum):  # (before int: an IntEnum would come back a plain int)
        name = f"{type(value).__module__}.{type(value).__qualname__}"
        if _RECORDS.get(name) is not type(value):
            raise TypeError(f"{name} is not registered for the cache")
        return {"e": name, "v": value.value}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, tuple):
        return {"t": [_encode(v) for v in value]}
    if isinstance(value, dict):
        return {"d": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, date) and not isinstance(value, datetime):
        return {"D": value.isoformat()}
    if isinstance(value, Decimal):
        return {"M": str(value)}
    if isinstance(value, frozenset):
        return {"f": sorted((_encode(v) for v in value), key=repr)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = f"{type(value).__module__}.{type(value).__qualname__}"
        if name not in _RECORDS:
            raise TypeError(f"{name} is not registered for the cache")
        return {"c": name, "v": [_encode(getattr(value, field)) for field in _FIELDS[type(value)]]}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        raise CorruptEntry("a list where a key must stand")
    return value


def _decode_object(obj: dict[str, Any]) -> Any:
    # (called for every JSON object of an entry, hundreds of thousands at 100k rules: the two
    # commonest shapes, a record and a tuple, are tested first and built without a dictionary
    # of arguments)
    size = len(obj)
    if size == 2:
        name = obj.get("c")
        values = obj.get("v")
        if type(name) is str and type(values) is list:
            cls = _RECORDS.get(name)
            if cls is None or cls not in _FIELDS:
                raise CorruptEntry(f"an unknown record {name!r}")
            if len(values) != len(_FIELDS[cls]):
                raise CorruptEntry(f"a {name} with {len(values)} fields, not {len(_FIELDS[cls])}")
            try:
                if cls in _POSITIONAL:
                    return cls(*values)
                return cls(**dict(zip(_FIELDS[cls], values, strict=True)))
            except (TypeError, ValueError) as err:  # a record's own checks refuse the values
                raise CorruptEntry(str(err)) from None
        name = obj.get("e")
        if type(name) is str and "v" in obj:
            kind = _RECORDS.get(name)
            if not (isinstance(kind, type) and issubclass(kind, enum.Enum)):
                raise CorruptEntry(f"an unknown enumeration {name!r}")
            try:
                return kind(obj["v"])
            except (ValueError, TypeError):
                raise CorruptEntry(f"no {name} {obj['v']!r}") from None
        raise CorruptEntry("an object with no known tag")
    if size == 1:
        ((tag, body),) = obj.items()
        if tag == "t" and type(body) is list:
            return tuple(body)
        if tag == "d" and isinstance(body, list):
            out = {}
            for pair in body:
                if not isinstance(pair, list) or len(pair) != 2:
                    raise CorruptEntry("a dictionary entry that is not a pair")
                out[_hashable(pair[0])] = pair[1]
            return out
        if tag == "D" and isinstance(body, str):
            try:
                return date.fromisoformat(body)
            except ValueError:
                raise CorruptEntry("not a date") from None
        if tag == "M" and isinstance(body, str):
            try:
                return Decimal(body)
            except ArithmeticError:
                raise CorruptEntry("not a number") from None
        if tag == "f" and isinstance(body, list):
            return frozenset(_hashable(v) for v in body)
    raise CorruptEntry("an object with no known tag")


def dumps(value: Any) -> bytes:
    return json.dumps(_encode(value), separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def loads(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8"), object_hook=_decode_object)
    except (UnicodeDecodeError, ValueError, TypeError, RecursionError) as err:
        raise CorruptEntry(str(err)) from None


# -- entries -----------------------------------------------------------------------------------

def _path(where: Path, name: str) -> Path:
    return where / name[:2] / name


def read(name: str, where: Path | None = None) -> Any | None:
    """The value stored under `name` (a key()), or None when there is none or it is damaged,
    stale (stored under another key) or unreadable."""
    where = where if where is not None else folder()
    if where is None:
        return None
    try:
        with open(_path(where, name), "rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None
    head, _, rest = data.partition(b"\n")
    stored_key, _, rest = rest.partition(b"\n")
    checksum, _, body = rest.partition(b"\n")
    if head + b"\n" != _MAGIC or stored_key != name.encode("ascii"):
        return None
    if hashlib.sha256(body).hexdigest().encode("ascii") != checksum:
        return None
    memo = _DECODED.values
    if memo is not None and (name, checksum) in memo:
        return memo[name, checksum]
    try:
        value = loads(body)
    except CorruptEntry:
        return None
    if memo is not None:
        memo[name, checksum] = value
    return value


class _Decoded:
    """Entries decoded while `decoded_once` is on: (key, checksum of the body) -> the value."""

    values: dict[tuple[str, bytes], Any] | None = None


_DECODED = _Decoded()


@contextlib.contextmanager
def decoded_once() -> Iterator[None]:
    """Within the block, an entry read twice with the same bytes is decoded once (`fwdoc amend`
    loads BASE and HEAD, whose rules blocks are nearly all the same: the same buckets).  The
    value is then shared by its readers, which must not change it (the parser's readers copy
    what they take from it)."""
    previous = _DECODED.values
    _DECODED.values = {} if previous is None else previous
    try:
        yield
    finally:
        _DECODED.values = previous


def write(name: str, value: Any, where: Path | None = None) -> bool:
    """Store `value` under `name`; False (and nothing left behind) when it cannot be written."""
    where = where if where is not None else folder()
    if where is None:
        return False
    try:
        body = dumps(value)
    except (TypeError, ValueError, RecursionError):  # something the format has no tag for: not cached
        return False
    data = _MAGIC + name.encode("ascii") + b"\n" + hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body
    target = _path(where, name)
    temporary = None
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, target)
        return True
    except OSError:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
        return False


def cached(name: str, compute: Callable[[], Any], where: Path | None = None) -> Any:
    """The stored value under `name`, or `compute()` stored there."""
    found = read(name, where)
    if found is not None:
        return found
    value = compute()
    write(name, value, where)
    return value


# -- whole folders -------------------------------------------------------------------------------

_FOLDER_LIMIT = 512 * 1024 * 1024  # bytes hashed at most; a larger folder is not cached whole


class _Code:
    digest: str | None = None


_CODE = _Code()


def code_version() -> str:
    """A SHA-256 of fwdoc's own code and data (every file of the `checker` package and the
    grammar), computed once a process: a result computed by other code (an edited check in a
    working copy, whatever the version number says) is stale."""
    if _CODE.digest is None:
        from checker.grammar_path import grammar_file

        package = Path(__file__).resolve().parent
        digest = hashlib.sha256()
        files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                       and p.suffix != ".pyc")
        for path in [*files, grammar_file(), *_libraries()]:
            data = path.read_bytes()
            digest.update(f"{path.name}:{len(data)}:".encode("utf-8", "surrogatepass") + data)
        digest.update(sys.version.encode("utf-8", "surrogatepass"))
        _CODE.digest = digest.hexdigest()
    return _CODE.digest


def _libraries() -> list[Path]:
    """The files that carry the version of each library whose behaviour a result depends on
    (the parser generator, the YAML reader, the schema validators), found without importing
    them: another version of one makes every whole result stale."""
    import importlib.util

    found = []
    for name in ("lark", "yaml", "fastjsonschema"):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        if spec is not None and spec.origin and os.path.isfile(spec.origin):
            origin = Path(spec.origin)
            found += [path for path in (origin, origin.with_name("version.py")) if path.is_file()]
    return found


def folder_digest(root: Path, file_limit: int | None = None) -> str | None:
    """A SHA-256 of every file in a document folder (names and bytes; `.git` left out), or None
    when the folder cannot be summed safely: a link or anything but a regular file or folder in
    it (what the loader makes of those depends on more than their bytes), or too many bytes, or
    (with `file_limit`) a file larger than that, left unread (the loader refuses such a file
    without reading it: summing it first would read what the loader is careful not to)."""
    digest = hashlib.sha256()
    total = 0
    try:
        for here, folders, names in os.walk(root, followlinks=False):
            folders[:] = sorted(f for f in folders if f != ".git")
            if any(os.path.islink(os.path.join(here, f)) for f in folders):
                return None
            for name in sorted(names):
                path = os.path.join(here, name)
                if os.path.islink(path) or not os.path.isfile(path):
                    return None
                if file_limit is not None and os.path.getsize(path) > file_limit:
                    return None
                with open(path, "rb") as handle:
                    data = handle.read(_FOLDER_LIMIT + 1)
                total += len(data)
                if total > _FOLDER_LIMIT:
                    return None
                rel = os.path.relpath(path, root).encode("utf-8", "surrogatepass")
                digest.update(str(len(rel)).encode("ascii") + b":" + rel + str(len(data)).encode("ascii") + b":")
                digest.update(data)
    except OSError:
        return None
    return digest.hexdigest()
