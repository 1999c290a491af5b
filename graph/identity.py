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
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping

from nameparser import HumanName
from rapidfuzz import fuzz

from extract.norm import countries as _countries
from extract.norm import names as _names
from extract.norm.text import fold

__all__ = [
    "NameParts",
    "PersonResolver",
    "alias_table",
    "MeetingMention",
    "clean_text",
    "fold",
    "slugify",
    "clean_name",
    "parse_name",
    "names_compatible",
    "could_be_same_person",
    "normalize_country",
    "country_name",
    "kind_family",
    "cluster_meetings",
]

#: Leading words dropped from a name besides the shared honorifics and styles
#: (``extract.norm.names``): offices and their connecting words.
OFFICE_WORDS = frozenset(
    """president vice prime minister ministers deputy foreign secretary state of for the general
    chancellor premier ambassador senator king queen prince princess emir amir crown chairman
    chairwoman chair chief envoy special representative spokesperson spokesman commissioner high
    external affairs defense defence first undersecretary under assistant counselor counsellor
    national security adviser advisor mayor governor pope cardinal gen col adm admiral colonel lt
    supreme leader sultan director head foreign-minister vice-president and interior finance trade
    economy""".split()
)

#: Names that are not people's names once titles are gone.
NOT_NAMES = frozenset({"", "unknown", "none", "null", "n/a", "anonymous"})

#: A family name alone joins a person seen at most this many years from its date.
SURNAME_GAP_YEARS = 8

#: A full name is compared with the people sharing its first word only when they are this few.
FIRST_NAME_CANDIDATES = 40

#: Days before publication in which an undated meeting is looked for.
UNDATED_WINDOW_DAYS = 7

