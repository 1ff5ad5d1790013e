"""Turn the HTML a PDF converter leaves in table cells into the Markdown the format uses.

Raw HTML is never rendered (docs/format.md), so '<p>' becomes a paragraph, '<b>' bold,
'<ul><li>' a '-' list. Converters also keep the printed bullet ('• ') inside each '<li>'; the
list marker already says it, so it goes. The stdlib parser is enough: cells are small, tags few,
and it tolerates the unclosed tags converters produce.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

HTML_TAG = re.compile(
    r"</?(?:p|b|strong|i|em|u|ul|ol|li|br|div|span|table|tr|td|th|a)\b[^>]*>", re.IGNORECASE
)

_BULLET_CHARS = re.compile(r"^[•◦▪‣●○■□·]\s*")
_SPACE = re.compile(r"\s+")
# One control character a boundary (open/close bold, open/close italic), so that spaces just
# inside '<b> ... </b>' can move outside and empty emphasis can go, before the '*'s are written.
_EMPHASIS = {"b": ("\x00", "\x01"), "strong": ("\x00", "\x01"), "i": ("\x02", "\x03"), "em": ("\x02", "\x03")}
_MARKUP = {"\x00": "**", "\x01": "**", "\x02": "*", "\x03": "*"}
_BLOCK_TAGS = {"p", "div", "br", "td", "th", "tr", "table"}


def has_html(text: str) -> bool:
    return HTML_TAG.search(text) is not None


class _CellParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # (kind, markdown): kind 'p' or 'li'
        self.inline: list[str] = []
        self.lists: list[list[int]] = []  # one counter per open list; -1 for unordered
        self.item_prefix: str | None = None

    # -- tags --------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _EMPHASIS:
            self.inline.append(_EMPHASIS[tag][0])
        elif tag in _BLOCK_TAGS:
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists.append([0 if tag == "ol" else -1])
        elif tag == "li":
            self.flush()
            depth = max(len(self.lists), 1)
            counter = self.lists[-1] if self.lists else [-1]
            if counter[0] >= 0:
                counter[0] += 1
                marker = f"{counter[0]}."
            else:
                marker = "-"
            self.item_prefix = "  " * (depth - 1) + marker + " "

    def handle_endtag(self, tag: str) -> None:
        if tag in _EMPHASIS:
            self.inline.append(_EMPHASIS[tag][1])
        elif tag in _BLOCK_TAGS or tag == "li":
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.flush()

    def handle_data(self, data: str) -> None:
        self.inline.append(data)

    # -- output ------------------------------------------------------------------------------
    def flush(self) -> None:
        text = _tidy_inline("".join(self.inline))
        self.inline = []
        prefix, self.item_prefix = self.item_prefix, None
        if prefix is not None:
            text = _BULLET_CHARS.sub("", text)
            if text:
                self.blocks.append(("li", prefix + text))
        elif text:
            self.blocks.append(("p", text))

    def markdown(self) -> str:
        self.flush()
        out: list[str] = []
        previous = ""
        for kind, text in self.blocks:
            if out:
                # List items stay together; anything else is its own paragraph.
                out.append("\n" if kind == previous == "li" else "\n\n")
            out.append(text)
            previous = kind
        return "".join(out)


def _tidy_inline(text: str) -> str:
    text = _SPACE.sub(" ", text)
    # '<b></b>' says nothing; '<b> word </b>' -> ' **word** ': emphasis must hug its words.
    text = re.sub(r"([\x00\x02])(\s*)([\x01\x03])", r"\2", text)
    text = re.sub(r"([\x00\x02])(\s+)", r"\2\1", text)
    text = re.sub(r"(\s+)([\x01\x03])", r"\2\1", text)
    text = re.sub(r"[\x00-\x03]", lambda m: _MARKUP[m.group()], text)
    return _SPACE.sub(" ", text).strip()


def html_to_markdown(html: str) -> str:
    """'<p><b>Setting policy</b></p> <ul><li>• one</li></ul>' -> '**Setting policy**\\n\\n- one'."""
    parser = _CellParser()
    parser.feed(html)
    parser.close()
    return parser.markdown()
