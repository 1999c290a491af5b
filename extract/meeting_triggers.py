"""Meeting triggers: which words of a sentence start a meeting.

A trigger is a token the trigger patterns (extract/resources/patterns/triggers.jsonl) or a
user lexicon's verbs and nouns match, kept when its use is a meeting: "held talks" (not "held
a press conference"), "called X" or "called on X" (not "called for restraint"), "spoke with X"
(not "spoke to reporters"), "joined the talks", "sat down with". Outside quotations only.

A new reason to drop a matched word is one small function added to ``VERB_VETOES`` or
``NOUN_VETOES``; a new trigger word is a pattern line.

Not here: whether the meeting took place (``meeting_status``) or who met (``meeting_participants``).
"""

from __future__ import annotations

from typing import Callable

from spacy.tokens import Span, Token

from .meeting_context import MeetingContext
from .meeting_words import WORDS

__all__ = ["triggers_in", "VERB_VETOES", "NOUN_VETOES", "calls_on", "is_call", "joins_meeting", "courtesy_call",
           "joins_current", "holds_meeting"]


def triggers_in(ctx: MeetingContext, sent: Span) -> list[Token]:
    """The trigger tokens of `sent`, in order: matched by a trigger pattern or a user lexicon's
    word, outside quotations, and vetoed by none of ``VERB_VETOES`` or ``NOUN_VETOES``."""
    cached = ctx._trigger_cache.get(sent.start)
    if cached is not None:  # make_meeting asks again for the sentence the walk is reading
        return cached
    lex = ctx.lex
    out = []
    for tok in sent:
        if tok.i in ctx.quoted:
            continue
        rule = ctx.trigger_rule.get(tok.i, "")
        if (tok.pos_ in ("VERB", "AUX") or _verb_tagged_noun(tok)) and (
                rule.startswith("trigger.verb.") or tok.lemma_.lower() in lex["user_verbs"]):
            if not any(veto(ctx, tok) for veto in VERB_VETOES):
                out.append(tok)
        elif tok.pos_ in ("NOUN", "PROPN") and (rule.startswith("trigger.noun.") or tok.lower_ in lex["user_nouns"]):
            if not any(veto(ctx, tok) for veto in NOUN_VETOES):
                out.append(tok)
    ctx._trigger_cache[sent.start] = out
    return out


def _verb_tagged_noun(tok: Token) -> bool:
    """ "... Antonino Maggiore bid farewell to President Hichilema": a verb the small model tagged as a noun
    but parsed as a clause's head, with an object or a subject of its own."""
    return tok.pos_ == "NOUN" and tok.dep_ in ("ROOT", "xcomp", "ccomp", "advcl", "conj", "relcl") and \
        any(c.dep_ in ("dobj", "nsubj") for c in tok.children)


def _holds_no_meeting(ctx: MeetingContext, tok: Token) -> bool:
    """ "held a press conference", "has a plan": hold/have without a meeting noun."""
    return tok.lemma_.lower() in WORDS.hold_verbs and not holds_meeting(ctx, tok)


def _calls_nobody(ctx: MeetingContext, tok: Token) -> bool:
    """ "called for restraint", "called Putin a killer": neither a phone call nor a call on someone."""
    return tok.lemma_.lower() == "call" and not is_call(ctx, tok) and not calls_on(ctx, tok)


def _speaks_alone(ctx: MeetingContext, tok: Token) -> bool:
    """ "spoke at the conference": "speak" with no "with", "to", "by", "over" or "via"."""
    return tok.lemma_.lower() == "speak" and not any(c.lower_ in ("with", "to", "by", "over", "via")
                                                     for c in tok.children)


def _speaks_to_no_official(ctx: MeetingContext, tok: Token) -> bool:
    """ "Trump and Vance spoke to reporters": not to each other."""
    return tok.lemma_.lower() in WORDS.speak_verbs and any(
        c.lower_ in ("with", "to") and c.dep_ == "prep" and not any(
            t.i in ctx.mention_of or t.lemma_.lower() == "counterpart" for t in c.subtree)
        for c in tok.children)  # "spoke with his Ukrainian counterpart X" often loses X to a misparse


