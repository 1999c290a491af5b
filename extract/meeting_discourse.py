"""Discourse: whom pronouns, groups and references in a report stand for.

"he"/"she" is the nearest official named as a subject before it, else the last official who
acted; an object "him" is someone not already at the table; "they", "the two leaders", "both
sides" are the current meeting's people or the officials just named; "the delegation" is the
delegation named before; "I" is the transcript's speaker or the release's author; "The
meeting ..." with no meeting before it was held by the previous sentence's officials.

``Discourse`` is the little the document walk remembers from sentence to sentence; everything
else is read from the ``MeetingContext``. Not here: the clause a trigger governs
(``meeting_participants``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .meeting_context import MeetingContext
from .meeting_types import Meeting
from .meeting_when_where import date_of, place_of
from .meeting_words import WORDS
from .norm.names import is_honorific

__all__ = ["Discourse", "author_of", "speaker", "track_actor", "track_delegation", "antecedent", "object_antecedent",
           "refer_back", "is_group", "group_members", "group_country", "group_office", "refers", "told_before"]


# A speaker label at the start of a transcript's line: a name, perhaps ", Title", then a colon.
_SPEAKER_LABEL = re.compile(r"(?m)^(?:THE HON |The Hon |Senator )?([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3})(?:,([^:\n]{1,70}))?:")


#: Office words a transcript's speaker label puts before a surname ("SECRETARY KERRY:", "FOREIGN MINISTER WANG:").
_LABEL_OFFICE_WORDS = frozenset({"secretary", "minister", "foreign", "prime", "president", "vice", "deputy",
                                 "ambassador", "chancellor", "general", "state", "defense", "defence", "mr", "ms",
                                 "madam", "dr"})


@dataclass
class Discourse:
    """What the walk through a document remembers between sentences.

    actor : the official a "he"/"she" most likely refers to (the last to act as a subject).
    group : the members of the last delegation named.
    author : who "I" is in a minister's own release (``author_of``).
    labels : the transcript's speaker labels, (character offset, official), once read.
    """

    author: int | None = None
    actor: int | None = None
    group: list[int] = field(default_factory=list)
    labels: list[tuple[int, int]] | None = None

    @classmethod
    def start(cls, ctx: MeetingContext) -> Discourse:
        """The state before the document's first sentence."""
        return cls(author=author_of(ctx))


def author_of(ctx: MeetingContext) -> int | None:
    """The official a release is by: the first one named in its opening lines (the byline,
    "Joint media release | Senator the Hon Penny Wong, Minister for Foreign Affairs, and ..."),
    when the body speaks in the first person. None otherwise."""
    doc = ctx.doc
    if not any(t.text == "I" and t.pos_ == "PRON" for t in doc):
        return None
    head = ctx.text[:400].split("\n\n", 2)
    limit = len(head[0]) + (len(head[1]) + 2 if len(head) > 2 else 0)
    first = sorted((t, idx) for t, idx in ctx.mention_of.items() if doc[t].idx < limit)
    return first[0][1] if first else None


def speaker(ctx: MeetingContext, disc: Discourse, offset: int) -> int | None:
    """The official speaking at character `offset` of a transcript: the last speaker label before it
    ("RICHARD MARLES, DEPUTY PRIME MINISTER:", "Penny Wong, Foreign Minister:"), if one names an official."""
    if disc.labels is None:
        from .officials import name_key

        disc.labels = []
        for match in _SPEAKER_LABEL.finditer(ctx.text):
            for part in (match.group(1), match.group(2) or ""):  # "DEPUTY PRIME MINISTER, RICHARD MARLES:"
                key = name_key(part.strip().title()) - _LABEL_OFFICE_WORDS  # "SECRETARY KERRY:" is Kerry
                found = [i for i, o in enumerate(ctx.officials) if key and key <= name_key(o.name)]
                if len(found) == 1:
                    disc.labels.append((match.start(), found[0]))
                    break
    before = [idx for start, idx in disc.labels if start < offset]
    return before[-1] if before else None


#: Offices whose holders speak for others: a "he" later in the story is not theirs.
_VOICE_OFFICES = frozenset({"Spokesperson", "Press Secretary"})


def track_actor(ctx: MeetingContext, disc: Discourse, sent: Span) -> None:
    """Remember the official who last acted as a subject: "he"/"she" will mean them."""
    for tok in sent:
        if tok.i in ctx.mention_of and tok.i not in ctx.quoted:
            if ctx.officials[ctx.mention_of[tok.i]].title in _VOICE_OFFICES:
                continue  # "Spokesperson X said ... Earlier, he met Y": he is not the one who speaks for him
            head = tok
            while head.dep_ in ("compound", "flat", "appos", "amod") and head.head.i != head.i:
                head = head.head
            if head.dep_ in ("nsubj", "nsubjpass"):
                disc.actor = ctx.mention_of[tok.i]
                return
    if any(tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT" and tok.i not in ctx.quoted
           and tok.i not in ctx.mention_of and _someone_unknown(ctx, tok) for tok in sent):
        # "Blinken met Prime Minister Gonsalves. He later met ...": a person the text names but we do not
        # know as an official acted; "he" is theirs, not the last official's
        disc.actor = None
        return
    if disc.actor is None:
        for tok in sent:
            if tok.i in ctx.mention_of and tok.i not in ctx.quoted:
                disc.actor = ctx.mention_of[tok.i]
                return


