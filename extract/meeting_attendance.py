"""Officials a sentence says came with a party or were present at the current meeting.

"The Russian president was accompanied by a delegation including A, B and C", "In attendance
were A and B", "Those heads of state meeting with the US President were: A; B; C", "The meeting was attended by A", "A, B and C also attended the meetings", "Among
those present were A and B", "A and B were also present (at the meeting)". They join the
current meeting with the rule that said so (``participant.accompanied`` or
``participant.present``); an official who accompanied someone and has no country of their own
takes that person's (``country.accompanied``).

Not here: the officials of the trigger's own clause (``meeting_participants``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .meeting_context import MeetingContext
from .meeting_types import Meeting
from .meeting_words import WORDS
from .official_candidates import country_within

__all__ = ["attendance", "attendance_cue", "accompanied_country"]

_REFERRING = {"it", "which"}  # "It was attended by ...", "..., which was attended by ..."


def attendance(ctx: MeetingContext, sent: Span, current: Meeting) -> str | None:
    """Add the officials `sent` says were present at, or accompanied someone to, `current`.
    Returns the rule's id, or None when the sentence says nothing of the kind."""
    during = _during_subject(ctx, sent, current)
    if during:  # "Ruto said that former German President Christian Wulff during the meeting presented ..."
        for p, t in during:
            current.participants.append(p)
            current.participant_evidence[p] = ctx.mention_span(p, t)
            current.participant_rules[p] = "participant.during_meeting"
        si = ctx.sent_of[sent.start]
        if si not in current.sentences:
            current.sentences.append(si)
        return "participant.during_meeting"
    rule, cue = None, None
    for tok in sent:
        if tok.i in ctx.quoted:
            continue  # '"I cannot be present at a meeting ...," Kurti said': what someone says of themselves
        rule = attendance_cue(ctx, tok, current)
        if rule:
            cue = tok
            break
    if rule is None:
        return None
    if _another_time(sent) and not _at_the_meeting(ctx, cue):
        return None  # "Later in the afternoon, X accompanied by Y toured an expo": another event of the day
    si = ctx.sent_of[sent.start]
    listed, lines = ctx.listed_after(si)
    named = ctx.sentence_officials(si)
    named = [p for p in named if not _only_in_other_clause(ctx, sent, p, cue)]
    named = named + [p for p in listed if p not in named]
    others = [p for p in named if p not in current.participants]
    if not others or len(named) - len(others) > 1 and not _at_the_meeting(ctx, cue) and \
            not _accompanying_a_party(ctx, cue, current):
        return None  # nobody new, or a sentence about two of the current table (another meeting's story)
    home = accompanied_country(ctx, cue) if rule == "participant.accompanied" else None
    for p in others:
        current.participants.append(p)
        where = next((ctx.sents[k] for k in [si] + lines if ctx.first_token(p, ctx.sents[k]) < 10**9), sent)
        current.participant_evidence[p] = ctx.mention_span(p, ctx.first_token(p, where))
        current.participant_rules[p] = rule
        # "The Russian president was accompanied by Sports Minister X": Russia's (not the host's)
        ctx.officials[p].lend_country(home, "country.accompanied")
    current.sentences.extend(k for k in [si] + lines if k not in current.sentences)
    return rule


