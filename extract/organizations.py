"""Organisations a report names: parties, agencies, companies, institutions.

The base model's ORG entities are noisy on news text (headline fragments, datelines,
news agencies, office titles). This module keeps only what reads as an organisation's
name: not in the headline, not a place, title, country or international body (those have
their own lists), not a news agency, not a fragment ending in a preposition.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import re


from .countries import country_code, is_region

if TYPE_CHECKING:  # only for annotations: importing this module must not load spaCy
    from spacy.tokens import Doc

__all__ = ["organizations", "NEWS_AGENCIES"]

NEWS_AGENCIES = {"AP", "AFP", "Reuters", "Xinhua", "Kyodo", "Yonhap", "TASS", "CCTV", "ANI", "PTI", "Bernama",
                 "Antara", "Anadolu", "BBC", "CNN", "NHK", "KCNA", "IRNA", "WAM", "SPA", "dpa", "ANSA", "EFE",
                 "Interfax", "RIA", "Sputnik", "Bloomberg", "AAP", "VNA"}
_ENDINGS = {"of", "for", "and", "the", "in", "on", "to", "with", "'s", "’s"}


def organizations(doc: Doc) -> list[dict]:
    """Return ``[{"name": ...}]`` for the organisations named in `doc`'s body, in order, without repeats.

    Examples
    --------
    >>> from extract.pipeline import load_pipeline
    >>> doc = load_pipeline()("Talks in Doha\\n\\nThe Islamist group Hamas and the Democratic Progressive Party "
    ...                       "responded on U.S.-Japan ties in the Indo-Pacific, AP reported.")
    >>> [o["name"] for o in organizations(doc)]
    ['Hamas', 'Democratic Progressive Party']
    """
    headline_end = doc.text.find("\n\n") if doc.text.count("\n\n") and doc.text.find("\n\n") < 250 else -1
    blocked = set()
    for group in ("dg_titles", "dg_countries", "dg_places"):
        for sp in doc.spans.get(group, []):
            blocked.update(range(sp.start, sp.end))
    mentioned = set(doc._.dg_mention_of or {})
    names: list[str] = []
    for ent in doc.ents:
        if ent.label_ != "ORG" or ent.start_char < headline_end:
            continue
        toks = [t for t in ent if not t.is_space]
        while toks and toks[0].lower_ == "the":
            toks = toks[1:]
        while toks and (toks[-1].lower_ in _ENDINGS or toks[-1].is_punct):
            toks = toks[:-1]
        if not toks or len(toks) > 8:
            continue
        if any(t.i in mentioned for t in toks) or all(t.i in blocked for t in toks if t.is_alpha or "." in t.text):
            continue  # a person, or only country and title words ("U.S.-Japan")
        if toks[0].i in blocked and len(toks) <= 2:
            continue
        text = doc[toks[0].i:toks[-1].i + 1].text
        if all(country_code(part) for part in re.split(r"[-–/]", text) if part):
            continue  # "U.S.-Japan", "China-Russia": countries, not an organisation
        if text in NEWS_AGENCIES or text.isupper() and len(text) > 5 and " " in text or is_region(text):
            continue  # agencies; datelines such as "NUSA DUA"; regions such as "the Indo-Pacific"
        if not (text.isupper() and len(text) >= 2 or text[:1].isupper()):
            continue
        if text not in names:
            names.append(text)
    return [{"name": n} for n in names]
