"""Consistency tests for extract/resources/actors_world.csv, the dated world actor dictionary.

The file is generated from tools/actors_world/*.txt by tools/build_actors_world.py; these tests
read the shipped CSV as the loader and users see it.
"""

import csv
import os
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree as ET

import pycountry
import pytest

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["name", "aliases", "country", "title", "from", "to", "sources"]

#: Codes for bodies and entities outside ISO 3166-1: the loader's own list (one owner).
from extract.actors import BODY_CODES  # noqa: E402

#: Offices that can have several holders at once. A (country, title) pair listed here is
#: skipped by the overlap test; each entry needs a reason. (Neither is in the file yet: they are
#: here so that whoever adds them does not have to loosen the test.)
SHARED_OFFICES: dict[tuple[str, str], str] = {
    ("AND", "Co-Prince"): "Andorra has two co-princes at once (the French President and the Bishop of Urgell)",
    ("SMR", "Captain Regent"): "San Marino has two Captains Regent at once",
}

#: How many days two holders of one office may overlap (handover days, dates known to the month).
OVERLAP_DAYS = 31

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _earliest(value: str) -> date:
    year, month, day = _DATE.match(value).groups()
    return date(int(year), int(month or 1), int(day or 1))


def _latest(value: str) -> date:
    year, month, day = _DATE.match(value).groups()
    if day:
        return date(int(year), int(month), int(day))
    if month:
        first_next = date(int(year) + int(month) // 12, int(month) % 12 + 1, 1)
        return first_next - timedelta(days=1)
    return date(int(year), 12, 31)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return "".join(c for c in text if c.isalnum())


@pytest.fixture(scope="module")
def rows():
    path = resources.files("extract") / "resources" / "actors_world.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == HEADER
        return list(reader)


def test_actors_world_has_thousands_of_rows(rows):
    assert len(rows) >= 2500
    assert all(set(row) == set(HEADER) and None not in row.values() for row in rows)


def test_actors_world_required_fields_are_filled(rows):
    empty = [(i, field) for i, row in enumerate(rows, 2)
             for field in ("name", "country", "title", "from", "sources") if not row[field].strip()]
    assert empty == []


def test_actors_world_country_codes_are_valid(rows):
    bad = sorted({row["country"] for row in rows
                  if row["country"] not in BODY_CODES
                  and pycountry.countries.get(alpha_3=row["country"]) is None})
    assert bad == [], "use ISO 3166-1 alpha-3 or a body code"


def test_actors_world_dates_parse_and_are_ordered(rows):
    bad = []
    for line, row in enumerate(rows, 2):
        for field in ("from", "to"):
            value = row[field]
            if value and not _DATE.match(value):
                bad.append((line, row["name"], field, value))
                continue
            if value:
                try:
                    _earliest(value), _latest(value)
                except ValueError:
                    bad.append((line, row["name"], field, value))
        if not bad and row["to"] and _latest(row["to"]) < _earliest(row["from"]):
            bad.append((line, row["name"], "from > to", row["from"], row["to"]))
    assert bad == []


def test_actors_world_dates_are_in_range(rows):
    # 'to' empty means still in office in late 2025; nothing starts or ends after the file's time.
    late = [(row["name"], row["from"], row["to"]) for row in rows
            if _earliest(row["from"]) > date(2026, 1, 1)
            or (row["to"] and _earliest(row["to"]) > date(2026, 1, 1))]
    assert late == []
    # Every office was held at some point since 1990 (the scope of the file).
    old = [(row["name"], row["to"]) for row in rows if row["to"] and _latest(row["to"]) < date(1990, 1, 1)]
    assert old == []


def _clashes(rows) -> list[tuple]:
    """Pairs of holders of one (country, title) whose terms overlap by more than OVERLAP_DAYS.

    A term counts from the latest day its 'from' can mean to the earliest day its 'to' can mean
    (what is certain), so '2004-05' and '2004-05-20' never clash; an empty 'to' is open.
    """
    offices = defaultdict(list)
    for row in rows:
        if (row["country"], row["title"]) in SHARED_OFFICES:
            continue
        start = _latest(row["from"])
        end = _earliest(row["to"]) if row["to"] else date(2100, 1, 1)
        offices[row["country"], row["title"]].append((start, end, row["name"]))
    clashes = []
    for office, holders in offices.items():
        holders.sort()
        for i, (_, e1, n1) in enumerate(holders):
            for s2, e2, n2 in holders[i + 1:]:
                if n1 != n2 and (min(e1, e2) - s2).days > OVERLAP_DAYS:
                    clashes.append((office, n1, n2))
    return clashes


def _row(name, start, end, title="Prime Minister"):
    return {"name": name, "country": "FRA", "title": title, "from": start, "to": end}


@pytest.mark.parametrize(
    "rows, expected",
    [
        ([_row("A", "2000-01-01", "2005-05-01"), _row("B", "2005-05-01", "")], []),
        ([_row("A", "2000-01-01", "2005-05"), _row("B", "2005-05-20", "")], []),
        ([_row("A", "2000", "2005"), _row("B", "2005", "")], []),
        ([_row("A", "2000-01-01", "2005-05-01"), _row("B", "2005-05-01", "", title="President")], []),
        ([_row("A", "2000-01-01", "2005-05-01"), _row("B", "2004-01-01", "")], [("A", "B")]),
        ([_row("A", "2000-01-01", ""), _row("B", "2005-05-01", "2006-01-01")], [("A", "B")]),
        ([_row("A", "2000-01-01", ""), _row("B", "2003-01-01", "2004-01-01"),
          _row("C", "2005-01-01", "")], [("A", "B"), ("A", "C")]),
    ],
)
def test_actors_world_overlap_check_flags_two_holders_at_once(rows, expected):
    assert [(a, b) for _, a, b in _clashes(rows)] == expected


def test_actors_world_single_holder_offices_do_not_overlap(rows):
    assert _clashes(rows) == []


def test_actors_world_and_actors_csv_do_not_overlap(rows):
    # Both files are bundled: together they must not give one office two holders at once either.
    path = resources.files("extract") / "resources" / "actors.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        old = [r for r in csv.DictReader(handle) if r["from"]]
    assert _clashes(rows + old) == []


def test_actors_world_names_and_aliases_are_unique_per_row(rows):
    bad = []
    for line, row in enumerate(rows, 2):
        names = [row["name"], *(a for a in row["aliases"].split(";") if row["aliases"])]
        folded = [_fold(n) for n in names]
        if len(set(folded)) != len(folded) or any(not n.strip() or n != n.strip() for n in names):
            bad.append((line, row["name"], row["aliases"]))
    assert bad == []


def test_actors_world_aliases_are_not_the_bare_surname(rows):
    # The loader derives surnames itself; a bare surname alias would make it look like a full name.
    bad = [(row["name"], alias) for row in rows for alias in row["aliases"].split(";")
           if alias and " " not in alias and _fold(alias) == _fold(row["name"].split()[-1])]
    assert bad == []


def test_actors_world_repeats_no_row_of_actors_csv(rows):
    path = resources.files("extract") / "resources" / "actors.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        old = {(_fold(r["name"]), r["country"], r["title"], r["from"]) for r in csv.DictReader(handle)}
    repeated = [r["name"] for r in rows if (_fold(r["name"]), r["country"], r["title"], r["from"]) in old]
    assert repeated == []


def test_actors_world_rows_are_unique(rows):
    keys = [(_fold(r["name"]), r["country"], r["title"], r["from"]) for r in rows]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    "name, country, title, on",
    [
        ("Helmut Kohl", "DEU", "Chancellor", date(1995, 1, 1)),
        ("Jacques Chirac", "FRA", "President", date(2000, 1, 1)),
        ("Boris Yeltsin", "RUS", "President", date(1996, 6, 1)),
        ("Jiang Zemin", "CHN", "President", date(1999, 1, 1)),
        ("Tony Blair", "GBR", "Prime Minister", date(2003, 3, 20)),
        ("Nelson Mandela", "ZAF", "President", date(1996, 1, 1)),
        ("Gerhard Schröder", "DEU", "Chancellor", date(2003, 1, 1)),
        ("Romano Prodi", "EUU", "President of the European Commission", date(2002, 1, 1)),
        ("Christine Lagarde", "IMF", "Managing Director", date(2015, 1, 1)),
        ("Amr Moussa", "LAS", "Secretary-General", date(2005, 1, 1)),
        ("Hun Sen", "KHM", "Prime Minister", date(2010, 1, 1)),
        ("Michelle Bachelet", "CHL", "President", date(2015, 1, 1)),
    ],
)
def test_actors_world_knows_well_known_holders(rows, name, country, title, on):
    found = [r for r in rows if r["name"] == name and r["country"] == country and r["title"] == title
             and _earliest(r["from"]) <= on and (not r["to"] or on <= _latest(r["to"]))]
    assert found, f"{name} as {title} of {country} on {on} is missing"


