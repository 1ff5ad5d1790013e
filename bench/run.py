"""Benchmark `fwdoc check`: load + check in-process, for the NOMS document and synthetic
documents of 1k, 10k and 100k rules (bench/generate.py), with peak memory, and a check that
every planted defect is found and nothing else is reported.

    python bench/run.py                 # all cases; writes bench/results.md
    python bench/run.py --sizes 1000    # only the NOMS document and 1k (printed, results.md kept)
    python bench/run.py --one FOLDER    # one document, JSON on stdout (used for each case)

Each case runs in a fresh interpreter, so that its peak memory (getrusage's ru_maxrss) is its
own; times are measured inside it with perf_counter, the best of several runs for the small
documents.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TODAY = "2024-01-01"
FLOORS = {"noms_seconds": 0.5, "big_seconds": 15.0, "big_mb": 2048.0, "ratio": 15.0}


def measure(folder: Path, repeat: int) -> dict[str, Any]:
    """Load and check `folder` `repeat` times; the best times, the findings of the last run."""
    sys.path.insert(0, str(REPO))
    from datetime import date

    from checker.checks import Context, run_checks
    from checker.loader import load_document

    context = Context(today=date.fromisoformat(TODAY))
    best_load = best_check = float("inf")
    findings: list[Any] = []
    loaded: list[Any] = []
    document = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = load_document(folder)
        middle = time.perf_counter()
        document = result.document
        assert document is not None, [str(f.message) for f in result.findings[:5]]
        findings = run_checks(document, context)
        end = time.perf_counter()
        loaded = result.findings
        best_load = min(best_load, middle - start)
        best_check = min(best_check, end - middle)
    assert document is not None
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_mb = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 1024 / 1024
    out: dict[str, Any] = {
        "rules": len(document.rules), "actors": len(document.actors), "objects": len(document.objects),
        "clauses": sum(1 for c in document.clauses.values() if c.depth > 0),
        "load_s": best_load, "check_s": best_check, "total_s": best_load + best_check,
        "peak_mb": peak_mb, "findings": len(findings) + len(loaded),
        "by_code": _count(findings + loaded),
    }
    planted = folder / "planted.json"
    if planted.is_file():
        out |= verify(json.loads(planted.read_text(encoding="utf-8"))["plants"], findings + loaded)
    return out


def _count(findings: list[Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    return dict(sorted(counts.items()))


def _involves(finding: Any, plant: dict[str, Any], strict: bool) -> bool:
    if finding.code != plant["code"]:
        return False
    clauses = {loc.clause for loc in finding.locations}
    subjects = set(finding.subjects)
    if strict:
        return set(plant["clauses"]) <= clauses and set(plant["subjects"]) <= subjects
    return bool(set(plant["clauses"]) & clauses or set(plant["subjects"]) & subjects) or (
        not plant["clauses"] and not plant["subjects"])


def verify(plants: list[dict[str, Any]], findings: list[Any]) -> dict[str, Any]:
    """Every plant found (a finding of its code naming its clauses and subjects); findings that
    belong to no plant are false alarms."""
    missed = [p for p in plants if not any(_involves(f, p, True) for f in findings)]
    unexpected = [f for f in findings if not any(_involves(f, p, False) for p in plants)]
    return {
        "planted": len(plants), "found": len(plants) - len(missed),
        "missed": [f"{p['code']} {p['clauses']} {p['subjects']}" for p in missed],
        "unexpected": [f"{f.location}: {f.code} {f.message}" for f in unexpected[:20]],
        "unexpected_count": len(unexpected),
    }


def run_one(folder: Path, repeat: int) -> dict[str, Any]:
    """Measure one document in a fresh interpreter."""
    command = [sys.executable, str(Path(__file__).resolve()), "--one", str(folder), "--repeat", str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=REPO)
    if done.returncode != 0:
        raise SystemExit(f"benchmark of {folder} failed:\n{done.stderr}")
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def table(rows: list[tuple[str, dict[str, Any]]]) -> str:
    lines = ["| document | rules | actors | objects | load (s) | check (s) | total (s) | peak memory (MB) | planted found | false alarms |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, row in rows:
        found = f"{row['found']}/{row['planted']}" if "planted" in row else "-"
        false = str(row["unexpected_count"]) if "planted" in row else "-"
        lines.append(f"| {name} | {row['rules']:,} | {row['actors']:,} | {row['objects']:,} | {row['load_s']:.2f} | "
                     f"{row['check_s']:.2f} | {row['total_s']:.2f} | {row['peak_mb']:.0f} | {found} | {false} |")
    return "\n".join(lines)


def floors(rows: dict[str, dict[str, Any]]) -> list[tuple[str, str, bool]]:
    out = []
    if "NOMS" in rows:
        noms = rows["NOMS"]["total_s"]
        out.append(("NOMS document, load + check", f"{noms:.3f} s (floor {FLOORS['noms_seconds']} s)",
                    noms < FLOORS["noms_seconds"]))
    if "100k" in rows:
        big = rows["100k"]
        out.append(("100k rules, load + check", f"{big['total_s']:.1f} s (floor {FLOORS['big_seconds']:.0f} s)",
                    big["total_s"] < FLOORS["big_seconds"]))
        out.append(("100k rules, checks alone", f"{big['check_s']:.1f} s (floor {FLOORS['big_seconds']:.0f} s)",
                    big["check_s"] < FLOORS["big_seconds"]))
        out.append(("100k rules, peak memory", f"{big['peak_mb']:.0f} MB (floor {FLOORS['big_mb']:.0f} MB)",
                    big["peak_mb"] < FLOORS["big_mb"]))
        if "10k" in rows:
            ratio = big["total_s"] / rows["10k"]["total_s"]
            check_ratio = big["check_s"] / rows["10k"]["check_s"]
            out.append(("100k / 10k time, load + check", f"{ratio:.1f}x (floor {FLOORS['ratio']:.0f}x)",
                        ratio <= FLOORS["ratio"]))
            out.append(("100k / 10k time, checks alone", f"{check_ratio:.1f}x (floor {FLOORS['ratio']:.0f}x)",
                        check_ratio <= FLOORS["ratio"]))
    for name, row in rows.items():
        if "planted" in row:
            out.append((f"{name}: every planted defect found", f"{row['found']}/{row['planted']}",
                        row["found"] == row["planted"]))
    return out


def report(rows: list[tuple[str, dict[str, Any]]]) -> str:
    by_name = dict(rows)
    checks = floors(by_name)
    lines = ["# Benchmark: `fwdoc check` at scale", "",
             "Generated by `python bench/run.py` (do not edit by hand).  Documents: the NOMS source in "
             "`framework/` as it stands, and synthetic documents from `bench/generate.py` (seed 2008) "
             "with defects of every kind planted.  Times are in-process (`load_document` then "
             "`run_checks`, `--today " + TODAY + "`), the best of 3 runs for NOMS and 1k, one run for "
             "10k and 100k; peak memory is the process's maximum resident set size.", "",
             f"Machine: {platform.machine()}, Python {platform.python_version()}, {platform.system()}.", "",
             table(rows), "", "## Floors", "", "| floor | measured | met |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {'yes' if ok else '**no**'} |" for name, value, ok in checks]
    if "100k" in by_name:
        big = by_name["100k"]
        share = 100 * big["load_s"] / big["total_s"]
        lines += ["", "## Where the time goes", "",
                  f"At 100k rules, loading (reading the YAML, validating it against the schemas, "
                  f"splitting sentences, parsing every rules block with lark and resolving names: "
                  f"`checker/loader.py`) takes {share:.0f}% of the time; the checks take "
                  f"{big['check_s']:.1f} s.  The checks index rules by actor, object and action and "
                  "never compare all pairs, so their time grows with the number of rules."]
    lines += ["", "## Findings by code", ""]
    for name, row in rows:
        counts = ", ".join(f"{code} {n}" for code, n in row["by_code"].items())
        lines.append(f"- {name}: {counts or 'none'}")
    misses = [(name, row) for name, row in rows if row.get("missed") or row.get("unexpected")]
    if misses:
        lines += ["", "## Missed plants and false alarms", ""]
        for name, row in misses:
            lines += [f"- {name}: missed {m}" for m in row.get("missed", [])]
            lines += [f"- {name}: unexpected {u}" for u in row.get("unexpected", [])]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark fwdoc check.")
    parser.add_argument("--one", type=Path, help="measure one document folder; print JSON")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "fwdoc-bench",
                        help="where generated documents go (outside the repository: they are large "
                             "and generated again on every run)")
    parser.add_argument("--output", type=Path, default=None,
                        help="where to write the report (default: bench/results.md, and only for a "
                             "run of every size, so that a partial run never replaces the full figures)")
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one, args.repeat)))
        return 0
    sys.path.insert(0, str(HERE))
    from generate import generate

    rows: list[tuple[str, dict[str, Any]]] = []
    framework = REPO / "framework"
    if (framework / "manifest.yaml").is_file():
        rows.append(("NOMS", run_one(framework, 3)))
        print(table(rows[-1:]).splitlines()[-1], flush=True)
    for size in args.sizes:
        name = f"{size // 1000}k"
        folder = args.work / name
        generate(folder, size)
        rows.append((name, run_one(folder, 3 if size <= 1000 else 1)))
        print(table(rows[-1:]).splitlines()[-1], flush=True)
    text = report(rows)
    output = args.output
    if output is None and sorted(args.sizes) == [1000, 10000, 100000]:
        output = HERE / "results.md"
    if output is not None:
        # sections other scripts write (bench/hostile.py's "## Hostile input") are kept
        kept = ""
        if output.is_file():
            old = output.read_text(encoding="utf-8")
            # (bench/floors.py's section and bench/hostile.py's, in that order)
            found = [at for at in (old.find("\n## Whole processes on one core"), old.find("\n## Hostile input")) if at >= 0]
            kept = old[min(found):] if found else ""
        output.write_text(text.rstrip("\n") + "\n" + kept if kept else text, encoding="utf-8")
    print(text)
    failed = [name for name, _, ok in floors(dict(rows)) if not ok]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
