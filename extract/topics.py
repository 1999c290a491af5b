"""The topics component: what each held meeting was about, with the sentence that says so.

Topics come from the meeting's own sentences (the trigger sentence and the sentences that
refer back to it), never from quotations, headlines or clutter:

- phrases of the topic table ("freedom of navigation", "Taiwan Strait"), normalised to
  the table's label and category;
- countries discussed as subjects ("issues regarding China and North Korea"), except the
  participants' own countries and countries that only qualify a title ("U.S. Secretary");
- a free label for the object of "discussed ..." or "talks on ..." when nothing in the
  table covers it.

Labels are deduplicated per meeting; each topic carries its evidence offsets.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

__all__ = ["TopicFinder", "assign_topics"]

_FREE_HEADS = {"discuss", "review", "address", "exchange"}
_FREE_PREPS = {"on", "about", "regarding", "concerning", "over"}
_GENERIC = {"issue", "issues", "matter", "matters", "relations", "ties", "cooperation", "situation", "view", "views",
            "way", "ways", "areas", "area", "topic", "topics", "question", "questions", "development",
            "developments", "range", "number", "host", "efforts", "importance", "things", "meeting", "talks", "call"}
_COUNTRY_TOPIC_CATEGORY = "country or region as subject"


def assign_topics(doc: Doc, meetings: list, officials: list, *, table=None) -> None:
    """Fill ``meeting.topics`` (a list of dicts: label, category, evidence) for each meeting.

    Parameters
    ----------
    doc : a Doc that ran the gazetteer, officials and meetings components.
    meetings : the document's meetings (held or planned).
    officials : the document's officials (to leave out participants' own countries).
    table : a ``TopicTable`` for categories of table labels.
    """
    sents = list(doc.sents)
    quoted = _quoted(doc)
    topic_spans = list(doc.spans.get("dg_topics", []))
    country_spans = list(doc.spans.get("dg_countries", []))
    title_spans = list(doc.spans.get("dg_titles", []))
    near_title = set()
    for t in title_spans:
        near_title.update(range(max(0, t.start - 3), t.end + 4))
    from .countries import country_name, is_demonym

    for m in meetings:
        own = {officials[p].country for p in m.participants if officials[p].country}
        found: dict[str, dict] = {}

        def add(label: str, category: str | None, sp: Span, sent: Span) -> None:
            key = label.lower()
            if key not in found:
                found[key] = {"label": label, "category": category, "evidence": [
                    {"start": sent.start_char, "end": sent.end_char, "text": sent.text}]}

        for si in sorted(m.sentences):
            sent = sents[si]
            for sp in topic_spans:
                if sp.start >= sent.start and sp.end <= sent.end and sp.start not in quoted:
                    topic = table.get(sp.label_) if table is not None else None
                    add(sp.label_, topic.category if topic else None, sp, sent)
            for sp in country_spans:
                if not (sp.start >= sent.start and sp.end <= sent.end) or sp.start in quoted:
                    continue
                code = sp.label_
                if code in own or sp.start in near_title or is_demonym(sp.text):
                    continue
                if any(sp.start >= o and sp.start < e for o, e in _mention_tokens(officials, m)):
                    continue
                if m.location and m.location.get("country") == code and _after_in(doc, sp):
                    continue
                add(country_name(code), _COUNTRY_TOPIC_CATEGORY, sp, sent)
            for label, sp in _free_labels(sent, quoted):
                if not any(label.lower() in k or k in label.lower() for k in found):
                    add(label, None, sp, sent)
        m.topics = list(found.values())


def _mention_tokens(officials: list, meeting) -> list[tuple[int, int]]:
    out = []
    for p in meeting.participants:
        out.extend(officials[p].tokens)
    return out


def _after_in(doc: Doc, sp: Span) -> bool:
    return sp.start > 0 and doc[sp.start - 1].lower_ in ("in", "to", "at")


def _free_labels(sent: Span, quoted: set[int]):
    """Objects of "discussed X" and "talks on X" as short labels (compounds and adjectives kept)."""
    for tok in sent:
        if tok.i in quoted:
            continue
        target = None
        if tok.pos_ == "VERB" and tok.lemma_.lower() in _FREE_HEADS:
            target = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
        elif tok.lower_ in _FREE_PREPS and tok.head.lower_ in ("talks", "views", "discussions", "meeting", "call",
                                                                  "exchanged", "talked", "spoke", "focused"):
            target = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if target is None or target.lower_ in _GENERIC or target.pos_ not in ("NOUN", "PROPN"):
            continue
        mods = [c for c in target.children if c.dep_ in ("compound", "amod") and c.i < target.i]
        start = min([target.i] + [m.i for m in mods])
        span = sent.doc[start:target.i + 1]
        words = span.text.split()
        if 1 <= len(words) <= 4 and not any(w.lower() in ("his", "her", "their", "its") for w in words):
            yield span.text, span


def _quoted(doc: Doc) -> set[int]:
    from .meetings import _quoted_tokens

    return _quoted_tokens(doc)


class TopicFinder:
    """spaCy component: fills the topics of ``doc._.dg_meetings`` and ``doc._.dg_planned``."""

    def __init__(self, nlp: Language, name: str = "diplograph_topics"):
        self.name = name
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        gaz = next((proc for _, proc in self.nlp.pipeline if hasattr(proc, "topics")), None)
        table = getattr(gaz, "topics", None)
        officials = doc._.dg_officials or []
        assign_topics(doc, (doc._.dg_meetings or []) + (doc._.dg_planned or []), officials, table=table)
        return doc


@Language.factory("diplograph_topics", assigns=["doc._.dg_meetings"], default_config={})
def make_topics(nlp: Language, name: str) -> TopicFinder:
    """Create the topics component (registered as ``diplograph_topics``)."""
    return TopicFinder(nlp, name)
