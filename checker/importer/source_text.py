"""Read the Markdown file into lines, turning every encoding problem into a finding.

Documents converted from PDF arrive with byte-order marks, Windows line endings, form feeds at
page breaks and now and then a stray Latin-1 byte. The first three are repaired (and reported);
a file that is not UTF-8 is refused, because guessing its encoding could change its words.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from checker.importer.report import Findings

# C0 controls other than tab and newline; form feed and vertical tab are page breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PAGE_BREAK = re.compile(r"[\x0b\x0c]")


def read_source(path: Path, findings: Findings) -> list[str] | None:
    """The file's lines (without line endings), or None after an error finding."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        findings.error(0, "no such file: expected a Markdown file")
        return None
    except IsADirectoryError:
        findings.error(0, "is a folder: expected a Markdown file")
        return None
    except OSError as exc:
        findings.error(0, f"cannot read the file ({exc.strerror}): expected a readable Markdown file")
        return None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        findings.error(1, "the file is UTF-16: expected UTF-8 (save it again as UTF-8)")
        return None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        findings.info(1, "removed the UTF-8 byte-order mark at the start of the file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        findings.error(*_decode_error_place(data, exc))
        return None
    if not text.strip():
        findings.error(1, "the file is empty: expected a Markdown framework document")
        return None
    return _normalise(text, findings)


def _decode_error_place(data: bytes, exc: UnicodeDecodeError) -> tuple[int, str, int]:
    start = exc.start
    line = data.count(b"\n", 0, start) + 1
    column = start - (data.rfind(b"\n", 0, start) + 1) + 1
    byte = data[start]
    hint = ""
    try:
        data.decode("cp1252")
        hint = "; it looks like Windows-1252 or Latin-1"
    except UnicodeDecodeError:
        pass
    message = (
        f"byte 0x{byte:02x} is not valid UTF-8{hint}: expected UTF-8 text (save the file again as UTF-8)"
    )
    return line, message, column


def _normalise(text: str, findings: Findings) -> list[str]:
    if "\r" in text:
        first = text[: text.index("\r")].count("\n") + 1
        crlf = text.count("\r\n")
        bare = text.count("\r") - crlf
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        kinds = [f"{crlf} CRLF" if crlf else "", f"{bare} CR" if bare else ""]
        findings.info(first, f"converted {' and '.join(k for k in kinds if k)} line ending(s) to LF")
    lines = text.split("\n")
    out: list[str] = []
    for number, line in enumerate(lines, start=1):
        # Removing (not splitting at) page breaks keeps one output line per source line, so
        # every later finding still points at the right line.
        if _PAGE_BREAK.search(line):
            findings.info(number, "removed a page-break character")
            line = _PAGE_BREAK.sub("", line)
        match = _CONTROL.search(line)
        if match:
            findings.warning(
                number,
                f"removed control character U+{ord(match.group()):04X}: expected printable text",
                column=match.start() + 1,
            )
            line = _CONTROL.sub("", line)
        out.append(line)
    return out
