"""Identity across documents: which spellings are one person, which reports are one meeting.

People
------
A name is cleaned (control characters, leading titles and honorifics such as "Secretary" or
"H.E.", nicknames in quotes), optionally replaced through a caller's alias table (alias ->
canonical name; the graph never imports the extractor's actor dictionary), parsed with
nameparser (which handles "Family, Given", suffixes such as "Jr." and family-name particles
such as "von der") and folded (accents and case removed). Two mentions are one person when

* their family names are equal, or their token sets are equal (given/family order swapped,
  as in "Kamikawa Yoko" / "Yoko Kamikawa");
* their first given names agree, one may be an initial of the other, and either may be
  missing (a surname-only mention);
* their middle names agree when both have some (so "George H. W. Bush" and "George W. Bush"
  stay two people);
* their countries agree when both are known.

Time in office never splits a person: the same name and country seen in 1995 and 2015 is one
node (people return to office far more often than two namesakes serve one country). Titles never
split a person either (people change jobs). A mention that fits several people (a bare
"Smith" when there are two) is kept as a node of its own rather than guessed, with a warning.
Nicknames ("Tony Blinken") merge only when the alias table says so.

Meetings
--------
Mentions of meetings (one per record meeting) are one meeting when they share the kind family
(calls apart from in-person meetings and summits), their participant sets are equal, or one is a
subset of the other with at least two shared participants, and their dates are within one day.
An undated mention joins a dated meeting only when exactly one fits and, if its document has a
publication date, the meeting falls in the week before publication (or the day after).

This module decides identity only; building nodes and edges is ``graph.build``'s job.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping

from nameparser import HumanName

__all__ = [
    "NameParts",
    "PersonResolver",
    "MeetingMention",
    "clean_text",
    "fold",
    "slugify",
    "clean_name",
    "parse_name",
    "names_compatible",
    "normalize_country",
    "country_name",
    "kind_family",
    "cluster_meetings",
]

#: Leading words dropped from a name: honorifics, offices and their connecting words.
TITLE_WORDS = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady his her excellency he h.e hon
    honourable honorable rt right president vice prime minister ministers deputy foreign
    secretary state of for the general chancellor premier ambassador senator king queen prince
    princess sheikh sheikha emir amir crown chairman chairwoman chair chief envoy special
    representative spokesperson spokesman commissioner high external affairs defense defence
    first undersecretary under assistant counselor counsellor national security adviser advisor
    mayor governor pope cardinal gen col adm admiral colonel lt supreme leader sultan director
    head foreign-minister vice-president and interior finance trade economy""".split()
)

#: Lower-case particles that start a family name ("von der Leyen", "van Rompuy").
PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "le",
                       "la", "dos", "das", "ter", "ten"})

#: Names that are not people's names once titles are gone.
NOT_NAMES = frozenset({"", "unknown", "none", "null", "n/a", "anonymous"})

#: International bodies that are valid record codes although not ISO 3166 countries (codes of
#: four letters or more, such as NATO, are accepted as bodies without being listed).
BODY_CODES = frozenset({"EUU", "UNO", "AU", "OAS", "GCC", "SCO", "WTO", "WHO", "IMF", "WBG",
                        "LAS", "OIC"})

#: Common spellings of countries that pycountry does not resolve on its own.
COUNTRY_ALIASES = {
    "us": "USA", "u.s.": "USA", "u.s": "USA", "usa": "USA", "united states": "USA",
    "america": "USA", "uk": "GBR", "u.k.": "GBR", "britain": "GBR", "great britain": "GBR",
    "england": "GBR", "russia": "RUS", "south korea": "KOR", "north korea": "PRK",
    "iran": "IRN", "syria": "SYR", "vietnam": "VNM", "taiwan": "TWN", "turkey": "TUR",
    "eu": "EUU", "european union": "EUU", "un": "UNO", "united nations": "UNO",
    "palestine": "PSE", "laos": "LAO", "bolivia": "BOL", "venezuela": "VEN",
    "tanzania": "TZA", "korea": "KOR", "republic of korea": "KOR", "dprk": "PRK",
    "the netherlands": "NLD", "holland": "NLD", "uae": "ARE", "türkiye": "TUR", "turkiye": "TUR", "moldova": "MDA", "czech republic": "CZE", "ivory coast": "CIV",
}

