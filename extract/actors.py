"""The actor dictionary: who held which office, for which country, and when.

The dictionary is every ``extract/resources/actors*.csv`` file shipped in the package
(``actors.csv`` first, then the others by name; rows that repeat one person's term in one
office are merged, their aliases and sources joined), extended by users with files of their
own (same columns; a user row with the same name, country and title replaces the bundled rows
for that office). Dates are ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; an optional ``sources``
column says where a row's facts come from. It answers "who is 'Blinken' on 2024-01-12?"
by name, alias, bare family name or family-name-first form, ignoring case, accents,
honorifics, dots and middle initials.

It does not find names in text (the officials component does, using `names` and
`surnames`), and it never guesses: when two different people are equally plausible,
`ActorDictionary.resolve` returns None.
"""

from __future__ import annotations

import pickle
import re
from calendar import monthrange
from dataclasses import dataclass, field, replace
from datetime import date
from fnmatch import fnmatch
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator


from extract.errors import ActorFileError
from extract.norm import names as _names
from extract.norm.countries import is_country_code
from extract.norm.text import fold, strip_accents
from extract.tablefiles import csv_rows, file_keys, read_table_texts

__all__ = [
    "Actor",
    "ActorDictionary",
    "ACTOR_COLUMNS",
    "BODY_CODES",
    "BUNDLED_ACTORS",
    "BUNDLED_PATTERN",
    "SOURCES_COLUMN",
    "alias_table_key",
    "preload_dictionary_cache",
    "save_dictionary_cache",
    "bundled_actor_files",
    "read_actor_files",
    "normalize_name",
]

#: Columns an actor file must have, in any order (extra columns are ignored).
ACTOR_COLUMNS = ("name", "aliases", "country", "title", "from", "to")

#: An optional column: where the row's facts come from (';'-separated).
SOURCES_COLUMN = "sources"

#: Codes accepted in the country column besides ISO 3166-1 alpha-3: the country table's bodies (one owner).
from .countries import BODY_CODES as _TABLE_BODIES  # noqa: E402

BODY_CODES = _TABLE_BODIES | {"XKX"}  # Kosovo has no ISO 3166-1 code yet

#: The first bundled dictionary file; every ``actors*.csv`` beside it is read too.
BUNDLED_ACTORS = "actors.csv"

#: The pattern of bundled dictionary files.
BUNDLED_PATTERN = "actors*.csv"

#: Words of address dropped before matching besides the shared honorifics and styles
#: (``extract.norm.names``): a bare "the" ("the Hon. ...").
_ADDRESS_WORDS = frozenset({"the"})

#: Leading title words dropped when a name with its title finds nothing ("President Biden").
_TITLE_WORDS = frozenset(
    {
        "president", "vice", "prime", "minister", "foreign", "secretary", "of", "state",
        "chancellor", "premier", "king", "queen", "emir", "amir", "crown", "prince",
        "general", "high", "representative", "external", "affairs", "for", "deputy",
        "acting", "former", "chairman", "chairperson", "chair", "commission",
        "council", "european", "supreme", "leader", "sultan",
    }
)

#: Countries whose names are written family name first and whose people are called by
#: that family name ("Xi Jinping" is "Xi"); Singapore's three-word names are handled apart.
_FAMILY_FIRST = _names.FAMILY_FIRST - _names.LAST_WORD_COUNTRIES


#: Apostrophes, dropped inside names ("O'Rourke" == "ORourke").
_APOSTROPHES = str.maketrans({c: "" for c in "'’‘`ʼʻ"})

#: Alternative spellings of a title mapped to the canonical one used in the dictionary.
_TITLE_SYNONYMS = {
    "minister of foreign affairs": "foreign minister",
    "minister for foreign affairs": "foreign minister",
    "foreign affairs minister": "foreign minister",
    "minister of external affairs": "external affairs minister",
    "secretary of state for foreign affairs": "foreign secretary",
    "secretary general": "secretary-general",
    "chair of the african union commission": "chairperson of the african union commission",
    "african union commission chairperson": "chairperson of the african union commission",
    "minister of international relations and cooperation": "foreign minister",
    "secretary of foreign affairs": "foreign secretary",
    "foreign affairs secretary": "foreign secretary",
    "european commission president": "president of the european commission",
    "commission president": "president of the european commission",
    "european council president": "president of the european council",
    "eu foreign policy chief": "high representative",
    "un secretary-general": "secretary-general",
    "nato secretary-general": "secretary-general",
}

