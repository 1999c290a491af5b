"""The one fuzzy matcher for what users type: names, countries, topics and node labels.

graph's queries and views both suggest "closest" values when a name is not found; they use
this function, so the same typo gets the same suggestions everywhere. rapidfuzz's WRatio on
folded text (case and accents ignored). This module only ranks; deciding what is an exact
match is the caller's job.
"""

from __future__ import annotations

from typing import Hashable, Iterable, Mapping

from extract.norm.text import fold

__all__ = ["closest"]

#: How many suggestions an error message lists.
CLOSEST = 3


def closest(query: str, choices: Mapping[Hashable, str] | Iterable[str], *, limit: int = CLOSEST,
            cutoff: float = 60.0, spread: float | None = 15.0) -> list:
    """Return the choices nearest to `query`, best first.

    Parameters
    ----------
    query : what the user typed.
    choices : strings, or key -> string (the keys are returned).
    limit : at most this many results.
    cutoff : the lowest score (0-100) a result may have.
    spread : keep only results within this many points of the best (None: no limit), so a
        near miss is not followed by unrelated names.

    Returns
    -------
    Keys (for a mapping) or strings, best first; ties in input order.

    Examples
    --------
    >>> closest("Blinkin", ["Antony Blinken", "Wang Yi", "Yoko Kamikawa"])
    ['Antony Blinken']
    >>> closest("jpn", {"JPN": "JPN Japan", "CHN": "CHN China"}, cutoff=0, spread=None)
    ['JPN', 'CHN']
    """
    from rapidfuzz import fuzz, process

    if isinstance(choices, Mapping):
        folded = {key: fold(str(text)) for key, text in choices.items()}
    else:
        folded = {text: fold(str(text)) for text in dict.fromkeys(choices)}
    if not folded:
        return []
    found = process.extract(fold(query), folded, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff)
    if spread is not None and found:
        found = [f for f in found if f[1] >= found[0][1] - spread]
    return [key for _, _, key in found]
