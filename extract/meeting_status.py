"""Meeting status: whether a trigger's meeting was held, is planned, or was not held.

The status patterns (extract/resources/patterns/status.jsonl: "called off their meeting",
"sought a meeting") decide first; then the procedural rules of ``STATUS_RULES``, small
functions asked in order, the first to answer deciding with the id of its rule: a negation, a
negating head ("refused to meet"), a modal or "to" ("will visit", "is due to meet"), a planned
word ("the planned summit"), looking forward, a time to come ("next week", "tomorrow");
otherwise the meeting was held. A new rule is a pattern line or one function added there.

Not here: which words are triggers (``meeting_triggers``).
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Token

from .meeting_context import MeetingContext
from .meeting_words import WORDS

__all__ = ["Status", "TriggerScope", "status_of", "STATUS_RULES"]


@dataclass(frozen=True)
class Status:
    """A trigger's status ("held", "planned" or "negated") and the id of the rule that decided it."""

    label: str
    rule: str


@dataclass(frozen=True)
class TriggerScope:
    """What the status rules read of a trigger: the trigger, it and its first three heads, and its verb."""

    trig: Token
    chain: list[Token]
    verb: Token


def status_of(ctx: MeetingContext, trig: Token) -> Status:
    """Whether the trigger's meeting was held, is planned or was not held, and the id of the rule that says so.

    A status pattern (status.jsonl) decides first, then the first of ``STATUS_RULES`` that
    returns a Status; with none, the meeting was held (``status.held.default``).
    """
    rule = ctx.status_rule.get(trig.i)
    if rule == "status.negated.received_thing" and _letters_of_credence(trig):
        rule = None  # "received the letters of credence of ambassadors": the envoys' audience, held
    if rule is not None:  # a pattern of status.jsonl ("called off their meeting")
        return Status(rule.split(".")[1], rule)
    chain = [trig] + list(trig.ancestors)[:3]
    scope = TriggerScope(trig, chain, next((t for t in chain if t.pos_ in ("VERB", "AUX")), trig))
    for check in STATUS_RULES:
        found = check(ctx, scope)
        if found is not None:
            return found
    return Status("held", "status.held.default")


def _letters_of_credence(trig: Token) -> bool:
    """Whether the thing `trig` ("received") takes is an envoy's letters of credence."""
    return any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in ("letter", "letters") and any(
        p.lower_ == "of" and any(g.lower_ in ("credence", "credentials", "accreditation") for g in p.children)
        for p in c.children) for c in trig.children)


def _negation(ctx: MeetingContext, s: TriggerScope) -> Status | None:
    """ "did not meet", "no meeting", "never met"."""
    for tok in (s.trig, s.verb):
        for child in tok.children:
            if child.dep_ == "neg" or child.lower_ in WORDS.negators:
                return Status("negated", "status.negated.negation")
    return None


def _negating_ancestor(ctx: MeetingContext, s: TriggerScope) -> Status | None:
    """ "refused to meet" (a negating head), "puts Budapest summit with Putin on hold"."""
    if any(c.dep_ == "compound" and c.lemma_.lower() in ctx.lex["negative_heads"] and c.i < s.trig.i
           for c in s.trig.children):
        return Status("negated", "status.negated.negative_head")  # a headline's "Trump cancels summit with Kim"
    for anc in s.chain[1:]:
        if anc.lemma_.lower() in ctx.lex["negative_heads"] or anc.lemma_.lower() == "rule" and any(
                c.dep_ == "prt" and c.lower_ == "out" for c in anc.children):  # "Bush rules out meeting with X"
            return Status("negated", "status.negated.negative_head")
        if anc.lemma_.lower() in WORDS.on_hold_verbs and any(
                c.lower_ == "on" and any(g.lower_ in WORDS.on_hold_objects for g in c.children) for c in anc.children):
            return Status("negated", "status.negated.on_hold")
    return None


def _at_event_past(ctx: MeetingContext, s: TriggerScope) -> Status | None:
    """ "Lee and Ishiba agreed on Saturday to ... at a summit in Tokyo": the event where they agreed."""
    trig, root = s.trig, s.trig.sent.root
    if trig.pos_ in ("NOUN", "PROPN") and trig.dep_ == "pobj" and trig.head.lower_ in ("at", "during") and \
            root.tag_ == "VBD" and not any(c.lemma_.lower() in ctx.lex["planned_words"] for c in trig.children) and \
            not any(c.dep_ == "neg" for c in root.children):
        return Status("held", "status.held.at_event_past")
    return None


