"""Tests for extract/historyatstate.py: the Office of the Historian travels and visits reader."""

import json
import os
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from extract.errors import UnsupportedSource
from extract.historyatstate import (
    country_for_id,
    is_historyatstate,
    officials_in_remarks,
    parse_visitor,
    read_historyatstate,
    us_president_on,
)

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpora" / "historyatstate"
SCHEMA = json.loads((ROOT / "extract" / "resources" / "record.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
FLOORS = json.loads((Path(__file__).with_name("floors.json")).read_text(encoding="utf-8"))

TRIP_XML = """<?xml version="1.0" encoding="UTF-8"?>
<trips>
    <trip role="president" who="biden-joseph-r">
        <id>4113</id>
        <role>president</role>
        <name>Joseph R. Biden</name>
        <start-date>2021-06-09</start-date>
        <end-date>2021-06-13</end-date>
        <country id="united-kingdom">United Kingdom</country>
        <locale>London, Cornwall</locale>
        <remarks>Met with Prime Minister Boris Johnson and Queen Elizabeth II. Attended the G7
            Summit.</remarks>
    </trip>
    <trip role="president" who="eisenhower-dwight-d">
        <id>9001</id>
        <role>president</role>
        <name>Dwight D. Eisenhower</name>
        <start-date>1959-12-19</start-date>
        <end-date>1959-12-21</end-date>
        <country id="france">France</country>
        <locale>Paris</locale>
        <remarks>Conference with President De Gaulle, British Prime Minister Macmillan, and Soviet
            Premier Khrushchev.</remarks>
    </trip>
    <trip role="secretary" who="someone">
        <id>9002</id>
        <role>secretary</role>
        <name>Henry A. (Heinz Alfred) Kissinger</name>
        <start-date>1974-02-01</start-date>
        <end-date>1974-02-02</end-date>
        <country id="egypt">Egypt</country>
        <locale>Cairo</locale>
        <remarks>Met with the Prime Minister.</remarks>
    </trip>
    <trip role="secretary" who="someone">
        <id>9003</id>
        <role>secretary</role>
        <name>Madeleine Korbel Albright</name>
        <start-date>1999-02-08</start-date>
        <end-date>1999-02-08</end-date>
        <country id="jordan">Jordan</country>
        <locale>Amman</locale>
        <remarks>Attended the funeral of King Hussein; met with King Abdullah II.</remarks>
    </trip>
</trips>
"""

VISIT_XML = """<?xml version="1.0" encoding="UTF-8"?>
<visits>
    <visit>
        <id>2138</id>
        <start-date>1874-12-12</start-date>
        <end-date>1874-12-23</end-date>
        <visitor>King Kalakaua</visitor>
        <from id="hawaii">Hawaii</from>
        <description>First visit by a foreign Chief of State.</description>
    </visit>
    <visit>
        <id>5000</id>
        <start-date>1995-03-16</start-date>
        <end-date>1995-03-17</end-date>
        <visitor>Prime Minister John  Bruton</visitor>
        <from id="ireland">Ireland</from>
        <description>Met with President Clinton during a
            private visit.</description>
    </visit>
    <visit>
        <id>5001</id>
        <start-date>2000-05-04</start-date>
        <end-date>2000-05-04</end-date>
        <visitor>President Stjepan Mesic and Prime Minister Ivica Racan</visitor>
        <from id="croatia">Croatia</from>
        <description/>
    </visit>
</visits>
"""


@pytest.fixture(scope="module")
def corpus() -> Path:
    """The historyatstate corpus; missing it fails in CI and skips elsewhere."""
    if not CORPUS.is_dir():
        message = f"Corpus not found at {CORPUS}; CI must provide ../shared/corpora/historyatstate."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CORPUS


@pytest.fixture(scope="module")
def visit_records(corpus) -> list[dict]:
    """Every record of every visits file."""
    return [r for f in sorted((corpus / "visits" / "data").glob("*.xml")) for r in read_historyatstate(f)]


@pytest.fixture(scope="module")
def trip_records(corpus) -> list[dict]:
    """Every record of every travels file."""
    files = sorted((corpus / "travels").glob("*-travels/*.xml"))
    return [r for f in files for r in read_historyatstate(f)]


@pytest.fixture
def trips_file(tmp_path) -> Path:
    path = tmp_path / "sample-trips.xml"
    path.write_text(TRIP_XML, encoding="utf-8")
    return path


@pytest.fixture
def visits_file(tmp_path) -> Path:
    path = tmp_path / "sample-visits.xml"
    path.write_text(VISIT_XML, encoding="utf-8")
    return path


def _people(meeting: dict) -> list[tuple]:
    return [(p["name"], p["title"], p["country"]) for p in meeting["participants"]]


@pytest.mark.parametrize(
    "content, expected",
    [
        ("<trips><trip/></trips>", "trips"),
        ("<?xml version='1.0'?>\n<visits><visit/></visits>", "visits"),
        ("<presidents><president/></presidents>", None),
        ("<html><body>trips</body></html>", None),
        ("Met with President Clinton.", None),
    ],
)
def test_is_historyatstate_reads_the_root_element(tmp_path, content, expected):
    path = tmp_path / "trips.xml"  # the name says trips; only the root may decide
    path.write_text(content, encoding="utf-8")
    assert is_historyatstate(path) == expected


def test_read_historyatstate_rejects_other_xml(tmp_path):
    path = tmp_path / "other.xml"
    path.write_text("<presidents/>", encoding="utf-8")
    with pytest.raises(UnsupportedSource, match="other.xml"):
        list(read_historyatstate(path))


@pytest.mark.parametrize(
    "visitor, expected",
    [
        ("Prime Minister Kyriakos Mitsotakis", [("Prime Minister", "Kyriakos Mitsotakis")]),
        ("King Kalakaua", [("King", "Kalakaua")]),
        ("Emperor Dom Pedro II", [("Emperor", "Dom Pedro II")]),
        ("President-elect Vicente Fox", [("President-elect", "Vicente Fox")]),
        ("President- elect Ernesto Zedillo Ponce de Leon", [("President-elect", "Ernesto Zedillo Ponce de Leon")]),
        ("Crown Prince Mohammed bin Salman", [("Crown Prince", "Mohammed bin Salman")]),
        ("Chancellor Angela Merkel", [("Chancellor", "Angela Merkel")]),
        ("General Secretary Mikhail S. Gorbachev", [("General Secretary", "Mikhail S. Gorbachev")]),
        ("Amir Sheikh Tamim bin Hamad Al Thani", [("Emir", "Tamim bin Hamad Al Thani")]),
        ("Prime Minister Sheikh Hasina", [("Prime Minister", "Sheikh Hasina")]),
        ("Prime Minister Theresa May", [("Prime Minister", "Theresa May")]),
        ("President de Gaulle", [("President", "de Gaulle")]),
        ("President Daniel T. arap Moi", [("President", "Daniel T. arap Moi")]),
        ("President Benigno S. Aquino, 3rd", [("President", "Benigno S. Aquino 3rd")]),
        ("Governor General Earl of Athlone", [("Governor-General", "Earl of Athlone")]),
        ("Prime MinisterHaidar al- Abadi", [("Prime Minister", "Haidar al-Abadi")]),
        ("Prime Minster Mackenzie King", [("Prime Minister", "Mackenzie King")]),
        ("Premier and Prince Sihanouk", [("Premier", "Sihanouk")]),
        ("President Anwar Sadat, Prime Minister Mustafa Khalil",
         [("President", "Anwar Sadat"), ("Prime Minister", "Mustafa Khalil")]),
        ("King Abdullah and Crown Prince Hussein", [("King", "Abdullah"), ("Crown Prince", "Hussein")]),
        ("Valdas Adamkus", [(None, "Valdas Adamkus")]),
    ],
)
def test_parse_visitor_splits_title_and_name(visitor, expected):
    # titles come in the shared canonical form of extract/titles.py (Amir -> Emir)
    assert [(p["title"], p["name"]) for p in parse_visitor(visitor)] == expected


@pytest.mark.parametrize(
    "remarks, expected",
    [
        ("Met with Prime Minister Boris Johnson and Queen Elizabeth II. Attended the G7 Summit.",
         [("Boris Johnson", "Prime Minister", None), ("Elizabeth II", "Queen", None)]),
        ("Conference with President De Gaulle, British Prime Minister Macmillan, and Soviet Premier Khrushchev.",
         [("De Gaulle", "President", None), ("Macmillan", "Prime Minister", "GBR"), ("Khrushchev", "Premier", "SUN")]),
        ("Met with the Prime Minister.", []),
        ("Met with the Presidents and Prime Ministers of the Czech Republic, Hungary, and Poland.", []),
        ("Attended NATO Foreign Ministers Meeting.", []),
        ("Met with Foreign Minister van den Broek.", [("van den Broek", "Foreign Minister", None)]),
        ("Discussed the Iraq crisis with British Foreign Secretary Cook and King Hussein of Jordan.",
         [("Cook", "Foreign Secretary", "GBR"), ("Hussein", "King", "JOR")]),
        ("Met with ASEAN Secretary-General Surin Pitsuwan.", [("Surin Pitsuwan", "Secretary-General", "ASEAN")]),
        ("Met with Deputy Prime Minister and Foreign Minister Antonio Tajani.",
         [("Antonio Tajani", "Foreign Minister", None)]),
        ("Met with President Kwasniewski and former President Walesa.",
         [("Kwasniewski", "President", None), ("Walesa", "Former President", None)]),
        ("Met with Libyan interim Prime Minister Abdulhamid Dabaiba.",
         [("Abdulhamid Dabaiba", "Prime Minister", "LBY")]),
        ("Participated with Secretary of Defense Lloyd J. Austin III.",
         [("Lloyd J. Austin III", "Defense Secretary", "USA")]),
        ("Participated in President Biden’s bilateral engagements.", [("Biden", "President", None)]),
    ],
)
def test_officials_in_remarks_finds_titled_names(remarks, expected):
    found = officials_in_remarks(remarks)
    assert [(o["name"], o["title"], o["country"]) for o in found] == expected
    assert all(remarks[o["name_start"]:o["name_end"]] == o["name"] for o in found)


@pytest.mark.parametrize(
    "remarks, met",
    [
        ("Attended the funeral of King Hussein", False),
        ("Attended the inauguration of President Lula", False),
        ("Delivered a message from President Bush", False),
        ("Commemorated the 150th birthday of former President Thomas Masaryk", False),
        ("Attended the funeral and met with King Abdullah", True),
    ],
)
def test_officials_in_remarks_marks_people_not_met(remarks, met):
    assert [o["met"] for o in officials_in_remarks(remarks)] == [met]


@pytest.mark.parametrize(
    "country_id, on, expected",
    [
        ("united-kingdom", None, "GBR"),
        ("korea-south", None, "KOR"),
        ("cote-divoire", None, "CIV"),
        ("holy-see", None, "VAT"),
        ("turkey", None, "TUR"),
        ("czechoslovakia", None, "CSK"),
        ("german-democratic-republic", None, "DDR"),
        ("yugoslavia", None, "YUG"),
        ("hawaii", None, "XHI"),
        ("kosovo", None, "XKX"),
        ("russia", date(1990, 7, 31), "SUN"),
        ("russia", date(1992, 1, 1), "RUS"),
        ("no-such-place", None, None),
    ],
)
def test_country_for_id_maps_ids_and_historic_states(country_id, on, expected):
    assert country_for_id(country_id, on=on) == expected


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(1874, 12, 12), "Ulysses S. Grant"),
        (date(1945, 4, 12), "Harry S. Truman"),
        (date(1963, 11, 21), "John F. Kennedy"),
        (date(1993, 1, 20), "William J. Clinton"),
        (date(2025, 6, 1), "Donald J. Trump"),
        (date(1860, 1, 1), None),
    ],
)
def test_us_president_on_uses_the_term_table(day, expected):
    assert us_president_on(day) == expected