_ORDINALS = {"2nd": "II", "3rd": "III", "4th": "IV"}
_ORDINAL_SUFFIX = re.compile(r"(?<=\s)(2nd|3rd|4th)$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SPACES = re.compile(r"\s+")
_ROMAN_NUMERAL = re.compile(r"[IVX]{1,5}")
_QUOTED = re.compile(r"[\"“”‘’«»]([^\"“”‘’«»]{1,30})[\"“”‘’«»]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


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
    if type(value) is str:
        if value.isprintable() and "  " not in value and value[:1] != " " and value[-1:] != " ":
            return value  # nothing to remove: every control character and every space but " " is unprintable
        text = _CONTROL.sub("", value)
    else:
        text = _CONTROL.sub("", str(value))
    return _SPACES.sub(" ", text).strip()


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
    return _clean_name(name) if isinstance(name, str) else _clean_name.__wrapped__(name)


@lru_cache(maxsize=200_000)
def _clean_name(name: object) -> str:
    """`clean_name`, remembered for strings (a corpus names the same people thousands of times)."""
    text = clean_text(name)
    text = _QUOTED.sub(" ", text)
    text = _SPACES.sub(" ", text).strip(" ,;:")
    words = _strip_titles(text.split(" "))
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
    display = _ORDINAL_SUFFIX.sub(lambda m: _ORDINALS[m.group(1).lower()], display)
    words = display.split(" ")
    if len(words) > 1 and _names.is_particle(words[0], leading=True):
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
    True when the family names agree (an Arabic article aside: "al-Assad" is "Assad"), or
    the token sets are equal (names in the other order), and the given names do not
    contradict each other.

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
    >>> names_compatible(parse_name("Assad"), parse_name("Hafez al-Assad"))
    True
    """
    if _core(a.family) != _core(b.family):
        return a.tokens == b.tokens
    if not a.given or not b.given:
        return True
    if not _given_match(a.given[0], b.given[0]):
        return False
    ma, mb = a.given[1:], b.given[1:]
    if ma and mb:
        return len(ma) == len(mb) and all(_given_match(x, y) for x, y in zip(ma, mb))
    return True


def could_be_same_person(a: str, b: str) -> bool:
    """Say whether two names of one country can be one person by identity's name rules.

    Beyond `names_compatible`: a close transliteration, a given name left out, a second
    family name left out (the rules the resolver applies within one country).

    Examples
    --------
    >>> could_be_same_person("Mohammed Nawaz Sharif", "Nawaz Sharif")
    True
    >>> could_be_same_person("Shintaro Abe", "Shinzo Abe")
    False
    """
    pa, pb = parse_name(a), parse_name(b)
    if pa is None or pb is None:
        return False
    return (names_compatible(pa, pb) or _close_spelling(pa, pb) or _fewer_given_names(pa, pb)
            or _first_of_two_surnames(pa, pb))


def normalize_country(value: object) -> tuple[str, str | None]:
    """Return the country code for `value` and a warning when it had to be repaired or dropped.

    The extractor's resolver (``extract.norm.countries.normalize_country``), so a name the
    extractor reads as a country ("Burma", "Cape Verde") is the same country here. Valid
    codes are ISO 3166-1 alpha-3, former states of ISO 3166-3 (``SUN``, ``YUG``),
    user-assigned ``X..`` codes (``XKX`` for Kosovo), the bodies of the country table
    (``EUU``, ``UNO``, ``NATO``...) and upper-case names of four letters or more. Country
    names and alpha-2 codes are repaired to alpha-3.

    Examples
    --------
    >>> normalize_country("JPN"), normalize_country("NATO")
    (('JPN', None), ('NATO', None))
    >>> normalize_country("Japan")[0], normalize_country("Burma")[0], normalize_country("QQZ")[0]
    ('JPN', 'MMR', '')
    """
    return _countries.normalize_country(clean_text(value))


def country_name(code: str) -> str:
    """Return a readable name for a country code (the code itself when unknown).

    The name the extractor's records give (``extract.norm.countries.country_label``).

    Examples
    --------
    >>> country_name("JPN"), country_name("RUS"), country_name("NATO")
    ('Japan', 'Russia', 'NATO')
    """
    return _countries.country_label(code)


def kind_family(kind: str) -> str:
    """Return the family of a meeting kind: "call" for calls, "meet" for everything else.

    Examples
    --------
    >>> kind_family("call"), kind_family("multilateral")
    ('call', 'meet')
    """
    return "call" if kind == "call" else "meet"


@dataclass(eq=False)
class _Signature:
    """One distinct mention key seen in the records, with its statistics.

    The key is the dictionary entry (``actor``) when the record names one, else the parsed
    name and country, plus the year for a family name alone (its holder depends on the date).
    """

    parts: NameParts
    country: str
    actor: str = ""
    count: int = 0
    spellings: Counter = field(default_factory=Counter)
    years: Counter = field(default_factory=Counter)
    reason: str = ""
    warning: str = ""  # what resolving it warned about (a name that fits several people)

    def forms(self) -> list[NameParts]:
        """The parsed names this mention key stands for: its own, and for a dictionary
        entry every spelling the records used for it."""
        if not self.actor:
            return [self.parts]
        out = [self.parts]
        for spelling in self.spellings:
            parsed = parse_name(spelling)
            if parsed is not None and parsed not in out:
                out.append(parsed)
        return out


@dataclass(eq=False)
class _Cluster:
    """A person: the signatures judged to be one individual."""

    rep: NameParts
    country: str
    members: list = field(default_factory=list)
    pid: str = ""
    actor: str = ""
    years: set = field(default_factory=set)
    kept: str = ""  # the person id it had, when `resolve` kept it whole (see its `keep`)


class PersonResolver:
    """Collect every mention of a person, then decide which mentions are one individual.

    Use `add` for every name (with its country when known, the dictionary entry the record
    names, the date of the meeting or document), `resolve` once, then `person_id` to map a
    mention to its node id (``person:<slug>``) and `people` for each person's names and the
    reason each was joined.

    Evidence, strongest first: the record's dictionary entry (``actor``: two entries are
    never one person, whatever their names); a user's correction (`corrections`); the same
    full name, or a variant of it (initials, name order, a close transliteration of the given
    name in the same country); a family name alone joins the person of that country whose
    dated mentions are nearest in time (within `SURNAME_GAP_YEARS`), so "President Kenyatta"
    of 1970 is not Uhuru Kenyatta of 2014. A country read from the place of a meeting
    (``weak_country``) is not evidence.

    Parameters
    ----------
    aliases : optional mapping alias -> canonical name (for example ``{"Tony Blinken":
        "Antony Blinken"}``); matching ignores case, accents and titles.
    corrections : optional ``(name_a, name_b, "same" | "different")`` triples (see
        ``graph.corrections``); they override every other evidence.

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
    >>> r = PersonResolver()
    >>> for name, on in [("Uhuru Kenyatta", "2014-10-01"), ("Kenyatta", "1970-05-01"), ("Kenyatta", "2018-02-01")]:
    ...     _ = r.add(name, "KEN", on=on)
    >>> _ = r.resolve()
    >>> r.person_id("Kenyatta", "KEN", on="1970-05-01"), r.person_id("Kenyatta", "KEN", on="2018-02-01")
    ('person:kenyatta', 'person:uhuru-kenyatta')
    """

    def __init__(self, aliases: Mapping[str, str] | None = None,
                 corrections: Iterable[tuple[str, str, str]] = (), *, folded: Mapping[str, str] | None = None):
        # `folded`: `alias_table(aliases)` made earlier (the incremental graph keeps it between builds)
        self._aliases = dict(folded) if folded is not None else alias_table(aliases)
        self._corrections = [tuple(c) for c in corrections]
        self._name_parts: dict[str, NameParts | None] = {}  # name -> its parts through the alias table
        self._actor_keys: dict[str, tuple | None] = {}  # actor -> its signature key (None: not a name)
        self._keys: dict[tuple, tuple] = {}  # each signature key once: the keys of a corpus's mentions share them
        self._signatures: dict[tuple, _Signature] = {}
        self._by_signature: dict[tuple, _Cluster] = {}
        self._clusters: list[_Cluster] = []
        self._resolved = False

    def add(self, name: str, country: str = "", *, actor: str = "", on: str = "",
            weak_country: bool = False) -> bool:
        """Record one mention; return False when the name is empty once cleaned.

        Parameters
        ----------
        name : the name as the record writes it.
        country : its country code ("" if unknown).
        actor : the actor dictionary entry the record names for it, if any.
        on : the date of the meeting or document (YYYY-MM-DD), if known.
        weak_country : the country was read from the place of the meeting, not the person.
        """
        key = self._key(name, country, actor, on, weak_country)
        if key is None:
            return False
        sig = self._signatures.get(key)
        if sig is None:
            parts = parse_name(actor) if key[0] == "actor" else self._parts(name)
            sig = self._signatures[key] = _Signature(
                parts=parts, country="" if weak_country else country, actor=actor if key[0] == "actor" else "")
        elif key[0] == "actor" and not sig.country and country and not weak_country:
            sig.country = country
        sig.count += 1
        sig.spellings[clean_name(name)] += 1
        if on[:4].isdigit():
            sig.years[_when(on)] += 1
        self._resolved = False
        return True

    def resolve(self, *, keep: Mapping[tuple, str] | None = None,
                before: Mapping[str, Mapping] | None = None) -> list[str]:
        """Cluster the mentions into people and assign ids; return warnings about ambiguity.

        `keep` (for incremental builds) maps signature keys to the person id an earlier
        resolve gave them, for keys that no change can reach: those rejoin that person as
        they stand (with their reasons and warnings) without being compared with anyone.
        It must hold whole groups of keys that look each other up (see
        ``graph.incremental``) and is ignored when there are corrections. `before` is what
        `people` gave then (person id -> {"name": ...}): a person kept whole keeps their
        name, which is not worked out again from their spellings.
        """
        warnings: list[str] = []
        if self._corrections:
            keep = None
        kept: dict[str, _Cluster] = {}
        self._clusters, self._by_signature = [], {}
        by_family: dict[str, list[_Cluster]] = defaultdict(list)
        by_tokens: dict[frozenset, list[_Cluster]] = defaultdict(list)
        by_first: dict[str, list[_Cluster]] = defaultdict(list)
        by_later: dict[str, list[_Cluster]] = defaultdict(list)
        filed: set = set()  # (index, entry, cluster) of each cluster filed, by ids (clusters live to the end)
        order = sorted(
            self._signatures.items(),
            key=lambda kv: (
                not kv[1].actor,
                tuple(-x for x in kv[1].parts.specificity),
                kv[1].country == "",
                min(kv[1].years) if kv[1].years and not kv[1].parts.given else 0,
                -kv[1].count,
                kv[0],
            ),
        )
        for key, sig in order:
            if keep is not None and key in keep:
                target = kept.get(keep[key])
                if target is None:
                    target = kept[keep[key]] = _Cluster(rep=sig.parts, country=sig.country, actor=sig.actor,
                                                        kept=keep[key])
                    self._clusters.append(target)
                else:
                    target.country = target.country or sig.country
                target.members.append(sig)
                target.years.update(sig.years)
                if sig.warning:
                    warnings.append(sig.warning)
                self._by_signature[key] = target
                continue
            parts = sig.parts
            fits: list[_Cluster] = []
            if not sig.actor:
                candidates = (by_family.get(_core(parts.family), []) + by_tokens.get(parts.tokens, [])
                              + by_later.get(parts.family, []))  # "Arias" in "Oscar Arias Sanchez"
                for later in parts.given[1:]:
                    candidates += by_family.get(later, [])
                if not parts.given:
                    candidates = candidates + by_first.get(parts.family, [])
                elif len(by_first.get(parts.given[0], ())) <= FIRST_NAME_CANDIDATES:
                    candidates = candidates + by_first.get(parts.given[0], [])  # "Xi Jingping" / "Xi Jinping"
                tried: set = set()  # a cluster filed under several of these entries is compared once
                for c in candidates:
                    if id(c) not in tried:
                        tried.add(id(c))
                        if _fits(sig, c):
                            fits.append(c)
            reason = "dictionary entry" if sig.actor else ""
            sig.warning = ""
            if len(fits) > 1 and not parts.given and sig.years:
                fits, reason = _nearest_in_time(sig, fits)
            if len(fits) == 1 and not parts.given and sig.years and fits[0].years:
                if _gap(sig.years, fits[0].years) > SURNAME_GAP_YEARS:
                    span = f"{int(min(fits[0].years))}-{int(max(fits[0].years))}"
                    fits, reason = [], (f"kept apart: {fits[0].rep.display} is seen {span}, "
                                        f"more than {SURNAME_GAP_YEARS} years away")
            if len(fits) == 1:
                target = fits[0]
                target.country = target.country or sig.country
                sig.reason = reason or _join_reason(sig, target)
            else:
                if len(fits) > 1:
                    names = sorted(f"{c.rep.display} ({c.country or '?'})" for c in fits)
                    sig.warning = (f"name {parts.display!r} ({sig.country or 'no country'}) fits several "
                                   f"people: {', '.join(names)}; kept as a separate person")
                    warnings.append(sig.warning)
                    reason = "kept apart: fits several people"
                target = _Cluster(rep=parts, country=sig.country, actor=sig.actor)
                sig.reason = reason or "first mention"
                self._clusters.append(target)
            target.members.append(sig)
            target.years.update(sig.years)
            for form in sig.forms():  # each cluster filed once under an entry (`filed`: a common family
                entries = [(by_family, _core(form.family)), (by_tokens, form.tokens)]  # name files hundreds)
                if form.given:
                    entries.append((by_first, form.given[0]))
                entries.extend((by_later, later) for later in form.given[1:] if len(later) > 1)
                for index, value in entries:
                    mark = (id(index), value, id(target))
                    if mark not in filed:
                        filed.add(mark)
                        index[value].append(target)
            self._by_signature[key] = target
        warnings.extend(self._apply_corrections())
        self._assign_ids(before if keep is not None else None)
        self._resolved = True
        return warnings

    def person_id(self, name: str, country: str = "", *, actor: str = "", on: str = "",
                  weak_country: bool = False) -> str | None:
        """Return the node id of the person a mention refers to (None for an empty name).

        Pass the same arguments as to `add`.
        """
        if not self._resolved:
            raise RuntimeError("PersonResolver.resolve() must run before person_id()")
        key = self._key(name, country, actor, on, weak_country)
        if key is None:
            return None
        cluster = self._by_signature.get(key)
        if cluster is None:
            raise KeyError(f"name {name!r} ({country or 'no country'}) was never added")
        return cluster.pid

    def people(self, *, before: Mapping[str, dict] | None = None) -> dict[str, dict]:
        """Return id -> {"name", "country", "spellings", "reasons"} for every person found.

        ``reasons`` lists, for each distinct mention key, its spellings, country, years,
        number of mentions and why it was joined to this person (or kept apart from others).
        `before` (for incremental builds) is what this gave before the change: a person that
        `resolve` kept whole under the same id is taken from it as it stands (the same
        signatures give the same entry).
        """
        out = {}
        for c in self._clusters:
            if before is not None and c.kept and c.kept == c.pid and c.pid in before:
                out[c.pid] = before[c.pid]
                continue
            spellings: Counter = Counter()
            reasons = []
            for sig in c.members:
                spellings.update(sig.spellings)
                reasons.append({
                    "names": sorted(sig.spellings), "country": sig.country, "mentions": sig.count,
                    "years": [int(min(sig.years)), int(max(sig.years))] if sig.years else [],
                    "reason": sig.reason + (f" {sig.actor!r}" if sig.actor else ""),
                })
            out[c.pid] = {
                "name": _display_name(c),
                "country": c.country,
                "spellings": sorted(spellings),
                "reasons": reasons,
            }
        return out

    def _parts(self, name: str) -> NameParts | None:
        """Parse a name after replacing it through the alias table (remembered per name: a
        corpus names the same people thousands of times, and every mention is looked up thrice)."""
        if type(name) is not str:
            canonical = self._aliases.get(_alias_key(name))
            return parse_name(canonical if canonical else name)
        try:
            return self._name_parts[name]
        except KeyError:
            canonical = self._aliases.get(_alias_key(name))
            parts = self._name_parts[name] = parse_name(canonical if canonical else name)
            return parts

    def _actor_key(self, actor: str) -> tuple | None:
        """The signature key of a dictionary entry; None when its name is no name (remembered)."""
        try:
            return self._actor_keys[actor]
        except KeyError:
            key = self._actor_keys[actor] = ("actor", _alias_key(actor)) if parse_name(actor) is not None else None
            return key
        except TypeError:  # not hashable: not remembered
            return ("actor", _alias_key(actor)) if parse_name(actor) is not None else None

    def _key(self, name: str, country: str, actor: str = "", on: str = "",
             weak_country: bool = False) -> tuple | None:
        """Return the signature key of a mention, or None when the name is empty."""
        parts = self._parts(name)
        if parts is None:
            return None
        if actor:
            entry = self._actor_key(actor)
            if entry is not None:
                return entry
        year = on[:7] if not parts.given and on[:4].isdigit() else ""
        key = (parts.given, parts.family, "" if weak_country else (country or ""), year)
        return self._keys.setdefault(key, key)

    def _apply_corrections(self) -> list[str]:
        """Apply the user's same/different pairs to the clusters; return warnings."""
        notes = []
        for a, b, relation in self._corrections:
            found_a, found_b = self._matching(a), self._matching(b)
            missing = [n for n, f in ((a, found_a), (b, found_b)) if not f]
            if missing:
                notes.append(f"correction {a!r} {relation} {b!r}: no person is named "
                             f"{' or '.join(map(repr, missing))}; check the spelling against 'diplograph query person'")
                continue
            if relation == "same":
                target = found_a[0][0]
                for cluster, _ in found_a[1:] + found_b:
                    if cluster is target or not any(cluster is c for c in self._clusters):
                        continue
                    for sig in cluster.members:
                        sig.reason = f"user correction: same as {a!r}"
                        target.members.append(sig)
                    target.years.update(cluster.years)
                    target.country = target.country or cluster.country
                    self._clusters = [c for c in self._clusters if c is not cluster]
                    for key, c in list(self._by_signature.items()):
                        if c is cluster:
                            self._by_signature[key] = target
            else:
                clusters_a = {id(c) for c, _ in found_a}
                for cluster, sigs in found_b:
                    if id(cluster) not in clusters_a:
                        continue
                    moved = sigs
                    rest = [s for s in cluster.members if all(s is not m for m in moved)]
                    if not rest:
                        continue
                    cluster.members = rest
                    new = _Cluster(rep=moved[0].parts, country=moved[0].country, actor=moved[0].actor)
                    for sig in moved:
                        sig.reason = f"user correction: different from {a!r}"
                        new.members.append(sig)
                        new.years.update(sig.years)
                    self._clusters.append(new)
                    for key, sig in self._signatures.items():
                        if any(sig is m for m in moved):
                            self._by_signature[key] = new
        return notes

    def _matching(self, name: str) -> list[tuple[_Cluster, list[_Signature]]]:
        """The clusters with a mention spelled `name` (or that dictionary entry), with those mentions."""
        wanted = _alias_key(name)
        out = []
        for c in self._clusters:
            sigs = [s for s in c.members
                    if (s.actor and _alias_key(s.actor) == wanted)
                    or any(_alias_key(sp) == wanted for sp in s.spellings)]
            if sigs:
                out.append((c, sigs))
        return out

    def _assign_ids(self, before: Mapping[str, Mapping] | None = None) -> None:
        """Give each cluster a stable id; namesakes get their country, then a number. A cluster
        kept whole from an earlier resolve takes its name from `before` (see `resolve`)."""
        by_slug: dict[str, list[_Cluster]] = defaultdict(list)
        for c in self._clusters:
            known = before.get(c.kept) if before and c.kept else None
            by_slug[slugify(known["name"] if known else _display_name(c)) or "unnamed"].append(c)
        for slug, group in by_slug.items():
            if len(group) == 1:
                group[0].pid = f"person:{slug}"
                continue
            group.sort(key=lambda c: (c.country, -sum(s.count for s in c.members), c.rep.given,
                                      min(c.years) if c.years else 0))
            seen: Counter = Counter()
            for c in group:
                base = f"person:{slug}-{c.country.lower()}" if c.country else f"person:{slug}"
                seen[base] += 1
                c.pid = base if seen[base] == 1 else f"{base}-{seen[base]}"


def _fits(sig: _Signature, cluster: _Cluster) -> bool:
    """Whether a mention can be the person of `cluster`: countries agree, the name fits one
    of the cluster's names and contradicts none of its full names."""
    if sig.country and cluster.country and sig.country != cluster.country:
        return False
    parts, same_country = sig.parts, bool(sig.country and sig.country == cluster.country)
    fitting = False
    for member in cluster.members:
        member_fits = False
        for other in member.forms():
            if (names_compatible(parts, other)
                    or (not parts.given and other.given and other.given[0] == parts.family
                        and (len(other.given) == 1 or same_country))  # family name written first
                    or (same_country and (_close_spelling(parts, other) or _fewer_given_names(parts, other)
                                          or _first_of_two_surnames(parts, other)))):
                member_fits = True
                break
        if member_fits:
            fitting = True
        elif (parts.given and member.parts.given and not member.actor
              and not any(_close_spelling(parts, other) or _fewer_given_names(parts, other) for other in member.forms())):
            return False  # contradicts a full name of the person (a dictionary entry has many)
    return fitting


def _close_spelling(a: NameParts, b: NameParts) -> bool:
    """Two full names that differ by a transliteration: the same number of words, each pair
    equal or alike (same initial, at least 75% alike, longer than three letters; 85% for the
    family name), at least one pair equal ("Binyamin"/"Benjamin Netanyahu", "Dimitry"/"Dmitry
    Medvedev", "Xi Jingping"/"Xi Jinping"; not "Tony"/"Antony", a nickname for the alias table)."""
    if not a.given or not b.given:
        return False
    wa, wb = list(a.given) + _core(a.family).split(), list(b.given) + _core(b.family).split()
    if len(wa) != len(wb) or wa == wb:
        return len(wa) == len(wb) and wa == wb
    family_at = len(a.given)
    same = 0
    for i, (x, y) in enumerate(zip(wa, wb)):
        if x == y:
            same += 1
        elif not (len(x) > 3 and len(y) > 3 and x[0] == y[0] and fuzz.ratio(x, y) >= (85 if i >= family_at else 75)):
            return False
    return same > 0


def _fewer_given_names(a: NameParts, b: NameParts) -> bool:
    """One full name is the other with given names left out ("Fredrik Reinfeldt", "John
    Fredrik Reinfeldt"; "Daniel arap Moi", "Daniel T. arap Moi"), neither shorter form using
    initials ("George W. Bush" is not "George H. W. Bush")."""
    if _core(a.family) != _core(b.family) or not a.given or not b.given or len(a.given) == len(b.given):
        return False
    short, long_ = (a, b) if len(a.given) < len(b.given) else (b, a)
    if any(len(g) == 1 for g in short.given):
        return False
    return set(short.given) < set(long_.given)


def _first_of_two_surnames(a: NameParts, b: NameParts) -> bool:
    """One name is the other without its second family name, as Spanish and Portuguese names
    are often shortened ("Oscar Arias" of "Oscar Arias Sanchez"; "Frei" of "Eduardo Frei
    Ruiz-Tagle"): the shorter name's family name is a later given name of the longer one."""
    short, long_ = (a, b) if len(a.tokens) < len(b.tokens) else (b, a)
    if len(long_.given) < 2 or short.family not in long_.given[1:]:
        return False
    if not short.given:
        return True
    return short.given[0] == long_.given[0] and short.tokens < long_.tokens


def _core(family: str) -> str:
    """The family name without a leading Arabic article ("al sisi", "el sisi" -> "sisi")."""
    words = family.split()
    while len(words) > 1 and words[0] in ("al", "el"):
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=100_000)
def _when(on: str) -> float:
    """A date as a fractional year (1977-07-02 is about 1977.5); a bare year is its start."""
    try:
        day = _dt.date.fromisoformat(on[:10])
    except ValueError:
        return float(on[:4])
    return day.year + (day.timetuple().tm_yday - 1) / 366