def _sits_not_down(ctx: MeetingContext, tok: Token) -> bool:
    """ "sat" without "down" ("sat down with X" is a meeting)."""
    return tok.lemma_.lower() == "sit" and not any(c.lower_ == "down" for c in tok.children)


def _joins_no_meeting(ctx: MeetingContext, tok: Token) -> bool:
    """ "attended the swearing-in": join/attend without a meeting."""
    return tok.lemma_.lower() in WORDS.joining_verbs and not joins_meeting(ctx, tok)


def _welcomes_no_official(ctx: MeetingContext, tok: Token) -> bool:
    """ "welcomed the decision", "welcome my good friend, Lloyd Austin": no official as its object."""
    # "welcomed her Samoan counterpart": an office the participant steps can tell is an official
    return tok.lemma_.lower() == "welcome" and not any(
        t.i in ctx.mention_of or t.lemma_.lower() == "counterpart"
        for c in tok.children if c.dep_ in ("dobj", "obj") for t in c.subtree)


def _call_for_something(ctx: MeetingContext, tok: Token) -> bool:
    """ "a call for restraint", not "a phone call on Monday between X and Y" or "a courtesy call on"."""
    doc = ctx.doc
    return tok.lower_ == "call" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("for", "on", "to") \
        and not (doc[tok.i + 1].lower_ == "on" and tok.i + 2 < len(doc) and
                 doc[tok.i + 2].lower_.rstrip(".") in WORDS.call_date_openers) and not courtesy_call(tok)


def _noun_about_something_else(ctx: MeetingContext, tok: Token) -> bool:
    """ "the G20 Summit preparations", "a meeting room": a compound of a noun that is no meeting."""
    return tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and \
        tok.head.lower_ not in ctx.lex["nouns"] and tok.head.lower_ not in ctx.lex["hold_objects"]


def _discussion_with_no_official(ctx: MeetingContext, tok: Token) -> bool:
    """ "a discussion held with Foreign Minister Motegi", "a talk with the prime minister" are meetings; "a
    discussion on climate finance", "a talk on policy" are not: the singular needs a "with" or "between" phrase,
    its own or its verb's, naming an official."""
    if tok.lower_ not in ("discussion", "talk"):
        return False
    heads = [tok] + [c for c in tok.children if c.dep_ == "acl"]  # "a discussion held with X"
    withs = [c for h in heads for c in h.children if c.lower_ in ("with", "between")]
    # "a talk with the prime minister of Sweden, Stefan Lofven": the name hung on the noun after the office
    named = [c for c in tok.children if c.dep_ == "appos" and c.i in ctx.mention_of] if withs else []
    return not (named or any(any(t.i in ctx.mention_of for t in c.subtree) for c in withs))


def _spoken_about(ctx: MeetingContext, tok: Token) -> bool:
    """ "X spoke to the ambassador about the discussions of the Presidency with the President of Croatia": a
    meeting someone talked about is what they talked about, not a meeting the sentence tells."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "about" and tok.head.head.lemma_.lower() in (
        "speak", "talk", "inform", "brief", "tell", "update", "say")


def _setting_of_another(ctx: MeetingContext, tok: Token) -> bool:
    """ "on the sidelines of the G20 summit", "on the eve of the summit": the event is where or when another
    meeting is, not one the people of the sentence hold."""
    return tok.head.lower_ == "of" and tok.head.head.lower_ in ("sidelines", "sideline", "margins", "margin", "eve",
                                                                 "fringes", "fringe")


def _object_of_hold(ctx: MeetingContext, tok: Token) -> bool:
    """ "held talks": the verb is the trigger; "had dinner with X" is the noun's."""
    return tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in WORDS.hold_verbs and holds_meeting(ctx, tok.head)


