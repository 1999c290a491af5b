"""Shared fixtures: the real pipeline (loaded once per session) and paths to the corpora."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
SEED = SHARED / "seed" / "000_6af67b908cffe359.txt"


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline: base model plus diplograph's components."""
    from extract.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extract(nlp):
    """Extract a record from a report given as text (headline and date lines allowed)."""
    from extract.record import extract_documents
    from extract.sources import document_from_text

    def run(text: str, *, published: str | None = None, title: str | None = None) -> dict:
        doc = document_from_text(text, published=published, title=title)
        return next(extract_documents([doc], nlp))[1]

    return run


@pytest.fixture(scope="session")
def shared_corpora() -> Path:
    """../shared/corpora: required in CI, skipped elsewhere when missing."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing; CI must run with ../shared beside the repository")
        pytest.skip("../shared/corpora is not beside this checkout")
    return SHARED


def run_json_script(script: str, *args: str) -> dict:
    """Run `script` in a fresh Python process (from the project root) and return the JSON object its
    last printed line holds: for what one process's modules or memory must show."""
    proc = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=ROOT,
                          check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])
