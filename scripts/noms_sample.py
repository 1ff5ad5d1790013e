"""Draw a recorded random sample of NOMS rules with the sentences they cite, for an audit.

    .venv/bin/python scripts/noms_sample.py SEED [N] [FRAMEWORK]

Rules are ordered by file and line, then `random.Random(SEED).sample` picks N (default 60);
the same seed on the same source gives the same sample (docs/formalising.md records the seeds
used).  Each entry shows the rule id, the clause, the sentence and the rule as written.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from checker.loader import load_document  # noqa: E402


def sample(framework: Path, seed: int, n: int) -> list[str]:
    document = load_document(framework).document
    if document is None:
        raise SystemExit(f"{framework}: the document does not load; run fwdoc check")
    rules = sorted(document.rules, key=lambda r: (r.location.file, r.location.line, r.id))
    picked = sorted(random.Random(seed).sample(rules, min(n, len(rules))),
                    key=lambda r: (r.location.file, r.location.line))
    out = []
    for i, rule in enumerate(picked, 1):
        clause = document.clauses[rule.clause]
        cited = next((s.text for s in clause.sentences if s.index == rule.sentence), "?")
        out.append(f"{i}. {rule.id} ({clause.label}, {rule.location.file}:{rule.location.line})\n"
                   f"   sentence: {cited}\n   rule: {' '.join(rule.source.split())}\n")
    return out


if __name__ == "__main__":
    if len(sys.argv) < 2 or not sys.argv[1].isdigit():
        raise SystemExit(__doc__)
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    root = Path(sys.argv[3]) if len(sys.argv) > 3 else REPO / "framework"
    print("\n".join(sample(root, int(sys.argv[1]), count)))