def _someone_unknown(ctx: MeetingContext, tok: Token) -> bool:
    """A subject that names a person who is not one of the officials: a PERSON entity, or a lone proper
    noun the small model took for a place ("Blinken met ...") that no table knows as a country or place."""
    if tok.ent_type_ == "PERSON":
        return True
    if tok.pos_ != "PROPN" or tok.ent_type_ not in ("GPE", "") or not tok.is_title or \
            any(c.dep_ in ("compound", "flat", "det", "amod", "poss") for c in tok.children) or is_honorific(tok.text):
        return False
    return not any(sp.start <= tok.i < sp.end for group in ("dg_countries", "dg_places", "dg_titles")
                   for sp in ctx.doc.spans.get(group, []))


def track_delegation(ctx: MeetingContext, disc: Discourse, sent: Span) -> None:
    """Remember who a delegation is ("A delegation ... led by Ramaphosa returned home"), for a later "the delegation met"."""
    for tok in sent:
        if tok.lemma_.lower() == "delegation" and tok.dep_ in ("nsubj", "nsubjpass"):
            members = group_members(ctx, tok)
            if members:
                disc.group = list(dict.fromkeys(disc.group + members))


def antecedent(ctx: MeetingContext, disc: Discourse, pronoun: Token) -> int | None:
    """Whom "he"/"she" means: the nearest official named earlier in the same sentence, else the last actor."""
    sent = ctx.sent(pronoun)
    nearest = None
    # "Talking to a delegation headed by X, he said ...": whom the opening participle names is not "he"
    fronted = {t.i for c in pronoun.head.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i < pronoun.i
               for t in c.subtree} if pronoun.dep_ in ("nsubj", "nsubjpass") else set()
    for t in range(pronoun.i - 1, sent.start - 1, -1):
        if t in ctx.mention_of and t not in ctx.quoted and t not in fronted:
            head = ctx.doc[t]
            while head.dep_ in ("compound", "flat", "appos", "amod") and head.head.i != head.i:
                head = head.head
            if head.dep_ in ("nsubj", "nsubjpass"):
                return ctx.mention_of[t]  # "Biden says he is open to talks with Putin as he hosts Macron"
            nearest = ctx.mention_of[t] if nearest is None else nearest
    return nearest if nearest is not None else disc.actor


def object_antecedent(ctx: MeetingContext, pronoun: Token, people: list[int], actor: int | None = None) -> int | None:
    """Whom an object "him"/"her" means: the nearest official named before it who is not already at the
    table (the subject cannot be its own object), in this sentence or the one before; else `actor`, the
    story's last actor ("Putin arrived ... He arrived at ... X personally met him")."""
    si = ctx.sent_of[pronoun.i]
    start = ctx.sents[si - 1].start if si > 0 else ctx.sents[si].start
    for t in range(pronoun.i - 1, start - 1, -1):
        idx = ctx.mention_of.get(t)
        if idx is not None and idx not in people and t not in ctx.quoted:
            return idx
    return actor if actor is not None and actor not in people else None


def refer_back(ctx: MeetingContext, people: list[int], current: Meeting | None, si: int,
                is_reference: bool, subject: Token | None = None) -> tuple[list[int], bool]:
    """A plural subject ("they", "the two leaders"): the current meeting, or the officials just named.

    With someone new in the clause ("the EU leaders held the summit with Premier Li"), the subject
    is the current meeting's people (those of the subject's country, when it names one) meeting
    the newcomer: a meeting of its own.
    """
    pronoun = subject is not None and subject.lower_ in ("they", "we") and \
        not any(ctx.mention_of.get(t.i) in people for t in subject.subtree)
    if len(people) > 1 and not pronoun:  # ("they met X and Y": whoever "they" are met both)
        return people, is_reference
    if current is not None and people and not set(people) <= set(current.participants):
        members = list(current.participants)
        code = group_country(ctx, subject) if subject is not None else None
        if code is not None:
            members = [p for p in members if ctx.officials[p].country == code] or members
        office = group_office(ctx, subject) if subject is not None else None
        if office is not None:  # "the foreign ministers met with Blinken": not the Prime Minister of the last meeting
            from .titles import same_office

            members = [p for p in members if same_office(ctx.officials[p].title, office)]
            if not members:
                return people, is_reference
        return members + [p for p in people if p not in members], False
    if current is not None:
        return people, True
    prev = ctx.sentence_officials(si)
    if len(prev) < 2:
        prev = ctx.sentence_officials(si - 1)
    if len(prev) >= 2:
        people = prev + [p for p in people if p not in prev]
    return people, is_reference


