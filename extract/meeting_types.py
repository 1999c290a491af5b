"""The typed state passed between the steps of the meeting search.

``Meeting`` is one meeting found in a document (participants are indices into the document's
officials list), with the ids of the rules behind each of its facts; ``Participants`` is what
the participants step finds for one trigger. Both are plain dataclasses: the steps that fill
them live in the ``meeting_*`` modules, the record they become in ``extract.record``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = ["Meeting", "Participants"]


@dataclass
class Meeting:
    """A meeting found in one document; participants are indices into the officials list."""

    kind: str
    participants: list[int]
    date: date | None = None
    location: dict | None = None
    planned: bool = False
    sentences: list[int] = field(default_factory=list)
    trigger_sentences: list[int] = field(default_factory=list)
    participant_evidence: dict[int, tuple[int, int]] = field(default_factory=dict)
    multilateral_hint: bool = False
    topics: list = field(default_factory=list)
    trigger_lemma: str = ""
    vague_time: bool = False  # "met in March": a time is given, but no day
    elsewhen: bool = False  # told as at another time than the report's ("had last met in January")
    headline: bool = False  # told in the report's headline (its first line, after any line of tags)
    caption: bool = False  # told in a photo caption ("L-R: President Buhari, Foreign Minister Wang Yi ...")
    told_in: list[int] = field(default_factory=list)  # later sentences that refer to it ("the talks ...")
    # the ids of the rules behind each fact (extract/resources/patterns/*.jsonl)
    trigger_rules: list[str] = field(default_factory=list)
    status_rule: str = "status.held.default"
    kind_rule: str = "kind.in_person.default"
    date_rule: str | None = None
    place_rule: str | None = None
    structure_rules: list[str] = field(default_factory=list)
    participant_rules: dict[int, str] = field(default_factory=dict)
    host: int | None = None  # who received, hosted or was called on (their capital is the place when none is told)

    @property
    def rules(self) -> list[str]:
        """Every rule id behind this meeting, trigger first (what a record's ``rules`` lists)."""
        found = [*self.trigger_rules, self.status_rule, self.kind_rule, self.date_rule, self.place_rule,
                 *self.structure_rules]
        return list(dict.fromkeys(r for r in found if r))

    def add_rule(self, rule_id: str) -> None:
        """Record a structural rule (separate meetings, another time, told afterwards...)."""
        if rule_id not in self.structure_rules:
            self.structure_rules.append(rule_id)


@dataclass
class Participants:
    """Who a trigger's clause names as meeting, and why.

    people : official indices, in the order found (a group or pronoun's referent first).
    evidence : official -> character offsets of the mention (or pronoun) that names them.
    rules : official -> id of the rule that made them a participant ("participant.clause").
    refers_back : the clause only refers back to the current meeting ("the two leaders discussed ...").
    clause : the token indices of the trigger's clause (dates and places are read in it).
    """

    people: list[int]
    evidence: dict[int, tuple[int, int]]
    rules: dict[int, str]
    refers_back: bool
    clause: set[int]