#: Titles treated as the same office when filtering ("Foreign Minister" finds Blinken).
_TITLE_FAMILIES = (
    frozenset({"foreign minister", "secretary of state", "external affairs minister", "foreign secretary"}),
    frozenset({"prime minister", "premier", "chancellor"}),
    frozenset(
        {"president", "president of the european commission", "president of the european council"}
    ),
)

#: A possessive ending ("Biden's"), dropped before matching.
_POSSESSIVE_RE = re.compile(r"['’ʼ]s\b", re.IGNORECASE)

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# Match levels, best first.
_EXACT, _LOOSE, _REORDERED, _SURNAME = 0, 1, 2, 3


@dataclass(frozen=True)
class Actor:
    """One person in one office: a row of the actor dictionary.

    A person who held two offices (or the same office twice) has one `Actor` per term.

    Examples
    --------
    >>> a = Actor("Antony Blinken", ("Tony Blinken",), "USA", "Secretary of State",
    ...           date(2021, 1, 26), date(2025, 1, 20))
    >>> a.in_office(date(2024, 1, 12)), a.in_office(date(2020, 1, 1))
    (True, False)
    """

    name: str
    aliases: tuple[str, ...]
    country: str
    title: str
    start: date | None
    end: date | None
    sources: tuple[str, ...] = field(default=(), compare=False)

    def in_office(self, on: date | None) -> bool:
        """Say whether this person held this office on a day.

        Parameters
        ----------
        on : the day to check; None means "now", i.e. the term has no end date.

        Returns
        -------
        True if `start` <= `on` <= `end`, an unknown start or end counting as open.
        The last day of a term counts as in office (handovers share the day).

        Examples
        --------
        >>> Actor("X Y", (), "USA", "President", date(2021, 1, 20), None).in_office(None)
        True
        >>> Actor("X Y", (), "USA", "President", None, date(2021, 1, 20)).in_office(None)
        False
        """
        if on is None:
            return self.end is None
        if self.start is not None and on < self.start:
            return False
        if self.end is not None and on > self.end:
            return False
        return True


def normalize_name(name: str, *, keep_initials: bool = True) -> str:
    """Reduce a person's name to the key used for matching.

    Case, accents, dots, commas, hyphens, apostrophes, spaces and leading honorifics
    ("Mr.", "H.E.", "Sheikh") are dropped; with ``keep_initials=False`` single-letter
    tokens (middle initials) are dropped too.

    Parameters
    ----------
    name : a name as written.
    keep_initials : keep single-letter tokens.

    Returns
    -------
    The key: lowercase ASCII letters and digits, no separators ("" if nothing is left).

    Examples
    --------
    >>> normalize_name("Recep Tayyip Erdoğan") == normalize_name("recep tayyip erdogan")
    True
    >>> normalize_name("Mr. Antony J. Blinken", keep_initials=False)
    'antonyblinken'
    >>> normalize_name("Moon Jae-in") == normalize_name("MOON Jae In")
    True
    """
    return "".join(_tokens(name, keep_initials=keep_initials))