def _purpose_of_past_trip(ctx: MeetingContext, s: TriggerScope) -> Status | None:
    """ "Patino arrived at the palace to meet Holguin": the purpose of a trip made."""
    verb = s.verb
    if verb.dep_ in ("advcl", "xcomp") and verb.head.tag_ == "VBD" and verb.head.lemma_.lower() in WORDS.trip_verbs \
            and any(c.tag_ == "TO" for c in verb.children) and not any(
                c.dep_ in ("aux", "neg") and c.lower_ in WORDS.unfulfilled_auxiliaries for c in verb.head.children):
        return Status("held", "status.held.purpose_of_past_trip")
    return None


def _arrival_welcome(ctx: MeetingContext, s: TriggerScope) -> Status | None:
    """ "had welcomed the visiting Foreign Minister at the Tribhuvan International Airport": an arrival
    ceremony, not a meeting."""
    trig = s.trig
    if trig.lemma_.lower() not in WORDS.greeting_verbs:
        return None
    words = {t.lower_ for t in trig.subtree}
    if words & WORDS.arrival_places or "arrival" in words and words & {"upon", "on"}:
        return Status("negated", "status.negated.arrival_welcome")
    return None


_PROGRAMME_TIME = re.compile(r"^\s*(?:\d{1,2}[h:.]\d{2}|\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?)\s*(?:[-–—:]|hrs?\b)?\s")


def _programme_item(ctx: MeetingContext, s: TriggerScope) -> Status | None:
    """ "11h00: President Ramaphosa receives President Zelenskyy at the Union Buildings": a line of a
    visit's programme, told in the present, is a plan."""
    trig, verb = s.trig, s.verb
    if verb.tag_ in ("VBD", "VBN") or trig.tag_ in ("VBD", "VBN"):
        return None
    line_start = ctx.text.rfind("\n", 0, ctx.sent(trig).start_char) + 1
    if _PROGRAMME_TIME.match(ctx.text[line_start:line_start + 24]):
        return Status("planned", "status.planned.programme")
    return None


def _used_the_opportunity(ctx: MeetingContext, s: TriggerScope) -> Status | None:
    """ "The Minister also used the opportunity to speak with his counterparts": a purpose met."""
    verb = s.verb
    head = verb.head
    if verb.dep_ in ("acl", "xcomp", "advcl") and any(c.tag_ == "TO" for c in verb.children):
        if head.pos_ == "NOUN" and head.lemma_.lower() in WORDS.opportunity_nouns:
            head = head.head
        if head.lemma_.lower() in WORDS.opportunity_verbs and head.tag_ == "VBD" and any(
                c.lemma_.lower() in WORDS.opportunity_nouns for c in head.children):
            return Status("held", "status.held.used_opportunity")
    return None


def _pleased_to(ctx: MeetingContext, s: TriggerScope) -> Status | None:
    """ "I am pleased to welcome the UK Defence Minister to Ukraine": the welcome is happening (not with a
    modal: "would be delighted to meet")."""
    verb = s.verb
    adj = verb.head
    if adj.i in ctx.quote_speaker and any(c.tag_ == "TO" for c in verb.children):
        return Status("held", "status.held.pleased_to")  # '"Good to meet FM Khadka ...," Jaishankar tweeted'
    if verb.dep_ != "xcomp" or adj.lower_ not in WORDS.pleasure_words or not any(c.tag_ == "TO" for c in verb.children):
        return None
    be = adj.head if adj.dep_ == "acomp" else adj
    if be.tag_ in ("VBP", "VBZ", "VBD") and not any(c.dep_ == "aux" and c.lower_ in WORDS.planned_auxiliaries
                                                     for c in be.children):
        return Status("held", "status.held.pleased_to")
    return None


