"""Rules as data: every pattern file loads, every rule's examples hold, every id a record names exists."""

from __future__ import annotations

import json

import pytest
from spacy.tokens import Doc

from extract.errors import PatternFileError
from extract.rules import dependency_rule_at, load_rules
from tests.conftest import ROOT

RULES = load_rules()
CASES = [(rule.id, text, True) for rule in RULES.rules.values() for text in rule.match] + [
    (rule.id, text, False) for rule in RULES.rules.values() for text in rule.no_match]


def test_rules_are_many_and_each_has_examples():
    assert len(RULES.rules) >= 80
    assert all(rule.match and rule.no_match for rule in RULES.rules.values())
    assert {r.kind for r in RULES.rules.values()} == {"token", "dependency", "procedural"}


@pytest.fixture(scope="module")
def fired(nlp):
    """The rules each example sentence fires, through the whole pipeline (one pass over all examples)."""
    from extract.record import rules_fired

    texts = sorted({text for _, text, _ in CASES})
    return dict(zip(texts, rules_fired(texts, nlp)))


@pytest.fixture(scope="module")
def sample_records(nlp):
    from extract import extract_paths

    return extract_paths([ROOT / "data" / "reports"]).records


@pytest.mark.parametrize("rule_id, text, should", CASES, ids=[f"{r}-{'match' if m else 'no'}-{i}"
                                                              for i, (r, _, m) in enumerate(CASES)])
def test_rule_example(fired, rule_id, text, should):
    assert (rule_id in fired[text]) == should, f"{rule_id} {'did not fire' if should else 'fired'} on: {text}"


def test_rules_in_records_are_defined(sample_records):
    seen = set()
    for rec in sample_records:
        for m in rec["meetings"] + rec["planned"]:
            seen.update(m["rules"])
            for p in m["participants"]:
                seen.update(p["rules"])
            for t in m["topics"]:
                seen.update(t.get("rules", []))
    assert seen, "the sample records name no rule"
    assert seen <= set(RULES.rules), sorted(seen - set(RULES.rules))


def test_call_off_pattern_on_a_hand_built_parse():
    """The dependency rule reads the parse, not words: a Doc built by hand, no statistical model."""
    import spacy

    words = ["Ruiz", "and", "Li", "called", "off", "their", "meeting", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=[3, 0, 0, 3, 3, 6, 3, 3],
              deps=["nsubj", "cc", "conj", "ROOT", "prt", "poss", "dobj", "punct"],
              lemmas=["Ruiz", "and", "Li", "call", "off", "their", "meeting", "."])
    matcher = RULES.dependency_matcher(doc.vocab, "status.negated.")
    assert dependency_rule_at(matcher, doc, RULES) == {6: "status.negated.call_off"}
    held = Doc(spacy.blank("en").vocab, words=["Ruiz", "held", "their", "meeting"], heads=[1, 1, 3, 1],
               deps=["nsubj", "ROOT", "poss", "dobj"], lemmas=["Ruiz", "hold", "their", "meeting"])
    assert dependency_rule_at(RULES.dependency_matcher(held.vocab, "status.negated."), held, RULES) == {}


@pytest.mark.parametrize("line, message", [
    ("not json", "line 1: not a JSON object"),
    ('{"id": "x", "kind": "token", "description": "d", "examples": {"match": ["a"]}}', "not of the form"),
    ('{"id": "a.b", "kind": "regex", "description": "d", "examples": {"match": ["a"]}}', "kind 'regex'"),
    ('{"id": "a.b", "kind": "token", "description": "d", "examples": {"match": ["a"]}}', "needs a 'pattern'"),
    ('{"id": "a.b", "kind": "procedural", "description": "d", "examples": {"match": []}}', "non-empty 'match'"),
    ('{"id": "a.b", "kind": "dependency", "description": "d", "pattern": [{"RIGHT_ID": "v", "RIGHT_ATTRS": {}}], '
     '"examples": {"match": ["a"]}}', "RIGHT_ID 'trigger'"),
])
def test_rules_loader_names_file_line_and_value(tmp_path, line, message):
    (tmp_path / "bad.jsonl").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(PatternFileError, match=message) as err:
        load_rules(str(tmp_path))
    assert "bad.jsonl, line 1" in str(err.value)


def test_rules_loader_refuses_a_repeated_id(tmp_path):
    row = {"id": "a.b", "kind": "procedural", "description": "d", "examples": {"match": ["x"]}}
    (tmp_path / "one.jsonl").write_text(json.dumps(row) + "\n" + json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(PatternFileError, match="line 2: rule id 'a.b' is already used at one.jsonl, line 1"):
        load_rules(str(tmp_path))