def _gap(years: Iterable[float], span: Iterable[float]) -> float:
    """Years between a mention's dates and a person's span of dates (0 when inside)."""
    lo, hi = min(span), max(span)
    return min(0 if lo <= y <= hi else min(abs(y - lo), abs(y - hi)) for y in years)


def _nearest_in_time(sig: _Signature, fits: list[_Cluster]) -> tuple[list[_Cluster], str]:
    """Among several people a family name fits, the one seen nearest the mention's date."""
    dated = [(_gap(sig.years, c.years), c) for c in fits if c.years]
    if not dated:
        return fits, ""
    best = min(g for g, _ in dated)
    nearest = [c for g, c in dated if g == best]
    if len(nearest) > 1:  # a person known by full name before another known by family name only
        named = [c for c in nearest if any(m.parts.given for m in c.members)]
        nearest = named if named else nearest
    if len(nearest) == 1 and best <= SURNAME_GAP_YEARS:
        return nearest, "family name, country and date (the person seen nearest in time)"
    return fits, ""


def _join_reason(sig: _Signature, cluster: _Cluster) -> str:
    """Why a mention was joined to a person, in words."""
    parts = sig.parts
    if not parts.given:
        evidence = ["family name"] + (["country"] if sig.country else []) + (["date"] if sig.years else [])
        return ", ".join(evidence[:-1]) + " and " + evidence[-1] if len(evidence) > 1 else evidence[0]
    for member in cluster.members:
        if member is sig:
            continue
        if member.parts.tokens == parts.tokens:
            return "same full name"
        if names_compatible(parts, member.parts):
            return "same name with initials or middle names"
    return "close spelling of the same name in the same country"


