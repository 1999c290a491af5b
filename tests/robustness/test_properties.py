"""Property-based tests (hypothesis): what must hold for any input, not just the ones we thought of.

- the extractor never raises on arbitrary text (an empty text is refused with
  ``EmptyDocument``, the one documented error) and every offset in its record points at
  the text it claims;
- any graph the builder makes from arbitrary records (odd strings, control characters,
  markup, missing or mistyped fields) writes GraphML that parses and reads back equal;
- name normalisation is idempotent.

The real pipeline is loaded once per session; examples are kept few (60) and unhurried
(no deadline) so the file runs in seconds.
"""

from __future__ import annotations

import re
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import load_pipeline
from extract.errors import EmptyDocument
from extract.record import extract_documents, validate_record
from extract.sources import document_from_text
from extract.titles import normalise_name
from graph.build import build_graph
from graph.export import read_graphml, sanitized, write_graphml

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                             HealthCheck.too_slow])
ODD = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
PIECES = st.sampled_from([
    "Foreign Minister", "President", "Prime Minister", "Secretary of State", "Ana Ruiz", "Li Wen", "KAMIKAWA Yoko",
    "met", "held talks with", "spoke by phone with", "will visit", "in Lima", "in Washington", "on Friday",
    "on 3 May 2024", "January 13, 2024", "about trade", "on Ukraine", ".", ",", "\n", "\n\n", " and ", "'s",
    "<script>alert(1)</script>", '"><img src=x onerror=alert(2)>', "[bold red]x[/]", "\x00", "\x1b[31m", "\u200b",
    "\ufeff", "\u202e", "é", "上川", "Лавров", "—", "WASHINGTON —", "Related Articles", "Photo: Reuters",
])
TEXTS = st.one_of(
    st.lists(st.one_of(PIECES, ODD), max_size=30).map(" ".join),
    st.text(max_size=300),
)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _spans(record: dict):
    """Every (start, end, text) the record claims, with where it sits."""
    for key in ("meetings", "planned"):
        for i, m in enumerate(record[key]):
            for ev in m["evidence"]:
                yield f"{key}[{i}].evidence", ev
            for p in m["participants"]:
                for ev in p.get("evidence", []):
                    yield f"{key}[{i}].participant {p['name']!r}", ev
            for t in m["topics"]:
                for ev in t.get("evidence", []):
                    yield f"{key}[{i}].topic {t.get('label')!r}", ev


@SETTINGS
@given(text=TEXTS)
def test_extract_never_raises_and_offsets_point_at_their_text(nlp, text):
    try:
        doc = document_from_text(text, source="prop.txt")
    except EmptyDocument as err:  # the documented refusal: nothing left once cleaned
        assert "holds no text" in str(err)
        return
    (_, record), = list(extract_documents([doc], nlp, timeout=None))
    assert validate_record(record) == []
    body = record["text"]
    for where, ev in _spans(record):
        assert 0 <= ev["start"] <= ev["end"] <= len(body), where
        assert body[ev["start"]:ev["end"]] == ev["text"], where
    for official in record["officials"]:
        for start, end in official["mentions"]:
            assert 0 <= start < end <= len(body), official["name"]


NAMES = st.one_of(ODD, st.sampled_from(["Ana Ruiz", "Li Wen", "<script>x</script>", "", "   ", "\x00\x0b", "[b]x[/b]",
                                        '"><img src=x onerror=alert(1)>', "Ana Ruiz\n", "ANA RUIZ"]))
MAYBE = st.one_of(st.none(), NAMES, st.integers(), st.lists(NAMES, max_size=2))
DATES = st.one_of(st.none(), st.sampled_from(["2024-01-12", "2024-02-30", "yesterday", "", "2024-01-12T10:00"]),
                  st.dates().map(str))
COUNTRIES = st.one_of(st.none(), st.sampled_from(["USA", "JPN", "EUU", "UNO", "NATO", "XKX", "usa", "ZZZ", ""]), ODD)


def _optional(required: dict, optional: dict):
    return st.fixed_dictionaries(required, optional=optional)


PARTICIPANT = _optional({"name": NAMES}, {"title": MAYBE, "country": COUNTRIES, "known_as": MAYBE,
                                          "evidence": st.lists(st.fixed_dictionaries(
                                              {"start": st.integers(-5, 50), "end": st.integers(-5, 50),
                                               "text": NAMES}), max_size=2)})
MEETING = _optional({"participants": st.lists(PARTICIPANT, max_size=4)}, {
    "kind": st.one_of(st.sampled_from(["in_person", "call", "multilateral", "summit", ""]), st.none()),
    "date": DATES,
    "location": st.one_of(st.none(), _optional({}, {"city": MAYBE, "country": COUNTRIES})),
    "topics": st.lists(_optional({"label": NAMES}, {"category": MAYBE}), max_size=3),
    "evidence": st.lists(st.fixed_dictionaries({"start": st.integers(0, 50), "end": st.integers(0, 50),
                                                "text": NAMES}), max_size=2),
})
RECORD = _optional({"source": NAMES}, {
    "doc_id": st.one_of(st.none(), st.sampled_from(["d1", "d2", "d1"]), ODD),
    "source_id": MAYBE, "title": MAYBE, "published": DATES,
    "meetings": st.lists(MEETING, max_size=3), "planned": st.lists(MEETING, max_size=1),
    "officials": st.lists(_optional({"name": NAMES}, {"title": MAYBE, "country": COUNTRIES,
                                                       "mentions": st.lists(st.tuples(st.integers(0, 9),
                                                                                      st.integers(0, 9)),
                                                                            max_size=2)}), max_size=3),
    "countries": st.lists(_optional({"code": COUNTRIES}, {"name": MAYBE}), max_size=3),
    "organizations": st.lists(_optional({"name": NAMES}, {}), max_size=2),
})


def _contents(g):
    nodes = sorted((n, sorted(d.items())) for n, d in g.nodes(data=True))
    edges = sorted((u, v, k, sorted(d.items())) for u, v, k, d in g.edges(keys=True, data=True))
    return nodes, edges, sorted(g.graph.items())


@SETTINGS
@given(records=st.lists(st.one_of(RECORD, st.just("not a record"), st.just({})), max_size=5))
def test_build_any_records_export_graphml_that_reads_back_equal(tmp_path_factory, records):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = build_graph(records)
    path = write_graphml(g, tmp_path_factory.mktemp("prop") / "g.graphml")
    back = read_graphml(path)
    expected = sanitized(g)
    assert _contents(back)[:2] == _contents(expected)[:2]


def _one_possessive(name: str) -> bool:
    """Stacked possessives ("Ruiz's's") are the known failure below, tested on their own."""
    return not re.search(r"'s\W*'s\W*$", name)


@SETTINGS
@given(name=st.one_of(NAMES, st.lists(PIECES, max_size=6).map(" ".join)).filter(_one_possessive),
       country=st.sampled_from([None, "JPN", "KOR", "CHN", "USA", "VNM"]))
def test_normalise_name_is_idempotent(name, country):
    once = normalise_name(name, country=country)
    assert normalise_name(once, country=country) == once


@pytest.mark.parametrize("name", ["Ruiz's's", "'s 's"])
def test_normalise_name_is_idempotent_on_stacked_possessives(name):
    once = normalise_name(name)
    assert normalise_name(once) == once