class ActorDictionary:
    """A searchable set of `Actor` rows.

    Build one with `ActorDictionary.load` (bundled file plus user files, cached) or
    directly from `Actor` objects.

    Examples
    --------
    >>> actors = ActorDictionary.load()
    >>> actors.resolve("Blinken", on=date(2024, 1, 12)).title
    'Secretary of State'
    >>> actors.resolve("KAMIKAWA Yoko", on=date(2024, 1, 12)).name
    'Yoko Kamikawa'
    >>> actors.resolve("Bush", on=None) is None
    True
    """

    def __init__(self, actors: Iterable[Actor]) -> None:
        self._actors: tuple[Actor, ...] = tuple(actors)
        self._full: dict[str, list[Actor]] = {}
        self._loose: dict[str, list[Actor]] = {}
        self._surname: dict[str, list[Actor]] = {}
        self._names: dict[str, list[Actor]] = {}
        self._surname_forms: set[str] = set()
        self._memo: dict[tuple, dict[Actor, int]] = {}
        for actor in self._actors:
            self._index(actor)

    def __getstate__(self) -> dict:
        """What pickles: everything but the lookup memo (a cache of this process's lookups)."""
        return dict(self.__dict__, _memo={})

    @classmethod
    def load(
        cls, extra_files: Iterable[str | Path] = (), *, bundled: bool = True
    ) -> "ActorDictionary":
        """Load the bundled dictionary and user files on top of it.

        Rows of a later file replace every earlier row with the same name, country and
        title (compared case- and accent-insensitively); other rows are added. Results
        are cached on the list of files (and their modification times), so loading twice
        is free.

        Parameters
        ----------
        extra_files : user CSV files with the columns of `ACTOR_COLUMNS`, in order of
            precedence (later wins).
        bundled : start from the bundled ``actors.csv``; False uses only `extra_files`.

        Returns
        -------
        The dictionary (shared between callers: treat it as read-only).

        Raises
        ------
        ActorFileError
            If a file is missing, not UTF-8, lacks a column, or has a malformed row; the
            message names the file, the line, the bad value and what is expected.

        Examples
        --------
        >>> len(ActorDictionary.load()) > 350
        True
        >>> ActorDictionary.load() is ActorDictionary.load()
        True
        """
        files = file_keys(extra_files, what="actor", columns=ACTOR_COLUMNS, error=ActorFileError)
        return _PRELOADED.get((files, bundled)) or _load_cached(files, bundled)

    def lookup(
        self,
        name: str,
        *,
        on: date | None = None,
        country: str | None = None,
        title: str | None = None,
    ) -> list[Actor]:
        """Find the actors a name may refer to.

        A name matches an actor's full name or alias (ignoring case, accents, honorifics,
        dots and middle initials), the same with family name first ("KAMIKAWA Yoko"), or
        a family name alone ("Blinken", "von der Leyen").

        Parameters
        ----------
        name : the name as written, without its title.
        on : the day of the report; actors in office that day come first.
        country : keep only actors of this country code ("USA", "EUU").
        title : keep only actors with this title ("Foreign Minister"); common variants
            such as "Minister for Foreign Affairs" are accepted.

        Returns
        -------
        Matching rows: in office on `on` first (when `on` is given), then full-name
        matches before reordered and family-name matches, then most recent term first.

        Examples
        --------
        >>> actors = ActorDictionary.load()
        >>> [a.title for a in actors.lookup("Fumio Kishida", on=date(2016, 5, 1))]
        ['Foreign Minister', 'Prime Minister']
        >>> [a.name for a in actors.lookup("Blinken", title="Secretary of State")]
        ['Antony Blinken']
        """
        ranked = self._ranked(name, country, title)

        def order(actor: Actor) -> tuple:
            absent = on is not None and not actor.in_office(on)
            start = actor.start.toordinal() if actor.start else 0
            return (absent, ranked[actor], -start, actor.name, actor.title)

        return sorted(ranked, key=order)

    def resolve(
        self,
        name: str,
        *,
        on: date | None = None,
        country: str | None = None,
        title: str | None = None,
    ) -> Actor | None:
        """Return the one actor a name refers to, or None if unknown or ambiguous.

        The best-ranked matches of `lookup` must all be the same person. A family name
        alone resolves only to someone in office on `on` (when `on` is given); with no
        date, a family name shared by two people ("Bush") is ambiguous. When one person
        has several matching terms, the one in office on `on` is returned (or, with no
        date, the current or latest one).

        Parameters
        ----------
        name, on, country, title : as for `lookup`.

        Returns
        -------
        The actor row, or None.

        Examples
        --------
        >>> actors = ActorDictionary.load()
        >>> actors.resolve("George Bush", on=date(1990, 6, 1)).name
        'George H. W. Bush'
        >>> actors.resolve("Bush", on=date(2003, 3, 20)).name
        'George W. Bush'
        >>> actors.resolve("Kishida", on=date(2022, 5, 1)).title
        'Prime Minister'
        """
        ranked = self._ranked(name, country, title)
        if not ranked:
            return None

        def tier(actor: Actor) -> tuple[bool, int]:
            return (on is not None and not actor.in_office(on), ranked[actor])

        best = min(tier(a) for a in ranked)
        top = [a for a in self.lookup(name, on=on, country=country, title=title) if tier(a) == best]
        if len({_person(a) for a in top}) != 1:
            return None
        if best == (True, _SURNAME):
            return None  # a bare family name of someone out of office that day
        if on is None:
            current = [a for a in top if a.end is None]
            return (current or top)[0]
        return top[0]

    def surnames(self) -> set[str]:
        """Return the family names as written ("Blinken", "von der Leyen", "Erdoğan").

        Accent-free variants are included ("Erdogan"). Some family names are also common
        words, even capitalised ("May", "Rice", "Key", "English"): match them
        case-sensitively and only with context (a title, or the full name earlier in the
        document).

        Examples
        --------
        >>> {"Blinken", "Erdoğan", "Erdogan", "von der Leyen"} <= ActorDictionary.load().surnames()
        True
        """
        return set(self._surname_forms)

    def names(self) -> dict[str, list[Actor]]:
        """Return every full name and alias as written, with the actors it names.

        Accent-free variants are included ("Recep Tayyip Erdogan").

        Examples
        --------
        >>> [a.country for a in ActorDictionary.load().names()["Tony Blinken"]]
        ['USA']
        """
        return {form: list(actors) for form, actors in self._names.items()}

    def alias_table(self) -> dict[str, str]:
        """Return alias -> full name for every alias that names one person only.

        The graph builder takes this table (it never imports the dictionary): it joins a
        person's spellings and lets a query find them by any alias ("MBS", "Tony Blinken").
        An alias that is also another person's full name, or an alias of two people, is left
        out.

        Examples
        --------
        >>> table = ActorDictionary.load().alias_table()
        >>> table["MBS"], table["Tony Blinken"]
        ('Mohammed bin Salman', 'Antony Blinken')
        """
        owners: dict[str, set[str]] = {}
        written: dict[str, str] = {}
        full = {normalize_name(a.name) for a in self._actors}
        for actor in self._actors:
            for alias in actor.aliases:
                key = normalize_name(alias)
                owners.setdefault(key, set()).add(actor.name)
                written.setdefault(alias, key)
        return {alias: next(iter(owners[key])) for alias, key in sorted(written.items())
                if len(owners[key]) == 1 and key not in full}

    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors)

    def __repr__(self) -> str:
        return f"<ActorDictionary with {len(self._actors)} actors>"

    # -- internals ----------------------------------------------------------------

    def _index(self, actor: Actor) -> None:
        """Add one actor to the lookup tables."""
        for form in (actor.name, *actor.aliases):
            for written in {form, _ascii(form)}:
                _add(self._names, written, actor)
            _add(self._full, normalize_name(form), actor)
            _add(self._loose, normalize_name(form, keep_initials=False), actor)
            words = _tokens(form, keep_initials=False)
            if len(words) >= 3 and actor.country not in _FAMILY_FIRST and not _names.is_particle(words[-2]):
                _add(self._loose, words[0] + words[-1], actor)  # a middle name left out: "Asif Zardari"
        for key in _family_keys(actor):
            _add(self._surname, key, actor)
        for written in _surname_forms(actor):
            self._surname_forms.update({written, _ascii(written)})

    def _ranked(self, name: str, country: str | None, title: str | None) -> dict[Actor, int]:
        """Map each actor `name` matches (after filters) to its best match level (memoised)."""
        memo_key = (name, country, title)
        found = self._memo.get(memo_key)
        if found is None:
            if len(self._memo) > 200_000:
                self._memo.clear()
            found = self._memo[memo_key] = self._rank(name, country, title)
        return found

    def _rank(self, name: str, country: str | None, title: str | None) -> dict[Actor, int]:
        """Map each actor `name` matches (after filters) to its best match level."""
        wanted_country = country.strip().upper() if country else None
        wanted_titles = _title_family(title) if title else None
        ranked: dict[Actor, int] = {}
        for tokens in _variants(name):
            for level, actor in self._match_tokens(tokens):
                if wanted_country and actor.country != wanted_country:
                    continue
                if wanted_titles and _canonical_title(actor.title) not in wanted_titles:
                    continue
                if actor not in ranked or level < ranked[actor]:
                    ranked[actor] = level
            if ranked:
                break
        return ranked

    def _match_tokens(self, tokens: list[str]) -> Iterator[tuple[int, Actor]]:
        """Match one token list at every level."""
        loose_tokens = _loose(tokens)
        loose = "".join(loose_tokens)
        if not loose:
            return
        for actor in self._full.get("".join(tokens), ()):
            yield _EXACT, actor
        for actor in self._loose.get(loose, ()):
            yield _LOOSE, actor
        if len(loose_tokens) >= 3 and not _names.is_particle(loose_tokens[-2]):
            # a middle name the dictionary leaves out: "Mia Amor Mottley" is the row "Mia Mottley"
            for actor in self._loose.get(loose_tokens[0] + loose_tokens[-1], ()):
                if len(_tokens(actor.name, keep_initials=False)) == 2:
                    yield _REORDERED, actor
        if len(loose_tokens) >= 2:
            for turned in (loose_tokens[1:] + loose_tokens[:1], loose_tokens[-1:] + loose_tokens[:-1]):
                for actor in self._loose.get("".join(turned), ()):
                    yield _REORDERED, actor
        for actor in self._surname.get(loose, ()):
            yield _SURNAME, actor


