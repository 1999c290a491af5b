"""Parts of people's names that extract and graph must read alike.

Honorifics ("H.E.", "His Excellency", "Tan Sri"), styles ("Sheikh"), generational suffixes,
family-name particles ("von der", "bin"), the countries whose names may be written family name
first, and common family-first surnames. The lists live in ``extract/resources/names.json``
(one owner, loaded and validated by ``extract.lexicon``); this module answers questions about
single words and word sequences. It does not parse whole names: the extractor's
``extract.titles.normalise_name`` and graph's ``graph.identity.parse_name`` do, with these parts.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from extract.lexicon import load_lexicon
from extract.norm.text import fold

__all__ = [
    "HONORIFICS",
    "INITIAL_HONORIFICS",
    "STYLES",
    "PEER_STYLES",
    "NAME_SUFFIXES",
    "PARTICLES",
    "LEADING_PARTICLES",
    "CAPITALISED_PARTICLES",
    "FAMILY_FIRST",
    "LAST_WORD_COUNTRIES",
    "NO_PARTICLE_COUNTRIES",
    "FAMILY_FIRST_SURNAMES",
    "GIVEN_NAME_COUNTRIES",
    "word_key",
    "is_honorific",
    "is_style",
    "is_peer_style",
    "is_suffix",
    "is_particle",
    "leading_honorifics",
    "strip_honorifics",
]

_LISTS = load_lexicon("names")

#: Forms of address as written, longest first ("His Excellency" before "Excellency").
HONORIFICS: tuple[str, ...] = tuple(sorted(_LISTS["honorifics"], key=lambda h: (-len(h), h)))
#: Honorifics that look like an initial ("M." for Monsieur), dropped only before a full given name.
INITIAL_HONORIFICS: frozenset[str] = frozenset(_LISTS["initial_honorifics"])
#: Styles dropped only before a full name ("Sheikh Mohamed bin Zayed", not "Sheikh Hasina").
STYLES: frozenset[str] = frozenset(_LISTS["styles"])
#: Peers' styles among `STYLES`: "Lord Ahmad" is a peer's whole name.
PEER_STYLES: frozenset[str] = frozenset(_LISTS["peer_styles"])
#: Generational suffixes and regnal numbers ("Jr.", "III").
NAME_SUFFIXES: frozenset[str] = frozenset(_LISTS["name_suffixes"])
#: Lower-case particles that belong to the family name after them.
PARTICLES: frozenset[str] = frozenset(_LISTS["particles"])
#: Particles that start a family name even with a capital ("Van Rompuy").
LEADING_PARTICLES: frozenset[str] = frozenset(_LISTS["leading_particles"])
#: Particles whose family names keep a capital ("Al Saud", "Abu Mazen").
CAPITALISED_PARTICLES: frozenset[str] = frozenset(_LISTS["capitalised_particles"])
#: Countries whose names English text may write family name first.
FAMILY_FIRST: frozenset[str] = frozenset(_LISTS["family_first_countries"])
#: Family-first countries whose people are still called by the last word of the name.
LAST_WORD_COUNTRIES: frozenset[str] = frozenset(_LISTS["last_word_countries"])
#: Countries whose names have no particles ("Vo Van Thuong").
NO_PARTICLE_COUNTRIES: frozenset[str] = frozenset(_LISTS["no_particle_countries"])
#: Countries whose people are called by their given name ("Abiy"), the second name being the father's.
GIVEN_NAME_COUNTRIES: frozenset[str] = frozenset(_LISTS["given_name_countries"])
#: Common Chinese, Korean and Vietnamese family names, folded.
FAMILY_FIRST_SURNAMES: frozenset[str] = frozenset(_LISTS["family_first_surnames"])
#: Folded spellings of one given name -> the first form of its group ("mohammed" -> "muhammad").
SPELLING_VARIANTS: dict[str, str] = {form: line.split()[0] for line in _LISTS["spelling_variants"] for form in line.split()}


def word_key(word: str) -> str:
    """Return the key one word of a name is compared by: folded, without apostrophes and a final dot.

    Inner dots stay, so "H.E." is not the name "He" ("He Lifeng").

    Examples
    --------
    >>> word_key("H.E."), word_key("HE"), word_key("Dato'"), word_key("Señor")
    ('h.e', 'he', 'dato', 'senor')
    """
    return fold(word).replace("'", "").rstrip(".")


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[str, ...], ...]:
    """Honorific phrases as tuples of word keys, longest first."""
    phrases = {tuple(word_key(w) for w in h.split()) for h in HONORIFICS}
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


_SINGLE = frozenset(p[0] for p in _phrases() if len(p) == 1)
#: The honorific phrases by their first word key, longest first (what ``leading_honorifics`` tries at a word).
_PHRASES_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _p in _phrases():
    _PHRASES_BY_FIRST[_p[0]] = _PHRASES_BY_FIRST.get(_p[0], ()) + (_p,)
_STYLE_KEYS = frozenset(word_key(s) for s in STYLES)
_PEER_KEYS = frozenset(word_key(s) for s in PEER_STYLES)
_INITIAL_KEYS = frozenset(word_key(s) for s in INITIAL_HONORIFICS)
_SUFFIX_KEYS = frozenset(word_key(s) for s in NAME_SUFFIXES)
_PARTICLE_KEYS = frozenset(fold(p) for p in PARTICLES)


def is_honorific(word: str) -> bool:
    """Tell whether `word` alone is a form of address ("Mr.", "H.E", "excellency").

    Examples
    --------
    >>> is_honorific("Mr."), is_honorific("H.E"), is_honorific("He"), is_honorific("Tan"), is_honorific("Sheikh")
    (True, True, False, False, False)
    """
    return word_key(word) in _SINGLE


def is_style(word: str) -> bool:
    """Tell whether `word` is a style such as "Sheikh" or "Lord" (see `STYLES`).

    Examples
    --------
    >>> is_style("sheikh"), is_style("Mr")
    (True, False)
    """
    return word_key(word) in _STYLE_KEYS


def is_peer_style(word: str) -> bool:
    """Tell whether `word` is a peer's style such as "Lord" (see `PEER_STYLES`).

    Examples
    --------
    >>> is_peer_style("lord"), is_peer_style("Sheikh")
    (True, False)
    """
    return word_key(word) in _PEER_KEYS


def is_suffix(word: str) -> bool:
    """Tell whether `word` is a generational suffix or regnal number ("Jr.", "III").

    Examples
    --------
    >>> is_suffix("jr"), is_suffix("III"), is_suffix("Jones")
    (True, True, False)
    """
    return word_key(word) in _SUFFIX_KEYS


def is_particle(word: str, *, leading: bool = False) -> bool:
    """Tell whether `word` is a family-name particle ("von", "bin", "al-").

    Parameters
    ----------
    word : one word as written; a trailing hyphen is ignored ("al-").
    leading : the word starts the name: then a capitalised word counts only if it is one of
        `LEADING_PARTICLES` ("Van Rompuy" yes, "Ben Wallace" no).

    Examples
    --------
    >>> is_particle("von"), is_particle("al-"), is_particle("Ben", leading=True), is_particle("Van", leading=True)
    (True, True, False, True)
    """
    key = fold(word.rstrip("-"))
    if leading and word[:1].isupper():
        return key in LEADING_PARTICLES
    return key in _PARTICLE_KEYS


def leading_honorifics(words: Sequence[str], *, styles: bool = False, also: frozenset[str] = frozenset()) -> int:
    """Return how many words at the start of `words` are honorifics (and styles if asked).

    Multi-word honorifics only count whole: "Tan Sri Muhyiddin" starts with two, "Tan Kin
    Lian" with none. An honorific written like an initial ("M.") counts only before a full
    given name and a family name.

    Parameters
    ----------
    words : the words of a name or a text, in order.
    styles : also count styles such as "Sheikh" (see `STYLES`), when a given name and a family
        name follow ("Sheikh Mohamed bin Zayed"; "Sheikh Hasina" is her name).
    also : more words to count, as word keys (lower case, no final dot): a caller's own
        words of address such as "the".

    Examples
    --------
    >>> leading_honorifics("H.E. Mr. Wang Yi".split()), leading_honorifics("Tan Sri Muhyiddin".split())
    (2, 2)
    >>> leading_honorifics("Tan Kin Lian".split()), leading_honorifics(["Sheikh", "Hasina"], styles=True)
    (0, 0)
    >>> leading_honorifics("Sheikh Mohamed bin Zayed".split(), styles=True)
    1
    >>> leading_honorifics("M. Emmanuel Macron".split()), leading_honorifics("M. K. Stalin".split())
    (1, 0)
    >>> leading_honorifics("HE Hadi Farajvan".split()), leading_honorifics("HE SAID THAT".split())
    (1, 0)
    """
    keys = [word_key(w) for w in words]
    i = 0
    while i < len(keys):
        for phrase in _PHRASES_BY_FIRST.get(keys[i], ()):
            if tuple(keys[i:i + len(phrase)]) == phrase:
                i += len(phrase)
                break
        else:
            if (styles and keys[i] in _STYLE_KEYS and len(keys) - i > 2) or keys[i] in also:
                i += 1
                continue
            if words[i] == "HE" and len(keys) > i + 2 and (words[i + 1][:1].isupper() and words[i + 1][1:2].islower()
                                                            or words[i + 1] == "("):
                i += 1  # "led by the chairman HE Ahmad Salek Kashani": His Excellency without dots, before a name
                continue
            if keys[i] in _INITIAL_KEYS and words[i].endswith(".") and len(keys) > i + 2 \
                    and len(keys[i + 1]) > 1 and keys[i + 1].isalpha() and words[i + 1][:1].isupper():
                i += 1
                continue
            return i
    return i


def strip_honorifics(name: str, *, styles: bool = False) -> str:
    """Return `name` without the honorifics (and styles if asked) at its start.

    A name that is nothing but honorifics is returned unchanged.

    Examples
    --------
    >>> strip_honorifics("His Excellency Mr. Wang Yi"), strip_honorifics("Sheikh Tamim bin Hamad", styles=True)
    ('Wang Yi', 'Tamim bin Hamad')
    >>> strip_honorifics("Dr.")
    'Dr.'
    """
    words = name.split()
    n = leading_honorifics(words, styles=styles)
    return " ".join(words[n:]) if 0 < n < len(words) else name
