"""Meeting participants: the officials in a trigger's own clause.

The clause is the trigger's verb with its subject and objects ("with X", "X and Y"), not the
clauses it governs ("agreed that the Prime Minister will visit"), a nested meeting's people, a
"since ..." phrase or "at the invitation of X"; a noun trigger brings its own "with"/"between"
phrase and whoever governs it. Pronouns, groups and references in it are resolved by
``meeting_discourse``; those a later sentence says were present are ``meeting_attendance``'s.

Not here: whether one trigger is several meetings (``meeting_split``).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .meeting_context import MeetingContext
from .meeting_discourse import (Discourse, antecedent, group_members, group_office, is_group, object_antecedent,
                                refer_back, speaker)
from .meeting_triggers import discussed_with
from .meeting_types import Meeting, Participants
from .meeting_when_where import main_clause_misread, since_tokens
from .meeting_words import WORDS
from .meeting_attendance import attendance_cue
from .official_candidates import GENERIC_TITLES, RANKS, country_before
from .titles import said_as_plural, same_office

__all__ = ["participants_of", "trigger_clause", "objects_only", "subject_of", "own_subject",
           "inherited_subject"]


#: Nouns a name may follow as their apposition ("his Ukrainian counterpart Andrii Taran", "my good friend, Dr X").
_NAME_NOUNS = {"counterpart", "counterparts", "friend", "colleague"}
#: Courtesies between such a noun and the name.
_NAME_COURTESIES = {"dr", "mr", "ms", "mrs", "h.e", "hon", "sir", "dame", "prof", "professor"}
_CLAUSE_BREAKS = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "xcomp", "conj", "appos"}


def participants_of(ctx: MeetingContext, disc: Discourse, trig: Token, current: Meeting | None, si: int,
                    triggers: list[Token] = ()) -> Participants:
    """Officials in the trigger's clause, whether it only refers back to `current`, and the clause's tokens.

    The steps, in order: the officials (or "I") named in the clause, a delegation subject's
    members, the owner of "his meeting with X", the referents of a plural or pronoun subject
    ("they", "the two leaders", "he"), and an object "him"/"her". Updates `disc.group` when the
    subject is a delegation whose members are named.
    """
    verb = trig
    while verb.pos_ not in ("VERB", "AUX") and verb.dep_ != "ROOT" and verb.head.i != verb.i:
        verb = verb.head
    clause = trigger_clause(ctx, trig, verb, triggers)
    cut_off = appositive_names(ctx, clause)
    found = _named_in(ctx, disc, clause | cut_off, cut_off)
    _add_roles(ctx, clause, found)
    _add_diplomat(ctx, clause, found)
    _add_listed(ctx, trig, si, found)
    subject = subject_of(ctx, verb)
    _add_title_subject(ctx, subject, found)
    _add_office_group(ctx, subject, found)
    _add_delegation(ctx, disc, subject, found)
    _add_possessor(ctx, disc, trig, verb, found)
    _add_between_group(ctx, trig, current, si, found)
    is_reference = _refers_by_noun(ctx, trig, verb)
    is_reference = _add_referents(ctx, disc, trig, subject, current, si, found, is_reference)
    _add_object_pronouns(ctx, disc, verb, found)
    _add_escorts_of_referents(ctx, trig, found)
    _add_speaker(ctx, disc, trig, verb, subject, found)
    _add_protagonist(ctx, disc, trig, verb, found)
    _add_seat_host(ctx, trig, found)
    _add_lone_subject(ctx, trig, found)
    if _time_reference(trig):  # "Prior to today's meeting, Ali had met X in Glasgow": that meeting names no one
        found.people, found.evidence, found.rules = [], {}, {}
        is_reference = True
    if _objects_only(ctx, trig, verb, subject, found):
        # "Taoiseach meets Chancellor Merkel and Prime Minister Monti": whoever the subject is met each of
        # them; the objects did not meet each other
        found.people, found.evidence, found.rules = [], {}, {}
    if ctx.trigger_rule.get(trig.i) == "trigger.verb.joint_action":  # "A and B reaffirmed ... the Putin regime's":
        subj = {t.i for c in trig.children if c.dep_ == "nsubj" for t in c.subtree}  # the subject's pair only
        found.people = [p for p in found.people if any(ctx.mention_of.get(t) == p for t in subj)]
    people = found.people
    found.refers_back = is_reference and (
        len(people) < 2 or (current is not None and set(people) <= set(current.participants)))
    if ctx.trigger_rule.get(trig.i) == "trigger.verb.joint_action" and current is not None and \
            set(people) <= set(current.participants):
        found.refers_back = True  # "The two ministers ... A and B also agreed": the meeting told already
    return found


def _add_lone_subject(ctx: MeetingContext, trig: Token, found: Participants) -> None:
    """ "..., the President of Iran Seyed Ebrahim Raisi, in a conversation with the Emir of Qatar, Tamim bin Hamad Al
    Thani, thanked him": a meeting noun whose "with" names everyone found, in a sentence that names one other
    official, right before the noun's phrase or right after it (the subject the parse lost)
    (participant.sentence_subject)."""
    if trig.pos_ not in ("NOUN", "PROPN") or not found.people:
        return
    withs = [c for c in trig.children if c.lower_ == "with"]
    inside = {ctx.mention_of[t.i] for w in withs for t in w.subtree if t.i in ctx.mention_of}
    if not inside or not set(found.people) <= inside:
        return
    sent = ctx.sent(trig)
    others = {}
    for t in sent:
        p = ctx.mention_of.get(t.i)
        if p is not None and p not in inside and t.i not in ctx.quoted:
            others.setdefault(p, []).append(t)
    if len(others) != 1:
        return
    (p, toks), = others.items()
    phrase = trig.head if trig.dep_ == "pobj" and trig.head.dep_ == "prep" else trig
    start = min(t.i for t in phrase.subtree)
    end = max(t.i for t in phrase.subtree)
    before = [t for t in toks if start - 2 <= t.i < start and all(ctx.doc[k].text == "," for k in range(t.i + 1, start))]
    after = [t for t in toks if end < t.i <= end + 2 and all(ctx.doc[k].text == "," for k in range(end + 1, t.i))]
    if not before and not after:
        return  # only a name right before ", in a conversation with X" or right after "In talks with X,"
    found.people.insert(0, p)
    found.rules[p] = "participant.sentence_subject"
    found.evidence[p] = ctx.mention_span(p, toks[0].i)


def _add_escorts_of_referents(ctx: MeetingContext, trig: Token, found: Participants) -> None:
    """ "X, accompanied by Deputy Minister Y, concluded a visit to Washington, where he met Z": who came with a
    participant the clause names only by a pronoun ("he") sits at the table too (participant.accompanied)."""
    referred = [p for p in found.people if found.rules.get(p) == "participant.pronoun"]
    if not referred:
        return
    for tok in ctx.sent(trig):
        if tok.lemma_.lower() not in _ESCORT_VERBS or tok.tag_ != "VBN" or tok.dep_ not in ("acl", "relcl") or \
                ctx.mention_of.get(tok.head.i) not in referred:
            continue
        for t in tok.subtree:
            idx = ctx.mention_of.get(t.i)
            if idx is not None and idx not in found.people and t.i not in ctx.quoted:
                found.people.append(idx)
                found.evidence[idx] = ctx.mention_span(idx, t.i)
                found.rules[idx] = "participant.accompanied"
                ctx.officials[idx].lend_country(ctx.officials[ctx.mention_of[tok.head.i]].country, "country.accompanied")


#: Buildings that stand for the office held there: a visit to one is a visit to its holder (office, country or
#: None when several countries use the name).
SEATS_OF_OFFICE = {
    "chancellery": ("Chancellor", None), "federal chancellery": ("Chancellor", None),
    "white house": ("President", "USA"), "oval office": ("President", "USA"), "elysee": ("President", "FRA"),
    "élysée": ("President", "FRA"), "elysee palace": ("President", "FRA"), "élysée palace": ("President", "FRA"),
    "kremlin": ("President", "RUS"), "downing street": ("Prime Minister", "GBR"),
    "number 10": ("Prime Minister", "GBR"), "kantei": ("Prime Minister", "JPN"), "blue house": ("President", "KOR"),
    "palazzo chigi": ("Prime Minister", "ITA"), "quirinale": ("President", "ITA"),
    "rashtrapati bhavan": ("President", "IND"), "malacañang": ("President", "PHL"), "malacanang": ("President", "PHL"),
    "state house": ("President", None), "presidential palace": ("President", None),
}


def _add_seat_host(ctx: MeetingContext, trig: Token, found: Participants) -> None:
    """ "President Radev of Bulgaria visited the Chancellery for a discussion": whoever holds the office the
    building stands for, when the report names exactly one such official (participant.seat_host)."""
    if trig.lemma_.lower() != "visit" or trig.pos_ != "VERB" or not found.people:
        return
    obj = next((c for c in trig.children if c.dep_ in ("dobj", "obj")), None)
    if obj is None:
        return
    words = [t for t in obj.subtree if t.dep_ != "det" and not t.is_punct]
    seat = SEATS_OF_OFFICE.get(" ".join(t.lower_ for t in words))
    if seat is None:
        return
    from .titles import same_office

    office, country = seat
    holders = [i for i, o in enumerate(ctx.officials) if same_office(o.title, office)
               and (country is None or o.country == country)]
    if len(holders) != 1 or holders[0] in found.people:
        return
    found.people.append(holders[0])
    found.rules[holders[0]] = "participant.seat_host"
    found.evidence[holders[0]] = (obj.idx, words[-1].idx + len(words[-1]))


def _list_goes_on(ctx: MeetingContext, tokens: set[int]) -> set[int]:
    """The rest of a list of officials right after a meeting noun's phrase, which the parser hung elsewhere
    ("his meetings with Chinese envoy Liu, Mosud Mannan of Bangladesh, | Sweden's Staffan Herrstrom, ..."):
    each item an official's mention, maybe after its country's possessive, with its "of Country"."""
    doc, out = ctx.doc, set()
    k = max(tokens)
    k += doc[k].text != ","  # the phrase may end at the list's comma
    sent_end = ctx.sent(doc[max(tokens)]).end
    while k < sent_end and (doc[k].text == "," or doc[k].lower_ == "and" and out):
        j = k + 1 + (doc[k].text == "," and k + 1 < sent_end and doc[k + 1].lower_ == "and")
        if j in ctx.country_start_at:  # "Sweden's Staffan Herrstrom"
            j = ctx.country_start_at[j].end
            j += j < sent_end and doc[j].text in ("'s", "’s")
        if j >= sent_end or j not in ctx.mention_of:
            break
        idx = ctx.mention_of[j]
        while j < sent_end and ctx.mention_of.get(j) == idx:
            j += 1
        if j + 1 < sent_end and doc[j].lower_ == "of" and j + 1 in ctx.country_start_at:
            j = ctx.country_start_at[j + 1].end
        out.update(range(k, j))
        k = j
    return out


def _mention_tokens(ctx: MeetingContext, i: int) -> range:
    """The tokens of the official's mention that covers token `i` (a mention token)."""
    return next((range(s, e) for s, e in ctx.officials[ctx.mention_of[i]].tokens if s <= i < e), range(i, i + 1))