def bundled_actor_files(folder: str | Path | None = None) -> list[Path]:
    """List the dictionary files of a folder, in the order they are read.

    ``actors.csv`` comes first, then every other ``actors*.csv`` by name.

    Parameters
    ----------
    folder : the folder to list; None lists the package's ``extract/resources``.

    Returns
    -------
    The files' paths.

    Examples
    --------
    >>> bundled_actor_files()[0].name
    'actors.csv'
    """
    root = Path(folder) if folder is not None else Path(str(resources.files("extract").joinpath("resources")))
    names = sorted((p for p in root.glob(BUNDLED_PATTERN) if p.is_file()), key=lambda p: p.name)
    return sorted(names, key=lambda p: p.name != BUNDLED_ACTORS)


def alias_table_key(extra_files: Iterable[str | Path] = ()) -> str:
    """A hash of everything ``ActorDictionary.load(extra_files).alias_table()`` is made from.

    It covers the bytes of the bundled actor files and of the user's, in order, and of the
    code and tables that read and normalise them (this module, ``extract.tablefiles``,
    ``extract.countries``, ``extract.norm`` and the name and country tables). A cached alias
    table filed under this key is the one the files would give now: an edited actor file, or a
    changed rule for normalising names, gives another key.

    Raises
    ------
    ActorFileError
        If a user file cannot be read (the message names it).

    Examples
    --------
    >>> key = alias_table_key()
    >>> len(key), key == alias_table_key()
    (16, True)
    """
    import hashlib

    file_keys(extra_files, what="actor", columns=ACTOR_COLUMNS, error=ActorFileError)  # a clear error first
    here = Path(__file__).parent
    code = [Path(__file__), here / "tablefiles.py", here / "countries.py", *sorted((here / "norm").glob("*.py"))]
    tables = [here / "resources" / "names.json", here / "resources" / "countries.csv"]
    digest = hashlib.sha1()
    for path in [*code, *tables, *bundled_actor_files(), *map(Path, extra_files)]:
        try:
            data = path.read_bytes()
        except OSError as err:  # a file that vanished since: the key still differs from a readable one
            data = f"unreadable: {err}".encode()
        digest.update(str(path.name).encode() + b"\0" + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()[:16]


def save_dictionary_cache(path: str | Path, extra_files: Iterable[str | Path] = ()) -> Path:
    """Write the dictionary ``ActorDictionary.load(extra_files)`` gives to `path`, filed under
    `alias_table_key`, so that `preload_dictionary_cache` in a later process need not build it
    (building takes most of a second; reading it back, a few hundredths). Written to a
    temporary name and renamed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = save_dictionary_cache(pathlib.Path(tempfile.mkdtemp()) / "actors.cache")
    >>> preload_dictionary_cache(path), preload_dictionary_cache(path.with_name("none"))
    (True, False)
    """
    import os

    path = Path(path)
    data = pickle.dumps((_CACHE_FORMAT, alias_table_key(extra_files), ActorDictionary.load(extra_files)),
                        protocol=pickle.HIGHEST_PROTOCOL)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def preload_dictionary_cache(path: str | Path, extra_files: Iterable[str | Path] = ()) -> bool:
    """Make ``ActorDictionary.load(extra_files)`` return the dictionary cached at `path`, when it was
    built from the same files and code (its `alias_table_key` is today's); say whether it was.

    A missing, damaged or outdated cache is no error: the dictionary is then built as usual.
    Only the dictionary's own classes are unpickled, so a planted file cannot run code.
    """
    import io

    try:
        with open(path, "rb") as fh:
            found = _CacheUnpickler(io.BytesIO(fh.read())).load()
        fmt, key, dictionary = found
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, ActorFileError):
        return False
    if fmt != _CACHE_FORMAT or key != alias_table_key(extra_files) or not isinstance(dictionary, ActorDictionary):
        return False
    files = file_keys(extra_files, what="actor", columns=ACTOR_COLUMNS, error=ActorFileError)
    _PRELOADED[(files, True)] = dictionary
    return True


