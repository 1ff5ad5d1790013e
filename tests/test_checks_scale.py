"""The synthetic-document generator (bench/generate.py) is deterministic, and on a 1k-rule
document every planted defect is found with nothing else reported (bench/run.py's verify)."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import time
from datetime import date
from pathlib import Path
from types import ModuleType

from checker.checks import Context, run_checks
from checker.loader import load_document

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _digest(folder: Path) -> str:
    hasher = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            hasher.update(path.relative_to(folder).as_posix().encode())
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


def test_generator_is_deterministic(tmp_path: Path) -> None:
    generate = _module("generate").generate
    first = generate(tmp_path / "a", 1000)
    second = generate(tmp_path / "b", 1000)
    assert first == second
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert 1000 <= first["rules"] <= 1100
    planted_codes = {p["code"] for p in first["plants"]}
    from checker.checks import REGISTRY
    assert planted_codes == set(REGISTRY), sorted(set(REGISTRY) ^ planted_codes)


def test_every_planted_defect_is_found_and_nothing_else(tmp_path: Path) -> None:
    generate = _module("generate").generate
    verify = _module("run").verify
    data = generate(tmp_path / "doc", 2000)
    start = time.perf_counter()
    result = load_document(tmp_path / "doc")
    assert result.document is not None
    findings = result.findings + run_checks(result.document, Context(today=date(2024, 1, 1)))
    elapsed = time.perf_counter() - start
    outcome = verify(data["plants"], findings)
    assert outcome["missed"] == []
    assert outcome["unexpected"] == []
    assert elapsed < 20, elapsed  # the benchmark measures properly; this only catches a blow-up
