"""Offices officials hold, and the names that follow them.

``resources/titles.csv`` lists about eighty offices in their common English form ("Foreign
Minister", "Secretary of State", "External Affairs Minister") with the variants that mean the
same office ("Minister for Foreign Affairs", "EAM"), a kind (head_of_state,
head_of_government, foreign_minister, minister, diplomat, royal, other) and a rank (1 is the
most senior; it picks one title when a text gives two, as in "Deputy Prime Minister and
Foreign Minister"). This module maps title strings to those canonical forms, splits strings
such as "Chinese Foreign Minister Wang Yi" into title, name and country, and normalises names.

It does not find titles in running text (the extractor builds patterns from
`title_patterns`) and it does not decide who holds which office when.

Names
-----
- Honorifics (`HONORIFICS`: "Mr", "Ms", "Dr", "H.E.", "His Excellency", "Sir", "Dame",
  "Datuk Seri", "Shri"...) are courtesy forms, not part of the name, and are dropped so the
  same person has one name across sources. Kept as part of the name: "Sheikh"/"Sheikha" (part
  of Gulf names as they are used), "Dom" ("Dom Pedro II"), "Lord", "Lady" and "Baroness"
  (peerages that stand in for the name), "Prince"/"Princess" after an office.
- All-caps family names (Japanese ministry style, "KAMIKAWA Yoko") become title case. The
  order flips to Western order only when the all-caps token comes first, exactly one
  mixed-case given name follows, it has no hyphen, and the country is Japan, or the country is
  unknown and the surname is not a common Chinese, Korean or Vietnamese one
  (`FAMILY_FIRST_SURNAMES`). Korean, Chinese, Vietnamese, Cambodian (and similar) names keep
  the order Western sources use: "YOON Suk Yeol" -> "Yoon Suk Yeol", "CHO Tae-yul" ->
  "Cho Tae-yul".
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from extract.countries import country_code
from extract.errors import ResourceFileError, UnknownTitle
from extract.norm import names as _names
from extract.norm.text import fold
from extract.tablefiles import file_keys

__all__ = [
    "Title",
    "TitleTable",
    "UnknownTitle",
    "HONORIFICS",
    "TITLE_KINDS",
    "KEEP_ORDER_COUNTRIES",
    "FAMILY_FIRST_SURNAMES",
    "load_titles",
    "canonical_title",
    "same_office",
    "title_patterns",
    "title_kind",
    "known_kind",
    "said_as_plural",
    "title_rank",
    "split_title_name",
    "normalise_name",
]

TITLES_FILE = Path(__file__).parent / "resources" / "titles.csv"
TITLE_KINDS = (
    "head_of_state", "head_of_government", "foreign_minister", "minister", "diplomat",
    "royal", "other",
)
DEFAULT_RANK = 5

#: Courtesy forms dropped from the front of a name (a trailing "." is optional); the list is
#: ``extract/resources/names.json``'s, shared with graph through ``extract.norm.names``.
HONORIFICS = _names.HONORIFICS
#: Countries whose names keep family-name-first order in Western sources.
KEEP_ORDER_COUNTRIES = _names.FAMILY_FIRST
#: Common Chinese, Korean and Vietnamese surnames: an all-caps one never flips when the
#: country is unknown ("WANG Yi" stays "Wang Yi").
FAMILY_FIRST_SURNAMES = _names.FAMILY_FIRST_SURNAMES

_TWO_LETTER_SURNAMES = frozenset(s for s in FAMILY_FIRST_SURNAMES if len(s) == 2)
_ROMAN_RE = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV)")
_HONORIFIC_RE = re.compile(
    r"^(?:%s)(?:\.|(?=\s))\s*"
    % "|".join(re.escape(h.rstrip(".")) for h in sorted(HONORIFICS, key=len, reverse=True)),
    re.IGNORECASE,
)
_LEADING_RE = re.compile(
    r"^(?:then-|then\s+|the\s+|acting\s+|interim\s+|provisional\s+)+", re.IGNORECASE
)
_ELECT_RE = re.compile(r"-elect\b", re.IGNORECASE)
_FORMER_RE = re.compile(r"^(?:former\s+|ex-)", re.IGNORECASE)
_QUALIFIER_RE = re.compile(r"^(of|for|to)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Title:
    """One office: its canonical form, the variants that mean it, its kind and rank."""

    canonical: str
    variants: tuple[str, ...]
    kind: str
    rank: int


class TitleTable:
    """Offices and their variant index; build it with `load_titles`.

    Parameters
    ----------
    titles : canonical -> Title, in table order.
    """

    def __init__(self, titles: dict[str, Title]) -> None:
        self.titles = dict(titles)
        self._exact: dict[str, str] = {}
        self._folded: dict[str, str] = {}
        for title in self.titles.values():
            for form in (title.canonical, *title.variants):
                if _is_acronym(form):
                    self._exact[form] = title.canonical
                else:
                    self._folded[_fold(form)] = title.canonical
        forms = list(self._exact) + list(self._folded)
        self._lengths = sorted({len(f) for f in forms}, reverse=True)

    def __len__(self) -> int:
        return len(self.titles)

    def match_prefix(self, text: str) -> tuple[str, int] | None:
        """Return (canonical, end) for the longest title at the start of `text`, or None."""
        for length in self._lengths:
            if length > len(text):
                continue
            if length < len(text) and (text[length].isalnum() or text[length] in "-'"):
                continue
            head = text[:length]
            canonical = self._exact.get(head) or self._folded.get(_fold(head))
            if canonical:
                return canonical, length
        return None

    def patterns(self) -> list[str]:
        """Return every surface variant in the cases text uses, longest first."""
        out: set[str] = set()
        for title in self.titles.values():
            for form in (title.canonical, *title.variants):
                out.add(form)
                if not _is_acronym(form):
                    out.add(form.lower())
                    out.add(form[0].upper() + form[1:].lower())
        return sorted(out, key=lambda f: (-len(f), f))


def load_titles(extra_files: Iterable[str | Path] = ()) -> TitleTable:
    """Load the bundled titles table, plus any user files on top.

    A user file has the columns ``canonical,variants,kind,rank`` (only ``canonical`` is
    required; variants separated by ";"). A row naming a known office adds variants (and may
    change kind and rank); a new office needs a kind. A variant a later file lists maps to that
    file's office. Results are cached per file list and modification time.

    Parameters
    ----------
    extra_files : CSV files read after the bundled one, in order.

    Returns
    -------
    The table the functions of this module use.

    Raises
    ------
    ResourceFileError
        If a file is missing or malformed; the message names the file, line and value.

    Examples
    --------
    >>> table = load_titles()
    >>> len(table) >= 60, table.titles["Premier"].kind
    (True, 'head_of_government')
    """
    return _load_cached(file_keys(extra_files, what="titles"))


def canonical_title(text: str, *, table: TitleTable | None = None) -> str | None:
    """Return the canonical form of a title string, or None if it is not exactly a title.

    Case does not matter (except for acronyms such as "PM"); honorifics, "the", "then-",
    "acting", "interim" and country words ("U.S.", "Chinese", "Japan's", "of Japan") are dropped.

    Parameters
    ----------
    text : the title as written.
    table : a table from `load_titles`; the bundled one by default.

    Returns
    -------
    The canonical title, or None if `text` is not a known title, holds more than a title, or
    is an office not (or no longer) held ("former President", "President-elect").

    Examples
    --------
    >>> canonical_title("Minister for Foreign Affairs of Japan")
    'Foreign Minister'
    >>> canonical_title("the U.S. Secretary of State"), canonical_title("Chinese Premier")
    ('Secretary of State', 'Premier')
    >>> canonical_title("EAM"), canonical_title("top diplomat")
    ('External Affairs Minister', None)
    """
    text = _clean(text)
    if _is_not_in_office(text):
        return None
    title, _, rest = _parse_title_phrase(text, table or load_titles())
    return title if title and not rest else None


def same_office(a: str | None, b: str | None) -> bool:
    """Whether two titles as written name one office (compared by their canonical form).

    Examples
    --------
    >>> same_office("Defence Minister", "Minister of Defence"), same_office("President", "Prime Minister")
    (True, False)
    """
    if not a or not b:
        return False
    return (canonical_title(a) or a) == (canonical_title(b) or b)


def title_patterns(*, table: TitleTable | None = None) -> list[str]:
    """Return every title variant in the cases it appears in text, longest first.

    Each variant comes as written in the table ("Foreign Minister"), in lower case ("foreign
    minister") and in sentence case ("Foreign minister"); acronyms ("PM", "EAM") only as
    written. Longest first, so a matcher that takes the first hit takes the longest.

    Parameters
    ----------
    table : a table from `load_titles`; the bundled one by default.

    Returns
    -------
    Distinct strings, longest first, ties in alphabetical order.

    Examples
    --------
    >>> patterns = title_patterns()
    >>> "foreign minister" in patterns, "Minister for Foreign Affairs" in patterns, "pm" in patterns
    (True, True, False)
    >>> patterns.index("Deputy Prime Minister") < patterns.index("Prime Minister")
    True
    """
    return (table or load_titles()).patterns()


def title_kind(canonical: str, *, table: TitleTable | None = None) -> str:
    """Return the kind of a canonical title (head_of_state, foreign_minister, ...).

    Parameters
    ----------
    canonical : a title as `canonical_title` returns it.
    table : a table from `load_titles`; the bundled one by default.

    Returns
    -------
    One of `TITLE_KINDS`.

    Raises
    ------
    UnknownTitle
        If `canonical` is not a canonical title (a LookupError).

    Examples
    --------
    >>> title_kind("Secretary of State"), title_kind("King"), title_kind("Ambassador")
    ('foreign_minister', 'royal', 'diplomat')
    """
    return _row(canonical, table).kind


def said_as_plural(word: str, label: str) -> bool:
    """Whether the office's last word as written, `word`, is the plural of the last word of its title `label`
    ("Presidents" of President, "Co-Chairs" of Co-Chair, "Congressmen" of Member of Congress), not another word
    ending in "s" ("Affairs" of Foreign Minister, as in "Minister of Foreign Affairs").

    Examples
    --------
    >>> said_as_plural("Presidents", "President"), said_as_plural("Congressmen", "Member of Congress")
    (True, True)
    >>> said_as_plural("Affairs", "Foreign Minister"), said_as_plural("Chairs", "Co-Chair")
    (False, True)
    """
    said, last = word.lower(), label.split()[-1].split("-")[-1].lower()
    return said != last and (said in (last + "s", last + "es", last[:-1] + "ies", last[:-3] + "men")
                             or said.endswith("men") and not last.endswith("men"))


def known_kind(title: str | None, *, table: TitleTable | None = None) -> str | None:
    """The kind of `title` (see `title_kind`), or None for no title or one the table does not hold.

    Examples
    --------
    >>> known_kind("Ambassador"), known_kind("minister of defense industry"), known_kind(None)
    ('diplomat', None, None)
    """
    if not title:
        return None
    try:
        return title_kind(title, table=table)
    except LookupError:
        return None


def title_rank(canonical: str, *, table: TitleTable | None = None) -> int:
    """Return the rank of a canonical title: 1 is the most senior.

    Parameters
    ----------
    canonical : a title as `canonical_title` returns it.
    table : a table from `load_titles`; the bundled one by default.

    Returns
    -------
    The rank, a positive integer.

    Raises
    ------
    UnknownTitle
        If `canonical` is not a canonical title.

    Examples
    --------
    >>> title_rank("President") < title_rank("Foreign Minister") < title_rank("Ambassador")
    True
    """
    return _row(canonical, table).rank


def split_title_name(
    text: str, *, table: TitleTable | None = None
) -> tuple[str | None, str, str | None]:
    """Split a titled name into (canonical title, name, country code).

    Reads a leading title with its country words ("Chinese Foreign Minister Wang Yi",
    "Secretary-General of NATO Jens Stoltenberg") or a title after a comma ("Ms. KAMIKAWA Yoko,
    Minister for Foreign Affairs of Japan"). Two joined titles give the more senior one. A
    "former" or "-elect" office is dropped and reported as no title: the person does not hold
    it at the time of the report. The country of "Ambassador to Japan"
    is the host, not the ambassador's own, so it is not returned.

    Parameters
    ----------
    text : the string to split.
    table : a table from `load_titles`; the bundled one by default.

    Returns
    -------
    (title or None, name as `normalise_name` gives it, possibly "", country code or None).

    Examples
    --------
    >>> split_title_name("Chinese Foreign Minister Wang Yi")
    ('Foreign Minister', 'Wang Yi', 'CHN')
    >>> split_title_name("Ms. KAMIKAWA Yoko, Minister for Foreign Affairs of Japan")
    ('Foreign Minister', 'Yoko Kamikawa', 'JPN')
    >>> split_title_name("Secretary-General of NATO Jens Stoltenberg")
    ('Secretary-General', 'Jens Stoltenberg', 'NATO')
    >>> split_title_name("Emperor Dom Pedro II")
    ('Emperor', 'Dom Pedro II', None)
    """
    table = table or load_titles()
    text = _clean(text)
    former = _is_not_in_office(text)
    title, country, rest = _parse_title_phrase(text, table)
    name = rest if title else text
    if title is None and "," in text:
        left, right = (part.strip() for part in text.split(",", 1))
        title, country, tail = _parse_title_phrase(right, table)
        if title and not tail:
            name = left
        else:
            title, country, tail = _parse_title_phrase(left, table)
            name = right if title and not tail else text
            if name == text:
                title, country = None, None
    if former:
        title = None
    return title, normalise_name(name.strip(" ,"), country=country), country


def normalise_name(text: str, *, country: str | None = None) -> str:
    """Return a person's name in one canonical spelling; applying it twice changes nothing.

    Drops honorifics and a possessive "'s", collapses spaces, turns all-caps family names into
    title case and puts Japanese-style "SURNAME Given" into Western order (rules in the module
    docstring). Keeps initials ("S."), roman numerals ("II"), particles ("bin", "al-",
    "van der", "de") and names already in mixed case as written.

    Parameters
    ----------
    text : the name as written.
    country : the person's country code, if known; it decides family-name order.

    Returns
    -------
    The normalised name ("" if nothing is left).

    Examples
    --------
    >>> normalise_name("Ms. KAMIKAWA Yoko"), normalise_name("HAYASHI Yoshimasa", country="JPN")
    ('Yoko Kamikawa', 'Yoshimasa Hayashi')
    >>> normalise_name("YOON Suk Yeol"), normalise_name("CHO Tae-yul", country="KOR")
    ('Yoon Suk Yeol', 'Cho Tae-yul')
    >>> normalise_name("H.E.  Mohammed bin Salman's"), normalise_name("S. Jaishankar")
    ('Mohammed bin Salman', 'S. Jaishankar')
    """
    text = _strip_honorifics(_clean(text))
    while re.search(r"\s*'s$", text):
        text = re.sub(r"\s*'s$", "", text).strip()  # "Ruiz's's" and "'s 's" strip to a fixed point
    tokens = text.split()
    if not tokens:
        return ""
    caps = [_is_caps(tok) for tok in tokens]
    if all(caps):
        return " ".join(_title_token(tok, country, i) for i, tok in enumerate(tokens))
    if (
        len(tokens) == 2
        and caps[0]
        and "-" not in tokens[1]
        and not tokens[1].endswith(".")
        and (
            country == "JPN"
            or (country is None and tokens[0].lower() not in FAMILY_FIRST_SURNAMES)
        )
    ):
        return f"{tokens[1]} {_title_token(tokens[0], country, 1)}"
    return " ".join(
        _title_token(tok, country, i) if flag else tok for i, (tok, flag) in enumerate(zip(tokens, caps))
    )


@functools.lru_cache(maxsize=16)
def _load_cached(keys: tuple[tuple[str, int, int], ...]) -> TitleTable:
    """Build a table from the bundled file and the (path, mtime) keys of user files."""
    titles: dict[str, Title] = {}
    for path in [TITLES_FILE, *(Path(p) for p, *_ in keys)]:
        _read_titles_file(path, titles)
    return TitleTable(titles)


def _read_titles_file(path: Path, titles: dict[str, Title]) -> None:
    """Merge one titles CSV into `titles`; a later file's variants win."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if "canonical" not in (reader.fieldnames or []):
                raise ResourceFileError(
                    f"{path} lacks the column 'canonical'; its header is {reader.fieldnames!r}. "
                    "Use the header canonical,variants,kind,rank."
                )
            rows = [(reader.line_num, row) for row in reader]
    except OSError as err:
        raise ResourceFileError(f"Cannot read {path}: {err.strerror}. Check the path.") from err
    except (UnicodeDecodeError, csv.Error) as err:
        raise ResourceFileError(f"{path} is not a UTF-8 CSV file ({err}). Save it as UTF-8 CSV.") from err
    for line, row in rows:
        canonical = (row.get("canonical") or "").strip()
        if not canonical:
            raise ResourceFileError(f"Empty 'canonical' in {path}, line {line}. Name the office.")
        kind = (row.get("kind") or "").strip()
        old = titles.get(canonical)
        if kind and kind not in TITLE_KINDS:
            raise ResourceFileError(
                f"Unknown title kind {kind!r} in {path}, line {line}. Use one of {', '.join(TITLE_KINDS)}."
            )
        if not kind and old is None:
            raise ResourceFileError(
                f"Title {canonical!r} in {path}, line {line} has no kind. A new office needs "
                f"one of {', '.join(TITLE_KINDS)}."
            )
        rank_text = (row.get("rank") or "").strip()
        try:
            rank = int(rank_text) if rank_text else (old.rank if old else DEFAULT_RANK)
        except ValueError:
            raise ResourceFileError(
                f"Bad rank {rank_text!r} for {canonical!r} in {path}, line {line}. Use a whole "
                "number, 1 for the most senior."
            ) from None
        variants = tuple(v.strip() for v in (row.get("variants") or "").split(";") if v.strip())
        folded = {_fold(v) for v in variants}
        for other in titles.values():
            if other.canonical != canonical and folded & {_fold(v) for v in other.variants}:
                kept = tuple(v for v in other.variants if _fold(v) not in folded)
                titles[other.canonical] = Title(other.canonical, kept, other.kind, other.rank)
        if old is not None:
            variants = tuple(dict.fromkeys(old.variants + variants))
            kind = kind or old.kind
        titles[canonical] = Title(canonical, variants, kind, rank)


def _row(canonical: str, table: TitleTable | None) -> Title:
    """Return the row of a canonical title or raise UnknownTitle naming it."""
    table = table or load_titles()
    try:
        return table.titles[canonical]
    except KeyError:
        hint = canonical_title(canonical, table=table)
        advice = f"Its canonical form is {hint!r}." if hint else "Run title_patterns() to list known titles."
        raise UnknownTitle(f"Unknown canonical title {canonical!r}. {advice}") from None


def _parse_title_phrase(text: str, table: TitleTable) -> tuple[str | None, str | None, str]:
    """Read a leading title phrase; return (canonical, country, the rest of the text)."""
    text = _FORMER_RE.sub("", _LEADING_RE.sub("", _strip_honorifics(text)))
    text = _ELECT_RE.sub("", text, count=1)
    country, after = _country_prefix(text)
    if country and table.match_prefix(after):
        text = after
    else:
        country = None
    found = table.match_prefix(text)
    if not found:
        return None, None, text
    best, end = found
    rest = text[end:].strip()
    while rest[:4].lower() == "and ":
        more = table.match_prefix(rest[4:].lstrip())
        if not more:
            break
        if table.titles[more[0]].rank < table.titles[best].rank:
            best = more[0]
        rest = rest[4:].lstrip()[more[1]:].strip()
    qualifier = _QUALIFIER_RE.match(rest)
    if qualifier:
        code, after = _country_prefix(rest[qualifier.end():], possessive=False)
        if code:
            rest = after
            if qualifier.group(1).lower() != "to":
                country = country or code
    return best, country, rest.strip(" ,")


def _country_prefix(text: str, *, possessive: bool = True) -> tuple[str | None, str]:
    """Return (code, rest) for the longest run of up to six leading words naming a country."""
    tokens = text.split()
    for k in range(min(6, len(tokens)), 0, -1):
        candidate = " ".join(tokens[:k]).rstrip(",")
        if not possessive and re.search(r"'s?$", candidate):
            continue
        code = country_code(candidate)
        if code:
            return code, " ".join(tokens[k:])
    return None, text


def _is_not_in_office(text: str) -> bool:
    """Tell whether a title phrase is a "former" or "-elect" office."""
    head = _LEADING_RE.sub("", _strip_honorifics(text))
    return bool(_FORMER_RE.match(head) or _ELECT_RE.search(head.split(",")[0]))


def _strip_honorifics(text: str) -> str:
    """Drop every honorific at the start of `text` (also "M." before a full name: see
    ``extract.norm.names.leading_honorifics``)."""
    while True:
        stripped = _HONORIFIC_RE.sub("", text, count=1)
        words = stripped.split()
        n = _names.leading_honorifics(words)
        if n == 0 and len(words) >= 4:  # a style before a long name goes ("Sheikh Tamim bin Hamad"), not "Sheikh Hasina Wazed"
            n = _names.leading_honorifics(words, styles=True)
        if 0 < n < len(words):
            stripped = " ".join(words[n:])
        if stripped == text:
            return text
        text = stripped


def _is_caps(token: str) -> bool:
    """Tell whether a token is an all-caps name (not an initial, acronym or roman numeral)."""
    letters = [ch for ch in token if ch.isalpha()]
    if not letters or not all(ch.isupper() for ch in letters) or _ROMAN_RE.fullmatch(token):
        return False
    return len(letters) >= 3 or token.lower() in _TWO_LETTER_SURNAMES | {"al", "el"}


def _title_token(token: str, country: str | None, position: int) -> str:
    """Title-case one all-caps token ("O'BRIEN" -> "O'Brien", "TAE-YUL" -> "Tae-yul" for Korea)."""
    if not _is_caps(token):
        return token
    if (position > 0 and _names.is_particle(token) and token.lower() not in _names.CAPITALISED_PARTICLES
            and country not in _names.NO_PARTICLE_COUNTRIES):
        return token.lower()
    parts = token.split("-")
    out = []
    for i, part in enumerate(parts):
        if i > 0 and country in ("KOR", "PRK"):
            out.append(part.lower())
        else:
            out.append("'".join(p[:1].upper() + p[1:].lower() for p in part.split("'")))
    return "-".join(out)


def _is_acronym(form: str) -> bool:
    """Tell whether a form has no lower-case letter ("PM", "EAM"), so case must match."""
    return not any(ch.islower() for ch in form)


def _fold(text: str) -> str:
    """Case- and accent-insensitive key with unified apostrophes, dashes and spaces."""
    return " ".join(fold(text).split())


def _clean(text: str) -> str:
    """Collapse whitespace, unify apostrophes and strip outer punctuation and quotes."""
    text = " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())
    return text.strip(" ,;:\"\u201c\u201d")
