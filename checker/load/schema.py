"""Validate a loaded YAML file against its JSON Schema, with positions and plain messages."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.findings import Finding, Location, Severity
from checker.load.yamlfile import Pos, YamlFile, YDict, YList
from checker.suggest import did_you_mean

if TYPE_CHECKING:  # jsonschema is imported only for an invalid file (0.15 s of start-up)
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
KINDS = ("manifest", "actors", "objects", "part", "amendment")


@functools.cache
def _schema(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return data


@functools.cache
def validator(kind: str) -> Draft202012Validator:
    """The reference validator: every error, with its path, for the messages."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_schema(kind))


@functools.cache
def _fast(kind: str) -> Callable[[Any], Any]:
    """A compiled validator (fastjsonschema, about 30x jsonschema) that only says yes or no:
    valid files, nearly all of them, skip the slow one."""
    import fastjsonschema

    shipped = _shipped(kind, fastjsonschema.VERSION)
    if shipped is not None:
        return shipped
    # use_default=False: fastjsonschema would otherwise write the schemas' `default`s (there for
    # editors' completion) into the data it checks, and the loader must see the file as written
    return fastjsonschema.compile(_schema(kind), use_default=False)


def _shipped(kind: str, version: str) -> Callable[[Any], Any] | None:
    """The validator compiled ahead of time (load/schemacode.py), when it was compiled from this
    very schema file by this fastjsonschema; None otherwise (compiled here, as it was before:
    generating and compiling a schema's code costs about 0.1 s)."""
    import hashlib
    import importlib

    try:
        module = importlib.import_module(f"checker.load.compiled.{kind}")
    except ImportError:
        return None
    digest = hashlib.sha256((SCHEMA_DIR / f"{kind}.schema.json").read_bytes()).hexdigest()
    if getattr(module, "SCHEMA_SHA256", None) != digest or getattr(module, "GENERATOR", None) != version:
        return None
    found: Callable[[Any], Any] | None = getattr(module, "validate", None)
    return found


def is_valid(data: Any, kind: str) -> bool:
    import fastjsonschema

    try:
        _fast(kind)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _where(data: Any, path: Iterable[Any]) -> tuple[Pos, Any]:
    """The position of the value at `path`, and the container holding it."""
    node = data
    pos: Pos = getattr(data, "pos", Pos(1, 1))
    for step in path:
        if isinstance(node, YDict) and step in node:
            pos = node.value_pos.get(step, pos)
            node = node[step]
        elif isinstance(node, YList) and isinstance(step, int) and step < len(node):
            pos = node.item_pos[step]
            node = node[step]
        else:
            break
    return pos, node


def _path_text(path: Iterable[Any]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "the top level"


def _kind_of(value: Any) -> str:
    """What a YAML value is, in the words of a YAML author (never a Python class name)."""
    if value is None:
        return "no value"
    if isinstance(value, bool):
        return f"true/false {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"a number {value!r:.60}"
    if isinstance(value, str):
        return f"the text {value!r:.60}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


_TYPE_WORDS = {"string": "a text", "object": "a mapping", "array": "a list", "integer": "a whole number",
               "number": "a number", "boolean": "true or false", "null": "no value"}


def _message(err: ValidationError) -> tuple[str, Pos | None]:
    where = _path_text(err.absolute_path)
    inst = err.instance
    if err.validator == "required":
        # jsonschema reports each missing key as an error of its own, naming it in the message
        named = re.match(r"^'(.+)' is a required property", err.message)
        missing = [named.group(1)] if named else [
            name for name in err.validator_value if isinstance(inst, dict) and name not in inst]
        return f"{where}: the required key '{missing[0] if missing else '?'}' is missing", None
    if err.validator == "additionalProperties" and isinstance(inst, dict):
        allowed = list(err.schema.get("properties", {}))
        extra = sorted(set(inst) - set(allowed))
        key = extra[0] if extra else "?"
        pos = inst.key_pos.get(key) if isinstance(inst, YDict) else None
        return (f"{where}: unknown key '{key}'{did_you_mean(key, allowed)}; expected one of "
                + ", ".join(sorted(allowed)), pos)
    if err.validator == "type":
        wanted = err.validator_value
        words = [_TYPE_WORDS.get(w, str(w)) for w in (wanted if isinstance(wanted, list) else [wanted])]
        return f"{where}: expected {' or '.join(words)}, found {_kind_of(inst)}", None
    if err.validator == "enum":
        choices = ", ".join(repr(v) for v in err.validator_value)
        hint = did_you_mean(str(inst), [str(v) for v in err.validator_value])
        return f"{where}: {inst!r} is not allowed{hint}; expected one of {choices}", None
    if err.validator == "pattern":
        return (f"{where}: {inst!r} does not have the expected form (pattern "
                f"{err.validator_value})", None)
    if err.validator == "minLength":
        return f"{where}: must not be empty", None
    if err.validator == "minItems":
        return f"{where}: needs at least {err.validator_value} item(s)", None
    if err.validator == "oneOf":
        return f"{where}: expected a text or a mapping with 'text' (and optional 'id')", None
    return f"{where}: {err.message}", None


def _best(err: ValidationError) -> ValidationError:
    if err.validator not in ("oneOf", "anyOf") or not err.context:
        return err
    # branches the value's type fits (their errors are about its content, not its type)
    fitting = [e for e in err.context if e.validator != "type" and len(e.relative_schema_path) > 1
               and not any(o.validator == "type" and o.relative_schema_path[0] == e.relative_schema_path[0]
                           for o in err.context)]
    return _best(min(fitting, key=lambda e: (-len(e.absolute_path), list(map(str, e.absolute_path))))) \
        if fitting else err


def validate(doc: YamlFile, kind: str) -> bool:
    """Append a finding for each schema violation; True when the file is valid."""
    if doc.data is None:
        return False
    if not isinstance(doc.data, dict):
        doc.findings.append(Finding("SCH001", "schema", Severity.ERROR,
                                    f"expected a YAML mapping for a {kind} file, found "
                                    f"{_kind_of(doc.data)}", (Location(doc.rel, 1, 1),)))
        return False
    if is_valid(doc.data, kind):
        return True
    ok = True
    errors = sorted(validator(kind).iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path)))
    for err in errors:
        # oneOf/anyOf report the best sub-error when there is one: the error inside the branch
        # whose type the value has (a mapping with an unknown value names that value)
        best = _best(err)
        message, pos = _message(best)
        if pos is None:
            pos, _ = _where(doc.data, best.absolute_path)
        doc.findings.append(Finding("SCH001", "schema", Severity.ERROR, message,
                                    (Location(doc.rel, pos.line, pos.column),)))
        ok = False
    return ok
