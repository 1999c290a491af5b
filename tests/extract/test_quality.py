"""The quality gate: extraction scored against gold files must not drop below recorded floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract import extract_paths
from extract.evaluate import format_table, load_gold, score

ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))


def _check(scores, floors: dict) -> list[str]:
    d = scores.as_dict()
    below = []
    for key, floor in floors.items():
        if key.startswith("_"):
            continue
        metric, _, part = key.rpartition("_")
        if part in ("f1", "precision", "recall"):
            value = d[metric][part]
        else:
            value = d[key]["accuracy"]
        if value < floor:
            below.append(f"{key}: {value:.3f} < floor {floor}")
    return below


@pytest.fixture(scope="module")
def sample_records(nlp):
    return extract_paths([ROOT / "data" / "reports"]).records


def _component_failures(records) -> list[str]:
    """Warnings of a component that raised: a crashing rule must not pass as a silent loss of recall."""
    return [f"{r['source']}: {w}" for r in records for w in r["warnings"] if "failed on this document" in w]


def test_quality_on_the_sample_reports(sample_records):
    assert _component_failures(sample_records) == []
    scores = score(sample_records, load_gold(ROOT / "data" / "gold"))
    assert not scores.missing
    assert _check(scores, FLOORS["samples"]) == []
    assert scores.leaks == []


@pytest.mark.parametrize("name", ["heldout", "heldout2"])
def test_quality_on_the_blind_sets(nlp, name):
    records = extract_paths([ROOT / "data" / name / "reports"]).records
    assert _component_failures(records) == []
    scores = score(records, load_gold(ROOT / "data" / name / "gold"))
    assert not scores.missing
    assert _check(scores, FLOORS[name]) == []
    assert scores.leaks == []
    assert _readme_table(f"data/{name}/gold") == format_table(scores, title=f"data/{name}/gold")


def test_readme_accuracy_table_is_todays(sample_records):
    scores = score(sample_records, load_gold(ROOT / "data" / "gold"))
    assert _readme_table("data/gold") == format_table(scores, title="data/gold"), (
        "extraction changed: run python tools/accuracy_tables.py --write README.md")


def _readme_table(title: str) -> str:
    """The evaluate table the README shows for `title` (the line "<title>: N documents" and after)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("```text\n" + title + ":") + len("```text\n")
    return text[start:text.index("```", start)].rstrip("\n")


def test_quality_on_the_seed(shared_corpora, nlp):
    seed = shared_corpora / "seed"
    records = extract_paths([seed / "000_6af67b908cffe359.txt"]).records
    scores = score(records, load_gold(seed))
    assert _check(scores, FLOORS["seed"]) == []
    assert scores.leaks == []


def test_every_sample_record_validates_against_the_schema(sample_records):
    from extract import validate_record

    assert len(sample_records) >= 30
    for rec in sample_records:
        assert validate_record(rec) == [], rec["source"]