@dataclass(frozen=True, slots=True)
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
    clusters: list[_MeetingCluster] = []
    by_day: dict[tuple, list[int]] = defaultdict(list)
    by_person: dict[tuple, list[int]] = defaultdict(list)
    items = list(mentions)
    dated = sorted((m for m in items if m.date), key=lambda m: (m.date, m.index))
    undated = [m for m in items if not m.date]
    one_day = _dt.timedelta(days=1)
    for m in dated:
        family, day = kind_family(m.kind), _to_date(m.date)
        days = (day - one_day, day, day + one_day)
        seen: set[int] = set()
        fits = []
        for pid in m.participants:
            for near in days:
                for ci in by_day.get((pid, family, near), ()):
                    if ci not in seen:
                        seen.add(ci)
                        if _same_people(m.participants, clusters[ci].people):
                            fits.append(ci)
        if fits:
            ci = max(fits, key=lambda i: (len(m.participants & clusters[i].people), -i))
        else:
            ci = len(clusters)
            clusters.append(_MeetingCluster(family))
        _join(clusters[ci], m, ci, day, by_day, by_person)
    for m in undated:
        family = kind_family(m.kind)
        pool = dict.fromkeys(ci for p in m.participants for ci in by_person.get((p, family), ()))
        fits = [
            ci
            for ci in pool
            if _same_people(m.participants, clusters[ci].people)
            and _undated_fits(m, clusters[ci])
        ]
        if len(fits) > 1:
            exact = [ci for ci in fits if clusters[ci].people == m.participants]
            fits = exact if len(exact) == 1 else []
        if len(fits) == 1:
            ci = fits[0]
        else:
            ci = len(clusters)
            clusters.append(_MeetingCluster(family))
        _join(clusters[ci], m, ci, None, by_day, by_person)
    return [c.members for c in clusters]


