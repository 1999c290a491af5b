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
otherwise ``in_person``. Date: a date in the trigger sentence, resolved against the
publication date, else the publication date. Place: a city, venue or event in the
trigger sentence, else the dateline for meetings in person.

The date and place rules live in ``meeting_when_where.py``, the rules that fold two findings
of one meeting together in ``meeting_merge.py``.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import extensions  # noqa: F401  (the doc._.dg_* attributes)
from .guard import guarded
from .rules import dependency_rule_at, load_rules, token_rule_at
from .meeting_merge import merge_into as _merge_into
from .meeting_merge import without_headline_summaries as _without_headline_summaries
from .meeting_when_where import WhenWhere, dateline_place as _dateline_place, since_tokens as _since_tokens

__all__ = ["Meeting", "MeetingFinder", "find_meetings", "load_triggers"]

_CLAUSE_BREAKS = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "xcomp", "conj", "appos"}
_PRONOUNS_ONE = {"he", "she", "him", "her"}
_PRONOUNS_MANY = {"they", "them", "both", "we"}
_DEFINITE = {"the", "this", "that", "their", "these", "its", "his", "her", "those"}
LEDE = 2  # lines of a report's opening: headline and first paragraph
_DEFINITE_REFS = {"it", "which"}  # "It was attended by ...", "..., which was attended by ..."


@dataclass
class Meeting:
    """A meeting found in one document; participants are indices into the officials list."""

    kind: str
    participants: list[int]
    date: date | None = None
    location: dict | None = None
    planned: bool = False
    sentences: list[int] = field(default_factory=list)
    trigger_sentences: list[int] = field(default_factory=list)
    participant_evidence: dict[int, tuple[int, int]] = field(default_factory=dict)
    multilateral_hint: bool = False
    topics: list = field(default_factory=list)
    trigger_lemma: str = ""
    vague_time: bool = False  # "met in March": a time is given, but no day
    elsewhen: bool = False  # told as at another time than the report's ("had last met in January")
    told_in: list[int] = field(default_factory=list)  # later sentences that refer to it ("the talks ...")
    # the ids of the rules behind each fact (extract/resources/patterns/*.jsonl)
    trigger_rules: list[str] = field(default_factory=list)
    status_rule: str = "status.held.default"
    kind_rule: str = "kind.in_person.default"
    date_rule: str | None = None
    place_rule: str | None = None
    structure_rules: list[str] = field(default_factory=list)
    participant_rules: dict[int, str] = field(default_factory=dict)
    host: int | None = None  # who received, hosted or was called on (their capital is the place when none is told)

    @property
    def rules(self) -> list[str]:
        """Every rule id behind this meeting, trigger first (what a record's ``rules`` lists)."""
        found = [*self.trigger_rules, self.status_rule, self.kind_rule, self.date_rule, self.place_rule,
                 *self.structure_rules]
        return list(dict.fromkeys(r for r in found if r))

    def add_rule(self, rule_id: str) -> None:
        """Record a structural rule (separate meetings, another time, told afterwards...)."""
        if rule_id not in self.structure_rules:
            self.structure_rules.append(rule_id)


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
    search = _MeetingSearch(doc, officials, anchor, dateline, lexicon or load_triggers())
    held, planned = search.run()
    if fired is not None:
        fired.update(search.fired)
    return held, planned


_MATCHERS: dict[tuple[int, str, str], object] = {}


def _matcher(vocab, kind: str, prefix: str):
    """The "token" or "dependency" matcher of the rules under `prefix`, compiled once per vocabulary."""
    key = (id(vocab), kind, prefix)
    if key not in _MATCHERS:
        rules = load_rules()
        _MATCHERS[key] = (rules.token_matcher if kind == "token" else rules.dependency_matcher)(vocab, prefix)
    return _MATCHERS[key]


# A speaker label at the start of a transcript's line: a name, perhaps ", Title", then a colon.
_SPEAKER_LABEL = re.compile(r"(?m)^(?:THE HON |The Hon |Senator )?([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3})(?:,[^:\n]{1,70})?:")

# Verbs of a trip whose past tense makes its purpose ("to meet X") a meeting that took place.
_TRIP_VERBS = {"arrive", "travel", "fly", "come", "go", "head", "visit", "land", "drive", "stop", "journey"}

# Plural meeting nouns: "held bilateral meetings with A, B and C" are one meeting with each.
_PLURAL_MEETINGS = {"meetings", "bilaterals", "calls", "conversations", "audiences"}

_WHEN_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "the", "jan", "feb",
               "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january", "february",
               "march", "april", "june", "july", "august", "september", "october", "november", "december"}