def attendance_cue(ctx: MeetingContext, tok: Token, current: Meeting | None) -> str | None:
    """The rule id when `tok` says officials came with a party or were present at the current meeting."""
    lemma, low = tok.lemma_.lower(), tok.lower_
    if lemma == "accompany" and tok.dep_ == "amod":
        return None  # "Sultan X also met Brian Hook and his accompanying delegation": a meeting of its own
    if lemma == "accompany" and tok.pos_ == "VERB":
        whom = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
        if whom is not None and whom.pos_ == "NOUN" and whom.lower_ not in WORDS.attending_groups and \
                not any(t.i in ctx.mention_of for t in whom.subtree) and \
                not any(sp.start <= whom.i < sp.end for sp in ctx.titles) and whom.lower_ not in ("vp", "pm"):
            return None  # "stayed abroad, accompanying a relative to hospital": no one of the meeting
        return "participant.accompanied"
    if _delegation_member(ctx, tok, current):
        return "participant.accompanied"  # "X is on a visit to Y with a delegation that includes Minister Z"
    if low == "with" and tok.dep_ == "prep" and tok.head.lemma_ == "be" and current is not None and any(
            c.dep_ == "nsubj" and c.i in ctx.mention_of for c in tok.head.children) and any(
            g.dep_ == "pobj" and (g.lower_ in _WITH_GROUPS or g.lower_ in WORDS.attending_groups or
                                  any(ctx.mention_of.get(t.i) in current.participants for t in g.subtree))
            for g in tok.children):
        return "participant.accompanied"  # "Foreign Affairs Secretary Barbara Age is also with the ministers"
    if low == "attendance" and tok.head.lower_ == "in":
        return "participant.present"  # "In attendance during the meeting were A, B and C"
    if lemma == "attend" and tok.pos_ == "VERB":
        subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
        objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        if any(c.dep_ == "agent" for c in tok.children) and any(
                c.lower_ in ctx.meeting_words or c.lower_ in _REFERRING for c in subj):
            return "participant.present"  # "The meeting was attended by A and B"
        if any((o.lower_ in ctx.meeting_words or o.lower_ in WORDS.plural_meeting_nouns) and o.n_lefts == 1 and
               o.n_rights == 0 and next(o.lefts).lower_ in ("the", "these", "both") for o in objs):
            return "participant.present"  # "A, B and C also attended the meetings" (not "the EAS meeting")
    if tok.text == ":" and tok.i > 0 and ctx.doc[tok.i - 1].lower_ in ("were", "are", "included", "include"):
        before = ctx.doc[ctx.sent(tok).start:tok.i]
        if any(t.lower_ in ctx.meeting_words or t.lemma_.lower() in ("meet", "attend", "participate") or
               t.lower_ in ("present", "participants", "attendees") for t in before):
            return "participant.present"  # "Those heads of state meeting with the US President were: A; B; ..."
    if low == "among" and tok.head.lemma_ == "be" and any(
            g.lower_ in WORDS.attending_groups for g in tok.children):
        return "participant.present"  # "A, B and C were also among the welcoming party"
    if low == "representing" and tok.i == ctx.sent(tok).start and any(
            t.lemma_ == "be" and t.i > tok.i for t in ctx.sent(tok)):
        return "participant.present"  # "Representing Belize was Minister of Foreign Affairs Wilfred Elrington"
    if lemma == "represent" and tok.pos_ == "VERB" and tok.tag_ == "VBN" and any(
            c.dep_ == "agent" and any(t.i in ctx.mention_of for t in c.subtree) for c in tok.children) \
            and any(c.dep_ == "nsubjpass" and c.ent_type_ in ("GPE", "NORP") for c in tok.children):
        # not "was represented by a junior official after Secretary X said he would not attend"
        return "participant.present"  # "Togo was represented by its trade minister, Y"
    if low != "present":
        return None
    if tok.i == ctx.sent(tok).start and tok.i + 3 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ in ("at", "during") \
            and any(t.lower_ in ctx.meeting_words for t in ctx.doc[tok.i + 2:tok.i + 5]):
        return "participant.present"  # "Present at the meeting were A, Ambassador of X, B, ..."
    if tok.head.lower_ == "those" and tok.head.head.lower_ == "among" or \
            tok.i > 1 and ctx.doc[tok.i - 1].lower_ == "those" and ctx.doc[tok.i - 2].lower_ == "among":
        return "participant.present"  # "Among those present were A, B and C"
    if tok.dep_ in ("acomp", "amod", "advmod", "attr") and tok.head.lemma_.lower() == "be":
        if any(c.lower_ == "at" and any(g.lower_ in ctx.meeting_words or g.lower_ in WORDS.attended_events
                                        for g in c.subtree) or c.lower_ == "also"
               for c in list(tok.children) + list(tok.head.children)):
            return "participant.present"  # "A and B were also present at the meeting"
        if tok.dep_ == "acomp" and current is not None and ctx.sent_of[tok.i] - 1 in current.sentences and \
                not any(c.dep_ == "prep" for c in tok.children):
            return "participant.present"  # "A, B and C were present." right after the meeting's sentence
    return None


#: First words of a sentence that move the story to another time of the day or visit.
_ANOTHER_TIME = frozenset({"later", "afterwards", "subsequently", "thereafter", "earlier"})


#: Who an official "is also with": the party at the table.
_WITH_GROUPS = frozenset({"ministers", "minister", "leaders", "president", "prime", "delegation", "team"})


def _accompanying_a_party(ctx: MeetingContext, cue: Token, current: Meeting) -> bool:
    """ "When delivering her statement after accompanying President Widodo, Minister Retno said that Lim's visit
    ...": a participle whose object is one of the current table says its subject came with them, whoever else
    the sentence names."""
    whom = next((c for c in cue.children if c.dep_ in ("dobj", "obj")), None)
    return cue.lemma_.lower() == "accompany" and cue.tag_ == "VBG" and cue.dep_ in ("pcomp", "advcl") and \
        whom is not None and any(ctx.mention_of.get(t.i) in current.participants for t in whom.subtree)


def _another_time(sent: Span) -> bool:
    """The sentence opens on another time ("Later in the afternoon, ...", "Earlier, ...")."""
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    return first is not None and first.lower_ in _ANOTHER_TIME


