"""Tests for extract/countries.py: country names, aliases, demonyms, regions."""

from pathlib import Path

import pycountry
import pytest
from lxml import etree

from extract.countries import (
    BODY_CODES,
    DELIBERATE_AMBIGUITIES,
    EXTRA_CODES,
    UnknownCountry,
    ambiguous_forms,
    country_code,
    country_name,
    is_demonym,
    is_region,
    load_countries,
    surface_forms,
)
from extract.errors import ResourceFileError

ISO_CODES = {c.alpha_3 for c in pycountry.countries}
HISTORIC_CODES = {c.alpha_3 for c in pycountry.historic_countries}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("U.S.", "USA"),
        ("U.S", "USA"),
        ("US", "USA"),
        ("USA", "USA"),
        ("U.S.A.", "USA"),
        ("United States", "USA"),
        ("the United States", "USA"),
        ("The United States", "USA"),
        ("United States of America", "USA"),
        ("America", "USA"),
        ("the States", "USA"),
        ("the U.S.", "USA"),
        ("U.S.'s", "USA"),
        ("United States'", "USA"),
        ("UNITED STATES", "USA"),
        ("  United   States ", "USA"),
    ],
)
def test_country_code_reads_us_forms(text, expected):
    assert country_code(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("UK", "GBR"), ("U.K.", "GBR"), ("Britain", "GBR"), ("Great Britain", "GBR"),
        ("DPRK", "PRK"), ("North Korea", "PRK"), ("ROK", "KOR"), ("South Korea", "KOR"),
        ("Republic of Korea", "KOR"), ("PRC", "CHN"), ("China", "CHN"), ("mainland China", "CHN"),
        ("Russia", "RUS"), ("Russian Federation", "RUS"), ("Türkiye", "TUR"), ("Turkey", "TUR"),
        ("Turkiye", "TUR"), ("Iran", "IRN"), ("Syria", "SYR"), ("Vietnam", "VNM"),
        ("Viet Nam", "VNM"), ("Laos", "LAO"), ("Czechia", "CZE"), ("Czech Republic", "CZE"),
        ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"), ("Cote d'Ivoire", "CIV"),
        ("Holy See", "VAT"), ("Vatican", "VAT"), ("the Vatican", "VAT"), ("Taiwan", "TWN"),
        ("the Philippines", "PHL"), ("Netherlands", "NLD"), ("Palestine", "PSE"),
        ("EU", "EUU"), ("European Union", "EUU"), ("U.N.", "UNO"), ("United Nations", "UNO"),
        ("NATO", "NATO"), ("ASEAN", "ASEAN"), ("African Union", "AU"),
        ("Soviet Union", "SUN"), ("USSR", "SUN"), ("Burma", "MMR"), ("Kosovo", "XKX"),
    ],
)
def test_country_code_reads_aliases(text, expected):
    assert country_code(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Japan's", "JPN"), ("China's", "CHN"), ("the U.S.'", "USA"), ("Japan\u2019s", "JPN"),
        ("Russia's", "RUS"), ("the Philippines'", "PHL"),
    ],
)
def test_country_code_drops_possessives(text, expected):
    assert country_code(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Japanese", "JPN"), ("Chinese", "CHN"), ("American", "USA"), ("British", "GBR"),
        ("South Korean", "KOR"), ("North Korean", "PRK"), ("Indian", "IND"), ("Saudi", "SAU"),
        ("Emirati", "ARE"), ("Israeli", "ISR"), ("Palestinian", "PSE"), ("Ukrainian", "UKR"),
        ("Russian", "RUS"), ("Turkish", "TUR"), ("Filipino", "PHL"), ("Soviet", "SUN"),
    ],
)
def test_country_code_reads_demonyms(text, expected):
    assert country_code(text) == expected
    assert is_demonym(text)


@pytest.mark.parametrize("text", ["Japan", "Tokyo", "European", "Asian", "Minister", ""])
def test_is_demonym_rejects_non_demonyms(text):
    assert not is_demonym(text)


@pytest.mark.parametrize(
    "text",
    ["us", "turkey", "chad", "china", "Us", "uk", "eu", "un", "who", "Korean", "Congo",
     "Congolese", "", "   ", "Blinken", "Washington Post"],
)
def test_country_code_refuses_lowercase_ambiguous_and_unknown(text):
    assert country_code(text) is None


@pytest.mark.parametrize(
    "text",
    ["Middle East", "the Middle East", "Indo-Pacific", "Europe", "Asia", "Africa", "the West",
     "Gulf", "the Gulf", "Balkans", "Sahel", "Korean Peninsula", "Taiwan Strait",
     "South China Sea", "Western", "Asia-Pacific", "Latin America"],
)
def test_regions_are_never_countries(text):
    assert is_region(text)
    assert country_code(text) is None
    assert country_code(text, kinds=("name", "alias", "demonym", "capital")) is None


@pytest.mark.parametrize("text", ["Japan", "Taiwan", "United States", "Washington", "Korea"])
def test_is_region_rejects_countries(text):
    assert not is_region(text)


@pytest.mark.parametrize(
    "text, expected",
    [("Washington", "USA"), ("Beijing", "CHN"), ("Moscow", "RUS"), ("Tokyo", "JPN"),
     ("Kyiv", "UKR"), ("Kiev", "UKR"), ("New Delhi", "IND"), ("Brussels", "BEL"),
     ("Seoul", "KOR"), ("Pyongyang", "PRK"), ("Taipei", "TWN")],
)
def test_country_code_reads_capitals_only_when_asked(text, expected):
    assert country_code(text) is None
    assert country_code(text, kinds=("capital",)) == expected