def test_read_trips_builds_meetings_with_counterparts(trips_file):
    records = {r["source_id"]: r for r in read_historyatstate(trips_file)}
    biden = records["trip-4113"]
    assert biden["source"] == f"{trips_file}#trip-4113"
    assert biden["published"] == "2021-06-09" and biden["end_date"] == "2021-06-13"
    assert [_people(m) for m in biden["meetings"]] == [[
        ("Joseph R. Biden", "President", "USA"),
        ("Boris Johnson", "Prime Minister", "GBR"),
        ("Elizabeth II", "Queen", "GBR"),
    ]]
    meeting = biden["meetings"][0]
    assert meeting["kind"] == "in_person"
    assert meeting["location"] == {"city": None, "country": "GBR"}  # two places: no single city
    paris = records["trip-9001"]["meetings"][0]
    assert paris["kind"] == "multilateral"
    assert [p["country"] for p in paris["participants"]] == ["USA", "FRA", "GBR", "SUN"]
    assert paris["location"] == {"city": "Paris", "country": "FRA"}


def test_read_trips_keeps_role_only_remarks_without_meetings(trips_file):
    record = {r["source_id"]: r for r in read_historyatstate(trips_file)}["trip-9002"]
    assert record["meetings"] == []
    assert record["officials"] == [
        {"name": "Henry A. Kissinger", "title": "Secretary of State", "country": "USA", "actor": "Henry Kissinger",
         "mentions": []}
    ]


