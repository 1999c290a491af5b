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
precision first. Pronouns are left to the meetings component.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import extensions  # noqa: F401  (the doc._.dg_* attributes)
from .guard import guarded
from .norm import names as _names
from .norm.text import fold

__all__ = ["Official", "OfficialsFinder", "find_officials", "name_key"]

#: Words dropped with the honorifics before a name in a key or a PERSON entity ("the Hon ...").
_ADDRESS_WORDS = frozenset({"the", "minister"})
_ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XVI", "Jr.", "Sr.", "Jr"}
_NOT_NAME = {"the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as", "but",
             "he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "our", "this", "that",
             "these", "those", "said", "says", "told", "also", "both", "all", "after", "before", "during", "when",
             "while", "on", "meanwhile", "however", "earlier", "later", "today", "yesterday", "tomorrow", "speaking",
             "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
             "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
             "jan.", "feb.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.", "mr.", "ms.", "dr.", "secretary",
             "minister", "president", "prime", "foreign", "chancellor", "premier", "king", "queen", "general",
             "ambassador", "state", "affairs", "government", "ministry", "office", "department", "house", "council",
             "summit", "meeting", "talks", "conference", "statement", "readout", "spokesperson", "spokesman",
             "news", "agency", "press", "photo", "reuters", "ap", "afp", "xinhua", "kyodo", "yonhap", "tass",
             "white", "kremlin", "parliament", "congress", "senate", "party", "forces", "army", "navy", "union",
             "republic", "kingdom", "nations", "united", "group", "bank", "fund", "organization", "organisation",
             "alliance", "forum", "dialogue", "strait", "sea", "ocean", "gulf", "east", "west", "north", "south",
             "division", "directorate", "bureau", "commission", "committee", "authority", "secretariat", "national",
             "extraordinary", "plenipotentiary", "staff", "command", "corps", "institute", "university", "embassy",
             "middle", "central", "southeast", "indo-pacific", "pacific", "atlantic", "european", "african", "asian"}
# Words that end an organisation's name: a "name" right before one is the organisation's.
_ORG_WORDS = {"division", "directorate", "department", "ministry", "office", "bureau", "agency", "authority",
              "commission", "committee", "council", "secretariat", "institute", "corporation", "company", "bank",
              "fund", "board", "service", "services", "wing", "cell", "unit", "centre", "center"}
# Military and police ranks before a name in an appositive ("Maj. Gen. (Rtd) Umar Farooq Burki").
_RANKS = {"maj", "gen", "lt", "col", "brig", "adm", "vice", "rear", "air", "marshal", "capt", "cdr", "rtd", "retd",
          "retired", "general", "major", "colonel", "admiral", "brigadier", "lieutenant", "commodore"}
# National offices whose unnamed country is the report's own (its dateline or opening place).
_NATIONAL_OFFICES = {"President", "Prime Minister", "Foreign Minister", "External Affairs Minister", "Defense Minister",
                     "Defence Minister", "Minister of Defence", "Chancellor", "Vice President", "Deputy Prime Minister",
                     "Finance Minister", "Trade Minister", "Foreign Secretary", "King", "Emir", "Crown Prince"}
# Offices that imply a country when the text names none (the actor dictionary is asked first).
_TITLE_COUNTRY = {"Secretary of State": "USA", "External Affairs Minister": "IND", "State Councilor": "CHN"}
# Offices too vague to keep when the actor dictionary knows the person's real one ("Secretary Blinken").
_GENERIC_TITLES = {"Secretary", "Minister", "Leader", "Official", "Envoy"}
_SENTENCE_START_STOP = {"Regarding", "According", "Asked", "Speaking", "Following", "Despite", "Under", "Amid"}


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

    def to_dict(self) -> dict:
        """The official as it appears in a record's ``officials`` list."""
        out = {"name": self.name, "title": self.title, "country": self.country,
               "mentions": [list(m) for m in sorted(set(self.mentions))]}
        if self.known_as and self.known_as != self.name:
            out["known_as"] = self.known_as
        if self.title_evidence:
            out["title_evidence"] = list(self.title_evidence)  # where the text gives the office
        return out