def _escorted_to(ctx: MeetingContext, tok: Token) -> bool:
    """ "The Prime Minister is accompanied by Minister X to the meeting": who went to a meeting together, not
    a meeting between them."""
    return tok.dep_ == "pobj" and tok.head.lower_ in ("to", "for") and tok.head.head.lemma_.lower() == "accompany"


def _visiting_as_adjective(ctx: MeetingContext, tok: Token) -> bool:
    """ "a meeting between President Ruto and visiting US Trade Representative Tai": "visiting" after a
    determiner, conjunction or preposition qualifies the visitor; the small model often tags it a verb."""
    if tok.lower_ != "visiting" or tok.i == 0:
        return False
    prev = ctx.doc[tok.i - 1]
    return prev.pos_ in ("DET", "CCONJ", "ADP") or prev.text == ","


#: Reasons a matched trigger verb is not a meeting; any one of them drops it.
def discussed_with(verb: Token) -> list[Token]:
    """The "with" phrases of a "discuss" verb: its own, and one the parser hung on its object, even an object
    it made a clause ("discussed women issue mainstreaming with X")."""
    return [c for c in verb.children if c.lower_ == "with"] + [
        g for c in verb.children if c.dep_ in ("dobj", "ccomp") for g in c.children if g.lower_ == "with"]


def _discusses_with_no_official(ctx: MeetingContext, tok: Token) -> bool:
    """ "discussed Afghanistan with Foreign Minister Haavisto", "Steinmeier and Brende discussed Ukraine"
    are meetings; "discussed the plan" or "discussed it with reporters" are not: "discuss" needs a
    "with" phrase that names an official, or two officials as its subject."""
    if tok.lemma_.lower() not in ("discuss", "address", "raise"):
        return False
    with_official = any(any(t.i in ctx.mention_of for t in c.subtree) for c in discussed_with(tok))
    pair = any(c.dep_ == "nsubj" and len({ctx.mention_of[t.i] for t in c.subtree if t.i in ctx.mention_of}) >= 2
               for c in tok.children)  # "Steinmeier and his Norwegian counterpart Brende discussed Ukraine"
    return not (with_official or pair)


def _acts_without_a_pair(ctx: MeetingContext, tok: Token) -> bool:
    """ "A and his Colombian counterpart B reaffirmed their commitments" tells a meeting; "A reaffirmed",
    "the two countries agreed", or "A and B reaffirmed in a joint statement" does not: a joint action
    needs a subject naming two officials of two known countries, in a sentence that is no statement's."""
    if ctx.trigger_rule.get(tok.i) != "trigger.verb.joint_action":
        return False
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    people = {ctx.mention_of[t.i] for c in subjects for t in c.subtree if t.i in ctx.mention_of}
    countries = {ctx.officials[p].country for p in people} - {None}
    words = ctx.words(ctx.sent_of[tok.i])
    # "As President A and President B both emphasized, ...": a clause citing what they said, not a meeting
    citing = any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
    return len(people) < 2 or len(countries) < 2 or bool(words & WORDS.written_things) or citing


#: Words that make the letters an envoy hands over credentials: "letters of credence", a high commissioner's
#: "Letter of Introduction" (between Commonwealth countries), "letter of commission".
_CREDENTIAL_WORDS = ("credential", "credence", "introduction", "commission")


def _presents_no_credentials(ctx: MeetingContext, tok: Token) -> bool:
    """ "presented her credentials to Secretary-General Guterres" is an audience; "presented a plan",
    "handed over a letter to reporters" are not: the object must be credentials (or their copies) and
    the "to" phrase must name an official."""
    if tok.lemma_.lower() not in WORDS.credential_verbs:
        return False
    papers = any(c.dep_ in ("dobj", "obj") and (c.lemma_.lower() in WORDS.credential_nouns and any(
        t.lemma_.lower() in _CREDENTIAL_WORDS for t in c.subtree)) for c in tok.children)
    to_official = any(c.lower_ == "to" and c.dep_ in ("prep", "dative") and any(t.i in ctx.mention_of for t in c.subtree)
                      for c in tok.subtree)
    return not (papers and to_official)