def is_existential(trig: Token) -> bool:
    """A meeting noun that an existential "there is/were" tells: "There were also bilateral meetings with A"."""
    head = trig.head
    return head.i != trig.i and head.lemma_ == "be" and any(c.dep_ == "expl" for c in head.children)


def _add_protagonist(ctx: MeetingContext, disc: Discourse, trig: Token, verb: Token, found: Participants) -> None:
    """ "There were also bilateral meetings with A and with B": meetings told without a subject are the
    story's protagonist's, the official who last acted."""
    actor = disc.actor
    if actor is None or actor in found.people or not found.people or trig.head.i != verb.i or \
            not is_existential(trig):
        return
    found.people.insert(0, actor)
    found.rules[actor] = "participant.protagonist"
    first = min((t for t, p in ctx.mention_of.items() if p == actor), default=None)
    if first is not None:
        found.evidence.setdefault(actor, ctx.mention_span(actor, first))


def trigger_clause(ctx: MeetingContext, trig: Token, verb: Token, triggers: list[Token] = ()) -> set[int]:
    """The tokens where a trigger's participants are named: its verb's clause, or a noun trigger's
    own "with"/"between" phrase and whoever governs it; without nested meetings, "since ..."
    phrases and "at the invitation of X"; with the fragments the parser cut off after it."""
    held = [c for c in trig.children if c.dep_ == "acl" and c.lemma_.lower() in WORDS.hold_verbs]
    existential = trig.head.i == verb.i and is_existential(trig)
    if trig.i != verb.i and not existential and any(c.lower_ in ("with", "between")
                                                    for h in [trig] + held for c in h.children):
        # "a day after talks with Putin", "at a discussion held with Motegi": the noun's own phrase,
        # plus whoever governs it
        tokens = {t.i for t in trig.subtree}
        for t in trig.subtree:
            if t.dep_ == "acl" and t.tag_ == "VBN" and t.i != trig.i and t.lemma_.lower() not in \
                    WORDS.party_clause_verbs and t.lemma_.lower() not in WORDS.hold_verbs and \
                    any(c.dep_ == "agent" for c in t.children):
                tokens -= {g.i for c in t.children if c.dep_ == "agent" for g in c.subtree}
                # "the meeting with Mondino, the foreign minister appointed by Milei": not Milei
        between = next((c for c in trig.children if c.lower_ == "between"), None)
        if not _absent_from(trig) and not (between is not None and trig.dep_ == "pobj" and
                                           trig.head.lower_ in ("during", "after", "following", "at", "before")):
            # (not "Malcorra highlighted agreements signed during the discussions between the two leaders")
            tokens |= inherited_subject(ctx, trig)
        if between is not None:
            tokens |= _between_second(ctx, between)
        tokens |= _list_goes_on(ctx, tokens)
        if between is not None and verb.i > between.i:
            # "the meeting between Putin and Erdogan took place": the small model often cuts the
            # second name off into a subject of its own; everything up to the verb belongs here
            tokens |= set(range(between.i, verb.i))
    else:
        tokens = _clause_tokens(ctx, verb, trig)
    for other in triggers:
        if other.i != trig.i and trig.i not in {t.i for t in other.subtree} and \
                other.i in tokens and other.i != verb.i and not _presented_papers(other):
            tokens -= {t.i for t in other.subtree}  # a nested meeting keeps its own people
    since = since_tokens(ctx.sent(trig))
    if trig.i not in since:
        tokens -= since  # "Jaishankar met Wang, their first meeting since Modi and Xi met in Kazan"
    for tok in ctx.sent(trig):
        if tok.lower_ in WORDS.invitation_nouns and tok.dep_ == "pobj" and tok.i != trig.i:
            tokens -= {t.i for t in tok.subtree}  # "visiting China at the invitation of Premier Li": the host's
    tokens.add(trig.i)
    tokens |= _nominal_fragments(ctx, trig, triggers)
    tokens |= _cut_off_objects(ctx, tokens)
    return tokens


def _of_credence(of: Token) -> bool:
    """ "the letter of credence (presented by X)": an envoy's papers, not a letter someone sent."""
    return of.lower_ == "of" and any(c.lower_ in ("credence", "credentials", "introduction") for c in of.children)


def _presented_papers(tok: Token) -> bool:
    """ "received the letter of credence presented by Ambassador X": the presenting is the audience itself."""
    return tok.dep_ == "acl" and tok.lemma_.lower() in WORDS.credential_verbs and (
        tok.head.lemma_.lower() in WORDS.credential_nouns or tok.head.lower_ == "credence")


