"""The officials component: who in the report holds an office, under one name each.

Finds officials from a title followed by a name ("U.S. Secretary of State Antony
Blinken", "External Affairs Minister Dr. S. Jaishankar"), a name followed by an
appositive title ("Ms. KAMIKAWA Yoko, Minister for Foreign Affairs of Japan"), and names
the actor dictionary knows. Each person gets one normalised name in Western order; then
every surname-only mention ("Blinken"), titled surname ("Secretary Blinken") and
role-only mention ("the Secretary", "the foreign minister") is resolved to them within
the document. Country comes from the words around the title (demonyms, "U.S.", "of
Japan", "Japan's"), then from the actor dictionary on the report's date.

A person named without an office and unknown to the dictionary is not an official:
precision first. Pronouns are left to the meetings component. Where names stand with
offices (the candidates) is ``extract.official_candidates``'s; this module merges them.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import extensions  # noqa: F401  (the doc._.dg_* attributes)
from .guard import guarded
from .norm import names as _names
from .official_candidates import (GENERIC_TITLES, NOT_NAME_WORDS, Candidate, DocIndex, country_before, country_within,
                                  find_candidates, name_key)
from .titles import canonical_title, same_office

__all__ = ["Official", "OfficialsFinder", "find_officials", "name_key", "Candidate"]

# National offices whose unnamed country is the report's own (its dateline or opening place).
_NATIONAL_OFFICES = {"President", "Prime Minister", "Foreign Minister", "External Affairs Minister", "Defense Minister",
                     "Defence Minister", "Minister of Defence", "Chancellor", "Vice President", "Deputy Prime Minister",
                     "Finance Minister", "Trade Minister", "Foreign Secretary", "King", "Emir", "Crown Prince"}
# Offices that imply a country when the text names none (the actor dictionary is asked first).
#: Offices only one country has (by these names), whose holder is of that country when the text names none;
#: looked up as written and in the title table's common form ("Secretary of the Treasury").
_TITLE_COUNTRY = {"Secretary of State": "USA", "External Affairs Minister": "IND", "State Councilor": "CHN",
                  "Vice Premier": "CHN", "Treasury Secretary": "USA", "Deputy Secretary of the Treasury": "USA",
                  "Deputy Treasury Secretary": "USA", "Trade Representative": "USA",
                  "Chairman of the Joint Chiefs of Staff": "USA", "Deputy Secretary of State": "USA",
                  "Assistant Secretary of State": "USA", "Taoiseach": "IRL", "Tánaiste": "IRL"}


@dataclass
class Official:
    """One person holding an office, with every place the document mentions them."""

    name: str
    title: str | None = None
    country: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    tokens: list[tuple[int, int]] = field(default_factory=list)
    known_as: str | None = None
    title_evidence: tuple[int, int] | None = None
    counterpart_of: str | None = None  # "his Chinese counterpart X": the other side's office
    rules: list[str] = field(default_factory=list)  # rules behind title and country beyond the text's words

    def lend_country(self, code: str | None, rule: str) -> None:
        """Give the official the country `code` of someone they came with (the rule id `rule` says why), when
        the text gave them none or only the report's home country was guessed (``country.home``).

        Examples
        --------
        >>> o = Official("Andrew Napuat", country="NZL", rules=["country.home"])
        >>> o.lend_country("VUT", "country.accompanied"); (o.country, o.rules)
        ('VUT', ['country.accompanied'])
        >>> o.lend_country("AUS", "country.accompanied"); o.country
        'VUT'
        """
        if code and (not self.country or "country.home" in self.rules):
            self.country = code
            self.rules = [r for r in self.rules if r != "country.home"] + [rule]

    def to_dict(self) -> dict:
        """The official as it appears in a record's ``officials`` list."""
        out = {"name": self.name, "title": self.title, "country": self.country,
               "mentions": [list(m) for m in sorted(set(self.mentions))]}
        if self.known_as and self.known_as != self.name:
            out["known_as"] = self.known_as
        if self.title_evidence:
            out["title_evidence"] = list(self.title_evidence)  # where the text gives the office
        return out


def find_officials(doc: Doc, *, actors=None, anchor: date | None = None) -> list[Official]:
    """Find the officials of `doc` (which must have run the gazetteer), in order of first mention.

    Parameters
    ----------
    doc : a Doc with the ``dg_titles``, ``dg_countries`` and ``dg_actors`` span groups.
    actors : an ``ActorDictionary``; fills in country and title, and lets bare surnames
        of people in office on `anchor` count as officials.
    anchor : the report's date, for the actor dictionary.

    Returns
    -------
    Officials with their mentions as character offsets. Also sets ``doc._.dg_mention_of``
    (token index -> official index) for the meetings component.
    """
    finder = _Finder(doc, actors, anchor)
    return finder.run()


