"""Country names, aliases, demonyms and capitals, resolved to codes.

Every ISO 3166-1 country is listed in ``resources/countries.csv`` by its alpha-3 code, with
the short name news uses ("South Korea", "Russia", "Iran"), the aliases that also name it
("ROK", "Republic of Korea"), its demonyms ("South Korean") and its seats of government
("Seoul"). A few international bodies sit in the same table under short codes (``EUU``,
``UNO``, ``NATO``, ``ASEAN``, ``AU``...), as do the historic states that old reports name
("Soviet Union" is ``SUN``) and Kosovo (``XKX``, the code the EU and the IMF use).
Geographic regions ("Middle East", "Indo-Pacific", "the West") live in
``resources/regions.csv`` and are never countries.

This module only answers "which country does this string name?". Deciding whether a capital
stands for its government ("Washington said...") or for the city is the extractor's job, so
capitals are only looked up when the caller asks for them.

Matching rules
--------------
- Exact forms match first, so case matters where it carries meaning: "US" is the United
  States and "us" is not. Acronyms (forms with no lower-case letter) only ever match exactly.
- Other forms also match case- and accent-insensitively when the text does not start with a
  lower-case letter: "TURKEY" and "Turkiye" find TUR, "turkey" does not.
- A leading "the" is tried both kept and dropped ("the States" is an alias; "the
  Philippines" finds PHL), possessives are dropped ("Japan's", "the United States'"), and
  dotted acronyms are read without their dots ("U.S", "U.S.A.").
- A form listed for two codes in the same file is ambiguous and resolves to nothing (see
  ``DELIBERATE_AMBIGUITIES``). A form in a user file overrides the bundled meaning.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from extract.errors import ResourceFileError, UnknownCountry
from extract.norm.text import fold
from extract.tablefiles import file_keys

__all__ = ["capital_of", 
    "Country",
    "CountryTable",
    "UnknownCountry",
    "BODY_CODES",
    "EXTRA_CODES",
    "DELIBERATE_AMBIGUITIES",
    "FORM_KINDS",
    "load_countries",
    "country_code",
    "country_name",
    "is_demonym",
    "is_region",
    "surface_forms",
    "ambiguous_forms",
]

RESOURCES = Path(__file__).parent / "resources"
COUNTRIES_FILE = RESOURCES / "countries.csv"
REGIONS_FILE = RESOURCES / "regions.csv"

#: Codes of international bodies that share the country table.
BODY_CODES = frozenset(
    {
        "EUU", "UNO", "NATO", "ASEAN", "AU", "OSCE", "GCC", "OAS", "SCO", "APEC", "IAEA",
        "WTO", "WHO", "IMF", "WBG", "LAS", "ECOWAS", "OIC", "CARICOM", "OECD",
    }
)
#: Codes outside ISO 3166-1 that are still states: historic (ISO 3166-3) states and Kosovo.
EXTRA_CODES = frozenset({"SUN", "YUG", "CSK", "DDR", "SCG", "YMD", "XKX"})
#: Surface forms the bundled table lists for more than one code, on purpose. They resolve to
#: no code: the text alone cannot say which country is meant.
DELIBERATE_AMBIGUITIES: Mapping[str, frozenset[str]] = {
    "Congo": frozenset({"COD", "COG"}),
    "Congolese": frozenset({"COD", "COG"}),
    "Korean": frozenset({"KOR", "PRK"}),
}
#: The kinds of surface form a country row holds, in the order of the CSV columns.
FORM_KINDS = ("name", "alias", "demonym", "capital")
DEFAULT_KINDS = ("name", "alias", "demonym")

_COLUMNS = {"name": "name", "aliases": "alias", "demonyms": "demonym", "capitals": "capital"}
_CODE_RE = re.compile(r"[A-Z][A-Z0-9]{1,9}")
_DOTTED_RE = re.compile(r"(?:[A-Z]\.){1,4}[A-Z]?\.?")
_POSSESSIVE_RE = re.compile(r"(?:'s|')$")
_NOTE_RE = re.compile(r"(.+?)\s*\([^()]*\)")
_INVERTED_RE = re.compile(r"([^,]+),\s*([^,]+)")


@dataclass(frozen=True)
class Country:
    """One row of the country table.

    Attributes
    ----------
    code : ISO 3166-1 alpha-3 code, or a body's short code ("EUU", "NATO").
    name : short common English name ("South Korea").
    aliases, demonyms, capitals : other surface forms, in file order.
    """

    code: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()

    def forms(self, kind: str) -> tuple[str, ...]:
        """Return the surface forms of one kind ("name", "alias", "demonym", "capital")."""
        if kind == "name":
            return (self.name,)
        return {"alias": self.aliases, "demonym": self.demonyms, "capital": self.capitals}[kind]


class CountryTable:
    """Countries and regions with their lookup indexes; build it with `load_countries`.

    Parameters
    ----------
    countries : code -> Country, in table order.
    layers : for each source file in load order, kind -> form -> codes listed in that file.
    regions : region names, aliases and adjectives.
    """

    def __init__(
        self,
        countries: Mapping[str, Country],
        layers: list[dict[str, dict[str, set[str]]]],
        regions: Iterable[str],
    ) -> None:
        self.countries = dict(countries)
        self._exact: dict[str, dict[str, frozenset[str]]] = {k: {} for k in FORM_KINDS}
        for layer in layers:
            for kind, forms in layer.items():
                for form, codes in forms.items():
                    self._exact[kind][form] = frozenset(codes)
        self._folded: dict[str, dict[str, frozenset[str]]] = {k: {} for k in FORM_KINDS}
        for kind, forms in self._exact.items():
            for form, codes in forms.items():
                if any(ch.islower() for ch in form):
                    key = fold(form)
                    self._folded[kind][key] = self._folded[kind].get(key, frozenset()) | codes
        self.regions = frozenset(regions)
        self._regions_folded = frozenset(fold(r) for r in self.regions)

    def __len__(self) -> int:
        return len(self.countries)

    def code(self, text: str, kinds: Iterable[str] = DEFAULT_KINDS, *, any_case: bool = False) -> str | None:
        """Return the one code `text` names under the given kinds, or None (see `country_code`).

        `any_case` drops the rules that make case matter in running text ("us" is not the
        United States there): for what a user types or a record holds, "uk" is GBR.
        """
        kinds = _check_kinds(kinds)
        candidates = _candidates(text)
        if any_case:
            candidates += [c.upper() for c in candidates] + _candidates(text.title())
            candidates = list(dict.fromkeys(candidates))
        for candidate in candidates:
            for index, key in ((self._exact, candidate), (self._folded, None)):
                if key is None:
                    if not candidate or (candidate[0].islower() and not any_case):
                        continue
                    key = fold(candidate)
                codes = set()
                for kind in kinds:
                    codes |= index[kind].get(key, frozenset())
                if len(codes) == 1:
                    return next(iter(codes))
                if codes:
                    return None
        return None

    def codes(self, text: str, kinds: Iterable[str] = DEFAULT_KINDS) -> frozenset[str]:
        """Return every code `text` could name, ambiguous or not (an empty set if none)."""
        kinds = _check_kinds(kinds)
        for candidate in _candidates(text):
            codes: set[str] = set()
            for kind in kinds:
                codes |= self._exact[kind].get(candidate, frozenset())
            if not codes and candidate and not candidate[0].islower():
                for kind in kinds:
                    codes |= self._folded[kind].get(fold(candidate), frozenset())
            if codes:
                return frozenset(codes)
        return frozenset()

    def name(self, code: str) -> str:
        """Return the short English name of `code` (see `country_name`)."""
        try:
            return self.countries[code].name
        except KeyError:
            hint = self.code(code, FORM_KINDS)
            advice = (
                f"'{code}' is a name of {hint}; pass the code '{hint}'."
                if hint
                else "Use an ISO 3166-1 alpha-3 code such as 'USA', or a body code such as 'EUU'."
            )
            raise UnknownCountry(f"Unknown country code {code!r}. {advice}") from None

    def is_region(self, text: str) -> bool:
        """Tell whether `text` names a region (see `is_region`)."""
        for candidate in _candidates(text):
            if candidate in self.regions:
                return True
            if candidate and not candidate[0].islower() and fold(candidate) in self._regions_folded:
                return True
        return False

    def surface_forms(self, kinds: Iterable[str] = DEFAULT_KINDS) -> dict[str, str]:
        """Return unambiguous surface form -> code (see `surface_forms`)."""
        kinds = _check_kinds(kinds)
        merged: dict[str, set[str]] = {}
        for kind in kinds:
            for form, codes in self._exact[kind].items():
                merged.setdefault(form, set()).update(codes)
        return {form: next(iter(codes)) for form, codes in merged.items() if len(codes) == 1}

    def ambiguous_forms(self, kinds: Iterable[str] = FORM_KINDS) -> dict[str, frozenset[str]]:
        """Return surface form -> codes for forms that name more than one code."""
        kinds = _check_kinds(kinds)
        merged: dict[str, set[str]] = {}
        for kind in kinds:
            for form, codes in self._exact[kind].items():
                merged.setdefault(form, set()).update(codes)
        return {form: frozenset(codes) for form, codes in merged.items() if len(codes) > 1}


def load_countries(extra_files: Iterable[str | Path] = ()) -> CountryTable:
    """Load the bundled country and region tables, plus any user files on top.

    A user file has the bundled file's columns (``code,name,aliases,demonyms,capitals``; only
    ``code`` is required, list fields separated by ";"). A row with a known code adds its
    forms to that country and, if ``name`` is filled, renames it; a row with a new code adds a
    country or body (``name`` is then required). A form a user file lists overrides what the
    bundled table says it means. Results are cached per file list (and file modification time).

    Parameters
    ----------
    extra_files : CSV files read after the bundled one, in order.

    Returns
    -------
    The table the lookup functions use.

    Raises
    ------
    ResourceFileError
        If a file is missing, lacks the ``code`` column, or has a malformed row; the message
        names the file and line.

    Examples
    --------
    >>> table = load_countries()
    >>> table.name("KOR"), len(table) > 250
    ('South Korea', True)
    """
    return _load_cached(file_keys(extra_files, what="country"))


def country_code(
    text: str, *, kinds: Iterable[str] = DEFAULT_KINDS, table: CountryTable | None = None
) -> str | None:
    """Return the code of the country or body that `text` names, or None.

    Parameters
    ----------
    text : a name, alias or demonym as it appears in text ("the U.S.", "Japan's", "Chinese").
    kinds : which kinds of form may match; add "capital" to read capitals as their country.
    table : a table from `load_countries`; the bundled one by default.

    Returns
    -------
    The code, or None when nothing matches, the form is ambiguous ("Congo"), or it names a
    region ("Middle East").

    Raises
    ------
    ValueError
        If `kinds` holds something other than "name", "alias", "demonym" or "capital".

    Examples
    --------
    >>> [country_code(t) for t in ["U.S.", "US", "us", "the United States", "Japan's"]]
    ['USA', 'USA', None, 'USA', 'JPN']
    >>> country_code("Middle East") is None, country_code("Congo") is None
    (True, True)
    >>> country_code("Kyiv"), country_code("Kyiv", kinds=("name", "capital"))
    (None, 'UKR')
    """
    return (table or load_countries()).code(text, kinds)


def country_name(code: str, *, table: CountryTable | None = None) -> str:
    """Return the short common English name of a country code.

    Parameters
    ----------
    code : an alpha-3 code or body code, as `country_code` returns.
    table : a table from `load_countries`; the bundled one by default.

    Returns
    -------
    The name news reports use ("South Korea", not "Korea, Republic of").

    Raises
    ------
    UnknownCountry
        If the code is not in the table (a LookupError).

    Examples
    --------
    >>> [country_name(c) for c in ["USA", "GBR", "RUS", "IRN", "EUU"]]
    ['United States', 'United Kingdom', 'Russia', 'Iran', 'European Union']
    """
    return (table or load_countries()).name(code)


def capital_of(code: str, *, table: CountryTable | None = None) -> str | None:
    """The first capital the table lists for `code` (None for bodies and unknown codes).

    Examples
    --------
    >>> capital_of("VNM"), capital_of("EUU")
    ('Hanoi', None)
    """
    table = table or load_countries()
    country = table.countries.get(code)
    return country.capitals[0] if country is not None and country.capitals else None


def is_demonym(text: str, *, table: CountryTable | None = None) -> bool:
    """Tell whether `text` is a country's demonym or adjective ("Japanese", "Saudi").

    Ambiguous demonyms ("Korean") count: they are demonyms, only not of one country.

    Parameters
    ----------
    text : the word or words to test.
    table : a table from `load_countries`; the bundled one by default.

    Returns
    -------
    True if the table lists `text` as a demonym.

    Examples
    --------
    >>> is_demonym("Japanese"), is_demonym("Korean"), is_demonym("Japan"), is_demonym("European")
    (True, True, False, False)
    """
    return bool((table or load_countries()).codes(text, ("demonym",)))


def is_region(text: str, *, table: CountryTable | None = None) -> bool:
    """Tell whether `text` names a region rather than a country ("Middle East", "the West").

    Parameters
    ----------
    text : the words to test; a leading "the" and a possessive are ignored.
    table : a table from `load_countries`; the bundled one by default.

    Returns
    -------
    True if the regions table lists `text` as a region name, alias or adjective.

    Examples
    --------
    >>> is_region("the Middle East"), is_region("Indo-Pacific"), is_region("Japan")
    (True, True, False)
    """
    return (table or load_countries()).is_region(text)


def surface_forms(
    kinds: Iterable[str] = DEFAULT_KINDS, *, table: CountryTable | None = None
) -> dict[str, str]:
    """Return every unambiguous surface form of the given kinds, mapped to its code.

    Forms are given as listed, in their usual case ("U.S.", "South Korean"); ambiguous forms
    (see `ambiguous_forms`) are left out. Use it to build phrase patterns.

    Parameters
    ----------
    kinds : any of "name", "alias", "demonym", "capital".
    table : a table from `load_countries`; the bundled one by default.

    Returns
    -------
    Surface string -> code.

    Raises
    ------
    ValueError
        If `kinds` holds an unknown kind.

    Examples
    --------
    >>> forms = surface_forms()
    >>> forms["U.S."], forms["South Korean"], "Congo" in forms, "Tokyo" in forms
    ('USA', 'KOR', False, False)
    >>> surface_forms(("capital",))["Tokyo"]
    'JPN'
    """
    return (table or load_countries()).surface_forms(kinds)


def ambiguous_forms(
    kinds: Iterable[str] = FORM_KINDS, *, table: CountryTable | None = None
) -> dict[str, frozenset[str]]:
    """Return the surface forms that name more than one code, with those codes.

    Parameters
    ----------
    kinds : any of "name", "alias", "demonym", "capital".
    table : a table from `load_countries`; the bundled one by default.

    Returns
    -------
    Surface string -> the codes it could name.

    Examples
    --------
    >>> sorted(ambiguous_forms()["Korean"])
    ['KOR', 'PRK']
    """
    return (table or load_countries()).ambiguous_forms(kinds)


@functools.lru_cache(maxsize=16)
def _load_cached(keys: tuple[tuple[str, int, int], ...]) -> CountryTable:
    """Build a table from the bundled files and the (path, mtime) keys of user files."""
    countries: dict[str, Country] = {}
    layers = []
    for path in [COUNTRIES_FILE, *(Path(p) for p, *_ in keys)]:
        layers.append(_read_country_file(path, countries))
    return CountryTable(countries, layers, _read_regions(REGIONS_FILE))


def _read_country_file(path: Path, countries: dict[str, Country]) -> dict[str, dict[str, set[str]]]:
    """Merge one country CSV into `countries` and return its kind -> form -> codes layer."""
    layer: dict[str, dict[str, set[str]]] = {k: {} for k in FORM_KINDS}
    for line, row in _read_csv(path, required=("code",)):
        code = (row.get("code") or "").strip()
        if not _CODE_RE.fullmatch(code):
            raise ResourceFileError(
                f"Bad country code {code!r} in {path}, line {line}. Use an ISO 3166-1 alpha-3 "
                "code such as 'UKR', or an upper-case short code for a body such as 'NATO'."
            )
        name = (row.get("name") or "").strip()
        lists = {col: _split(row.get(col)) for col in ("aliases", "demonyms", "capitals")}
        old = countries.get(code)
        if old is None and not name:
            raise ResourceFileError(
                f"Country {code!r} in {path}, line {line} has no name. A new code needs a name."
            )
        if old is not None:
            name = name or old.name
            lists = {
                col: tuple(dict.fromkeys(getattr(old, col) + lists[col])) for col in lists
            }
        country = Country(code, name, lists["aliases"], lists["demonyms"], lists["capitals"])
        countries[code] = country
        for kind in FORM_KINDS:
            for form in country.forms(kind):
                layer[kind].setdefault(form, set()).add(code)
    return layer


def _read_regions(path: Path) -> set[str]:
    """Read every name, alias and adjective of the regions CSV."""
    forms: set[str] = set()
    for _, row in _read_csv(path, required=("name",)):
        forms.add(row["name"].strip())
        forms.update(_split(row.get("aliases")))
        forms.update(_split(row.get("adjectives")))
    forms.discard("")
    return forms


def _read_csv(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Read a UTF-8 CSV with a header row into (line number, row) pairs."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise ResourceFileError(
                    f"{path} lacks the column(s) {', '.join(missing)}; its header is "
                    f"{reader.fieldnames!r}. Add a header row naming them."
                )
            return [(reader.line_num, row) for row in reader]
    except OSError as err:
        raise ResourceFileError(f"Cannot read {path}: {err.strerror}. Check the path.") from err
    except (UnicodeDecodeError, csv.Error) as err:
        raise ResourceFileError(f"{path} is not a UTF-8 CSV file ({err}). Save it as UTF-8 CSV.") from err


def _split(value: str | None) -> tuple[str, ...]:
    """Split a ";"-separated list field, dropping blanks."""
    return tuple(p.strip() for p in (value or "").split(";") if p.strip())


def _check_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    """Return `kinds` as a tuple, or raise ValueError naming an unknown kind."""
    kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    for kind in kinds:
        if kind not in FORM_KINDS:
            raise ValueError(f"Unknown form kind {kind!r}. Use any of {', '.join(FORM_KINDS)}.")
    return kinds


def _candidates(text: str) -> list[str]:
    """Return the strings to look up for `text`: as given, without "the", without dots,
    un-inverted ("Korea, South" -> "South Korea") and without a trailing "(note)"."""
    text = " ".join(text.replace("\u2019", "'").split())
    stripped = _POSSESSIVE_RE.sub("", text) if len(text) > 2 else text
    bases = [text, stripped]
    note = _NOTE_RE.fullmatch(text)
    if note:
        bases.append(note.group(1))
    inverted = _INVERTED_RE.fullmatch(text)
    if inverted:
        head, tail = inverted.groups()
        bases.append(f"{tail} {head}")
    out = []
    for base in dict.fromkeys(bases):
        variants = [base]
        if base[:4] in ("the ", "The "):
            variants.append(base[4:])
        for variant in variants:
            out.append(variant)
            if _DOTTED_RE.fullmatch(variant):
                out.append(variant.replace(".", ""))
    return [c for c in dict.fromkeys(out) if c]