def read_actor_files(paths: Iterable[str | Path], *, label: str = "") -> list[Actor]:
    """Read dictionary files that complement one another (as the bundled ones do).

    Every row of every file is kept, except that rows repeating one person's term in one
    office (same name, country, title, from and to) are merged into one, with their aliases
    and sources joined.

    Parameters
    ----------
    paths : CSV files with the columns of `ACTOR_COLUMNS` (and optionally ``sources``).
    label : a prefix for file names in error messages ("bundled").

    Returns
    -------
    The rows, in file order.

    Raises
    ------
    ActorFileError
        If a file is not UTF-8 or has a malformed row; the message names file and line.

    Examples
    --------
    >>> rows = read_actor_files(bundled_actor_files())
    >>> len(rows) > 350
    True
    """
    rows: list[Actor] = []
    for path in paths:
        name = f"{label} {Path(path).name}".strip() if label else str(path)
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as err:
            raise ActorFileError(f"Actor file '{name}' is not UTF-8 text (byte {err.start}). "
                                 "Save it as UTF-8 CSV.") from err
        except OSError as err:
            raise ActorFileError(f"Cannot read actor file '{name}': {err}.") from err
        rows.extend(_parse(text, name))
    return _merge_duplicates(rows)


#: Dictionaries read by `preload_dictionary_cache`, by the `_load_cached` key they stand for.
_PRELOADED: dict[tuple, "ActorDictionary"] = {}
_CACHE_FORMAT = "diplograph actor dictionary cache v1"