class _Finder:
    """One document's officials as they are found: the merging of candidates into officials."""

    def __init__(self, doc: Doc, actors, anchor: date | None):
        self.doc = doc
        self.actors = actors
        self.anchor = anchor
        self.ix = DocIndex(doc)
        self.officials: list[Official] = []
        self.by_key: dict[frozenset, int] = {}
        self.mention_of: dict[int, int] = {}

    # -- main -------------------------------------------------------------------------
    def run(self) -> list[Official]:
        """Find, merge and complete the officials; set ``doc._.dg_mention_of``."""
        candidates = find_candidates(self.ix)
        last = self.doc[-1] if len(self.doc) else None
        if last is not None and last.is_alpha and not last.whitespace_:
            # an excerpt cut off in mid-name ("I spoke to Prime Minister Netany"): not a name we can trust
            candidates = [c for c in candidates if c.end < len(self.doc)]
        candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
        # full names first, so surname-only candidates can attach to them
        for cand in sorted(candidates, key=lambda c: (len(c.key) < 2, c.start)):
            self._add(cand)
        _surname_mentions(self)
        _role_mentions(self)
        self._finish()
        _surname_mentions(self, late=True)  # the forms that need the countries _finish found
        order = sorted(range(len(self.officials)), key=lambda i: min(self.officials[i].mentions or [(10**9, 0)]))
        remap = {old: new for new, old in enumerate(order)}
        self.doc._.dg_mention_of = {t: remap[i] for t, i in self.mention_of.items()}
        return [self.officials[i] for i in order]

    # -- merging ----------------------------------------------------------------------------
    def _add(self, cand: Candidate) -> None:
        """Merge a candidate into the official it names, or start a new official."""
        key = cand.key
        if not key:
            return
        idx = self._match(key, cand)
        if idx is None:
            titled = cand.title or cand.counterpart_of or cand.counterpart  # "counterpart" says they hold an office
            if cand.bare or (len(key) < 2 and not titled) or (cand.known is None and not titled):
                resolved = self._from_dictionary(cand)
                if resolved is None and cand.bare and len(key) >= 2 and _meets_someone(self.doc, cand.start, cand.end):
                    resolved = cand  # "... Baptiste met with Bhutan's Tandi Dorji": a party to a meeting the text tells
                    cand.bare = False
                    cand.country_rule = cand.country_rule or "official.meeting_party"
                elif resolved is None and cand.bare and len(key) >= 2 and _styled_excellency(self.doc, cand.start):
                    resolved = cand  # "Her Excellency Janet Douglas, seven weeks into her new assignment, ..."
                    cand.bare = False
                    cand.country_rule = cand.country_rule or "official.excellency"
                if resolved is None:
                    return
                cand = resolved
                idx = self._match(cand.key, cand)
            if idx is None:
                self.officials.append(Official(name=cand.name))
                idx = len(self.officials) - 1
                self.by_key[cand.key] = idx
        off = self.officials[idx]
        if len(cand.key) > len(name_key(off.name)) and not cand.from_dictionary:
            # the fuller form the text gives becomes the name
            old = name_key(off.name)
            off.name = cand.name
            self.by_key[name_key(off.name)] = idx
            self.by_key.setdefault(old, idx)
        if cand.title and not off.title:
            off.title = cand.title
            if cand.title_span is not None:
                off.title_evidence = (cand.title_span.start_char, cand.title_span.end_char)
        if cand.country_rule in _NO_OFFICE_RULES and cand.country_rule not in off.rules:
            off.rules.append(cand.country_rule)  # no office named: a party to a meeting told, "Her Excellency X"
        if cand.country and not off.country:
            off.country = cand.country
            if cand.country_rule and cand.country_rule not in _NO_OFFICE_RULES:
                off.rules.append(cand.country_rule)
        if cand.known and not off.known_as and _may_be(cand.known, off.name):
            off.known_as = cand.known
        if cand.counterpart_of and not off.counterpart_of:
            off.counterpart_of = cand.counterpart_of
        self.mention(idx, cand.start, cand.end)

    def _match(self, key: frozenset, cand: Candidate) -> int | None:
        """Index of the official this name refers to: same tokens, or a subset of a fuller name."""
        if key in self.by_key:
            return self.by_key[key]
        hits = set()
        for k, idx in self.by_key.items():
            if key <= k or (len(k) >= 2 and k <= key and len(key) - len(k) <= 1 and _compatible(key, k)):
                hits.add(idx)
        if not hits:  # "Amir-Abdollahian" and "Abdollahian"; "Shah Mehmood Qureshi" and "Mahmood Qureshi"
            hits = {idx for k, idx in self.by_key.items() if _spelling_variant(key, k)}
        if not hits:  # "Sheikh Tamim" and "Tamim bin Hamad Al-Thani": the style is no part of either name
            bare = _unstyled(key)
            hits = {idx for k, idx in self.by_key.items() if bare != key or _unstyled(k) != k
                    if (a := _unstyled(k)) and bare and (bare <= a or a <= bare)}
        if not hits and len(key) == 1 and cand.title:
            # "PM Hou meets new Australian Prime Minister": a headline's clipped family name of the one official of
            # that office whose family name it opens ("Houenipwela")
            (word,) = key
            hits = {idx for k, idx in self.by_key.items() if len(word) >= 3 and len(k) >= 2 and
                    same_office(self.officials[idx].title, cand.title) and
                    any(w.startswith(word) and len(w) >= len(word) + 3 for w in k)}
        if len(hits) == 1:
            idx = hits.pop()
            off = self.officials[idx]
            if cand.country and off.country and cand.country != off.country:
                return None
            return idx
        return None

    def _from_dictionary(self, cand: Candidate) -> Candidate | None:
        """Let the actor dictionary name a bare or surname-only mention of someone in office."""
        if self.actors is None:
            return None
        actor = self.actors.resolve(cand.name, on=self.anchor, title=cand.title)
        if actor is None or (self.anchor is not None and not actor.in_office(self.anchor)):
            return None
        surname_only = len(cand.key) < 2
        if surname_only and self._other_full_name(cand, actor.name):
            return None  # "Japan's Kazuhiro Suzuki ... Suzuki": not Zenko Suzuki, the dictionary's prime minister
        return replace(cand, name=actor.name if surname_only else cand.name,
                       key=name_key(actor.name) if surname_only else cand.key, known=actor.name, bare=False,
                       from_dictionary=surname_only, title=cand.title or actor.title,
                       country=cand.country or actor.country)

    def _other_full_name(self, cand: Candidate, actor_name: str) -> bool:
        """Whether the text names someone else with the surname of `cand`: a capitalised word before it that is
        neither an office, a form of address nor one of the actor's names."""
        from .norm import names as _names

        actor_key = name_key(actor_name)
        doc = self.doc
        in_title = {t for sp in doc.spans.get("dg_titles", []) for t in range(sp.start, sp.end)}
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if name_key(tok.text) == cand.key and prev.is_alpha and prev.is_title and not prev.is_sent_start \
                    and prev.i not in in_title and not _names.is_honorific(prev.text) and \
                    not _names.is_style(prev.text) and not name_key(prev.text) <= actor_key:
                return True  # "Kazuhiro Suzuki": a given name that is not the actor's
        return False

    def mention(self, idx: int, start: int, end: int) -> None:
        """Record tokens start..end as a mention of official `idx`."""
        doc = self.doc
        off = self.officials[idx]
        off.mentions.append((doc[start].idx, doc[end - 1].idx + len(doc[end - 1])))
        off.tokens.append((start, end))
        for t in range(start, end):
            self.mention_of[t] = idx

    def implicit_holder(self, title: Span) -> list[int]:
        """"The Prime Minister" of a readout that never names them: the office holder of its country."""
        if self.actors is None or self.anchor is None:
            return []
        home = self.home
        if home is None:
            return []
        holders = [a for a in self.actors if a.title == title.label_ and a.country == home and a.in_office(self.anchor)]
        if len(holders) != 1:
            return []
        actor = holders[0]
        key = name_key(actor.name)
        if key in self.by_key:
            return [self.by_key[key]]
        self.officials.append(Official(name=actor.name, title=actor.title, country=actor.country, known_as=actor.name))
        self.by_key[key] = len(self.officials) - 1
        return [len(self.officials) - 1]

    @cached_property
    def home(self) -> str | None:
        """The country a report speaks from: its dateline, or else a place in its first lines."""
        return _home_country_of(self.doc)

    def _finish(self) -> None:
        """Fill title and country from the dictionary and from titles that imply a country."""
        for off in self.officials:
            actor = None
            if self.actors is not None and (not off.country or not off.title):
                # the office the text gives picks the term ("Prime Minister Rutte" with no date: not NATO's)
                actor = self.actors.resolve(off.known_as or off.name, on=self.anchor, country=off.country,
                                            title=off.title if off.title not in GENERIC_TITLES else None)
            if actor is None and self.actors is not None and off.title:
                actor = self.actors.resolve(off.known_as or off.name, on=self.anchor, country=off.country)
            if actor is not None and name_key(actor.name) & name_key(off.name):
                off.country = off.country or actor.country
                in_office = actor.in_office(self.anchor)
                if (not off.title or off.title in GENERIC_TITLES) and in_office:
                    off.title = actor.title
                elif off.title and in_office and actor.title.lower().startswith(off.title.lower() + " of "):
                    off.title = actor.title  # "Commission President von der Leyen": President of the European Commission
                off.known_as = off.known_as or actor.name
            if len(off.name.split()) == 1 and off.known_as and name_key(off.name) <= name_key(off.known_as):
                off.name = off.known_as  # "Secretary Blinken" is Antony Blinken
            if not off.title and off.counterpart_of:
                off.title = _counterpart_title(off.counterpart_of, off.country)
            if not off.country and off.title and (
                    code := _TITLE_COUNTRY.get(off.title) or _TITLE_COUNTRY.get(canonical_title(off.title) or "")):
                off.country = code
        home = self.home
        if home:
            taken = {(o.title, o.country) for o in self.officials if o.country}
            open_ = [o for o in self.officials if not o.country and o.title in _NATIONAL_OFFICES]
            if len(open_) == 1 and not self.doc._.dg_dateline and _a_visitor(self.doc, open_[0]):
                open_ = []  # "Foreign Secretary Misri called on Nepal's Foreign Minister in Kathmandu": the visitor
            if len(open_) == 1 and (open_[0].title, home) not in taken:
                # "Foreign Minister Hasan Mahmud said ..." in a report from Dhaka: Bangladesh's. With two such
                # officials, which one is the host's is a guess: none is made
                open_[0].country = home
                open_[0].rules.append("country.home")
        self._countries_from_roles()
        by_token = {t: o for o in self.officials for s, e in o.tokens for t in range(s, e)}
        self._countries_of_delegation_leaders(by_token)
        self._countries_of_sides(by_token)

    def _countries_of_sides(self, by_token: dict[int, Official]) -> None:
        """ "Representing Nepal were Joint Secretary X, Acting Ambassador Y and Consul Z", "On the Indian side were
        ...": the officials such a sentence lists serve that country (country.side), when none was known.
        `by_token`: the official each mention token names."""
        countries = self.ix.country_start_at
        for sent in self.doc.sents:
            words = [t for t in sent if not t.is_space]
            if len(words) < 4:
                continue
            k = 0
            if words[0].lower_ == "representing":
                k = 1
            elif words[0].lower_ == "on" and words[1].lower_ == "the":
                k = 2
            else:
                continue
            span = countries.get(words[k].i)
            if span is None:
                continue
            after = span.end
            rest = [t for t in words if t.i >= after]
            if k == 2 and not (len(rest) > 1 and rest[0].lower_ == "side"):
                continue
            rest = rest[1:] if k == 2 else rest
            if not rest or rest[0].lower_ not in ("were", "was", "are", "is", ","):
                continue
            for off in {id(o): o for t in rest if (o := by_token.get(t.i))}.values():
                off.lend_country(span.label_, "country.side")

    def _countries_of_delegation_leaders(self, by_token: dict[int, Official]) -> None:
        """ "Minister X led a Fijian delegation in talks with ...": the subject is of the delegation's country
        (country.delegation), when no country or only the host's guess (country.home) was known. `by_token`: the
        official each mention token names."""
        countries = self.ix.countries
        for tok in self.doc:
            if tok.lemma_.lower() not in ("lead", "head") or tok.pos_ != "VERB" or tok.tag_ == "VBN":
                continue
            group = next((c for c in tok.children if c.dep_ in ("dobj", "obj") and
                          c.lower_ in ("delegation", "delegations")), None)
            if group is None:
                continue
            phrase = {t.i for t in group.subtree}  # "a Fijian delegation", "the delegation of Peru"
            home = country_within(countries, phrase)
            for subj in (c for c in tok.children if c.dep_ == "nsubj") if home else ():
                for off in {id(o): o for t in subj.subtree if (o := by_token.get(t.i))}.values():
                    off.lend_country(home, "country.delegation")

    def _countries_from_roles(self) -> None:
        """ "the Samoan Prime Minister" with no name, in a report whose one Prime Minister of no known
        country is Fiame: Samoa's. Only when exactly one official of that office lacks a country and
        none has that country."""
        from .titles import said_as_plural

        ix = self.ix
        for title in ix.titles:
            country = country_before(self.doc, ix.country_end_at, title.start)
            if country is None or ix.name_end(title.end) > title.end or \
                    said_as_plural(self.doc[title.end - 1].text, title.label_):
                continue  # no country before it, a titled name ("Samoan Prime Minister Fiame"), or a plural
                # ("the ASEAN Defence Ministers' Meeting")
            same = [o for o in self.officials if same_office(o.title, title.label_)]
            open_ = [o for o in same if not o.country]
            if len(open_) == 1 and not any(o.country == country.label_ for o in same):
                open_[0].country = country.label_
                open_[0].rules.append("country.role")


