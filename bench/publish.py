"""Benchmark the publications: NOMS to HTML (target < 1 s) and to PDF (target < 15 s).

    python bench/publish.py [PATH] [--repeat N]

Times the loader and each format separately (best of N runs), prints a table and exits 1
when a target is missed, so CI can run it as a check.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.loader import load_document  # noqa: E402
from checker.model import Document  # noqa: E402

TARGETS = {"html": 1.0, "pdf": 15.0}


def best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(ROOT / "framework"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    path = Path(args.path)

    from checker.render.html import publish_html
    from checker.render.markdown import publish_markdown
    from checker.render.pdf import publish_pdf

    def load() -> Document:
        document = load_document(path).document
        assert document is not None, f"{path} does not load"
        return document

    def html() -> str:  # load + render, as `fwdoc publish --format html` does
        return publish_html(load())

    def pdf() -> bytes:
        return publish_pdf(load())

    def md() -> str:
        return publish_markdown(load())

    rows = [("load", best(args.repeat, load)), ("md", best(args.repeat, md)),
            ("html", best(args.repeat, html)), ("pdf", best(max(1, args.repeat // 3), pdf))]
    failed = False
    print(f"{'publication':<12}{'seconds':>10}{'target':>10}")
    for name, seconds in rows:
        target = TARGETS.get(name)
        mark = ""
        if target is not None and seconds >= target:
            mark, failed = "  TOO SLOW", True
        print(f"{name:<12}{seconds:>10.3f}{(f'< {target:g}' if target else ''):>10}{mark}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
