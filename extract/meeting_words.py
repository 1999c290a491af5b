"""The meeting search's word lists, typed: one field per list of extract/resources/meeting_words.json.

``WORDS`` is loaded once on import through ``extract.lexicon`` (which names the file, list and
value of a malformed list); a list the file lacks, or one the dataclass does not know, is an
error naming it. The steps read ``WORDS.trip_verbs`` and so on, never a list by a string key.

Not here: the trigger lexicon a user may replace (``extract.meetings.load_triggers``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from .lexicon import LexiconFileError, load_lexicon

__all__ = ["MeetingWords", "WORDS"]


@dataclass(frozen=True)
class MeetingWords:
    """The word lists of the meeting steps (lemmas for verbs, lower-case forms otherwise).

    What each list means is said beside it in the file (its ``"_<name>"`` entry).
    """

    definite_determiners: frozenset[str]
    call_date_openers: frozenset[str]
    hold_verbs: frozenset[str]
    absence_heads: frozenset[str]
    speak_verbs: frozenset[str]
    joining_verbs: frozenset[str]
    phone_words: frozenset[str]
    courtesy_call_modifiers: frozenset[str]
    party_clause_verbs: frozenset[str]
    attending_groups: frozenset[str]
    in_preparation_words: frozenset[str]
    anticipation_verbs: frozenset[str]
    quote_verbs: frozenset[str]
    style_subjects: frozenset[str]
    credential_nouns: frozenset[str]
    listed_groups: frozenset[str]
    one_by_one_words: frozenset[str]
    credential_verbs: frozenset[str]
    trip_verbs: frozenset[str]
    negators: frozenset[str]
    on_hold_verbs: frozenset[str]
    on_hold_objects: frozenset[str]
    unfulfilled_auxiliaries: frozenset[str]
    planned_auxiliaries: frozenset[str]
    due_words: frozenset[str]
    due_heads: frozenset[str]
    reporting_verbs: frozenset[str]
    asking_nouns: frozenset[str]
    sent_things: frozenset[str]
    opportunity_nouns: frozenset[str]
    greeting_verbs: frozenset[str]
    arrival_places: frozenset[str]
    opportunity_verbs: frozenset[str]
    pleasure_words: frozenset[str]
    written_things: frozenset[str]
    collective_group_words: frozenset[str]
    now_words: frozenset[str]
    future_modals: frozenset[str]
    next_time_units: frozenset[str]
    scheduled_words: frozenset[str]
    host_verbs: frozenset[str]
    call_lemmas: frozenset[str]
    spoken_verbs: frozenset[str]
    remote_words_called_on: frozenset[str]
    remote_words: frozenset[str]
    remote_words_courtesy: frozenset[str]
    call_forms: frozenset[str]
    later_call_words: frozenset[str]
    transcript_cues: frozenset[str]
    story_words: frozenset[str]
    pronouns_one: frozenset[str]
    pronouns_many: frozenset[str]
    invitation_nouns: frozenset[str]
    inviting_verbs: frozenset[str]
    attended_events: frozenset[str]
    ceremonial_events: frozenset[str]
    plural_meeting_nouns: frozenset[str]
    inclusion_words: frozenset[str]
    calling_verbs: frozenset[str]
    two_party_call_words: frozenset[str]
    joint_call_words: frozenset[str]
    separate_words: frozenset[str]
    compass_words: frozenset[str]
    looking_back_words: frozenset[str]
    first_person_words: frozenset[str]

    @classmethod
    def load(cls, path: str | None = None) -> MeetingWords:
        """Load the bundled lists (or the file at `path`).

        Raises
        ------
        LexiconFileError
            For a malformed list (see ``load_lexicon``), or a list missing or unknown.

        Examples
        --------
        >>> "arrive" in MeetingWords.load().trip_verbs
        True
        """
        where = path or "extract/resources/meeting_words.json"
        lists = load_lexicon("meeting_words", path)
        names = [f.name for f in fields(cls)]
        missing = [n for n in names if n not in lists]
        unknown = sorted(set(lists) - set(names))
        if missing or unknown:
            raise LexiconFileError(
                f"{where}: " + "; ".join(part for part in (
                    f"lacks the lists {', '.join(missing)}" if missing else "",
                    f"has lists no meeting step reads: {', '.join(unknown)} (add them to MeetingWords)"
                    if unknown else "") if part))
        return cls(**{n: lists[n] for n in names})


WORDS = MeetingWords.load()