def _modal_or_planned_word(ctx: MeetingContext, s: TriggerScope) -> Status | None:
    """ "will visit", "to meet", "the planned summit"; also on the verb a trigger is conjoined to
    ("Orpo will visit the base and have a meeting with ...", "... before he pays a call")."""
    trig, verb = s.trig, s.verb
    heads = [trig] if trig.i == verb.i else [trig, verb]  # in order: a set of tokens has no stable order
    if verb.dep_ in ("conj", "advcl") and verb.head.pos_ in ("VERB", "AUX") and verb.tag_ not in ("VBD", "VBN"):
        heads.append(verb.head)
    for tok in heads:
        for child in tok.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in WORDS.planned_auxiliaries and \
                    child.i not in ctx.mention_of:  # "Trump, British PM Theresa May Hold Joint Press Conference"
                return Status("planned", "status.planned.modal")
            if child.dep_ in ("aux", "mark") and child.tag_ == "TO":
                return Status("planned", "status.planned.modal")
            if child.dep_ in ("amod", "compound", "acl", "advmod", "npadvmod") and (
                    child.lemma_.lower() in ctx.lex["planned_words"] or child.lower_ in ctx.lex["planned_words"]):
                return Status("planned", "status.planned.planned_word")
    if trig.pos_ in ("NOUN", "PROPN"):
        end = max(t.i for t in trig.subtree) + 1  # "Marcos' meeting with Pham will focus on ...", misparsed
        doc = ctx.doc
        if end + 1 < len(doc) and doc[end].lower_ in WORDS.planned_auxiliaries and doc[end].lower_ != "to" and \
                doc[end + 1].pos_ in ("VERB", "AUX") and doc[end].i not in ctx.mention_of:
            return Status("planned", "status.planned.modal")
    loose = trig.pos_ in ("NOUN", "PROPN") and (
        any(t.dep_ == "dep" for t in [trig, *list(trig.ancestors)[:4]]) or
        trig.dep_ == "pobj" and trig.head.lower_ == "for" and trig.head.head.pos_ == "PROPN")
    if loose:
        # the parser gave up on the clause ("would send its envoy, X, to Ukraine for talks" hung "for talks"
        # on the name "X"): the verb before the meeting noun decides
        sent = ctx.sent(trig)
        left = next((t for t in reversed(ctx.doc[sent.start:trig.i]) if t.pos_ == "VERB"), None)
        if left is not None and any(c.dep_ in ("aux", "mark") and (c.lower_ in WORDS.planned_auxiliaries or
                                                                   c.tag_ == "TO") for c in left.children):
            return Status("planned", "status.planned.modal")
    return None


def _looks_forward(ctx: MeetingContext, s: TriggerScope) -> Status | None:
    """ "Lula looks forward to receiving Xi for a state visit"."""
    for anc in list(s.trig.ancestors)[:5]:
        if anc.lemma_.lower() == "look" and any(c.lower_ == "forward" for c in anc.children):
            return Status("planned", "status.planned.look_forward")
    return None


def _planning_ancestor(ctx: MeetingContext, s: TriggerScope) -> Status | None:
    """ "was due in Berlin for talks", "open to talks", "ready to meet", "is expected to meet",
    "said he would meet", "plans to visit"."""
    lex, verb = ctx.lex, s.verb
    trig = s.trig
    if trig.dep_ in ("pcomp", "pobj") and trig.head.lower_ == "for" and \
            trig.head.head.lemma_.lower() in ("schedule", "plan", "set", "arrange", "slate"):
        return Status("planned", "status.planned.due")  # "a date scheduled for meeting with the Serbian president"
    for anc in s.chain[1:]:
        if anc.pos_ in ("AUX", "VERB") and any(c.dep_ in ("acomp", "xcomp") and c.lower_ in WORDS.due_words
                                               for c in anc.children):
            return Status("planned", "status.planned.due")
        if anc.lemma_.lower() in lex["hypothetical_heads"] and anc.pos_ in ("ADJ", "VERB") and \
                any(c.lower_ in ("to", "for") or c.tag_ == "TO" for c in anc.children):
            return Status("planned", "status.planned.hypothetical")
        if anc.lemma_.lower() in WORDS.due_heads and \
                anc.pos_ in ("ADJ", "VERB", "AUX") and anc.tag_ != "VBD":
            return Status("planned", "status.planned.due")
        if anc.dep_ in ("ROOT",) and anc.lemma_.lower() in WORDS.reporting_verbs and \
                any(c.lower_ in WORDS.future_modals for c in verb.children):
            return Status("planned", "status.planned.modal")
        if anc.lemma_.lower() in lex["planned_heads"] and verb.dep_ in ("xcomp", "ccomp", "acl") \
                and any(c.tag_ == "TO" for c in verb.children):
            return Status("planned", "status.planned.modal")
    return None


def _time_to_come(ctx: MeetingContext, s: TriggerScope) -> Status | None:
    """ "tomorrow", "next week", "later this month", "the scheduled talks" in the trigger's clause."""
    verb = s.verb
    words = [ctx.doc[i].lower_ for i in sorted({t.i for t in verb.subtree})]
    if "tomorrow" in words or "next" in words and any(w in words for w in WORDS.next_time_units):
        return Status("planned", "status.planned.next_time")
    if "later" in words and "this" in words and verb.tag_ not in ("VBD", "VBN"):
        return Status("planned", "status.planned.later_this")
    if s.trig.pos_ in ("NOUN", "PROPN") and any(w in WORDS.scheduled_words for w in words):
        return Status("planned", "status.planned.scheduled_noun")
    return None


