"""Normalisation shared by extract and graph: text folding, parts of names, countries, fuzzy input.

One layer, so the two packages cannot disagree on who or which country a string names:

- ``extract.norm.text``: `fold` and `strip_accents` (the only accent folding in the project);
- ``extract.norm.names``: honorifics, styles, suffixes, particles, family-name-first countries
  and surnames (lists in ``extract/resources/names.json``);
- ``extract.norm.countries``: `resolve_country`, `normalize_country`, `country_label`,
  `is_country_code`, built on the extractor's country table and pycountry;
- ``extract.norm.fuzzy``: `closest`, the one resolver for what users type (rapidfuzz).

Pure Python: importing it imports no spaCy, so ``graph`` can use it.

Examples
--------
>>> from extract.norm import fold, resolve_country
>>> fold("Türkiye"), resolve_country("Türkiye")
('turkiye', 'TUR')
"""

from extract.norm.countries import country_label, is_country_code, normalize_country, resolve_country
from extract.norm.fuzzy import closest
from extract.norm.names import (
    FAMILY_FIRST,
    HONORIFICS,
    PARTICLES,
    STYLES,
    is_honorific,
    is_particle,
    is_style,
    is_suffix,
    leading_honorifics,
    strip_honorifics,
    word_key,
)
from extract.norm.text import fold, strip_accents

__all__ = [
    "fold", "strip_accents",
    "HONORIFICS", "STYLES", "PARTICLES", "FAMILY_FIRST",
    "word_key", "is_honorific", "is_style", "is_suffix", "is_particle", "leading_honorifics", "strip_honorifics",
    "resolve_country", "normalize_country", "country_label", "is_country_code",
    "closest",
]
