"""Evaluation: matching rules and the numbers they give."""

from __future__ import annotations

import json

import pytest

from extract.errors import GoldFileError
from extract.evaluate import load_gold, person_key, score, topic_matches

GOLD = {
    "id": "doc1",
    "published": "2024-01-13",
    "meetings": [{
        "kind": "in_person", "date": "2024-01-12", "location": {"city": "Washington", "country": "USA"},
        "participants": [
            {"name": "Yoko Kamikawa", "aliases": ["Kamikawa"], "title": "Foreign Minister", "country": "JPN"},
            {"name": "Antony Blinken", "aliases": ["Blinken"], "title": "Secretary of State", "country": "USA"},
            {"name": "Fumio Kishida", "aliases": [], "title": "Prime Minister", "country": "JPN"},
        ],
        "topics": [["Taiwan Strait", "Taiwan"], ["North Korea"]],
    }],
    "not_in_report": ["Shigeru Ishiba"],
}


def record(participants, topics=(), **meeting):
    m = {"kind": "in_person", "date": "2024-01-12", "location": {"city": "Washington", "country": "USA"},
         "participants": [{"name": n, "title": t, "country": c} for n, t, c in participants],
         "topics": [{"label": label} for label in topics], "evidence": []}
    m.update(meeting)
    return {"doc_id": "x", "source": "reports/doc1.txt", "source_id": "doc1", "meetings": [m], "officials": []}


def test_score_perfect_record():
    rec = record([("Yoko Kamikawa", "Foreign Minister", "JPN"), ("Antony Blinken", "Secretary of State", "USA"),
                  ("Fumio Kishida", "Prime Minister", "JPN")], ["Taiwan", "North Korea"])
    d = score([rec], {"doc1": GOLD}).as_dict()
    assert d["participant_pairs"]["f1"] == d["participants"]["f1"] == d["topics"]["f1"] == 1.0
    assert d["title"]["accuracy"] == d["date"]["accuracy"] == d["place"]["accuracy"] == 1.0


def test_score_counts_missing_pairs_and_wrong_attributes():
    rec = record([("Kamikawa", "Foreign Minister", "JPN"), ("Blinken", "Secretary", "USA")], ["Ukraine"],
                 date="2024-01-13")
    d = score([rec], {"doc1": GOLD}).as_dict()
    assert (d["participant_pairs"]["tp"], d["participant_pairs"]["fn"]) == (1, 2)
    assert d["participants"]["recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert d["title"] == {"accuracy": 0.5, "right": 1, "total": 2}
    assert d["date"]["accuracy"] == 0.0
    assert (d["topics"]["tp"], d["topics"]["fp"], d["topics"]["fn"]) == (0, 1, 2)


def test_score_flags_clutter_names_and_missing_records():
    rec = record([("Shigeru Ishiba", "Prime Minister", "JPN"), ("Antony Blinken", None, "USA")])
    s = score([rec], {"doc1": GOLD, "doc2": {"id": "doc2", "meetings": []}})
    assert s.leaks == ["doc1: Shigeru Ishiba"] and s.missing == ["doc2"]


@pytest.mark.parametrize("a, b, same", [("Antony J. Blinken", "Antony J Blinken", True),
                                        ("Mr. Wang Yi", "Wang Yi", True), ("Wang Yi", "Wang Qishan", False)])
def test_person_key(a, b, same):
    assert (person_key(a) == person_key(b)) is same


@pytest.mark.parametrize("label, gold, ok", [("the Taiwan Strait issue", ["Taiwan Strait"], True),
                                             ("Russia", ["sanctions against Russia"], True),
                                             ("trade", ["Ukraine", "war"], False)])
def test_topic_matches(label, gold, ok):
    assert topic_matches(label, gold) is ok


def test_load_gold_errors_name_the_file(tmp_path):
    (tmp_path / "bad.gold.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldFileError, match="bad.gold.json"):
        load_gold(tmp_path)
    with pytest.raises(GoldFileError, match="no \\*.gold.json"):
        load_gold(tmp_path / "empty")


def test_load_gold_keys_by_id(tmp_path):
    (tmp_path / "a.gold.json").write_text(json.dumps({"id": "x1", "meetings": []}), encoding="utf-8")
    assert list(load_gold(tmp_path)) == ["x1"]