class _CacheUnpickler(pickle.Unpickler):
    """An unpickler that builds only the dictionary's own classes."""

    def find_class(self, module: str, name: str):
        if (module, name) not in {("extract.actors", "Actor"), ("extract.actors", "ActorDictionary"),
                                  ("datetime", "date")}:
            raise ActorFileError(f"The actor dictionary cache holds a {module}.{name}; delete it.")
        return super().find_class(module, name)


@lru_cache(maxsize=32)
def _load_cached(files: tuple[tuple[str, int, int], ...], bundled: bool) -> ActorDictionary:
    """Read and merge the files (the key holds mtimes so edited files are re-read)."""
    rows: list[Actor] = read_actor_files(bundled_actor_files(), label="bundled") if bundled else []
    for label, text in read_table_texts(None, files, what="actor", error=ActorFileError):
        new = _merge_duplicates(_parse(text, label))
        replaced = {_row_key(a) for a in new}
        rows = [a for a in rows if _row_key(a) not in replaced] + new
    return ActorDictionary(rows)


def _merge_duplicates(rows: list[Actor]) -> list[Actor]:
    """Merge rows that repeat one term of one person in one office (aliases and sources joined)."""
    merged: dict[tuple, Actor] = {}
    for actor in rows:
        key = (*_row_key(actor), actor.start, actor.end)
        seen = merged.get(key)
        if seen is None:
            merged[key] = actor
        else:
            merged[key] = replace(seen, aliases=tuple(dict.fromkeys(seen.aliases + actor.aliases)),
                                  sources=tuple(dict.fromkeys(seen.sources + actor.sources)))
    return list(merged.values())