# -- later mentions ---------------------------------------------------------------------
#: Verbs and nouns of a meeting whose subject, object or "with" phrase is a party to it.
_MEETING_HEADS = frozenset({"meet", "receive", "host", "welcome", "talk", "confer", "hold", "telephone", "phone",
                            "talks", "meeting", "meetings", "conversation", "discussions", "consultations"})
#: Words before (or in) a name that say its holder holds no office of state.
_NOT_OFFICIALS = frozenset({"lady", "wife", "husband", "spouse", "son", "daughter", "journalist", "reporter",
                            "correspondent", "businessman", "businesswoman", "entrepreneur", "ceo", "founder",
                            "chairman", "professor", "actor", "actress", "singer", "artist", "author", "writer",
                            "activist", "player", "coach", "billionaire", "investor", "student", "students"})
#: Of those, the ones whose direct object is the other party ("met X", "received X").
_MEETING_OBJECTS = frozenset({"meet", "receive", "host", "welcome"})


#: Why a name with no office named and unknown to the dictionary was taken for an official.
_NO_OFFICE_RULES = ("official.meeting_party", "official.excellency")


def _styled_excellency(doc, start: int) -> bool:
    """Whether the name at token `start` follows the style of an envoy or head of state ("Her Excellency",
    "H.E.")."""
    prev = doc[start - 1] if start > 0 else None
    return prev is not None and (prev.lower_ in ("excellency", "excellencies") or prev.text in ("H.E.", "H.E"))


