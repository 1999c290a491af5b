"""Meeting triggers: which words of a sentence start a meeting.

A trigger is a token the trigger patterns (extract/resources/patterns/triggers.jsonl) or a
user lexicon's verbs and nouns match, kept when its use is a meeting: "held talks" (not "held
a press conference"), "called X" or "called on X" (not "called for restraint"), "spoke with X"
(not "spoke to reporters"), "joined the talks", "sat down with". Outside quotations only.

Not here: whether the meeting took place (``meeting_status``) or who met
(``meeting_participants``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import load_lexicon
from .meeting_context import MeetingContext

__all__ = ["triggers_in", "calls_on", "is_call", "joins_meeting", "courtesy_call", "joins_current", "holds_meeting"]

_WORDS = load_lexicon("meeting_words")
_CALL_DATE_OPENERS = _WORDS["call_date_openers"]
_COURTESY_MODIFIERS = _WORDS["courtesy_call_modifiers"]
_HOLD_VERBS = _WORDS["hold_verbs"]
_JOINING_VERBS = _WORDS["joining_verbs"]
_PHONE_WORDS = _WORDS["phone_words"]
_SPEAK_VERBS = _WORDS["speak_verbs"]

_DEFINITE = _WORDS["definite_determiners"]


def triggers_in(ctx: MeetingContext, sent: Span) -> list[Token]:
    """The trigger tokens of `sent`, in order (outside quotations, in a meeting sense)."""
    lex = ctx.lex
    out = []
    for tok in sent:
        if tok.i in ctx.quoted:
            continue
        lemma = tok.lemma_.lower()
        low = tok.lower_
        rule = ctx.trigger_rule.get(tok.i, "")
        if tok.pos_ in ("VERB", "AUX") and (rule.startswith("trigger.verb.") or lemma in lex["user_verbs"]):
            if lemma in _HOLD_VERBS and not holds_meeting(ctx, tok):
                continue
            if lemma == "call" and not is_call(ctx, tok) and not calls_on(ctx, tok):
                continue
            if lemma == "speak" and not any(c.lower_ in ("with", "to", "by", "over", "via") for c in tok.children):
                continue
            if lemma in _SPEAK_VERBS and any(
                    c.lower_ in ("with", "to") and c.dep_ == "prep" and not any(t.i in ctx.mention_of for t in c.subtree)
                    for c in tok.children):
                continue  # "Trump and Vance spoke to reporters": not to each other
            if lemma == "sit" and not any(c.lower_ == "down" for c in tok.children):
                continue
            if lemma in _JOINING_VERBS and not joins_meeting(ctx, tok):
                continue
            if lemma == "welcome" and not any(t.i in ctx.mention_of for c in tok.children if c.dep_ in ("dobj", "obj")
                                              for t in c.subtree):  # "welcome my good friend, Lloyd Austin"
                continue
            out.append(tok)
        elif tok.pos_ in ("NOUN", "PROPN") and (rule.startswith("trigger.noun.") or low in lex["user_nouns"]):
            if low == "call" and tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ in ("for", "on", "to") \
                    and not (ctx.doc[tok.i + 1].lower_ == "on" and tok.i + 2 < len(ctx.doc) and
                             ctx.doc[tok.i + 2].lower_.rstrip(".") in _CALL_DATE_OPENERS) and not courtesy_call(tok):
                continue  # "a call for restraint", not "a phone call on Monday between X and Y"
            if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and \
                    tok.head.lower_ not in ctx.lex["nouns"] and tok.head.lower_ not in ctx.lex["hold_objects"]:
                continue  # "the G20 Summit preparations", "a meeting room": a noun about something else
            if tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in _HOLD_VERBS and \
                    holds_meeting(ctx, tok.head):
                continue  # the verb is the trigger ("held talks"); "had dinner with X" is the noun's
            out.append(tok)
    return out


def calls_on(ctx: MeetingContext, tok: Token) -> bool:
    """ "Minister Jaishankar called on Prime Minister Albanese": a courtesy visit (an in-person
    meeting), unlike "called on Russia to withdraw", which urges."""
    nxt = ctx.doc[tok.i + 1] if tok.i + 1 < len(ctx.doc) else None
    if nxt is None or nxt.lower_ not in ("on", "upon"):
        return False
    end = min(len(ctx.doc), ctx.sents[ctx.sent_of[tok.i]].end)
    after = [ctx.doc[i] for i in range(tok.i + 2, min(end, tok.i + 12))]
    if any(t.lower_ == "to" and t.i + 1 < end and ctx.doc[t.i + 1].pos_ in ("VERB", "AUX") for t in after):
        return False  # "called on Russia to withdraw"
    return any(t.i in ctx.mention_of for t in after[:8])


def is_call(ctx: MeetingContext, tok: Token) -> bool:
    """ "called X" as a phone call: an official as its object, or a phone in its phrase."""
    nxt = ctx.doc[tok.i + 1] if tok.i + 1 < len(ctx.doc) else None
    if nxt is not None and nxt.lower_ in ("for", "on", "upon", "off", "it", "out"):
        return False
    objects = [c for c in tok.children if c.dep_ in ("dobj", "obj", "oprd")]
    if any(c.dep_ == "oprd" and c.i not in ctx.mention_of for c in objects):
        return False  # "called Putin a killer": a name for someone, not a phone call
    # the small model reads "called Prime Minister Kishida on Monday" as naming (oprd): a call all the same
    return any(c.i in ctx.mention_of for c in objects) or \
        any(c.lower_ in _PHONE_WORDS for c in tok.subtree)


def joins_meeting(ctx: MeetingContext, tok: Token) -> bool:
    """"attended the summit", "joined the talks", "was joined by X": not "attended the swearing-in"."""
    lex = ctx.lex
    for child in tok.children:
        if child.dep_ in ("dobj", "obj"):
            words = {child.lower_} | {c.lower_ for c in child.children if c.dep_ in ("compound", "amod")}
            if words & (lex["nouns"] | lex["multilateral_words"] | lex["hold_objects"]):
                return True
        if child.dep_ == "agent" and any(t.i in ctx.mention_of for t in child.subtree):
            return True
    return False


def courtesy_call(tok: Token) -> bool:
    """ "paid a courtesy call on the Minister", "a farewell call on": a visit in person, not a phone call."""
    return any(c.lower_ in _COURTESY_MODIFIERS for c in tok.children) or (
        tok.head.lemma_.lower() == "pay" and tok.dep_ in ("dobj", "obj"))


def joins_current(ctx: MeetingContext, tok: Token) -> bool:
    """ "Macron joined the talks": the meeting the story is telling, not a new one."""
    return any(c.dep_ in ("dobj", "obj") and c.lower_ in ctx.meeting_words and
               any(d.lower_ in _DEFINITE for d in c.children) for c in tok.children)


def holds_meeting(ctx: MeetingContext, tok: Token) -> bool:
    """ "held talks", "had a meeting": a hold/have verb whose object is a meeting noun."""
    objs = ctx.lex["hold_objects"]
    for child in tok.children:
        if child.dep_ in ("dobj", "obj", "attr", "conj") and (child.lower_ in objs or child.lemma_.lower() in objs):
            return True
    return False