class _MeetingCluster:
    """The mentions of one meeting so far: their indexes, people, kind family, dates and publications."""

    __slots__ = ("members", "people", "family", "dates", "published")

    def __init__(self, family: str):
        self.members: list[int] = []
        self.people: frozenset = frozenset()
        self.family = family
        self.dates: list[_dt.date] = []  # distinct, in the order seen
        self.published: list[str] = []  # distinct, in the order seen


def _join(cluster: _MeetingCluster, m: MeetingMention, ci: int, day, by_day, by_person) -> None:
    """Add mention `m` to cluster `ci` and index the cluster under its new people and dates
    (each person once by kind family, each person and date once by day)."""
    cluster.members.append(m.index)
    before = cluster.people
    newcomers = m.participants - before
    if newcomers:
        cluster.people = before | m.participants if before else m.participants
    if m.published and m.published not in cluster.published:
        cluster.published.append(m.published)
    new_day = day is not None and day not in cluster.dates
    if new_day:
        cluster.dates.append(day)
    family = cluster.family
    for pid in newcomers:
        by_person[(pid, family)].append(ci)
        for d in cluster.dates:
            by_day[(pid, family, d)].append(ci)
    if new_day:
        for pid in before:
            by_day[(pid, family, day)].append(ci)


def _same_people(a: frozenset, b: frozenset) -> bool:
    """Equal participant sets, or one inside the other with at least two shared people."""
    if a == b:
        return bool(a)
    return (a <= b or b <= a) and len(a & b) >= 2