#: Days before publication in which an undated meeting is looked for.
UNDATED_WINDOW_DAYS = 7

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SPACES = re.compile(r"\s+")
_ROMAN_NUMERAL = re.compile(r"[IVX]{1,5}")
_QUOTED = re.compile(r"[\"“”‘’«»]([^\"“”‘’«»]{1,30})[\"“”‘’«»]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_BODY_CODE = re.compile(r"^[A-Z][A-Z0-9]{3,11}$")


@dataclass(frozen=True)
class NameParts:
    """A parsed, folded name: given names (first, then middles) and the family name.

    ``display`` is the cleaned spelling (titles removed, original case and accents kept).
    """

    given: tuple[str, ...]
    family: str
    display: str

    @property
    def tokens(self) -> frozenset[str]:
        """All folded tokens, given and family, as a set."""
        return frozenset(self.given) | frozenset(self.family.split())

    @property
    def specificity(self) -> tuple[int, int]:
        """How much the name says: full given names first, then any given names."""
        return (sum(len(g) > 1 for g in self.given), len(self.given))


def clean_text(value: object) -> str:
    """Return `value` as one line of text: control characters removed, spaces collapsed.

    Parameters
    ----------
    value : anything; None gives "".

    Returns
    -------
    The cleaned string.

    Examples
    --------
    >>> clean_text("  Antony\\x00  Blinken\\n")
    'Antony Blinken'
    >>> clean_text(None)
    ''
    """
    if value is None:
        return ""
    text = _CONTROL.sub("", str(value))
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Return `text` lower-cased with accents removed (for comparing, never for display).

    Examples
    --------
    >>> fold("José Manuel ALBARES")
    'jose manuel albares'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def slugify(text: str) -> str:
    """Return the id fragment for `text`: folded, runs of other characters become "-".

    Examples
    --------
    >>> slugify("Taiwan Strait")
    'taiwan-strait'
    >>> slugify("Yōko  Kamikawa!")
    'yoko-kamikawa'
    """
    return _NON_ALNUM.sub("-", fold(text)).strip("-")


def clean_name(name: object) -> str:
    """Return the display form of a person's name: titles, honorifics and nicknames removed.

    A family name written in capitals before the given name ("KAMIKAWA Yoko") is moved last.

    Parameters
    ----------
    name : the name as a record gives it.

    Returns
    -------
    The cleaned name, or "" when nothing name-like is left.

    Examples
    --------
    >>> clean_name("Secretary of State Antony J. Blinken")
    'Antony J. Blinken'
    >>> clean_name("H.E. Mr. KAMIKAWA Yoko")
    'Yoko Kamikawa'
    >>> clean_name("Foreign Minister")
    ''
    >>> clean_name("King Abdullah II")
    'Abdullah II'
    """
    text = clean_text(name)
    text = _QUOTED.sub(" ", text)
    text = _SPACES.sub(" ", text).strip(" ,;:")
    words = text.split(" ")
    while words and words[0].strip(".,").lower() in TITLE_WORDS:
        words.pop(0)
    if not words or fold(" ".join(words)) in NOT_NAMES:
        return ""
    capitals = [i for i, w in enumerate(words) if len(w) > 1 and w.isupper() and w.isalpha()
                and not _ROMAN_NUMERAL.fullmatch(w)]  # "Abdullah II" has no capitalised family name
    if len(words) > 1 and len(capitals) == 1 and any(not w.isupper() for w in words):
        family = words.pop(capitals[0]).capitalize()
        words.append(family)
    return " ".join(words)


@lru_cache(maxsize=200_000)
def parse_name(name: str) -> NameParts | None:
    """Parse a person's name into folded given names and family name.

    Parameters
    ----------
    name : the name as a record gives it (titles are removed first).

    Returns
    -------
    The parts, or None when the name is empty once cleaned.

    Examples
    --------
    >>> parse_name("Blinken, Antony J.")
    NameParts(given=('antony', 'j'), family='blinken', display='Blinken, Antony J.')
    >>> parse_name("Secretary Blinken").family
    'blinken'
    >>> parse_name("Ursula von der Leyen").family
    'von der leyen'
    >>> parse_name("President") is None
    True
    """
    display = clean_name(name)
    if not display:
        return None
    words = display.split(" ")
    if len(words) > 1 and words[0].lower() in PARTICLES:
        # A family name with its particle and no given name ("von der Leyen").
        return NameParts(given=(), family=" ".join(_name_tokens(display)), display=display)
    parsed = HumanName(display)
    first = _name_tokens(parsed.first)
    middle = _name_tokens(parsed.middle)
    last = _name_tokens(parsed.last)
    if not last:
        # A single word ("Blinken", "Xi") is a family name.
        if not first:
            return None
        first, last = first[:-1], first[-1:]
    return NameParts(given=tuple(first + middle), family=" ".join(last), display=display)


def names_compatible(a: NameParts, b: NameParts) -> bool:
    """Return whether two parsed names can be one person (countries are checked elsewhere).

    Parameters
    ----------
    a, b : parsed names from `parse_name`.

    Returns
    -------
    True when the family names agree (or the token sets are equal, names in the other order)
    and the given names do not contradict each other.

    Examples
    --------
    >>> names_compatible(parse_name("Antony J. Blinken"), parse_name("A. Blinken"))
    True
    >>> names_compatible(parse_name("Antony Blinken"), parse_name("Donald Blinken"))
    False
    >>> names_compatible(parse_name("Kamikawa Yoko"), parse_name("Yoko Kamikawa"))
    True
    >>> names_compatible(parse_name("George H. W. Bush"), parse_name("George W. Bush"))
    False
    """
    if a.family != b.family:
        return a.tokens == b.tokens
    if not a.given or not b.given:
        return True
    if not _given_match(a.given[0], b.given[0]):
        return False
    ma, mb = a.given[1:], b.given[1:]
    if ma and mb:
        return len(ma) == len(mb) and all(_given_match(x, y) for x, y in zip(ma, mb))
    return True


def normalize_country(value: object) -> tuple[str, str | None]:
    """Return the country code for `value` and a warning when it had to be repaired or dropped.

    Valid codes are ISO 3166-1 alpha-3, former states of ISO 3166-3 (``SUN``, ``YUG``),
    user-assigned ``X..`` codes (``XKX`` for Kosovo), ``EUU``, ``UNO``, the bodies of
    `BODY_CODES` and upper-case names of four letters or more (``NATO``, ``ASEAN``). Country names and alpha-2 codes are repaired to alpha-3.

    Parameters
    ----------
    value : a code or name from a record; None or "" means unknown.

    Returns
    -------
    ``(code, warning)``: code is "" when unknown; warning is None when nothing was changed.

    Examples
    --------
    >>> normalize_country("JPN")
    ('JPN', None)
    >>> normalize_country("Japan")[0]
    'JPN'
    >>> normalize_country("NATO")
    ('NATO', None)
    >>> normalize_country("SUN"), normalize_country("XKX")[0]
    (('SUN', None), 'XKX')
    >>> normalize_country("QQZ")[0]
    ''
    """
    text = clean_text(value)
    if not text:
        return "", None
    code = _lookup_country(text)
    if code == text:
        return code, None
    if code:
        return code, f"country {text!r} repaired to {code!r}"
    return "", f"unknown country {text!r} dropped; use an ISO 3166-1 alpha-3 code such as 'USA'"


def country_name(code: str) -> str:
    """Return a readable name for a country code (the code itself when unknown).

    Examples
    --------
    >>> country_name("JPN")
    'Japan'
    >>> country_name("NATO")
    'NATO'
    """
    return _country_name(code)


def kind_family(kind: str) -> str:
    """Return the family of a meeting kind: "call" for calls, "meet" for everything else.

    Examples
    --------
    >>> kind_family("call"), kind_family("multilateral")
    ('call', 'meet')
    """
    return "call" if kind == "call" else "meet"


@dataclass
class _Signature:
    """One distinct (name, country) pair seen in the records, with its statistics."""

    parts: NameParts
    country: str
    count: int = 0
    spellings: Counter = field(default_factory=Counter)


@dataclass
class _Cluster:
    """A person: the signatures judged to be one individual."""

    rep: NameParts
    country: str
    members: list = field(default_factory=list)
    pid: str = ""


class PersonResolver:
    """Collect every mention of a person, then decide which mentions are one individual.

    Use `add` for every name (with its country when known), `resolve` once, then
    `person_id` to map a mention to its node id (``person:<slug>``).

    Parameters
    ----------
    aliases : optional mapping alias -> canonical name (for example ``{"Tony Blinken":
        "Antony Blinken"}``); matching ignores case, accents and titles.

    Examples
    --------
    >>> r = PersonResolver()
    >>> for name, country in [("Antony J. Blinken", "USA"), ("Secretary Blinken", ""),
    ...                       ("Antony Blinken", "USA"),
    ...                       ("Yoko Kamikawa", "JPN"), ("KAMIKAWA Yoko", "JPN")]:
    ...     _ = r.add(name, country)
    >>> r.resolve()
    []
    >>> r.person_id("Secretary Blinken", ""), r.person_id("KAMIKAWA Yoko", "JPN")
    ('person:antony-blinken', 'person:yoko-kamikawa')
    """

    def __init__(self, aliases: Mapping[str, str] | None = None):
        self._aliases = {_alias_key(k): v for k, v in (aliases or {}).items() if _alias_key(k)}
        self._signatures: dict[tuple, _Signature] = {}
        self._by_signature: dict[tuple, _Cluster] = {}
        self._clusters: list[_Cluster] = []
        self._resolved = False

    def add(self, name: str, country: str = "") -> bool:
        """Record one mention; return False when the name is empty once cleaned."""
        key = self._key(name, country)
        if key is None:
            return False
        sig = self._signatures.get(key)
        if sig is None:
            sig = self._signatures[key] = _Signature(parts=self._parts(name), country=country)
        sig.count += 1
        sig.spellings[clean_name(name)] += 1
        self._resolved = False
        return True

    def resolve(self) -> list[str]:
        """Cluster the mentions into people and assign ids; return warnings about ambiguity."""
        warnings: list[str] = []
        self._clusters, self._by_signature = [], {}
        by_family: dict[str, list[_Cluster]] = defaultdict(list)
        by_tokens: dict[frozenset, list[_Cluster]] = defaultdict(list)
        by_first: dict[str, list[_Cluster]] = defaultdict(list)
        order = sorted(
            self._signatures.items(),
            key=lambda kv: (
                tuple(-x for x in kv[1].parts.specificity),
                kv[1].country == "",
                -kv[1].count,
                kv[0],
            ),
        )
        for key, sig in order:
            parts = sig.parts
            candidates = by_family.get(parts.family, []) + by_tokens.get(parts.tokens, [])
            if not parts.given and not candidates:
                candidates = by_first.get(parts.family, [])
            fits: list[_Cluster] = []
            for c in candidates:
                if any(c is f for f in fits):
                    continue
                if (not sig.country or not c.country or sig.country == c.country) and (
                    names_compatible(parts, c.rep)
                    or (not parts.given and len(c.rep.given) == 1 and c.rep.given[0] == parts.family)
                ):
                    fits.append(c)
            if len(fits) == 1:
                target = fits[0]
                target.country = target.country or sig.country
            else:
                if len(fits) > 1:
                    names = sorted(f"{c.rep.display} ({c.country or '?'})" for c in fits)
                    warnings.append(
                        f"name {parts.display!r} ({sig.country or 'no country'}) fits several "
                        f"people: {', '.join(names)}; kept as a separate person"
                    )
                target = _Cluster(rep=parts, country=sig.country)
                self._clusters.append(target)
                by_family[parts.family].append(target)
                by_tokens[parts.tokens].append(target)
                if len(parts.given) == 1:
                    by_first[parts.given[0]].append(target)
            target.members.append(sig)
            self._by_signature[key] = target
        self._assign_ids()
        self._resolved = True
        return warnings

    def person_id(self, name: str, country: str = "") -> str | None:
        """Return the node id of the person a mention refers to (None for an empty name)."""
        if not self._resolved:
            raise RuntimeError("PersonResolver.resolve() must run before person_id()")
        key = self._key(name, country)
        if key is None:
            return None
        cluster = self._by_signature.get(key)
        if cluster is None:
            raise KeyError(f"name {name!r} ({country or 'no country'}) was never added")
        return cluster.pid

    def people(self) -> dict[str, dict]:
        """Return id -> {"name", "country", "spellings"} for every person found."""
        out = {}
        for c in self._clusters:
            spellings: Counter = Counter()
            for sig in c.members:
                spellings.update(sig.spellings)
            out[c.pid] = {
                "name": _display_name(c),
                "country": c.country,
                "spellings": sorted(spellings),
            }
        return out

    def _parts(self, name: str) -> NameParts | None:
        """Parse a name after replacing it through the alias table."""
        canonical = self._aliases.get(_alias_key(name))
        return parse_name(canonical if canonical else name)

    def _key(self, name: str, country: str) -> tuple | None:
        """Return the signature key of a mention, or None when the name is empty."""
        parts = self._parts(name)
        if parts is None:
            return None
        return (parts.given, parts.family, country or "")

    def _assign_ids(self) -> None:
        """Give each cluster a stable id; namesakes get their country, then a number."""
        by_slug: dict[str, list[_Cluster]] = defaultdict(list)
        for c in self._clusters:
            by_slug[slugify(_display_name(c)) or "unnamed"].append(c)
        for slug, group in by_slug.items():
            if len(group) == 1:
                group[0].pid = f"person:{slug}"
                continue
            group.sort(key=lambda c: (c.country, -sum(s.count for s in c.members), c.rep.given))
            seen: Counter = Counter()
            for c in group:
                base = f"person:{slug}-{c.country.lower()}" if c.country else f"person:{slug}"
                seen[base] += 1
                c.pid = base if seen[base] == 1 else f"{base}-{seen[base]}"


@dataclass(frozen=True)
class MeetingMention:
    """One meeting as one record tells it, reduced to what identity needs."""

    index: int
    participants: frozenset
    date: str | None
    kind: str
    published: str | None = None


def cluster_meetings(mentions: Iterable[MeetingMention]) -> list[list[int]]:
    """Group meeting mentions that tell the same meeting; return lists of mention indexes.

    Parameters
    ----------
    mentions : every meeting of every record, with resolved participant ids.

    Returns
    -------
    Clusters of ``MeetingMention.index`` values, in the order the clusters were formed
    (dated meetings by date first, then undated ones).

    Examples
    --------
    >>> m = [MeetingMention(0, frozenset({"a", "b"}), "2024-01-12", "in_person"),
    ...      MeetingMention(1, frozenset({"a", "b"}), "2024-01-13", "in_person"),
    ...      MeetingMention(2, frozenset({"a", "b"}), "2024-01-12", "call"),
    ...      MeetingMention(3, frozenset({"a", "b"}), "2024-03-01", "in_person"),
    ...      MeetingMention(4, frozenset({"a", "b", "c"}), None, "multilateral", "2024-03-02")]
    >>> cluster_meetings(m)
    [[0, 1], [2], [3, 4]]
    """
    clusters: list[dict] = []
    by_day: dict[tuple, list[int]] = defaultdict(list)
    by_person: dict[tuple, list[int]] = defaultdict(list)
    items = list(mentions)
    dated = sorted((m for m in items if m.date), key=lambda m: (m.date, m.index))
    undated = [m for m in items if not m.date]
    for m in dated:
        family, day = kind_family(m.kind), _to_date(m.date)
        seen: set[int] = set()
        fits = []
        for pid in m.participants:
            for delta in (-1, 0, 1):
                for ci in by_day.get((pid, family, day + _dt.timedelta(days=delta)), ()):
                    if ci not in seen:
                        seen.add(ci)
                        if _same_people(m.participants, clusters[ci]["people"]):
                            fits.append(ci)
        if fits:
            ci = max(fits, key=lambda i: (len(m.participants & clusters[i]["people"]), -i))
        else:
            ci = len(clusters)
            clusters.append({"members": [], "people": frozenset(), "family": family, "dates": set()})
        _join(clusters[ci], m, ci, day, by_day, by_person)
    for m in undated:
        family = kind_family(m.kind)
        pool = dict.fromkeys(ci for p in m.participants for ci in by_person.get((p, family), ()))
        fits = [
            ci
            for ci in pool
            if _same_people(m.participants, clusters[ci]["people"])
            and _undated_fits(m, clusters[ci])
        ]
        if len(fits) > 1:
            exact = [ci for ci in fits if clusters[ci]["people"] == m.participants]
            fits = exact if len(exact) == 1 else []
        if len(fits) == 1:
            ci = fits[0]
        else:
            ci = len(clusters)
            clusters.append({"members": [], "people": frozenset(), "family": family, "dates": set()})
        _join(clusters[ci], m, ci, None, by_day, by_person)
    return [c["members"] for c in clusters]


def _join(cluster: dict, m: MeetingMention, ci: int, day, by_day, by_person) -> None:
    """Add mention `m` to cluster `ci` and index the cluster under its people and dates."""
    cluster["members"].append(m.index)
    cluster["people"] = cluster["people"] | m.participants
    if m.published:
        cluster.setdefault("published", set()).add(m.published)
    if day is not None:
        cluster["dates"].add(day)
    indexed = cluster.setdefault("indexed", set())
    family = cluster["family"]
    for pid in cluster["people"]:
        if (pid, None) not in indexed:
            indexed.add((pid, None))
            by_person[(pid, family)].append(ci)
        for d in cluster["dates"]:
            if (pid, d) not in indexed:
                indexed.add((pid, d))
                by_day[(pid, family, d)].append(ci)


def _same_people(a: frozenset, b: frozenset) -> bool:
    """Equal participant sets, or one inside the other with at least two shared people."""
    if a == b:
        return bool(a)
    return (a <= b or b <= a) and len(a & b) >= 2


def _undated_fits(m: MeetingMention, cluster: dict) -> bool:
    """Whether an undated mention is consistent with a cluster's dates or publications."""
    if not m.published:
        return True
    pub = _to_date(m.published)
    if cluster["dates"]:
        return any(
            pub - _dt.timedelta(days=UNDATED_WINDOW_DAYS) <= d <= pub + _dt.timedelta(days=1)
            for d in cluster["dates"]
        )
    published = cluster.get("published", set())
    return not published or any(abs((_to_date(p) - pub).days) <= 1 for p in published)


@lru_cache(maxsize=100_000)
def _to_date(text: str) -> _dt.date:
    """Parse an ISO date (validated by the caller)."""
    return _dt.date.fromisoformat(text)


def _given_match(x: str, y: str) -> bool:
    """Two given names agree: equal, or one is the initial of the other."""
    if x == y:
        return True
    return (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


def _name_tokens(text: str) -> list[str]:
    """Fold a part of a name into tokens (hyphens and dots separate, apostrophes vanish)."""
    text = fold(text).replace("'", "").replace("’", "")
    return [t for t in re.split(r"[\s.\-]+", text) if t]


def _alias_key(name: str) -> str:
    """The alias-table key of a name: cleaned and folded."""
    return fold(clean_name(name))


def _display_name(cluster: _Cluster) -> str:
    """The name shown for a person: full given names, fewest initials, then the commonest.

    Preferring the form without middle initials keeps ids such as ``person:antony-blinken``
    stable when a later source adds "Antony J. Blinken".
    """
    best = max(s.parts.specificity[0] for s in cluster.members)
    ranked = []
    for s in cluster.members:
        if s.parts.specificity[0] == best:
            initials = sum(len(g) == 1 for g in s.parts.given)
            for spelling, count in s.spellings.items():
                ranked.append((initials, -count, spelling))
    name = min(ranked)[2]
    if "," in name:
        return _reorder_comma(name)
    return name


def _reorder_comma(name: str) -> str:
    """Turn "Family, Given" into "Given Family"."""
    family, _, given = name.partition(",")
    return f"{given.strip()} {family.strip()}".strip()


@lru_cache(maxsize=4096)
def _lookup_country(text: str) -> str:
    """Map a country code or name to a valid code, or "" when unknown."""
    import pycountry

    if text.upper() in BODY_CODES:
        return text.upper()
    if len(text) == 3 and text.isalpha() and text.isupper():
        # ISO 3166-1, former states of ISO 3166-3 (SUN, YUG, DDR), user-assigned X.. (XKX).
        known = pycountry.countries.get(alpha_3=text) or pycountry.historic_countries.get(
            alpha_3=text) or text.startswith("X")
        return text if known else ""
    alias = COUNTRY_ALIASES.get(text.lower())
    if alias:
        return alias
    if _BODY_CODE.match(text):
        return text
    try:
        return pycountry.countries.lookup(text).alpha_3
    except LookupError:
        return ""


@lru_cache(maxsize=4096)
def _country_name(code: str) -> str:
    """Readable name of a code: pycountry's common or official name, else the code."""
    import pycountry

    special = {"EUU": "European Union", "UNO": "United Nations"}
    if code in special:
        return special[code]
    entry = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    if entry is None and len(code) == 3:
        entry = pycountry.historic_countries.get(alpha_3=code)
    if entry is None:
        return code
    return getattr(entry, "common_name", None) or entry.name