@pytest.mark.parametrize(
    "code, expected",
    [("USA", "United States"), ("CHN", "China"), ("KOR", "South Korea"), ("RUS", "Russia"),
     ("IRN", "Iran"), ("GBR", "United Kingdom"), ("EUU", "European Union"),
     ("UNO", "United Nations"), ("PRK", "North Korea"), ("TWN", "Taiwan"), ("VNM", "Vietnam"),
     ("TUR", "Türkiye"), ("SYR", "Syria"), ("LAO", "Laos"), ("PSE", "Palestine")],
)
def test_country_name_gives_short_common_name(code, expected):
    assert country_name(code) == expected


@pytest.mark.parametrize("code", ["UKR2", "usa", "", "Japan"])
def test_country_name_rejects_unknown_codes_naming_them(code):
    with pytest.raises(UnknownCountry, match=repr(code)) as info:
        country_name(code)
    assert isinstance(info.value, LookupError)


def test_country_name_points_from_a_name_to_its_code():
    with pytest.raises(UnknownCountry, match="'JPN'"):
        country_name("Japan")


def test_table_covers_every_iso_country_and_only_valid_codes():
    table = load_countries()
    codes = set(table.countries)
    assert ISO_CODES <= codes
    extra = codes - ISO_CODES
    assert extra <= BODY_CODES | EXTRA_CODES
    assert EXTRA_CODES - {"XKX"} <= HISTORIC_CODES
    assert {"EUU", "UNO", "NATO", "ASEAN", "AU"} <= codes


def test_table_has_demonyms_for_the_active_countries():
    with_demonyms = {c.code for c in load_countries().countries.values() if c.demonyms}
    assert len(with_demonyms) >= 120


def test_every_collision_is_a_deliberate_ambiguity():
    found = ambiguous_forms()
    assert found == dict(DELIBERATE_AMBIGUITIES)


def test_regions_do_not_share_forms_with_countries():
    table = load_countries()
    forms = set(surface_forms(("name", "alias", "demonym", "capital"))) | set(ambiguous_forms())
    assert not (table.regions & forms)


@pytest.mark.parametrize(
    "kinds, form, expected",
    [(("name",), "Japan", "JPN"), (("alias",), "U.S.", "USA"), (("demonym",), "German", "DEU"),
     (("capital",), "Paris", "FRA")],
)
def test_surface_forms_by_kind(kinds, form, expected):
    assert surface_forms(kinds)[form] == expected


def test_surface_forms_rejects_unknown_kind():
    with pytest.raises(ValueError, match="'city'"):
        surface_forms(("city",))


def test_user_file_extends_and_overrides(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text(
        "code,name,aliases,demonyms,capitals\n"
        "KOR,,,Korean,\n"
        "JPN,,Nippon,,\n"
        "QUAD,Quad,Quadrilateral Security Dialogue,,\n",
        encoding="utf-8",
    )
    table = load_countries([extra])
    assert country_code("Korean", table=table) == "KOR"
    assert country_code("Nippon", table=table) == "JPN"
    assert country_code("Japan", table=table) == "JPN"
    assert country_name("QUAD", table=table) == "Quad"
    assert country_code("Korean") is None  # the bundled table is untouched


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("name,aliases\nJapan,Nippon\n", "code"),
        ("code,name\nUkr,Ukraine\n", "'Ukr'"),
        ("code,name\nZZZ,\n", "'ZZZ'"),
    ],
)
def test_user_file_errors_name_the_problem(tmp_path, content, fragment):
    bad = tmp_path / "bad.csv"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ResourceFileError, match=fragment):
        load_countries([bad])


def test_missing_user_file_is_reported(tmp_path):
    with pytest.raises(ResourceFileError, match="nope.csv"):
        load_countries([tmp_path / "nope.csv"])


HISTORY = Path(__file__).resolve().parents[2] / "../shared/corpora/historyatstate"


@pytest.mark.parametrize(
    "text, expected",
    [("Korea, South", "KOR"), ("China, People\u2019s Republic of", "CHN"),
     ("Congo, Republic of", "COG"), ("Congo, Democratic Republic of", "COD"),
     ("Ceylon (Sri Lanka)", "LKA"), ("Upper Volta (Burkina Faso)", "BFA"),
     ("Germany, Federal Republic of", "DEU")],
)
def test_country_code_reads_inverted_and_annotated_names(text, expected):
    assert country_code(text) == expected


def test_country_code_reads_most_real_country_strings():
    """Measured on the Office of the Historian's visits and travels: 256 of 265 resolve."""
    files = sorted(HISTORY.glob("visits/data/*.xml")) + sorted(HISTORY.glob("travels/*-travels/*.xml"))
    assert files, f"corpus missing at {HISTORY}"
    names = set()
    for path in files:
        tree = etree.parse(str(path))
        names.update(e.text for e in tree.iter("from", "country") if e.text)
    resolved = sum(country_code(n) is not None for n in names)
    assert resolved / len(names) >= 0.95


@pytest.mark.parametrize("kinds", [("name", "alias", "demonym"), ("capital",)])
def test_every_surface_form_looks_up_to_its_code(kinds):
    forms = surface_forms(kinds)
    assert {f: country_code(f, kinds=kinds) for f in forms} == forms
