"""The committed half of the real development set: manifest and gold files (the texts are not committed).

What `tools/devset.py check` verifies with the texts at hand, these tests verify without them:
ids, folds by source, no hidden-set url, one well-formed gold file per report.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "data" / "devset"
HIDDEN = ROOT.parent / "shared" / "corpora" / "hidden-urls.sha256"
ROWS = [json.loads(line) for line in (DEVSET / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if line]
KINDS = {"in_person", "call", "multilateral"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def test_devset_manifest_ids_unique_and_sources_in_one_fold():
    ids = [r["id"] for r in ROWS]
    assert len(ids) == len(set(ids)) and len(ids) >= 150
    folds: dict[str, set] = {}
    for r in ROWS:
        assert r["id"].startswith(f"dev_{r['fold']}_"), r["id"]
        assert re.fullmatch(r"[0-9a-f]{64}", r["sha256"]), r["id"]
        folds.setdefault(r["source"], set()).add(r["fold"])
    assert {s: f for s, f in folds.items() if len(f) > 1} == {}


@pytest.mark.skipif(not HIDDEN.exists(), reason="../shared/corpora is not beside the repository")
def test_devset_holds_no_url_of_the_hidden_set():
    hidden = set(HIDDEN.read_text(encoding="utf-8").split())
    assert [r["id"] for r in ROWS if hashlib.sha256(r["url"].encode("utf-8")).hexdigest() in hidden] == []


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_devset_gold_file_is_well_formed(row):
    gold = json.loads((DEVSET / "gold" / f"{row['id']}.gold.json").read_text(encoding="utf-8"))
    assert gold["id"] == row["id"]
    for m in gold["meetings"]:
        assert m["kind"] in KINDS
        assert m.get("date") is None or ISO_DATE.match(m["date"]), m.get("date")
        assert m["participants"], "a held meeting names its participants"
        for p in m["participants"]:
            assert p["name"].strip() and (p.get("country") is None or re.fullmatch(r"[A-Z]{2,8}", p["country"]))
        for t in m.get("topics") or []:
            assert isinstance(t, list) and all(isinstance(x, str) and x for x in t)