def _cut_off_objects(ctx: MeetingContext, tokens: set[int]) -> set[int]:
    """ "received a phone call on Friday from Qatar's Emir Sheikh Tamim bin Hamad al-Thani, state media reported":
    the small model made the name the subject of the next clause; a "from"/"with" of the clause whose phrase
    names no one takes the name that its office words lead to."""
    doc, out = ctx.doc, set()
    for t0 in tokens:
        prep = doc[t0]
        if prep.lower_ not in ("from", "with") or prep.dep_ != "prep" or prep.head.i not in tokens or \
                any(t.i in ctx.mention_of for t in prep.subtree):
            continue
        end = ctx.sent(prep).end
        k = t0 + 1
        while k < end and k - t0 <= 7 and k not in ctx.mention_of and (
                doc[k].pos_ in ("PROPN", "DET") or doc[k].is_title or doc[k].norm_ == "'s"):
            k += 1
        if k < end and k in ctx.mention_of:
            who = ctx.mention_of[k]
            while k < end and ctx.mention_of.get(k) == who:
                out.add(k)
                k += 1
    return out


def appositive_names(ctx: MeetingContext, tokens: set[int]) -> set[int]:
    """Names the small model cut off from the noun they name: a mention right after "counterpart" or a
    title that is in the clause ("with his Ukrainian counterpart Andrii Taran", where "Andrii" was parsed
    as a verb of its own) belongs to the clause. Not a name that goes on as a subject ("..., Lavrov said")."""
    doc = ctx.doc
    title_ends = {sp.end - 1 for sp in ctx.titles}
    out: set[int] = set()
    for off in ctx.officials:
        for s, e in off.tokens:
            if s in tokens or s == 0:
                continue
            prev = s - 1
            while prev > 0 and s - prev < 8 and (doc[prev].text.rstrip(".").lower() in _NAME_COURTESIES | RANKS
                                                 or doc[prev].text in ("(", ")", ".")):
                prev -= 1  # "my good friend, Dr Billy Joseph", "counterpart Admiral (Retd.) Prof. X"
            if doc[prev].text == ",":
                prev -= 1
            if not (prev in tokens and (doc[prev].lemma_.lower() in _NAME_NOUNS or prev in title_ends)) and \
                    not _own_title_in(ctx, off, s, tokens):
                continue
            if any(doc[t].dep_ in ("nsubj", "nsubjpass") and doc[t].head.i >= e for t in range(s, e)):
                continue
            out.update(range(s, e))
    return out


#: People sent by someone: "envoy of the President, X" names the sender, who stayed at home.
_SENT_PEOPLE = frozenset({"envoy", "emissary", "messenger"})


def _a_leaders_office(ctx: MeetingContext, of: Token) -> bool:
    """Whether the "of" phrase names the office of a head of state or government ("of the Senegalese President")."""
    from .titles import known_kind

    noun = next((c for c in of.children if c.dep_ == "pobj"), None)
    if noun is None:
        return False
    return any(sp.start <= noun.i < sp.end and known_kind(sp.label_) in ("head_of_state", "head_of_government")
               for sp in ctx.titles)


#: What may stand between a title and its holder's name: nothing, or a remit ("for European and Eurasian Affairs").
_REMIT_GAP = re.compile(r"\s+(?:for|of|to)\s[^,;()\n]{1,80}\s")


def _own_title_in(ctx: MeetingContext, off, s: int, tokens: set[int]) -> bool:
    """The official's own title, remit and all, ends right before this mention and begins in the clause ("At a
    meeting with US Assistant Secretary of State for European and Eurasian Affairs Karen Donfried, ...", where
    the parser hung the remit on the name and the name on the verb)."""
    ev = off.title_evidence
    gap = ctx.text[ev[1]:ctx.doc[s].idx] if ev is not None and ev[1] <= ctx.doc[s].idx else None
    if gap is None or gap.strip() and not _REMIT_GAP.fullmatch(gap):
        return False
    span = ctx.doc.char_span(ev[0], ev[1], alignment_mode="expand")
    return span is not None and span.start in tokens


def _add_diplomat(ctx: MeetingContext, tokens: set[int], found: Participants) -> None:
    """ "while bidding farewell to the outgoing diplomat": "the diplomat" is the one official of a diplomat's
    office (ambassador, high commissioner, envoy, chargé) the text named before it (participant.role)."""
    from .titles import known_kind

    doc = ctx.doc
    for t in sorted(tokens):
        tok = doc[t]
        if tok.lemma_.lower() != "diplomat" or tok.tag_ != "NN" or t in ctx.quoted or \
                not any(c.lower_ == "the" for c in tok.children):
            continue
        holders = [idx for idx, off in enumerate(ctx.officials)
                   if known_kind(off.title) == "diplomat" and any(s < t for s, _ in off.tokens)]
        if len(holders) == 1 and holders[0] not in found.people:
            found.people.append(holders[0])
            found.evidence[holders[0]] = (tok.idx, tok.idx + len(tok))
            found.rules[holders[0]] = "participant.role"


def _add_roles(ctx: MeetingContext, tokens: set[int], found: Participants) -> None:
    """Officials named by their office and country alone ("the Russian President and his
    Kazakhstani counterpart held a phone conversation"): the one official of the document who holds
    that office for that country; "his Kazakhstani counterpart": the one official of that country.
    Nothing when the text names no such official, or more than one."""
    doc = ctx.doc
    for title in ctx.titles:
        if title.start not in tokens:
            continue
        if title.start in ctx.quoted or any(t in ctx.mention_of for t in range(
                title.start, min(title.end + 3, len(doc)))):
            continue  # a titled name ("President Putin") is the name's mention
        country = country_before(doc, ctx.country_end_at, title.start)
        if country is None:
            for code in _plural_office_countries(ctx, title):  # "the presidents of Kenya, Somalia and Djibouti"
                _add_role(ctx, found, [i for i, o in enumerate(ctx.officials)
                                       if o.country == code and same_office(o.title, title.label_)], title)
            continue
        if said_as_plural(doc[title.end - 1].text, title.label_):
            continue  # "received US Congressmen": several people, none of them one official named elsewhere
        holders = [i for i, o in enumerate(ctx.officials)
                   if o.country == country.label_ and same_office(o.title, title.label_)]
        if not holders:
            # "Kuwait's foreign minister met ..." and then "Kuwait's Sheikh X and France's Y commended ...": the one
            # official of that country named with no office at all, when none of that country has that office
            holders = [i for i, o in enumerate(ctx.officials) if o.country == country.label_ and not o.title]
            if len(holders) == 1 and not ctx.doc[title.start].is_title:
                # "Kuwait's foreign minister": the office written in running text is the one the name lacked
                ctx.officials[holders[0]].title = title.label_
                ctx.officials[holders[0]].rules.append("title.role")
        _add_role(ctx, found, holders, title)
    for tok in (doc[i] for i in sorted(tokens)):
        named_after = False  # "his French counterpart Jean-Yves Le Drian" (not "..., Wang Yi said")
        for t in range(tok.i + 1, min(tok.i + 4, len(doc))):
            if doc[t].is_punct:
                break
            named_after = named_after or t in ctx.mention_of
        # "his Singapore counterpart, Dr Ng Eng Hen": named in apposition after a comma
        named_after = named_after or any(c.dep_ == "appos" and any(t.i in ctx.mention_of for t in c.subtree)
                                         for c in tok.children)
        if tok.lower_ == "counterpart" and tok.i not in ctx.quoted and not named_after:
            country = ctx.country_end_at.get(tok.i)
            if country is not None:
                holders = [i for i, o in enumerate(ctx.officials) if o.country == country.label_]
                if len(holders) > 1:  # "Zarif met his Omani counterpart": the Omani of Zarif's office
                    offices = [ctx.officials[p].title for p in found.people if ctx.officials[p].country != country.label_]
                    same = [i for i in holders if any(same_office(ctx.officials[i].title, t) for t in offices)]
                    # none of that office: the one nearest in rank ("deputy foreign minister Titov ... talks with
                    # his Norwegian counterpart": the state secretary, not the foreign minister)
                    holders = same or _nearest_in_rank(ctx, holders, offices)
                _add_role(ctx, found, holders, doc[tok.i:tok.i + 1])
                _counterpart_office(ctx, found, holders, country.label_)