def _asked_for(ctx: MeetingContext, s: TriggerScope) -> Status | None:
    """ "accepting an Iranian invitation for a bilateral meeting with Rouhani", "a request for talks":
    a meeting noun that is what an invitation, request or offer is for."""
    trig = s.trig
    if trig.pos_ in ("NOUN", "PROPN") and trig.dep_ == "pobj" and trig.head.lower_ in ("for", "to") and \
            trig.head.head.lemma_.lower() in WORDS.asking_nouns:
        return Status("planned", "status.planned.asked_for")
    return None


def _progressive(ctx: MeetingContext, s: TriggerScope) -> Status | None:
    """ "Trump is also meeting with Xi in Buenos Aires": the present progressive of a meeting verb tells
    an arrangement (news is written before it), unless the clause says it is going on now."""
    trig = s.trig
    if trig.tag_ != "VBG" or not any(c.dep_ == "aux" and c.lower_ in ("is", "are", "'s", "’s") for c in trig.children):
        return None
    words = {t.lower_ for t in trig.subtree}
    if words & WORDS.now_words:
        return None
    if ctx.anchor is not None and ctx.anchor.strftime("%A").lower() in words:
        return None  # "Ramaphosa is on Tuesday hosting Ghali", published that Tuesday: going on
    return Status("planned", "status.planned.progressive")


def _future_clause(ctx: MeetingContext, s: TriggerScope) -> Status | None:
    """ "The two leaders will then hold talks before proceeding to the palace for an audience with the King",
    "will travel to Oslo to attend a meeting hosted by Prime Minister Store": a meeting noun (or the
    participle that qualifies one) in a phrase of a verb told in the future (not after it) is planned."""
    trig = s.trig
    node = trig
    if trig.tag_ == "VBN" and trig.dep_ == "acl" and trig.head.pos_ in ("NOUN", "PROPN"):
        node = trig.head  # "will attend a meeting with the Nordic leaders hosted by Prime Minister Store"
    elif trig.pos_ not in ("NOUN", "PROPN") or trig.dep_ != "pobj":
        return None
    # through nouns conjoined to an object too ("will join Holness and senior ministers for bilateral talks")
    while node.head.i != node.i and node.dep_ in ("pobj", "prep", "pcomp", "advcl", "xcomp", "dobj", "conj"):
        if node.lower_ in ("after", "following", "since"):
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUXILIARIES
                                                for c in node.children):
            return Status("planned", "status.planned.future_clause")
    return None


#: The auxiliaries of a verb told in the future ("will", "would", "shall", "'ll").
_FUTURE_AUXILIARIES = WORDS.future_modals | {"'ll", "shall"}


#: The procedural status rules, in the order they are asked; the first that answers decides.
def _in_the_works(ctx: MeetingContext, s: TriggerScope) -> Status | None:
    """ "his meeting with the Russian President was in the works", "a summit is under consideration":
    a meeting noun said to be in preparation."""
    if s.trig.pos_ not in ("NOUN", "PROPN"):
        return None
    # the meeting noun, or the noun it hangs from ("the issue of his meeting with X was in works")
    subject = next((t for t in s.chain if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")), None)
    if subject is None or subject.head.lemma_ != "be":
        return None
    for prep in subject.head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "under") and any(
                g.lower_ in WORDS.in_preparation_words for g in prep.children):
            return Status("planned", "status.planned.in_the_works")
    return None


def _anticipated(ctx: MeetingContext, s: TriggerScope) -> Status | None:
    """ "Kurti predicted meetings with Rama, Ruci and Meta", "plans talks with": a meeting noun that is
    the object of a verb of foreseeing or asking is planned, whatever the verb's tense."""
    trig = s.trig
    if trig.pos_ in ("NOUN", "PROPN") and trig.dep_ == "dobj" and trig.head.pos_ == "VERB" and \
            trig.head.lemma_.lower() in WORDS.anticipation_verbs:
        return Status("planned", "status.planned.anticipated")
    return None


STATUS_RULES: tuple[Callable[[MeetingContext, TriggerScope], Status | None], ...] = (
    _negation, _negating_ancestor, _arrival_welcome, _in_the_works, _programme_item, _at_event_past, _purpose_of_past_trip,
    _used_the_opportunity, _pleased_to,
    _modal_or_planned_word,
    _looks_forward, _planning_ancestor, _anticipated, _time_to_come, _asked_for, _progressive, _future_clause)
