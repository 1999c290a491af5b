"""The walk through one document: sentence by sentence, triggers to meetings.

For each sentence: officials it says were present join the current meeting; otherwise each
trigger's status and participants decide whether it is a new meeting (held or planned), the
current meeting told again ("the talks", "they were joined by X"), a meeting at another time
("had last met in January"), a meeting named only afterwards ("The meeting ...") or nothing.
After the last sentence: a transcript's speakers, headline summaries and domestic meetings,
then each meeting is finished (``meeting_assembly.finish``).

Every step is a function of the ``MeetingContext``; what the walk remembers between sentences
is the ``Discourse`` and the ``SearchResult`` it fills.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field, replace
from typing import Callable

from spacy.tokens import Token

from .meeting_assembly import enrich, finish, is_domestic, make_meeting, transcript_meeting
from .meeting_context import MeetingContext
from .meeting_discourse import Discourse, meeting_by_role, refers, told_before, track_actor, track_delegation
from .meeting_merge import merge_into, without_headline_summaries, without_list_summaries
from .meeting_attendance import attendance, attendance_cue
from .meeting_participants import objects_only, participants_of
from .meeting_split import separately, split_again
from .meeting_status import Status, status_of
from .meeting_triggers import joins_current, triggers_in
from .meeting_types import Meeting, Participants
from .meeting_when_where import date_in_clause, date_of, elsewhen
from .meeting_words import WORDS

__all__ = ["SearchResult", "TriggerFinding", "search", "TRIGGER_HANDLERS"]


@dataclass
class SearchResult:
    """The meetings of one document, and every rule that decided something (kept or dropped)."""

    held: list[Meeting] = field(default_factory=list)
    planned: list[Meeting] = field(default_factory=list)
    fired: set[str] = field(default_factory=set)

    def held_in(self, si: int) -> bool:
        """Whether a held meeting found so far was told in sentence `si`."""
        return any(si in m.trigger_sentences for m in self.held)


def search(ctx: MeetingContext) -> SearchResult:
    """Find the held and planned meetings of the document `ctx` describes.

    Each trigger not negated goes to the first of ``TRIGGER_HANDLERS`` that takes it.
    """
    walk = _Walk(ctx, Discourse.start(ctx), SearchResult())
    fired = walk.result.fired
    for si, sent in enumerate(ctx.sents):
        triggers = triggers_in(ctx, sent)
        statuses = {trig.i: status_of(ctx, trig) for trig in triggers}  # each trigger's, asked once
        if walk.current is not None:
            # a sentence whose every meeting word tells a plan (or a meeting not held) adds no one to the meeting
            # told before: "The Prime Minister, accompanied by the Secretary-General, is expected to meet X"
            rule = None if _tells_only_plans(statuses) else attendance(ctx, sent, walk.current)
            if rule is not None:
                fired.add(rule)
                continue  # "X and Y were also present at the meeting", "Putin was accompanied by A, B and C"
        elif _guests_of_unclaimed(walk, si):
            fired.add("meeting.told_before_guests")
            continue  # "A trade meeting of Ghana and Togo was held by video. Representing Ghana was X; ..."
        walk.found_new = walk.referenced = walk.told_elsewhen = False
        if walk.current is not None:
            named = meeting_by_role(ctx, sent, walk.result.held, walk.current)
            if named is not None:  # "The two Prime Ministers reviewed ...": their summit, not the call told since
                walk.current = named
                fired.add("meeting.role_reference")
        for trig in triggers:
            if _event_of_another(trig, statuses):
                fired.add("meeting.event_of_another")
                continue  # "held bilateral meetings with A, B and C during the ADMM-Plus meeting": the event
            found = participants_of(ctx, walk.disc, trig, walk.current, si, triggers)
            status = statuses[trig.i]
            if status.rule == "status.held.default":
                status = _planned_told_before(ctx, walk.result, trig, si, found) or status
            fired.add(status.rule)
            if status.label == "negated":
                continue
            finding = TriggerFinding(trig, si, found, status)
            for handle in TRIGGER_HANDLERS:
                if handle(walk, finding):
                    break
        current = walk.current
        if not walk.found_new and current is not None and (walk.referenced or refers(ctx, sent, current)):
            if si not in current.sentences:
                current.sentences.append(si)
        track_actor(ctx, walk.disc, sent)
        track_delegation(ctx, walk.disc, sent)
    return _close(ctx, walk.result)


def _event_of_another(trig: Token, statuses: dict[int, Status]) -> bool:
    """ "Singh held bilateral meetings with A, B and C during the ADMM-Plus Meeting in Vientiane": a meeting
    noun after "during", "at" or "on the sidelines of" that frames a meeting verb of the same sentence is
    the event where those meetings were held, not one more meeting of the same people. `statuses`: the
    sentence's triggers' statuses by token (the framed verb must be one, and held)."""
    if trig.pos_ not in ("NOUN", "PROPN") or trig.dep_ != "pobj":
        return False
    prep = trig.head
    if prep.lower_ == "of" and prep.head.lower_ in ("sidelines", "margins", "margin", "sideline"):
        prep = prep.head.head
    if prep.lower_ not in ("during", "at", "on") or prep.dep_ != "prep":
        return False
    verb = prep.head
    if any(c.lower_ in ("with", "between") for c in trig.children) or verb.lemma_.lower() not in _FRAMED_VERBS:
        return False  # "signed an MoU during a meeting between Khaleel and Lazaro": that meeting itself
    # (not "received the message from the ambassador during a meeting in Muscat": a thing received is no meeting)
    return verb.pos_ == "VERB" and verb.i != trig.i and verb.i in statuses and statuses[verb.i].label == "held"


#: Meeting verbs whose meetings an event frames ("held bilateral meetings ... during the summit").
_FRAMED_VERBS = frozenset({"hold", "meet", "talk", "receive", "host", "confer", "have", "sit"})


def _tells_only_plans(statuses: dict[int, Status]) -> bool:
    """Whether a sentence has meeting words and every one of them tells a plan or a meeting not held
    (`statuses`: its triggers' statuses by token)."""
    return bool(statuses) and all(st.label != "held" for st in statuses.values())


def _planned_told_before(ctx: MeetingContext, result: SearchResult, trig: Token, si: int,
                         found: Participants) -> Status | None:
    """ "Niinisto will travel to Oslo to attend a meeting of Nordic leaders. The theme of the meeting between
    Niinisto, Store and Kristersson is ...": "the meeting" told again after a planned one, in a sentence
    that tells nothing in the past and with no held meeting told since, is that plan."""
    if trig.pos_ not in ("NOUN", "PROPN") or not any(c.dep_ == "det" and c.lower_ == "the" for c in trig.children):
        return None
    if any(t.tag_ in ("VBD", "VBN") and t.pos_ in ("VERB", "AUX") for t in ctx.sents[si]):
        return None
    last_held = max((max(m.sentences) for m in result.held), default=-1)
    people = set(found.people)
    for m in result.planned:
        told = max(m.sentences)
        if last_held < told and si - 2 <= told < si and people & set(m.participants):
            return Status("planned", "status.planned.told_before")
    return None


@dataclass(frozen=True)
class TriggerFinding:
    """One trigger of sentence `si`, its participants and its status (not negated)."""

    trig: Token
    si: int
    found: Participants
    status: Status

    @property
    def planned(self) -> bool:
        """Whether the status says planned."""
        return self.status.label == "planned"


@dataclass
class _Walk:
    """What the walk carries from trigger to trigger: the meeting the story tells, and this sentence's flags."""

    ctx: MeetingContext
    disc: Discourse
    result: SearchResult
    current: Meeting | None = None
    found_new: bool = False  # the sentence told a meeting of its own
    referenced: bool = False  # the sentence told the current meeting again
    told_elsewhen: bool = False  # the sentence told a meeting at another time
    unclaimed: int | None = None  # a sentence that told a held meeting naming one or nobody ("a summit was held in X")
    unclaimed_people: frozenset = frozenset()  # the one it named ("Abiy today held bilateral discussions ... in X")


def _joins_current(w: _Walk, f: TriggerFinding) -> bool:
    """ "They were joined by Kaja Kallas": one more at the current meeting's table."""
    current, trig, people = w.current, f.trig, f.found.people
    if not (current is not None and f.status.label == "held" and trig.lemma_.lower() == "join" and (
            set(current.participants) < set(people) or joins_current(w.ctx, trig) and people)):
        return False
    if _after_the_meeting(w.ctx, trig) and len(current.participants) >= 2:
        # "After the 20-minute meeting, they were joined by Y": a second meeting, the first one kept as it was
        current = replace(deepcopy(current), sentences=[f.si], trigger_sentences=[f.si], told_in=[], topics=[])
        current.add_rule("meeting.joined_after")
        w.result.held.append(current)
        w.current = current
    for p in people:
        if p not in current.participants:
            current.participants.append(p)
            current.participant_evidence[p] = f.found.evidence.get(p, (0, 0))
            current.participant_rules[p] = "participant.joined"
    current.add_rule("meeting.joined")
    w.result.fired.add(w.ctx.trigger_rule_id(trig))
    w.referenced = True
    enrich(w.ctx, current, trig, f.si)
    return True


def _after_the_meeting(ctx: MeetingContext, trig: Token) -> bool:
    """ "After the meeting, they were joined by Y", "Following their talks, ... were joined by": the joining came
    once the meeting told was over."""
    return any(t.lower_ in ("after", "following") and any(
        g.dep_ == "pobj" and (g.lower_ in ctx.meeting_words or g.lower_ in WORDS.plural_meeting_nouns)
        and any(d.lower_ in ("the", "their", "this", "that") for d in g.children) for g in t.children)
        for t in ctx.sent(trig))


def _names_its_people(ctx: MeetingContext, trig) -> bool:
    """A meeting noun whose people the sentence points to: "their previous conversation", "the two foreign
    ministers" (an earlier meeting of no one named is no meeting: "The previous meeting took place in May")."""
    if any(c.dep_ == "poss" for c in trig.children):
        return True
    low = " " + trig.sent.text.lower() + " "
    return any(f" {r} " in low for r in ctx.lex["reference_subjects"])


def _tells_current_again(w: _Walk, f: TriggerFinding) -> bool:
    """ "the talks", "the two leaders discussed": the current meeting again, or, "had last met in
    January", the same people's meeting at another time."""
    ctx, current, trig, si, found = w.ctx, w.current, f.trig, f.si, f.found
    if not (found.refers_back and current is not None and f.status.label == "held"):
        return False
    if elsewhen(ctx, trig, si, found.clause):
        if len(set(found.people)) < 2 and trig.pos_ in ("NOUN", "PROPN") and not _names_its_people(ctx, trig):
            w.told_elsewhen = True  # "The previous meeting took place virtually last September": no one named
            return True
        people = found.people if len(set(found.people)) >= 2 else list(current.participants)
        clause = split_again(ctx, trig, people, found.evidence, si, found.clause, w.result.held, found.rules)
        earlier = make_meeting(ctx, trig, people, found.evidence, si, clause, planned=False,
                               participant_rules=found.rules, status_rule=f.status.rule)
        earlier.elsewhen = True
        earlier.add_rule("meeting.elsewhen.same_people")
        if earlier.date == current.date:
            earlier.date = None
        merge_into(w.result.held, earlier)
        w.found_new = True  # the sentence is about that meeting, not the current one
        w.told_elsewhen = True
        return True
    if w.told_elsewhen:
        return True  # "first met on the sidelines of the G7 summit in Kananaskis": not today's
    w.referenced = True
    enrich(ctx, current, trig, si)
    return True


def _welcome_opens_current(w: _Walk, f: TriggerFinding) -> bool:
    """ "At the beginning, Minister Kishida welcomed Minister Yun to Japan": two of the current
    meeting's people greeting each other open that meeting; no meeting of its own."""
    current = w.current
    if current is None or f.status.label != "held" or f.trig.lemma_.lower() not in WORDS.greeting_verbs:
        return False
    people = set(f.found.people)
    if len(people) < 2 or not people <= set(current.participants) or \
            elsewhen(w.ctx, f.trig, f.si, f.found.clause):
        return False
    w.referenced = True
    enrich(w.ctx, current, f.trig, f.si)
    current.add_rule("meeting.welcome_opens")
    return True


def _named_afterwards(w: _Walk, f: TriggerFinding) -> bool:
    """ "... tore into Zelenskyy in the Oval Office on Friday. The meeting ...": the story's first
    meeting, told without a meeting word."""
    if not (f.found.refers_back and w.current is None and f.status.label == "held" and len(set(f.found.people)) < 2):
        return False
    told = told_before(w.ctx, f.trig, f.si)
    if told is not None:
        told.trigger_rules.append(w.ctx.trigger_rule_id(f.trig))
        w.result.held.append(told)
        w.current = told
        w.found_new = True
    else:
        _note_unclaimed(w, f)
    return True


def _during_the_told_meeting(w: _Walk, f: TriggerFinding) -> bool:
    """A meeting "during" which someone did something, told just before with only its host named
    (``_during_unclaimed``)."""
    if w.current is not None or f.status.label != "held":
        return False
    told = _during_unclaimed(w, f)
    if told is None:
        return False
    told.add_rule("meeting.during_told")
    w.result.held.append(told)
    w.current = told
    w.found_new = True
    return True


def _during_unclaimed(w: _Walk, f: TriggerFinding) -> Meeting | None:
    """ "Ruto held a meeting with a delegation from Germany ... Ruto said that former German President
    Christian Wulff during the meeting presented ...": the official who did something "during the meeting"
    sat at the table of the meeting told just before with only its host named."""
    ctx, trig = w.ctx, f.trig
    if w.unclaimed is None or not 0 < f.si - w.unclaimed <= 2 or len(w.unclaimed_people) != 1 or \
            trig.dep_ != "pobj" or trig.head.lower_ not in ("during", "at") or \
            [c.lower_ for c in trig.children] not in (["the"], ["this"]):
        return None
    verb = trig.head.head
    if verb.i in ctx.mention_of and verb.dep_ == "nsubj":  # "Wulff during the meeting presented": hung on the name
        verb = verb.head
    doers = [p for c in verb.children if c.dep_ == "nsubj" for t in c.subtree
             if (p := ctx.mention_of.get(t.i)) is not None and t.i not in ctx.quoted and t.i != trig.head.i]
    if len(set(doers)) != 1 or doers[0] in w.unclaimed_people:
        return None
    lead = next(iter(triggers_in(ctx, ctx.sents[w.unclaimed])), None)
    if lead is None:
        return None
    host = next(iter(w.unclaimed_people))
    people = [host, doers[0]]
    evidence = {host: ctx.mention_span(host, ctx.first_token(host, ctx.sents[w.unclaimed])),
                doers[0]: ctx.mention_span(doers[0], ctx.first_token(doers[0], ctx.sents[f.si]))}
    m = make_meeting(ctx, lead, people, evidence, w.unclaimed, planned=False,
                     participant_rules={doers[0]: "participant.during_meeting"})
    m.sentences.append(f.si)
    w.unclaimed = None
    return m


def _guests_of_unclaimed(w: _Walk, si: int) -> bool:
    """ "A trade meeting of Ghana and Togo was held by video on Monday. Representing Ghana was its trade
    minister X, and Togo was represented by Y": the officials an attendance sentence lists (with no meeting
    word of its own) sat at the meeting told just before with one or nobody named. Makes it current."""
    ctx = w.ctx
    if w.unclaimed is None or not 0 < si - w.unclaimed <= 2 or triggers_in(ctx, ctx.sents[si]):
        return False
    listing = _they_are(ctx, si) and _names_a_group(ctx, w.unclaimed)
    if not listing and not any(t.i not in ctx.quoted and attendance_cue(ctx, t, None) == "participant.present"
                               for t in ctx.sents[si]):
        return False
    listed, lines = ctx.listed_after(si)
    named = ctx.sentence_officials(si)
    named += [p for p in listed if p not in named]
    people = sorted(w.unclaimed_people) + [p for p in named if p not in w.unclaimed_people]
    # the first of the sentences that told it with nobody new ("A meeting was held by video ... The meeting
    # was to ..."): its own sentence, whose words say how it was held
    told = min(k for k in range(max(0, w.unclaimed - 2), w.unclaimed + 1)
               if k == w.unclaimed or triggers_in(ctx, ctx.sents[k]) and
               set(ctx.sentence_officials(k)) <= w.unclaimed_people and not w.result.held_in(k))
    lead = next(iter(triggers_in(ctx, ctx.sents[told])), None)
    if len(people) < 2 or not named or lead is None:
        return False
    evidence, rules = {}, {}
    for p in people:
        where = next((k for k in [told, w.unclaimed, si, *lines] if ctx.first_token(p, ctx.sents[k]) < 10**9), si)
        evidence[p] = ctx.mention_span(p, ctx.first_token(p, ctx.sents[where]))
        rules[p] = "participant.previous_sentence" if p in w.unclaimed_people else \
            "participant.listed_after" if listing else "participant.present"
    meeting = make_meeting(ctx, lead, people, evidence, told, planned=False, participant_rules=rules)
    meeting.sentences.extend(k for k in [si, *lines] if k not in meeting.sentences)
    meeting.add_rule("meeting.told_before_guests")
    w.current = merge_into(w.result.held, meeting)
    w.unclaimed = None
    return True


#: Openings of a sentence that lists whom a group word just before stood for ("They are the Ambassador of X, A; ...").
_LIST_OPENINGS = ("they are", "they were", "these are", "these were", "they include", "they included",
                  "they comprise", "they comprised")


def _they_are(ctx: MeetingContext, si: int) -> bool:
    """Whether sentence `si` opens by listing whom "they" were ("They are the Ambassador of South Korea, ...")."""
    words = " ".join(t.lower_ for t in ctx.sents[si] if not t.is_space)
    return words.startswith(_LIST_OPENINGS)


def _names_a_group(ctx: MeetingContext, si: int) -> bool:
    """Whether sentence `si` names a group of officials with no names ("from ambassadors and high commissioners
    accredited to Ghana from six countries", "received four envoys")."""
    return any(t.lower_ in WORDS.listed_groups for t in ctx.sents[si])


def _note_unclaimed(w: _Walk, f: TriggerFinding) -> None:
    """ "The second Consultative meeting ... was held in Tashkent.": a held meeting naming nobody, whose
    guests a next sentence may list; "Abiy today held bilateral discussions with leaders of East African
    countries in Djibouti.": one naming only its subject, whose counterparts a next sentence names."""
    people = set(f.found.people)
    if len(people) <= 1 and f.status.label == "held" and (people or f.trig.pos_ in ("NOUN", "PROPN")) and \
            not elsewhen(w.ctx, f.trig, f.si, f.found.clause):
        w.unclaimed, w.unclaimed_people = f.si, frozenset(people)


def _claim_unclaimed(w: _Walk, f: TriggerFinding, meeting: Meeting) -> None:
    """The first meeting told right after a sentence that told it without its people takes that
    sentence's date and place (meeting.told_before_guests, meeting.lead_told)."""
    if w.unclaimed is None or not 0 < f.si - w.unclaimed <= 2 or meeting.planned or meeting.elsewhen or \
            w.current is not None:
        return
    if not w.unclaimed_people <= set(meeting.participants):
        trig = f.trig
        if not (trig.pos_ == "NOUN" and any(c.lower_ == "the" for c in trig.children) and len(w.unclaimed_people) == 1
                and f.si - w.unclaimed == 1 and trig.head.lower_ in ("in", "at") and
                trig.head.head.lemma_.lower() in ("participate", "attend", "take", "join", "present")):
            return
        # "... held the Joint Ministerial Meeting, chaired by X. Participating in the meeting were A, B, C": the
        # chair named with the meeting sat at it
        for p in sorted(w.unclaimed_people):
            meeting.participants.insert(0, p)
            meeting.participant_evidence[p] = w.ctx.mention_span(p, w.ctx.first_token(p, w.ctx.sents[w.unclaimed]))
            meeting.participant_rules[p] = "participant.previous_sentence"
    if w.unclaimed_people:
        rule = "meeting.lead_told"
    elif f.found.refers_back is False and f.trig.pos_ in ("NOUN", "PROPN"):
        rule = "meeting.told_before_guests"  # "The summit was attended by: ..." tells that one's guests
    else:
        return
    enrich(w.ctx, meeting, f.trig, w.unclaimed)
    meeting.add_rule(rule)


def _copular_with(w: _Walk, f: TriggerFinding) -> bool:
    """ "Another meeting was with Chilean President Gabriel Boric": a meeting noun whose "to be ... with X"
    names one official is the story's protagonist's meeting with X (the one who last acted, when named in
    the opening lines)."""
    ctx, trig, people, actor = w.ctx, f.trig, set(f.found.people), w.disc.actor
    if f.status.label != "held" or len(people) != 1 or actor is None or actor in people or \
            trig.pos_ not in ("NOUN", "PROPN"):
        return False
    root = ctx.sent(trig).root
    if root.lemma_ != "be" or not any(t.i == trig.i for c in root.children if c.dep_ == "nsubj" for t in c.subtree):
        return False
    withs = [c for c in root.children if c.lower_ == "with"]
    if not withs or not any(ctx.mention_of.get(t.i) in people for c in withs for t in c.subtree):
        return False
    first = min((t for t, p in ctx.mention_of.items() if p == actor), default=None)
    if first is None or first >= ctx.sents[min(2, len(ctx.sents) - 1)].end:
        return False  # the protagonist is named in the opening lines
    other = next(iter(people))
    evidence = dict(f.found.evidence)
    evidence.setdefault(actor, ctx.mention_span(actor, first))
    meeting = make_meeting(ctx, trig, [actor, other], evidence, f.si, f.found.clause, planned=False,
                           participant_rules={**f.found.rules, actor: "participant.protagonist"},
                           status_rule=f.status.rule)
    meeting.add_rule("meeting.copular_with")
    merge_into(w.result.held, meeting)
    w.found_new = True
    return True


def _too_few(w: _Walk, f: TriggerFinding) -> bool:
    """Fewer than two officials: no meeting."""
    if len(set(f.found.people)) < 2:
        _note_unclaimed(w, f)
        return True
    return False


def _no_subject(w: _Walk, f: TriggerFinding) -> bool:
    """ "Statement by Rutte after speaking with Netanyahu and Abbas": not a call between those two."""
    if objects_only(w.ctx, f.trig, f.found.people):
        w.result.fired.add("meeting.no_subject")
        return True
    return False


def _separate_meetings(w: _Walk, f: TriggerFinding) -> bool:
    """ "held separate talks with Xi and with Putin": one meeting each."""
    ctx, found = w.ctx, f.found
    groups, why = separately(ctx, f.trig, found.people)
    if len(groups) <= 1:
        return False
    for group in groups:
        one = make_meeting(ctx, f.trig, group, {p: found.evidence.get(p, (0, 0)) for p in group}, f.si, found.clause,
                           planned=f.planned, participant_rules=found.rules, status_rule=f.status.rule)
        one.elsewhen = not one.planned and elsewhen(ctx, f.trig, f.si, found.clause)
        one.add_rule(why)
        if why == "meeting.separate_places":  # "to Georgetown and Caracas for talks with Ali and Maduro"
            home = ctx.officials[group[-1]].country
            for sp in ctx.spans_in(ctx.places, ctx.sents[f.si]):
                city, _, country = sp.label_.partition("|")
                if city and country == home:
                    one.location, one.place_rule = {"city": city, "country": country}, "place.trigger_sentence"
                    break
        _claim_unclaimed(w, f, merge_into(w.result.planned if one.planned else w.result.held, one))
    return True


def _new_meeting(w: _Walk, f: TriggerFinding) -> bool:
    """A meeting of its own (merged with one it repeats); held at the report's time, it is the story's now."""
    ctx, trig, si, found = w.ctx, f.trig, f.si, f.found
    clause = found.clause
    if f.status.label == "held":
        clause = split_again(ctx, trig, found.people, found.evidence, si, clause, w.result.held, found.rules)
    meeting = make_meeting(ctx, trig, found.people, found.evidence, si, clause, planned=f.planned,
                           participant_rules=found.rules, status_rule=f.status.rule)
    meeting.elsewhen = not meeting.planned and elsewhen(ctx, trig, si, clause)
    if meeting.elsewhen:
        meeting.add_rule("meeting.elsewhen.other_time")
    if meeting.elsewhen and meeting.date is not None and not date_in_clause(ctx, si, clause):
        meeting.date, meeting.date_rule = None, None  # another time: the sentence's "on Friday" is today's
    merged = merge_into(w.result.planned if meeting.planned else w.result.held, meeting)
    _claim_unclaimed(w, f, merged)
    if not meeting.planned and not merged.elsewhen:
        w.current = merged  # an aside about another time does not change whose story this is
        w.found_new = True
    return True


#: What a trigger can be, asked in order; the first handler that returns True takes it.
TRIGGER_HANDLERS: tuple[Callable[[_Walk, TriggerFinding], bool], ...] = (
    _joins_current, _tells_current_again, _welcome_opens_current, _during_the_told_meeting, _named_afterwards,
    _copular_with, _too_few,
    _no_subject,
    _separate_meetings, _new_meeting)


def _close(ctx: MeetingContext, result: SearchResult) -> SearchResult:
    """After the last sentence: a transcript's speakers, no headline summaries or domestic meetings,
    and every meeting finished."""
    held, planned, fired = result.held, result.planned, result.fired
    transcript = transcript_meeting(ctx)
    if transcript is not None:
        transcript.add_rule("meeting.transcript_speakers")
        transcript.participant_rules = {p: "participant.transcript_speaker" for p in transcript.participants}
        merge_into(held, transcript)
    held = without_headline_summaries(held)
    held, dropped = without_list_summaries(held, lambda m: any(
        ctx.words(si) & ctx.lex["multilateral_words"] for si in m.trigger_sentences))
    if dropped:
        fired.add("meeting.list_summary")
    domestic = [m for m in held if is_domestic(ctx, m)]
    for m in domestic:  # "the Foreign Affairs Adviser held a meeting with the ambassador" (their own): not diplomacy
        fired.add("meeting.domestic")
    held = [m for m in held if m not in domestic]
    held = [part for m in held for part in _separate_audiences(ctx, m)]
    result.held = held
    elsewhen_sentences = {si for o in held if o.elsewhen for si in o.trigger_sentences}
    for m in held + planned:
        others = {si for o in held + planned if o is not m for si in o.trigger_sentences}
        finish(ctx, m, others=others, elsewhen_sentences=elsewhen_sentences)
    _same_visit_places(ctx, held)
    _visited_places(ctx, held)
    _only_city_of_country(ctx, held)
    _host_side_countries(ctx, held)
    _same_story_dates(ctx, held)
    for m in held + planned:
        fired.update(m.rules)
        fired.update(m.participant_rules.values())
    return result


def _separate_audiences(ctx: MeetingContext, m: Meeting) -> list[Meeting]:
    """ "The Ambassadors of Japan and Tunisia were received in audience by the Minister ... There were the
    Japanese Ambassador, A, and the Tunisian Ambassador, B": one host who received two or more envoys, each
    of a different known country and none of the host's, with no ceremony or group words in the meeting's
    sentences, received them one by one (meeting.separate_audiences). Else [m]."""
    from .titles import known_kind

    if m.trigger_lemma not in ("receive", "audience") or m.kind != "in_person" or len(m.participants) < 3:
        return [m]

    def envoy(p: int) -> bool:
        return known_kind(ctx.officials[p].title) == "diplomat"

    envoys = [p for p in m.participants if envoy(p)]
    hosts = [p for p in m.participants if p not in envoys]
    countries = [ctx.officials[p].country for p in envoys]
    if len(hosts) != 1 or len(envoys) < 2 or None in countries or len(set(countries)) != len(countries) or \
            ctx.officials[hosts[0]].country in countries:
        return [m]
    words = set().union(*(ctx.words(si) for si in m.trigger_sentences))
    told = range(min(m.sentences), min(max(m.sentences) + 2, len(ctx.sents)))  # and the sentence after them
    one_by_one = set().union(*(ctx.words(si) for si in told)) & WORDS.one_by_one_words
    if not one_by_one and words & (ctx.lex["multilateral_words"] | WORDS.credential_nouns | {
            "ceremony", "delegation", "delegations", "together", "jointly", "group"}):
        return [m]  # "accepted the credentials of seven ambassadors at a ceremony": one event
    # (but "Each of them was received ... to present his or her credentials": one audience each)
    parts = []
    for e in envoys:
        part = deepcopy(m)
        part.participants = hosts + [e]
        part.participant_evidence = {p: v for p, v in m.participant_evidence.items() if p in part.participants}
        part.participant_rules = {p: v for p, v in m.participant_rules.items() if p in part.participants}
        part.add_rule("meeting.separate_audiences")
        parts.append(part)
    return parts


#: Words of a journey whose "to", "in" or object names the city someone went to.
_VISIT_WORDS = frozenset({"visit", "arrive", "travel"})


def _visited_places(ctx: MeetingContext, held: list[Meeting]) -> None:
    """ "Foreign Minister X visited Brussels to attend the NATO meeting ... X met Y.", "X's visit to New Delhi began
    on Sunday": a meeting in person with no place, of someone the report says visited one city (and no other),
    was held there (place.visited). Not a meeting of another time."""
    visited: dict[int, set[tuple[str, str | None]]] = {}
    for sent in ctx.sents:
        for tok in sent:
            if tok.lemma_.lower() not in _VISIT_WORDS or tok.i in ctx.quoted:
                continue
            who = {ctx.mention_of[t.i] for c in tok.children if c.dep_ in ("nsubj", "poss", "nsubjpass")
                   for t in c.subtree if t.i in ctx.mention_of}
            if tok.dep_ == "acl" and tok.head.i in ctx.mention_of:  # "X, visiting Dhaka, paid a courtesy call"
                who.add(ctx.mention_of[tok.head.i])
            if not who:
                continue
            where = {t.i for c in tok.children if c.dep_ in ("dobj", "prep") and (c.dep_ == "dobj" or c.lower_ in (
                "to", "in")) for t in c.subtree}
            cities = {(city, country or None) for sp in ctx.places if sp.start in where
                      for city, _, country in [sp.label_.partition("|")] if city}
            for p in who:
                visited.setdefault(p, set()).update(cities)
    for m in held:
        if m.location is not None or m.kind != "in_person" or m.elsewhen:
            continue
        cities = set().union(*(visited.get(p, set()) for p in m.participants))
        if len(cities) == 1:
            city, country = next(iter(cities))
            m.location, m.place_rule = {"city": city, "country": country}, "place.visited"


def _only_city_of_country(ctx: MeetingContext, held: list[Meeting]) -> None:
    """ "held talks in Vietnam" in a report whose one Vietnamese city named anywhere ("arrived in Hanoi") is Hanoi:
    the meeting was held there (place.only_city). Only for a place told as a country alone, and only when the
    report names exactly one city of that country."""
    named = {(city, country or None) for sp in ctx.places for city, _, country in [sp.label_.partition("|")] if city}
    for m in held:
        loc = m.location
        if m.elsewhen or loc is None or loc.get("city") or not loc.get("country"):
            continue
        cities = {city for city, country in named if country == loc["country"]}
        if len(cities) == 1:
            m.location, m.place_rule = {"city": next(iter(cities)), "country": loc["country"]}, "place.only_city"


def _host_side_countries(ctx: MeetingContext, held: list[Meeting]) -> None:
    """ "Motegi met Prime Minister Marape ... Also present were Petroleum Minister X and Commerce Minister Y" in Port
    Moresby: a minister of no known country who was present at a meeting held in the country of other participants
    is the host's (country.host_side); a visitor's people are the ones reports name by country. Not envoys (posted
    abroad), not calls, not the parties the meeting's own clause names (a visiting minister often has no country
    the text tells)."""
    from .titles import known_kind

    for m in held:
        host = (m.location or {}).get("country")
        if m.kind == "call" or m.elsewhen or not host or \
                not any(ctx.officials[p].country == host for p in m.participants):
            continue
        for p in m.participants:
            off = ctx.officials[p]
            if not off.country and known_kind(off.title) in ("minister", "foreign_minister", "head_of_government") and \
                    m.participant_rules.get(p) in ("participant.accompanied", "participant.present"):
                off.lend_country(host, "country.host_side")


#: Dates the text tells of a meeting itself (not the report's date).
_TOLD_DATE_RULES = frozenset({"date.trigger_sentence", "date.telling_sentence", "date.told_later", "date.same_day"})


def _same_story_dates(ctx: MeetingContext, held: list[Meeting]) -> None:
    """ "Scholz met Xi at the Great Hall of the People on Friday. ... Scholz also held talks with Premier Li": an
    undated meeting of someone whose other meeting the text dates to the report's own day took place that day
    (date.same_story); not a meeting of another time, nor in a report that names other days."""
    if ctx.anchor is None:
        return
    dated = [m for m in held if m.date == ctx.anchor and m.date_rule in _TOLD_DATE_RULES and not m.elsewhen]
    if not dated or ctx.names_other_days(date_of):
        return
    for m in held:
        if m.date is None and not m.elsewhen and not m.vague_time and \
                any(set(m.participants) & set(o.participants) for o in dated):
            m.date, m.date_rule = ctx.anchor, "date.same_story"


#: Where a meeting's place came from, when a next meeting of the same visit may take it.
_VISIT_PLACE_RULES = frozenset({"place.trigger_sentence", "place.story_sentence", "place.dateline",
                                "place.host_capital"})


def _same_visit_places(ctx: MeetingContext, held: list[Meeting]) -> None:
    """ "X called on Y in Kathmandu. ... X also met his counterpart Z.": a meeting in person with no place,
    told with "also" right after another meeting in person of one of its people, is on the same visit: that
    meeting's place (place.same_visit)."""
    ordered = sorted((m for m in held if m.trigger_sentences), key=lambda m: min(m.trigger_sentences))
    for before, m in zip(ordered, ordered[1:]):
        if m.location is not None or m.kind != "in_person" or m.elsewhen or before.elsewhen or \
                before.kind != "in_person" or not before.location or before.place_rule not in _VISIT_PLACE_RULES or \
                not set(m.participants) & set(before.participants):
            continue
        si = min(m.trigger_sentences)
        if si - max(before.trigger_sentences) > 3 or not any(t.lower_ == "also" for t in ctx.sents[si]):
            continue
        m.location, m.place_rule = dict(before.location), "place.same_visit"
