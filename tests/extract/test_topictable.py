"""Tests for extract/topictable.py: the topic table, its loader and its data file."""

import csv
from importlib import resources

import pytest

from extract.errors import ResourceFileError, TopicFileError
from extract.topictable import CATEGORIES, Topic, TopicTable

HEADER = "label,aliases,category\n"

#: Single words too generic to name a topic on their own.
GENERIC = {"security", "cooperation", "relations", "talks", "issues", "meeting", "visit",
           "situation", "peace", "stability", "economy", "development", "who", "the",
           "summit", "framework", "agreement", "dialogue", "partnership"}


@pytest.fixture(scope="module")
def table():
    return TopicTable.load()


@pytest.fixture(scope="module")
def bundled_rows():
    path = resources.files("extract") / "resources" / "topics.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_topictable_loads_the_bundled_table(table):
    assert len(table) >= 140
    assert table.categories() == list(CATEGORIES)


@pytest.mark.parametrize(
    "surface, label, category",
    [
        ("taiwan strait", "Taiwan Strait", "regional conflict"),
        ("cross-strait relations", "Taiwan Strait", "regional conflict"),
        ("peace and stability across the taiwan strait", "Taiwan Strait", "regional conflict"),
        ("russia's aggression against ukraine", "Ukraine", "regional conflict"),
        ("russia\u2019s aggression against ukraine", "Ukraine", "regional conflict"),
        ("israel-hamas war", "Gaza", "regional conflict"),
        ("houthi attacks", "Red Sea shipping", "regional conflict"),
        ("free and open indo-pacific", "Indo-Pacific", "country or region"),
        ("jcpoa", "Iran nuclear programme", "nuclear"),
        ("extended deterrence", "alliance", "security"),
        ("cop28", "climate change", "climate and energy"),
        ("artificial intelligence", "AI", "technology"),
        ("covid-19", "global health", "health"),
        ("women, peace and security", "gender equality", "human rights"),
        ("people-to-people exchanges", "visa and people-to-people exchanges",
         "culture and people-to-people"),
    ],
)
def test_topictable_surface_forms(table, surface, label, category):
    topic = table.surface_forms()[surface]
    assert (topic.label, topic.category) == (label, category)


def test_topictable_surface_forms_are_lowercase_and_include_labels(table):
    forms = table.surface_forms()
    assert all(form == form.lower() for form in forms)
    assert all(forms[t.label.lower()] is t for t in table)


def test_topictable_every_category_is_allowed(table):
    assert {t.category for t in table} <= set(CATEGORIES)


def test_topictable_no_alias_maps_to_two_topics(bundled_rows):
    owners = {}
    clashes = []
    for row in bundled_rows:
        for phrase in [row["label"], *row["aliases"].split(";")]:
            phrase = " ".join(phrase.lower().split())
            if phrase and owners.setdefault(phrase, row["label"]) != row["label"]:
                clashes.append((phrase, owners[phrase], row["label"]))
    assert clashes == []


def test_topictable_no_generic_aliases(table):
    assert not GENERIC & set(table.surface_forms())


@pytest.mark.parametrize("label", ["Taiwan Strait", "taiwan strait", "TAIWAN STRAIT"])
def test_topictable_get_ignores_case(table, label):
    assert table.get(label).label == "Taiwan Strait"


def test_topictable_get_unknown_is_none(table):
    assert table.get("weather") is None


def test_topictable_user_file_adds_a_topic(tmp_path, table):
    user = _write(tmp_path, "mine.csv",
                  HEADER + 'deep-sea mining,"seabed mining;deep seabed minerals",development\n')
    merged = TopicTable.load([user])
    assert len(merged) == len(table) + 1
    assert merged.surface_forms()["seabed mining"].label == "deep-sea mining"
    assert merged.get("Deep-Sea Mining").aliases == ("seabed mining", "deep seabed minerals")


def test_topictable_user_file_replaces_a_topic(tmp_path, table):
    user = _write(tmp_path, "gaza.csv", HEADER + "Gaza,Gaza Ceasefire Talks,regional conflict\n")
    merged = TopicTable.load([user])
    assert len(merged) == len(table)
    forms = merged.surface_forms()
    assert forms["gaza ceasefire talks"].label == "Gaza"
    assert "israel-hamas war" not in forms


def test_topictable_load_without_bundled(tmp_path):
    user = _write(tmp_path, "only.csv", HEADER + "fisheries,fishing quotas,economy and trade\n")
    only = TopicTable.load([user], bundled=False)
    assert [t.label for t in only] == ["fisheries"]
    assert only.categories() == ["economy and trade"]


@pytest.mark.parametrize(
    "rows, line, value",
    [
        ("weather,rain,meteorology\n", 2, "'meteorology'"),
        (",rain,development\n", 2, "empty label"),
        ("fisheries,,development\nFisheries,,development\n", 3, "'Fisheries'"),
        ("red sea crisis,houthi attacks,security\n", 2, "'houthi attacks'"),
    ],
)
def test_topictable_malformed_user_file_names_file_line_and_value(tmp_path, rows, line, value):
    user = _write(tmp_path, "bad.csv", HEADER + rows)
    with pytest.raises(TopicFileError) as info:
        TopicTable.load([user])
    message = str(info.value)
    assert "bad.csv" in message and f"line {line}" in message and value in message


def test_topictable_missing_column_or_file(tmp_path):
    user = _write(tmp_path, "nocat.csv", "label,aliases\nfisheries,fishing quotas\n")
    with pytest.raises(TopicFileError, match="category"):
        TopicTable.load([user])
    with pytest.raises(ResourceFileError, match="nope.csv"):
        TopicTable.load([tmp_path / "nope.csv"])


def test_topictable_constructor_rejects_shared_phrase():
    with pytest.raises(TopicFileError, match="'tariffs'"):
        TopicTable([Topic("trade", ("tariffs",), "economy and trade"),
                    Topic("tariffs", (), "economy and trade")])


def test_topictable_data_has_no_duplicate_rows(bundled_rows):
    labels = [row["label"].lower() for row in bundled_rows]
    assert len(labels) == len(set(labels))
