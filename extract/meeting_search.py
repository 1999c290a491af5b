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

from dataclasses import dataclass, field

from .meeting_assembly import enrich, finish, is_domestic, make_meeting, transcript_meeting
from .meeting_context import MeetingContext
from .meeting_discourse import Discourse, refers, told_before, track_actor, track_delegation
from .meeting_merge import merge_into, without_headline_summaries
from .meeting_participants import attendance, objects_only, participants_of
from .meeting_split import separately, split_again
from .meeting_status import status_of
from .meeting_triggers import joins_current, triggers_in
from .meeting_types import Meeting
from .meeting_when_where import date_in_clause, elsewhen

__all__ = ["SearchResult", "search"]


@dataclass
class SearchResult:
    """The meetings of one document, and every rule that decided something (kept or dropped)."""

    held: list[Meeting] = field(default_factory=list)
    planned: list[Meeting] = field(default_factory=list)
    fired: set[str] = field(default_factory=set)


def search(ctx: MeetingContext) -> SearchResult:
    """Find the held and planned meetings of the document `ctx` describes."""
    result = SearchResult()
    held, planned, fired = result.held, result.planned, result.fired
    disc = Discourse.start(ctx)
    current: Meeting | None = None
    for si, sent in enumerate(ctx.sents):
        if current is not None:
            rule = attendance(ctx, sent, current)
            if rule is not None:
                fired.add(rule)
                continue  # "X and Y were also present at the meeting", "Putin was accompanied by A, B and C"
        triggers = triggers_in(ctx, sent)
        found_new = False
        referenced = False
        told_elsewhen = False
        for trig in triggers:
            found = participants_of(ctx, disc, trig, current, si, triggers)
            people, evidence, is_reference, clause = found.people, found.evidence, found.refers_back, found.clause
            verdict = status_of(ctx, trig)
            status, status_rule = verdict.label, verdict.rule
            fired.add(status_rule)
            if status == "negated":
                continue
            if current is not None and status == "held" and trig.lemma_.lower() == "join" and (
                    set(current.participants) < set(people) or joins_current(ctx, trig) and people):
                for p in people:  # "They were joined by Kaja Kallas": one more at the same table
                    if p not in current.participants:
                        current.participants.append(p)
                        current.participant_evidence[p] = evidence.get(p, (0, 0))
                        current.participant_rules[p] = "participant.joined"
                current.add_rule("meeting.joined")
                fired.add(ctx.trigger_rule_id(trig))
                referenced = True
                enrich(ctx, current, trig, si)
                continue
            if is_reference and current is not None and status == "held":
                if elsewhen(ctx, trig, si, clause):
                    # "The two leaders had last met in January": the same people, another meeting
                    if len(set(people)) < 2:
                        people = list(current.participants)
                    clause = split_again(ctx, trig, people, evidence, si, clause, held, found.rules)
                    earlier = make_meeting(ctx, trig, people, evidence, si, clause, planned=False,
                                           participant_rules=found.rules, status_rule=status_rule)
                    earlier.elsewhen = True
                    earlier.add_rule("meeting.elsewhen.same_people")
                    if earlier.date == current.date:
                        earlier.date = None
                    merge_into(held, earlier)
                    found_new = True  # the sentence is about that meeting, not the current one
                    told_elsewhen = True
                    continue
                if told_elsewhen:
                    continue  # "first met on the sidelines of the G7 summit in Kananaskis": not today's
                referenced = True
                enrich(ctx, current, trig, si)
                continue
            if is_reference and current is None and status == "held" and len(set(people)) < 2:
                told = told_before(ctx, trig, si)
                if told is not None:  # "... tore into Zelenskyy in the Oval Office on Friday. The meeting ..."
                    told.trigger_rules.append(ctx.trigger_rule_id(trig))
                    held.append(told)
                    current = told
                    found_new = True
                continue
            if len(set(people)) < 2:
                continue
            if objects_only(ctx, trig, people):
                fired.add("meeting.no_subject")
                continue  # "Statement by Rutte after speaking with Netanyahu and Abbas": not a call between those two
            groups, why = separately(ctx, trig, people)
            if len(groups) > 1:  # "held separate talks with Xi and with Putin": one meeting each
                for group in groups:
                    one = make_meeting(ctx, trig, group, {p: evidence.get(p, (0, 0)) for p in group}, si, clause,
                                       planned=(status == "planned"), participant_rules=found.rules,
                                       status_rule=status_rule)
                    one.elsewhen = not one.planned and elsewhen(ctx, trig, si, clause)
                    one.add_rule(why)
                    merge_into(planned if one.planned else held, one)
                continue
            if status == "held":
                clause = split_again(ctx, trig, people, evidence, si, clause, held, found.rules)
            meeting = make_meeting(ctx, trig, people, evidence, si, clause, planned=(status == "planned"),
                                   participant_rules=found.rules, status_rule=status_rule)
            meeting.elsewhen = not meeting.planned and elsewhen(ctx, trig, si, clause)
            if meeting.elsewhen:
                meeting.add_rule("meeting.elsewhen.other_time")
            if meeting.elsewhen and meeting.date is not None and not date_in_clause(ctx, si, clause):
                meeting.date, meeting.date_rule = None, None  # another time: the sentence's "on Friday" is today's
            target = planned if meeting.planned else held
            merged = merge_into(target, meeting)
            if not meeting.planned and not merged.elsewhen:
                current = merged  # an aside about another time does not change whose story this is
                found_new = True
        if not found_new and current is not None and (referenced or refers(ctx, sent, current)):
            if si not in current.sentences:
                current.sentences.append(si)
        track_actor(ctx, disc, sent)
        track_delegation(ctx, disc, sent)
    transcript = transcript_meeting(ctx)
    if transcript is not None:
        transcript.add_rule("meeting.transcript_speakers")
        transcript.participant_rules = {p: "participant.transcript_speaker" for p in transcript.participants}
        merge_into(held, transcript)
    held = without_headline_summaries(held)
    domestic = [m for m in held if is_domestic(ctx, m)]
    for m in domestic:  # "the Foreign Affairs Adviser held a meeting with the ambassador" (their own): not diplomacy
        fired.add("meeting.domestic")
    held = [m for m in held if m not in domestic]
    result.held = held
    elsewhen_sentences = {si for o in held if o.elsewhen for si in o.trigger_sentences}
    for m in held + planned:
        others = {si for o in held + planned if o is not m for si in o.trigger_sentences}
        finish(ctx, m, others=others, elsewhen_sentences=elsewhen_sentences)
        fired.update(m.rules)
        fired.update(m.participant_rules.values())
    return result
