"""extract.norm: the one normalisation layer, and extract and graph agreeing through it.

Each table below is read by the extractor's code and by graph's code; a case where the two
packages disagree fails here instead of splitting a person or dropping a country in the graph.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extract.actors import normalize_name
from extract.countries import country_code, country_name
from extract.lexicon import LexiconFileError, load_lexicon
from extract.norm import closest, fold, is_particle, leading_honorifics, normalize_country, resolve_country
from extract.officials import name_key
from extract.titles import normalise_name
from graph import identity

NAMES = [
    ("H.E. Mr. Wang Yi", "Wang Yi"),
    ("His Excellency Emmanuel Macron", "Emmanuel Macron"),
    ("Datuk Seri Anwar Ibrahim", "Anwar Ibrahim"),
    ("Tan Sri Muhyiddin Yassin", "Muhyiddin Yassin"),
    ("Tan Kin Lian", "Tan Kin Lian"),
    ("He Lifeng", "He Lifeng"),
    ("Dr. S. Jaishankar", "S. Jaishankar"),
    ("Rt Hon Richard Marles", "Richard Marles"),
    ("The Right Honourable Penny Wong", "Penny Wong"),
    ("Mr. KAMIKAWA Yoko", "Yoko Kamikawa"),
    ("M. Emmanuel Macron", "Emmanuel Macron"),
    ("M. K. Stalin", "M. K. Stalin"),
    ("Shri Narendra Modi", "Narendra Modi"),
    ("Smt. Nirmala Sitharaman", "Nirmala Sitharaman"),
    ("Señor Pedro Sánchez", "Pedro Sánchez"),
    ("Sheikh Hasina", "Sheikh Hasina"),
    ("Ursula von der Leyen", "Ursula von der Leyen"),
]


@pytest.mark.parametrize("written, name", NAMES)
def test_norm_extract_and_graph_drop_the_same_honorifics(written, name):
    assert normalise_name(written) == name
    assert identity.clean_name(written) == name


@pytest.mark.parametrize("written, name", NAMES)
def test_norm_name_keys_ignore_honorifics_alike(written, name):
    assert name_key(written) == name_key(name)
    # the actor dictionary's key keeps word order ("KAMIKAWA Yoko" is looked up as written)
    assert normalize_name(written) in {normalize_name(name), normalize_name(" ".join(name.split()[::-1]))}
    parsed, plain = identity.parse_name(written), identity.parse_name(name)
    assert (parsed.given, parsed.family) == (plain.given, plain.family)


@pytest.mark.parametrize("a, b", [
    ("Lech Wałęsa", "Lech Walesa"), ("Jonas Gahr Støre", "Jonas Gahr Store"), ("Recep Tayyip Erdoğan", "RECEP TAYYIP ERDOGAN"),
    ("Mevlüt Çavuşoğlu", "Mevlut Cavusoglu"), ("Sergey Lavrov’s", "Sergey Lavrov's"),
])
def test_norm_extract_and_graph_fold_alike(a, b):
    assert fold(a) == fold(b)
    assert identity.fold(a) == identity.fold(b)
    assert identity.slugify(a) == identity.slugify(b)
    assert normalize_name(a) == normalize_name(b)
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("word, leading, expected", [
    ("von", False, True), ("al-", False, True), ("bin", False, True), ("arap", False, True),
    ("Van", True, True), ("De", True, True), ("Ben", True, False), ("Al", True, False), ("Do", True, False),
])
def test_norm_is_particle(word, leading, expected):
    assert is_particle(word, leading=leading) is expected


@pytest.mark.parametrize("name, family", [
    ("Ursula von der Leyen", "von der leyen"), ("Van Rompuy", "van rompuy"), ("Ben Wallace", "wallace"),
    ("Al Gore", "gore"),
])
def test_norm_graph_reads_particles_from_the_shared_lists(name, family):
    assert identity.parse_name(name).family == family


COUNTRIES = [
    ("Burma", "MMR"), ("Macedonia", "MKD"), ("Swaziland", "SWZ"), ("Cape Verde", "CPV"), ("Vatican", "VAT"),
    ("England", "GBR"), ("United States", "USA"), ("the United States", "USA"), ("U.S.", "USA"),
    ("South Korea", "KOR"), ("Republic of Korea", "KOR"), ("Türkiye", "TUR"), ("Turkey", "TUR"),
    ("Ivory Coast", "CIV"), ("Czech Republic", "CZE"), ("Holland", "NLD"), ("European Union", "EUU"),
    ("United Nations", "UNO"), ("NATO", "NATO"), ("ASEAN", "ASEAN"), ("Soviet Union", "SUN"),
    ("Kosovo", "XKX"), ("Russian Federation", "RUS"), ("Congo", None),
]


@pytest.mark.parametrize("text, code", COUNTRIES)
def test_norm_extract_and_graph_resolve_countries_alike(text, code):
    assert country_code(text) == code
    assert resolve_country(text) == code
    assert identity.normalize_country(text)[0] == (code or "")


@pytest.mark.parametrize("code", ["USA", "GBR", "RUS", "KOR", "PRK", "IRN", "TUR", "EUU", "UNO", "NATO", "MMR", "SUN"])
def test_norm_extract_and_graph_name_countries_alike(code):
    assert identity.country_name(code) == country_name(code)


@pytest.mark.parametrize("value, expected", [
    ("JPN", ("JPN", None)), ("jp", ("JPN", "country 'jp' repaired to 'JPN'")), ("uk", ("GBR", "country 'uk' repaired to 'GBR'")),
    ("QUAD", ("QUAD", None)), ("XKX", ("XKX", None)), ("", ("", None)),
])
def test_norm_normalize_country(value, expected):
    assert normalize_country(value) == expected


def test_norm_normalize_country_names_the_dropped_value():
    code, warning = normalize_country("Atlantis")
    assert code == "" and "'Atlantis'" in warning and "'USA'" in warning


@pytest.mark.parametrize("query, choices, expected", [
    ("Blinkin", ["Antony Blinken", "Wang Yi", "Yoko Kamikawa"], ["Antony Blinken"]),
    ("kamikawa", ["Antony Blinken", "Yōko Kamikawa"], ["Yōko Kamikawa"]),
    ("taiwan strait", {"topic:taiwan-strait": "Taiwan Strait", "topic:ukraine": "Ukraine"}, ["topic:taiwan-strait"]),
    ("zzzz", ["Antony Blinken"], []),
])
def test_norm_closest(query, choices, expected):
    assert closest(query, choices) == expected


def test_norm_graph_query_and_views_suggest_through_one_resolver():
    import graph.query
    import graph.views

    assert graph.query._closest is closest and graph.views._closest is closest


def test_norm_word_lists_load_from_one_file():
    lists = load_lexicon("names")
    assert {"honorifics", "styles", "particles", "family_first_countries"} <= set(lists)
    assert all(leading_honorifics(h.split()) == len(h.split()) for h in lists["honorifics"])


@pytest.mark.parametrize("key", ["family_first_countries", "last_word_countries", "no_particle_countries"])
def test_norm_country_lists_hold_country_codes(key):
    from extract.norm import is_country_code

    assert [c for c in sorted(load_lexicon("names")[key]) if not is_country_code(c)] == []


def test_norm_a_bad_word_list_names_file_list_and_value(tmp_path):
    bad = tmp_path / "names.json"
    bad.write_text(json.dumps({"particles": ["von", "von"]}), encoding="utf-8")
    with pytest.raises(LexiconFileError, match=r"names.json.*'particles'.*'von'"):
        load_lexicon("names", str(bad))


def test_norm_graph_and_the_shared_layer_import_no_spacy():
    code = "import sys, graph, extract.norm; assert 'spacy' not in sys.modules, 'spacy imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("module", ["extract.countries", "extract.norm.names", "extract.titles", "graph.identity"])
def test_norm_modules_import_alone(module):
    # extract.countries folds with extract.norm, which resolves countries with extract.countries:
    # a module-level import either way would be a circular import in a fresh process
    subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
