"""Folding text for comparison: accents, letters Unicode does not decompose, apostrophes, case.

Every comparison of names, countries, places and titles in extract and graph goes through
`fold` (or `strip_accents` where case must stay), so "Wałęsa", "Walesa" and "WALESA" are one
key everywhere. Folded text is for comparing, never for display. This module does not split
words or drop honorifics (see ``extract.norm.names``).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["fold", "strip_accents"]

#: Letters NFKD does not split into a base letter and a mark ("Wałęsa" is "Walesa").
_UNDECOMPOSED = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss", "æ": "ae",
    "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
})
#: Typographic apostrophes and hyphens written as their ASCII forms.
_PUNCTUATION = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"})


@lru_cache(maxsize=200_000)
def strip_accents(text: str) -> str:
    """Return `text` without accents and with ASCII apostrophes, keeping case.

    Examples
    --------
    >>> strip_accents("Wałęsa and Støre’s")
    "Walesa and Store's"
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED).translate(_PUNCTUATION))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Return the comparison key of `text`: accents stripped (see `strip_accents`), casefolded.

    Parameters
    ----------
    text : any string.

    Returns
    -------
    The folded string; spaces and other punctuation are kept as they are.

    Examples
    --------
    >>> fold("José Manuel ALBARES"), fold("Türkiye"), fold("Lech Wałęsa")
    ('jose manuel albares', 'turkiye', 'lech walesa')
    """
    return strip_accents(text).casefold()