def name_key(name: str) -> frozenset[str]:
    """The set of lower-case name tokens without dots and honorifics: how we compare names.

    Examples
    --------
    >>> sorted(name_key("Antony J. Blinken"))
    ['antony', 'blinken', 'j']
    >>> name_key("António Costa") == name_key("Antonio Costa")
    True
    >>> name_key("KAMIKAWA Yoko") == name_key("Yoko Kamikawa")
    True
    >>> name_key("Sheikh Mohamed bin Zayed") == name_key("Mohamed bin Zayed"), sorted(name_key("Sheikh Hasina"))
    (True, ['hasina', 'sheikh'])
    """
    words = name.split()
    words = words[_names.leading_honorifics(words, also=_ADDRESS_WORDS):] or words
    tokens = re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", fold(" ".join(words)))
    key = frozenset(t for t in tokens if t not in _ADDRESS_WORDS)
    if len(key - _STYLES) >= 3:
        key -= _STYLES  # "Sheikh Mohamed bin Zayed" is Mohamed bin Zayed; "Sheikh Hasina" keeps her name
    return key


def _after_honorifics(doc: Doc, i: int, end: int | None = None, *, also: frozenset[str] = frozenset()) -> int:
    """The first token index from `i` (before `end`) that is not an honorific or a word in `also`."""
    end = len(doc) if end is None else end
    return i + _names.leading_honorifics([t.text for t in doc[i:min(end, i + 8)]], also=also)


#: Letters after a name in Westminster styles: "Richard Marles MP", "Judith Collins KC".
POSTNOMINALS = frozenset({"MP", "KC", "QC", "MLA", "MPP", "MHA", "MSP", "MS", "AC", "AO", "AM", "CBE", "OBE", "MBE",
                          "KCMG", "GCMG", "PC", "ONZM", "CNZM"})