def _meets_someone(doc, start: int, end: int) -> bool:
    """Whether the PERSON name at tokens start..end is a party to a meeting its sentence tells: the subject
    of "met", the object of "received", the name in "talks with X" (or one conjoined to such a name)."""
    before = {t.lower_ for t in doc[max(0, start - 2):end]}
    if before & _NOT_OFFICIALS:
        return False  # "First Lady Jill Biden", "businessman X": no office of state
    root = doc[start:end].root
    while root.dep_ in ("conj", "appos") and root.head.i != root.i and root.head.i < start:
        root = root.head  # "met A and B": B's place is A's
    head = root.head
    lemma = head.lemma_.lower()
    if root.dep_ in ("nsubj", "nsubjpass") and lemma in _MEETING_HEADS and head.pos_ == "VERB":
        return lemma != "hold" or any(c.dep_ == "dobj" and c.lower_ in _MEETING_HEADS for c in head.children)
    if root.dep_ == "nsubj" and lemma in ("pay", "make", "have") and head.pos_ == "VERB" and any(
            c.dep_ == "dobj" and (c.lower_ in _MEETING_HEADS or c.lemma_.lower() == "call" and any(
                g.lower_ == "on" for g in (*c.children, *head.children))) for c in head.children):
        return True  # "Ms. Gita Honwana Welch paid a courtesy call on the Minister of Foreign Affairs"
    if root.dep_ in ("dobj", "obj") and lemma in _MEETING_OBJECTS:
        return True
    if root.dep_ == "pobj" and head.lower_ == "with":
        governor = head.head
        return governor.lemma_.lower() in _MEETING_HEADS or governor.lower_ in _MEETING_HEADS
    tok = root
    for _ in range(5):  # "He is accompanied by two of his deputies, A and B": a delegation's members
        # (and its leader: "met with a delegation of the Haitian National Police headed by its director X")
        if tok.dep_ not in ("pobj", "appos", "conj", "prep", "agent") or tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.lemma_.lower() == "accompany" and tok.pos_ == "VERB" or tok.lemma_.lower() in ("head", "lead") and \
                tok.tag_ == "VBN" and tok.dep_ == "acl" and \
                any(a.lemma_.lower() == "delegation" for a in [tok.head, *list(tok.head.ancestors)[:4]]):
            return True
    return False