class _MeetingSearch(WhenWhere):
    """One document's search for meetings."""

    def __init__(self, doc, officials, anchor, dateline, lex):
        self.doc = doc
        self.officials = officials
        self.anchor = anchor
        self.dateline = dateline
        self.lex = lex
        self.mention_of: dict[int, int] = doc._.dg_mention_of or {}
        self.text = doc.text  # Doc.text joins every token on each access: read it once
        self.quoted = _quoted_tokens(doc)
        self.sents = list(doc.sents)
        self.sent_of = {}
        for si, s in enumerate(self.sents):
            for t in range(s.start, s.end):
                self.sent_of[t] = si
        self.places = list(doc.spans.get("dg_places", []))
        self.countries = list(doc.spans.get("dg_countries", []))
        self.titles = list(doc.spans.get("dg_titles", []))
        self.actor: int | None = None  # the official a "he"/"she" most likely refers to
        self.author = self._author()  # who "I" is in a minister's own release
        self.group: list[int] = []  # the members of the last delegation named
        self._word_cache: dict[int, set[str]] = {}
        self._date_cache: dict[int, list] = {}
        self._starts: dict[int, list[int]] = {}
        rules = load_rules()
        self.trigger_rule = token_rule_at(_matcher(doc.vocab, "token", "trigger."), doc)
        self.status_rule = dependency_rule_at(_matcher(doc.vocab, "dependency", "status."), doc, rules)
        self.meeting_words = lex["nouns"] | lex["hold_objects"]  # nouns that name a meeting
        self.fired: set[str] = set()  # every rule that decided something, kept or not (for tests and --details)

    def run(self) -> tuple[list[Meeting], list[Meeting]]:
        held: list[Meeting] = []
        planned: list[Meeting] = []
        current: Meeting | None = None
        for si, sent in enumerate(self.sents):
            if current is not None and self._attendance(sent, current):
                continue  # "X and Y were also present at the meeting", "Putin was accompanied by A, B and C"
            triggers = self._triggers(sent)
            found_new = False
            referenced = False
            told_elsewhen = False
            for trig in triggers:
                people, evidence, is_reference, clause = self._participants(trig, current, si, triggers)
                status, status_rule = self._status(trig)
                self.fired.add(status_rule)
                if status == "negated":
                    continue
                if current is not None and status == "held" and trig.lemma_.lower() == "join" and (
                        set(current.participants) < set(people) or self._joins_current(trig) and people):
                    for p in people:  # "They were joined by Kaja Kallas": one more at the same table
                        if p not in current.participants:
                            current.participants.append(p)
                            current.participant_evidence[p] = evidence.get(p, (0, 0))
                            current.participant_rules[p] = "participant.joined"
                    current.add_rule("meeting.joined")
                    self.fired.add(self._trigger_rule_id(trig))
                    referenced = True
                    self._enrich(current, trig, si)
                    continue
                if is_reference and current is not None and status == "held":
                    if self._elsewhen(trig, si, clause):
                        # "The two leaders had last met in January": the same people, another meeting
                        if len(set(people)) < 2:
                            people = list(current.participants)
                        clause = self._split_again(trig, people, evidence, si, clause, held)
                        earlier = self._make(trig, people, evidence, si, clause, planned=False,
                                             status_rule=status_rule)
                        earlier.elsewhen = True
                        earlier.add_rule("meeting.elsewhen.same_people")
                        if earlier.date == current.date:
                            earlier.date = None
                        _merge_into(held, earlier)
                        found_new = True  # the sentence is about that meeting, not the current one
                        told_elsewhen = True
                        continue
                    if told_elsewhen:
                        continue  # "first met on the sidelines of the G7 summit in Kananaskis": not today's
                    referenced = True
                    self._enrich(current, trig, si)
                    continue
                if is_reference and current is None and status == "held" and len(set(people)) < 2:
                    told = self._told_before(trig, si)
                    if told is not None:  # "... tore into Zelenskyy in the Oval Office on Friday. The meeting ..."
                        told.trigger_rules.append(self._trigger_rule_id(trig))
                        held.append(told)
                        current = told
                        found_new = True
                    continue
                if len(set(people)) < 2:
                    continue
                if self._objects_only(trig, people):
                    self.fired.add("meeting.no_subject")
                    continue  # "Statement by Rutte after speaking with Netanyahu and Abbas": not a call between those two
                groups, why = self._separately(trig, people)
                if len(groups) > 1:  # "held separate talks with Xi and with Putin": one meeting each
                    for group in groups:
                        one = self._make(trig, group, {p: evidence.get(p, (0, 0)) for p in group}, si, clause,
                                         planned=(status == "planned"), status_rule=status_rule)
                        one.elsewhen = not one.planned and self._elsewhen(trig, si, clause)
                        one.add_rule(why)
                        _merge_into(planned if one.planned else held, one)
                    continue
                if status == "held":
                    clause = self._split_again(trig, people, evidence, si, clause, held)
                meeting = self._make(trig, people, evidence, si, clause, planned=(status == "planned"),
                                     status_rule=status_rule)
                meeting.elsewhen = not meeting.planned and self._elsewhen(trig, si, clause)
                if meeting.elsewhen:
                    meeting.add_rule("meeting.elsewhen.other_time")
                if meeting.elsewhen and meeting.date is not None and not self._date_in_clause(si, clause):
                    meeting.date, meeting.date_rule = None, None  # another time: the sentence's "on Friday" is today's
                target = planned if meeting.planned else held
                merged = _merge_into(target, meeting)
                if not meeting.planned and not merged.elsewhen:
                    current = merged  # an aside about another time does not change whose story this is
                    found_new = True
            if not found_new and current is not None and (referenced or self._refers(sent, current)):
                if si not in current.sentences:
                    current.sentences.append(si)
            self._track_actor(sent)
            self._track_delegation(sent)
        transcript = self._transcript_meeting()
        if transcript is not None:
            transcript.add_rule("meeting.transcript_speakers")
            transcript.participant_rules = {p: "participant.transcript_speaker" for p in transcript.participants}
            _merge_into(held, transcript)
        held = _without_headline_summaries(held)
        domestic = [m for m in held if self._domestic(m)]
        for m in domestic:  # "the Foreign Affairs Adviser held a meeting with the ambassador" (their own): not diplomacy
            self.fired.add("meeting.domestic")
        held = [m for m in held if m not in domestic]
        self._other_triggers = {id(m): {si for o in held + planned if o is not m for si in o.trigger_sentences}
                                for m in held + planned}
        self._elsewhen_meetings = [m for m in held if m.elsewhen]
        for m in held + planned:
            self._finish(m)
            self.fired.update(m.rules)
            self.fired.update(m.participant_rules.values())
        return held, planned

    def _attendance(self, sent: Span, current: Meeting) -> bool:
        """Officials this sentence says were present at, or accompanied someone to, the current meeting:
        added to it. "A and B were also present at the meeting", "The Russian president was accompanied by
        a delegation including A, B and C", "The minister was accompanied by A"."""
        rule, cue = None, None
        for tok in sent:
            rule = self._attendance_cue(tok, current)
            if rule:
                cue = tok
                break
        if rule is None:
            return False
        named = self._sentence_officials(self.sent_of[sent.start])
        others = [p for p in named if p not in current.participants]
        if not others or len(named) - len(others) > 1 and not self._at_the_meeting(cue):
            return False  # nobody new, or a sentence about two of the current table (another meeting's story)
        accompanied = cue
        home = self._accompanied_country(accompanied) if rule == "participant.accompanied" else None
        for p in others:
            current.participants.append(p)
            current.participant_evidence[p] = self._mention_span(p, self._first_token(p, sent))
            current.participant_rules[p] = rule
            off = self.officials[p]
            if home and (not off.country or "country.home" in off.rules):
                off.country = home  # "The Russian president was accompanied by Sports Minister X" (not the host's)
                off.rules = [r for r in off.rules if r != "country.home"] + ["country.accompanied"]
        current.sentences.append(self.sent_of[sent.start])
        self.fired.add(rule)
        return True

    def _attendance_cue(self, tok: Token, current: Meeting) -> str | None:
        """The rule id when `tok` says officials came with a party or were present at the current meeting:
        "accompanied by", "in attendance were", "the meeting was attended by", "also attended the meetings",
        "among those present were", "A and B were also present (at the meeting)"."""
        lemma, low = tok.lemma_.lower(), tok.lower_
        if lemma == "accompany" and tok.pos_ == "VERB":
            return "participant.accompanied"
        if low == "attendance" and tok.head.lower_ == "in":
            return "participant.present"  # "In attendance during the meeting were A, B and C"
        if lemma == "attend" and tok.pos_ == "VERB":
            subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
            objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
            if any(c.dep_ == "agent" for c in tok.children) and any(
                    c.lower_ in self.meeting_words or c.lower_ in _DEFINITE_REFS for c in subj):
                return "participant.present"  # "The meeting was attended by A and B"
            if any((o.lower_ in self.meeting_words or o.lower_ in _PLURAL_MEETINGS) and o.n_lefts == 1 and
                   o.n_rights == 0 and next(o.lefts).lower_ in ("the", "these", "both") for o in objs):
                return "participant.present"  # "A, B and C also attended the meetings" (not "the EAS meeting")
        if low == "present":
            if tok.head.lower_ == "those" and tok.head.head.lower_ == "among" or \
                    tok.i > 1 and self.doc[tok.i - 1].lower_ == "those" and self.doc[tok.i - 2].lower_ == "among":
                return "participant.present"  # "Among those present were A, B and C"
            if tok.dep_ in ("acomp", "amod", "advmod", "attr") and tok.head.lemma_.lower() == "be":
                if any(c.lower_ == "at" and any(g.lower_ in self.meeting_words or g.lower_ in ("ceremony", "signing")
                                                for g in c.subtree) or c.lower_ == "also"
                       for c in list(tok.children) + list(tok.head.children)):
                    return "participant.present"  # "A and B were also present at the meeting"
                if tok.dep_ == "acomp" and self.sent_of[tok.i] - 1 in current.sentences and \
                        not any(c.dep_ == "prep" for c in tok.children):
                    return "participant.present"  # "A, B and C were present." right after the meeting's sentence
        return None

    def _at_the_meeting(self, cue: Token) -> bool:
        """The attendance cue says which meeting: "was accompanied at the meeting by ...", "in attendance
        during the meeting"."""
        return any(c.lower_ in ("at", "during") and any(g.lower_ in self.meeting_words and any(
            d.lower_ in ("the", "this") for d in g.children) for g in c.subtree) for c in cue.children)

    def _accompanied_country(self, verb: Token) -> str | None:
        """The country of whoever `verb` ("accompany") says was accompanied: the subject of "was accompanied
        by", the noun "accompanied by" hangs on, or the object of "A accompanied B"; an official's country,
        or a country the phrase names ("the Russian president")."""
        if verb.dep_ == "acl":
            whom = verb.head
        elif any(c.dep_ == "nsubjpass" for c in verb.children):
            whom = next(c for c in verb.children if c.dep_ == "nsubjpass")
        else:
            whom = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        if whom is None:
            return None
        span = {t.i for t in whom.subtree}
        for t in sorted(span):
            idx = self.mention_of.get(t)
            if idx is not None and self.officials[idx].country:
                return self.officials[idx].country
        for sp in self.countries:
            if sp.start in span:
                return sp.label_
        return None

    def _objects_only(self, trig: Token, people: list[int]) -> bool:
        """Everyone found sits in the trigger's "with" phrase: whoever met them is not named as its subject."""
        withs = [c for c in trig.children if c.lower_ == "with"]
        if not withs or any(c.lower_ == "between" for c in trig.children):
            return False
        inside = {self.mention_of[t.i] for w in withs for t in w.subtree if t.i in self.mention_of}
        return set(people) <= inside

    def _domestic(self, m: Meeting) -> bool:
        """Every participant of one country, and that country known: a domestic meeting."""
        countries = {self.officials[p].country for p in m.participants}
        return len(m.participants) >= 2 and len(countries) == 1 and None not in countries

    def _trigger_rule_id(self, trig: Token) -> str:
        """The id of the trigger rule that matched `trig` (a user lexicon's word has a generic id)."""
        return self.trigger_rule.get(trig.i, "trigger.user.lexicon")

    def _speaker(self, offset: int) -> int | None:
        """The official speaking at character `offset` of a transcript: the last speaker label before it
        ("RICHARD MARLES, DEPUTY PRIME MINISTER:", "Penny Wong, Foreign Minister:"), if one names an official."""
        if not hasattr(self, "_labels"):
            from .officials import name_key

            self._labels: list[tuple[int, int]] = []
            for match in _SPEAKER_LABEL.finditer(self.text):
                key = name_key(match.group(1).title())
                found = [i for i, o in enumerate(self.officials) if key and key <= name_key(o.name)]
                if len(found) == 1:
                    self._labels.append((match.start(), found[0]))
        before = [idx for start, idx in self._labels if start < offset]
        return before[-1] if before else None

    def _author(self) -> int | None:
        """The official a release is by: the first one named in its opening lines (the byline,
        "Joint media release | Senator the Hon Penny Wong, Minister for Foreign Affairs, and ..."),
        when the body speaks in the first person. None otherwise."""
        doc = self.doc
        if not any(t.text == "I" and t.pos_ == "PRON" for t in doc):
            return None
        head = self.text[:400].split("\n\n", 2)
        limit = len(head[0]) + (len(head[1]) + 2 if len(head) > 2 else 0)
        first = sorted((t, idx) for t, idx in self.mention_of.items() if doc[t].idx < limit)
        return first[0][1] if first else None

    def _transcript_meeting(self) -> Meeting | None:
        """Remarks "before their meeting": two or more officials speaking under their own labels
        ("SECRETARY BLINKEN: ...") in a document whose opening speaks of a meeting or talks."""
        doc = self.doc
        opening = self.text[:400].lower()
        if not any(cue in opening for cue in ("meeting", "talks", "bilateral", "press conference",
                                              "press availability", "remarks with", "joint statement")):
            return None
        speakers: list[int] = []
        evidence: dict[int, tuple[int, int]] = {}
        first_line: int | None = None
        in_title = {t for sp in self.titles for t in range(sp.start, sp.end)}
        for off_idx, off in enumerate(self.officials):
            for s, e in off.tokens:
                if e < len(doc) and doc[e].text == ":":
                    k = s
                    while k > 0 and k - 1 in in_title:
                        k -= 1  # "EXTERNAL AFFAIRS MINISTER JAISHANKAR:"
                    line_start = doc[k].idx
                    if line_start > 0 and self.text[line_start - 1] != "\n":
                        continue
                    if off_idx not in speakers:
                        speakers.append(off_idx)
                        evidence[off_idx] = (doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))
                        si = self.sent_of.get(s)
                        first_line = si if first_line is None else min(first_line, si)
        if len(speakers) < 2 or first_line is None:
            return None
        m = Meeting(kind="in_person", participants=speakers, sentences=[first_line], trigger_sentences=[first_line],
                    participant_evidence=evidence, trigger_lemma="remarks")
        m.trigger_rules.append("trigger.transcript.speaker_labels")
        return m

    # -- triggers ---------------------------------------------------------------------
    def _triggers(self, sent: Span) -> list[Token]:
        lex = self.lex
        out = []
        for tok in sent:
            if tok.i in self.quoted:
                continue
            lemma = tok.lemma_.lower()
            low = tok.lower_
            rule = self.trigger_rule.get(tok.i, "")
            if tok.pos_ in ("VERB", "AUX") and (rule.startswith("trigger.verb.") or lemma in lex["user_verbs"]):
                if lemma in ("hold", "have") and not self._holds_meeting(tok):
                    continue
                if lemma == "call" and not self._is_call(tok) and not self._calls_on(tok):
                    continue
                if lemma == "speak" and not any(c.lower_ in ("with", "to", "by", "over", "via") for c in tok.children):
                    continue
                if lemma in ("speak", "talk") and any(
                        c.lower_ in ("with", "to") and c.dep_ == "prep" and not any(
                            t.i in self.mention_of or t.lemma_.lower() == "counterpart" for t in c.subtree)
                        for c in tok.children):
                    continue  # "Trump and Vance spoke to reporters": not to each other
                if lemma == "sit" and not any(c.lower_ == "down" for c in tok.children):
                    continue
                if lemma in ("join", "attend") and not self._joins_meeting(tok):
                    continue
                if lemma == "welcome" and not any(t.i in self.mention_of for c in tok.children if c.dep_ in ("dobj", "obj")
                                                  for t in c.subtree):  # "welcome my good friend, Lloyd Austin"
                    continue
                out.append(tok)
            elif tok.pos_ in ("NOUN", "PROPN") and (rule.startswith("trigger.noun.") or low in lex["user_nouns"]):
                if low == "call" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ in ("for", "on", "to") \
                        and not (self.doc[tok.i + 1].lower_ == "on" and tok.i + 2 < len(self.doc) and
                                 self.doc[tok.i + 2].lower_.rstrip(".") in _WHEN_WORDS) and not self._courtesy_call(tok):
                    continue  # "a call for restraint", not "a phone call on Monday between X and Y"
                if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and \
                        tok.head.lower_ not in self.lex["nouns"] and tok.head.lower_ not in self.lex["hold_objects"]:
                    continue  # "the G20 Summit preparations", "a meeting room": a noun about something else
                if tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in ("hold", "have") and \
                        self._holds_meeting(tok.head):
                    continue  # the verb is the trigger ("held talks"); "had dinner with X" is the noun's
                out.append(tok)
        return out

    def _group_country(self, subject: Token) -> str | None:
        """The country a group subject names ("the EU leaders", "the Chinese side"), if any."""
        from .countries import country_code

        for child in subject.children:
            if child.dep_ in ("compound", "amod", "nmod") and child.i not in self.mention_of:
                code = country_code(child.text)
                if code:
                    return code
        return None

    def _calls_on(self, tok: Token) -> bool:
        """ "Minister Jaishankar called on Prime Minister Albanese": a courtesy visit (an in-person
        meeting), unlike "called on Russia to withdraw", which urges."""
        nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        if nxt is None or nxt.lower_ not in ("on", "upon"):
            return False
        end = min(len(self.doc), self.sents[self.sent_of[tok.i]].end)
        after = [self.doc[i] for i in range(tok.i + 2, min(end, tok.i + 12))]
        if any(t.lower_ == "to" and t.i + 1 < end and self.doc[t.i + 1].pos_ in ("VERB", "AUX") for t in after):
            return False  # "called on Russia to withdraw"
        return any(t.i in self.mention_of for t in after[:8])

    def _joins_meeting(self, tok: Token) -> bool:
        """"attended the summit", "joined the talks", "was joined by X": not "attended the swearing-in"."""
        lex = self.lex
        for child in tok.children:
            if child.dep_ in ("dobj", "obj"):
                words = {child.lower_} | {c.lower_ for c in child.children if c.dep_ in ("compound", "amod")}
                if words & (lex["nouns"] | lex["multilateral_words"] | lex["hold_objects"]):
                    return True
            if child.dep_ == "agent" and any(t.i in self.mention_of for t in child.subtree):
                return True
        return False

    def _courtesy_call(self, tok: Token) -> bool:
        """ "paid a courtesy call on the Minister", "a farewell call on": a visit in person, not a phone call."""
        return any(c.lower_ in ("courtesy", "farewell", "introductory") for c in tok.children) or (
            tok.head.lemma_.lower() == "pay" and tok.dep_ in ("dobj", "obj"))

    def _joins_current(self, tok: Token) -> bool:
        """ "Macron joined the talks": the meeting the story is telling, not a new one."""
        return any(c.dep_ in ("dobj", "obj") and c.lower_ in self.meeting_words and
                   any(d.lower_ in _DEFINITE for d in c.children) for c in tok.children)

    def _holds_meeting(self, tok: Token) -> bool:
        objs = self.lex["hold_objects"]
        for child in tok.children:
            if child.dep_ in ("dobj", "obj", "attr", "conj") and (child.lower_ in objs or child.lemma_.lower() in objs):
                return True
        return False

    def _is_call(self, tok: Token) -> bool:
        nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        if nxt is not None and nxt.lower_ in ("for", "on", "upon", "off", "it", "out"):
            return False
        objects = [c for c in tok.children if c.dep_ in ("dobj", "obj", "oprd")]
        if any(c.dep_ == "oprd" and c.i not in self.mention_of for c in objects):
            return False  # "called Putin a killer": a name for someone, not a phone call
        # the small model reads "called Prime Minister Kishida on Monday" as naming (oprd): a call all the same
        return any(c.i in self.mention_of for c in objects) or \
            any(c.lower_ in ("phone", "telephone") for c in tok.subtree)

    # -- who ---------------------------------------------------------------------------
    def _participants(self, trig: Token, current: Meeting | None, si: int, triggers: list[Token] = ()):
        """Officials in the trigger's clause, whether it only refers back to `current`, and the clause's tokens."""
        verb = trig
        while verb.pos_ not in ("VERB", "AUX") and verb.dep_ != "ROOT" and verb.head.i != verb.i:
            verb = verb.head
        if trig.i != verb.i and any(c.lower_ in ("with", "between") for c in trig.children):
            # "a day after talks with Putin": the noun's own phrase, plus whoever governs it
            tokens = {t.i for t in trig.subtree} | self._inherited_subject(trig)
            between = next((c for c in trig.children if c.lower_ == "between"), None)
            if between is not None and verb.i > between.i:
                # "the meeting between Putin and Erdogan took place": the small model often cuts the
                # second name off into a subject of its own; everything up to the verb belongs here
                tokens |= set(range(between.i, verb.i))
        else:
            tokens = self._clause_tokens(verb, trig)
        for other in triggers:
            if other.i != trig.i and trig.i not in {t.i for t in other.subtree} and \
                    other.i in tokens and other.i != verb.i:
                tokens -= {t.i for t in other.subtree}  # a nested meeting keeps its own people
        since = _since_tokens(self._sent(trig))
        if trig.i not in since:
            tokens -= since  # "Jaishankar met Wang, their first meeting since Modi and Xi met in Kazan"
        for tok in self._sent(trig):
            if tok.lower_ in ("invitation", "behest", "request") and tok.dep_ == "pobj" and tok.i != trig.i:
                tokens -= {t.i for t in tok.subtree}  # "visiting China at the invitation of Premier Li": the host's invitation
        tokens.add(trig.i)
        tokens |= self._nominal_fragments(trig, triggers)
        cut_off = self._appositive_names(tokens)
        tokens |= cut_off
        people: list[int] = []
        evidence: dict[int, tuple[int, int]] = {}
        prules = self._prules = {}  # official -> the rule that made them a participant
        escort = {t.i for tok in self._sent(trig) if tok.lemma_.lower() == "accompany" and tok.dep_ in ("relcl", "acl")
                  for t in tok.subtree}  # "..., who was accompanied by X": X came with one of the parties
        for t in sorted(tokens):
            if t in self.quoted:
                continue
            idx = self.mention_of.get(t)
            if idx is None and self.doc[t].text == "I" and self.doc[t].dep_ in ("nsubj", "conj", "nsubjpass"):
                idx, rule = self._speaker(self.doc[t].idx), "participant.speaker"  # "PENNY WONG: ... I met Park"
                if idx is None:
                    idx, rule = self.author, "participant.author"  # "the Deputy Prime Minister and I welcomed ..."
                if idx is not None and idx not in people:
                    evidence[idx] = (self.doc[t].idx, self.doc[t].idx + 1)
                    prules[idx] = rule
            if idx is not None and idx not in people:
                people.append(idx)
                evidence.setdefault(idx, self._mention_span(idx, t))
                prules.setdefault(idx, "participant.apposition" if t in cut_off else
                                  "participant.accompanied" if t in escort else "participant.clause")
        subject = self._subject(verb)
        if subject is not None and self._is_group(subject):
            members = self._members(subject)
            if subject.lemma_.lower() == "delegation" and any(c.lower_ in ("same", "the") for c in subject.children):
                members = list(dict.fromkeys(self.group + members))  # "the delegation": the one already named
            if len(members) >= 2:
                self.group = members
            for idx in members:
                if idx not in people:
                    people.insert(0, idx)
                    prules[idx] = "participant.group"
        if trig.pos_ in ("NOUN", "PROPN") and any(c.lower_ in ("with", "between") for c in trig.children) or (
                trig.dep_ == "pobj" and trig.head.head.i == verb.i and any(c.lower_ == "with" for c in verb.children)) or (
                trig.dep_ == "nsubj" and trig.head.i == verb.i and verb.lemma_.lower() == "be" and
                any(c.lower_ == "with" for c in verb.children)):  # "His first meeting in Oslo was with Solberg"
            poss = next((c for c in trig.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
            owner = None
            if poss is not None:
                root = trig.sent.root
                subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and trig.i < subj.i and subj.i in self.mention_of:
                    owner = self.mention_of[subj.i]  # "In his meeting with Sunak, Mr. Modi discussed ..."
                else:
                    owner = self._antecedent(poss)
            if owner is not None and owner not in people:
                people.insert(0, owner)  # "briefed Putin on his meeting with Zelensky": Orban's meeting
                prules[owner] = "participant.pronoun"  # "his meeting with X": whose "his" is
                evidence.setdefault(owner, (poss.idx, poss.idx + len(poss)))
        is_reference = False
        withs = list(trig.children)
        if trig.dep_ == "pobj" and trig.head.head.i == verb.i:
            withs += [c for c in verb.children if c.i > trig.i]  # "spoke highly of his meeting ... with Witkoff"
        if trig.pos_ in ("NOUN", "PROPN") and any(c.lower_ in _DEFINITE for c in trig.children) and \
                not any(c.lower_ in ("with", "between") and any(t.i in self.mention_of for t in c.subtree)
                        for c in withs):
            is_reference = True
        # "The two held talks ..." is sometimes parsed as one noun phrase: read the sentence's opening words
        trig_sent = self._sent(trig)
        opening = " ".join(t.lower_ for t in trig_sent[:4] if not t.is_space)
        misparsed_reference = subject is None and trig.i - trig_sent.start <= 5 and any(
            opening.startswith(r + " ") for r in self.lex["reference_subjects"])
        if misparsed_reference:
            people, is_reference = self._refer_back(people, current, si, is_reference)
            for idx in people:
                prules.setdefault(idx, "participant.refer_back")
        if subject is not None:
            low = subject.lower_
            phrase = " ".join(t.lower_ for t in subject.subtree)
            antecedent = self._antecedent(subject) if low in _PRONOUNS_ONE else None
            if antecedent is not None and antecedent not in people:
                people.insert(0, antecedent)
                prules[antecedent] = "participant.pronoun"
                evidence.setdefault(antecedent, (subject.idx, subject.idx + len(subject)))  # the pronoun
            elif low in _PRONOUNS_MANY or phrase in self.lex["reference_subjects"] or (
                    self._is_group(subject) and
                    any(c.lower_ in ("the", "both", "all") or c.like_num for c in subject.children)):
                people, is_reference = self._refer_back(people, current, si, is_reference, subject)
                for idx in people:
                    prules.setdefault(idx, "participant.refer_back")
        for obj in [c for c in verb.children if c.dep_ in ("dobj", "obj") and c.lower_ in ("him", "her")] + [
                g for c in verb.children if c.lower_ == "with" for g in c.children if g.lower_ in ("him", "her")]:
            # "Khurelsukh, who invited the Russian leader, personally met him": the one named before, not the subject
            other = self._object_antecedent(obj, people)
            if other is not None:
                people.append(other)
                evidence.setdefault(other, (obj.idx, obj.idx + len(obj)))
                prules[other] = "participant.pronoun"
        refers_back = is_reference and (len(people) < 2 or (current is not None and set(people) <= set(current.participants)))
        return people, evidence, refers_back, tokens

    def _appositive_names(self, tokens: set[int]) -> set[int]:
        """Names the small model cut off from the noun they name: a mention right after "counterpart" or a
        title that is in the clause ("with his Ukrainian counterpart Andrii Taran", where "Andrii" was parsed
        as a verb of its own) belongs to the clause. Not a name that goes on as a subject ("..., Lavrov said")."""
        doc = self.doc
        title_ends = {sp.end - 1 for sp in self.titles}
        out: set[int] = set()
        for off in self.officials:
            for s, e in off.tokens:
                if s in tokens or s == 0:
                    continue
                prev = s - 1 if doc[s - 1].text != "," else s - 2
                if prev not in tokens or not (doc[prev].lemma_.lower() in ("counterpart", "counterparts")
                                              or prev in title_ends):
                    continue
                if any(doc[t].dep_ in ("nsubj", "nsubjpass") and doc[t].head.i >= e for t in range(s, e)):
                    continue
                out.update(range(s, e))
        return out

    def _nominal_fragments(self, trig: Token, triggers: list[Token]) -> set[int]:
        """Noun phrases the parser cut off as a "sentence" of their own after the trigger's sentence
        ("... held a meeting with President of the United States H.E. Mr. Joseph R. Biden, Jr. on ...")."""
        out: set[int] = set()
        si = self.sent_of.get(trig.i)
        limit = (si or 0) + 2  # at most two cut-off fragments
        while si is not None and si + 1 < len(self.sents) and si < limit:
            sent, nxt = self.sents[si], self.sents[si + 1]
            last = next((t for t in reversed(sent) if not t.is_space), None)
            if last is None or last.text in (".", "!", "?", ":", ";", "\"", "”") or "\n" in sent[-1].text_with_ws:
                break
            if any(t.pos_ in ("VERB", "AUX") for t in nxt) or any(t.i >= nxt.start and t.i < nxt.end for t in triggers):
                break
            out |= set(range(nxt.start, nxt.end))
            si += 1
        return out

    def _refer_back(self, people: list[int], current: Meeting | None, si: int,
                    is_reference: bool, subject: Token | None = None) -> tuple[list[int], bool]:
        """A plural subject ("they", "the two leaders"): the current meeting, or the officials just named.

        With someone new in the clause ("the EU leaders held the summit with Premier Li"), the subject
        is the current meeting's people (those of the subject's country, when it names one) meeting
        the newcomer: a meeting of its own.
        """
        if len(people) > 1:
            return people, is_reference
        if current is not None and people and not set(people) <= set(current.participants):
            members = list(current.participants)
            code = self._group_country(subject) if subject is not None else None
            if code is not None:
                members = [p for p in members if self.officials[p].country == code] or members
            return members + [p for p in people if p not in members], False
        if current is not None:
            return people, True
        prev = self._sentence_officials(si)
        if len(prev) < 2:
            prev = self._sentence_officials(si - 1)
        if len(prev) >= 2:
            people = prev + [p for p in people if p not in prev]
        return people, is_reference

    def _members(self, group: Token) -> list[int]:
        """Officials named inside a group's phrase ("a delegation led by X", "which included Y and Z")."""
        found = [self.mention_of[t.i] for t in group.subtree if t.i in self.mention_of and t.i not in self.quoted]
        return list(dict.fromkeys(found))

    def _track_delegation(self, sent: Span) -> None:
        """Remember who a delegation is ("A delegation ... led by Ramaphosa returned home"), for a later "the delegation met"."""
        for tok in sent:
            if tok.lemma_.lower() == "delegation" and tok.dep_ in ("nsubj", "nsubjpass"):
                members = self._members(tok)
                if members:
                    self.group = list(dict.fromkeys(self.group + members))

    def _is_group(self, tok: Token) -> bool:
        """A noun for several officials: "leaders", "the delegation", "both sides"."""
        return tok.lower_ in self.lex["group_nouns"] or (
            tok.tag_ in ("NNS", "NNPS") and tok.lemma_.lower() + "s" in self.lex["group_nouns"])

    def _antecedent(self, pronoun: Token) -> int | None:
        """Whom "he"/"she" means: the nearest official named earlier in the same sentence, else the last actor."""
        sent = self._sent(pronoun)
        nearest = None
        for t in range(pronoun.i - 1, sent.start - 1, -1):
            if t in self.mention_of and t not in self.quoted:
                head = self.doc[t]
                while head.dep_ in ("compound", "flat", "appos", "amod") and head.head.i != head.i:
                    head = head.head
                if head.dep_ in ("nsubj", "nsubjpass"):
                    return self.mention_of[t]  # "Biden says he is open to talks with Putin as he hosts Macron"
                nearest = self.mention_of[t] if nearest is None else nearest
        return nearest if nearest is not None else self.actor

    def _object_antecedent(self, pronoun: Token, people: list[int]) -> int | None:
        """Whom an object "him"/"her" means: the nearest official named before it who is not already at the
        table (the subject cannot be its own object), in this sentence or the one before."""
        si = self.sent_of[pronoun.i]
        start = self.sents[si - 1].start if si > 0 else self.sents[si].start
        for t in range(pronoun.i - 1, start - 1, -1):
            idx = self.mention_of.get(t)
            if idx is not None and idx not in people and t not in self.quoted:
                return idx
        if self.actor is not None and self.actor not in people:
            return self.actor  # "Putin arrived ... He arrived at ... X personally met him": the story's actor
        return None

    def _inherited_subject(self, tok: Token) -> set[int]:
        """The subject of the nearest governing verb that has one ("Widodo met ... after holding talks")."""
        for anc in tok.ancestors:
            subj = self._own_subject(anc)
            if subj is not None:
                return {t.i for t in subj.subtree}
            if anc.dep_ in ("ccomp", "relcl"):
                break
        return set()

    def _clause_tokens(self, verb: Token, trig: Token) -> set[int]:
        """Tokens of `verb`'s clause, without the clauses it governs (except the path to `trig`)."""
        path = {t.i for t in trig.ancestors} | {trig.i}
        out = {verb.i}
        stack = [verb]
        while stack:
            node = stack.pop()
            for child in node.children:
                if child.dep_ in _CLAUSE_BREAKS and child.i not in path:
                    if child.dep_ == "conj" and child.pos_ not in ("VERB", "AUX"):
                        pass  # "X and Y": conjoined names stay
                    elif child.dep_ == "appos":
                        pass
                    elif child.dep_ in ("relcl", "acl") and child.lemma_.lower() == "accompany":
                        pass  # "received Senator Coons, who was accompanied by Senator Van Hollen": at the table too
                    else:
                        continue
                out.add(child.i)
                stack.append(child)
        # a verb conjoined to another ("arrived in Tokyo and met X") or governed by a preposition
        # ("after holding talks with X") shares its subject
        if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in ("invite", "ask", "urge", "welcome"):
            for child in verb.head.children:
                if child.dep_ in ("dobj", "obj"):
                    out.update(t.i for t in child.subtree)  # "invited Lula to visit Beijing": Lula
        subject = self._subject(verb)
        if subject is not None and subject.i not in out:
            out.update(t.i for t in subject.subtree)  # "Macron is scheduled to meet Xi": Macron
        elif subject is None and verb.dep_ not in ("ROOT", "ccomp", "relcl"):
            out.update(self._inherited_subject(verb))
        elif subject is None and verb.tag_ == "VBG" and verb.i == self._sent(verb).start:
            # "Welcoming Swedish Ambassador Mellander, PM Dung affirmed ...": the small model often makes the
            # opening participle a root of its own; its subject is the main clause's
            si = self.sent_of[verb.i]
            scope = list(self.sents[si])
            if scope[-1].text not in (".", "!", "?") and si + 1 < len(self.sents):
                scope += list(self.sents[si + 1])  # the parser cut the sentence at the subject ("PM | Dung affirmed")
            main = next((t for t in scope if t.i > verb.i and t.dep_ in ("nsubj", "nsubjpass")
                         and any(x.i in self.mention_of for x in t.subtree)), None)
            if main is not None:
                out.update(t.i for t in main.subtree)
        return out

    def _mention_span(self, idx: int, t: int) -> tuple[int, int]:
        """Character offsets of the mention of official `idx` that covers token `t`."""
        for s, e in self.officials[idx].tokens:
            if s <= t < e:
                return self.doc[s].idx, self.doc[e - 1].idx + len(self.doc[e - 1])
        tok = self.doc[t]
        return tok.idx, tok.idx + len(tok)

    def _subject(self, verb: Token) -> Token | None:
        """The subject of `verb` (or of the verb it is conjoined to or complements)."""
        subj = self._own_subject(verb)
        if subj is None and verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
            subj = self._own_subject(verb.head)
        return subj

    def _own_subject(self, verb: Token) -> Token | None:
        """`verb`'s subject; of several (a dateline parsed as one: "MOSCOW ... - Widodo met"), the one naming an official."""
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if verb.dep_ == "relcl" and subjects and subjects[0].tag_ in ("WP", "WDT"):
            return verb.head  # "Putin, who met Xi last year, said ...": "who" is Putin
        if verb.dep_ == "relcl" and not subjects and verb.tag_ == "VBD":
            return verb.head  # "Abu Dhabi: Sheikh Abdullah, Minister of ..., on Monday received X": a main clause misread
        for subj in subjects:
            if any(t.i in self.mention_of for t in subj.subtree):
                return subj
        return subjects[0] if subjects else None

    def _split_again(self, trig: Token, people: list[int], evidence: dict, si: int, clause: set[int],
                     held: list[Meeting]) -> set[int]:
        """Add the second meeting of "met in Vilnius in July and again in New York in September" to
        `held` and return the trigger's clause without it (the first meeting's words)."""
        place = self._met_again(trig)
        if place is None:
            return clause
        second = self._make(trig, people, evidence, si, set(), planned=False)
        second.location, second.date, second.elsewhen = place, None, True
        _merge_into(held, second)
        cut = self._again_token(trig).i
        return {i for i in clause if i < cut}

    def _again_token(self, trig: Token) -> Token | None:
        """The "again" of "met in Vilnius in July and again in New York", if the trigger has one."""
        if trig.pos_ not in ("VERB", "AUX"):
            return None
        sent = self._sent(trig)
        return next((t for t in sent if t.i > trig.i and t.lower_ == "again" and self.doc[t.i - 1].lower_ == "and"
                     and t.i + 1 < sent.end and self.doc[t.i + 1].lower_ in ("in", "at", "during", "on")), None)

    def _met_again(self, trig: Token) -> dict | None:
        """The place of a second meeting told by "and again in <place>" after the trigger's own."""
        again = self._again_token(trig)
        if again is None:
            return None
        return self._place_in(self._sent(trig), lambda sp: again.i < sp.start <= again.i + 10)

    def _separately(self, trig: Token, people: list[int]) -> tuple[list[list[int]], str]:
        """The groups of a "separate" meeting: the subject with each counterpart on its own, and the rule.

        "Kim held separate talks with Xi and with Putin", "separate meetings with X and Y", "met several
        ministers, including A, B and C", "spoke with Netanyahu and Abbas" (calls are two-party unless the
        text says otherwise), "A, B and C called on Lee" (one courtesy call each).
        """
        if trig.lemma_.lower() == "call" and self._calls_on(trig) and len(people) >= 3:
            callers = [self.mention_of[t.i] for t in trig.subtree if t.i < trig.i and t.i in self.mention_of]
            callers = list(dict.fromkeys(c for c in callers if c in people))
            hosts = [p for p in people if p not in callers]
            if len(callers) >= 2 and len(hosts) == 1:
                return [[c] + hosts for c in callers], "meeting.separate_calls_on"
        group = next((c for c in trig.children if c.dep_ in ("dobj", "obj") and self._is_group(c)), None)
        sent = self._sent(trig)
        incl = next((t for t in sent if group is not None and t.i > group.i and t.lower_ in ("including", "among")),
                    None)  # the small model attaches "including" anywhere: "met ministers on the sidelines, including A"
        including = incl is not None
        words = self._words(self.sent_of[trig.i])
        two_party_call = len(people) >= 3 and trig.lemma_.lower() in ("speak", "call", "phone", "telephone") and \
            bool(words & {"phone", "telephone", "spoke", "speaking", "called", "phoned", "telephoned"}) and \
            not words & (self.lex["multilateral_words"] | {"joint", "together", "video", "videoconference",
                                                            "conference", "virtual", "virtually"})
        noun = trig if trig.pos_ in ("NOUN", "PROPN") else next(
            (c for c in trig.children if c.dep_ in ("dobj", "obj") and
             (c.lower_ in self.meeting_words or c.lower_ in _PLURAL_MEETINGS)), None)  # "had meetings with A, B"
        separate = noun is not None and any(c.lower_ in ("separate", "separately", "individual") for c in noun.children) \
            or any(c.lower_ == "separately" for c in trig.children) \
            or noun is not None and noun.lower_ in _PLURAL_MEETINGS  # "had meetings with A, B and C": one each
        # "Modi holds talks with Macron, Sunak, Zelensky and Kishida" (a headline: no full stop)
        headline_list = self.sent_of.get(trig.i) == 0 and len(people) >= 4 and \
            not self.sents[0].text.strip().endswith(".")
        # "held bilateral discussions with the Prime Minister of Sudan, the President of Somalia and ...": one each
        bilateral = noun is not None and noun.tag_ in ("NNS", "NNPS") and any(c.lower_ == "bilateral" for c in noun.children)
        if not separate and not headline_list and not including and not two_party_call and not bilateral:
            return [people], ""
        if noun is None:
            noun = trig
        speak_to = trig.lemma_.lower() in ("speak", "talk")  # "spoke to Netanyahu and Abbas"
        withs = [c for c in list(noun.children) + list(trig.children) if c.lower_ == "with" or
                 speak_to and c.lower_ == "to" or
                 c.dep_ in ("dobj", "obj") and c.i in self.mention_of]  # "met A, B and C separately"
        for w in list(withs):
            withs += [c for c in w.subtree if c.lower_ == "with" and c.i != w.i]
        counterparts: list[int] = []
        for w in withs:
            for t in w.subtree:
                idx = self.mention_of.get(t.i)
                if idx is not None and idx in people and idx not in counterparts:
                    counterparts.append(idx)
        if including:  # "met several delegates, including A, B and C"
            counterparts += [self.mention_of[t] for t in range(incl.i, sent.end) if t in self.mention_of]
            counterparts = list(dict.fromkeys(counterparts))
        hosts = [p for p in people if p not in counterparts]
        if bilateral and not (separate or headline_list or including or two_party_call):
            subject = self._subject(trig)
            hosts = [] if subject is None else [p for p in dict.fromkeys(
                self.mention_of[t.i] for t in subject.subtree if t.i in self.mention_of) if p in people]
            counterparts = [p for p in people if p not in hosts]  # the parse of a long list often strays
        if len(counterparts) < 2 or not hosts or headline_list and not separate and len(hosts) != 1:
            return [people], ""
        if bilateral and not (separate or headline_list or including or two_party_call):
            countries = [self.officials[c].country for c in counterparts]
            if None in countries or len(set(countries)) < len(countries) or \
                    {self.officials[h].country for h in hosts} & set(countries):
                return [people], ""  # two of one side: one table, not one bilateral each
        why = ("meeting.including_list" if including else "meeting.separate_calls" if two_party_call and not separate
               else "meeting.bilateral_each" if bilateral and not separate else "meeting.separately")
        return [hosts + [c] for c in counterparts], why

    def _told_before(self, trig: Token, si: int) -> Meeting | None:
        """A meeting the story told without a meeting word, named only afterwards ("The meeting").

        "Trump and Vance tore into Zelenskyy in the Oval Office on Friday. The meeting had been
        meant to ..." When the first reference to a meeting comes with no meeting before it, the
        previous sentence's officials met there, provided it names officials of two countries or
        more and says where or when.
        """
        if trig.pos_ not in ("NOUN", "PROPN") or trig.dep_ not in ("nsubj", "nsubjpass") or si == 0:
            return None
        prev = self._sentence_officials(si - 1)
        countries = {self.officials[p].country for p in prev if self.officials[p].country}
        if len(prev) < 2 or len(countries) < 2 or any(self.officials[p].country is None for p in prev):
            return None
        sent = self.sents[si - 1]
        place = self._place(sent)
        when = self._date(sent)
        if place is None and when is None:
            return None
        evidence = {p: self._mention_span(p, next(t for t in range(sent.start, sent.end)
                                                  if self.mention_of.get(t) == p)) for p in prev}
        m = Meeting(kind="in_person", participants=prev, date=when, location=place, sentences=[si - 1, si],
                    trigger_sentences=[si - 1, si], participant_evidence=evidence, trigger_lemma=trig.lemma_.lower())
        m.add_rule("meeting.told_before")
        m.participant_rules = {p: "participant.previous_sentence" for p in prev}
        m.date_rule = "date.previous_sentence" if when else None
        m.place_rule = "place.previous_sentence" if place else None
        return m

    def _sentence_officials(self, si: int) -> list[int]:
        """Officials mentioned in sentence `si` (outside quotations), in order."""
        if si < 0:
            return []
        sent = self.sents[si]
        out = []
        for t in range(sent.start, sent.end):
            idx = self.mention_of.get(t)
            if idx is not None and idx not in out and t not in self.quoted:
                out.append(idx)
        return out

    def _track_actor(self, sent: Span) -> None:
        """Remember the official who last acted as a subject: "he"/"she" will mean them."""
        for tok in sent:
            if tok.i in self.mention_of and tok.i not in self.quoted:
                head = tok
                while head.dep_ in ("compound", "flat", "appos", "amod") and head.head.i != head.i:
                    head = head.head
                if head.dep_ in ("nsubj", "nsubjpass"):
                    self.actor = self.mention_of[tok.i]
                    return
        if self.actor is None:
            for tok in sent:
                if tok.i in self.mention_of and tok.i not in self.quoted:
                    self.actor = self.mention_of[tok.i]
                    return

    # -- held, planned or negated ------------------------------------------------------------
    def _status(self, trig: Token) -> tuple[str, str]:
        """Whether the trigger's meeting was held, is planned or was not held, and the id of the rule that says so."""
        rule = self.status_rule.get(trig.i)
        if rule is not None:  # a pattern of status.jsonl ("called off their meeting")
            return rule.split(".")[1], rule
        lex = self.lex
        chain = [trig] + list(trig.ancestors)[:3]
        verb = next((t for t in chain if t.pos_ in ("VERB", "AUX")), trig)
        for tok in (trig, verb):
            for child in tok.children:
                if child.dep_ == "neg" or child.lower_ in ("no", "never"):
                    return "negated", "status.negated.negation"
        for anc in chain[1:]:
            if anc.lemma_.lower() in lex["negative_heads"]:
                return "negated", "status.negated.negative_head"
            if anc.lemma_.lower() in ("put", "place") and any(
                    c.lower_ == "on" and any(g.lower_ in ("hold", "ice") for g in c.children) for c in anc.children):
                return "negated", "status.negated.on_hold"  # "Trump puts Budapest summit with Putin on hold"
        root = trig.sent.root
        if trig.pos_ in ("NOUN", "PROPN") and trig.dep_ == "pobj" and trig.head.lower_ in ("at", "during") and \
                root.tag_ == "VBD" and not any(c.lemma_.lower() in lex["planned_words"] for c in trig.children) and \
                not any(c.dep_ == "neg" for c in root.children):
            return "held", "status.held.at_event_past"  # "Lee and Ishiba agreed on Saturday to ... at a summit in Tokyo": where they agreed
        if verb.dep_ in ("advcl", "xcomp") and verb.head.tag_ == "VBD" and verb.head.lemma_.lower() in _TRIP_VERBS \
                and any(c.tag_ == "TO" for c in verb.children) and not any(
                    c.dep_ in ("aux", "neg") and c.lower_ in ("would", "will", "not", "never") for c in verb.head.children):
            return "held", "status.held.purpose_of_past_trip"  # "Patino arrived at the palace to meet Holguin"
        heads = {trig, verb}
        if verb.dep_ in ("conj", "advcl") and verb.head.pos_ in ("VERB", "AUX") and verb.tag_ not in ("VBD", "VBN"):
            heads.add(verb.head)  # "Orpo will visit the base and have a meeting with ...", "... before he pays a call"
        for tok in heads:
            for child in tok.children:
                if child.dep_ in ("aux", "auxpass") and child.lower_ in ("will", "shall", "would", "may", "might",
                                                                          "could", "should", "'ll", "to"):
                    return "planned", "status.planned.modal"
                if child.dep_ in ("aux", "mark") and child.tag_ == "TO":
                    return "planned", "status.planned.modal"
                if child.dep_ in ("amod", "compound", "acl", "advmod", "npadvmod") and (
                        child.lemma_.lower() in lex["planned_words"] or child.lower_ in lex["planned_words"]):
                    return "planned", "status.planned.planned_word"
        for anc in list(trig.ancestors)[:5]:
            if anc.lemma_.lower() == "look" and any(c.lower_ == "forward" for c in anc.children):
                return "planned", "status.planned.look_forward"  # "Lula looks forward to receiving Xi for a state visit"
        for anc in chain[1:]:
            if anc.pos_ in ("AUX", "VERB") and any(c.dep_ in ("acomp", "xcomp") and c.lower_ in (
                    "due", "scheduled", "expected", "slated", "set") for c in anc.children):
                return "planned", "status.planned.due"  # "Macron was due in Berlin for talks with Scholz"
            if anc.lemma_.lower() in lex["hypothetical_heads"] and anc.pos_ in ("ADJ", "VERB") and \
                    any(c.lower_ in ("to", "for") or c.tag_ == "TO" for c in anc.children):
                return "planned", "status.planned.hypothetical"  # "open to talks with Putin", "ready to meet", "hopes to visit"
            if anc.lemma_.lower() in ("due", "scheduled", "expected", "slated", "poised", "set") and \
                    anc.pos_ in ("ADJ", "VERB", "AUX") and anc.tag_ != "VBD":
                return "planned", "status.planned.due"  # "was due in Berlin for talks", "is expected to meet"
            if anc.dep_ in ("ROOT",) and anc.lemma_.lower() in ("say", "tell", "report", "announce") and \
                    any(c.lower_ in ("will", "would") for c in verb.children):
                return "planned", "status.planned.modal"
            if anc.lemma_.lower() in lex["planned_heads"] and verb.dep_ in ("xcomp", "ccomp", "acl") \
                    and any(c.tag_ == "TO" for c in verb.children):
                return "planned", "status.planned.modal"
        clause = {t.i for t in verb.subtree}
        words = [self.doc[i].lower_ for i in sorted(clause)]
        if "tomorrow" in words or "next" in words and any(w in words for w in ("week", "month", "year", "monday",
                                                                                "tuesday", "wednesday", "thursday",
                                                                                "friday", "saturday", "sunday")):
            return "planned", "status.planned.next_time"
        if "later" in words and "this" in words and verb.tag_ not in ("VBD", "VBN"):
            return "planned", "status.planned.later_this"
        if trig.pos_ in ("NOUN", "PROPN") and any(w in ("scheduled", "planned", "expected", "upcoming", "proposed")
                                                  for w in words):
            return "planned", "status.planned.scheduled_noun"
        return "held", "status.held.default"

    # -- building meetings ----------------------------------------------------------------------
    def _make(self, trig: Token, people: list[int], evidence: dict, si: int, clause: set[int] = frozenset(), *,
              planned: bool, status_rule: str = "status.held.default") -> Meeting:
        sent = self.sents[si]
        words = self._words(si)
        call = bool(words & self.lex["call_words"]) or trig.lemma_.lower() in ("phone", "telephone", "call")
        kind_rule = "kind.call.words" if call else "kind.in_person.default"
        if trig.lemma_.lower() == "call" and self._calls_on(trig) and not words & {"phone", "telephone", "video"}:
            call, kind_rule = False, "kind.in_person.called_on"  # a call on someone is a visit
        if "call" in words and not any(t.lower_ in ("call", "calls", "called", "phoned") and t.i not in self.quoted
                                       and (t.pos_ in ("NOUN",) or self._is_call(t)) for t in sent) and \
                not words & {"phone", "telephone", "video", "videoconference", "virtual", "virtually", "teleconference"}:
            kind_rule = "kind.in_person.default" if call else kind_rule
            call = False
        if trig.pos_ == "NOUN" and self._courtesy_call(trig) and \
                not words & {"phone", "telephone", "video", "videoconference", "virtual", "telephonic"}:
            call, kind_rule = False, "kind.in_person.courtesy_call"
        multi = bool(words & self.lex["multilateral_words"])
        m = Meeting(kind="call" if call else "in_person", participants=list(dict.fromkeys(people)), planned=planned,
                    sentences=[si], trigger_sentences=[si], participant_evidence=evidence,
                    multilateral_hint=multi)
        m.trigger_rules.append(self._trigger_rule_id(trig))
        m.status_rule, m.kind_rule = status_rule, kind_rule
        m.participant_rules = {p: getattr(self, "_prules", {}).get(p, "participant.clause") for p in m.participants}
        m.date = self._date(sent, clause, trig)
        m.date_rule = "date.trigger_sentence" if m.date else None
        m.vague_time = m.date is None and self._month_only(trig)
        if m.date is not None and self._day_shift(trig, clause):
            m.date = m.date + timedelta(days=self._day_shift(trig, clause))
            m.date_rule = "date.day_shift"
        if not call:
            m.location = self._place(sent, clause)
            m.place_rule = "place.trigger_sentence" if m.location else None
        m.trigger_lemma = trig.lemma_.lower()
        m.host = self._host(trig, m.participants)
        return m

    def _host(self, trig: Token, people: list[int]) -> int | None:
        """The official who received, hosted or welcomed the others, or was called on ("called on X")."""
        lemma = trig.lemma_.lower()
        if lemma in ("receive", "host", "welcome"):
            before = [p for p in people if self._first_token(p, trig.sent) < trig.i]
            return before[0] if len(before) == 1 else None
        if lemma == "call" and (self._calls_on(trig) or self._courtesy_call(trig)):
            after = [p for p in people if self._first_token(p, trig.sent) > trig.i]
            return after[0] if len(after) == 1 else None
        return None

    def _first_token(self, p: int, sent: Span) -> int:
        """The first token of official `p` in `sent` (a large number when they are not named there)."""
        return next((t for t in range(sent.start, sent.end) if self.mention_of.get(t) == p), 10**9)

    def _enrich(self, meeting: Meeting, trig: Token, si: int) -> None:
        """A sentence that refers back may add the date, the place or the call marker."""
        sent = self.sents[si]
        if si not in meeting.sentences:
            meeting.sentences.append(si)
        if si not in meeting.told_in:
            meeting.told_in.append(si)
        if meeting.date is None:
            meeting.date = self._date(sent)
            meeting.date_rule = "date.told_later" if meeting.date else None
        if meeting.location is None and meeting.kind != "call":
            meeting.location = self._place(sent)
            meeting.place_rule = "place.told_later" if meeting.location else None

    def _refers(self, sent: Span, meeting: Meeting) -> bool:
        """Does this sentence continue the story of `meeting` (for its topics)?"""
        lex = self.lex
        for tok in sent:
            if tok.i in self.quoted:
                continue
            idx = self.mention_of.get(tok.i)
            if idx is not None:
                return idx in meeting.participants
            if tok.lower_ in ("they", "both", "two", "sides", "ministers", "leaders", "talks", "meeting", "call",
                              "discussions", "conversation", "he", "she"):
                return True
            if tok.pos_ == "VERB" and tok.lemma_.lower() in lex["discussion_verbs"] and tok.dep_ == "ROOT":
                return True
        return False

    def _sent(self, tok: Token) -> Span:
        """The sentence of `tok` (Token.sent scans the document: too slow for long texts)."""
        return self.sents[self.sent_of[tok.i]]

    def _words(self, si: int) -> set[str]:
        """Lower-case forms and lemmas of sentence `si` (cached: a sentence may hold many triggers)."""
        if si not in self._word_cache:
            sent = self.sents[si]
            self._word_cache[si] = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
        return self._word_cache[si]

    def _spans_in(self, spans: list[Span], sent: Span) -> list[Span]:
        """The spans of a sorted span list that lie inside `sent` (binary search, not a scan)."""
        starts = self._starts.setdefault(id(spans), [sp.start for sp in spans])
        lo = bisect.bisect_left(starts, sent.start)
        hi = bisect.bisect_left(starts, sent.end)
        return [sp for sp in spans[lo:hi] if sp.end <= sent.end]

    def _in_lede(self, si: int) -> bool:
        """Whether sentence `si` is in the report's opening: its headline and first paragraph (the first
        three non-empty lines)."""
        before = self.text[:self.sents[si].start_char]
        return sum(1 for line in before.split("\n") if line.strip()) <= LEDE

    def _other_days(self) -> bool:
        """Whether the text names a day other than its own date (a story of several days)."""
        if not hasattr(self, "_other_days_v"):
            self._other_days_v = any(d is not None and d != self.anchor for s in self.sents for d in [self._date(s)])
        return self._other_days_v

    def _finish(self, m: Meeting) -> None:
        # a meeting told as at another time takes nothing from the report's date, dateline or story
        if m.date is None and not m.elsewhen:
            for si in self._telling(m):  # sentences that speak of this meeting, not any sentence of its story
                m.date = self._date(self.sents[si])
                if m.date:
                    m.date_rule = "date.telling_sentence"
                    break
        if m.date is None and not m.planned and not m.vague_time and not m.elsewhen and \
                not self._mentions_other_year(m) and (self._in_lede(min(m.trigger_sentences or [0])) or not self._other_days()):
            m.date = self.anchor
            m.date_rule = "date.publication" if m.date else None
        # the place: the trigger's sentence, else the dateline, else a later sentence about the meeting
        if m.location is None and m.kind != "call" and self.dateline and not m.elsewhen:
            m.location = _dateline_place(self.dateline)
            m.place_rule = "place.dateline" if m.location else None
        if m.location is None and m.kind != "call" and not m.elsewhen:
            for si in self._telling(m, own=False):
                m.location = self._place(self.sents[si])
                if m.location:
                    m.place_rule = "place.story_sentence"
                    break
        if m.location is None and m.kind == "in_person" and not m.elsewhen and not m.planned and m.host is not None \
                and self.officials[m.host].country:
            from .countries import capital_of

            code = self.officials[m.host].country
            if capital_of(code):  # "Prime Minister Chinh received the Chinese Ambassador": in Hanoi
                m.location, m.place_rule = {"city": capital_of(code), "country": code}, "place.host_capital"
        if m.kind == "in_person" and m.trigger_lemma in ("speak", "talk", "confer") and (any(
                t.lower_ in ("call", "calls", "phone", "telephone", "videoconference")
                for si in m.sentences[1:] for t in self.sents[si]) or m.location is None):
            # "Trump spoke with Zelensky ... The calls came as ..."; a readout's "spoke today with X" with
            # no place is a call
            m.kind, m.location, m.kind_rule, m.place_rule = "call", None, "kind.call.spoke_without_place", None
        # an official who accompanied someone or was present sits with one of the parties: no party of their own
        counted = [p for p in m.participants if self.officials[p].country or m.participant_rules.get(p) not in (
            "participant.accompanied", "participant.present")]
        parties = {self.officials[p].country or f"?{p}" for p in counted}
        known = {self.officials[p].country for p in counted} - {None}
        unknown = sum(1 for p in counted if not self.officials[p].country)
        if len(known) >= 3 or unknown and (len(parties) >= 3 and len(known) < 2 or len(counted) >= 3 and m.multilateral_hint):
            m.kind = "multilateral"  # three parties or more; two countries' four ministers are not
            m.kind_rule = "kind.multilateral.three_countries" if len(known) >= 3 else "kind.multilateral.unknown_parties"

# A wire dateline at the start of a sentence, up to its dash ("TOKYO, Aug 24 (Wire) - ").
def _quoted_tokens(doc: Doc) -> set[int]:
    """Indices of tokens inside quotation marks (what people said is not what happened).

    A paragraph that opens with a quotation mark it never closes and speaks of no "I" or "we" is a
    scraper's stray mark, not a quotation ('"Chinese President Xi Jinping met with ... on Thursday.').
    """
    out: set[int] = set()
    inside = False
    stray: set[int] = set()
    line_start = 0
    for tok in list(doc) + [None]:
        if tok is None or tok.is_space and "\n" in tok.text:
            line = doc[line_start:tok.i if tok is not None else len(doc)]
            marks = [t for t in line if t.text in ('"', "“", "”", "''", "``")]
            if len(line) > 3 and len(marks) == 1 and marks[0].i == line.start and not any(
                    t.lower_ in ("i", "we", "my", "our", "us", "me") for t in line):
                stray.add(marks[0].i)
            line_start = tok.i + 1 if tok is not None else len(doc)
    for tok in doc:
        if tok.i in stray:
            continue
        text = tok.text
        if text in ("“", "„", "«"):
            inside = True
            continue
        if text in ("”", "»"):
            inside = False
            continue
        if text == '"' or text == "''" or text == "``":
            inside = not inside
            continue
        if tok.is_space and "\n" in tok.text:
            inside = False
        if inside:
            out.add(tok.i)
    return out


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
