"""Causes the fuzz suite has found and someone else is fixing.

Each cause says how to recognise it (the exception's type and the innermost frame in
`checker/` it escapes through, or a look at the output) and gives its smallest example.
While a cause is `open`:

- the fuzz targets set aside any example that fails by that cause (`hypothesis.reject`), so
  that a run goes on looking for other causes instead of stopping at a known one (a cause seen
  in the output, not as an exception, has no exception types: the target asks `is_open(name)`);
- tests/fuzz/test_known_causes.py runs the smallest example, marked xfail(strict=False).

When the fix is merged, set `open=False` (or delete the `open=True`): the example then runs as
an ordinary regression test and the targets stop setting such examples aside.
Every cause is also written up in fuzz-findings.md (example, last frame, date).
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass


@dataclass(frozen=True)
class Cause:
    name: str
    summary: str
    # what escapes: exception types, the innermost checker/ module (path suffix) and function
    exceptions: tuple[type[BaseException], ...] = ()
    module: str = ""
    function: str = ""
    message: str = ""  # a regular expression the exception's message must match ("" = any)
    open: bool = False  # True while a cause is unfixed (its example is an xfail, the targets skip it)

    def matches(self, exc: BaseException) -> bool:
        if not self.exceptions or not isinstance(exc, self.exceptions):
            return False
        if self.message and not re.search(self.message, str(exc)):
            return False
        ours = [frame for frame in traceback.extract_tb(exc.__traceback__)
                if "/checker/" in frame.filename.replace("\\", "/")]
        if not ours:
            return False
        frame = ours[-1]
        return frame.filename.replace("\\", "/").endswith(self.module) and \
            (not self.function or frame.name == self.function)


_INT_LIMIT = r"Exceeds the limit \(\d+ digits\) for integer string conversion"

CAUSES = [
    Cause("dsl-semicolon", "a ';' between two statements on one line of a rules block",
          (IndexError,), "checker/dsl/parser.py", "_new"),
    Cause("dsl-huge-occurrence", "an occurrence number of more than 4300 digits in a rules block",
          (ValueError,), "checker/dsl/parser.py", "", _INT_LIMIT),
    Cause("yaml-bad-typed-scalar", "a YAML type tag on a value it cannot convert (!!timestamp x, "
          "!!float '', !!int '', !!bool x)",
          (AttributeError, IndexError, KeyError, TypeError), "checker/load/yamlfile.py", "_scalar"),
    Cause("schema-huge-int", "a whole number of more than 4300 digits (0xfff..., base 60) where the "
          "schema wants another type or a bounded number", (ValueError,), "checker/load/schema.py", "", _INT_LIMIT),
    Cause("junit-control-characters", "control characters in a message (YAML escapes \\0, \\e, \\a) make "
          "the JUnit report invalid XML"),
    # found by this suite (see fuzz-findings.md)
    Cause("yaml-binary-scalar", "a '!!binary' value reaches the data as Python bytes (no finding)"),
    Cause("long-name-as-path", "a name from the source used as a path is longer than a file name may be "
          "(ENAMETOOLONG): a part id (loader._part_files, amend/tree._read) or the manifest's amendments "
          "folder (amend/records.load_records)", (OSError,), "", "", "name too long"),
    Cause("amendments-folder-outside", "the manifest's 'amendments:' folder ('../x', '/etc') is read although "
          "it lies outside the document folder"),
    Cause("tree-odd-clauses", "the amendment gate's source tree (amend/tree.py) reads a part whose "
          "'clauses' is not a list (a number, true) without the schema's guard",
          (TypeError, AttributeError), "checker/amend/tree.py", "_add_node"),
    Cause("yaml-huge-int-key", "a mapping key that is a whole number of more than 4300 digits",
          (ValueError,), "checker/load/yamlfile.py", "_convert", _INT_LIMIT),
    Cause("null-file-dropped", "a source file holding only a YAML null ('null', '~') is dropped with no "
          "finding: a part disappears from the document, a record from the history, and a null "
          "manifest.yaml passes `fwdoc check` with 0 errors"),
]


def open_cause(exc: BaseException) -> Cause | None:
    """The open cause `exc` is an instance of, if any."""
    return next((cause for cause in CAUSES if cause.open and cause.matches(exc)), None)


def is_open(name: str) -> bool:
    return any(cause.name == name and cause.open for cause in CAUSES)
