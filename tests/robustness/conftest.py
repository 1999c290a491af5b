"""Fixtures of the robustness tests: the catalogue folder with one extract and one build run over it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from robust_inputs import failures, run_cli, write_catalogue


@pytest.fixture(scope="session")
def catalogue(tmp_path_factory):
    """The catalogue folder, with one extract run and one build run over it."""
    root = tmp_path_factory.mktemp("catalogue")
    folder = root / "reports"
    cases = write_catalogue(folder)
    extract = run_cli("extract", str(folder), "--jsonl", "--max-chars", "20000")
    build = run_cli("build", str(folder), "--out", str(root / "out"), "--quiet", "--max-chars", "20000")
    records = {Path(r["source"]).name: r for r in map(json.loads, extract.stdout.splitlines())}
    return {"root": root, "folder": folder, "cases": cases, "extract": extract, "build": build,
            "records": records, "failures": {Path(k).name: v for k, v in failures(extract.stderr).items()}}
