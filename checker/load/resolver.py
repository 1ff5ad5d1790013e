"""The YAML loader class: PyYAML's safe loader (the C one when present) with bounded numbers.

PyYAML resolves plain scalars by YAML 1.1, where `1:30:00` is a base-60 integer (5400).  Its
constructor builds such a number digit group by digit group with ever larger integers, which
is quadratic: 0.9 MB of `1:2:3:...` took 21 s.  No framework document means a base-60
number, so this loader resolves ints and floats without the base-60 forms (as YAML 1.2 does):
`1:30` stays the text '1:30'.  Everything else resolves as before (booleans such as `yes`,
dates such as 2008-07-01, null), so existing documents mean what they meant.

An explicit tag still reaches the constructors (`!!int 1:2:3`, `!!int 0xfff...`), so they
refuse what no document needs: base-60 forms, numbers of more than MAX_DIGITS digits (whose
text CPython cannot even print past 4,300 digits), empty values.  A refusal is a
ConstructorError with the node's position, which the walker reports as a finding.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import ConstructorError

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"

# far above any number a framework document holds (a version, a level, a year)
MAX_DIGITS = 100

# YAML 1.1's int and float forms (as PyYAML writes them), without the base-60 alternatives
_INT = re.compile(r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+)$""", re.X)
_FLOAT = re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""", re.X)


class Loader(_Base):
    """The safe loader, without base-60 numbers and with bounded integers."""

    def construct_yaml_int(self, node: Any) -> int:
        self._number_text(node, "a whole number")
        value: int = super().construct_yaml_int(node)
        return value

    def construct_yaml_float(self, node: Any) -> float:
        self._number_text(node, "a number")
        value: float = super().construct_yaml_float(node)
        return value

    def _number_text(self, node: Any, what: str) -> None:
        text = str(self.construct_scalar(node)).replace("_", "")
        if not text.strip():
            raise ConstructorError(None, None, f"expected {what}, found an empty value",
                                   node.start_mark)
        if ":" in text:
            raise ConstructorError(None, None, f"base-60 numbers such as 1:30 are not accepted "
                                   f"(expected {what}); quote the value if it is text",
                                   node.start_mark)
        if len(text) > MAX_DIGITS:
            raise ConstructorError(None, None, f"the number is more than {MAX_DIGITS} digits long; "
                                   "quote the value if it is text", node.start_mark)


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (INT_TAG, FLOAT_TAG)]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
# floats first, as PyYAML adds them (a float's text is never an int's)
Loader.add_implicit_resolver(FLOAT_TAG, _FLOAT, list("-+0123456789."))
Loader.add_implicit_resolver(INT_TAG, _INT, list("-+0123456789"))
Loader.add_constructor(INT_TAG, Loader.construct_yaml_int)
Loader.add_constructor(FLOAT_TAG, Loader.construct_yaml_float)
