"""Records from the U.S. Office of the Historian's travels and visits XML files.

The Office of the Historian publishes two structured lists: foreign trips of U.S. Presidents
and Secretaries of State (root ``<trips>``) and visits of foreign leaders to the United States
(root ``<visits>``). Each trip or visit becomes one record in the project's record format
(see ``extract/resources/record.schema.json``), built by rules, without spaCy: the fields are
short, regular strings, so titles, names and countries are parsed directly.

The record's ``text`` field is the text its evidence offsets index: the trip's remarks, or
the visitor string and the visit's description on two lines (whitespace collapsed, and the
visitor's few typos repaired: "Prime Minster" -> "Prime Minister", "al- Abadi" -> "al-Abadi").
Titles are the shared canonical forms of ``extract/titles.py``; names keep the corpus spelling.

Country codes are ISO 3166-1 alpha-3. States that no longer exist get their ISO 3166-3
alpha-3 code (SUN for the Soviet Union, CSK Czechoslovakia, DDR East Germany, YUG
Yugoslavia, ANT Netherlands Antilles); states renamed but not dissolved keep today's code
(Burma is MMR, Zaire COD). The corpus files call the Soviet Union ``russia``: trips and
visits dated before 1991-12-26 with that id get SUN. Two places have no ISO code at all
and get a code from ISO's user-assigned range: Kosovo XKX (the code the EU and IMF use) and
the Kingdom of Hawaii XHI (sovereign when King Kalakaua visited in 1874). Ids the table
does not know give a null country and a warning.

Not handled here: other XML files (``is_historyatstate`` says None), resolving people across
records (the graph does that), and meetings the remarks only describe by role ("met with the
Prime Minister"): without a name there is no participant, so no meeting is recorded.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator

from lxml import etree

from extract.countries import BODY_CODES, country_code, country_name
from extract.errors import SourceError, UnsupportedSource
from extract.norm import names as _names
from extract.titles import canonical_title, load_titles, title_rank

__all__ = [
    "RECORD_VERSION",
    "ROOT_KINDS",
    "USSR_END",
    "is_historyatstate",
    "read_historyatstate",
    "parse_visitor",
    "officials_in_remarks",
    "country_for_id",
    "us_president_on",
]

#: Version written into every record this module makes.
RECORD_VERSION = "historyatstate/1"

#: Root element names this module reads, mapped to the kind `is_historyatstate` returns.
ROOT_KINDS = {"trips": "trips", "visits": "visits"}

#: First day after the Soviet Union's dissolution; ``russia`` ids before it mean SUN.
USSR_END = date(1991, 12, 26)

_PRESIDENTS_FILE = "us_presidents.csv"

_TRAVELLER_TITLES = {"president": "President", "secretary": "Secretary of State"}

# Corpus country ids the shared country table cannot look up from the id itself.
_ID_CODES = {
    "antigua-barbuda": "ATG", "bosnia-herzegovina": "BIH", "brunei": "BRN", "burma": "MMR",
    "cape-verde": "CPV", "congo-democratic-republic": "COD", "congo-kinshasa": "COD",
    "congo-republic": "COG", "cote-divoire": "CIV", "holy-see": "VAT", "korea": "KOR",
    "korea-north": "PRK", "korea-south": "KOR", "macedonia": "MKD", "north-macedonia": "MKD",
    "micronesia": "FSM", "palestinian-authority": "PSE", "west-bank": "PSE", "russia": "RUS",
    "saint-kitts-nevis": "KNA", "saint-vincent-grenadines": "VCT", "somoa": "WSM",
    "swaziland": "SWZ", "eswatini": "SWZ", "timor-leste": "TLS", "turkey": "TUR",
    "turkiye": "TUR", "united-kingdom": "GBR", "united-states": "USA", "vietnam": "VNM",
    "laos": "LAO", "guinea-bissau": "GNB",
    # dissolved states: ISO 3166-3 alpha-3 codes
    "soviet-union": "SUN", "ussr": "SUN", "czechoslovakia": "CSK",
    "german-democratic-republic": "DDR", "east-germany": "DDR", "yugoslavia": "YUG",
    "netherlands-antilles": "ANT",
    # no ISO code: user-assigned range
    "kosovo": "XKX", "hawaii": "XHI",
}


# Kinds of office (extract/resources/titles.csv) whose holders count as counterparts; diplomats,
# spokespeople, governors, senators and mayors do not.
_COUNTERPART_KINDS = frozenset({"head_of_state", "head_of_government", "foreign_minister", "minister", "royal"})
_COUNTERPART_OTHERS = frozenset({"General Secretary", "First Secretary", "Chairman", "Secretary-General", "Governor-General"})
_TOO_VAGUE = frozenset({"Minister", "Secretary", "Commissioner", "Minister of State"})
# Offices this corpus writes that the shared titles table does not list.
_CORPUS_TITLES = [
    "First Deputy Prime Minister", "Alternate Prime Minister", "Minister of Foreign Affairs",
    "Minister of External Affairs", "State Council Chairman", "Chairman of the Presidency",
    "President of the Council of Ministers", "Vice Chairman", "Deputy Crown Prince",
    "Patriarch", "Ecumenical Patriarch", "Archbishop", "Cardinal", "Tanaiste", "Generalissimo",
    "Marshal", "Field Marshal", "Brigadier General", "Lieutenant General", "Major General",
    "Chief of State", "Junta Member", "Secretary of War", "Secretary of Agriculture",
    "Secretary of Homeland Security",
]
# Offices that start a visitor string but are too ambiguous inside running remarks.
_VISITOR_ONLY_TITLES = ["General", "Sheikh", "Sheik", "Sheikha"]
_TITLES = sorted(
    {
        form
        for canonical, row in load_titles().titles.items()
        if (row.kind in _COUNTERPART_KINDS or canonical in _COUNTERPART_OTHERS) and canonical not in _TOO_VAGUE
        for form in (canonical, *row.variants)
        if form[:1].isupper() and not form.isupper()
    }
    | set(_CORPUS_TITLES),
    key=lambda t: (-len(t), t),
)
# Names of the codes the shared country table does not hold.
_EXTRA_NAMES = {"XHI": "Kingdom of Hawaii"}

_MODIFIERS = r"(?:[Ff]ormer|[Aa]cting|[Ii]nterim|[Pp]rovisional|[Tt]ransitional|[Cc]aretaker)"
_SUFFIX = r"(?:\s?-\s?(?:[Ee]lect|[Dd]esignate))"
# Styles kept as part of the name: peerages stand in for it ("Lord Carrington"); other styles
# and the honorifics of extract.norm.names are dropped before a name.
_KEPT_STYLES = frozenset({"Lord", "Baron", "Baroness"})
_STOP_WORDS = frozenset(
    "The And In At On To For Of With During From By After Before Summit Conference Meeting "
    "Meetings Council Government Parliament Congress Ministers Ministerial Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday".split()
)
# Month names end a name only when a day number follows ("Prime Minister Theresa May" is a name).
_MONTHS = frozenset(
    "January February March April May June July August September October November December".split()
)
_PEERAGES = frozenset({"Earl", "Duke", "Marquess", "Viscount", "Baron", "Count", "Countess", "Duchess"})
_ABBREVIATIONS = frozenset({"Dr", "Mr", "Mrs", "Ms", "St", "Jr", "Sr", "U.S", "U.N", "U.K", "Gen", "Lt", "Col"})
# A mention after one of these words (in the same clause) is not someone the traveller met.
_NOT_MET = re.compile(
    r"\b(?:funeral|memorial|burial|inauguration|swearing[- ]in|coronation|wedding|enthronement|"
    r"investiture|installation|eulogy|condolences?|behalf|message|letter|representing|"
    r"birthday|anniversary|commemorat\w*|tomb|grave|in memory|in honou?r of|"
    r"representative of|envoy of)\b",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r"\b(?:[Mm]et|with|[Cc]onferred|[Tt]alks|[Cc]onference|[Aa]udience)\b")
_COMPANION = re.compile(r"^\s*(?:[Aa]ccompan\w+|[Jj]oined|[Ww]ith)\b")
_SUMMIT = re.compile(r"\b(?:[Ss]ummit|[Cc]onference|[Ss]ummit [Mm]eeting|[Mm]inisterial)\b")

_TITLE_ALT = "|".join(re.escape(t) for t in _TITLES)
_MENTION = re.compile(
    rf"(?<![\w.-])(?:(?P<mod2>{_MODIFIERS})\s+)?"
    rf"(?P<title>(?:{_TITLE_ALT})(?:(?:\s+and\s+|\s?[-/]\s?)(?:{_TITLE_ALT}))*){_SUFFIX}?(?!\w)"
)
_VISITOR_TITLE = re.compile(
    rf"(?:(?P<mod>{_MODIFIERS})\s+)?"
    rf"(?P<title>(?:{'|'.join(re.escape(t) for t in sorted(_TITLES + _VISITOR_ONLY_TITLES, key=len, reverse=True))})"
    rf"(?:\s*(?:and|&|-)\s*(?:{_TITLE_ALT}))*){_SUFFIX}?(?!\w)"
)
_TITLE_WORDS = frozenset({"President", "Minister", "Prime", "Foreign", "Secretary", "Chairman", "Premier"})
_TYPO_FIXES = [
    (re.compile(r"\bPrime Minist(?:er|re)e?(?=[A-Z])"), "Prime Minister "),
    (re.compile(r"\bPrime Ministere\b"), "Prime Minister"),
    (re.compile(r"\bPrime Minster\b"), "Prime Minister"),
    (re.compile(r"-\s+(elect|designate)\b", re.IGNORECASE), r"-\1"),
    (re.compile(r"\b(al|el)-\s+(?=[A-Z])"), r"\1-"),
]
_US_PRESIDENT_REF = re.compile(
    r"(?<![Vv]ice )(?<![Ff]ormer )\bPresident(?P<elect>-[Ee]lect)?\s+(?P<name>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)"
)
_TOKEN = re.compile(r"\S+")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class _President:
    """One term of a U.S. President, from ``us_presidents.csv``."""

    name: str
    surname: str
    start: date
    end: date | None


def is_historyatstate(path: str | Path) -> str | None:
    """Say whether `path` is an Office of the Historian travels or visits file.

    Only the start of the file is read: the answer comes from the root element's own name,
    never from the file name.

    Parameters
    ----------
    path : the file to look at.

    Returns
    -------
    ``"trips"`` or ``"visits"`` when the root element is ``<trips>`` or ``<visits>``; None
    for any other XML root and for files that are not XML at all.

    Raises
    ------
    SourceError
        If the file cannot be opened.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
    ...     _ = f.write("<visits><visit><id>1</id></visit></visits>")
    >>> is_historyatstate(f.name)
    'visits'
    >>> os.unlink(f.name)
    """
    try:
        for _event, element in etree.iterparse(str(path), events=("start",), recover=False):
            return ROOT_KINDS.get(etree.QName(element).localname)
    except etree.XMLSyntaxError:
        return None
    except OSError as err:
        raise SourceError(f"Cannot read {path} ({err}). Check that the file exists and is readable.") from err
    return None


def read_historyatstate(path: str | Path) -> Iterator[dict]:
    """Yield one record per ``<trip>`` or ``<visit>`` of an Office of the Historian file.

    Parameters
    ----------
    path : a travels file (root ``<trips>``) or a visits file (root ``<visits>``).

    Returns
    -------
    Records in file order. Besides the schema's fields each record has ``text`` (what its
    offsets index), ``kind`` (``"trip"`` or ``"visit"``) and ``end_date``; each meeting has
    ``end_date``, ``basis`` (``"remarks"``, ``"description"`` or ``"sitting_president"``)
    and each participant ``country_basis`` (``"demonym"``, ``"us_office"``,
    ``"trip_country"``, ``"actor_dictionary"``, ``"from"`` or ``"traveller"``).

    Raises
    ------
    UnsupportedSource
        If the root element is neither ``<trips>`` nor ``<visits>``.
    SourceError
        If the file cannot be read or is not well-formed XML.

    Examples
    --------
    >>> import tempfile, os
    >>> xml = ('<trips><trip><id>7</id><role>president</role><name>Joseph R. Biden</name>'
    ...        '<start-date>2021-10-29</start-date><end-date>2021-10-29</end-date>'
    ...        '<country id="holy-see">Vatican City</country><locale/>'
    ...        '<remarks>Met with Pope Francis.</remarks></trip></trips>')
    >>> with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
    ...     _ = f.write(xml)
    >>> record = next(read_historyatstate(f.name))
    >>> record["source_id"], record["published"]
    ('trip-7', '2021-10-29')
    >>> [(p["name"], p["title"], p["country"]) for p in record["meetings"][0]["participants"]]
    [('Joseph R. Biden', 'President', 'USA'), ('Francis', 'Pope', 'VAT')]
    >>> os.unlink(f.name)
    """
    kind = is_historyatstate(path)
    if kind is None:
        raise UnsupportedSource(
            f"{path} is not an Office of the Historian file: its root element is not <trips> or "
            f"<visits>. Pass a file from travels/*-travels/ or visits/data/."
        )
    item_tag = "trip" if kind == "trips" else "visit"
    make = _trip_record if kind == "trips" else _visit_record
    try:
        for _event, element in etree.iterparse(str(path), events=("end",), tag=item_tag):
            yield make(element, str(path))
            element.clear()
    except etree.XMLSyntaxError as err:
        raise SourceError(
            f"{path} is not well-formed XML ({err}). Records before the error were read; fix the file or "
            f"leave it out of the batch."
        ) from err


def parse_visitor(visitor: str) -> list[dict]:
    """Split a visitor string into the people it names, each with title and name.

    Parameters
    ----------
    visitor : the ``<visitor>`` text ("Prime Minister Kyriakos Mitsotakis",
        "President X and Prime Minister Y"), whitespace already collapsed.

    Returns
    -------
    One dict per person, in order: ``name``, ``title`` (None when the string has none) and
    ``start``/``end`` (title and name) and ``name_start``/``name_end`` (the name alone),
    offsets into `visitor` after the few typo repairs (``"Prime Minster"`` ->
    ``"Prime Minister"``) that ``_fix_typos`` makes; callers index the repaired string.
    An empty list when the string names nobody.

    Examples
    --------
    >>> [(p["title"], p["name"]) for p in parse_visitor("Emperor Dom Pedro II")]
    [('Emperor', 'Dom Pedro II')]
    >>> [(p["title"], p["name"]) for p in parse_visitor("President Fatmir Sejdiu and Prime Minister Hashim Thaci")]
    [('President', 'Fatmir Sejdiu'), ('Prime Minister', 'Hashim Thaci')]
    >>> [(p["title"], p["name"]) for p in parse_visitor("Amir Sheikh Tamim bin Hamad Al Thani")]
    [('Emir', 'Tamim bin Hamad Al Thani')]
    """
    text = _fix_typos(visitor)
    people = []
    pos = 0
    while pos < len(text):
        while pos < len(text) and text[pos] in " ,&":
            pos += 1
        if text.startswith("and ", pos):
            pos += 4
            continue
        match = _VISITOR_TITLE.match(text, pos)
        if match is None:
            if people or pos:
                break
            span = _scan_name(text, pos)
            if span is None:
                break
            name = _clean_name(text[span[0]:span[1]])
            people.append({"name": name, "title": None, "start": pos, "end": span[1],
                           "name_start": span[0], "name_end": span[1]})
            pos = span[1]
            continue
        span = _scan_name(text, match.end(), strip_honorifics=True)
        if span is None:
            break
        people.append({"name": _clean_name(text[span[0]:span[1]]),
                       "title": _title_of(match.group("mod"), match.group("title"), match.group(0)),
                       "start": match.start(), "end": span[1], "name_start": span[0], "name_end": span[1]})
        pos = span[1]
    return people


def officials_in_remarks(remarks: str) -> list[dict]:
    """Find the titled officials a trip's remarks name, with their offsets.

    Only a title followed by a capitalised name counts: "Met with the Prime Minister" names
    nobody. A demonym or body before the title ("Soviet Premier Khrushchev", "NATO
    Secretary General Jens Stoltenberg") gives the official's country.

    Parameters
    ----------
    remarks : the remarks text, whitespace collapsed.

    Returns
    -------
    One dict per mention in text order: ``name``, ``title``, ``country`` (from the demonym,
    ``"USA"`` for U.S. cabinet offices, else None), ``start``/``end`` of the whole mention
    (demonym and title included), ``name_start``/``name_end``, and ``met``: False when the
    clause says the person was not met (a funeral, an inauguration, a message from).

    Examples
    --------
    >>> text = "Conference with President De Gaulle, British Prime Minister Macmillan, and Soviet Premier Khrushchev."
    >>> [(o["name"], o["title"], o["country"]) for o in officials_in_remarks(text)]
    [('De Gaulle', 'President', None), ('Macmillan', 'Prime Minister', 'GBR'), ('Khrushchev', 'Premier', 'SUN')]
    >>> officials_in_remarks("Met with the Prime Minister.")
    []
    """
    found = []
    for match in _MENTION.finditer(remarks):
        span = _scan_name(remarks, match.end(), strip_honorifics=True)
        if span is None:
            continue
        start, modifier, country = _country_before(remarks, match.start())
        title = _title_of(match.group("mod2") or modifier, match.group("title"), match.group(0))
        country = country or _country_after(remarks, span[1])
        if country is None and match.group("title").startswith("Secretary of "):
            country = "USA"  # a U.S. cabinet office written the U.S. way
        clause = remarks[_clause_start(remarks, start):start]
        found.append({
            "name": _clean_name(remarks[span[0]:span[1]]), "title": title, "country": country,
            "start": start, "end": span[1], "name_start": span[0], "name_end": span[1],
            "met": _NOT_MET.search(clause) is None, "companion": bool(_COMPANION.match(clause)),
        })
    return found


def country_for_id(country_id: str, *, on: date | None = None) -> str | None:
    """Map an Office of the Historian country id to an alpha-3 code.

    Parameters
    ----------
    country_id : the ``id`` attribute of ``<country>`` or ``<from>`` ("united-kingdom").
    on : the trip's or visit's date; ``russia`` before 1991-12-26 is the Soviet Union.

    Returns
    -------
    An ISO 3166-1 alpha-3 code, an ISO 3166-3 code for dissolved states, a user-assigned
    code for Kosovo (XKX) and Hawaii (XHI), or None for an unknown id.

    Examples
    --------
    >>> country_for_id("united-kingdom"), country_for_id("korea-south"), country_for_id("hawaii")
    ('GBR', 'KOR', 'XHI')
    >>> country_for_id("russia", on=date(1959, 9, 15)), country_for_id("russia", on=date(2000, 6, 3))
    ('SUN', 'RUS')
    >>> country_for_id("atlantis") is None
    True
    """
    key = country_id.strip().lower()
    code = _ID_CODES.get(key)
    if code is None:
        code = country_code(key.replace("-", " ").title(), kinds=("name", "alias"))
        if code is None:
            return None
    if code == "RUS" and on is not None and on < USSR_END:
        return "SUN"
    return code


def us_president_on(day: date) -> str | None:
    """Name the U.S. President in office on `day` (the incoming one on inauguration day).

    Parameters
    ----------
    day : any date from 1865-04-15 on.

    Returns
    -------
    The President's name as the Office of the Historian writes it, or None before the table.

    Examples
    --------
    >>> us_president_on(date(1874, 12, 12)), us_president_on(date(2021, 1, 20))
    ('Ulysses S. Grant', 'Joseph R. Biden')
    """
    term = _term_on(day)
    return term.name if term else None


def _trip_record(trip: etree._Element, path: str) -> dict:
    """The record of one ``<trip>`` element."""
    trip_id = _text(trip, "id")
    role = _text(trip, "role").lower()
    traveller_title = _TRAVELLER_TITLES.get(role)
    traveller = _clean_name(re.sub(r"\s*\([^)]*\)", "", _text(trip, "name")))
    start, end = _date_of(_text(trip, "start-date")), _date_of(_text(trip, "end-date"))
    day = date.fromisoformat(start) if start else None
    country_el = trip.find("country")
    country_id = country_el.get("id", "") if country_el is not None else ""
    country = country_for_id(country_id, on=day) if country_id else None
    locale = _collapse(_text(trip, "locale"))
    text = _collapse(_text(trip, "remarks"))
    warnings = _country_warnings(country_id, country)
    if traveller_title is None:
        warnings.append(f"Unknown traveller role {role!r} in trip {trip_id}; expected 'president' or 'secretary'.")
    me = _identify({"name": traveller, "title": traveller_title, "country": "USA", "evidence": [],
                    "country_basis": "traveller"}, day)
    officials = {traveller: {k: me[k] for k in ("name", "title", "country", "actor") if k in me} | {"mentions": []}}
    meetings = []
    for s_start, s_end in _sentences(text):
        participants, seen = [dict(me)], {traveller}
        for o in officials_in_remarks(text[s_start:s_end]):
            o = _shift(o, s_start)
            person = _resolve_trip_person(o, traveller, traveller_title, country, day)
            if person is None:
                continue
            person = _identify(person, day)
            entry = officials.setdefault(person["name"], {k: person[k] for k in ("name", "title", "country", "actor")
                                                          if k in person} | {"mentions": []})
            entry["mentions"].append([o["name_start"], o["name_end"]])
            if not o["met"] or person["name"] in seen or (person["country"] == "USA" and not o["companion"]):
                continue
            seen.add(person["name"])
            participants.append(person | {"evidence": [_evidence(text, o["start"], o["end"])]})
        counterparts = [p for p in participants if p["country"] != "USA"]
        if not counterparts:
            continue
        parties = {p["country"] for p in participants}
        many = len(parties) >= 3 or (len(counterparts) >= 2 and _SUMMIT.search(text, s_start, s_end) is not None)
        meetings.append({
            "kind": "multilateral" if many else "in_person", "date": start, "end_date": end,
            "location": {"city": _city(locale), "country": country} if (locale or country) else None,
            "participants": participants, "topics": [], "evidence": [_evidence(text, s_start, s_end)],
            "basis": "remarks",
        })
    where = f"{locale}, " if locale else ""
    country_name = _country_name(country) if country else (country_el.text or "").strip()
    title = f"{traveller_title or 'Trip'} {traveller}: {where}{country_name}".strip()
    codes = [country] + [p["country"] for m in meetings for p in m["participants"]] + [o["country"] for o in officials.values()]
    source_id = f"trip-{trip_id}"
    return _record(path, source_id, title, start, end, text, meetings, list(officials.values()), codes, warnings,
                   key=[source_id, role, traveller, start, end, country_id, locale, text])


def _visit_record(visit: etree._Element, path: str) -> dict:
    """The record of one ``<visit>`` element."""
    visit_id = _text(visit, "id")
    start, end = _date_of(_text(visit, "start-date")), _date_of(_text(visit, "end-date"))
    day = date.fromisoformat(start) if start else None
    from_el = visit.find("from")
    country_id = from_el.get("id", "") if from_el is not None else ""
    country = country_for_id(country_id, on=day) if country_id else None
    visitor = _fix_typos(_collapse(_text(visit, "visitor")))
    description = _collapse(_text(visit, "description"))
    text = f"{visitor}\n{description}" if description else visitor
    warnings = _country_warnings(country_id, country)
    people = parse_visitor(visitor)
    if not people or any(p["title"] is None for p in people):
        warnings.append(f"Visitor {visitor!r} in visit {visit_id} has no title this reader knows; kept as a bare name.")
    participants = [
        _identify({"name": p["name"], "title": p["title"], "country": country, "country_basis": "from",
                   "evidence": [_evidence(text, p["start"], p["end"])]}, day)
        for p in people
    ]
    officials = [{k: v for k, v in q.items() if k in ("name", "title", "country", "actor")}
                 | {"mentions": [[p["name_start"], p["name_end"]]]}
                 for p, q in zip(people, participants)]
    hosts, basis = _hosts(text, len(visitor) + 1, day)
    offsets = {}
    for host, span, name_span in hosts:
        participants.append(_identify({"name": host, "title": "President", "country": "USA",
                                       "country_basis": "us_office",
                                       "evidence": [_evidence(text, *span)] if span else []}, day))
        offsets.setdefault(host, []).extend([list(name_span)] if name_span else [])
    for host, spans in offsets.items():
        officials.append({"name": host, "title": "President", "country": "USA", "mentions": spans})
    meetings = []
    if people and hosts:
        parties = {p["country"] for p in participants}
        many = len(parties) >= 3 or (basis == "sitting_president" and _SUMMIT.search(description) is not None)
        evidence = [_evidence(text, 0, len(text))]
        meetings.append({"kind": "multilateral" if many else "in_person", "date": start, "end_date": end,
                         "location": {"city": None, "country": "USA"}, "participants": participants,
                         "topics": [], "evidence": evidence, "basis": basis})
    title = f"Visit of {visitor}" + (f" ({_country_name(country)})" if country else "")
    source_id = f"visit-{visit_id}"
    codes = [country, "USA"]
    return _record(path, source_id, title, start, end, text, meetings, officials, codes, warnings,
                   key=[source_id, visitor, start, end, country_id, description])


def _record(path: str, source_id: str, title: str, start: str | None, end: str | None, text: str,
            meetings: list, officials: list, codes: list, warnings: list, *, key: list) -> dict:
    """Assemble the record dict shared by trips and visits."""
    codes = list(dict.fromkeys(c for c in codes if c))
    return {
        "version": RECORD_VERSION,
        "doc_id": hashlib.sha1("\x1f".join(k or "" for k in key).encode("utf-8")).hexdigest(),
        "source": f"{path}#{source_id}",
        "source_id": source_id,
        "kind": source_id.split("-")[0],
        "title": title,
        "published": start,
        "end_date": end,
        "text": text,
        "meetings": meetings,
        "planned": [],
        "officials": officials,
        "countries": [{"code": c, "name": _country_name(c)} for c in codes if c not in BODY_CODES],
        "organizations": [{"name": _country_name(c)} for c in codes if c in BODY_CODES],
        "warnings": warnings,
    }


def _resolve_trip_person(o: dict, traveller: str, traveller_title: str | None, country: str | None,
                         day: date | None) -> dict | None:
    """A remarks mention as a participant dict, or None when it is the traveller himself."""
    name, title = o["name"], o["title"]
    surname = name.split()[-1]
    if traveller_title and title == traveller_title and surname == traveller.split()[-1]:
        return None
    if o["country"] == "USA" and (title or "").startswith("Secretary of") and country not in (None, "USA"):
        # "Secretary of State Cardinal Pietro Parolin" in Rome is the Holy See's, unless we know an American
        actor = _actors().resolve(name, on=day)
        if actor is None or actor.country != "USA":
            return {"name": name, "title": title, "country": country, "country_basis": "trip_country"}
    if o["country"] is not None:
        return {"name": name, "title": title, "country": o["country"],
                "country_basis": "us_office" if o["country"] == "USA" else "demonym"}
    if title in ("President", "Former President", "President-elect") and day is not None:
        term = _us_president_named(surname, day, former=title == "Former President")
        if term is not None:
            return {"name": term.name, "title": title, "country": "USA", "country_basis": "us_office"}
    actor = _actors().resolve(name, on=day)
    if actor is not None and (title is None or actor.in_office(day)):
        # the actor dictionary knows whom they represent (Merkel met in Italy is still German) and,
        # for a surname alone, who it was that day ("President Assad" in 1974 is Hafez al-Assad)
        full = actor.name if len(name.split()) == 1 and actor.in_office(day) else name
        return {"name": full, "title": title, "country": actor.country, "country_basis": "actor_dictionary"}
    return {"name": name, "title": title, "country": country, "country_basis": "trip_country"}


def _identify(person: dict, day: date | None) -> dict:
    """Name the actor dictionary's entry for a participant (``actor``), at the day of the meeting.

    The entry is looked up by the name as written, or by title and name ("King Hussein"), and
    must be in office that day unless the full name matched. A country read from the place of
    the meeting gives way to the entry's country; one read from the text (a demonym, the
    visitor's country) filters the lookup instead.
    """
    name, title, basis = person["name"], person.get("title"), person.get("country_basis")
    wanted = person["country"] if basis in ("demonym", "from", "us_office", "traveller") else None
    actors = _actors()
    found = []
    for form in [name, f"{title} {name}"] if title else [name]:
        actor = actors.resolve(form, on=day, country=wanted)
        if actor is not None:
            found.append(actor)
            if day is None or actor.in_office(day):
                break
    actor = next((a for a in found if day is None or a.in_office(day)), None)
    if actor is None and len(name.split()) >= 2:
        actor = found[0] if found else None  # a full name is the same person out of office too
    if actor is None:
        return person
    out = dict(person, actor=actor.name)
    if basis == "trip_country" and actor.country != person["country"]:
        out["country"], out["country_basis"] = actor.country, "actor_dictionary"
    return out


def _actors():
    """The bundled actor dictionary (loaded once)."""
    from .actors import ActorDictionary

    return ActorDictionary.load()


def _hosts(text: str, offset: int, day: date | None) -> tuple[list[tuple], str]:
    """The U.S. Presidents a visit's description names, or else the sitting one.

    Each host is (name, span of "President X", span of "X"); the spans are None for the
    sitting President the description does not name.
    """
    hosts = []
    if day is not None:
        for match in _US_PRESIDENT_REF.finditer(text, offset):
            span = _scan_name(text, match.start("name"))
            if span is None:
                continue
            term = _us_president_named(text[span[0]:span[1]].split()[-1], day, former=False)
            if term is not None and term.name not in [h[0] for h in hosts]:
                hosts.append((term.name, (match.start(), span[1]), span))
    if hosts:
        return hosts, "description"
    sitting = us_president_on(day) if day else None
    return ([(sitting, None, None)] if sitting else []), "sitting_president"


def _us_president_named(surname: str, day: date, *, former: bool) -> _President | None:
    """The U.S. President with this surname in office on `day` (or before it if `former`)."""
    terms = [t for t in _presidents() if t.surname == surname.rstrip(".,;")]
    if not terms:
        return None
    if former:
        past = [t for t in terms if t.end is not None and t.end <= day]
        return past[-1] if past else None
    current = _term_on(day)
    if current is not None and current.surname == terms[0].surname:
        return current
    upcoming = [t for t in terms if t.start > day and (t.start - day).days < 120]
    return upcoming[0] if upcoming else None


def _term_on(day: date) -> _President | None:
    """The term in progress on `day`."""
    found = None
    for term in _presidents():
        if term.start <= day:
            found = term
    return found


@lru_cache(maxsize=1)
def _presidents() -> tuple[_President, ...]:
    """The bundled table of U.S. Presidents' terms, oldest first."""
    with resources.files("extract").joinpath("resources", _PRESIDENTS_FILE).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(
        _President(r["name"], r["surname"], date.fromisoformat(r["took_office"]),
                   date.fromisoformat(r["left_office"]) if r["left_office"] else None)
        for r in rows
    )


def _scan_name(text: str, pos: int, *, strip_honorifics: bool = False) -> tuple[int, int] | None:
    """Offsets of the capitalised name starting at `pos`, or None when none starts there.

    A leading honorific ("Dr.", "Sheikh") is skipped when `strip_honorifics`, unless the name
    would then be a single word ("Sheikh Hasina" stays whole).
    """
    start = end = honorific = particle = None
    last = pos
    previous = ""
    for match in _TOKEN.finditer(text, pos):
        gap = text[last:match.start()]
        if "\n" in gap or gap.strip():
            break
        raw = match.group(0)
        core = raw.rstrip(",;:")
        closing = core != raw
        possessive = re.search(r"['’]s$", core)
        if possessive:
            core, closing = core[:possessive.start()], True
        if core.endswith(".") and not _is_abbreviation(core):
            core, closing = core[:-1], True
        if start is None and strip_honorifics and _is_honorific(core):
            honorific = match.start() if honorific is None else honorific
            last = match.end()
            continue
        if core in _MONTHS and re.match(r"\s+\d", text[match.end():]):
            break
        if _is_name_token(core, first=start is None):
            if start is None:
                start = match.start() if particle is None else particle
            end = match.start() + len(core)
        elif (core in _names.PARTICLES or (core == "of" and previous in _PEERAGES)) and not closing:
            if start is None and particle is None:
                particle = match.start()
            last = match.end()
            previous = core
            continue
        else:
            break
        last = match.end()
        previous = core
        if closing:
            if raw.endswith(","):
                after = _TOKEN.match(text, match.end() + 1)
                if after and _names.is_suffix(after.group(0).rstrip(",;")):
                    end = after.start() + len(after.group(0).rstrip(",;"))
                    if after.group(0).rstrip(",;").endswith(".") and not after.group(0).startswith("Jr"):
                        end -= 1
            break
    if start is None:
        return None
    if honorific is not None and " " not in text[start:end]:
        start = honorific
    return start, end


def _is_name_token(token: str, *, first: bool) -> bool:
    """True when `token` can be part of a personal name."""
    if not token or token in _STOP_WORDS:
        return False
    if token.startswith("(") and token.endswith(")") and len(token) > 2 and token[1].isupper():
        return not first
    if token[0].isupper():
        return not (first and token in _TITLE_WORDS)
    if re.match(r"^(?:al|el|ad|as|ash|an|ul|ud|d|bin|ibn|ben|abu)['’-]", token):
        return not first or token[-1].isalpha() and token.split("-", 1)[-1][:1].isupper()
    return token[0].isdigit() and _names.is_suffix(token) and not first


def _is_honorific(word: str) -> bool:
    """True for a form of address or a style dropped before a name ("Mr.", "H.E.", "Sheikh")."""
    return _names.is_honorific(word) or (_names.is_style(word) and word not in _KEPT_STYLES)


def _is_abbreviation(token: str) -> bool:
    """True for initials and short abbreviations whose final dot does not end a sentence."""
    core = token.rstrip(".")
    return bool(re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", core)) or core in _ABBREVIATIONS


def _sentences(text: str) -> list[tuple[int, int]]:
    """Offsets of the sentences and semicolon clauses of `text`."""
    spans, start = [], 0
    for match in re.finditer(r"[.;](?=\s+[A-Z\"'“(]|\s*$)", text):
        if match.group(0) == ".":
            word = re.search(r"(\S+)$", text[start:match.start()])
            if word and _is_abbreviation(word.group(1) + "."):
                continue
        spans.append((start, match.end()))
        start = match.end()
        while start < len(text) and text[start] == " ":
            start += 1
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _country_before(text: str, pos: int) -> tuple[int, str | None, str | None]:
    """(start, modifier, country) of the words naming a country just before an office at `pos`.

    "British Prime Minister" gives GBR, "Acting Fijian Prime Minister" FJI and "Acting";
    when no country is named, `pos` comes back unchanged.
    """
    match = re.search(rf"(?:(?<![\w.-])(?P<mod>{_MODIFIERS})\s+)?(?P<words>(?:[A-Z][\w.'’-]*\s+){{1,3}})$", text[:pos])
    if match is None:
        return pos, None, None
    words = match.group("words").split()
    for size in range(len(words), 0, -1):
        code = country_code(" ".join(words[-size:]))
        if code is not None:
            if size == len(words):
                return match.start(), match.group("mod"), code
            return pos - len(" ".join(words[-size:])) - 1, None, code
    return pos, None, None


def _country_after(text: str, pos: int) -> str | None:
    """The country an "of <Country>" right after a name gives ("King Hussein of Jordan")."""
    match = re.match(r"\s+of\s+(?:the\s+)?((?:[A-Z][\w'’-]*)(?:\s+[A-Z][\w'’-]*){0,3})", text[pos:])
    if match is None:
        return None
    words = match.group(1).split()
    for size in range(len(words), 0, -1):
        code = country_code(" ".join(words[:size]), kinds=("name", "alias"))
        if code is not None:
            return code
    return None


def _clause_start(text: str, pos: int) -> int:
    """Where the clause that leads to a mention at `pos` begins (after the last meeting word)."""
    last = 0
    for match in _CLAUSE_START.finditer(text, 0, pos):
        if match.group(0).lower() in ("with", "met", "conferred", "audience"):
            last = match.start()
    return last


def _title_of(modifier: str | None, title: str, matched: str) -> str:
    """The office in the shared canonical form; "former" and "-elect" are kept as qualifiers.

    Of joined offices ("Deputy Prime Minister and Foreign Minister") the more senior is kept,
    as `extract.titles.split_title_name` does; offices the shared table lacks stay as written.
    """
    whole = canonical_title(title)
    parts = [whole] if whole else [canonical_title(part) or part for part in re.split(r"\s+and\s+|\s*&\s*|\s?[-/]\s?(?=[A-Z])", title)]
    ranked = [(_rank(part), i, part) for i, part in enumerate(parts)]
    best = min(ranked)[2]
    if modifier and modifier.lower() == "former":
        best = f"Former {best}"
    suffix = re.search(r"-\s?(elect|designate)\s*$", matched, re.IGNORECASE)
    if suffix:
        best = f"{best}-{suffix.group(1).lower()}"
    return best


def _rank(title: str) -> int:
    """The shared table's rank of `title`; offices it lacks rank last."""
    try:
        return title_rank(title)
    except LookupError:
        return 99


def _fix_typos(text: str) -> str:
    """Repair the handful of spelling slips the visitor strings contain."""
    for pattern, replacement in _TYPO_FIXES:
        text = pattern.sub(replacement, text)
    return text


def _clean_name(name: str) -> str:
    """A name with whitespace collapsed and a dangling particle hyphen rejoined ("al- Abadi")."""
    name = re.sub(r"\b(al|el)-\s+", r"\1-", " ".join(name.split())).strip(" ,")
    return re.sub(r",\s*(Jr\.?|Sr\.?|II|III|IV|3rd)$", r" \1", name)


def _shift(mention: dict, offset: int) -> dict:
    """A mention found in a sentence, with offsets into the whole text."""
    return mention | {k: mention[k] + offset for k in ("start", "end", "name_start", "name_end")}


def _evidence(text: str, start: int, end: int) -> dict:
    """An evidence dict for ``text[start:end]``."""
    return {"start": start, "end": end, "text": text[start:end]}


def _city(locale: str) -> str | None:
    """The locale as a city when it names a single place ("Oran (Algeria)" -> "Oran")."""
    place = re.sub(r"\s*\([^)]*\)", "", locale).strip()
    if not place or re.search(r",|;| and |/", place):
        return None
    return place


def _country_name(code: str) -> str:
    """A display name for a country or body code."""
    if code in _EXTRA_NAMES:
        return _EXTRA_NAMES[code]
    try:
        return country_name(code)
    except LookupError:
        return code


def _country_warnings(country_id: str, code: str | None) -> list[str]:
    """A warning when a country id could not be mapped."""
    if code is None:
        return [f"Unknown country id {country_id!r}; the country is left null. Add it to _ID_CODES in "
                f"extract/historyatstate.py."]
    return []


def _text(element: etree._Element, tag: str) -> str:
    """The text of `element`'s child `tag`, or '' when missing."""
    child = element.find(tag)
    return "".join(child.itertext()) if child is not None else ""


def _collapse(text: str) -> str:
    """`text` with runs of whitespace collapsed to one space."""
    return " ".join(text.split())


def _date_of(value: str) -> str | None:
    """A YYYY-MM-DD date string, or None when `value` is not one."""
    value = value.strip()
    if not _DATE.match(value):
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        return None
    return value
