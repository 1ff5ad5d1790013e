"""Benchmark `fwdoc check` on hostile input: documents built to make the loader slow.

Each case is the small valid document tests/fixtures/docs/minimal with one file replaced by
a generated one that once took the loader a long time (quadratic work):

    quotes-NxN         one clause of N sentences and N rules quoting text that is in none of
                       them: each failed quote once ran difflib against every sentence
                       (`loader._cite`; 30 s at 1000x1000, 122 s at 2000x2000)
    unknown-names-N    N rules naming actors that are in no register, against a register of
                       R actors: each once ran difflib against the whole register
                       (`resolve.Resolver.name` -> `suggest.did_you_mean`; 19-51 s at 20k)
    base-60-MB         a part holding about that many MB of YAML 1.1 base-60 integers
                       (`1:2:3:...`), which PyYAML builds digit group by digit group
                       (21 s at 0.9 MB)
    five-mb-*          a file just under the 5 MB size limit of each kind above
    references-N       one clause of N cross-references: each new one was tested against
                       every one found before (`xrefs.find_references`; > 120 s at 60k)
    repeated-quote     one quote held by every sentence, cited with occurrence numbers
                       1..N: searched for and copied once per citation (> 120 s at 50k x 20k)

    python bench/hostile.py              # every case; prints a table of times
    python bench/hostile.py --quick      # smaller sizes (seconds in all)
    python bench/hostile.py --write      # also replace the "Hostile input" section of results.md
    python bench/hostile.py --source DIR # run the checker package of another checkout (to
                                         # compare with an older version: `git worktree add`)

Each case runs the real `fwdoc check --format json` in a subprocess (time limit: --timeout
seconds, 600 by default) and reports its wall time, exit status and the number of findings.
The target (issue 11) is that a 5 MB hostile file checks in seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BASE = REPO / "tests" / "fixtures" / "docs" / "minimal"
FWDOC = shutil.which("fwdoc", path=str(Path(sys.executable).parent)) or shutil.which("fwdoc") or "fwdoc"
LIMIT = 5 * 1024 * 1024
HEAD = "id: governance\nkind: section\ntitle: Governance\n"
MARK = "## Hostile input"


def _part(folder: Path, text: str) -> None:
    (folder / "parts" / "governance.yaml").write_text(text, encoding="utf-8")


def quotes(n: int, width: int = 1) -> Callable[[Path], None]:
    """One clause, n sentences, n rules citing text in none of them."""
    def build(folder: Path) -> None:
        words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
        sentences = " ".join(
            f"The Director General must {words[i % 8]} report number {i} {'and more ' * width}each year."
            for i in range(n))
        rules = "".join(f'      "the Permanent Secretary must {words[i % 8]} submission {i}":\n'
                        "        director_general must submit corporate_plan\n" for i in range(n))
        _part(folder, HEAD + "clauses:\n  - id: c\n    text: |\n      " + sentences + "\n"
              + "    rules: |\n" + rules)
    return build


def unknown_names(n: int, register: int) -> Callable[[Path], None]:
    """`register` actors, n rules each naming two actors that are in no register."""
    def build(folder: Path) -> None:
        actors = "".join(f"  - id: official_{i:06d}_of_the_agency\n    name: Official {i}\n"
                         "    kind: individual\n" for i in range(register))
        (folder / "actors.yaml").write_text(
            (BASE / "actors.yaml").read_text(encoding="utf-8") + actors, encoding="utf-8")
        rules = "".join(f"        offical_{i:06d}_of_agency must submit corporate_plan "
                        f"to direktor_{i % 97}_generall\n" for i in range(n))
        _part(folder, HEAD + "clauses:\n  - id: c\n    text: The Director General must submit it.\n"
              + '    rules: |\n      "must submit it":\n' + rules)
    return build


def register_too_big(n: int) -> Callable[[Path], None]:
    """A register just under the size limit, and n unknown names checked against it."""
    def build(folder: Path) -> None:
        actors = []
        size = 0
        i = 0
        while size < LIMIT - 200_000:
            entry = f"  - id: official_{i:07d}_of_the_agency\n    name: Official {i}\n    kind: individual\n"
            actors.append(entry)
            size += len(entry)
            i += 1
        (folder / "actors.yaml").write_text(
            (BASE / "actors.yaml").read_text(encoding="utf-8") + "".join(actors), encoding="utf-8")
        rules = "".join(f"        offical_{i:07d}_of_agency must submit corporate_plan\n" for i in range(n))
        _part(folder, HEAD + "clauses:\n  - id: c\n    text: The Director General must submit it.\n"
              + '    rules: |\n      "must submit it":\n' + rules)
    return build


def base_60(megabytes: float) -> Callable[[Path], None]:
    """Clause levels written as long base-60 integers, about `megabytes` MB of them."""
    def build(folder: Path) -> None:
        number = ":".join(["59"] * 30_000)  # one 90 kB integer
        count = max(1, int(megabytes * 1024 * 1024 / (len(number) + 40)))
        clauses = "".join(f"  - id: c{i}\n    level: {number}\n    text: Text.\n" for i in range(count))
        _part(folder, HEAD + "clauses:\n" + clauses)
    return build


def references(n: int) -> Callable[[Path], None]:
    """One clause holding n cross-references ("See section 1.2.3 and paragraph N.")."""
    def build(folder: Path) -> None:
        text = " ".join(f"See section {i % 50}.{i % 7}.{i % 3} and paragraph {i}." for i in range(n))
        _part(folder, HEAD + "clauses:\n  - id: c\n    text: |\n      " + text + "\n")
    return build


def repeated_quote(sentences: int, citations: int) -> Callable[[Path], None]:
    """One quote that every sentence holds, cited with occurrence numbers 1..citations."""
    def build(folder: Path) -> None:
        text = " ".join(f"The Agency must report item {i}." for i in range(sentences))
        rules = "".join(f'      "must report" ({n}):\n        informal "one of many"\n'
                        for n in range(1, citations + 1))
        _part(folder, HEAD + "clauses:\n  - id: c\n    text: |\n      " + text + "\n    rules: |\n" + rules)
    return build


def _cases(quick: bool) -> list[tuple[str, Callable[[Path], None]]]:
    if quick:
        return [("quotes-300x300", quotes(300)), ("unknown-names-2k (register 2k)", unknown_names(2000, 2000)),
                ("base-60-0.1MB", base_60(0.1))]
    return [
        ("quotes-1000x1000", quotes(1000)),
        ("quotes-2000x2000", quotes(2000)),
        ("unknown-names-20k (register 2k)", unknown_names(20_000, 2000)),
        ("base-60-0.9MB", base_60(0.9)),
        ("five-mb-quotes (12k x 12k)", quotes(12_000, 8)),
        ("five-mb-unknown-names (55k, register 2k)", unknown_names(55_000, 2000)),
        ("five-mb-register (51k actors, 5k unknown names)", register_too_big(5000)),
        ("five-mb-base-60", base_60(4.9)),
        ("references-60k (one clause)", references(60_000)),
        ("repeated-quote (50k sentences, 20k citations)", repeated_quote(50_000, 20_000)),
    ]


def run_case(build: Callable[[Path], None], timeout: float, source: Path | None = None) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="fwdoc-hostile-") as tmp:
        folder = Path(tmp) / "doc"
        shutil.copytree(BASE, folder)
        build(folder)
        size = max(p.stat().st_size for p in folder.rglob("*.yaml"))
        command = [FWDOC] if source is None else [sys.executable, "-m", "checker"]
        env = os.environ | {"NO_COLOR": "1"}
        if source is not None:
            env["PYTHONPATH"] = str(source)
        started = time.perf_counter()
        try:
            proc = subprocess.run([*command, "check", str(folder), "--format", "json"], capture_output=True,
                                  text=True, timeout=timeout, env=env, cwd=source)
        except subprocess.TimeoutExpired:
            return {"size": size, "seconds": None, "status": "timeout", "findings": "-"}
        seconds = time.perf_counter() - started
        try:
            findings: object = len(json.loads(proc.stdout)["findings"])
        except (ValueError, KeyError):
            findings = "-"
        return {"size": size, "seconds": seconds, "status": proc.returncode, "findings": findings,
                "traceback": "Traceback" in proc.stderr}


def table(rows: list[tuple[str, dict[str, object]]], timeout: float) -> str:
    lines = ["| hostile input | largest file (bytes) | time (s) | exit status | findings |",
             "|---|---:|---:|---:|---:|"]
    for name, row in rows:
        seconds = row["seconds"]
        shown = f"{seconds:.2f}" if isinstance(seconds, float) else f"> {timeout:.0f}"
        status = f"{row['status']} (traceback)" if row.get("traceback") else str(row["status"])
        lines.append(f"| {name} | {row['size']:,} | {shown} | {status} | {row['findings']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    parser.add_argument("--write", action="store_true", help="replace the hostile-input section of results.md")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds allowed a case")
    parser.add_argument("--source", type=Path, help="a checkout whose checker package to run")
    parser.add_argument("--only", help="run only the cases whose name contains this")
    args = parser.parse_args(argv)
    rows = []
    for name, build in _cases(args.quick):
        if args.only and args.only not in name:
            continue
        row = run_case(build, args.timeout, args.source.resolve() if args.source else None)
        rows.append((name, row))
        print(f"{name}: {row['seconds']} s, exit {row['status']}", file=sys.stderr, flush=True)
    text = table(rows, args.timeout)
    print(text)
    if args.write:
        section = (f"{MARK}\n\nMeasured by `python bench/hostile.py` on {platform.python_implementation()} "
                   f"{platform.python_version()}, {os.cpu_count()} cores: `fwdoc check --format json` "
                   "in a subprocess, wall time, on documents built to make the loader slow (see the "
                   "script's docstring for each case).\n\n" + text + "\n")
        results = HERE / "results.md"
        current = results.read_text(encoding="utf-8")
        before = current.split(MARK, 1)[0].rstrip("\n")
        after = current.split(MARK, 1)[1] if MARK in current else ""
        rest = after[after.find("\n## "):] if "\n## " in after else ""
        results.write_text(before + "\n\n" + section + rest, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
