"""The characters the text-hygiene checks look for, as data: which check reports each one,
what to call it, and when it is legitimate (checks/hygiene.py applies the policies).

Control characters cannot be written raw in YAML (the reader refuses them, SRC008), but a
double-quoted string can hold any of them as an escape ("\\0", "\\e", "\\a", "\\x07",
"\\u001B"); bidirectional controls and zero-width characters can be written raw and are
invisible in an editor and in a pull request's diff.
"""

from __future__ import annotations

from dataclasses import dataclass

ALWAYS = "always"  # never belongs in a framework document's text
LTR_ONLY = "ltr-only"  # a bidi mark: fine in a string that holds right-to-left letters
JOINER = "joiner"  # ZWJ/ZWNJ: fine between letters of a script that joins, or emoji (ZWJ)


@dataclass(frozen=True)
class Hidden:
    code: str  # the check that reports it
    label: str  # how a message names it
    policy: str = ALWAYS


_C0 = ("NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
       "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC",
       "FS", "GS", "RS", "US")
# tab and line feed are how prose is laid out: never reported
_LAYOUT = ("\t", "\n")

CONTROL = "HYG001"
BIDI = "HYG002"
INVISIBLE = "HYG003"

HIDDEN: dict[str, Hidden] = {
    **{chr(i): Hidden(CONTROL, f"the control character {name}") for i, name in enumerate(_C0)
       if chr(i) not in _LAYOUT},
    "\x7f": Hidden(CONTROL, "the control character DEL"),
    **{chr(i): Hidden(CONTROL, "a C1 control character") for i in range(0x80, 0xA0)},
    "\u2028": Hidden(CONTROL, "the LINE SEPARATOR"),
    "\u2029": Hidden(CONTROL, "the PARAGRAPH SEPARATOR"),
    "\u202a": Hidden(BIDI, "the LEFT-TO-RIGHT EMBEDDING"),
    "\u202b": Hidden(BIDI, "the RIGHT-TO-LEFT EMBEDDING"),
    "\u202c": Hidden(BIDI, "the POP DIRECTIONAL FORMATTING"),
    "\u202d": Hidden(BIDI, "the LEFT-TO-RIGHT OVERRIDE"),
    "\u202e": Hidden(BIDI, "the RIGHT-TO-LEFT OVERRIDE"),
    "\u2066": Hidden(BIDI, "the LEFT-TO-RIGHT ISOLATE"),
    "\u2067": Hidden(BIDI, "the RIGHT-TO-LEFT ISOLATE"),
    "\u2068": Hidden(BIDI, "the FIRST STRONG ISOLATE"),
    "\u2069": Hidden(BIDI, "the POP DIRECTIONAL ISOLATE"),
    "\u200e": Hidden(BIDI, "the LEFT-TO-RIGHT MARK", LTR_ONLY),
    "\u200f": Hidden(BIDI, "the RIGHT-TO-LEFT MARK", LTR_ONLY),
    "\u061c": Hidden(BIDI, "the ARABIC LETTER MARK", LTR_ONLY),
    "\u200b": Hidden(INVISIBLE, "the ZERO WIDTH SPACE"),
    "\u200c": Hidden(INVISIBLE, "the ZERO WIDTH NON-JOINER", JOINER),
    "\u200d": Hidden(INVISIBLE, "the ZERO WIDTH JOINER", JOINER),
    "\u2060": Hidden(INVISIBLE, "the WORD JOINER"),
    "\u2061": Hidden(INVISIBLE, "the invisible FUNCTION APPLICATION"),
    "\u2062": Hidden(INVISIBLE, "the INVISIBLE TIMES"),
    "\u2063": Hidden(INVISIBLE, "the INVISIBLE SEPARATOR"),
    "\u2064": Hidden(INVISIBLE, "the INVISIBLE PLUS"),
    "\u180e": Hidden(INVISIBLE, "the MONGOLIAN VOWEL SEPARATOR"),
    "\ufeff": Hidden(INVISIBLE, "a ZERO WIDTH NO-BREAK SPACE (byte-order mark)"),
}

# scripts whose letters never need a joiner between them: a ZWJ or ZWNJ there only hides
# something ("Secret\u200dary")
NON_JOINING_SCRIPTS = frozenset({"Latin", "Greek", "Cyrillic", "Armenian", "Common", "Inherited"})
# bidirectional classes of right-to-left letters (a bidi mark beside them is ordinary typography)
RTL_CLASSES = frozenset({"R", "AL"})