def test_read_trips_leaves_out_people_only_mourned(trips_file):
    record = {r["source_id"]: r for r in read_historyatstate(trips_file)}["trip-9003"]
    assert [[p["name"] for p in m["participants"]] for m in record["meetings"]] == [
        ["Madeleine Korbel Albright", "Abdullah II"]
    ]


def test_read_visits_names_the_counterpart(visits_file):
    records = {r["source_id"]: r for r in read_historyatstate(visits_file)}
    assert _people(records["visit-2138"]["meetings"][0]) == [
        ("Kalakaua", "King", "XHI"), ("Ulysses S. Grant", "President", "USA")
    ]
    assert records["visit-2138"]["meetings"][0]["basis"] == "sitting_president"
    bruton = records["visit-5000"]
    assert _people(bruton["meetings"][0]) == [
        ("John Bruton", "Prime Minister", "IRL"), ("William J. Clinton", "President", "USA")
    ]
    assert bruton["meetings"][0]["basis"] == "description"
    assert bruton["text"] == "Prime Minister John Bruton\nMet with President Clinton during a private visit."
    assert [p["name"] for p in records["visit-5001"]["meetings"][0]["participants"]] == [
        "Stjepan Mesic", "Ivica Racan", "William J. Clinton"
    ]


def test_read_historyatstate_doc_ids_are_stable_and_distinct(trips_file, visits_file, tmp_path):
    first = [r["doc_id"] for f in (trips_file, visits_file) for r in read_historyatstate(f)]
    moved = tmp_path / "elsewhere.xml"
    moved.write_text(TRIP_XML, encoding="utf-8")
    assert [r["doc_id"] for r in read_historyatstate(moved)] == first[:4]
    assert len(set(first)) == len(first)