def _undated_fits(m: MeetingMention, cluster: _MeetingCluster) -> bool:
    """Whether an undated mention is consistent with a cluster's dates or publications."""
    if not m.published:
        return True
    pub = _to_date(m.published)
    if cluster.dates:
        return any(
            pub - _dt.timedelta(days=UNDATED_WINDOW_DAYS) <= d <= pub + _dt.timedelta(days=1)
            for d in cluster.dates
        )
    published = cluster.published
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


def alias_table(aliases: Mapping[str, str] | None) -> dict[str, str]:
    """The alias table as `PersonResolver` looks names up in it: each alias cleaned and folded.

    Parameters
    ----------
    aliases : mapping alias -> canonical name, or None.

    Returns
    -------
    A dict from folded alias to canonical name; aliases with no name left once cleaned are dropped.

    Examples
    --------
    >>> alias_table({"Secretary Tony Blinken": "Antony Blinken", "Minister": "X"})
    {'tony blinken': 'Antony Blinken'}
    """
    return {key: v for k, v in (aliases or {}).items() if (key := _alias_key(k))}


def _alias_key(name: str) -> str:
    """The alias-table key of a name: cleaned and folded."""
    return fold(clean_name(name))


def _display_name(cluster: _Cluster) -> str:
    """The name shown for a person: the dictionary entry's, else full given names, fewest
    initials, then the commonest.

    Preferring the form without middle initials keeps ids such as ``person:antony-blinken``
    stable when a later source adds "Antony J. Blinken".
    """
    actors = Counter()
    for s in cluster.members:
        if s.actor:
            actors[s.actor] += s.count
    if actors:
        return min(actors, key=lambda a: (-actors[a], a))
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


def _strip_titles(words: list[str]) -> list[str]:
    """`words` without the leading honorifics, styles and office words ("H.E. Mr. Foreign Minister")."""
    words = list(words)
    while words:
        n = _names.leading_honorifics([w.strip(",") for w in words], styles=True)
        if n:
            del words[:n]
        elif words[0].strip(".,").lower() in OFFICE_WORDS:
            words.pop(0)
        else:
            break
    return words


def _reorder_comma(name: str) -> str:
    """Turn "Family, Given" into "Given Family"."""
    family, _, given = name.partition(",")
    return f"{given.strip()} {family.strip()}".strip()