def _parse(text: str, label: str) -> list[Actor]:
    """Parse one actor CSV text into rows, raising ActorFileError on the first bad row."""
    return [_parse_row(row, label, line)
            for line, row in csv_rows(text, label, ACTOR_COLUMNS, what="actor", error=ActorFileError)]


def _parse_row(row: dict[str, str], label: str, line: int) -> Actor:
    """Turn one CSV row into an Actor, checking every field."""
    where = f"Actor file '{label}', line {line}"
    name = row["name"]
    if not name or not normalize_name(name):
        raise ActorFileError(f"{where}: empty name {name!r}. Give the person's full name.")
    country = row["country"].upper()
    if not _valid_country(country):
        raise ActorFileError(
            f"{where}: unknown country code {row['country']!r} for {name!r}. Use an ISO "
            "3166-1 alpha-3 code such as 'DEU', a former state's ISO 3166-3 code such as 'YUG', or one of "
            f"{', '.join(sorted(BODY_CODES))}."
        )
    title = row["title"]
    if not title:
        raise ActorFileError(
            f"{where}: empty title for {name!r}. Give the office, e.g. 'Foreign Minister'."
        )
    start = _parse_date(row["from"], "from", where)
    end = _parse_date(row["to"], "to", where, last=True)
    if start and end and start > end:
        raise ActorFileError(
            f"{where}: 'from' {row['from']!r} is after 'to' {row['to']!r} for {name!r}. "
            "Swap them or fix the dates."
        )
    aliases = tuple(dict.fromkeys(a.strip() for a in row["aliases"].split(";") if a.strip()))
    sources = tuple(dict.fromkeys(s.strip() for s in row.get(SOURCES_COLUMN, "").split(";") if s.strip()))
    return Actor(name, aliases, country, title, start, end, sources)


def _parse_date(value: str, column: str, where: str, *, last: bool = False) -> date | None:
    """Parse a date cell (YYYY-MM-DD, YYYY-MM or YYYY); empty means unknown or open.

    A partial date is the first day of its month or year, or with `last` (a 'to' date)
    the last day, so that a term given by years covers the whole of them.
    """
    if not value:
        return None
    match = _DATE_RE.match(value)
    try:
        if match is None:
            raise ValueError(value)
        year, month, day = match.groups()
        if day:
            return date(int(year), int(month), int(day))
        if month:
            m = int(month)
            return date(int(year), m, monthrange(int(year), m)[1] if last else 1)
        return date(int(year), 12, 31) if last else date(int(year), 1, 1)
    except ValueError as err:
        raise ActorFileError(
            f"{where}: bad '{column}' date {value!r}. Use YYYY-MM-DD, YYYY-MM or YYYY, "
            "or leave it empty."
        ) from err


def _valid_country(code: str) -> bool:
    """True for an ISO 3166-1 alpha-3 code, a former state's ISO 3166-3 code (SUN, YUG), or BODY_CODES."""
    return code in BODY_CODES or is_country_code(code)


def _tokens(name: str, *, keep_initials: bool = True) -> list[str]:
    """Split a name into folded lowercase tokens, without leading honorifics."""
    words = _POSSESSIVE_RE.sub("", name).split()
    words = words[min(_names.leading_honorifics(words, styles=True, also=_ADDRESS_WORDS), len(words) - 1):]
    tokens = re.findall(r"[a-z0-9]+", fold(" ".join(words).translate(_APOSTROPHES)))
    if len(_loose(tokens)) >= 2:  # "Mohammad bin Salman" and "Mohammed bin Salman" match one row; a given name
        tokens = [_names.SPELLING_VARIANTS.get(t, t) for t in tokens]  # alone keeps its spelling ("Prince Mohamed")
    if not keep_initials:
        tokens = _loose(tokens)
    return tokens


