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


def test_evaluate_end_to_end_counts_a_missed_meeting_as_wrong():
    gold = {"doc1": GOLD, "doc2": {**GOLD, "id": "doc2"}}
    s = score([record([("Yoko Kamikawa", "Foreign Minister", "JPN"), ("Antony Blinken", "Secretary of State", "USA")])],
              gold).as_dict()
    assert s["date"]["accuracy"] == 1.0  # over the one meeting found
    assert (s["date_e2e"]["right"], s["date_e2e"]["total"]) == (1, 2)  # doc2's meeting was missed
    assert (s["title_e2e"]["right"], s["title_e2e"]["total"]) == (2, 6)


def test_evaluate_manifest_texts_checks_each_text_against_its_hash(tmp_path):
    import hashlib

    from extract.evaluate import manifest_texts

    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("Ruiz met Li in Lima.", encoding="utf-8")
    (texts / "b.txt").write_text("changed since it was collected", encoding="utf-8")
    rows = [{"id": "a", "fold": "f1", "sha256": hashlib.sha256(b"Ruiz met Li in Lima.").hexdigest()},
            {"id": "b", "fold": "f1", "sha256": "0" * 64},
            {"id": "c", "fold": "f2", "sha256": "0" * 64}]
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    files, problems = manifest_texts(manifest, texts)
    assert [f.name for f in files] == ["a.txt"]
    assert [p.split(":")[0] for p in problems] == ["b", "c"]
    assert "pull it again" in problems[1]
    files, problems = manifest_texts(manifest, texts, folds=["f2"])
    assert files == [] and len(problems) == 1
    manifest.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(GoldFileError, match="line 1"):
        manifest_texts(manifest, texts)


def test_evaluate_a_short_form_matches_the_one_gold_person_it_fits():
    gold = {"doc1": {**GOLD, "meetings": [{**GOLD["meetings"][0], "participants": [
        {"name": "Xi", "aliases": [], "title": "President", "country": "CHN"},
        {"name": "Barack Obama", "aliases": [], "title": "President", "country": "USA"}]}]}}
    s = score([record([("Xi Jinping", "President", "CHN"), ("Obama", "President", "USA")])], gold).as_dict()
    assert s["participant_pairs"]["tp"] == 1 and s["participant_pairs"]["fp"] == 0


def test_details_name_participants_missed_and_extra_in_a_found_meeting():
    rec = record([("Kamikawa", "Foreign Minister", "JPN"), ("Blinken", "Secretary of State", "USA"),
                  ("Lloyd Austin", "Secretary of Defense", "USA")])
    rec["meetings"][0]["participants"][2]["rules"] = ["participant.present"]
    s = score([rec], {"doc1": GOLD})
    errors = s.details[0]["errors"]
    assert "participants missed: Fumio Kishida" in errors
    assert "participants not in gold: Lloyd Austin [rules: participant.present]" in errors
