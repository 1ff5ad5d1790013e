"""Benchmark the website: the NOMS site (target < 10 s) and a synthetic 10k-rule document's
site (target < 90 s), each a full `fwdoc site` build: load, check, generate, mkdocs, swap.

    python bench/site.py [--rules 10000] [--work FOLDER] [--repeat N]

The synthetic document comes from bench/generate.py (seed 2008).  Prints a table with the
wall-clock time of each phase and the process's CPU time (a fairer figure on a busy machine),
and exits 1 when a target is missed (by wall-clock time), so CI can run it as a check.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from checker.website.build import build_site  # noqa: E402

TARGETS = {"NOMS": 10.0, "10k": 90.0}
TODAY = date(2024, 1, 1)


def measure(source: Path) -> dict[str, float]:
    """Seconds for each phase of one full build, and the total; the number of pages."""
    phases: dict[str, float] = {}
    marks: list[tuple[str, float]] = []

    def tick(phase: str, done: int, total: int) -> None:
        if not marks or marks[-1][0] != phase:
            marks.append((phase, time.perf_counter()))

    with tempfile.TemporaryDirectory(prefix="fwdoc-bench-site-") as tmp:
        start, cpu = time.perf_counter(), time.process_time()
        result = build_site(source, Path(tmp) / "site", today=TODAY, progress=tick)
        end, cpu = time.perf_counter(), time.process_time() - cpu
    for (phase, at), (_, until) in zip(marks, [*marks[1:], ("end", end)], strict=True):
        phases[phase] = phases.get(phase, 0.0) + until - at
    phases["total"] = end - start
    phases["cpu"] = cpu
    phases["pages"] = result.pages
    return phases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=10000, help="size of the synthetic document")
    parser.add_argument("--work", type=Path, help="where the generated document goes (default: a temporary folder)")
    parser.add_argument("--repeat", type=int, default=1, help="best of N builds")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(HERE))
    from generate import generate

    with tempfile.TemporaryDirectory(prefix="fwdoc-bench-doc-") as tmp:
        synthetic = (args.work or Path(tmp)) / f"site-{args.rules // 1000}k"
        generate(synthetic, args.rules)
        rows = []
        for name, source in (("NOMS", ROOT / "framework"), (f"{args.rules // 1000}k", synthetic)):
            runs = [measure(source) for _ in range(max(1, args.repeat))]
            rows.append((name, min(runs, key=lambda r: r["total"])))

    phases = [p for p in rows[0][1] if p not in ("total", "cpu", "pages")]
    print(f"{'site':<6}{'pages':>7}{'total s':>9}{'cpu s':>7}{'target':>9}  " + "  ".join(phases))
    failed = False
    for name, row in rows:
        target = TARGETS.get(name)
        mark = ""
        if target is not None and row["total"] >= target:
            mark, failed = "  TOO SLOW", True
        detail = "  ".join(f"{row.get(p, 0.0):.1f}".rjust(len(p)) for p in phases)
        print(f"{name:<6}{int(row['pages']):>7}{row['total']:>9.1f}{row['cpu']:>7.1f}"
              f"{(f'< {target:g}' if target else ''):>9}  {detail}{mark}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