def _counterpart_office(ctx: MeetingContext, found: Participants, holders: list[int], country: str) -> None:
    """ "Kuwait's foreign minister met his French counterpart": the one official of that country the text names
    with no office holds the office of the other side's (title.counterpart)."""
    from .officials import _counterpart_title

    if len(holders) != 1 or ctx.officials[holders[0]].title:
        return
    offices = {ctx.officials[p].title for p in found.people if ctx.officials[p].country != country}
    if len(offices) == 1 and None not in offices:
        title = _counterpart_title(next(iter(offices)), country)
        if title:
            ctx.officials[holders[0]].title = title
            ctx.officials[holders[0]].rules.append("title.counterpart")


def _nearest_in_rank(ctx: MeetingContext, holders: list[int], offices: list[str | None]) -> list[int]:
    """The one of `holders` whose office is nearest in rank to the one office in `offices` (strictly nearer
    than every other), else none."""
    from .titles import canonical_title, title_rank

    def rank(title: str | None) -> int | None:
        canon = canonical_title(title) if title else None
        try:
            return title_rank(canon) if canon else None
        except LookupError:
            return None

    mine = [r for r in map(rank, offices) if r is not None]
    if len(mine) != 1:
        return []
    gaps = sorted((abs(r - mine[0]), i) for i in holders if (r := rank(ctx.officials[i].title)) is not None)
    if len(gaps) < len(holders) or not gaps or len(gaps) > 1 and gaps[0][0] == gaps[1][0]:  # every rank known
        return []
    return [gaps[0][1]]


def _add_office_group(ctx: MeetingContext, subject: Token | None, found: Participants) -> None:
    """ "Foreign ministers from Japan, China and South Korea met in Tokyo ... Japan's Foreign Minister X ...
    China's Foreign Minister Y": a subject naming an office and two countries or more, whose holders the
    report names (before or after), one each, is those holders (participant.office_group). Nothing for a
    country whose holder the report does not name, or names twice."""
    if subject is None or len(set(found.people)) >= 2 or subject.i in ctx.quoted or subject.tag_ not in ("NNS", "NNPS"):
        return
    office = group_office(ctx, subject)
    if office is None:
        return
    inside = {t.i for t in subject.subtree}
    codes = list(dict.fromkeys(sp.label_ for sp in ctx.countries if sp.start in inside and sp.start not in ctx.quoted))
    if len(codes) < 2:
        return
    holders = []
    for code in codes:
        same = [i for i, o in enumerate(ctx.officials) if o.country == code and same_office(o.title, office)]
        if len(same) == 1:
            holders.append(same[0])
    if len(set(found.people) | set(holders)) < 2:
        return
    for idx in holders:
        if idx not in found.people:
            found.people.append(idx)
            found.evidence[idx] = (subject.idx, subject.idx + len(subject))
            found.rules[idx] = "participant.office_group"


#: What "the head of (the) government" and "the head of state" may stand for, as a subject with no name.
_HEAD_OFFICES = {"head of government": ("Prime Minister", "Premier", "Chancellor"),
                 "head of state": ("President", "King", "Emir", "Sultan")}


def _head_of(ctx: MeetingContext, subject: Token) -> Span | None:
    """ "the head of the government" / "the head of state" as `subject`: a span over those words labelled
    with the key of ``_HEAD_OFFICES``, else None."""
    if subject.lower_ != "head":
        return None
    of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if noun is None or noun.lower_ not in ("government", "state") or \
            any(c.dep_ not in ("det",) and c.i not in _country_words(ctx, noun) for c in noun.children):
        return None
    return Span(ctx.doc, subject.i, noun.i + 1, label=f"head of {noun.lower_}")


def _country_words(ctx: MeetingContext, noun: Token) -> set[int]:
    """The tokens of a country word right before `noun` ("the Italian government")."""
    sp = ctx.country_end_at.get(noun.i)
    return set(range(sp.start, sp.end)) if sp is not None else set()


def _add_title_subject(ctx: MeetingContext, subject: Token | None, found: Participants) -> None:
    """ "Luxon is on Vava'u ... The prime minister, who arrived on Tuesday, has met with X": a subject
    that is an office alone ("the prime minister", no name, no country) is the official of that office
    named last before it."""
    if subject is None or subject.i in ctx.mention_of or subject.i in ctx.quoted or \
            not any(c.lower_ == "the" for c in subject.children):
        return
    title = next((sp for sp in ctx.spans_in(ctx.titles, ctx.sent(subject)) if sp.start <= subject.i < sp.end), None)
    head_country = None
    if title is None:
        title = _head_of(ctx, subject)  # "The head of the government met the Greek Prime Minister"
        head_country = ctx.country_end_at.get(title.end - 1) if title is not None else None
    if title is None or country_before(ctx.doc, ctx.country_end_at, title.start) is not None or \
            any(t.i in ctx.mention_of for t in subject.subtree):
        return
    generic = title.label_ in GENERIC_TITLES  # "The Minister convened with ...": the last minister named
    offices = _HEAD_OFFICES.get(title.label_.lower(), (title.label_,))  # the table's "Head of State" too
    last: dict[int, int] = {}
    for idx, off in enumerate(ctx.officials):
        if head_country is not None and off.country != head_country.label_:
            continue  # "The head of the Italian government": Italy's
        if any(same_office(off.title, o) for o in offices) or generic and off.title and \
                title.label_.lower() in off.title.lower().split():
            before = [s for s, _ in off.tokens if s < title.start]
            if before:
                last[idx] = max(before)
    if not last:
        return
    if subject.tag_ in ("NNS", "NNPS") and any(c.lower_ in ("two", "both") for c in subject.children):
        # "The two PMs held talks after that": the last two holders of that office, of two countries
        pair, seen = [], set()
        for idx in sorted(last, key=last.get, reverse=True):
            country = ctx.officials[idx].country
            if country and country not in seen:
                pair.append(idx)
                seen.add(country)
        if len(pair) >= 2:
            for holder in pair[:2]:
                if holder not in found.people:
                    found.people.insert(0, holder)
                    found.evidence[holder] = (title.start_char, title.end_char)
                    found.rules[holder] = "participant.title_subject"
        return
    holder = max(last, key=last.get)
    # "X, Oman's Foreign Minister, received a message from Y, Syria's Foreign Minister. The Minister received it
    # from Syria's ambassador": not the one of the same country as the other side named in the clause
    sides = {ctx.officials[p].country for p in found.people if ctx.officials[p].country}
    if ctx.officials[holder].country in sides:
        others = [i for i in last if ctx.officials[i].country and ctx.officials[i].country not in sides]
        if others:
            holder = max(others, key=last.get)
    if holder not in found.people:
        found.people.insert(0, holder)
        found.evidence[holder] = (title.start_char, title.end_char)
        found.rules[holder] = "participant.title_subject"


def _plural_office_countries(ctx: MeetingContext, title: Span) -> list[str]:
    """The countries of a plural office followed by "of" and a list of countries: "the presidents of
    Kenya, Somalia and Djibouti" -> KEN, SOM, DJI. Empty when the office is not plural or no list follows."""
    doc = ctx.doc
    last = doc[title.end - 1]
    if not (last.lower_.endswith("s") and not title.label_.lower().endswith("s")) or \
            title.end >= len(doc) or doc[title.end].lower_ != "of":
        return []
    codes, k = [], title.end + 1
    while k < len(doc):
        k += doc[k].lower_ == "the"
        sp = ctx.country_start_at.get(k)
        if sp is None:
            break
        codes.append(sp.label_)
        k = sp.end
        if k < len(doc) and doc[k].text == ",":
            k += 1
        if k < len(doc) and doc[k].lower_ == "and":
            k += 1
    return codes if len(codes) >= 2 else []


