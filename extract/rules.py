"""Rules as data: the pattern files under ``extract/resources/patterns/`` and their ids.

Every rule of the extractor has an id (``status.negated.call_off``), says what it means and
carries its own examples (``match`` and ``no_match`` sentences), which one parametrized test
runs through the pipeline. Three kinds:

- ``token``: a spaCy ``Matcher`` pattern (a list of token dicts);
- ``dependency``: a spaCy ``DependencyMatcher`` pattern; the node whose ``RIGHT_ID`` is
  ``"trigger"`` is the token the rule is about;
- ``procedural``: a rule written in Python (clause scope, discourse), listed here with its id
  and examples so that it can be counted, documented and tested like the others.

The id of each rule that produced a fact travels into the record (``rules`` on meetings,
participants and topics), so a wrong fact names its rule. This module only loads, validates and
compiles the files; the components decide what a match means.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .errors import PatternFileError

__all__ = ["Rule", "RuleSet", "load_rules", "PATTERN_KINDS"]

PATTERN_KINDS = ("token", "dependency", "procedural")
_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


@dataclass(frozen=True)
class Rule:
    """One rule: its id, kind, pattern (none for procedural rules), meaning and examples."""

    id: str
    kind: str
    description: str
    pattern: tuple = ()
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()
    label: str | None = None
    where: str = ""  # the file and line it was read from


@dataclass
class RuleSet:
    """The rules of every pattern file, by id, with compiled matchers per id prefix."""

    rules: dict[str, Rule] = field(default_factory=dict)

    def with_prefix(self, prefix: str) -> list[Rule]:
        """The rules whose id starts with `prefix` ("trigger.", "status.negated."), in file order.

        Examples
        --------
        >>> all(r.id.startswith("trigger.") for r in load_rules().with_prefix("trigger."))
        True
        """
        return [r for r in self.rules.values() if r.id.startswith(prefix)]

    def token_matcher(self, vocab: Vocab, prefix: str) -> Matcher:
        """A spaCy ``Matcher`` of the token rules under `prefix`, each added under its id."""
        matcher = Matcher(vocab)
        for rule in self.with_prefix(prefix):
            if rule.kind == "token":
                matcher.add(rule.id, [list(rule.pattern)])
        return matcher

    def dependency_matcher(self, vocab: Vocab, prefix: str) -> DependencyMatcher:
        """A spaCy ``DependencyMatcher`` of the dependency rules under `prefix`."""
        matcher = DependencyMatcher(vocab)
        for rule in self.with_prefix(prefix):
            if rule.kind == "dependency":
                matcher.add(rule.id, [list(rule.pattern)])
        return matcher

    def words(self, prefix: str, attr: str) -> set[str]:
        """Every value a token rule under `prefix` accepts for `attr` ("LEMMA", "LOWER").

        Examples
        --------
        >>> "meet" in load_rules().words("trigger.verb.", "LEMMA")
        True
        """
        out: set[str] = set()
        for rule in self.with_prefix(prefix):
            for tok in rule.pattern if rule.kind == "token" else ():
                value = tok.get(attr)
                if isinstance(value, str):
                    out.add(value)
                elif isinstance(value, dict):
                    out.update(value.get("IN", ()))
        return out


def token_rule_at(matcher: Matcher, doc: Doc) -> dict[int, str]:
    """Token index -> id of the first token rule (in match order) that covers it."""
    out: dict[int, str] = {}
    for match_id, start, end in matcher(doc):
        rule_id = doc.vocab.strings[match_id]
        for i in range(start, end):
            out.setdefault(i, rule_id)
    return out


def dependency_rule_at(matcher: DependencyMatcher, doc: Doc, rules: RuleSet) -> dict[int, str]:
    """Token index of each match's ``trigger`` node -> the rule id that matched."""
    out: dict[int, str] = {}
    for match_id, token_ids in matcher(doc):
        rule_id = doc.vocab.strings[match_id]
        pattern = rules.rules[rule_id].pattern
        for node, tok in zip(pattern, token_ids):
            if node.get("RIGHT_ID") == "trigger":
                out.setdefault(tok, rule_id)
    return out


@lru_cache(maxsize=4)
def load_rules(folder: str | None = None) -> RuleSet:
    """Load and validate every ``*.jsonl`` pattern file (the bundled folder by default).

    Raises
    ------
    PatternFileError
        For a line that is not JSON, lacks a field, repeats an id, has an id not of the form
        ``area.group.name``, a kind not in ``PATTERN_KINDS``, a pattern of the wrong shape, or no
        ``match`` example; the message names the file, the line and the value.

    Examples
    --------
    >>> rules = load_rules()
    >>> rules.rules["status.negated.call_off"].kind
    'dependency'
    """
    if folder is None:
        base = resources.files("extract").joinpath("resources/patterns")
        files = sorted((f for f in base.iterdir() if f.name.endswith(".jsonl")), key=lambda f: f.name)
    else:
        files = sorted(Path(folder).glob("*.jsonl"))
    out = RuleSet()
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            rule = _parse(line, f"{f.name}, line {n}")
            if rule.id in out.rules:
                raise PatternFileError(f"{f.name}, line {n}: rule id {rule.id!r} is already used at "
                                       f"{out.rules[rule.id].where}; give each rule its own id")
            out.rules[rule.id] = rule
    return out


def _parse(line: str, where: str) -> Rule:
    """One pattern-file line as a Rule, or a PatternFileError naming `where` and the bad value."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as err:
        raise PatternFileError(f"{where}: not a JSON object ({err.msg}); each line holds one rule") from err
    if not isinstance(data, dict):
        raise PatternFileError(f"{where}: not a JSON object; each line holds one rule")
    for key in ("id", "kind", "description", "examples"):
        if key not in data:
            raise PatternFileError(f"{where}: the rule lacks {key!r} (needed: id, kind, description, examples)")
    rid, kind = data["id"], data["kind"]
    if not isinstance(rid, str) or not _ID.match(rid):
        raise PatternFileError(f"{where}: rule id {rid!r} is not of the form 'area.group.name' (lower case, dots)")
    if kind not in PATTERN_KINDS:
        raise PatternFileError(f"{where}: rule {rid}: kind {kind!r} is not one of {', '.join(PATTERN_KINDS)}")
    pattern = data.get("pattern", [])
    if kind != "procedural":
        if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
            raise PatternFileError(f"{where}: rule {rid}: a {kind} rule needs a 'pattern' list of token objects")
        if kind == "dependency":
            ids = [t.get("RIGHT_ID") for t in pattern]
            if "trigger" not in ids:
                raise PatternFileError(f"{where}: rule {rid}: a dependency pattern needs a node with "
                                       "RIGHT_ID 'trigger' (the token the rule is about)")
    examples = data["examples"]
    if not isinstance(examples, dict) or not examples.get("match") or not all(
            isinstance(s, str) for s in examples.get("match", []) + examples.get("no_match", [])):
        raise PatternFileError(f"{where}: rule {rid}: 'examples' needs a non-empty 'match' list of sentences "
                               "(and optionally 'no_match')")
    return Rule(id=rid, kind=kind, description=str(data["description"]), pattern=tuple(pattern),
                match=tuple(examples["match"]), no_match=tuple(examples.get("no_match", [])),
                label=data.get("label"), where=where)