def test_actors_world_csv_matches_its_generator():
    done = subprocess.run([sys.executable, "tools/build_actors_world.py", "--check"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


#: The Office of the Historian's data (CC0), which CI provides beside the repository.
HISTORY = ROOT.parent / "shared" / "corpora" / "historyatstate"

#: A visitor's office as the visits files write it, and the dictionary titles that hold it.
VISITOR_TITLES = {
    "President": {"President"},
    "Prime Minister": {"Prime Minister", "Premier", "Taoiseach", "Chancellor"},
    "Chancellor": {"Chancellor"},
    "King": {"King"},
    "Foreign Minister": {"Foreign Minister", "Foreign Secretary", "External Affairs Minister"},
}

#: Share of checked visits on which the dictionary must name the visitor. The rest are the
#: visits files' own slips: misspellings ("Olesegun Obsanjo", "Dilma Roussef") and a few
#: wrong offices (Giulio Andreotti as Italy's "President" in 1990).
AGREEMENT_FLOOR = 0.97


@pytest.fixture(scope="module")
def history() -> Path:
    """The historyatstate corpus; missing it fails in CI and skips elsewhere."""
    if not HISTORY.is_dir():
        message = f"Corpus not found at {HISTORY}; CI must provide ../shared/corpora/historyatstate."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return HISTORY


def test_actors_world_agrees_with_the_historians_list_of_visitors(rows, history):
    # Every head of state or government (or foreign minister) who visited the United States
    # since 1990, whose office the bundled dictionaries know on the visit's date, must be that
    # office's holder then: the visitor's surname is a word of the holder's name or aliases.
    path = resources.files("extract") / "resources"
    with (path / "actors.csv").open(encoding="utf-8", newline="") as handle:
        bundled = rows + [r for r in csv.DictReader(handle) if r["from"]]
    with (path / "countries.csv").open(encoding="utf-8", newline="") as handle:
        codes = {_words(n): r["code"] for r in csv.DictReader(handle)
                 for n in [r["name"], *r["aliases"].split(";")] if n}
    by_office = defaultdict(list)
    for row in bundled:
        by_office[row["country"], row["title"]].append(row)
    margin = timedelta(days=40)
    checked, agreed = 0, 0
    for xml in sorted((history / "visits" / "data").glob("*.xml")):
        for visit in ET.parse(xml).getroot():
            day, visitor = visit.findtext("start-date") or "", (visit.findtext("visitor") or "").strip()
            match = re.match(r"(President|Prime Minister|Chancellor|King|Foreign Minister) (.+)", visitor)
            code = codes.get(_words(visit.findtext("from") or ""))
            if day < "1990" or not match or not code or "," in visitor or " and " in visitor:
                continue
            on = date.fromisoformat(day)
            holders = [r for title in VISITOR_TITLES[match.group(1)] for r in by_office[code, title]
                       if _latest(r["from"]) - margin <= on
                       and (not r["to"] or on <= _earliest(r["to"]) + margin)]
            if not holders:
                continue
            checked += 1
            surname = _words(match.group(2)).split()[-1]
            agreed += any(surname in _words(f"{r['name']} {r['aliases']}").split() for r in holders)
    assert checked >= 1800, "the visits files or the dictionary shrank"
    assert agreed / checked >= AGREEMENT_FLOOR, f"{agreed} of {checked} visitors agree"


def _words(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())