def _loose(tokens: list[str]) -> list[str]:
    """Drop initials, generational suffixes and regnal numbers (but not a lone token)."""
    kept = [t for t in tokens if len(t) > 1 and not _names.is_suffix(t)]
    return kept if kept else [t for t in tokens if len(t) > 1]


def _variants(name: str) -> Iterator[list[str]]:
    """The name's tokens, then (only if needed) without leading title words."""
    tokens = _tokens(name)
    yield tokens
    stripped = list(tokens)
    while len(stripped) > 1 and (stripped[0] in _TITLE_WORDS or _names.is_honorific(stripped[0])
                                 or _names.is_style(stripped[0])):
        if len(stripped) == 2 and _names.is_peer_style(stripped[0]):
            break  # "Lord Price" is a peer of that name, not any Price
        stripped = stripped[1:]
    if stripped != tokens:
        yield stripped


def _family_words(actor: Actor) -> list[str] | None:
    """The family name's words as written in `actor.name`, if it can be told apart.

    An alias with the family name in capitals ("WU Jaushieh") says which words it is;
    otherwise the first word for countries that write the family name first, and
    None (meaning "any trailing words") for the others.
    """
    words = [w for w in actor.name.split() if not _names.is_suffix(w)]
    for alias in actor.aliases:
        parts = alias.split()
        caps = [p for p in parts if len(p) > 1 and p.isupper() and p.replace("-", "").isalpha()]
        if caps and len(caps) < len(parts):
            keys = {normalize_name(c) for c in caps}
            marked = [w for w in words if normalize_name(w) in keys]
            if marked:
                return marked
    if len(words) >= 2 and (
        actor.country in _FAMILY_FIRST or (actor.country == "SGP" and len(words) == 3)
    ):
        return words[:1]
    return None


def _family_keys(actor: Actor) -> set[str]:
    """Match keys of the family-name forms: the marked family name, or every proper
    trailing run of words ("Blinken", "der Leyen", "von der Leyen", "López Obrador")."""
    marked = _family_words(actor)
    if marked is not None:
        return {normalize_name(" ".join(marked), keep_initials=False)}
    tokens = _tokens(actor.name, keep_initials=False)
    return {"".join(tokens[i:]) for i in range(1, len(tokens))}


def _surname_forms(actor: Actor) -> set[str]:
    """Family names as written, for matchers: the last word with its particles
    ("von der Leyen"); a hyphenated particle also gives the bare word ("el-Sisi", "Sisi")."""
    marked = _family_words(actor)
    if marked is not None:
        return {" ".join(marked)}
    words = [w for w in actor.name.split() if len(normalize_name(w)) > 1]
    words = [w for w in words if not _names.is_suffix(w)]
    if len(words) < 2:
        return set()
    i = len(words) - 1
    while i > 1 and _names.is_particle(words[i - 1]) and actor.country not in _names.NO_PARTICLE_COUNTRIES:
        i -= 1
    last = words[-1]
    head, _, tail = last.partition("-")
    if tail and _names.is_particle(head):
        return {last, tail}
    return {" ".join(words[i:])}


def _canonical_title(title: str) -> str:
    """Lowercase title with common variants mapped to the canonical form."""
    key = " ".join(title.casefold().replace("-", " - ").split()).replace(" - ", "-")
    return _TITLE_SYNONYMS.get(key, key)


def _title_family(title: str) -> frozenset[str]:
    """The canonical titles that count as the same office as `title`."""
    canonical = _canonical_title(title)
    for family in _TITLE_FAMILIES:
        if canonical in family:
            return family
    return frozenset({canonical})


def _row_key(actor: Actor) -> tuple[str, str, str]:
    """The identity of an office-holding: name, country, title."""
    return (normalize_name(actor.name), actor.country, _canonical_title(actor.title))


def _person(actor: Actor) -> str:
    """The identity of a person across offices."""
    return normalize_name(actor.name)


def _ascii(text: str) -> str:
    """Drop accents, keeping case and punctuation."""
    return strip_accents(text)


def _add(table: dict[str, list[Actor]], key: str, actor: Actor) -> None:
    """Append an actor under a key once."""
    bucket = table.setdefault(key, [])
    if actor not in bucket:
        bucket.append(actor)
