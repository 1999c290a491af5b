"""The lexicon loader: word lists as data, checked at load time."""

from __future__ import annotations

import pytest

from extract.lexicon import LexiconFileError, load_lexicon


def test_lexicon_bundled_topic_words_load():
    words = load_lexicon("topic_words")
    assert {"vague_heads", "bland_heads", "courtesy_heads"} <= set(words)
    assert "wishes" in words["courtesy_heads"] and "_about" not in words


@pytest.mark.parametrize("text, message", [
    ("[1, 2]", "a lexicon is a JSON object"),
    ('{"heads": "need"}', "'heads' is not a list"),
    ('{"heads": ["need", ""]}', "'heads', item 1: '' is not a word"),
    ('{"heads": ["need", "need"]}', "'heads', item 1: 'need' is listed twice"),
    ("{not json", "not a readable JSON lexicon"),
])
def test_lexicon_names_file_list_and_value(tmp_path, text, message):
    path = tmp_path / "words.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconFileError, match=message) as err:
        load_lexicon("words", str(path))
    assert str(path) in str(err.value)


def test_lexicon_meeting_words_each_list_described_and_used():
    from dataclasses import fields
    from importlib import resources
    import json

    from extract.meeting_words import MeetingWords

    raw = json.loads(resources.files("extract").joinpath("resources/meeting_words.json").read_text(encoding="utf-8"))
    names = [f.name for f in fields(MeetingWords)]
    code = "".join(p.read_text(encoding="utf-8") for p in resources.files("extract").iterdir()
                   if p.name.startswith("meeting") and p.name.endswith(".py"))
    assert [n for n in names if f"_{n}" not in raw] == [], "every list needs an '_<name>' description"
    assert [n for n in names if f"WORDS.{n}" not in code] == [], "a list no meeting step reads"


@pytest.mark.parametrize("drop, add, message", [
    ("trip_verbs", None, "lacks the lists trip_verbs"),
    (None, "spare_words", "has lists no meeting step reads: spare_words"),
])
def test_lexicon_meeting_words_names_a_missing_or_unknown_list(tmp_path, drop, add, message):
    from importlib import resources
    import json

    from extract.meeting_words import MeetingWords

    data = json.loads(resources.files("extract").joinpath("resources/meeting_words.json").read_text(encoding="utf-8"))
    data.pop(drop, None)
    if add:
        data[add] = ["spare"]
    path = tmp_path / "meeting_words.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LexiconFileError, match=message) as err:
        MeetingWords.load(str(path))
    assert str(path) in str(err.value)


def test_lexicon_names_the_line_of_a_bad_value(tmp_path):
    path = tmp_path / "words.json"
    path.write_text('{"_about": "x",\n "heads": [\n  "need",\n  "want",\n  "need"\n ]}', encoding="utf-8")
    with pytest.raises(LexiconFileError, match=r"words.json, line 5: 'heads', item 2: 'need' is listed twice"):
        load_lexicon("words", str(path))