_STYLES = frozenset(fold(s) for s in _names.STYLES) | {"emir", "prince", "princess"}


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
    """The state of one document's search for officials."""

    def __init__(self, doc: Doc, actors, anchor: date | None):
        self.doc = doc
        self.actors = actors
        self.anchor = anchor
        self.titles = list(doc.spans["dg_titles"]) if "dg_titles" in doc.spans else []
        self.countries = list(doc.spans["dg_countries"]) if "dg_countries" in doc.spans else []
        self.known = list(doc.spans["dg_actors"]) if "dg_actors" in doc.spans else []
        self.title_at = {sp.start: sp for sp in self.titles}
        self.title_end_at = {sp.end: sp for sp in self.titles}
        self.country_end_at = {sp.end: sp for sp in self.countries}
        self.country_start_at = {sp.start: sp for sp in self.countries}
        self.blocked = set()
        for group in ("dg_titles", "dg_countries", "dg_places"):
            for sp in doc.spans.get(group, []):
                self.blocked.update(range(sp.start, sp.end))
        self.officials: list[Official] = []
        self.by_key: dict[frozenset, int] = {}
        self.mention_of: dict[int, int] = {}

    # -- main -------------------------------------------------------------------------
    def run(self) -> list[Official]:
        candidates = self._titled() + self._appositive() + self._counterparts() + self._known()
        last = self.doc[-1] if len(self.doc) else None
        if last is not None and last.is_alpha and not last.whitespace_:
            # an excerpt cut off in mid-name ("I spoke to Prime Minister Netany"): not a name we can trust
            candidates = [c for c in candidates if c["end"] < len(self.doc)]
        candidates.sort(key=lambda c: (c["start"], -(c["end"] - c["start"])))
        # full names first, so surname-only candidates can attach to them
        for cand in sorted(candidates, key=lambda c: (len(c["key"]) < 2, c["start"])):
            self._add(cand)
        self._surname_mentions()
        self._role_mentions()
        self._finish()
        order = sorted(range(len(self.officials)), key=lambda i: min(self.officials[i].mentions or [(10**9, 0)]))
        remap = {old: new for new, old in enumerate(order)}
        self.doc._.dg_mention_of = {t: remap[i] for t, i in self.mention_of.items()}
        return [self.officials[i] for i in order]

    # -- candidates ----------------------------------------------------------------------
    def _titled(self) -> list[dict]:
        """Title followed by a name: "Foreign Minister Yoko Kamikawa", "Secretary Blinken"."""
        out = []
        doc = self.doc
        for title in self.titles:
            i = title.end
            label = title.label_
            if i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].lower_.rstrip(".") in ("the", "hon", "rt") \
                    and i + 2 < len(doc) and doc[i + 2].lower_.rstrip(".") in ("hon", "rt", "honourable", "honorable"):
                i += 1 + (doc[i + 1].lower_ == "the")  # "Minister of Defence, the Hon Judith Collins KC"
            if i + 1 < len(doc) and doc[i].text in ("-", "–") and doc[i + 1].lower_ == "elect":
                i += 2  # "President-elect Donald Trump": elected, not yet in office
                label += "-elect"
            country_after = None
            if i + 1 < len(doc) and doc[i].lower_ == "of":
                # "President of Kazakhstan Kassym-Jomart Tokayev", "President of the United States H.E. Mr. ..."
                k = i + 1 + (doc[i + 1].lower_ == "the")
                if k in self.country_start_at:
                    country_after = self.country_start_at[k].label_
                    i = self.country_start_at[k].end
            if i + 1 < len(doc) and doc[i].lower_ == "to":
                # "Chinese Ambassador to Vietnam Ha Vi", "High Commissioner of Pakistan to Sri Lanka": the posting
                k = i + 1 + (doc[i + 1].lower_ == "the")
                if k in self.country_start_at:
                    i = self.country_start_at[k].end
            if country_after and i + 1 < len(doc) and doc[i].text == ",":
                # "The High Commissioner of Pakistan to Sri Lanka, Maj. Gen. (Rtd) Umar Farooq Burki, has ..."
                k = i + 1
                while k < len(doc) and (doc[k].lower_.rstrip(".") in _RANKS or doc[k].text in ("(", ")", ".")):
                    k += 1
                end = self._name_end(k)
                if end - k >= 2 and end < len(doc) and doc[end].text == ",":
                    i = k
            i = _after_honorifics(doc, i)
            j = self._name_end(i)
            if j == i and i + 1 < len(doc) and doc[i].text == "," and not doc[title.start].is_lower:
                # "Tonga's Prime Minister, Siaosi Sovaleni", "the Speaker of the House, Paul Ryan."
                end = self._name_end(i + 1)
                if end - (i + 1) >= 2 and (end >= len(doc) or doc[end].is_punct or doc[end].pos_ in ("VERB", "AUX")
                                           or doc[end].lower_ in ("to", "on", "in", "at", "and")):
                    i, j = i + 1, end
            if j - i > 1 and doc[j - 1].text in POSTNOMINALS:
                j -= 1  # "Judith Collins KC"
            if j == i:
                continue
            if j < len(doc) and doc[j].lower_ in _ORG_WORDS:
                continue  # "Director General Strategic Plans Division": an office's name, not a person's
            if doc[title.start].is_lower and not (j - i >= 2):
                continue  # "the foreign minister Sunday" is not a name
            name_span = doc[i:j]
            country, cspan = self._country_around(title)
            country = country or country_after or self._country_after_name(j)
            out.append(self._cand(name_span, label, country, title))
        return out

    def _counterparts(self) -> list[dict]:
        """"his Chinese counterpart Wang Yi": the same office as the official whose counterpart they are."""
        out = []
        doc = self.doc
        for tok in doc:
            if tok.lower_ not in ("counterpart", "counterparts") or tok.i + 1 >= len(doc):
                continue
            start = tok.i + 1
            if doc[start].text == "," and start + 1 < len(doc):
                start += 1  # "his Singapore counterpart, Dr Ng Eng Hen."
                start = _after_honorifics(doc, start)
            j = self._name_end(start)
            if j == start:
                continue
            country = None
            k = tok.i - 1
            if k >= 0 and k + 1 in self.country_end_at:
                country = self.country_end_at[k + 1].label_
            owner_title = None
            for title in reversed(self.titles):
                if title.start < tok.i and title.label_ not in _GENERIC_TITLES:
                    owner_title = title.label_
                    break
            cand = self._cand(doc[start:j], None, country, None)
            cand["counterpart_of"] = owner_title
            out.append(cand)
        return out

    def _appositive(self) -> list[dict]:
        """A name followed by ", [the] [Country] Title [of Country]"."""
        out = []
        doc = self.doc
        for span in self._name_spans():
            k = span.end
            if k < len(doc) and doc[k].text in POSTNOMINALS:
                k += 1  # "the Hon Richard Marles MP, Deputy Prime Minister"
            if k >= len(doc) or doc[k].text != ",":
                continue
            k += 1
            if k < len(doc) and doc[k].lower_ in ("the", "a"):
                k += 1
            country = None
            if k in self.country_start_at:
                country = self.country_start_at[k].label_
                k = self.country_start_at[k].end
                if k < len(doc) and doc[k].text in ("'s", "’s"):
                    k += 1
            title = self.title_at.get(k)
            if title is None:
                continue
            after = title.end
            after = _after_honorifics(doc, after)
            if self._name_end(after) > after:
                continue  # "Joe Biden, Japanese Prime Minister Fumio Kishida": the title is Kishida's
            c2, _ = self._country_around(title)
            if c2 is None and after < len(doc) and doc[after].lower_ == "to":
                for k2 in range(after + 1, min(after + 7, len(doc) - 1)):  # "Adviser to the President of Brazil"
                    if doc[k2].lower_ == "of":
                        k3 = k2 + 1 + (doc[k2 + 1].lower_ == "the")
                        if k3 in self.country_start_at:
                            c2 = self.country_start_at[k3].label_
                        break
            out.append(self._cand(span, title.label_, country or c2, title))
        return out

    def _known(self) -> list[dict]:
        """Names the actor dictionary knows, and PERSON entities, without a title nearby."""
        out = []
        for span in self.known:
            cand = self._cand(span, None, None, None, known=span.label_)
            if any(t in self.blocked for t in range(span.start, span.end)):
                # "King Charles" (an alias that includes a title): the dictionary's name for them
                cand.update(name=span.label_, key=name_key(span.label_))
            out.append(cand)
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and not any(t.i in self.blocked for t in ent):
                span = self._trim(ent)
                if span is not None:
                    out.append(self._cand(span, None, None, None, bare=True))
        return out

    def _name_spans(self):
        """Possible name spans: PERSON entities, dictionary names, SURNAME-first forms."""
        spans = [self._trim(e) for e in self.doc.ents if e.label_ == "PERSON"] + list(self.known)
        doc = self.doc
        for ent in self.doc.ents:  # the small model often calls a person followed by their office an ORG
            start = ent.start
            start = _after_honorifics(doc, start, ent.end, also=_ADDRESS_WORDS)  # "the Hon Richard Marles"
            e = doc[start:ent.end]
            end = e.end + (e.end < len(doc) and doc[e.end].text in POSTNOMINALS)  # "Richard Marles MP,"
            if ent.label_ in ("ORG", "GPE", "NORP", "PERSON") and 2 <= len(e) <= 4 and end < len(doc) and \
                    doc[end].text == "," and all(t.is_title and t.is_alpha and t.lower_ not in _NOT_NAME
                                                 and t.i not in self.blocked for t in e):
                spans.append(e)  # "Celso Amorim, Chief Advisor to the President of Brazil"
        for tok in doc:
            if tok.is_upper and tok.is_alpha and len(tok) > 2 and tok.i + 1 < len(doc) and doc[tok.i + 1].is_title \
                    and tok.i not in self.blocked and doc[tok.i + 1].i not in self.blocked:
                j = self._name_end(tok.i)
                if j - tok.i >= 2:
                    spans.append(doc[tok.i:j])
        return [s for s in spans if s is not None]

    def _cand(self, span: Span, title: str | None, country: str | None, title_span: Span | None,
              known: str | None = None, bare: bool = False) -> dict:
        from .titles import normalise_name

        text = span.text
        name = normalise_name(text) or text
        return {"start": span.start, "end": span.end, "name": name, "key": name_key(name), "title": title,
                "country": country, "title_span": title_span, "known": known, "bare": bare,
                "char": (span.start_char, span.end_char)}

    # -- merging ----------------------------------------------------------------------------
    def _add(self, cand: dict) -> None:
        key = cand["key"]
        if not key:
            return
        idx = self._match(key, cand)
        if idx is None:
            titled = cand["title"] or cand.get("counterpart_of")  # "counterpart" says they hold an office
            if cand["bare"] or (len(key) < 2 and not titled) or (cand["known"] is None and not titled):
                resolved = self._from_dictionary(cand)
                if resolved is None:
                    return
                cand = resolved
                idx = self._match(cand["key"], cand)
            if idx is None:
                self.officials.append(Official(name=cand["name"]))
                idx = len(self.officials) - 1
                self.by_key[cand["key"]] = idx
        off = self.officials[idx]
        if len(cand["key"]) > len(name_key(off.name)) and not cand.get("from_dictionary"):
            # the fuller form the text gives becomes the name
            old = name_key(off.name)
            off.name = cand["name"]
            self.by_key[name_key(off.name)] = idx
            self.by_key.setdefault(old, idx)
        if cand["title"] and not off.title:
            off.title = cand["title"]
            if cand["title_span"] is not None:
                off.title_evidence = (cand["title_span"].start_char, cand["title_span"].end_char)
        if cand["country"] and not off.country:
            off.country = cand["country"]
        if cand["known"] and not off.known_as:
            off.known_as = cand["known"]
        if cand.get("counterpart_of") and not off.counterpart_of:
            off.counterpart_of = cand["counterpart_of"]
        self._mention(idx, cand["start"], cand["end"])

    def _match(self, key: frozenset, cand: dict) -> int | None:
        """Index of the official this name refers to: same tokens, or a subset of a fuller name."""
        if key in self.by_key:
            return self.by_key[key]
        hits = set()
        for k, idx in self.by_key.items():
            if key <= k or (len(k) >= 2 and k <= key and len(key) - len(k) <= 1 and _compatible(key, k)):
                hits.add(idx)
        if len(hits) == 1:
            idx = hits.pop()
            off = self.officials[idx]
            if cand.get("country") and off.country and cand["country"] != off.country:
                return None
            return idx
        return None

    def _from_dictionary(self, cand: dict) -> dict | None:
        """Let the actor dictionary name a bare or surname-only mention of someone in office."""
        if self.actors is None:
            return None
        actor = self.actors.resolve(cand["name"], on=self.anchor, title=cand["title"])
        if actor is None or (self.anchor is not None and not actor.in_office(self.anchor)):
            return None
        out = dict(cand)
        out.update(name=actor.name if len(cand["key"]) < 2 else cand["name"], key=name_key(actor.name)
                   if len(cand["key"]) < 2 else cand["key"], known=actor.name, bare=False,
                   from_dictionary=len(cand["key"]) < 2)
        out["title"] = cand["title"] or actor.title
        out["country"] = cand["country"] or actor.country
        return out

    def _mention(self, idx: int, start: int, end: int) -> None:
        doc = self.doc
        off = self.officials[idx]
        off.mentions.append((doc[start].idx, doc[end - 1].idx + len(doc[end - 1])))
        off.tokens.append((start, end))
        for t in range(start, end):
            self.mention_of[t] = idx

    # -- later mentions ---------------------------------------------------------------------
    def _surname_mentions(self) -> None:
        """Every capitalised token equal to a known official's family name is a mention of them."""
        surnames: dict[str, set[int]] = {}
        for idx, off in enumerate(self.officials):
            parts = [p for p in re.split(r"\s+", off.name) if p]
            if not parts:
                continue
            forms = {parts[-1]}
            if len(parts) == 2 and off.country in _names.FAMILY_FIRST:
                forms.add(parts[0])
            for f in forms:
                surnames.setdefault(f.lower(), set()).add(idx)
        for tok in self.doc:
            if tok.i in self.mention_of or not (tok.is_title or tok.is_upper) or len(tok) < 3:
                continue
            prev = self.doc[tok.i - 1] if tok.i > 0 else None
            if prev is not None and prev.is_title and prev.i not in self.blocked and prev.lower_ not in _NOT_NAME \
                    and prev.i not in self.mention_of and not prev.is_sent_start and prev.pos_ == "PROPN":
                continue  # "Brigitte Macron" is not Emmanuel Macron
            owners = surnames.get(tok.lower_)
            if owners and len(owners) == 1:
                if tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].is_title and self.doc[tok.i + 1].i not in self.blocked \
                        and self.doc[tok.i + 1].lower_ not in _NOT_NAME:
                    continue  # "Blinken Stress" is fine, but "Wang Qishan" is another Wang
                self._mention(next(iter(owners)), tok.i, tok.i + 1)

    def _role_mentions(self) -> None:
        """"the Secretary", "the foreign minister": the one official of the document with that title."""
        doc = self.doc
        from .countries import country_code, is_demonym

        for title in self.titles:
            k = title.start  # "the visiting Prime Minister", "the Australian Prime Minister"
            mods = []
            while k > 0 and len(mods) < 2 and doc[k - 1].dep_ == "amod" and doc[k - 1].lower_ != "the":
                k -= 1
                mods.append(doc[k])
            if k == 0 or doc[k - 1].lower_ != "the":
                continue
            if title.end < len(doc) and (doc[title.end].is_title and doc[title.end].i not in self.blocked):
                continue
            if title.end < len(doc) and doc[title.end].lower_ == "of":
                continue
            if doc[title.end - 1].tag_ in ("NNS", "NNPS") or doc[title.end - 1].text.endswith("s") and \
                    doc[title.end - 1].lower_ not in ("affairs",) and not doc[title.end - 1].lower_.endswith("ss"):
                continue  # plural: "the foreign ministers"
            owners = [i for i, off in enumerate(self.officials) if off.title == title.label_]
            if not owners and title.label_ in _GENERIC_TITLES:
                # "the Secretary" is the document's one Secretary of State (or of anything)
                word = title.label_.lower()
                owners = [i for i, off in enumerate(self.officials) if off.title and word in off.title.lower().split()]
            for mod in mods:
                code = country_code(mod.text) if is_demonym(mod.text) else None
                home = self._home_country() if mod.lower_ in ("visiting", "host", "hosting") else None
                if code:
                    owners = [i for i in owners if self.officials[i].country == code]
                elif home and mod.lower_ == "visiting":
                    owners = [i for i in owners if self.officials[i].country and self.officials[i].country != home]
                elif home:
                    owners = [i for i in owners if self.officials[i].country == home]
            if not owners and doc[title.start].is_title and not mods:
                owners = self._implicit_holder(title)
            if len(owners) == 1 and not any(t in self.mention_of for t in range(k - 1, title.end)):
                self._mention(owners[0], k - 1, title.end)

    def _implicit_holder(self, title: Span) -> list[int]:
        """"The Prime Minister" of a readout that never names them: the office holder of its country."""
        if self.actors is None or self.anchor is None:
            return []
        home = self._home_country()
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

    def _home_country(self) -> str | None:
        """The country a report speaks from: its dateline, or a government place in its first lines."""
        if not hasattr(self, "_home"):
            self._home = self._find_home_country()
        return self._home

    def _find_home_country(self) -> str | None:
        """Work out ``_home_country`` (once per document)."""
        doc = self.doc
        first = list(itertools.islice(doc.sents, 4))
        end = first[-1].end if first else 0
        for sp in doc.spans.get("dg_places", []):
            if sp.start < end:
                return sp.label_.partition("|")[2] or None
        dateline = doc._.dg_dateline
        if dateline:
            from .places import place_for

            place = place_for(dateline)
            if place is not None:
                return place.country
        return None

    def _finish(self) -> None:
        """Fill title and country from the dictionary and from titles that imply a country."""
        for off in self.officials:
            actor = None
            if self.actors is not None and (not off.country or not off.title):
                actor = self.actors.resolve(off.known_as or off.name, on=self.anchor, country=off.country)
            if actor is None and self.actors is not None and off.title:
                actor = self.actors.resolve(off.known_as or off.name, on=self.anchor, country=off.country)
            if actor is not None and name_key(actor.name) & name_key(off.name):
                off.country = off.country or actor.country
                in_office = actor.in_office(self.anchor)
                if (not off.title or off.title in _GENERIC_TITLES) and in_office:
                    off.title = actor.title
                elif off.title and in_office and actor.title.lower().startswith(off.title.lower() + " of "):
                    off.title = actor.title  # "Commission President von der Leyen": President of the European Commission
                off.known_as = off.known_as or actor.name
            if len(off.name.split()) == 1 and off.known_as and name_key(off.name) <= name_key(off.known_as):
                off.name = off.known_as  # "Secretary Blinken" is Antony Blinken
            if not off.title and off.counterpart_of:
                off.title = _counterpart_title(off.counterpart_of, off.country)
            if not off.country and off.title in _TITLE_COUNTRY:
                off.country = _TITLE_COUNTRY[off.title]
        home = self._home_country()
        if home:
            taken = {(o.title, o.country) for o in self.officials if o.country}
            open_ = [o for o in self.officials if not o.country and o.title in _NATIONAL_OFFICES]
            if len(open_) == 1 and (open_[0].title, home) not in taken:
                # "Foreign Minister Hasan Mahmud said ..." in a report from Dhaka: Bangladesh's. With two such
                # officials, which one is the host's is a guess: none is made
                open_[0].country = home
                open_[0].rules.append("country.home")

    # -- helpers ------------------------------------------------------------------------------
    def _country_around(self, title: Span) -> tuple[str | None, Span | None]:
        """The country a title belongs to: "U.S. Secretary", "Japan's Foreign Minister", "... of Japan"."""
        doc = self.doc
        k = title.start
        if k > 0 and doc[k - 1].text in ("'s", "’s"):
            k -= 1
        sp = self.country_end_at.get(k)
        if sp is None and k > 0 and doc[k - 1].text == "-":
            sp = None
        if sp is not None:
            return sp.label_, sp
        k = title.end
        if k + 1 < len(doc) and doc[k].lower_ == "of":
            k += 1
            if doc[k].lower_ == "the":
                k += 1
            sp = self.country_start_at.get(k)
            if sp is not None:
                return sp.label_, sp
        return self._listed_country(title), None

    def _listed_country(self, title: Span) -> str | None:
        """A possessive country shared by a list of offices: in "New Zealand's Deputy Prime Minister,
        the Rt Hon Winston Peters, and Minister of Defence, the Hon Judith Collins", both are New
        Zealand's. Only a title right after ", and" inherits it, from the list's first title."""
        doc = self.doc
        if title.start < 2 or doc[title.start - 1].lower_ != "and" or doc[title.start - 2].text != ",":
            return None
        sent_start = doc[title.start].sent.start
        for k in range(title.start - 3, max(sent_start, title.start - 20) - 1, -1):
            if doc[k].text in ("'s", "’s") and k in self.country_end_at:
                between = doc[k + 1:title.start]
                if any(t.i in self.country_start_at for t in between) or any(t.text in (";", ".") for t in between):
                    return None
                return self.country_end_at[k].label_
        return None

    def _country_after_name(self, j: int) -> str | None:
        """ "Prime Minister Anthony Albanese of Australia": the country after the name."""
        doc = self.doc
        if j + 1 < len(doc) and doc[j].lower_ == "of":
            k = j + 1 + (doc[j + 1].lower_ == "the")
            sp = self.country_start_at.get(k)
            if sp is not None:
                return sp.label_
        return None

    def _name_end(self, i: int) -> int:
        """End of the run of name tokens starting at token `i` (i itself when none)."""
        doc = self.doc
        j = i
        while j < len(doc) and j - i < 6:
            tok = doc[j]
            if self._is_name_token(tok, first=(j == i)) or (j == i and self._is_pronoun_surname(tok)):
                j += 1
                continue
            if j > i and tok.text in ("-", "‐") and not doc[j - 1].whitespace_ and j + 1 < len(doc) \
                    and doc[j + 1].text[:1].isalpha():
                j += 2
                continue
            if j > i and _names.is_particle(tok.text) and j + 1 < len(doc) and self._is_name_token(doc[j + 1], first=False):
                j += 1
                continue
            break
        while j > i and (_names.is_particle(doc[j - 1].text) or doc[j - 1].text in ("-",)):
            j -= 1
        return j

    def _is_pronoun_surname(self, tok: Token) -> bool:
        """A family name spelt like a pronoun ("Vice Premier He Lifeng"): capitalised
        mid-sentence, one of the family-first surnames, before a name."""
        nxt = tok.i + 1
        return (tok.text == tok.text.title() and not tok.is_sent_start and tok.lower_ in _names.FAMILY_FIRST_SURNAMES
                and nxt < len(self.doc) and self._is_name_token(self.doc[nxt], first=False))

    def _is_name_token(self, tok: Token, *, first: bool) -> bool:
        text = tok.text
        if tok.i in self.blocked or tok.lower_ in _name_stop_words():
            return False
        if re.fullmatch(r"(?:[A-Z]\.){1,3}", text):
            return True
        if text in _ROMAN and not first:
            return True
        if not text[:1].isupper() or not any(c.isalpha() for c in text):
            return False
        if tok.lower_ in _NOT_NAME or text in _SENTENCE_START_STOP:
            return False
        if tok.like_num or "'" in text[1:] and not re.match(r"^[A-Z]'[A-Z]", text):
            return False
        return True

    def _trim(self, span: Span) -> Span | None:
        """A PERSON entity without leading honorifics and trailing possessives, or None."""
        doc = self.doc
        s, e = span.start, span.end
        s = _after_honorifics(doc, s, e, also=_ADDRESS_WORDS)
        while e > s and doc[e - 1].text in ("'s", "’s", "'", "’"):
            e -= 1
        if e <= s or any(doc[t].i in self.blocked for t in range(s, e)):
            return None
        if not all(self._is_name_token(doc[t], first=t == s) or doc[t].text in "-" or _names.is_particle(doc[t].text)
                   for t in range(s, e)):
            return None
        return doc[s:e]