def _may_be(known: str, name: str) -> bool:
    """Whether the dictionary's `known` name may be the official named `name`: one name's words hold the
    other's, and a one-word dictionary name (a pope's, a king's) is not part of a longer name. Pope
    "Francis" is not "Francis Ogolla", whose given name alone the dictionary matched.

    >>> _may_be("Antony Blinken", "Blinken"), _may_be("Francis", "Francis Ogolla"), _may_be("Francis", "Francis")
    (True, False, True)
    """
    a, b = _unstyled(name_key(known)), _unstyled(name_key(name))
    if len(a) == 1 and a != b:
        return False
    return a <= b or b <= a or _spelling_variant(a, b) or _spelling_variant(name_key(known), name_key(name))


def _surname_mentions(finder: _Finder, late: bool = False) -> None:
    """Every capitalised token equal to a known official's family name is a mention of them.

    With `late` (once countries are known), the forms that depend on the country: the given name of
    an official of a country whose people go by it ("Prime Minister Abiy Ahmed ... Abiy held talks":
    the second name is the father's), and the family name that comes first in a three-part Chinese,
    Korean or Singaporean name ("Ng Eng Hen" is Dr Ng, "Lee Hsien Loong" is Mr Lee)."""
    doc = finder.doc
    surnames: dict[str, set[int]] = {}
    given: set[str] = set()
    first_of_three = (_names.FAMILY_FIRST - _names.LAST_WORD_COUNTRIES) | {"SGP"}
    for idx, off in enumerate(finder.officials):
        parts = [p for p in re.split(r"\s+", off.name) if p]
        if not parts:
            continue
        if not late:
            forms = {parts[-1]}
            if len(parts) == 2 and off.country in _names.FAMILY_FIRST:
                forms.add(parts[0])
        else:
            forms = set()
            if len(parts) >= 2 and off.country in _names.GIVEN_NAME_COUNTRIES:
                forms.add(parts[0])
                given.add(parts[0].lower())
            if len(parts) == 3 and off.country in first_of_three and "-" not in off.name:
                forms.add(parts[0])
        for f in forms:
            surnames.setdefault(f.lower(), set()).add(idx)
    if not late:
        _patronymic_mentions(finder)
    for tok in (doc[i] for i in sorted(i for low in surnames for i in finder.ix.by_lower(low))):
        if tok.i in finder.mention_of or not tok.text[:1].isupper() or len(tok) < (2 if late else 3):
            continue
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and prev.is_title and prev.i not in finder.ix.blocked and prev.lower_ not in NOT_NAME_WORDS \
                and prev.i not in finder.mention_of and not prev.is_sent_start and prev.pos_ == "PROPN" \
                and not _names.is_honorific(prev.text):
            continue  # "Brigitte Macron" is not Emmanuel Macron (but "Mr Albanese" is Anthony Albanese)
        if prev is not None and prev.lower_ in _PATRONYMIC_WORDS and tok.i >= 2 and doc[tok.i - 2].is_title and \
                doc[tok.i - 2].i not in finder.mention_of and not _names.is_honorific(doc[tok.i - 2].text):
            continue  # "Mansour bin Zayed" is not Abdullah bin Zayed
        owners = surnames.get(tok.lower_)
        if owners and len(owners) == 1:
            if tok.i + 1 < len(doc) and doc[tok.i + 1].is_title and doc[tok.i + 1].i not in finder.ix.blocked \
                    and doc[tok.i + 1].lower_ not in NOT_NAME_WORDS:
                continue  # "Blinken Stress" is fine, but "Wang Qishan" is another Wang
            owner = next(iter(owners))
            finder.mention(owner, tok.i, tok.i + 1)
            if tok.lower_ in given and "participant.given_name" not in finder.officials[owner].rules:
                finder.officials[owner].rules.append("participant.given_name")