def _fold(word: str) -> str:
    """A word without accents or case ("Erdoğan" and "Erdogan" are one surname): the scorer's folding; one
    spelling for the spellings of one given name ("Mohamed VI" is the dictionary's Mohammed VI)."""
    from extract.norm import fold
    from extract.norm.names import SPELLING_VARIANTS

    folded = fold(word)
    return SPELLING_VARIANTS.get(folded, folded)


def _check_record(record: dict) -> None:
    VALIDATOR.validate(record)
    text = record["text"]
    for group in ("meetings", "planned"):
        for meeting in record[group]:
            items = list(meeting["evidence"])
            items += [e for p in meeting["participants"] for e in p.get("evidence", [])]
            for item in items:
                assert text[item["start"]:item["end"]] == item["text"], record["source_id"]
    for official in record["officials"]:
        for start, end in official["mentions"]:  # the surface form: "Clinton" for William J. Clinton
            # the mention ends with one of the name's words ("Lee" for Lee Hsien Loong, "Erdogan" for
            # Erdoğan, "Assad" for Hafez al-Assad)
            parts = [_fold(w) for w in official["name"].split()]
            words = {part for w in parts for part in w.split("-")} | {a + b for a, b in zip(parts, parts[1:])}
            # ("DeMichelis" for Gianni De Michelis)
            assert _fold(text[start:end].split()[-1]).split("-")[-1] in words, record["source_id"]