VERB_VETOES: tuple[Callable[[MeetingContext, Token], bool], ...] = (
    _holds_no_meeting, _calls_nobody, _speaks_alone, _speaks_to_no_official, _sits_not_down, _joins_no_meeting,
    _welcomes_no_official, _discusses_with_no_official, _presents_no_credentials, _visiting_as_adjective,
    _acts_without_a_pair)
#: Reasons a matched trigger noun is not a meeting; any one of them drops it.
NOUN_VETOES: tuple[Callable[[MeetingContext, Token], bool], ...] = (
    _call_for_something, _noun_about_something_else, _object_of_hold, _escorted_to, _spoken_about, _discussion_with_no_official,
    _setting_of_another)


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
    if any(t.i in ctx.mention_of for t in after[:8]):
        return True
    # "called on Deputy Prime Minister and Minister for Urban Development Prakash Man Singh": a long office first
    first = next((k for k, t in enumerate(after) if t.i in ctx.mention_of), None)
    return first is not None and all(t.is_title or t.lower_ in ("and", "for", "of", "the", "&") for t in after[:first])


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
        any(c.lower_ in WORDS.phone_words for c in tok.subtree)


def joins_meeting(ctx: MeetingContext, tok: Token) -> bool:
    """"attended the summit", "joined the talks", "was joined by X": not "attended the swearing-in"."""
    lex = ctx.lex
    for child in tok.children:
        if child.dep_ in ("dobj", "obj"):
            words = {child.lower_} | {c.lower_ for c in child.children if c.dep_ in ("compound", "amod")}
            # "attended the Mid-Term Review of the Third Session of the Bi-National Commission": a part of a meeting
            words |= {g.lower_ for c in child.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"}
            if words & (lex["nouns"] | lex["multilateral_words"] | lex["hold_objects"]):
                return True
        if child.dep_ == "agent" and any(t.i in ctx.mention_of for t in child.subtree) and \
                not _passive_subject_no_meeting(ctx, tok):
            return True
    return False


def _passive_subject_no_meeting(ctx: MeetingContext, tok: Token) -> bool:
    """ "The ceremony was attended by former presidents A and B": what was attended is a ceremony
    (ceremonial_events), not a meeting (not "The event was attended by the defence ministers", "The talks were
    attended by X", "Biden was joined by X")."""
    for subj in (c for c in tok.children if c.dep_ == "nsubjpass"):
        words = {subj.lemma_.lower()} | {c.lower_ for c in subj.children if c.dep_ in ("compound", "amod")}
        return subj.lemma_.lower() in WORDS.ceremonial_events and not words & WORDS.attended_events - {"ceremony"}
    return False


def courtesy_call(tok: Token) -> bool:
    """ "paid a courtesy call on the Minister", "a farewell call on": a visit in person, not a phone call."""
    return any(c.lower_ in WORDS.courtesy_call_modifiers for c in tok.children) or (
        tok.head.lemma_.lower() == "pay" and tok.dep_ in ("dobj", "obj"))


def joins_current(ctx: MeetingContext, tok: Token) -> bool:
    """ "Macron joined the talks": the meeting the story is telling, not a new one."""
    return any(c.dep_ in ("dobj", "obj") and c.lower_ in ctx.meeting_words and
               any(d.lower_ in WORDS.definite_determiners for d in c.children) for c in tok.children)


def holds_meeting(ctx: MeetingContext, tok: Token) -> bool:
    """ "held talks", "had a meeting": a hold/have verb whose object is a meeting noun."""
    objs = ctx.lex["hold_objects"]
    for child in tok.children:
        if child.dep_ in ("dobj", "obj", "attr", "conj") and (child.lower_ in objs or child.lemma_.lower() in objs):
            return True
    return False
