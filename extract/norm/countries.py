"""One country resolver for extract and graph: names, aliases and codes to one code.

Built on the extractor's country table (``extract/resources/countries.csv``: ISO 3166-1 short
names, the aliases news uses, historic names such as "Burma", "Swaziland", "Macedonia", "Cape
Verde", "Vatican" and "England", former states, Kosovo and international bodies) with pycountry
behind it for what the table does not spell (alpha-2 codes, ISO official names). The extractor
reads text with ``extract.countries.country_code``; this module adds what a record value or a
user's input needs: a code check, a repair with a warning, a readable name for any code. It does
not find countries in running text.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["is_country_code", "resolve_country", "normalize_country", "country_label"]

_ALPHA3 = re.compile(r"[A-Z]{3}")
#: A body that is not in the table: an upper-case short name of four letters or more ("QUAD").
_BODY_NAME = re.compile(r"[A-Z][A-Z0-9]{3,11}")
_FORM_KINDS = ("name", "alias", "demonym")


@lru_cache(maxsize=4096)
def is_country_code(code: str) -> bool:
    """Tell whether `code` is a valid record code.

    Valid: the table's codes (countries, bodies such as ``EUU`` and ``NATO``, former states
    such as ``SUN``, Kosovo's ``XKX``), any ISO 3166-1 alpha-3 or ISO 3166-3 code pycountry
    knows, and user-assigned ``X..`` codes.

    Examples
    --------
    >>> [is_country_code(c) for c in ["JPN", "EUU", "NATO", "SUN", "XKX", "QQZ", "Japan"]]
    [True, True, True, True, True, False, False]
    """
    import pycountry

    from extract.countries import BODY_CODES, EXTRA_CODES, load_countries

    if code in BODY_CODES or code in EXTRA_CODES or code in load_countries().countries:
        return True
    if not _ALPHA3.fullmatch(code):
        return False
    return (code.startswith("X") or pycountry.countries.get(alpha_3=code) is not None
            or pycountry.historic_countries.get(alpha_3=code) is not None)


@lru_cache(maxsize=4096)
def resolve_country(text: str) -> str | None:
    """Return the code of the country or body that `text` names or codes, or None.

    Parameters
    ----------
    text : a code ("JPN", "jp", "EUU"), a name, alias or demonym ("Burma", "the U.S.",
        "Japanese"), or an ISO official name ("Korea, Republic of").

    Returns
    -------
    The code; None when nothing matches or the name is ambiguous ("Congo").

    Examples
    --------
    >>> [resolve_country(t) for t in ["JPN", "Japan", "Burma", "England", "Swaziland", "JP"]]
    ['JPN', 'JPN', 'MMR', 'GBR', 'SWZ', 'JPN']
    >>> [resolve_country(t) for t in ["uk", "the netherlands", "UAE", "u.s."]]
    ['GBR', 'NLD', 'ARE', 'USA']
    >>> resolve_country("Cape Verde"), resolve_country("Vatican"), resolve_country("Macedonia")
    ('CPV', 'VAT', 'MKD')
    >>> resolve_country("European Union"), resolve_country("NATO"), resolve_country("QUAD")
    ('EUU', 'NATO', 'QUAD')
    >>> resolve_country("Congo") is None, resolve_country("QQZ") is None
    (True, True)
    """
    import pycountry

    from extract.countries import BODY_CODES, load_countries

    text = " ".join(text.split())
    if not text:
        return None
    if text.upper() in BODY_CODES and text.isupper():
        return text.upper()
    if _ALPHA3.fullmatch(text) and is_country_code(text):
        return text
    table = load_countries()
    code = table.code(text, _FORM_KINDS, any_case=True)
    if code or table.codes(text, _FORM_KINDS):
        return code
    if _ALPHA3.fullmatch(text):
        return None
    if _BODY_NAME.fullmatch(text):
        return text
    try:
        return pycountry.countries.lookup(text).alpha_3
    except LookupError:
        return None


def normalize_country(value: object) -> tuple[str, str | None]:
    """Return the code for a record's country value and a warning when it was repaired or dropped.

    Parameters
    ----------
    value : a code or name from a record; None or "" means unknown.

    Returns
    -------
    ``(code, warning)``: code is "" when unknown; warning is None when nothing was changed.

    Examples
    --------
    >>> normalize_country("JPN"), normalize_country("NATO"), normalize_country(None)
    (('JPN', None), ('NATO', None), ('', None))
    >>> normalize_country("Burma")
    ('MMR', "country 'Burma' repaired to 'MMR'")
    >>> normalize_country("QQZ")[0]
    ''
    """
    text = " ".join(str(value).split()) if value is not None else ""
    if not text:
        return "", None
    code = resolve_country(text)
    if code == text:
        return code, None
    if code:
        return code, f"country {text!r} repaired to {code!r}"
    return "", f"unknown country {text!r} dropped; use an ISO 3166-1 alpha-3 code such as 'USA'"


@lru_cache(maxsize=4096)
def country_label(code: str) -> str:
    """Return the readable name of a code: the table's short name, else pycountry's, else the code.

    Examples
    --------
    >>> [country_label(c) for c in ["JPN", "RUS", "EUU", "NATO", "SUN", "QUAD"]]
    ['Japan', 'Russia', 'European Union', 'NATO', 'Soviet Union', 'QUAD']
    """
    import pycountry

    from extract.countries import load_countries

    country = load_countries().countries.get(code)
    if country is not None:
        return country.name
    entry = pycountry.countries.get(alpha_3=code) if _ALPHA3.fullmatch(code) else None
    if entry is None and _ALPHA3.fullmatch(code):
        entry = pycountry.historic_countries.get(alpha_3=code)
    if entry is None:
        return code
    return getattr(entry, "common_name", None) or entry.name
