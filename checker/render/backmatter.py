"""The publication's back matter, from the manifest's `back_matter`: GOV.UK closes a
publication with its copyright line, its licence, where it is available and where to send
enquiries.  Every format prints these lines, in this order, as written (HTML links the web and
e-mail addresses in them)."""

from __future__ import annotations

import re

from checker.model import Document

# a web address (http or https, a host of letters, digits, dots and hyphens that starts with a
# letter or digit, a port of digits (Markdown shows 'https://host::x' as another text), then
# printable ASCII up to the first space, angle bracket, quote or '@' (Markdown reads an '@' in an autolink
# as a user part and shows another text; a hidden character must stay outside the link, shown),
# without the sentence's closing punctuation) or an e-mail address
ADDRESS = re.compile(
    r"https?://[A-Za-z0-9][A-Za-z0-9.-]*(?::[0-9]{1,5})?(?:[/?#][!#-;=?A-~]*)?(?<![.,;:!?)\]])"
    # an e-mail address as CommonMark's autolink reads one (ASCII; labels of letters, digits
    # and inner hyphens), so what is linked is shown as written
    r"|[A-Za-z0-9.+_-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+")


def addresses(text: str) -> list[tuple[str, bool]]:
    """`text` cut into pieces, each with whether it is a web or e-mail address."""
    pieces, last = [], 0
    for match in ADDRESS.finditer(text):
        if match.start() > last:
            pieces.append((text[last:match.start()], False))
        pieces.append((match.group(0), True))
        last = match.end()
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces


def back_matter(document: Document) -> list[str]:
    """The manifest's closing notices in print order, as plain text: the copyright line (with
    the publication year when it names none), the licence, where the publication is
    available, where to send enquiries.  Empty when the manifest has none."""
    notes = document.manifest.back_matter
    lines = []
    if notes.get("copyright"):
        line = notes["copyright"].strip().removeprefix("\u00a9").strip()
        if not re.search(r"\b\d{4}\b", line):
            line = f"{line} {document.manifest.published[:4]}"
        lines.append(f"\u00a9 {line}")
    if notes.get("licence"):
        lines.append(notes["licence"].strip())
    if notes.get("licence_url"):
        lines.append(f"To view this licence, visit {notes['licence_url'].strip()}")
    lines += [notes[key].strip() for key in ("available_at", "enquiries") if notes.get(key)]
    return lines