def _add_role(ctx: MeetingContext, found: Participants, holders: list[int], span) -> None:
    if len(holders) == 1 and holders[0] not in found.people:
        found.people.append(holders[0])
        found.evidence[holders[0]] = (span.start_char, span.end_char)
        found.rules[holders[0]] = "participant.role"


def _delegation_country(ctx: MeetingContext, led: Token) -> None:
    """ "the delegation from the Parliament of Iran led by the chairman X": X is of the delegation's country
    (country.delegation), when no country or only the host's guess (country.home) was known."""
    group = led.head if led.dep_ != "advcl" else next(
        (t for t in ctx.sent(led) if t.lower_ in ("delegation", "delegations") and t.i < led.i), None)
    if group is None or group.lower_ not in ("delegation", "delegations"):
        return
    own = {t.i for t in led.subtree}
    # the country between the delegation and "led by": in the delegation's own phrase (or anywhere there, when the
    # parser hung "led by" on the verb)
    phrase = {t.i for t in group.subtree}
    home = next((sp.label_ for sp in ctx.countries if group.i < sp.start < led.i and sp.start not in own and
                 (led.dep_ == "advcl" or all(k in phrase for k in range(sp.start, sp.end)))), None)
    if home is None:
        return
    for t in led.subtree:
        if t.i in ctx.mention_of:
            ctx.officials[ctx.mention_of[t.i]].lend_country(home, "country.delegation")


#: Verbs of a clause on a party whose agents came with that party ("who was accompanied by X", "supported by X").
_ESCORT_VERBS = ("accompany", "support")


def _named_in(ctx: MeetingContext, disc: Discourse, tokens: set[int], cut_off: set[int] = frozenset()) -> Participants:
    """The officials named in `tokens` outside quotations, and "I" (a transcript's speaker or the release's author);
    `cut_off` are the tokens of names the parser had cut off from the clause (``appositive_names``)."""
    found = Participants(people=[], evidence={}, rules={}, refers_back=False, clause=tokens)
    people, evidence, prules = found.people, found.evidence, found.rules
    escorts = [tok for t0 in tokens for tok in [ctx.doc[t0]] if tok.lemma_.lower() in _ESCORT_VERBS
               and tok.dep_ in ("relcl", "acl")]  # "..., who was accompanied by X", "X supported by Y, met"
    escort = {t.i for tok in escorts for t in tok.subtree}
    sent_by = {t.i for t0 in tokens for tok in [ctx.doc[t0]] if tok.lower_ in ("of", "from") and (
               tok.head.lemma_.lower() in WORDS.sent_things and not _of_credence(tok) or tok.lower_ == "from" and any(
                   c.dep_ in ("dobj", "obj") and c.lemma_.lower() in WORDS.sent_things for c in tok.head.children))
               for t in tok.subtree}  # "greetings of PM Modi", "conveyed greetings to X from President Y"
    sent_by |= {t.i for t0 in tokens for tok in [ctx.doc[t0]] if tok.lower_ == "of" and
                tok.head.lemma_.lower() in _SENT_PEOPLE and _a_leaders_office(ctx, tok) for t in tok.subtree}
    country_starts = {sp.start for sp in ctx.countries}
    sent_by |= {t.i for t0 in tokens for tok in [ctx.doc[t0]] if tok.lower_ == "of" and
                tok.head.lemma_.lower() in _LEADERS_BODIES and tok.head.dep_ == "pobj" and
                tok.i + 1 not in country_starts for t in tok.subtree}
    # (not "head of the Presidential Administration of Ukraine Borys Lozhkin": a country's body, then its head)
    # "a call with the top diplomat of the administration of President Donald Trump": whose administration it is
    # "X, special envoy of the Senegalese President, Macky Sall": the leader who sent him (not "the envoy of
    # the Secretary-General, Hans Grundberg", where the name may be the envoy's own)
    if sent_by and max(sent_by) + 1 < len(ctx.doc) and ctx.doc[max(sent_by) + 1].text == ";":
        # "the greetings of President A; B, Vice President ...; and C, ...": the senders' list runs on
        sent_by |= set(range(max(sent_by) + 1, ctx.sent(ctx.doc[max(sent_by)]).end))
    for t in sorted(tokens):
        if t in ctx.quoted or t in sent_by:
            continue
        idx = ctx.mention_of.get(t)
        if idx is None and (ctx.doc[t].text == "I" and ctx.doc[t].dep_ in ("nsubj", "conj", "nsubjpass")
                            or t in ctx.quote_speaker):  # (or '"Good to meet X," Y tweeted': Y's "Good")
            idx, rule = speaker(ctx, disc, ctx.doc[t].idx), "participant.speaker"  # "PENNY WONG: ... I met Park"
            if t in ctx.quote_speaker:
                idx, rule = ctx.quote_speaker[t], "participant.quote_speaker"  # '"I met X," Y said'
            if idx is None:
                idx, rule = disc.author, "participant.author"  # "the Deputy Prime Minister and I welcomed ..."
            if idx is not None and idx not in people:
                evidence[idx] = (ctx.doc[t].idx, ctx.doc[t].idx + 1)
                prules[idx] = rule
        if idx is not None and idx not in people:
            people.append(idx)
            evidence.setdefault(idx, ctx.mention_span(idx, t))
            prules.setdefault(idx, "participant.apposition" if t in cut_off else
                              "participant.accompanied" if t in escort else "participant.clause")
    for tok in (ctx.doc[t0] for t0 in tokens):
        if tok.lemma_.lower() in ("lead", "head", "chair") and tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl", "advcl"):
            _delegation_country(ctx, tok)
    for tok in escorts:  # the one accompanied lends their country to who came with them
        lead = ctx.mention_of.get(tok.head.i)
        if lead is None:  # the parser hung "supported by" on the dateline's city: the official named before
            lead = next((ctx.mention_of[k] for k in range(tok.i - 1, tok.sent.start - 1, -1) if k in ctx.mention_of),
                        None)
        home = ctx.officials[lead].country if lead is not None else None
        for t in tok.subtree:
            if t.i in ctx.mention_of and t.i != tok.head.i:
                ctx.officials[ctx.mention_of[t.i]].lend_country(home, "country.accompanied")
    return found


#: A leader's governing bodies: "the administration of President X" names X as its head, not as a party.
_LEADERS_BODIES = frozenset({"administration", "government", "cabinet", "regime"})


def _add_delegation(ctx: MeetingContext, disc: Discourse, subject: Token | None, found: Participants) -> None:
    """A group subject's members ("a delegation led by X"; "the delegation": the one named before)."""
    if subject is None or not is_group(ctx, subject):
        return
    members = group_members(ctx, subject)
    if subject.lemma_.lower() == "delegation" and any(c.lower_ in ("same", "the") for c in subject.children):
        members = list(dict.fromkeys(disc.group + members))  # "the delegation": the one already named
    if len(members) >= 2:
        disc.group = members
    for idx in members:
        if idx not in found.people:
            found.people.insert(0, idx)
        found.rules[idx] = "participant.group"


