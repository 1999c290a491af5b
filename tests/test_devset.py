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


def _devset_tool(monkeypatch, tmp_path, hidden_urls=()):
    import importlib.util

    spec = importlib.util.spec_from_file_location("devset_tool", ROOT / "tools" / "devset.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    hidden = tmp_path / "hidden.sha256"
    hidden.write_text("".join(hashlib.sha256(u.encode()).hexdigest() + "\n" for u in hidden_urls))
    monkeypatch.setattr(tool, "MANIFEST", tmp_path / "manifest.jsonl")
    monkeypatch.setattr(tool, "HIDDEN", hidden)
    return tool


def test_devset_add_takes_an_excerpt_file_byte_for_byte(monkeypatch, tmp_path, capsys):
    tool = _devset_tool(monkeypatch, tmp_path)
    excerpt = tmp_path / "x.txt"
    excerpt.write_text("Minister A met \u2018B\u2019 \u2014 no newline at the end", encoding="utf-8")
    args = ["add", "--excerpt-file", str(excerpt), "--url", "https://example.org/a", "--id", "dev_c99_001",
            "--fold", "c99", "--kind", "news", "--source", "example.org", "--country", "FRA", "--query", "q",
            "--texts", str(tmp_path / "texts")]
    assert tool.main(args) == 0
    row = json.loads((tmp_path / "manifest.jsonl").read_text(encoding="utf-8"))
    assert row["sha256"] == hashlib.sha256(excerpt.read_bytes()).hexdigest() and row["url"] == "https://example.org/a"
    assert (tmp_path / "texts" / "dev_c99_001.txt").read_bytes() == excerpt.read_bytes()
    again = [("dev_c99_002" if a == "dev_c99_001" else a) for a in args]
    with pytest.raises(SystemExit, match="already in the manifest"):  # the same url twice is refused
        tool.main(again)


def test_devset_add_refuses_a_hidden_url_and_a_half_given_excerpt(monkeypatch, tmp_path):
    tool = _devset_tool(monkeypatch, tmp_path, hidden_urls=["https://example.org/hidden"])
    excerpt = tmp_path / "x.txt"
    excerpt.write_text("text", encoding="utf-8")
    common = ["--id", "dev_c99_001", "--fold", "c99", "--kind", "news", "--source", "example.org",
              "--country", "FRA", "--query", "q", "--texts", str(tmp_path / "texts")]
    with pytest.raises(SystemExit, match="hidden evaluation set"):
        tool.main(["add", "--excerpt-file", str(excerpt), "--url", "https://example.org/hidden", *common])
    with pytest.raises(SystemExit):  # an excerpt file without its url
        tool.main(["add", "--excerpt-file", str(excerpt), *common])
    assert not (tmp_path / "manifest.jsonl").exists()