#: Words that open a patronymic in Arabic names ("Haitham bin Tarik", "Mohammed bin Salman").
_PATRONYMIC_WORDS = frozenset({"bin", "bint", "ibn", "ben"})


def _patronymic_mentions(finder: _Finder) -> None:
    """ "Amir Abdollahian held a meeting with bin Tarik": a patronymic alone ("bin Tarik", "bin Salman") is a
    mention of the one official whose name holds it, unless a given name of someone else opens it
    ("Mansour bin Zayed" is not Abdullah bin Zayed)."""
    doc = finder.doc
    owners: dict[tuple[str, str], set[int]] = {}
    for idx, off in enumerate(finder.officials):
        words = off.name.split()
        for a, b in zip(words, words[1:]):
            if a.lower() in _PATRONYMIC_WORDS and b[:1].isupper():
                owners.setdefault((a.lower(), b.lower()), set()).add(idx)
    if not owners:
        return
    for tok in (doc[i] for i in sorted(i for low in {a for a, _ in owners} for i in finder.ix.by_lower(low))
                if i + 1 < len(doc)):
        nxt = doc[tok.i + 1]
        who = owners.get((tok.lower_, nxt.lower_))
        if not who or len(who) != 1 or tok.i in finder.mention_of or nxt.i in finder.mention_of:
            continue
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and prev.is_title and prev.pos_ == "PROPN" and not _names.is_honorific(prev.text) \
                and prev.i not in finder.ix.blocked:
            continue  # another person's given name before it
        finder.mention(next(iter(who)), tok.i, tok.i + 2)


