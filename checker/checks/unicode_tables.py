"""Unicode data the hygiene checks read: the script of every character and the UTS #39
confusable mappings, kept as data files beside the code (checks/data/) and built from the
Unicode Character Database by this module's `build` command:

    python -m checker.checks.unicode_tables build UCD_FOLDER CONFUSABLES_TXT

where UCD_FOLDER holds Scripts.txt, ScriptExtensions.txt and PropertyValueAliases.txt (the
Debian package unicode-data ships them in /usr/share/unicode) and CONFUSABLES_TXT is UTS #39's
confusables.txt.  Both are Unicode data, redistributed under the Unicode terms of use.

Python's `unicodedata` has no script property, and no maintained Python package computes the
UTS #39 skeleton, hence the two small tables.
"""

from __future__ import annotations

import bisect
import sys
import unicodedata
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
SCRIPTS = DATA / "scripts.tsv"
CONFUSABLES = DATA / "confusables.tsv"

# "Common" and "Inherited" characters (digits, punctuation, combining accents) belong to every
# script: UTS #39 section 5.1
ANY = frozenset({"Common", "Inherited"})


@cache
def _script_ranges() -> tuple[list[int], list[int], list[frozenset[str]]]:
    starts: list[int] = []
    ends: list[int] = []
    values: list[frozenset[str]] = []
    for line in SCRIPTS.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        start, end, names = line.split("\t")
        starts.append(int(start, 16))
        ends.append(int(end, 16))
        values.append(frozenset(names.split(" ")))
    return starts, ends, values


@cache
def scripts_of(char: str) -> frozenset[str]:
    """The Script_Extensions of a character, as long names ({'Latin'}, {'Arabic', 'Syriac'});
    {'Common'} or {'Inherited'} for one that belongs to every script; {'Unknown'} if unassigned."""
    starts, ends, values = _script_ranges()
    code = ord(char)
    index = bisect.bisect_right(starts, code) - 1
    if index >= 0 and code <= ends[index]:
        return values[index]
    return frozenset({"Unknown"})


@cache
def _confusables() -> dict[int, str]:
    """{code point: prototype}, as str.translate takes it."""
    out: dict[int, str] = {}
    for line in CONFUSABLES.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        source, target = line.split("\t")
        out[int(source, 16)] = "".join([chr(int(c, 16)) for c in target.split(" ")])
    return out


def skeleton(text: str) -> str:
    """UTS #39 skeleton: NFD, each character replaced by its prototype, NFD again.  Two
    strings with the same skeleton look alike ("Secretary" with a Latin or a Cyrillic "a")."""
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", text).translate(_confusables()))


# -- building the tables from the Unicode data files -------------------------------------------

def _ranges(path: Path) -> list[tuple[int, int, str]]:
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        codes, value = (part.strip() for part in line.split(";", 1))
        first, _, last = codes.partition("..")
        out.append((int(first, 16), int(last or first, 16), value))
    return out


def build(ucd: Path, confusables_txt: Path) -> None:
    long_names: dict[str, str] = {}
    for raw in (ucd / "PropertyValueAliases.txt").read_text(encoding="utf-8").splitlines():
        fields = [f.strip() for f in raw.split("#", 1)[0].split(";")]
        if len(fields) >= 3 and fields[0] == "sc":
            long_names[fields[1]] = fields[2]
    value: dict[int, str] = {}
    for first, last, name in _ranges(ucd / "Scripts.txt"):
        for code in range(first, last + 1):
            value[code] = name
    for first, last, codes in _ranges(ucd / "ScriptExtensions.txt"):
        names = " ".join(sorted(long_names[c] for c in codes.split()))
        for code in range(first, last + 1):
            value[code] = names
    rows: list[list[object]] = []
    for code in sorted(value):
        if rows and rows[-1][1] == code - 1 and rows[-1][2] == value[code]:
            rows[-1][1] = code
        else:
            rows.append([code, code, value[code]])
    version = (ucd / "ReadMe.txt").read_text(encoding="utf-8") if (ucd / "ReadMe.txt").exists() else ""
    header = ["# Script_Extensions (or Script) of every assigned code point: first, last, long names",
              "# built by checker/checks/unicode_tables.py from the Unicode Character Database "
              "(Scripts.txt, ScriptExtensions.txt); Unicode terms of use apply"]
    if "Version" in version:
        header.append("# " + next(line.strip() for line in version.splitlines() if "Version" in line))
    SCRIPTS.write_text("\n".join([*header, *(f"{a:04X}\t{b:04X}\t{v}" for a, b, v in rows)]) + "\n",
                       encoding="utf-8")
    lines = confusables_txt.read_text(encoding="utf-8-sig").splitlines()
    header = ["# UTS #39 confusables: source code point, prototype code points",
              "# built by checker/checks/unicode_tables.py from confusables.txt; Unicode terms of use apply",
              *(f"# {line.lstrip('# ')}" for line in lines[:10] if line.startswith("# Version"))]
    pairs = []
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line:
            source, target = (f.strip() for f in line.split(";")[:2])
            pairs.append(f"{source}\t{target}")
    CONFUSABLES.write_text("\n".join([*header, *pairs]) + "\n", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    if len(sys.argv) == 4 and sys.argv[1] == "build":
        build(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        print("usage: python -m checker.checks.unicode_tables build UCD_FOLDER CONFUSABLES_TXT")
        raise SystemExit(2)