def test_read_historyatstate_sample_records_validate(trips_file, visits_file):
    for path in (trips_file, visits_file):
        for record in read_historyatstate(path):
            _check_record(record)


def test_read_historyatstate_corpus_records_validate(trip_records, visit_records):
    assert len(trip_records) == 4271 and len(visit_records) == 3264
    for record in trip_records + visit_records:
        _check_record(record)
    assert len({r["doc_id"] for r in trip_records + visit_records}) == 4271 + 3264


def test_read_historyatstate_maps_every_corpus_country(trip_records, visit_records):
    unknown = [w for r in trip_records + visit_records for w in r["warnings"] if "country id" in w]
    assert unknown == []


def test_parse_visitor_corpus_floor(visit_records):
    parsed = sum(
        1 for r in visit_records
        if r["meetings"] and all(p["title"] and p["name"] and p["country"]
                                 for p in r["meetings"][0]["participants"])
    )
    share = parsed / len(visit_records)
    assert share >= FLOORS["historyatstate_visits_parsed"], f"{share:.4f} of visits parsed"


@pytest.mark.parametrize(
    "visitor, day, actor, country",
    [
        ("King Hussein", "1959-03-20", "Hussein bin Talal", "JOR"),
        ("Crown Prince Hussein", "2023-05-10", "Hussein bin Abdullah", "JOR"),
        ("President Kenyatta", "1970-10-10", "Jomo Kenyatta", "KEN"),
        ("President Uhuru Kenyatta", "2018-08-27", "Uhuru Kenyatta", "KEN"),
        ("Prime Minister Benyamin Netanyahu", "1998-01-20", "Benjamin Netanyahu", "ISR"),
        ("President Dimitry A. Medvedev", "2011-05-26", "Dmitry Medvedev", "RUS"),
    ],
)
def test_read_visits_names_the_dictionary_entry_at_the_visit_date(tmp_path, visitor, day, actor, country):
    country_id = {"JOR": "jordan", "KEN": "kenya", "ISR": "israel", "RUS": "russia"}[country]
    xml = (f"<visits><visit><id>1</id><visitor>{visitor}</visitor><from id='{country_id}'>{country}</from>"
           f"<start-date>{day}</start-date><end-date>{day}</end-date><description>Met the President.</description>"
           "</visit></visits>")
    path = tmp_path / "v.xml"
    path.write_text(xml, encoding="utf-8")
    record = next(read_historyatstate(path))
    visiting = record["meetings"][0]["participants"][0]
    assert (visiting["actor"], visiting["country"]) == (actor, country)


@pytest.mark.parametrize(
    "remarks, day, actor, country",
    [
        ("Met with Chairman Arafat.", "1994-10-12", "Yasser Arafat", "PSE"),
        ("Met with Prime Minister Netanyahu.", "1998-03-01", "Benjamin Netanyahu", "ISR"),
        ("Met with Foreign Minister Fahmy.", "1974-01-11", "Ismail Fahmy", "EGY"),
    ],
)
def test_read_trips_takes_country_from_the_office_not_the_place(tmp_path, remarks, day, actor, country):
    xml = ("<trips><trip><id>1</id><role>secretary</role><name>Warren Christopher</name>"
           f"<start-date>{day}</start-date><end-date>{day}</end-date><country id='switzerland'>Switzerland</country>"
           f"<locale>Geneva</locale><remarks>{remarks}</remarks></trip></trips>")
    path = tmp_path / "t.xml"
    path.write_text(xml, encoding="utf-8")
    record = next(read_historyatstate(path))
    met = record["meetings"][0]["participants"][1]
    assert (met["actor"], met["country"]) == (actor, country)

