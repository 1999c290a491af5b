"""When two meetings found in one report are the same meeting, and headline summaries.

The meeting search (extract/meeting_search.py) finds a meeting for every trigger; these rules fold
the ones that tell the same meeting again (the headline's brief account, a later reference)
into one, and keep apart those that differ in people, day, kind or, for earlier meetings, city.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .meeting_words import WORDS

if TYPE_CHECKING:
    from .meeting_types import Meeting

__all__ = ["merge_into", "without_headline_summaries", "without_list_summaries"]


def without_headline_summaries(held: list[Meeting]) -> list[Meeting]:
    """Drop a headline's list of people when the body tells their meetings one by one.

    "Modi holds talks with Macron, Sunak, Zelensky and Kishida" over four bilateral meetings in
    the body is a summary of those, not a fifth meeting of all five.
    """
    out = []
    for m in held:
        if m.trigger_sentences == [0] and len(m.participants) >= 3:
            parts = [o for o in held if o is not m and 0 not in o.trigger_sentences
                     and set(o.participants) < set(m.participants) and len(o.participants) >= 2]
            covered = set().union(*(set(o.participants) for o in parts)) if parts else set()
            if len(parts) >= 2 and covered == set(m.participants):
                continue
        out.append(m)
    return out


def without_list_summaries(held: list[Meeting], multilateral_words: Callable[[Meeting], bool]) -> tuple[list[Meeting], bool]:
    """Drop a list of one official's counterparts read as one multilateral meeting when the report
    tells each of them as a two-party meeting of that official.

    "Kenney met on the sidelines with Carter, as well as France's Le Drian" followed by "Kenney and
    Carter held their first bilateral meeting ..." and "During his bilateral meeting with Le Drian
    ...": two bilateral meetings, not a third one of all three. A meeting whose own sentence says
    summit, trilateral, plenary ... (`multilateral_words`) is kept. Returns the meetings and
    whether one was dropped.
    """
    out, dropped = [], False
    for m in held:
        if len(m.participants) >= 3 and not multilateral_words(m):
            people = set(m.participants)
            pairs = [set(o.participants) for o in held if o is not m and len(set(o.participants)) == 2
                     and set(o.participants) < people]
            hubs = set.intersection(*pairs) if len(pairs) >= 2 else set()
            if len(hubs) == 1 and set().union(*pairs) == people:
                dropped = True
                continue
        out.append(m)
    return out, dropped


def merge_into(meetings: list[Meeting], new: Meeting) -> Meeting:
    """Add `new` to `meetings`, or fold it into a meeting it repeats; return the one kept."""
    for old in meetings:
        shared = set(old.participants) & set(new.participants)
        # a subset is the same meeting only when one side is the headline's brief account of it
        # ("Xi receives Blinken" over the body's fuller story); "Macron then held bilateral talks with
        # Xi" after the three leaders met is a meeting of its own
        headline = old.headline or new.headline or 0 in old.trigger_sentences or 0 in new.trigger_sentences
        # the headline's account may be the smaller one ("Xi receives Blinken"), or a short list of one
        # meeting's people; a headline naming many ("Modi holds talks with Macron, Sunak, Zelensky and
        # Kishida") is not one meeting with each of them
        small, big = sorted((set(old.participants), set(new.participants)), key=len)
        small_one = old if set(old.participants) == small else new
        headline_small = small_one.headline or 0 in small_one.trigger_sentences
        same_people = set(old.participants) == set(new.participants) or (
            headline and len(shared) >= 2 and small <= big and (headline_small or len(big) <= 3))
        # a photo caption of the day's meeting names more of its people ("L-R; Onyeama, Wang Yi and Amaechi
        # during an Audience"): one shared person is enough when the caption tells no other day
        cap = new if new.caption else old if old.caption else None
        caption = cap is not None and bool(shared) and cap.date is None and not (old.elsewhen or new.elsewhen)
        same_people = same_people or caption
        same_sentence = bool(set(old.trigger_sentences) & set(new.trigger_sentences)) and \
            set(old.participants) == set(new.participants)
        # a call's date read from a later sentence that told it again ("date.told_later") is weaker than the one
        # its own sentence gives: the same two people's call told twice is one call
        weak_date = old.kind == new.kind == "call" and set(old.participants) == set(new.participants) and \
            "date.told_later" in (old.date_rule, new.date_rule)
        same_day = (old.date is None or new.date is None or old.date == new.date or weak_date) and (
            old.elsewhen == new.elsewhen or same_sentence)  # two words of one sentence tell one meeting
        cities = {(m.location or {}).get("city") for m in (old, new)} - {None}
        if len(cities) > 1 and old.elsewhen and new.elsewhen:
            same_day = False  # two earlier meetings of the same pair, in Vilnius and in New York
        # "spoke to X" with no place becomes a call only when the meeting is finished: it may be the same call
        # nor does "Readout of the Secretary's Meeting with X" over "had an introductory call with X"
        spoken = any(m.kind == "in_person" and not m.location and (
            m.trigger_lemma in WORDS.spoken_verbs or m.trigger_lemma in ("meeting", "talks", "discuss") and not m.date
            or "trigger.verb.joint_action" in m.trigger_rules)  # "A and B agreed ...": in person or on the phone
                     for m in (old, new))
        # a headline's "meets with" over the body's "had a telephone conversation with": the body tells the kind
        headline_kind = set(old.participants) == set(new.participants) and any(
            min(m.trigger_sentences, default=99) <= 1 and m.kind == "in_person" and not m.location for m in (old, new))
        if same_people and same_day and (old.kind == new.kind or "call" not in (old.kind, new.kind) or spoken
                                         or headline_kind):
            if "call" in (old.kind, new.kind) and old.kind != "call":
                old.kind, old.kind_rule, old.location = "call", new.kind_rule, None
            for p in new.participants:
                if p not in old.participants:
                    old.participants.append(p)
                    old.participant_evidence[p] = new.participant_evidence.get(p, (0, 0))
                    old.participant_rules[p] = new.participant_rules.get(p, "participant.clause")
            old.trigger_rules.extend(r for r in new.trigger_rules if r not in old.trigger_rules)
            if caption and set(new.participants) ^ set(old.participants):
                old.add_rule("meeting.caption_same")
            old.caption = old.caption and new.caption
            for r in new.structure_rules:
                old.add_rule(r)
            for si in new.sentences:
                if si not in old.sentences:
                    old.sentences.append(si)
            old.told_in.extend(si for si in new.sentences if si not in old.told_in)
            old.trigger_sentences.extend(s for s in new.trigger_sentences if s not in old.trigger_sentences)
            if new.date is not None and (old.date is None or old.date_rule == "date.told_later" != new.date_rule):
                old.date, old.date_rule = new.date, new.date_rule
            if not old.location or not old.location.get("city") and new.location and new.location.get("city") \
                    and new.location.get("country") == old.location.get("country"):
                if new.location:
                    old.place_rule = new.place_rule
                old.location = new.location or old.location  # "in Laos" (headline), then "in Vientiane"
            old.multilateral_hint = old.multilateral_hint or new.multilateral_hint
            old.elsewhen = old.elsewhen and new.elsewhen
            return old
    meetings.append(new)
    return new