def _role_mentions(finder: _Finder) -> None:
    """"the Secretary", "the foreign minister": the one official of the document with that title."""
    doc = finder.doc
    from .countries import country_code, is_demonym

    for title in finder.ix.titles:
        k = title.start  # "the visiting Prime Minister", "the Australian Prime Minister"
        mods = []
        while k > 0 and len(mods) < 2 and doc[k - 1].dep_ == "amod" and doc[k - 1].lower_ != "the":
            k -= 1
            mods.append(doc[k])
        if k == 0 or doc[k - 1].lower_ != "the":
            continue
        if title.end < len(doc) and (doc[title.end].is_title and doc[title.end].i not in finder.ix.blocked):
            continue
        if title.end < len(doc) and doc[title.end].lower_ == "of":
            continue
        root = doc[title.end - 1]
        if root.dep_ == "appos" and (root.head.i in finder.mention_of or root.head.ent_type_ == "PERSON"):
            continue  # "Diana Mondino, the foreign minister appointed by Milei": hers, not the last one named
        if doc[title.end - 1].tag_ in ("NNS", "NNPS") or doc[title.end - 1].text.endswith("s") and \
                doc[title.end - 1].lower_ not in ("affairs",) and not doc[title.end - 1].lower_.endswith("ss"):
            continue  # plural: "the foreign ministers"
        owners = [i for i, off in enumerate(finder.officials) if off.title == title.label_]
        if not owners and title.label_ in GENERIC_TITLES:
            # "the Secretary" is the document's one Secretary of State (or of anything)
            word = title.label_.lower()
            owners = [i for i, off in enumerate(finder.officials) if off.title and word in off.title.lower().split()]
        for mod in mods:
            code = country_code(mod.text) if is_demonym(mod.text) else None
            home = finder.home if mod.lower_ in ("visiting", "host", "hosting") else None
            if code:
                owners = [i for i in owners if finder.officials[i].country == code]
            elif home and mod.lower_ == "visiting":
                owners = [i for i in owners if finder.officials[i].country and finder.officials[i].country != home]
            elif home:
                owners = [i for i in owners if finder.officials[i].country == home]
        if not owners and doc[title.start].is_title and not mods:
            owners = finder.implicit_holder(title)
        named_before = [i for i in owners if any(s < k for s, _ in finder.officials[i].tokens)]
        if owners and not named_before and any(finder.officials[i].tokens for i in owners):
            continue  # "The Minister convened with his Croatian counterpart, Minister X": not X, named after
        if len(owners) == 1 and not any(t in finder.mention_of for t in range(k - 1, title.end)):
            finder.mention(owners[0], k - 1, title.end)


#: Verbs whose subject came from elsewhere: a visitor is not of the country the report speaks from.
_VISITOR_VERBS = frozenset({"call", "visit", "arrive", "travel", "fly", "pay"})


def _a_visitor(doc: Doc, off: "Official") -> bool:
    """Whether the official's first mention is the subject of a visit ("X called on", "X visited", "X paid a
    courtesy call", "X arrived in")."""
    if not off.tokens:
        return False
    s, e = min(off.tokens)
    head = doc[e - 1]
    while head.dep_ in ("compound", "flat", "appos") and head.head.i != head.i:
        head = head.head
    return head.dep_ == "nsubj" and head.head.lemma_.lower() in _VISITOR_VERBS


def _home_country_of(doc: Doc) -> str | None:
    """The country a report speaks from: its dateline, or else a place in its first lines."""
    dateline = doc._.dg_dateline
    if dateline:
        from .places import place_for

        place = place_for(dateline)
        if place is not None:
            return place.country
    first = list(itertools.islice(doc.sents, 4))
    end = first[-1].end if first else 0
    for sp in doc.spans.get("dg_places", []):
        if sp.start < end and not _event_venue(sp):
            return sp.label_.partition("|")[2] or None
    return None


#: Nouns of a gathering whose "in X" is where it sat, not where the report speaks from.
_GATHERINGS = frozenset({"summit", "meeting", "meetings", "conference", "forum", "session", "talks", "gathering",
                         "dialogue", "ministerial", "assembly", "retreat"})


def _event_venue(place: Span) -> bool:
    """ "... during the 11th ASEAN Defence Ministers' Meeting (ADMM)-Plus in Vientiane": the venue of a
    gathering told in the opening lines (its "in" hangs on a named gathering, or the place is inside a
    "during ..." phrase) is not the report's home."""
    root = place.root
    for anc in root.ancestors:
        if anc.lower_ == "during" and anc.dep_ == "prep":
            return True
        if anc.lower_ == "in" and anc.dep_ == "prep":
            return anc.head.lower_ in _GATHERINGS and anc.head.is_title or any(
                a.lower_ == "during" and a.dep_ == "prep" for a in anc.head.ancestors)
    return False