def _add_possessor(ctx: MeetingContext, disc: Discourse, trig: Token, verb: Token, found: Participants) -> None:
    """Whose "his"/"her" meeting with X it is ("briefed Putin on his meeting with Zelensky": Orban's)."""
    if not (trig.pos_ in ("NOUN", "PROPN") and any(c.lower_ in ("with", "between") for c in trig.children) or (
            trig.dep_ == "pobj" and trig.head.head.i == verb.i and any(c.lower_ == "with" for c in verb.children)) or (
            trig.dep_ == "nsubj" and trig.head.i == verb.i and verb.lemma_.lower() == "be" and
            any(c.lower_ == "with" for c in verb.children))):  # "His first meeting in Oslo was with Solberg"
        return
    poss = next((c for c in trig.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
    owner, named = _named_owner(ctx, trig)
    if owner is None and trig.dep_ in ("nsubj", "attr") and trig.head.lemma_ == "be":
        among = next((g for c in trig.head.children if c.lower_ == "among" for g in c.children
                      if g.dep_ == "pobj" and g.lower_ in WORDS.plural_meeting_nouns), None)
        if among is not None:  # "among Mirziyoyev's meetings were discussions with A, B and C": his
            owner, named = _named_owner(ctx, among)
    if named is not None:
        poss = named  # the evidence: the owner's name
    elif poss is not None:
        root = trig.sent.root
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and trig.i < subj.i and subj.i in ctx.mention_of:
            owner = ctx.mention_of[subj.i]  # "In his meeting with Sunak, Mr. Modi discussed ..."
        else:
            owner = antecedent(ctx, disc, poss)
    if owner is not None and owner not in found.people:
        found.people.insert(0, owner)
        found.rules[owner] = "participant.pronoun"  # "his meeting with X": whose "his" is
        found.evidence.setdefault(owner, (poss.idx, poss.idx + len(poss)))


def _named_owner(ctx: MeetingContext, trig: Token) -> tuple[int | None, Token | None]:
    """The official named as the owner of the meeting noun or of what it is part of ("Lavrov's talks with
    Truss", "Foreign Minister Lavrov's opening remarks at talks with Truss"), and the name's token."""
    noun = trig
    for _ in range(3):
        for c in noun.children:
            if c.dep_ == "poss":
                named = next((t for t in c.subtree if t.i in ctx.mention_of), None)
                if named is not None:
                    return ctx.mention_of[named.i], named
        if noun.head.i == noun.i or noun.head.pos_ not in ("ADP", "NOUN", "PROPN"):
            return None, None
        noun = noun.head.head if noun.head.pos_ == "ADP" else noun.head
    return None, None


def _add_speaker(ctx: MeetingContext, disc: Discourse, trig: Token, verb: Token, subject: Token | None,
                 found: Participants) -> None:
    """In a transcript, a meeting "with X" that names nobody else is the speaker's: "to host the Defence
    Ministers Meeting with my good friend, Dr Billy Joseph", "we have had a video conference with Mike
    Pompeo", "one of the bilaterals, which was the meeting with Wang Yi"."""
    inside = {t.i for t in trig.subtree}
    if len(found.people) != 1 or subject is not None and subject.lower_ not in ("we", "i") and any(
            t.i in ctx.mention_of and t.i not in inside for t in subject.subtree):
        return
    withs = [c for c in list(trig.children) + list(verb.children) if c.lower_ == "with"]
    if not any(ctx.mention_of.get(t.i) == found.people[0] for w in withs for t in w.subtree):
        return
    who = speaker(ctx, disc, trig.idx)
    if who is None and trig.i > 0 and ctx.doc[trig.i - 1].lower_ == "their":
        # "Remarks With German Foreign Minister Steinmeier After Their Meeting" over "SECRETARY KERRY: ...":
        # a headline's "their meeting" is the transcript's first speaker's with X
        who = next((idx for start, idx in disc.labels or [] if start > trig.idx and idx not in found.people), None)
    if who is not None and who not in found.people:
        found.people.insert(0, who)
        found.rules[who] = "participant.speaker"
        found.evidence.setdefault(who, (trig.idx, trig.idx + len(trig)))


def _add_listed(ctx: MeetingContext, trig: Token, si: int, found: Participants) -> None:
    """ "The summit was attended by:" and a bulleted line per head of state: the list's officials
    were present (only when the trigger's sentence opens the list with an attendance cue)."""
    listed, lines = ctx.listed_after(si)
    sent = ctx.sents[si]
    last = next((t for t in reversed(sent) if not t.is_space and t.text != ":"), None)
    following = any(t.lower_ == "following" and t.i > trig.i and t.head.i != trig.i and t.head.pos_ in ("NOUN", "PROPN")
                    for t in sent)  # "met with the following Ministers:" and a line per minister
    if not listed or not (any(attendance_cue(ctx, t, None) for t in sent) or following or
                          last is not None and last.lower_ in WORDS.inclusion_words and last.i > trig.i and
                          trig.dep_ != "pobj"):
        return  # "met with key counterparts, including:" and a line per counterpart
    for p in listed:
        if p not in found.people:
            found.people.append(p)
            line = next(ctx.sents[k] for k in lines if ctx.first_token(p, ctx.sents[k]) < 10**9)
            found.evidence.setdefault(p, ctx.mention_span(p, ctx.first_token(p, line)))
            found.rules.setdefault(p, "participant.present")


def _add_between_group(ctx: MeetingContext, trig: Token, current: Meeting | None, si: int,
                       found: Participants) -> None:
    """ "During a telephone conversation between the two leaders, Sheikh Mohamed ...": a meeting noun
    between a group that names nobody is between the officials just named (as a plural subject is)."""
    if trig.pos_ not in ("NOUN", "PROPN") or len(set(found.people)) >= 2:
        return
    for prep in trig.children:
        if prep.lower_ != "between":
            continue
        for group in prep.children:
            if group.dep_ == "pobj" and is_group(ctx, group) and not group_members(ctx, group) and \
                    any(c.lower_ in ("the", "both") or c.like_num for c in group.children):
                people, _ = refer_back(ctx, found.people, current, si, False, group)
                for idx in people:
                    if idx not in found.people:
                        found.people.append(idx)
                        found.evidence.setdefault(idx, (group.idx, group.idx + len(group)))
                    found.rules.setdefault(idx, "participant.refer_back")
                return


#: Verbs whose object is the one met: with the subject unknown, two objects did not meet each other.
_MEETING_OBJECT_VERBS = frozenset({"meet", "receive", "host", "welcome", "visit", "phone", "call"})


def _objects_only(ctx: MeetingContext, trig: Token, verb: Token, subject: Token | None, found: Participants) -> bool:
    """Every official found is an object of a meeting verb whose subject names none of them (an office
    with no name the report gives, a pronoun we cannot resolve)."""
    if subject is None or trig.i != verb.i or verb.lemma_.lower() not in _MEETING_OBJECT_VERBS or \
            len(found.people) < 2 or subject.dep_ != "nsubj":
        return False
    if any(t.i in ctx.mention_of for t in subject.subtree) or is_group(ctx, subject) or subject.lower_ in (
            "they", "we", "both", "leaders"):
        return False
    objects = {ctx.mention_of[t.i] for c in verb.children if c.dep_ in ("dobj", "obj")
               for t in c.subtree if t.i in ctx.mention_of}
    return set(found.people) <= objects


def _time_reference(trig: Token) -> bool:
    """A meeting noun that only dates something else: "prior to today's meeting", "ahead of the talks",
    "after the meeting" (with a determiner or possessive and no "with"/"between" of its own)."""
    if trig.pos_ not in ("NOUN", "PROPN") or trig.dep_ != "pobj":
        return False
    prep = trig.head
    timed = prep.lower_ in ("before", "after", "following") or \
        prep.lower_ == "to" and prep.head.lower_ == "prior" or prep.lower_ == "of" and prep.head.lower_ == "ahead"
    return timed and any(c.dep_ == "det" or c.dep_ == "poss" and c.tag_ != "PRP$" for c in trig.children) and \
        not any(c.lower_ in ("with", "between") for c in trig.children)


def _own_between(ctx: MeetingContext, trig: Token) -> bool:
    """A meeting noun whose own "between" phrase names two officials or more: it says who met."""
    if trig.pos_ not in ("NOUN", "PROPN"):
        return False
    for prep in trig.children:
        if prep.lower_ == "between":
            named = {ctx.mention_of[t.i] for t in prep.subtree if t.i in ctx.mention_of}
            if len(named) >= 2:
                return True
    return False


def _refers_by_noun(ctx: MeetingContext, trig: Token, verb: Token) -> bool:
    """A definite meeting noun with no official of its own ("the talks", "their meeting"): a reference."""
    withs = list(trig.children)
    if trig.dep_ == "pobj" and (trig.head.head.i == verb.i or trig.head.head.dep_ == "nsubj" and
                                trig.head.head.head.i == verb.i):
        # "spoke highly of his meeting ... with Witkoff", "One of the meetings was with Boric"
        withs += [c for c in verb.children if c.i > trig.i]
    return trig.pos_ in ("NOUN", "PROPN") and any(c.lower_ in WORDS.definite_determiners for c in trig.children) and \
        not any(c.lower_ in ("with", "between") and any(t.i in ctx.mention_of for t in c.subtree) for c in withs)


def _add_referents(ctx: MeetingContext, disc: Discourse, trig: Token, subject: Token | None, current: Meeting | None,
                   si: int, found: Participants, is_reference: bool) -> bool:
    """Whom a plural or pronoun subject stands for ("they", "the two leaders", "he"); returns whether
    the clause refers back to a meeting told before."""
    # "The two held talks ..." is sometimes parsed as one noun phrase: read the sentence's opening words
    trig_sent = ctx.sent(trig)
    opening = " ".join(t.lower_ for t in trig_sent[:4] if not t.is_space)
    misparsed_reference = subject is None and trig.i - trig_sent.start <= 5 and any(
        opening.startswith(r + " ") for r in ctx.lex["reference_subjects"])
    if misparsed_reference:
        found.people, is_reference = refer_back(ctx, found.people, current, si, is_reference)
        for idx in found.people:
            found.rules.setdefault(idx, "participant.refer_back")
    if subject is not None and _own_between(ctx, trig):
        subject = None  # "He expressed his satisfaction with yesterday's talks between A and B": not his talks
    if subject is not None:
        low = subject.lower_
        phrase = " ".join(t.lower_ for t in subject.subtree)
        styled = low in WORDS.style_subjects and not any(t.i in ctx.mention_of for t in subject.subtree)
        referent = antecedent(ctx, disc, subject) if low in WORDS.pronouns_one or styled else None  # "His Highness"
        if referent is not None and referent not in found.people:
            found.people.insert(0, referent)
            found.rules[referent] = "participant.pronoun"
            found.evidence.setdefault(referent, (subject.idx, subject.idx + len(subject)))  # the pronoun
        elif low in WORDS.pronouns_many or phrase in ctx.lex["reference_subjects"] or (
                is_group(ctx, subject) and
                any(c.lower_ in ("the", "both", "all") or c.like_num for c in subject.children)):
            found.people, is_reference = refer_back(ctx, found.people, current, si, is_reference, subject)
            for idx in found.people:
                found.rules.setdefault(idx, "participant.refer_back")
    return is_reference


def _add_object_pronouns(ctx: MeetingContext, disc: Discourse, verb: Token, found: Participants) -> None:
    """An object "him"/"her" ("Khurelsukh, who invited the Russian leader, personally met him"): the
    one named before, not the subject."""
    for obj in [c for c in verb.children if c.dep_ in ("dobj", "obj") and c.lower_ in ("him", "her")] + [
            g for c in verb.children if c.lower_ == "with" for g in c.children if g.lower_ in ("him", "her")]:
        other = object_antecedent(ctx, obj, found.people, disc.actor)
        if other is not None:
            found.people.append(other)
            found.evidence.setdefault(other, (obj.idx, obj.idx + len(obj)))
            found.rules[other] = "participant.pronoun"


#: Nouns whose "with the ... of" names everyone at a meeting: "with the participation of A and B".
_ATTENDANCE_NOUNS = frozenset({"participation", "presence", "attendance", "involvement"})


def objects_only(ctx: MeetingContext, trig: Token, people: list[int]) -> bool:
    """Everyone found sits in the trigger's "with" phrase: whoever met them is not named as its subject."""
    withs = [c for c in trig.children if c.lower_ == "with" and not (
        c.i > 0 and ctx.doc[c.i - 1].lower_ in ("together", "along")) and not any(  # "A and B, together with C"
        g.dep_ == "pobj" and g.lemma_.lower() in _ATTENDANCE_NOUNS for g in c.children)]
    # (nor "consultations with the participation of A and B": the phrase names every party)
    if not withs or any(c.lower_ == "between" for c in trig.children):
        return False
    inside = {ctx.mention_of[t.i] for w in withs for t in w.subtree if t.i in ctx.mention_of
              and not _subject_made_appositive(ctx, t)}
    subject = subject_of(ctx, trig)
    if subject is not None and any(ctx.mention_of.get(t.i) in people for t in subject.subtree):
        return False  # "President Ali ... met with a team led by X at the Office of the President": his own
    return set(people) <= inside


def _subject_made_appositive(ctx: MeetingContext, tok: Token) -> bool:
    """ "During the talks with PM Gruevski, Rama stressed ...": the small model made the main clause's
    subject an apposition of the name before the comma; another official's name right before a verb
    with no subject of its own is that verb's subject."""
    head = tok if tok.dep_ == "appos" else tok.head if tok.dep_ == "compound" and tok.head.dep_ == "appos" else None
    if head is None or head.i + 1 >= len(ctx.doc):
        return False
    start = min(t.i for t in head.subtree)
    verb = ctx.doc[head.i + 1]
    return start > 0 and ctx.doc[start - 1].text == "," and verb.pos_ == "VERB" and \
        not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and \
        ctx.mention_of.get(head.i) != ctx.mention_of.get(head.head.i)


def subject_of(ctx: MeetingContext, verb: Token) -> Token | None:
    """The subject of `verb` (or of the verb it is conjoined to or complements)."""
    subj = own_subject(ctx, verb)
    if subj is None and verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        subj = own_subject(ctx, verb.head)
    elif subj is None and verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i < verb.head.i:
        subj = own_subject(ctx, verb.head)  # "Talking to a delegation headed by X, he said ...": he talked
    return subj


def own_subject(ctx: MeetingContext, verb: Token) -> Token | None:
    """`verb`'s subject; of several (a dateline parsed as one: "MOSCOW ... - Widodo met"), the one naming an official."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "relcl" and subjects and subjects[0].tag_ in ("WP", "WDT"):
        return verb.head  # "Putin, who met Xi last year, said ...": "who" is Putin
    if not subjects and main_clause_misread(verb):
        return verb.head  # "Abu Dhabi: Sheikh Abdullah, Minister of ..., on Monday received X": a main clause misread
    for subj in subjects:
        if any(t.i in ctx.mention_of for t in subj.subtree):
            return subj
    return subjects[0] if subjects else None


def inherited_subject(ctx: MeetingContext, tok: Token) -> set[int]:
    """The subject of the nearest governing verb that has one ("Widodo met ... after holding talks")."""
    for anc in tok.ancestors:
        subj = own_subject(ctx, anc)
        if subj is not None:
            agent = next((c for c in anc.children if c.dep_ == "agent"), None)
            if subj.dep_ == "nsubjpass" and agent is not None and \
                    not any(t.i in ctx.mention_of for t in subj.subtree):
                # "The letter was given by Morocco's Foreign Minister, Nasser Bourita, during a meeting with
                # the Emir": the one who acted is the passive's agent
                return {t.i for t in agent.subtree}
            return {t.i for t in subj.subtree}
        if anc.dep_ in ("ccomp", "relcl") and not (anc.pos_ == "PROPN" and anc.i in ctx.mention_of):
            break  # (a name made a clause is the parser's slip: "At a meeting with ... Karen Donfried, X spoke")
    return set()


def _between_second(ctx: MeetingContext, between: Token) -> set[int]:
    """ "between President Ruto and visiting US Trade Representative Tai": when the parser hangs the second
    name elsewhere, the "and" right after the first and the office and name that follow it."""
    end = max(t.i for t in between.subtree) + 1
    if end >= len(ctx.doc) or ctx.doc[end].lower_ != "and" or any(t.dep_ == "conj" for t in between.subtree):
        return set()
    out, k = set(), end + 1
    while k < min(len(ctx.doc), end + 20) and (ctx.doc[k].pos_ in ("PROPN", "ADJ") or ctx.doc[k].lower_ == "visiting"
                                                or k in ctx.mention_of or ctx.doc[k].lower_ in _OFFICE_GLUE
                                                or ctx.doc[k].pos_ == "NOUN" and ctx.doc[k].is_lower):
        out.add(k)  # (an office may run long: "Principal Trade Advisor and Spokesperson on U.S. trade policy")
        if k in ctx.mention_of and (k + 1 >= len(ctx.doc) or ctx.mention_of.get(k + 1) != ctx.mention_of[k]):
            break  # the second name, and no further
        k += 1
    return out if any(k in ctx.mention_of for k in out) else set()


#: Words that join the parts of a long office: "Advisor and Spokesperson on U.S. trade policy".
_OFFICE_GLUE = frozenset({"and", "on", "of", "for", "the", "&"})


def _absent_from(trig: Token) -> bool:
    """ "Kuria was conspicuously absent from a meeting between Ruto and Tai", "skipped the talks between A
    and B": whoever governs the meeting noun was not there."""
    head = trig.head.head if trig.dep_ == "pobj" else trig.head
    return head.i != trig.i and head.lemma_.lower() in WORDS.absence_heads


def _clause_tokens(ctx: MeetingContext, verb: Token, trig: Token) -> set[int]:
    """Tokens of `verb`'s clause, without the clauses it governs (except the path to `trig`)."""
    path = {t.i for t in trig.ancestors} | {trig.i}
    out = {verb.i}
    stack = [verb]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in ("about", "regarding", "concerning") and child.i not in path \
                    and node.i == verb.i and verb.lemma_.lower() in ("speak", "talk", "tell", "brief", "inform"):
                continue  # "spoke to X about the discussions with President Y": what was said, not who was there
            if _means_clause(child) and child.i not in path:
                continue  # "met Katrín ...; possibly by extending Pence's stay": how, not who
            if child.dep_ in _CLAUSE_BREAKS and child.i not in path:
                if child.dep_ == "conj" and child.pos_ not in ("VERB", "AUX"):
                    pass  # "X and Y": conjoined names stay
                elif child.dep_ == "appos":
                    pass
                elif child.dep_ in ("relcl", "acl") and child.lemma_.lower() in WORDS.party_clause_verbs:
                    pass  # "received Senator Coons, who was accompanied by X", "a delegation led by X": at the table too
                elif child.dep_ == "advcl" and child.tag_ == "VBN" and child.lemma_.lower() in WORDS.party_clause_verbs \
                        and any(c.dep_ == "agent" for c in child.children):
                    pass  # "met with the delegation from X led by Y": the parser hung "led by" on the verb
                elif _presented_papers(child):
                    pass  # "received the letter of credence presented by Ambassador X": the envoy who presented it
                elif child.dep_ == "acl" and child.lemma_.lower() in WORDS.hold_verbs and \
                        node.lemma_.lower() in ctx.meeting_words:
                    pass  # "held a meeting held with bin Tarik": the meeting's own "held with"
                else:
                    continue
            out.add(child.i)
            stack.append(child)
    if verb.lemma_.lower() in ("discuss", "address", "raise"):  # "discussed women issue mainstreaming with X": the object made a clause
        out.update(t.i for w in discussed_with(verb) for t in w.subtree)
    # a verb conjoined to another ("arrived in Tokyo and met X") or governed by a preposition
    # ("after holding talks with X") shares its subject
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in WORDS.inviting_verbs:
        for child in verb.head.children:
            if child.dep_ in ("dobj", "obj"):
                out.update(t.i for t in child.subtree)  # "invited Lula to visit Beijing": Lula
    if verb.dep_ == "amod" and verb.tag_ in ("VBD", "VBN") and verb.head.i in ctx.mention_of and verb.head.i > verb.i:
        # "Cameron has this afternoon phoned Jean-Claude Juncker to congratulate him": the small model made
        # the verb a modifier of the name it governs; that name is its object
        out.update(_mention_tokens(ctx, verb.head.i))
    if verb.head.i in ctx.quote_speaker:
        out.add(verb.head.i)  # '"Good to meet FM Khadka," Jaishankar tweeted': the teller's gladness
    subject = subject_of(ctx, verb)
    if subject is not None and subject.i not in out:
        out.update(t.i for t in subject.subtree)  # "Macron is scheduled to meet Xi": Macron
    elif subject is None and _finite_after_name(ctx, verb):
        # "Foreign Secretary of Nepal, Ambassador Shanker Das Bairagi, called on ...": the small model hung
        # the finite verb on the name before its comma as a clause of that name; the name is its subject
        out.update(_mention_tokens(ctx, verb.head.i))
    elif subject is None and verb.dep_ not in ("ROOT", "ccomp", "relcl"):
        out.update(inherited_subject(ctx, verb))
    elif subject is None and verb.tag_ == "VBG" and verb.i == ctx.sent(verb).start:
        # "Welcoming Swedish Ambassador Mellander, PM Dung affirmed ...": the small model often makes the
        # opening participle a root of its own; its subject is the main clause's
        si = ctx.sent_of[verb.i]
        scope = list(ctx.sents[si])
        if scope[-1].text not in (".", "!", "?") and si + 1 < len(ctx.sents):
            scope += list(ctx.sents[si + 1])  # the parser cut the sentence at the subject ("PM | Dung affirmed")
        main = next((t for t in scope if t.i > verb.i and t.dep_ in ("nsubj", "nsubjpass")
                     and any(x.i in ctx.mention_of for x in t.subtree)), None)
        if main is not None:
            out.update(t.i for t in main.subtree)
    return out


def _means_clause(prep: Token) -> bool:
    """ "by extending Pence's stay", "through inviting X": a preposition of means governing a verb; whom that
    verb acts on is not at the meeting."""
    return prep.dep_ == "prep" and prep.lower_ in ("by", "through") and any(
        c.dep_ == "pcomp" and c.tag_ == "VBG" for c in prep.children)


def _finite_after_name(ctx: MeetingContext, verb: Token) -> bool:
    """A past-tense verb parsed as a clause of the name right before its comma ("X, called on Y"), not a
    participle ("the delegation, led by X") nor a relative clause ("X, who met Y")."""
    head = verb.head
    return (verb.dep_ == "acl" and verb.tag_ == "VBD" and head.i < verb.i and head.i in ctx.mention_of
            and verb.i >= 2 and ctx.doc[verb.i - 1].text == "," and head.i == verb.i - 2)


def _nominal_fragments(ctx: MeetingContext, trig: Token, triggers: list[Token]) -> set[int]:
    """Noun phrases the parser cut off as a "sentence" of their own after the trigger's sentence
    ("... held a meeting with President of the United States H.E. Mr. Joseph R. Biden, Jr. on ...")."""
    out: set[int] = set()
    si = ctx.sent_of.get(trig.i)
    limit = (si or 0) + 2  # at most two cut-off fragments
    while si is not None and si + 1 < len(ctx.sents) and si < limit:
        sent, nxt = ctx.sents[si], ctx.sents[si + 1]
        last = next((t for t in reversed(sent) if not t.is_space), None)
        if last is None or last.text in (".", "!", "?", ":", ";", "\"", "”") or "\n" in sent[-1].text_with_ws:
            break
        if any(t.pos_ in ("VERB", "AUX") for t in nxt) or any(t.i >= nxt.start and t.i < nxt.end for t in triggers):
            k = nxt.start  # "... with UN High Commissioner for Refugees (UNHCR) | Filippo Grandi in Washington. Blinken
            while k < nxt.end and k in ctx.mention_of and (k == nxt.start or ctx.mention_of[k] == ctx.mention_of[k - 1]):
                k += 1  # and Grandi reaffirmed ...": the name the cut took, up to its end, and no further
            if k > nxt.start and last.text in (")", ",") and k < nxt.end and ctx.doc[k].dep_ != "cc":
                out |= set(range(nxt.start, k))
            break
        out |= set(range(nxt.start, nxt.end))
        si += 1
    return out