def _only_in_other_clause(ctx: MeetingContext, sent: Span, p: int, cue: Token) -> bool:
    """Every mention of official `p` in `sent` sits in a relative or adjectival clause that does not hold the
    cue: "an expo which was launched by Prime Minister X" says nothing of who came with whom."""
    clauses = [t for t in sent if t.dep_ in ("relcl", "acl") and not (t.left_edge.i <= cue.i <= t.right_edge.i)]
    mentions = [t for t in sent if ctx.mention_of.get(t.i) == p]
    return bool(mentions) and all(any(c.left_edge.i <= m.i <= c.right_edge.i for c in clauses) for m in mentions)


def _during_subject(ctx: MeetingContext, sent: Span, current: Meeting) -> list[tuple[int, int]]:
    """The officials, not yet at `current`'s table, who are the subject of a verb done "during the meeting"
    (or "at the meeting") in `sent`: [(official, token)]. What they did there says they were present."""
    out: list[tuple[int, int]] = []
    for tok in sent:
        if tok.lower_ not in ("during", "at") or tok.dep_ != "prep" or tok.head.pos_ not in ("VERB", "AUX"):
            continue
        noun = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if noun is None or noun.lower_ not in ("meeting", "talks") or not any(
                c.lower_ in ("the", "this") for c in noun.children) or len(list(noun.children)) != 1:
            continue  # "during the meeting", not "during a meeting with X" (another meeting's story)
        for subj in (c for c in tok.head.children if c.dep_ == "nsubj"):
            p = ctx.mention_of.get(subj.i)  # the subject's own name, not someone its phrase names
            # the phrase before the subject ("During the meeting, X ...") or close after it ("X during the meeting")
            if p is not None and p not in current.participants and subj.i not in ctx.quoted and \
                    p not in [q for q, _ in out] and tok.i < subj.i + 8:
                out.append((p, subj.i))
    return out


def _at_the_meeting(ctx: MeetingContext, cue: Token) -> bool:
    """The cue says which meeting: "was accompanied at the meeting by ...", "in attendance during the meeting"."""
    return any(c.lower_ in ("at", "during") and any(g.lower_ in ctx.meeting_words and any(
        d.lower_ in ("the", "this") for d in g.children) for g in c.subtree) for c in cue.children)


#: Words by which a delegation lists its members: "a delegation that includes", "including", "comprising".
_MEMBER_WORDS = ("include", "including", "comprise", "comprising")


def _delegation_member(ctx: MeetingContext, tok: Token, current: Meeting | None) -> bool:
    """ "Prime Minister X is making an official visit with a government delegation that includes the Minister
    of Y, Z": a delegation's members whose head (the sentence's subject) sits at the current meeting."""
    if current is None or (tok.lemma_.lower() if tok.pos_ == "VERB" else tok.lower_) not in _MEMBER_WORDS:
        return False
    group = tok.head  # "a delegation that includes" (a relative clause), "a delegation including"
    if not any(t.i in ctx.mention_of for t in tok.subtree):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lower_ in ("delegation", "entourage") and tok.pos_ == "VERB":
        # "The Ghanaian delegation also included Minister Z": a delegation of the country of someone at the table
        phrase = {t.i for t in subj.subtree}
        home = country_within(ctx.countries, phrase)
        return home is not None and any(ctx.officials[p].country == home for p in current.participants)
    if group.lower_ not in ("delegation", "entourage"):
        return False
    root = ctx.sent(tok).root
    return any(ctx.mention_of.get(t.i) in current.participants for c in root.children if c.dep_ == "nsubj"
               for t in c.subtree)


def accompanied_country(ctx: MeetingContext, verb: Token) -> str | None:
    """The country of whoever `verb` ("accompany") says was accompanied: the subject of "was accompanied
    by", the noun "accompanied by" hangs on, or the object of "A accompanied B"; an official's country,
    or a country the phrase names ("the Russian president")."""
    if verb.lower_ in _MEMBER_WORDS or verb.lemma_.lower() in _MEMBER_WORDS:  # the delegation's head
        whom = next((c for c in ctx.sent(verb).root.children if c.dep_ == "nsubj"), None)
    elif verb.dep_ == "acl":
        whom = verb.head
    elif any(c.dep_ == "nsubjpass" for c in verb.children):
        whom = next(c for c in verb.children if c.dep_ == "nsubjpass")
    else:
        whom = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    if whom is None:
        return None
    span = {t.i for t in whom.subtree}
    for t in sorted(span):
        idx = ctx.mention_of.get(t)
        if idx is not None and ctx.officials[idx].country:
            return ctx.officials[idx].country
    for sp in ctx.countries:
        if sp.start in span:
            return sp.label_
    return None
