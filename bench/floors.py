"""Measure issue 14's floors in one run, each beside what it is compared to, whole processes
on one core.

    python bench/floors.py                     # NOMS, 1k, 10k, 100k; writes bench/floors.json
    python bench/floors.py --sizes 1000 10000  # fewer sizes (nothing written unless --output)
    python bench/floors.py --huge              # also 1M rules (about 2 GB of memory, minutes)
    python bench/floors.py --renderers         # also publish (HTML 10k and 100k, PDF 10k),
                                               # site (100k) and amend (one-clause change, 100k)

Every measurement is one command in a fresh process pinned to one core (`taskset -c 0` when
there is one: the second core is not guaranteed in CI), timed from outside: wall time, CPU
time (user + system) and peak resident memory of that process alone (`os.wait4`).  Times are
the median of several runs (5 for NOMS, 3 for 1k and 10k, 1 from 100k up); memory the most.

What is compared:

- `floor`: a process that imports PyYAML and lark, reads every YAML file of the document with
  the C loader and parses every rules block with lark LALR (the grammar of grammar/, the
  statements split as checker/dsl/statements.py splits them and parsed a block at a time, no
  transformer: a tree), and nothing else.  `fwdoc check` does that and everything else.
- `check`: `fwdoc --no-cache check DOC --format json --output FILE` (no cache: cold);
  `check, cached`: the same with the cache filled by a run before (nothing changed: the whole
  result is read back);
  `re-check after a one-clause edit`: one rule of one clause changed after a cached run (the
  parsed blocks of every other clause come from the cache; the loader and every check run).
- `publish html`, `publish pdf`, `site`, `amend`: the commands, with the cache; `amend` is
  compared with the re-check after the same edit (a check of HEAD, which the gate must do).

`python bench/floors.py --readme` writes the README's speed rows from bench/floors.json.

The generated documents come from bench/generate.py (NOMS-like: about 365 bytes of source a
rule at 10k, NOMS 361); bench/results.md quotes the figures (`python bench/floors.py
--markdown` prints its table).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FWDOC = [sys.executable, "-m", "checker"]

FLOOR = r'''
import importlib.util, sys
from pathlib import Path
import yaml
from lark import Lark
root, grammar, statements = map(Path, sys.argv[1:4])
# the statement splitter alone (a few lines of re), not the checker
spec = importlib.util.spec_from_file_location("statements", statements)
split = importlib.util.module_from_spec(spec); sys.modules["statements"] = split; spec.loader.exec_module(split)
parser = Lark(grammar.read_text(encoding="utf-8"), parser="lalr", lexer="basic",
              maybe_placeholders=False, start=["start", "block"])
count = 0
def walk(value):
    global count
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "rules" and isinstance(item, str):
                raws = split.split_statements(item)
                if raws:
                    parser.parse("\n;\n".join(raw.text for raw in raws), start="block")
                    count += len(raws)
            else:
                walk(item)
    elif isinstance(value, list):
        for item in value:
            walk(item)
for path in sorted(root.rglob("*.yaml")):
    walk(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader))
print(count)
'''


# Bytecode is written and read as an installed wheel's is: with PYTHONDONTWRITEBYTECODE=1 (set on
# some machines) every process compiles fwdoc's and its dependencies' sources again, 0.4 s
_ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _pin() -> list[str]:
    return ["taskset", "-c", "0"] if shutil.which("taskset") and hasattr(os, "sched_getaffinity") else []


def run(command: list[str], env: dict[str, str] | None = None, ok: tuple[int, ...] = (0, 1)) -> dict[str, float]:
    """One command in a fresh process on one core: wall, CPU and peak memory."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen([*_pin(), *command], stdout=subprocess.DEVNULL, stderr=err, cwd=REPO,
                                   env={**_ENVIRONMENT, **(env or {})})
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in ok:
            err.seek(0)
            raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{err.read().decode()[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "mb": usage.ru_maxrss / 1024}


def best(command: list[str], repeat: int, env: dict[str, str] | None = None) -> dict[str, float]:
    """The median wall and CPU time of `repeat` runs, and the most memory any of them took."""
    import statistics

    runs = [run(command, env) for _ in range(repeat)]
    return {"wall": statistics.median(r["wall"] for r in runs), "cpu": statistics.median(r["cpu"] for r in runs),
            "mb": max(r["mb"] for r in runs)}


def edit_one_clause(folder: Path) -> None:
    """Change one rule of one clause (a clause in the middle of the document)."""
    parts = sorted((folder / "parts").glob("section-*.yaml"))
    part = parts[len(parts) // 2]
    text = part.read_text(encoding="utf-8")
    at = text.find(" must maintain ")
    if at < 0:
        at = text.find(" must ")
    assert at >= 0, part
    part.write_text(text[:at] + " must keep " + text[at + len(" must maintain "):]
                    if text[at:].startswith(" must maintain ") else text[:at] + " should " + text[at + 6:],
                    encoding="utf-8")


def measure(name: str, folder: Path, rules: int, repeat: int, work: Path, renderers: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "rules": rules}
    source = sum(p.stat().st_size for p in folder.rglob("*.yaml"))
    out["bytes_per_rule"] = round(source / max(1, rules))
    grammar = REPO / "grammar" / "obligations.lark"
    report = work / f"{name}.json"
    statements = REPO / "checker" / "dsl" / "statements.py"
    out["floor"] = best([sys.executable, "-c", FLOOR, str(folder), str(grammar), str(statements)], repeat)
    out["check"] = best([*FWDOC, "--no-cache", "check", str(folder), "--format", "json", "--output", str(report)], repeat)
    cache = work / f"cache-{name}"
    shutil.rmtree(cache, ignore_errors=True)
    cached = [*FWDOC, "--cache-dir", str(cache), "check", str(folder), "--format", "json", "--output", str(report)]
    out["check_cache_fill"] = run(cached)
    out["check_cached"] = best(cached, repeat)
    if name != "NOMS":
        edited = work / f"{name}-edited"
        shutil.rmtree(edited, ignore_errors=True)
        shutil.copytree(folder, edited)
        run([*FWDOC, "--cache-dir", str(cache), "check", str(edited), "--format", "json", "--output", str(report)])
        edit_one_clause(edited)
        out["recheck_one_clause"] = run([*FWDOC, "--cache-dir", str(cache), "check", str(edited), "--format", "json",
                                         "--output", str(report)])
        if renderers:
            env = {"FWDOC_CACHE_DIR": str(cache)}
            if rules <= 200_000:
                out["publish_html"] = run([*FWDOC, "publish", str(folder), "--format", "html", "--output",
                                           str(work / f"{name}.html")], env)
            if rules <= 20_000:
                out["publish_pdf"] = run([*FWDOC, "publish", str(folder), "--format", "pdf", "--output",
                                          str(work / f"{name}.pdf")], env)
            if rules >= 100_000:
                out["site"] = run([*FWDOC, "site", str(folder), "--output", str(work / f"{name}-site")], env)
            if rules >= 10_000:
                out["amend"] = run([*FWDOC, "amend", "compare", str(folder), str(edited), "--format", "json"],
                                   env, ok=(0, 1, 2))
                # again: BASE's findings are in the cache now (as for every later pull request
                # against the same BASE)
                out["amend_base_cached"] = run([*FWDOC, "amend", "compare", str(folder), str(edited), "--format",
                                                "json"], env, ok=(0, 1, 2))
        shutil.rmtree(edited, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    return out


def _load() -> str:
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:  # pragma: no cover
        return "?"


def markdown(results: list[dict[str, Any]], machine: str) -> str:
    lines = ["| document | rules | bytes a rule | floor: YAML + lark (s, CPU) | check (s, CPU) | check / floor | "
             "peak memory (MB) | KB a rule | check, cached (s, CPU (wall)) | "
             "re-check after a one-clause edit (s, CPU (wall)) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        recheck = (f"{r['recheck_one_clause']['cpu']:.2f} ({r['recheck_one_clause']['wall']:.2f})"
                   if "recheck_one_clause" in r else "-")
        lines.append(
            f"| {r['name']} | {r['rules']:,} | {r['bytes_per_rule']} | {r['floor']['cpu']:.2f} | {r['check']['cpu']:.2f} | "
            f"{r['check']['cpu'] / r['floor']['cpu']:.2f}x | {r['check']['mb']:.0f} | "
            f"{1024 * r['check']['mb'] / max(1, r['rules']):.1f} | "
            f"{r['check_cached']['cpu']:.2f} ({r['check_cached']['wall']:.2f}) | {recheck} |")
    extra = [(r, key) for r in results
             for key in ("publish_html", "publish_pdf", "site", "amend", "amend_base_cached") if key in r]
    if extra:
        lines += ["", "| command | document | wall (s) | CPU (s) | peak memory (MB) | CPU / a check of the edited "
                  "document (the re-check) |", "|---|---|---:|---:|---:|---:|"]
        lines += [f"| {key.replace('_', ' ')} | {r['name']} | {r[key]['wall']:.1f} | {r[key]['cpu']:.1f} | "
                  f"{r[key]['mb']:.0f} | {r[key]['cpu'] / r['recheck_one_clause']['cpu']:.2f}x |"
                  for r, key in extra]
    lines += ["", machine]
    return "\n".join(lines)


SECTION = "## Whole processes on one core (bench/floors.py)"


def write_section(table: str) -> None:
    """Put the table in bench/results.md under SECTION (replacing the last run's), before
    the hostile inputs' section; bench/run.py keeps both when it writes the file again."""
    results = HERE / "results.md"
    text = results.read_text(encoding="utf-8") if results.is_file() else ""
    body = (f"{SECTION}\n\nGenerated by `python bench/floors.py` (do not edit by hand): each command a fresh "
            "process on one core; CPU seconds (user + system), so that a shared machine's load counts "
            "less than in wall times; the floor is YAML (C loader) + lark LALR of the same rules, whole "
            "process (docs/performance.md).\n\n" + table + "\n\n")
    start = text.find(SECTION)
    if start >= 0:
        end = text.find("\n## ", start + len(SECTION))
        text = text[:start] + body + (text[end + 1:] if end >= 0 else "")
    else:
        hostile = text.find("## Hostile input")
        text = text[:hostile] + body + "\n" + text[hostile:] if hostile >= 0 else text.rstrip("\n") + "\n\n" + body
    results.write_text(text, encoding="utf-8")


README_START = "Whole processes on one core, beside the floor of issue 14"
README_END = "\n\nIn-process load + check"


def readme_section(data: dict[str, Any]) -> str:
    """The README's paragraph and table of whole-process figures, from a run's floors.json."""
    by_name = {row["name"]: row for row in data["results"]}
    big, noms, ten = by_name["100k"], by_name["NOMS"], by_name.get("10k", {})
    ratio = big["check"]["cpu"] / big["floor"]["cpu"]
    rows = [("100k rules, check / floor (YAML + lark), one core, CPU",
             f"{ratio:.2f}x ({big['check']['cpu']:.1f} s / {big['floor']['cpu']:.1f} s)", "1.5x", ratio <= 1.5),
            ("100k rules, re-check after a one-clause edit, CPU", f"{big['recheck_one_clause']['cpu']:.1f} s", "3 s",
             big["recheck_one_clause"]["cpu"] < 3),
            ("NOMS, `fwdoc check` whole process, cached, CPU", f"{noms['check_cached']['cpu']:.2f} s", "0.3 s",
             noms["check_cached"]["cpu"] < 0.3),
            ("100k rules, peak memory a rule, whole process", f"{1024 * big['check']['mb'] / big['rules']:.1f} KB",
             "2 KB", 1024 * big["check"]["mb"] / big["rules"] < 2)]
    for row in (ten, big):
        if "amend_base_cached" in row and "recheck_one_clause" in row:
            times = row["amend_base_cached"]["cpu"] / row["recheck_one_clause"]["cpu"]
            rows.append((f"{row['name']} rules, `fwdoc amend` on a one-clause change / a check of HEAD, CPU",
                         f"{times:.2f}x", "1.3x", times <= 1.3))
    met = sum(1 for *_, ok in rows if ok)
    load = re.search(r"load average (\S+) at the start of the run, (\S+) at its end", data["machine"])
    start, end = load.groups() if load else ("?", "?")
    table = "\n".join(f"| {label} | {value} | {target} |" for label, value, target, _ in rows)
    return (f"{README_START} (YAML with the C loader + lark LALR of\nthe same rules), on NOMS-like generated "
            f"documents ({ten.get('bytes_per_rule', '?')} bytes of source a rule at\n10k); CPU seconds (medians; one run "
            "at 100k), "
            f"because the machine was shared (load average {start} at the start\nof the run and {end} at its end, "
            "which inflates CPU times too, so the ratio to the floor measured in the\nsame run is the figure to "
            f"read). The last column is issue 14's target, met by {met} of these {len(rows)} rows\n"
            "(bench/floors.py writes these rows; docs/performance.md says where the time goes):\n\n"
            "| what | measured | target |\n|---|---:|---:|\n" + table)


def write_readme(data: dict[str, Any]) -> None:
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise SystemExit("README.md has no whole-process speed section to replace")
    readme.write_text(text[:start] + readme_section(data) + text[end:], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument("--huge", action="store_true", help="also 1M rules")
    parser.add_argument("--renderers", action="store_true", help="also publish, site and amend")
    parser.add_argument("--renderers-up-to", type=int, default=None, metavar="RULES",
                        help="run the renderers only on documents of at most RULES rules (a loaded machine)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "fwdoc-floors")
    parser.add_argument("--output", type=Path, default=None, help="where to write the JSON figures")
    parser.add_argument("--readme", action="store_true",
                        help="write the README's speed rows from bench/floors.json and stop")
    parser.add_argument("--report", type=Path, default=None,
                        help="write bench/results.md's section from this JSON (a run's floors.json) and stop")
    args = parser.parse_args(argv)
    if args.readme:
        write_readme(json.loads((HERE / "floors.json").read_text(encoding="utf-8")))
        return 0
    if args.report is not None:
        data = json.loads(args.report.read_text(encoding="utf-8"))
        write_section(markdown(data["results"], data["machine"]))
        return 0
    sys.path.insert(0, str(HERE))
    from generate import generate

    load_at_start = _load()
    sizes = [*args.sizes, *([1_000_000] if args.huge else [])]
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    noms = REPO / "framework"
    if (noms / "manifest.yaml").is_file():
        sys.path.insert(0, str(REPO))
        from checker.loader import load_document

        loaded = load_document(noms)
        rules = len(loaded.document.rules) if loaded.document is not None else 0
        results.append(measure("NOMS", noms, rules, 5, args.work, False))
        print(json.dumps(results[-1]), flush=True)
    for size in sizes:
        name = f"{size // 1000}k" if size < 1_000_000 else f"{size // 1_000_000}M"
        folder = args.work / name
        data = generate(folder, size)
        renderers = args.renderers and (args.renderers_up_to is None or size <= args.renderers_up_to)
        results.append(measure(name, folder, data["rules"], 3 if size <= 10_000 else 1, args.work, renderers))
        print(json.dumps(results[-1]), flush=True)
    machine = (f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
               f"{platform.system()}; load average {load_at_start} at the start of the run, {_load()} at its end; each command pinned to one core; "
               "bytecode written (PYTHONDONTWRITEBYTECODE unset).")
    output = args.output
    if output is None and sorted(args.sizes) == [1000, 10000, 100000]:
        output = HERE / "floors.json"
    if output is not None:
        output.write_text(json.dumps({"machine": machine, "results": results}, indent=1) + "\n", encoding="utf-8")
        if output == HERE / "floors.json":
            write_section(markdown(results, machine))
    print(markdown(results, machine))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