def is_group(ctx: MeetingContext, tok: Token) -> bool:
    """A noun for several officials: "leaders", "the delegation", "both sides"."""
    return tok.lower_ in ctx.lex["group_nouns"] or (
        tok.tag_ in ("NNS", "NNPS") and tok.lemma_.lower() + "s" in ctx.lex["group_nouns"])


def group_members(ctx: MeetingContext, group: Token) -> list[int]:
    """Officials named inside a group's phrase ("a delegation led by X", "which included Y and Z")."""
    found = [ctx.mention_of[t.i] for t in group.subtree if t.i in ctx.mention_of and t.i not in ctx.quoted]
    return list(dict.fromkeys(found))


def group_office(ctx: MeetingContext, subject: Token) -> str | None:
    """The office a group subject names ("the foreign ministers" -> Foreign Minister), if any."""
    for sp in ctx.titles:
        if sp.start <= subject.i < sp.end:
            return sp.label_
    from .titles import canonical_title

    words = [t.text for t in subject.subtree if t.dep_ not in ("det", "poss", "nummod", "predet") and
             t.i <= subject.i and not t.is_punct]
    if len(words) < 1 or not words[-1].lower().endswith("s") or words[-1].lower() in WORDS.collective_group_words:
        return None
    words[-1] = words[-1][:-1]  # "foreign ministers" -> "foreign minister"
    return canonical_title(" ".join(words).title())


def group_country(ctx: MeetingContext, subject: Token) -> str | None:
    """The country a group subject names ("the EU leaders", "the Chinese side"), if any."""
    from .countries import country_code

    for child in subject.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.i not in ctx.mention_of:
            code = country_code(child.text)
            if code:
                return code
    return None


def refers(ctx: MeetingContext, sent: Span, meeting: Meeting) -> bool:
    """Does this sentence continue the story of `meeting` (for its topics)?"""
    lex = ctx.lex
    for tok in sent:
        if tok.i in ctx.quoted:
            continue
        idx = ctx.mention_of.get(tok.i)
        if idx is not None:
            return idx in meeting.participants
        if tok.lower_ in WORDS.story_words:
            return True
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lex["discussion_verbs"] and tok.dep_ == "ROOT":
            return True
    return False


def told_before(ctx: MeetingContext, trig: Token, si: int) -> Meeting | None:
    """A meeting the story told without a meeting word, named only afterwards ("The meeting").

    "Trump and Vance tore into Zelenskyy in the Oval Office on Friday. The meeting had been
    meant to ..." When the first reference to a meeting comes with no meeting before it, the
    previous sentence's officials met there, provided it names officials of two countries or
    more and says where or when.
    """
    if trig.pos_ not in ("NOUN", "PROPN") or trig.dep_ not in ("nsubj", "nsubjpass") or si == 0:
        return None
    prev = ctx.sentence_officials(si - 1)
    countries = {ctx.officials[p].country for p in prev if ctx.officials[p].country}
    if len(prev) < 2 or len(countries) < 2 or any(ctx.officials[p].country is None for p in prev):
        return None
    sent = ctx.sents[si - 1]
    place = place_of(ctx, sent)
    when = date_of(ctx, sent)
    if place is None and when is None:
        return None
    evidence = {p: ctx.mention_span(p, next(t for t in range(sent.start, sent.end)
                                              if ctx.mention_of.get(t) == p)) for p in prev}
    m = Meeting(kind="in_person", participants=prev, date=when, location=place, sentences=[si - 1, si],
                trigger_sentences=[si - 1, si], participant_evidence=evidence, trigger_lemma=trig.lemma_.lower())
    m.add_rule("meeting.told_before")
    m.participant_rules = {p: "participant.previous_sentence" for p in prev}
    m.date_rule = "date.previous_sentence" if when else None
    m.place_rule = "place.previous_sentence" if place else None
    return m


def meeting_by_role(ctx: MeetingContext, sent: Span, held: list[Meeting], current: Meeting) -> Meeting | None:
    """The earlier meeting a plural role subject names when the current one does not fit it.

    "Albanese had a welcome; External Affairs Minister Jaishankar called on him. The two Prime
    Ministers reviewed ...": the Prime Ministers' summit told before the call, not the call. Only
    a subject of a plural title ("the two Prime Ministers", "both Presidents") decides; None
    when the current meeting fits it or no earlier meeting does.
    """
    role = next((sp for sp in ctx.titles if sent.start <= sp.start < sent.end and len(sp) >= 1
                 and sp[-1].tag_ in ("NNS", "NNPS") and sp[-1].dep_ in ("nsubj", "nsubjpass")
                 and sp.start > sent.start and sp.doc[sp.start - 1].lower_ in ("two", "both", "the")), None)
    if role is None:
        return None

    def fits(m: Meeting) -> bool:
        return len(m.participants) >= 2 and all(ctx.officials[p].title == role.label_ for p in m.participants)

    if fits(current):
        return None
    return next((m for m in reversed(held) if m is not current and fits(m)), None)