# The same office under its national name, for "counterpart" mentions.
_FOREIGN_MINISTER_BY_COUNTRY = {"USA": "Secretary of State", "GBR": "Foreign Secretary", "IND": "External Affairs Minister"}


def _counterpart_title(owner_title: str, country: str | None) -> str | None:
    """The office of someone's counterpart: a foreign minister's counterpart is their country's foreign minister.

    Examples
    --------
    >>> _counterpart_title("External Affairs Minister", "SGP"), _counterpart_title("Foreign Minister", "USA")
    ('Foreign Minister', 'Secretary of State')
    >>> _counterpart_title("Prime Minister", "JPN"), _counterpart_title("Defence Minister", "IND")
    ('Prime Minister', 'Defence Minister')
    """
    from .titles import title_kind

    try:
        kind = title_kind(owner_title.replace("Defence", "Defense"))  # the table knows one spelling
    except LookupError:
        return None
    if kind == "foreign_minister":
        return _FOREIGN_MINISTER_BY_COUNTRY.get(country or "", "Foreign Minister")
    if owner_title in ("Prime Minister", "President", "Defense Minister", "Defence Minister", "Finance Minister",
                       "Trade Minister", "National Security Adviser"):
        return owner_title
    return None


def _name_stop_words() -> set[str]:
    """Words that end a run of capitalised name tokens (headline verbs: "Xi Jinping Holds Talks")."""
    from .meetings import load_triggers

    return load_triggers()["name_stop_words"]


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