# The same office under its national name, for "counterpart" mentions.
_FOREIGN_MINISTER_BY_COUNTRY = {"USA": "Secretary of State", "GBR": "Foreign Secretary", "IND": "External Affairs Minister"}


#: Countries whose "Foreign Secretary" is the foreign ministry's senior civil servant, not its minister.
_FOREIGN_SECRETARY_SERVICE = frozenset({"IND", "PAK", "BGD", "NPL", "LKA", "BTN", "MDV", "AFG"})


def _counterpart_title(owner_title: str, country: str | None) -> str | None:
    """The office of someone's counterpart: a foreign minister's counterpart is their country's foreign minister.

    Examples
    --------
    >>> _counterpart_title("External Affairs Minister", "SGP"), _counterpart_title("Foreign Minister", "USA")
    ('Foreign Minister', 'Secretary of State')
    >>> _counterpart_title("Prime Minister", "JPN"), _counterpart_title("Defence Minister", "IND")
    ('Prime Minister', 'Defence Minister')
    >>> _counterpart_title("Foreign Secretary", "NPL"), _counterpart_title("Foreign Secretary", "FRA")
    ('Foreign Secretary', None)
    """
    from .titles import known_kind

    kind = known_kind(owner_title.replace("Defence", "Defense"))  # the table knows one spelling
    if kind is None:
        return None
    if owner_title == "Foreign Secretary":  # a minister in London, the ministry's top civil servant in South Asia
        return "Foreign Secretary" if country in _FOREIGN_SECRETARY_SERVICE else None
    if kind == "foreign_minister":
        return _FOREIGN_MINISTER_BY_COUNTRY.get(country or "", "Foreign Minister")
    if owner_title in ("Prime Minister", "President", "Defense Minister", "Defence Minister", "Finance Minister",
                       "Trade Minister", "National Security Adviser"):
        return owner_title
    return None


def _spelling_variant(a: frozenset, b: frozenset) -> bool:
    """One name is the other's part, up to hyphens and one letter's spelling: the shorter's every word
    is a word (or a hyphenated part) of the longer or a near spelling of one, and a word of four
    letters or more is shared exactly.

    Examples
    --------
    >>> _spelling_variant(frozenset({"abdollahian"}), frozenset({"hossein", "amir-abdollahian"}))
    True
    >>> _spelling_variant(frozenset({"mahmood", "qureshi"}), frozenset({"shah", "mehmood", "qureshi"}))
    True
    >>> _spelling_variant(frozenset({"ali", "khan"}), frozenset({"imran", "khan"}))
    False
    """
    from rapidfuzz.distance import Levenshtein

    small, big = sorted((a, b), key=len)
    parts = set(big) | {p for w in big for p in w.split("-") if p}
    if not small or not any(len(w) >= 4 and w in parts for w in small):
        return False
    return all(w in parts or len(w) >= 5 and any(len(p) >= 5 and Levenshtein.distance(w, p) <= 1 for p in parts)
               for w in small)


def _unstyled(key: frozenset) -> frozenset:
    """A name key without its styles ("sheikh", "lord"), or the key itself when that would leave nothing.

    Examples
    --------
    >>> sorted(_unstyled(frozenset({"sheikh", "tamim"}))), sorted(_unstyled(frozenset({"sheikh"})))
    (['tamim'], ['sheikh'])
    """
    bare = frozenset(w for w in key if not _names.is_style(w))
    return bare or key


def _compatible(a: frozenset, b: frozenset) -> bool:
    """Two name keys that differ only by an initial or middle name are the same person."""
    extra = a ^ b
    return all(len(t) <= 2 for t in extra) or len(extra) <= 1


class OfficialsFinder:
    """spaCy component: sets ``doc._.dg_officials`` (a list of :class:`Official`)."""

    def __init__(self, nlp: Language, name: str = "diplograph_officials"):
        self.name = name
        self.nlp = nlp

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        gaz = next((proc for _, proc in self.nlp.pipeline if hasattr(proc, "actors")), None)
        actors = getattr(gaz, "actors", None)
        doc._.dg_officials = find_officials(doc, actors=actors, anchor=doc._.dg_anchor)
        return doc


@Language.factory("diplograph_officials", assigns=["doc._.dg_officials", "doc._.dg_mention_of"], default_config={})
def make_officials(nlp: Language, name: str) -> OfficialsFinder:
    """Create the officials component (registered as ``diplograph_officials``)."""
    return OfficialsFinder(nlp, name)
