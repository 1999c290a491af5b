"""The meetings component: which meetings the report says were held, and between whom.

A meeting comes from a trigger (met, held talks, received, hosted, visited, called,
spoke by phone, video conference, summit...) and the officials in the trigger's own
clause: its subject (a pronoun resolved to the last acting official) and its objects
("with X", "X and Y"), never officials in a clause it governs ("agreed that the Prime
Minister will visit") or inside quotations. Later sentences that refer back ("they",
"the two ministers", "in the talks") belong to the same meeting and supply its topics.

Meetings announced, planned or hoped for ("will visit", "is scheduled to meet",
"invited ... to visit") go to ``planned``; meetings negated or cancelled go nowhere.
Kind: ``call`` for phone and video calls, ``multilateral`` for three or more parties,
otherwise ``in_person``. Date: a date in the trigger sentence (or a sentence that tells the
meeting again), resolved against the publication date; the publication date itself only for a
transcript's meeting or a meeting of the same story as one the text dates to that day; else
none. Place: a city, venue or event in the
trigger sentence, else the dateline for meetings in person.

This module is the component and its entry points; the steps are modules of their own, each a
set of functions of the document's ``MeetingContext`` (meeting_context.py): triggers
(meeting_triggers.py), status (meeting_status.py), discourse (meeting_discourse.py),
participants (meeting_participants.py), one trigger as several meetings (meeting_split.py),
when and where (meeting_when_where.py), assembly (meeting_assembly.py), merging within the
document (meeting_merge.py) and the walk that chains them (meeting_search.py). The state they
pass is typed (meeting_types.py); their word lists are data (resources/meeting_words.json, read
as meeting_words.WORDS), their rules patterns with ids (resources/patterns/*.jsonl).
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (the doc._.dg_* attributes)
from .guard import guarded
from .meeting_context import MeetingContext, quoted_tokens
from .meeting_search import search
from .meeting_types import Meeting
from .rules import load_rules

__all__ = ["Meeting", "MeetingFinder", "find_meetings", "load_triggers"]

_quoted_tokens = quoted_tokens  # the name extract.topics imports


@lru_cache(maxsize=8)
def load_triggers(path: str | None = None) -> dict:
    """Load the trigger lexicon (the bundled one, or a user file of the same shape).

    Examples
    --------
    >>> "meet" in load_triggers()["verbs"]
    True
    """
    if path is None:
        text = resources.files("extract").joinpath("resources/triggers.json").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    data = json.loads(text)
    lex = {k: (set(v) if isinstance(v, list) else v) for k, v in data.items()}
    rules = load_rules()  # the trigger words' one owner: extract/resources/patterns/triggers.jsonl
    verbs, nouns = rules.words("trigger.verb.", "LEMMA"), rules.words("trigger.noun.", "LOWER")
    lex["user_verbs"] = set(data.get("verbs", ())) - verbs  # a user file's own trigger words
    lex["user_nouns"] = set(data.get("nouns", ())) - nouns
    lex["verbs"], lex["nouns"] = verbs | lex["user_verbs"], nouns | lex["user_nouns"]
    return lex


def find_meetings(doc: Doc, officials: list, *, anchor: date | None = None, dateline: str | None = None,
                  lexicon: dict | None = None, fired: set[str] | None = None) -> tuple[list[Meeting], list[Meeting]]:
    """Return (held, planned) meetings of `doc`, which must have run the officials component.

    Parameters
    ----------
    doc : a Doc with ``doc._.dg_mention_of`` (token -> official index) and the gazetteer spans.
    officials : the document's officials, as found by ``find_officials``.
    anchor : the publication date, against which relative dates resolve.
    dateline : the dateline place ("Washington"), used for meetings in person with no place.
    lexicon : the trigger lexicon (``load_triggers()`` by default).
    fired : a set that receives the id of every rule that decided something, including the
        rules that dropped a meeting (negated), which no record shows.
    """
    result = search(MeetingContext.of(doc, officials, anchor, dateline, lexicon or load_triggers()))
    if fired is not None:
        fired.update(result.fired)
    return result.held, result.planned


class MeetingFinder:
    """spaCy component: sets ``doc._.dg_meetings`` and ``doc._.dg_planned``."""

    def __init__(self, nlp: Language, name: str = "diplograph_meetings", *, triggers_file: str | None = None):
        self.name = name
        self.lexicon = load_triggers(triggers_file)

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        fired: set[str] = set()
        held, planned = find_meetings(doc, doc._.dg_officials or [], anchor=doc._.dg_anchor,
                                      dateline=doc._.dg_dateline, lexicon=self.lexicon, fired=fired)
        doc._.dg_meetings = held
        doc._.dg_planned = planned
        doc._.dg_rules_fired = sorted(fired)
        return doc


@Language.factory("diplograph_meetings", assigns=["doc._.dg_meetings", "doc._.dg_planned", "doc._.dg_rules_fired"],
                  default_config={"triggers_file": None})
def make_meetings(nlp: Language, name: str, triggers_file: str | None) -> MeetingFinder:
    """Create the meetings component (registered as ``diplograph_meetings``)."""
    return MeetingFinder(nlp, name, triggers_file=triggers_file)
