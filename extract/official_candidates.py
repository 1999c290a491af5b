"""Candidate officials in one document: the places where a name stands with an office.

Four searches, each a plain function of the document's index (`DocIndex`: its title, country
and actor spans and which tokens can be part of a name): a title before a name ("Foreign
Minister Yoko Kamikawa"), a name before an appositive title ("KAMIKAWA Yoko, Minister for
Foreign Affairs of Japan"), "his counterpart X", and names the actor dictionary or the model
knows. Each gives `Candidate` records; deciding which candidates are one official, and which
are officials at all, is ``extract.officials``'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from .norm import names as _names
from .norm.text import fold
from .titles import said_as_plural

__all__ = ["Candidate", "DocIndex", "find_candidates", "name_key", "POSTNOMINALS", "GENERIC_TITLES", "NOT_NAME_WORDS",
           "RANKS"]

#: A name word with an apostrophe: "O'Neill", a Pacific glottal stop written as one ("Mata'afa", "Tupouto'a"); not
#: a possessive.
_APOSTROPHE_NAME = re.compile(r"^[A-Z]'[A-Z]|^[A-Z][a-z]+'[a-rt-z][a-z]*$")

#: Words dropped with the honorifics before a name in a key or a PERSON entity ("the Hon ...").
_ADDRESS_WORDS = frozenset({"the", "minister"})
_ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XVI", "Jr.", "Sr.", "Jr"}
NOT_NAME_WORDS = {"the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as", "but",
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
             "white", "kremlin", "protocol", "councillor", "councilor", "parliament", "congress", "senate", "party",
             "forces", "army", "navy", "union",
             "republic", "kingdom", "nations", "united", "group", "bank", "fund", "organization", "organisation",
             "alliance", "forum", "dialogue", "strait", "sea", "ocean", "gulf", "east", "west", "north", "south",
             "division", "directorate", "bureau", "commission", "committee", "authority", "secretariat", "national",
             "extraordinary", "plenipotentiary", "staff", "command", "corps", "institute", "university", "embassy",
             "middle", "central", "southeast", "indo-pacific", "pacific", "atlantic", "european", "african", "asian",
             "court", "palace"}
# Words that end an organisation's name: a "name" right before one is the organisation's.
_ORG_WORDS = {"division", "directorate", "department", "ministry", "office", "bureau", "agency", "authority",
              "commission", "committee", "council", "secretariat", "institute", "corporation", "company", "bank",
              "fund", "board", "service", "services", "wing", "cell", "unit", "centre", "center", "programme",
              "program"}
# Military and police ranks before a name in an appositive ("Maj. Gen. (Rtd) Umar Farooq Burki").
_RANKS = {"maj", "gen", "lt", "col", "brig", "adm", "vice", "rear", "air", "marshal", "capt", "cdr", "rtd", "retd",
          "retired", "general", "major", "colonel", "admiral", "brigadier", "lieutenant", "commodore", "navy", "army"}
RANKS = frozenset(_RANKS)
# Words that say how or when an office was taken, between an appositive's comma and its title
# ("Andrew Turner, newly-appointed resident Ambassador of Canada", "X, the outgoing Ambassador").
_APPOINTMENT_WORDS = {"new", "newly", "appointed", "newly-appointed", "incoming", "outgoing", "resident",
                      "non-resident", "accredited", "designated", "then", "current", "-"}
# Offices too vague to keep when the actor dictionary knows the person's real one ("Secretary Blinken").
GENERIC_TITLES = {"Secretary", "Minister", "Leader", "Official", "Envoy"}
_SENTENCE_START_STOP = {"Regarding", "According", "Asked", "Speaking", "Following", "Despite", "Under", "Amid"}


@dataclass
class Candidate:
    """One place where the text names a possible official.

    Attributes
    ----------
    start, end : the name's token span.
    name : the name, normalised (honorifics dropped, Western order).
    key : `name_key` of the name.
    title : the office the text gives with the name, if any.
    country : the country the words around the title or name give, if any.
    title_span : where the title is, for the official's ``title_evidence``.
    known : the actor dictionary's name for this person, when it matched the text.
    bare : a PERSON entity with no office near it (kept only if the dictionary knows them).
    counterpart_of : for "his counterpart X", the office of the official X is counterpart of.
    counterpart : named as someone's counterpart (an office holder, even when the office is not said).
    from_dictionary : the name was replaced by the dictionary's (a surname-only mention).
    """

    start: int
    end: int
    name: str
    key: frozenset[str]
    title: str | None = None
    country: str | None = None
    title_span: Span | None = None
    known: str | None = None
    bare: bool = False
    counterpart_of: str | None = None
    counterpart: bool = False
    from_dictionary: bool = False
    country_rule: str | None = None  # the rule behind `country` when the words alone do not say it


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
    # words with the dots the model split off put back ("Rt" "." "Hon" "." -> "Rt." "Hon."), and where each starts
    words: list[str] = []
    starts: list[int] = []
    for t in doc[i:min(end, i + 10)]:
        if t.text == "." and words and not doc[t.i - 1].whitespace_:
            words[-1] += "."
        else:
            words.append(t.text)
            starts.append(t.i)
    n = _leading_honorifics(tuple(words), also)
    k = starts[n] if n < len(starts) else min(end, i + 10)
    if k + 3 < end and doc[k].text == "(" and doc[k + 2].text == ")" and _names.is_honorific(doc[k + 1].text):
        k = _after_honorifics(doc, k + 3, end, also=also)  # "Ambassador HE (Dr) Hadi Farajvan"
    return k


@lru_cache(maxsize=65536)
def _leading_honorifics(words: tuple[str, ...], also: frozenset[str]) -> int:
    """``leading_honorifics`` remembered: the same few words open many names of a corpus."""
    return _names.leading_honorifics(list(words), also=also)


#: Words that end the name of a body an office belongs to ("Secretary-General of the Élysée Palace").
_BODY_HEADS = frozenset({"palace", "treasury", "chancellery", "presidency", "cabinet", "government", "parliament",
                         "party", "assembly", "senate", "house", "court", "mission", "embassy", "command", "forces"})

#: One token of initials glued to a name: "S.Batbold", "S.E.Cheremin", "D.Gankhuyag".
#: Words of a minister's portfolio, which a remit may list with commas ("Minister for Justice, Communications
#: and Foreign Affairs, Paulson Panapa"): a comma-separated part made of these is the remit's, not a name.
_PORTFOLIO_WORDS = frozenset({
    "affairs", "foreign", "home", "internal", "external", "justice", "communications", "communication", "defence",
    "defense", "security", "national", "trade", "industry", "industries", "commerce", "investment", "finance",
    "economy", "economic", "planning", "development", "agriculture", "fisheries", "forestry", "livestock", "food",
    "environment", "climate", "change", "energy", "mines", "mining", "resources", "natural", "water", "land",
    "lands", "housing", "infrastructure", "transport", "works", "public", "health", "education", "culture",
    "tourism", "sport", "sports", "youth", "women", "gender", "labour", "labor", "employment", "immigration",
    "information", "technology", "science", "innovation", "digital", "rural", "urban", "local", "regional",
    "cooperation", "co-operation", "integration", "international", "relations", "veterans", "heritage", "arts",
    "social", "welfare", "family", "interior", "disaster", "management", "emergency", "civil", "aviation",
    "maritime", "ocean", "oceans", "waterways", "sustainability", "services", "administration", "reform",
    "postal", "telecommunications", "broadcasting", "religious", "legal", "constitutional", "parliamentary",
    "diaspora", "worship", "commonwealth", "european", "union", "policy", "fiscal", "revenue", "treasury",
    "petroleum", "gas", "oil", "power", "electricity", "research", "higher", "training", "skills", "industrial",
    "production", "statistics", "population", "minerals", "wildlife", "conservation", "strategic", "hydrocarbons",
    "transportation", "solidarity", "humanitarian", "human", "rights", "minorities", "overseas", "pacific", "caribbean",
    "african", "arab", "gulf", "consumer", "protection", "entrepreneurship", "enterprise", "enterprises", "export",
    "exports", "promotion", "shipping", "ports", "railways", "roads", "highways", "intelligence", "affairs"})

#: The forms of address of one word, and the first two words of longer ones, as written (also without their
#: dots): only a token among the first, or a pair among the second, may open one.
_HONORIFIC_WORDS = frozenset(w for h in _names.HONORIFICS if " " not in h for w in (h, h.rstrip(".'’")))
_HONORIFIC_PAIRS = frozenset((a, b) for h in _names.HONORIFICS if " " in h
                             for a in (h.split()[0], h.split()[0].rstrip(".'’")) for b in (h.split()[1],))

#: An acronym in brackets inside an office as written: "Cabinet Secretary (CS) for Defence".
_NICKNAME = re.compile(r"\s+[\"“‘'][A-Z][\w.-]{0,20}[\"”’']\s+")
_ACRONYM = re.compile(r"\s*\([A-Z]{2,6}\)")

_INITIAL_NAME = re.compile(r"^(?:[A-Z]\.){1,2}[A-Z][a-z]{2,}$")

#: Bodies that serve an office named after them ("the Office of the Prime Minister", "the Cabinet of the President").
_SERVING_BODIES = frozenset({"office", "cabinet", "secretariat", "staff", "chancellery"})

#: Offices that are also a diplomat's rank, worn after another office ("Foreign Secretary of Nepal, Ambassador X").
_RANK_OFFICES = frozenset({"Ambassador"})
#: Bodies whose possessive may stand between "the" and an office: "X, the ministry's director general".
_BODY_POSSESSORS = frozenset({"ministry", "department", "government", "agency", "country", "nation", "bank",
                              "organisation", "organization", "commission", "council", "party", "army"})
#: Envoys whose "for Country" is their remit, not their own country.
_REMIT_ENVOYS = frozenset({"Special Representative", "Special Envoy", "Envoy", "Special Coordinator",
                           "Special Adviser", "Special Advisor"})
#: A word before an office the title table matched without it: "State Minister of Agriculture".
_OFFICE_PREFIXES = frozenset({"state", "deputy", "vice", "assistant", "junior", "senior", "acting"})
#: Words that open a list of counterparts: "her counterparts, namely A of X; B of Y", "counterparts such as ...".
_LIST_LEADS = (("namely",), ("such", "as"), ("including",), ("viz",))
#: Offices the title table holds without a portfolio, whose "of ..." remit may run into the name.
_BARE_OFFICES = frozenset({"Minister", "Secretary", "Deputy Minister", "Vice Minister", "Cabinet Secretary"})

#: Offices of a city or region, written "Mayor of Ulaanbaatar S.Batbold".
_CITY_OFFICES = frozenset({"Mayor", "Governor", "Deputy Mayor"})

#: Letters after a name in Westminster styles: "Richard Marles MP", "Judith Collins KC"; Nigeria's national
#: honours ("Mohammed Badaru Abubakar CON").
POSTNOMINALS = frozenset({"MP", "KC", "QC", "MLA", "MPP", "MHA", "MSP", "MS", "AC", "AO", "AM", "CBE", "OBE", "MBE",
                          "KCMG", "GCMG", "PC", "ONZM", "CNZM", "GCFR", "GCON", "CON", "OFR", "MFR", "OON"})
_STYLES = frozenset(fold(s) for s in _names.STYLES) | {"emir", "prince", "princess"}


def country_before(doc: Doc, country_end_at: dict[int, Span], start: int) -> Span | None:
    """The country span right before token `start`, possessive or not: "U.S. Secretary",
    "Japan's Foreign Minister", "the Samoan Prime Minister"; None when there is none."""
    k = start - (start > 0 and doc[start - 1].text in ("'s", "’s"))
    return country_end_at.get(k)


def country_within(countries: list[Span], tokens: set[int]) -> str | None:
    """The code of the first country span whose tokens all lie in `tokens` (a phrase's token indices): the
    country of "a Fijian delegation", "the delegation of Peru"; None when there is none."""
    return next((sp.label_ for sp in countries if all(k in tokens for k in range(sp.start, sp.end))), None)


class DocIndex:
    """A document's title, country and actor spans, and the tests for name tokens around them."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.titles = list(doc.spans["dg_titles"]) if "dg_titles" in doc.spans else []
        self.countries = list(doc.spans["dg_countries"]) if "dg_countries" in doc.spans else []
        self.known = list(doc.spans["dg_actors"]) if "dg_actors" in doc.spans else []
        self.known_starts = {sp.start for sp in self.known}
        self.title_at = {sp.start: sp for sp in self.titles}
        self.title_end_at = {sp.end: sp for sp in self.titles}
        self.country_end_at = {sp.end: sp for sp in self.countries}
        self.country_start_at = {sp.start: sp for sp in self.countries}
        self.place_start_at = {sp.start: sp for sp in doc.spans.get("dg_places", [])}
        self._by_lower: dict[str, list[int]] | None = None
        self.blocked: set[int] = set()
        for group in ("dg_titles", "dg_countries", "dg_places"):
            for sp in doc.spans.get(group, []):
                self.blocked.update(range(sp.start, sp.end))

    def by_lower(self, word: str) -> list[int]:
        """Indices of the tokens whose lower-case form is `word` (the index made on the first call)."""
        if self._by_lower is None:
            self._by_lower = {}
            for i, low in enumerate(t.lower_ for t in self.doc):
                self._by_lower.setdefault(low, []).append(i)
        return self._by_lower.get(word, [])

    def country_around(self, title: Span) -> tuple[str | None, Span | None]:
        """The country a title belongs to: "U.S. Secretary", "Japan's Foreign Minister", "... of Japan"."""
        doc = self.doc
        sp = country_before(doc, self.country_end_at, title.start)
        if sp is not None:
            return sp.label_, sp
        first = self.title_end_at.get(title.start - 1) if title.start > 1 and \
            doc[title.start - 1].lower_ in ("and", "&") else None
        sp = country_before(doc, self.country_end_at, first.start) if first is not None else None
        if sp is not None:  # "Qatar's Deputy Prime Minister and Minister of Foreign Affairs": both offices Qatar's
            return sp.label_, sp
        k = title.end
        if k + 1 < len(doc) and doc[k].lower_ == "of":
            k += 1
            if doc[k].lower_ == "the":
                k += 1
            sp = self.country_start_at.get(k)
            if sp is not None:
                return sp.label_, sp
        inside = [c for c in self.countries if title.start < c.start and c.end <= title.end]
        if len(inside) == 1:  # "Member of the United States Congress"
            return inside[0].label_, inside[0]
        if title.start > 1 and doc[title.start - 1].text in ("'s", "’s"):
            for k in range(title.start - 2, max(-1, title.start - 6), -1):  # "the US State Department's envoy"
                if doc[k].is_punct or doc[k].lower_ in ("the", "a", "an"):
                    break
                if k in self.country_start_at and self.country_start_at[k].end < title.start - 1:
                    return self.country_start_at[k].label_, self.country_start_at[k]
        return self.listed_country(title), None

    def paired_country(self, second: Span) -> str | None:
        """ "Malaysian and Singaporean Foreign Ministers A and B": the first of two countries before a
        plural title, which is the first name's (the second is the second name's); None otherwise."""
        doc = self.doc
        k = second.start - 1
        if k < 1 or doc[k].lower_ != "and":
            return None
        first = self.country_end_at.get(k)
        if first is None or first.label_ == second.label_:
            return None
        return first.label_

    def listed_country(self, title: Span) -> str | None:
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

    def country_after_name(self, j: int) -> str | None:
        """ "Prime Minister Anthony Albanese of Australia": the country after the name."""
        doc = self.doc
        if j + 1 < len(doc) and doc[j].lower_ == "of":
            k = j + 1 + (doc[j + 1].lower_ == "the")
            sp = self.country_start_at.get(k)
            if sp is not None:
                return sp.label_
        return None

    def name_end(self, i: int) -> int:
        """End of the run of name tokens starting at token `i` (i itself when none)."""
        doc = self.doc
        j = i
        while j < len(doc) and j - i - sum(doc[k].text in ("-", "‐") for k in range(i, j)) * 2 < 6:
            tok = doc[j]  # at most six words; a hyphenated pair counts once ("Sabah Al-Ahmad Al-Jaber Al-Sabah")
            if j > i and len(doc[j - 1].text) > 2 and doc[j - 1].text.endswith(".") and doc[j - 1].text[0].isupper() \
                    and tok.tag_ in ("NNS", "NN", "NNPS"):
                break  # "his counterpart Samdech Techo Hun Sen. Officials of the two sides": "Sen." ended a sentence
            if self.is_name_token(tok, first=(j == i)) or (j == i and self.is_pronoun_surname(tok)):
                j += 1
                continue
            if j > i and tok.text in ("-", "‐") and not doc[j - 1].whitespace_ and j + 1 < len(doc) \
                    and doc[j + 1].text[:1].isalpha():
                j += 2
                continue
            if j > i and _names.is_particle(tok.text) and j + 1 < len(doc) and self.is_name_token(doc[j + 1], first=False):
                j += 1
                continue
            if j > i and _names.is_particle(tok.text) and not tok.whitespace_ and j + 2 < len(doc) and \
                    doc[j + 1].text in ("-", "‐") and self.is_name_token(doc[j + 2], first=False):
                j += 3  # "Mohammed al-Ghazali Sirraj": a particle hyphenated to the family name
                continue
            if j > i and tok.text in ('"', "“", "'", "‘") and j + 3 < len(doc) and \
                    doc[j + 1].text[:1].isupper() and doc[j + 2].text in ('"', "”", "'", "’") and \
                    self.is_name_token(doc[j + 3], first=False):
                j += 3  # 'President Ferdinand “Bongbong” Marcos Jr.': a nickname in quotation marks
                continue
            break
        while j > i and (_names.is_particle(doc[j - 1].text) or doc[j - 1].text in ("-",)):
            j -= 1
        return j

    def is_pronoun_surname(self, tok: Token) -> bool:
        """A family name spelt like a pronoun ("Vice Premier He Lifeng"): capitalised
        mid-sentence, one of the family-first surnames, before a name."""
        nxt = tok.i + 1
        return (tok.text == tok.text.title() and not tok.is_sent_start and tok.lower_ in _names.FAMILY_FIRST_SURNAMES
                and nxt < len(self.doc) and self.is_name_token(self.doc[nxt], first=False))

    def is_name_token(self, tok: Token, *, first: bool) -> bool:
        """Whether `tok` can be part of a name (capitalised, not blocked, not a stop word)."""
        text = tok.text
        if tok.i in self.blocked:
            return False
        # "Xi Jinping Holds Talks" ends at a verb; "Asaad bin Tarik al Said" goes on after a particle
        family = not first and text[:1].isupper() and tok.i > 0 and _names.is_particle(self.doc[tok.i - 1].text)
        if tok.lower_ in _name_stop_words() and not family:
            return False
        if re.fullmatch(r"(?:[A-Z]\.){1,3}", text):
            return True
        if text in _ROMAN and not first:
            return True
        if not text[:1].isupper() or not any(c.isalpha() for c in text):
            return False
        inside_person = not first and tok.ent_type_ == "PERSON" and tok.ent_iob_ == "I"  # "Thomas West"
        if (tok.lower_ in NOT_NAME_WORDS and not family and not inside_person) or text in _SENTENCE_START_STOP:
            return False
        if tok.like_num or "'" in text[1:] and not _APOSTROPHE_NAME.match(text):
            return False
        if text.isupper() and len(text) > 3 and _is_trigger_verb_form(tok.lower_):
            return False  # "MINISTER OF DEFENCE RECEIVED A DELEGATION": a headline's verb in capitals
        if first and text.istitle() and tok.lower_.endswith("s") and _is_trigger_verb_form(tok.lower_) and \
                tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ in ("with", "on", "in", "to"):
            return False  # "Defence Minister Confers with Ukrainian Ambassador": a title-case headline's verb
        return True

    def trim(self, span: Span) -> Span | None:
        """A PERSON entity without leading honorifics and trailing possessives, or None."""
        doc = self.doc
        s, e = span.start, span.end
        s = _after_honorifics(doc, s, e, also=_ADDRESS_WORDS)
        while e > s and doc[e - 1].text in ("'s", "’s", "'", "’"):
            e -= 1
        if e <= s or any(doc[t].i in self.blocked for t in range(s, e)):
            return None
        if not all(self.is_name_token(doc[t], first=t == s) or doc[t].text in "-" or _names.is_particle(doc[t].text)
                   for t in range(s, e)):
            return None
        while s > 0 and doc[s].is_lower and _names.is_particle(doc[s].text) and \
                self.is_name_token(doc[s - 1], first=True) and not _names.is_style(doc[s - 1].text):
            s -= 1  # the model's "bin Haitham al Said" was "Theyazin bin Haitham al Said": no name opens with "bin"
        return doc[s:e]

    def candidate(self, span: Span, title: str | None, country: str | None, title_span: Span | None,
              known: str | None = None, bare: bool = False) -> Candidate:
        """The candidate for the name in `span`, normalised, with what the text says around it."""
        from .titles import normalise_name

        text = _NICKNAME.sub(" ", span.text)  # 'Ferdinand “Bongbong” Marcos Jr.' is Ferdinand Marcos Jr.
        if len(span[-1]) > 3 and text.endswith(".") and span[-1].text[:-1].isalpha():
            text = text[:-1]  # "Defence Minister Dong Jun." at a sentence's end: "Jun." read as the month
        name = normalise_name(text) or text
        return Candidate(span.start, span.end, name, name_key(name), title, country, title_span, known, bare)


def find_candidates(ix: DocIndex) -> list[Candidate]:
    """Every candidate of the document: titled names, appositives, counterparts, then known names.

    Parameters
    ----------
    ix : the document's index.

    Returns
    -------
    Candidates in the order of the searches (callers sort them).
    """
    titled = _titled(ix)
    found = titled + _listed_alike(ix, titled) + _plural_office_list(ix) + _appositive(ix) + _counterparts(ix) + \
        _as_office(ix) + _known(ix)
    doc = ix.doc  # "the Lloyd Erskine Sandiford Conference Centre": a building named after someone
    return [c for c in found if not (c.end < len(doc) and doc[c.end].text in FACILITY_WORDS)
            and not _fathers_name(doc, c.start)]


#: Words that open the name of a person's late father inside a royal style ("... Waddaulah ibni Al-Marhum
#: Sultan Haji Omar 'Ali Saifuddien ..."): what follows, up to the next comma, names no one present.
_FATHER_WORDS = frozenset({"ibni", "marhum", "almarhum", "al-marhum"})


def _fathers_name(doc: Doc, start: int) -> bool:
    """Whether the name at `start` is a late father's, after "ibni" or "Al-Marhum" in the same part of a style."""
    for k in range(start - 1, max(-1, start - 13), -1):
        if doc[k].text in (",", ".", ";", "(") or "\n" in doc[k].text:
            return False
        if doc[k].lower_ in _FATHER_WORDS:
            return True
    return False


#: Words after a person's name that make it the name of a place or a body named after them.
FACILITY_WORDS = frozenset({"Centre", "Center", "Hall", "Airport", "Stadium", "Avenue", "Street", "Road", "Highway",
                            "Bridge", "Hospital", "Foundation", "Institute", "University", "School", "College",
                            "Library", "Museum", "Park", "Square", "Building", "Auditorium", "Memorial", "Conference",
                            "Boulevard", "Mausoleum", "Prize", "Award", "Scholarship", "Lecture", "Trust"})


def _as_office(ix: DocIndex) -> list[Candidate]:
    """ "Mohammed Obaid Al Zaabi presented his credentials as Ambassador Extraordinary and Plenipotentiary of the
    UAE": the subject of a verb whose "as" phrase is an office (capitalised) holds it."""
    doc, out = ix.doc, []
    for title in ix.titles:
        head = title.root
        if head.dep_ != "pobj" or head.head.lower_ != "as" or doc[title.start].is_lower or title.start < 1 or \
                doc[title.start - 1].lower_ != "as":
            continue
        verb = head.head.head
        if verb.pos_ == "NOUN" and verb.dep_ in ("dobj", "obj"):
            verb = verb.head  # "presented his credentials as Ambassador": the phrase hangs on the object
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if verb.pos_ not in ("VERB", "AUX") or subj is None or subj.ent_type_ != "PERSON":
            continue
        start = subj.left_edge.i
        while start < subj.i and doc[start].ent_type_ != "PERSON":
            start += 1
        end = ix.name_end(start)
        if end - start < 2 or end != subj.i + 1:
            continue
        country = ix.country_after_name(title.end) or ix.country_around(title)[0]
        if title.end + 1 < len(doc) and doc[title.end].lower_ == "of":
            k = title.end + 1 + (doc[title.end + 1].lower_ == "the")
            if k in ix.country_start_at:
                country = ix.country_start_at[k].label_
        out.append(ix.candidate(doc[start:end], title.label_, country, title))
    return out


#: Plural offices that may head a list of "Country Name" items, and the office each item then holds.
_PLURAL_OFFICES = {"ministers": "Minister", "secretaries": "Secretary", "ambassadors": "Ambassador",
                   "envoys": "Envoy", "presidents": "President", "premiers": "Premier", "diplomats": "Diplomat"}
#: Portfolio adjectives before such a plural office ("the foreign ministers of ...").
_OFFICE_QUALIFIERS = {"foreign": "Foreign", "defence": "Defence", "defense": "Defence", "finance": "Finance",
                      "trade": "Trade", "prime": "Prime", "interior": "Interior", "economy": "Economy"}


def _paired_appositive(ix: DocIndex, tok: Token, label: str | None) -> list[tuple[Span, str]]:
    """ "Russian and Ukrainian top diplomats, Sergey Lavrov and Pavel Klimkin": two countries, a plural office,
    two names in the same order. [(name span, country)], or [] when the words are not of that shape."""
    doc = ix.doc
    k = tok.i - 1
    while k >= 0 and doc[k].lower_ in _OFFICE_QUALIFIERS or k >= 0 and doc[k].lower_ == "top":
        k -= 1
    second = ix.country_end_at.get(k + 1)
    if second is None or second.start < 2 or doc[second.start - 1].lower_ != "and":
        return []
    first = ix.country_end_at.get(second.start - 1)
    if first is None or first.label_ == second.label_ or tok.i + 2 >= len(doc) or doc[tok.i + 1].text != ",":
        return []
    a = tok.i + 2
    a_end = ix.name_end(a)
    if a_end - a < 2 or a_end >= len(doc) or doc[a_end].lower_ != "and":
        return []
    b = a_end + 1
    b_end = ix.name_end(b)
    if b_end - b < 2:
        return []
    return [(doc[a:a_end], first.label_), (doc[b:b_end], second.label_)]


def _plural_office_list(ix: DocIndex) -> list[Candidate]:
    """ "the foreign ministers of Spain José Albares, Latvia Baiba Braže, and Switzerland Ignazio Cassis":
    each name after its country holds the office for that country."""
    doc, out = ix.doc, []
    for tok in doc:
        office = _PLURAL_OFFICES.get(tok.lower_)
        if office is None or tok.i + 2 >= len(doc):
            continue
        qualifier = _OFFICE_QUALIFIERS.get(doc[tok.i - 1].lower_) if tok.i > 0 else None
        label = f"{qualifier} {office}" if qualifier else office
        if tok.lower_ == "diplomats":
            label = "Foreign Minister" if tok.i > 0 and doc[tok.i - 1].lower_ == "top" else None
        k = tok.i + 2 + (doc[tok.i + 2].lower_ == "the") if doc[tok.i + 1].lower_ == "of" else -1
        items = []
        while k in ix.country_start_at:
            sp = ix.country_start_at[k]
            end = ix.name_end(sp.end)
            if end - sp.end < 2 or end - sp.end > 4 or doc[sp.end].pos_ != "PROPN":
                break
            items.append((doc[sp.end:end], sp.label_))
            k = end
            while k < len(doc) and doc[k].text in (",", "and"):
                k += 1
        if not items:
            items = _paired_appositive(ix, tok, label)
        if len(items) < 2 or not any(doc[sp.start].ent_type_ == "PERSON" or sp.start in ix.known_starts
                                     for sp, _ in items):
            continue  # one "Country Name" is the office of that country's holder, read elsewhere; and some
            # name must be a person's (the model tags "Spain José Albares" an organisation)
        for span, code in items:
            out.append(ix.candidate(span, label, code, None))
            out[-1].country_rule = "country.listed_alike"
    return out


def _listed_alike(ix: DocIndex, titled: list[Candidate]) -> list[Candidate]:
    """The rest of a list whose first name has an office and whose others have only a country: "Chinese envoy
    Liu Shaobin, Mosud Mannan of Bangladesh, Sweden's Staffan Herrstrom, and Adil Ibrahim Mustafa of Sudan"
    (each holds the same office for their own country). Every item must be a PERSON entity with its country
    ("X of Country" or "Country's X") and of another country than the first; the list stops at the first
    item that is not."""
    doc, out = ix.doc, []
    for first in titled:
        if first.country is None or first.end >= len(doc) or doc[first.end].text != ",":
            continue
        k, seen = first.end, {first.country}
        while k < len(doc) and (doc[k].text == "," or doc[k].lower_ == "and" and k > first.end):
            k += 1
            if k < len(doc) and doc[k].lower_ == "and":
                k += 1
            item = _person_with_country(ix, k)
            if item is None or item[2] in seen:
                break
            start, end, country, k = item
            seen.add(country)
            out.append(ix.candidate(doc[start:end], first.title, country, None))
            out[-1].country_rule = "country.listed_alike"
    return out


def _person_with_country(ix: DocIndex, k: int) -> tuple[int, int, str, int] | None:
    """ "Mosud Mannan of Bangladesh" or "Sweden's Staffan Herrstrom" at token `k`: (name start, name end,
    country, the token after the item), or None."""
    doc = ix.doc
    if k in ix.country_start_at:
        sp = ix.country_start_at[k]
        j = sp.end
        if j < len(doc) and doc[j].text in ("'s", "’s"):
            end = ix.name_end(j + 1)
            if end - (j + 1) >= 2 and doc[j + 1].ent_type_ == "PERSON":
                return j + 1, end, sp.label_, end
        return None
    end = ix.name_end(k)
    if end - k < 2 or doc[k].ent_type_ != "PERSON" or end + 1 >= len(doc) or doc[end].lower_ != "of":
        return None
    c = end + 1 + (doc[end + 1].lower_ == "the")
    if c not in ix.country_start_at:
        return None
    return k, end, ix.country_start_at[c].label_, ix.country_start_at[c].end


def _titled(ix: DocIndex) -> list[Candidate]:
    """Title followed by a name: "Foreign Minister Yoko Kamikawa", "Secretary Blinken"."""
    out = []
    doc = ix.doc
    for title in ix.titles:
        i = _after_acronym(doc, title.end)  # "Cabinet Secretary (CS) for Defence Hon. Aden Duale"
        label = title.label_
        end = _portfolio_end(ix, title)
        if end is not None:  # "Minister of Economy, Trade, and Industry of Japan Saito Ken"
            label, i = doc[title.start:end].text, end
        if i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].lower_.rstrip(".") in ("the", "hon", "rt") \
                and i + 2 < len(doc) and doc[i + 2].lower_.rstrip(".") in ("hon", "rt", "honourable", "honorable"):
            i += 1 + (doc[i + 1].lower_ == "the")  # "Minister of Defence, the Hon Judith Collins KC"
        country_after = None
        if i + 2 < len(doc) and doc[i].lower_ == "in" and doc[i + 1].lower_ == "the" and \
                not doc[title.start].is_lower and _body_end(doc, i + 2) is not None:
            # "Permanent Secretary in the Ministry of Foreign Affairs Jack Thompson": the body served, then the name
            body_end = _body_end(doc, i + 2)
            h = _after_honorifics(doc, body_end)
            if ix.name_end(h) - h >= 2:
                label, i = doc[title.start:body_end].text, body_end
        if i + 1 < len(doc) and doc[i].lower_ == "of":
            # "President of Kazakhstan Kassym-Jomart Tokayev", "President of the United States H.E. Mr. ..."
            k = i + 1 + (doc[i + 1].lower_ == "the")
            if k in ix.country_start_at:
                country_after = ix.country_start_at[k].label_
                i = ix.country_start_at[k].end
                body_end = _body_end(doc, i)
                if body_end is not None:  # "Commander of the United States Africa Command, General X": its body
                    label, i = doc[title.start:body_end].text, body_end
                if i + 3 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and doc[i + 1].is_upper:
                    i += 3  # "Secretary General of the Organization of American States (OAS), José Miguel Insulza"
            elif k in ix.place_start_at and title.label_ in _CITY_OFFICES:
                country_after = ix.place_start_at[k].label_.partition("|")[2] or None
                i = ix.place_start_at[k].end  # "Mayor of Ulaanbaatar S.Batbold"
            else:
                body_end = _body_end(doc, k)
                owner = None  # "Chairman of the Presidency of Bosnia and Herzegovina Milorad Dodik": the body's country
                if body_end is not None and body_end + 2 < len(doc) and doc[body_end].lower_ == "of":
                    owner = ix.country_start_at.get(body_end + 1 + (doc[body_end + 1].lower_ == "the"))
                stop = owner.end if owner is not None else body_end
                h = _after_honorifics(doc, stop) if stop is not None else None
                if stop is not None and (ix.name_end(h) - h >= 2 or stop + 1 < len(doc) and doc[stop].text == ","
                                         and not doc[title.start].is_lower):
                    # "Director General of the Treasury Emmanuel Moulin", "Speaker of the National Assembly Hon. X";
                    # "Chairman of the Committee, Dr. X": the name after the comma (the comma case below)
                    label, i = doc[title.start:body_end].text, stop
                    if owner is not None:
                        country_after = owner.label_
        if i + 1 < len(doc) and (doc[i].lower_ == "to" or doc[i].lower_ == "for" and title.label_ in _REMIT_ENVOYS):
            # "Chinese Ambassador to Vietnam Ha Vi", "High Commissioner of Pakistan to Sri Lanka": the posting;
            # "US Special Representative for Afghanistan Thomas West": the remit
            k = i + 1 + (doc[i + 1].lower_ == "the")
            if k in ix.country_start_at:
                i = ix.country_start_at[k].end
        if i < len(doc) and doc[i].text == "(" and (country_after or i > title.end):
            # "Ambassador of Estonia to Tajikistan (with a residence in Astana) Heiti Maemees": an aside on the post
            close = next((k for k in range(i + 1, min(i + 10, len(doc))) if doc[k].text == ")"), None)
            if close is not None and ix.name_end(_after_honorifics(doc, close + 1)) - close - 1 >= 2:
                i = _after_honorifics(doc, close + 1)
        if country_after and i + 1 < len(doc) and doc[i].text == ",":
            # "The High Commissioner of Pakistan to Sri Lanka, Maj. Gen. (Rtd) Umar Farooq Burki, has ..."
            k = i + 1
            while k < len(doc) and (doc[k].lower_.rstrip(".") in _RANKS or doc[k].text in ("(", ")", ".")):
                k += 1
            k = _after_honorifics(doc, k)  # "Ambassador of Brazil, Her Excellency Maria Clara Duclos Carisio,"
            if k in ix.title_at and ix.title_at[k].label_ in _RANK_OFFICES:
                # "Foreign Secretary of Nepal, Ambassador Shanker Das Bairagi, called on ...": a rank
                k = _after_honorifics(doc, ix.title_at[k].end)
            end = ix.name_end(k)
            if _in_a_list(ix, title) and _own_title_follows(ix, end) and _names_first(ix, title):
                end = k  # "A, the President of Azerbaijan, B, the President of Kazakhstan": B's office follows B
            if end - k >= 2 and end < len(doc) and (doc[end].text in (",", ".", ";", "(") or
                                                    doc[end].pos_ in ("VERB", "AUX")):
                i = k  # "... with the Foreign Minister of Azerbaijan, Mr. Elmar Maharram Oglu."
        if i + 1 < len(doc) and doc[i].text == "\n" and not doc[i + 1].is_sent_start:
            i += 1  # a hard-wrapped line: "US Trade Representative / Katherine Tai, visited ..."
        i = _after_honorifics(doc, i)
        ranked = _after_ranks(doc, i)
        if ranked > i and ix.name_end(ranked) - ranked >= 2:
            i = _after_honorifics(doc, ranked)  # "Spokesperson Col. Dave Butler", "Commander Major General X"
        if title.end == i and i + 1 < len(doc) and doc[i].lower_ == "responsible" and doc[i + 1].lower_ == "for":
            i += 1  # "Minister Responsible for Foreign Affairs": the remit, not a name
        j = ix.name_end(i)
        if j == i and i < len(doc) and not doc[title.start].is_lower and (
                doc[i].lower_ == "for" or doc[i].lower_ == "of" and title.end == i and title.label_ in _BARE_OFFICES
                or doc[i].lower_ in ("and", "&") and title.end == i and "Minister" in label):
            # "Indian Minister of State for External Affairs Rajkumar Ranjan Singh", "the Minister of Foreign &
            # Caricom Affairs Sean Sobers", "Minister of Foreign Affairs and International Trade Frederick Shava"
            k = _remit_name_start(ix, i, offices=doc[i].lower_ in ("and", "&"))
            h = _after_honorifics(doc, k) if k is not None else None  # "... for Defence Hon. Aden Duale"
            if k is not None and ix.name_end(h) - h >= 2:
                label, i, j = _ACRONYM.sub("", doc[title.start:k].text), h, ix.name_end(h)
        if i < len(doc) and doc[i].lower_ in _PORTFOLIO_WORDS and title.end == i and (
                j == i or doc[i].ent_type_ != "PERSON" and doc[title.end - 1].lower_ in _PORTFOLIO_WORDS):
            # (also "Minister for Defence Industry Pat Conroy", the model's name taking the portfolio's last word)
            m = i  # "minister of defense industry Yaver Jamalov": the portfolio's last word outside the table's office
            while m < len(doc) and m - i < 3 and doc[m].lower_ in _PORTFOLIO_WORDS:
                m += 1
            if ix.name_end(m) - m >= 2:
                label, i, j = doc[title.start:m].text, m, ix.name_end(m)
        remit = _remit_end(doc, i, of=title.label_ in _REMIT_ENVOYS and title.end == i) if j == i else None
        # ("China's Special Representative of Climate Change Affairs, Mr. Xie Zhenhua")
        if remit is None and j == i and title.end == i and title.label_ in _BARE_OFFICES and \
                not doc[title.start].is_lower:
            end = _portfolio_words_end(doc, i)  # "the Secretary of Agriculture, Matías Lestani"
            if end is not None and end < len(doc) and doc[end].text == ",":
                label, i, j = doc[title.start:end].text, end, end
        if remit is not None:  # "special envoy for the Western Balkans, Matthew Palmer"
            i = j = remit
            if doc[title.end].lower_ == "for":  # "Secretary of State for Latin America": not the US's
                label = doc[title.start:remit].text
                own = ix.country_end_at.get(remit)
                of = own.start - 1 - (own.start > 0 and doc[own.start - 1].lower_ == "the") if own is not None else -1
                if own is not None and of > title.end and doc[of].lower_ == "of" and "Minister" in label:
                    # "Coordinating Minister for Maritime Affairs and Investment of the Republic of Indonesia, X"
                    label, country_after = doc[title.start:of].text, own.label_
        if j == i and i + 1 < len(doc) and doc[i].text == "," and "Minister" in label:
            m = i + 1  # "Minister of Foreign Affairs, Defence and National Security Inia Seruiratu": the portfolio
            while m < len(doc) and m - i <= 8 and (doc[m].is_title and doc[m].lower_ in _PORTFOLIO_WORDS or
                                                   doc[m].lower_ in ("and", "&", ",")):
                m += 1  # goes on after the comma and the name follows with none
            if m > i + 1 and doc[m - 1].lower_ in _PORTFOLIO_WORDS and ix.name_end(m) - m >= 2:
                label, i, j = doc[title.start:m].text, m, ix.name_end(m)
        if j == i and i + 1 < len(doc) and doc[i].text == "," and not _advised(ix, title) and \
                not _in_fronted_clause(doc, title) and (
                not doc[title.start].is_lower or remit or country_before(doc, ix.country_end_at, title.start)
                or title.start > 1 and doc[title.start - 1].text == ")" and doc[title.start - 2].is_upper):
            # "U.S. Southern Command (SOUTHCOM) commander, Navy Adm. Craig S. Faller, visited": a body's office
            # "the American ambassador to Serbia, Anthony Godfrey"
            # "Tonga's Prime Minister, Siaosi Sovaleni", "the Speaker of the House, Paul Ryan."
            # "Prime Minister, Brigadier (Ret'd) Mark Phillips, met ...": a rank and its note before the name
            k = _after_ranks(doc, i + 1 + (i + 2 < len(doc) and doc[i + 1].text == "\n"))
            # "the newly elected Serbian President,\nAlexandar Vucic": a line break after the comma
            listed = _in_a_list(ix, title)  # "Mr. A, Deputy Minister, Mr. B, Director-General, ...": B's own
            if not listed:
                if k in ix.title_at and ix.title_at[k].label_ in _RANK_OFFICES:
                    k = ix.title_at[k].end  # "Nigeria's Minister of Foreign Affairs, Ambassador Yusuf Tuggar, ..."
                k = _after_honorifics(doc, k)
            end = ix.name_end(k) if not (listed and _names.is_style(doc[k].text)) else k
            # (nor "A, Minister of Foreign Affairs, Sheikh B, Adviser, ...": a style opens B's name there too)
            if listed and _own_title_follows(ix, end) and _names_first(ix, title):
                end = k  # "A, the President of Azerbaijan, B, the President of Kazakhstan": each office is the one before
            if end - k >= 2 and (end >= len(doc) or doc[end].is_punct or doc[end].pos_ in ("VERB", "AUX")
                                 or doc[end].lower_ in ("to", "on", "in", "at", "and", "also", "during")):
                i, j = k, end
        if j - i > 1 and doc[j - 1].text in POSTNOMINALS:
            j -= 1  # "Judith Collins KC"
        peer = next((k for k in range(i + 1, j - 1) if doc[k].text in _PEERAGE), None)
        if peer is not None and title.end <= i <= title.end + 1:
            # "Minister for Trade Policy Lord Price": the remit's last word before the peer's style
            label, i = doc[title.start:peer].text, peer
        if j == i:
            continue
        if j < len(doc) and doc[j].lower_ in _ORG_WORDS or any(doc[k].lower_ in _ORG_WORDS for k in range(i, j)):
            continue  # "Director General Strategic Plans Division", "Executive Director, International Trade Centre"
        if doc[title.start].is_lower and not (j - i >= 2):
            continue  # "the foreign minister Sunday" is not a name
        name_span = doc[i:j]
        country, cspan = ix.country_around(title)
        country = country or country_after or ix.country_after_name(j)
        plural = doc[title.end - 1].lower_.endswith("s") and not label.lower().endswith("s")
        if said_as_plural(doc[title.end - 1].text, label) and \
                any(doc[t].pos_ in ("VERB", "AUX") and doc[t].ent_type_ != "PERSON" for t in range(i, j)):
            continue  # a headline's "Azerbaijani Presidents Take Place": capitalised words, not a name
        first_country = ix.paired_country(cspan) if plural and cspan is not None else None
        out.append(ix.candidate(name_span, label, first_country or country or (
            _bracketed_country(ix, j) if plural else None), title))
        if first_country:
            out[-1].country_rule = "country.paired"
        if plural and _bracketed_country(ix, j):
            j = ix.country_start_at[j + 1].end + 1  # "Co-Chairs Igor Popov (Russia), Stéphane Visconti (France)"
        while plural and j + 1 < len(doc) and (doc[j].lower_ == "and" or doc[j].text == "," and (
                j + 2 < len(doc) and doc[j + 1].lower_ != "and" and ix.name_end(doc[j + 1].i) - j - 1 >= 2)):
            # "Senators Christopher Koons and Rob Portman", "Deputy Ministers Hugo Rivera, Anselmo Muñiz and X"
            last = doc[j].lower_ == "and"
            k = _after_honorifics(doc, j + 1)
            end = ix.name_end(k)
            if not (end - k >= 1 and (end - k >= 2 or doc[k].is_title)) or k in ix.title_at:
                break
            out.append(ix.candidate(doc[k:end], label, _bracketed_country(ix, end) or country, title))
            if last:
                break
            j = end
            if j + 2 < len(doc) and doc[j].text == "(" and j + 1 in ix.country_start_at:
                j = ix.country_start_at[j + 1].end + 1  # "Co-Chairs Igor Popov (Russia), Stéphane Visconti (France)"
            if j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ == "and":
                j += 1  # "A, B, and C"
    return out


def _counterparts(ix: DocIndex) -> list[Candidate]:
    """"his Chinese counterpart Wang Yi": the same office as the official whose counterpart they are."""
    out = []
    doc = ix.doc
    for tok in doc:
        if tok.lower_ not in ("counterpart", "counterparts") or tok.i + 1 >= len(doc):
            continue
        start = tok.i + 1
        country_of = None
        if doc[start].lower_ in ("from", "of") and start + 1 < len(doc):
            k = start + 1 + (doc[start + 1].lower_ == "the")  # "her counterpart from the Dominican Republic, Mr. X"
            if k in ix.country_start_at and ix.country_start_at[k].end < len(doc) and \
                    doc[ix.country_start_at[k].end].text == ",":
                country_of, start = ix.country_start_at[k].label_, ix.country_start_at[k].end
        after_comma = doc[start].text == "," and start + 1 < len(doc)
        if after_comma:
            start += 1  # "his Singapore counterpart, Dr Ng Eng Hen."
            start = _after_honorifics(doc, start)
        if tok.lower_ == "counterparts":  # "her counterparts, namely Dr A of Bangladesh; Mr B of Saint Lucia"
            k = start + (start < len(doc) and doc[start].text in (",", ":"))
            if k + 2 < len(doc) and doc[k].lower_ == "from" and doc[k + 1].lower_ in ("other", "several", "many"):
                k += 3  # "her counterparts from other nations such as ..."
            lead = next((n for n in _LIST_LEADS if [t.lower_ for t in doc[k:k + len(n)]] == list(n)), None)
            if lead is not None:
                start = _after_honorifics(doc, k + len(lead) + (k + len(lead) < len(doc) and
                                                                doc[k + len(lead)].text in (",", ":")))
        ranked = _after_honorifics(doc, _after_ranks(doc, start))
        if ranked > start and ix.name_end(ranked) - ranked >= 2:
            start = ranked  # "his Lankan counterpart Admiral (Retd.) Prof. Jayanath Colombage"
        j = ix.name_end(start)
        if j == start:
            continue
        if after_comma and j < len(doc) and doc[j].tag_ in ("VBD", "VBZ", "VBP") and _opens_with_phrase(doc, tok):
            continue  # "In his meeting with his South Korean counterpart, Singh highlighted ...": the main subject
        country = None
        k = tok.i - 1
        if k >= 0 and k + 1 in ix.country_end_at:
            country = ix.country_end_at[k + 1].label_
        owner_title = _owner_title(ix, tok)
        cand = ix.candidate(doc[start:j], None, country or country_of or ix.country_after_name(j), None)
        cand.counterpart_of, cand.counterpart = owner_title, True
        out.append(cand)
        if tok.lower_ == "counterparts":  # "regional counterparts A of Malaysia, B of Brunei, and C of the Philippines"
            out += _more_counterparts(ix, j, owner_title)
    return out


def _owner_title(ix: DocIndex, tok: Token) -> str | None:
    """The office of the official whose counterpart `tok` names: the last office before it in its
    sentence, or an earlier one held by a name this sentence uses before it ("Botchwey also met her
    counterpart from the Dominican Republic": Botchwey's office, not the Prime Minister named between)."""
    doc = ix.doc
    sent = tok.sent
    here = {t.lower_ for t in doc[sent.start:tok.i] if t.is_title and t.is_alpha and len(t) > 2}
    for title in reversed(ix.titles):
        if title.start >= tok.i or title.label_ in GENERIC_TITLES:
            continue
        if title.start >= sent.start:
            return title.label_
        after = doc[title.end:ix.name_end(title.end)]
        before = doc[max(0, title.start - 5):title.start]
        if any(t.lower_ in here for t in after) or (
                "," in [t.text for t in before] and any(t.lower_ in here and t.ent_type_ == "PERSON" for t in before)):
            return title.label_
    return None


def _more_counterparts(ix: DocIndex, j: int, owner_title: str | None) -> list[Candidate]:
    """The rest of a list of counterparts after the first name, each with its "of Country"."""
    doc, out = ix.doc, []
    while True:
        k = j
        if k + 1 < len(doc) and doc[k].lower_ == "of":
            k += 1 + (doc[k + 1].lower_ == "the")
            if k not in ix.country_start_at:
                break
            k = ix.country_start_at[k].end
        while k < len(doc) and doc[k].text in (",", ";", "and"):
            k += 1
        if k == j or k >= len(doc) or doc[k - 1].text not in (",", ";", "and"):
            break
        k = _after_honorifics(doc, k)  # "...; Mr Alva Romanus Baptiste of Saint Lucia and Madam ..."
        end = ix.name_end(k)
        if end - k < 2:
            break
        cand = ix.candidate(doc[k:end], None, ix.country_after_name(end), None)
        cand.counterpart_of, cand.counterpart = owner_title, True
        out.append(cand)
        j = end
    return out


def _appositive(ix: DocIndex) -> list[Candidate]:
    """A name followed by ", [the] [Country] Title [of Country]"."""
    out = []
    doc = ix.doc
    for span in _name_spans(ix):
        k = span.end
        if k < len(doc) and doc[k].text in POSTNOMINALS:
            k += 1  # "the Hon Richard Marles MP, Deputy Prime Minister"
        if k >= len(doc) or doc[k].text != ",":
            continue
        k += 1
        if k < len(doc) and doc[k].lower_ in ("the", "a"):
            k += 1
            if k + 1 < len(doc) and doc[k].lower_ in _BODY_POSSESSORS and doc[k + 1].text in ("'s", "’s"):
                k += 2  # "Koh Yun-ju, the ministry's director general for North American affairs"
        while k < len(doc) and doc[k].lower_ in _APPOINTMENT_WORDS and k not in ix.title_at and \
                k not in ix.country_start_at:  # "New Zealand's Minister" is no new minister
            k += 1
        country = None
        if k in ix.country_start_at:
            country = ix.country_start_at[k].label_
            k = ix.country_start_at[k].end
            if k < len(doc) and doc[k].text in ("'s", "’s"):
                k += 1
        title = ix.title_at.get(k)
        prefix = None
        if title is None and k + 1 in ix.title_at and doc[k].lower_ in _OFFICE_PREFIXES and doc[k].is_title:
            prefix, title = doc[k], ix.title_at[k + 1]  # "Mr Suzuki Norikazu, State Minister of Agriculture, ..."
        if title is None:
            continue
        after = title.end
        after = _after_honorifics(doc, after)
        if ix.name_end(after) > after or _leads_a_name(ix, title):
            continue  # "Joe Biden, Japanese Prime Minister Fumio Kishida": the title is Kishida's
        if _titles_lead(ix, span, title):
            continue  # "the Prime Minister of Sudan, Abdalla Hamdok, President of Kenya, Uhuru Kenyatta"
        lead = title.start - (doc[title.start - 1].lower_ == "the")
        if title.root.dep_ in ("nsubj", "nsubjpass") and span.root.dep_ not in ("nsubj", "nsubjpass") and \
                lead > 0 and doc[lead - 1].text == ",":
            continue  # "At the end of his meeting with Antonia Urrejola, the Secretary of State wrote": his
        c2, _ = ix.country_around(title)
        label = title.label_
        end = _portfolio_end(ix, title)
        if c2 is None and end is not None:  # "Gan Kim Yong, Minister for Trade and Industry of Singapore"
            label = doc[title.start:end].text
            c2 = ix.country_start_at[end + 1 + (doc[end + 1].lower_ == "the")].label_
        if label in GENERIC_TITLES and title.end == after:
            remit = _portfolio_words_end(doc, after)
            if remit is not None:  # "Jone Usamate, Minister of Employment": the minister's portfolio
                label = doc[title.start:remit].text
        if c2 is None and after < len(doc) and doc[after].lower_ == "to":
            for k2 in range(after + 1, min(after + 7, len(doc) - 1)):  # "Adviser to the President of Brazil"
                if doc[k2].lower_ == "of":
                    k3 = k2 + 1 + (doc[k2 + 1].lower_ == "the")
                    if k3 in ix.country_start_at:
                        c2 = ix.country_start_at[k3].label_
                    break
        if prefix is not None:
            label = f"{prefix.text} {doc[title.start:title.end].text if label == title.label_ else label}"
        out.append(ix.candidate(span, label, country or c2, title))
    return out


#: Styles of peers and knights that open a name ("Lord Price", "Baroness Ashton", "Sir Keir Starmer").
_PEERAGE = _names.PEER_STYLES | {"Sir", "Dame"}


def _own_title_follows(ix: DocIndex, end: int) -> bool:
    """Whether a name ending at `end` is followed by its own office after a comma (", the President of X")."""
    doc = ix.doc
    k = end + 1
    if end >= len(doc) or doc[end].text != ",":
        return False
    if k < len(doc) and doc[k].lower_ == "the":
        k += 1
    cspan = ix.country_start_at.get(k)
    if cspan is not None:
        k = cspan.end + (cspan.end < len(doc) and doc[cspan.end].text in ("'s", "’s"))
    return k in ix.title_at


#: Words that open a clause fronted before the main one ("After welcoming the Portuguese Defense minister, X ...").
_FRONTING_WORDS = frozenset({"after", "before", "upon", "on", "while", "following", "having", "when", "since"})


def _opens_with_phrase(doc: Doc, tok: Token) -> bool:
    """Whether `tok` stands in a phrase that opens its sentence before any comma ("In his meeting with his
    South Korean counterpart, ...", "After talks with her counterpart, ...")."""
    start = tok.sent.start
    while start < tok.i and (doc[start].is_space or doc[start].is_punct):
        start += 1
    return (doc[start].pos_ == "ADP" or doc[start].lower_ in _FRONTING_WORDS) and \
        not any(t.text == "," for t in doc[start:tok.i])


def _in_fronted_clause(doc: Doc, title: Span) -> bool:
    """Whether `title` is the object of a participle fronted before the main clause: "After welcoming the
    Portuguese Defense minister, João Lourenço is now meeting António Costa" (the name after the comma is the
    main clause's subject, not the minister)."""
    start = title.sent.start
    while start < title.start and (doc[start].is_space or doc[start].is_punct):
        start += 1
    return doc[start].lower_ in _FRONTING_WORDS and any(
        t.tag_ in ("VBG", "VBN") for t in doc[start:title.start]) and not any(t.text == "," for t in doc[start:title.start])


def _names_first(ix: DocIndex, title: Span) -> bool:
    """Whether the comma-separated list `title` stands in opens with a name ("with A, the President of X, B, the
    President of Y": each office after its holder), not with an office ("Chief of Staff to the President, Prof
    A, Minister of Foreign Affairs, Mr B": each before its holder)."""
    doc = ix.doc
    k, first = title.start, "title"
    for _ in range(12):
        cspan = country_before(doc, ix.country_end_at, k)
        k = cspan.start if cspan is not None else k
        k -= 1 if k > 0 and doc[k - 1].lower_ == "the" else 0
        if k < 2 or doc[k - 1].text != ",":
            return first == "name"
        end = k - 1  # the element before the comma ends at `end`
        if end in ix.title_end_at:
            k, first = ix.title_end_at[end].start, "title"
        elif doc[end - 1].text[:1].isupper() and doc[end - 1].pos_ == "PROPN":
            j = end - 1
            while j > 0 and end - j < 6 and doc[j - 1].pos_ == "PROPN" and (j - 1) not in ix.title_end_at \
                    and doc[j - 1].text != ",":
                j -= 1
            while j > 0 and _after_honorifics(doc, j - 1) == j:
                j -= 1  # "Mr", "Prof", "H.E" before the name
            k, first = j, "name"
        else:
            return first == "name"
    return first == "name"


def _in_a_list(ix: DocIndex, title: Span) -> bool:
    """A title right after a comma (its country and "the" aside): in "Name, Title, Name, Title" lists it
    is the name's before it."""
    doc = ix.doc
    lead = title.start
    cspan = country_before(doc, ix.country_end_at, title.start)
    if cspan is not None:
        lead = cspan.start
    if lead > 0 and doc[lead - 1].lower_ == "the":
        lead -= 1
    return lead > 0 and doc[lead - 1].text == ","


def _remit_name_start(ix: DocIndex, k: int, *, offices: bool = False) -> int | None:
    """The start of a person's name (a PERSON entity or a dictionary name) within a remit of capitalised
    words that starts at `k` ("for External Affairs Rajkumar Ranjan Singh"), with no punctuation before it;
    with `offices`, a second office may come first ("Deputy Prime Minister and Minister for Urban Development
    Prakash Man Singh")."""
    doc = ix.doc
    skip = ix.title_at[k + 1].end if offices and k + 1 in ix.title_at else k + 1
    for t in range(skip, min(skip + 7, len(doc))):
        tok = doc[t]
        if _after_honorifics(doc, t) > t:
            return t  # "Cabinet Secretary for Defence Hon. Aden Duale"
        if tok.is_punct and tok.text != "&" or not (tok.is_title or tok.lower_ in ("of", "and", "the", "&")
                                                    or skip > k + 1 and tok.lower_ == "for") \
                or t in ix.country_start_at:
            return None  # "Ministers for Foreign Affairs of Ukraine ...": the country decides, elsewhere
        if t in ix.title_at:
            return None  # "Minister of Finance and Prime Minister X": another office
        if (t in ix.known_starts or tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B") and t > k + 1 and \
                (skip == k + 1 or t > skip + 1):
            return t
        first = skip if skip == k + 1 else skip + 1  # (a one-word portfolio: "Minister of Transport Renwood Wells;")
        if t > first and tok.lower_ not in _PORTFOLIO_WORDS and tok.lower_ not in ("of", "and", "the", "&") and \
                all(doc[u].lower_ in _PORTFOLIO_WORDS or doc[u].lower_ in ("of", "and", "the", "&")
                    for u in range(first, t)):
            end = ix.name_end(t)  # "for Urban Development Prakash Man Singh," (the model tagged no person)
            if end - t >= 2 and end < len(doc) and (doc[end].is_punct or doc[end].pos_ in ("VERB", "AUX")) and \
                    not any(doc[u].is_lower for u in range(t, end)):  # (not "International Co-operation,")
                return t
    return None


def _leads_a_name(ix: DocIndex, title: Span) -> bool:
    """A title whose remit runs into a person's name with no comma between: "Say Samal, Indian Minister of
    State for External Affairs Rajkumar Ranjan Singh" (the office is Singh's, not Say Samal's)."""
    doc = ix.doc
    if title.end >= len(doc) or doc[title.end].lower_ not in ("for", "of", "to"):
        return False
    for t in range(title.end + 1, min(title.end + 9, len(doc))):
        tok = doc[t]
        if tok.is_punct:
            return False
        if t in ix.known_starts or tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B":
            return True
    return False


def _after_ranks(doc: Doc, k: int) -> int:
    """The first token after military ranks and their bracketed notes ("Brigadier (Ret'd) Mark Phillips")."""
    start = k
    while k < len(doc) and k - start < 6:
        if doc[k].lower_.rstrip(".") in _RANKS or doc[k].lower_ == "sen.":
            k += 1  # "Sen. George Akume": a senator's style
            if k < len(doc) and doc[k].text == "." and not doc[k - 1].whitespace_:
                k += 1  # "Col. Dave Butler": the model split the dot off
        elif doc[k].text == "(" and k > start and k + 2 < len(doc) and doc[k + 2].text == ")":
            k += 3
        elif doc[k].text == "(" and k > start and k + 3 < len(doc) and doc[k + 2].text == "." and \
                doc[k + 3].text == ")":
            k += 4  # "Admiral (Retd.)"
        else:
            break
    return k


def _after_acronym(doc: Doc, k: int) -> int:
    """The token after an acronym in brackets at `k` ("Cabinet Secretary (CS) for Defence"), else `k`."""
    if k + 2 < len(doc) and doc[k].text == "(" and doc[k + 2].text == ")" and doc[k + 1].is_upper:
        return k + 3
    return k


def _body_end(doc: Doc, k: int) -> int | None:
    """The end of a body's name that starts at `k` and ends with an organisation word, when a name may
    follow: "(of the) Élysée Palace", "Treasury", "Ministry of Finance"; None otherwise."""
    end = None
    for j in range(k, min(k + 9, len(doc))):
        tok = doc[j]
        if not (tok.is_title or tok.is_upper or tok.lower_ in ("of", "and", "for")
                or tok.text[:1].isupper() and any(c.isupper() for c in tok.text[1:])):  # "BiH Presidency"
            break
        if tok.lower_ in _ORG_WORDS or tok.lower_ in _BODY_HEADS:
            end = j + 1
        elif end is not None and tok.is_title and tok.lower_ in _PORTFOLIO_WORDS and doc[j - 1].lower_ != "for":
            end = j + 1  # "the Ministry of Foreign Affairs": the ministry's portfolio is the body's name too
        elif j - k >= 5 and end is None:
            break
    return end


def _bracketed_country(ix: DocIndex, end: int) -> str | None:
    """The country in brackets right after a name ending at `end` ("Igor Popov (Russia)"), or None."""
    doc = ix.doc
    span = ix.country_start_at.get(end + 1) if end + 2 < len(doc) and doc[end].text == "(" else None
    return span.label_ if span is not None and span.end < len(doc) and doc[span.end].text == ")" else None


def _advised(ix: DocIndex, title: Span) -> bool:
    """ "Adviser to the UAE President, Dr Anwar Gargash": the office is the one advised, not the name's."""
    doc = ix.doc
    k = title.start - 1
    cspan = country_before(doc, ix.country_end_at, title.start)
    if cspan is not None:
        k = cspan.start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    if k >= 1 and doc[k].lower_ == "of" and (doc[k - 1].lower_ in _SERVING_BODIES or k in ix.title_end_at):
        return True  # "Permanent Secretary in the Office of the Prime Minister, Elaine Foster Allen"
    return k >= 0 and doc[k].lower_ == "to"


def _remit_end(doc: Doc, i: int, *, of: bool = False) -> int | None:
    """The comma after an envoy's remit ("for the Western Balkans", "for Syria", "to the Great Lakes
    region"; with `of`, "of Climate Change Affairs"), when a remit of capitalised words (and 'the', 'of',
    'and') starts at `i`; else None."""
    charge = i + 2 < len(doc) and (doc[i].lower_, doc[i + 1].lower_, doc[i + 2].lower_) in (
        ("in", "charge", "of"), ("with", "responsibility", "for"))
    if i >= len(doc) or doc[i].lower_ not in ("for", "to", "on") + (("of",) if of else ()) and not charge:
        return None
    # "in charge of Cooperation with the Islamic World, Adoum Gargoum", "Minister of State with responsibility
    # for the Caribbean and the Commonwealth, Lord Ahmad": a remit told as a charge
    k = i + 3 if charge else i + 1
    glue = ("the", "of", "and", "with") if charge else ("the", "of", "and")
    # capitalised words, or a lower-case portfolio ("for petroleum and natural resources,")
    while k < len(doc) and k - i <= (10 if charge else 11) and (
            doc[k].is_title or doc[k].is_upper or doc[k].lower_ in glue or doc[k].lower_ in _PORTFOLIO_WORDS):
        k += 1
    if k - i < 2 or k >= len(doc) or doc[k].text != "," or \
            not doc[k - 1].is_title and not doc[k - 1].is_upper and doc[k - 1].lower_ not in _PORTFOLIO_WORDS:
        return None
    while True:  # "for Justice, Communications and Foreign Affairs, Paulson Panapa": a portfolio listed with commas
        m = k + 1
        while m < len(doc) and m - k <= 6 and (doc[m].lower_ in _PORTFOLIO_WORDS or doc[m].lower_ in ("and", "&")
                                               and m > k + 1):
            m += 1
        if m == k + 1 or m >= len(doc) or doc[m].text != "," or doc[m - 1].lower_ in ("and", "&"):
            return k
        k = m


def _portfolio_words_end(doc: Doc, k: int) -> int | None:
    """The end of a portfolio of capitalised portfolio words after "of" or "for" at `k` ("of Employment",
    "for Agriculture, Fisheries and Trade"), when a punctuation mark or a verb follows it; None otherwise."""
    if k >= len(doc) or doc[k].lower_ not in ("of", "for"):
        return None
    end, j = None, k + 1
    while j < len(doc) and j - k <= 10:
        tok = doc[j]
        if tok.is_title and tok.lower_ in _PORTFOLIO_WORDS:
            end = j + 1
        elif tok.lower_ not in ("and", "&", ",", "the"):
            break
        j += 1
    if end is None or end < len(doc) and not (doc[end].is_punct or doc[end].pos_ in ("VERB", "AUX")):
        return None
    return end


def _portfolio_end(ix: DocIndex, title: Span) -> int | None:
    """The end of a minister's portfolio the title table does not list, when a country follows it:
    "Minister of Economy, Trade, and Industry of Japan", "Minister of Tourism and Culture of Jamaica".
    None when the words after the title are not such a list."""
    doc = ix.doc
    k = title.end
    words = 0
    if title.label_ == "Minister" and k < len(doc) and doc[k].lower_ in ("of", "for"):
        k += 1
    elif not (k + 1 < len(doc) and doc[k].text in (",", "and", "&") and "Minister" in title.label_):
        return None
    while k < len(doc) and words < 10:
        if doc[k].text in (",", "and", "&"):
            k += 1
            continue
        if doc[k].is_title and doc[k].is_alpha and k not in ix.country_start_at and k not in ix.title_at \
                and doc[k].lower_ not in NOT_NAME_WORDS:
            k, words = k + 1, words + 1
            continue
        break
    if words == 0 or k + 1 >= len(doc) or doc[k].lower_ != "of" or doc[k - 1].text in (",", "and", "&"):
        return None
    nxt = k + 1 + (doc[k + 1].lower_ == "the")
    return k if nxt in ix.country_start_at else None


def _titles_lead(ix: DocIndex, span, title) -> bool:
    """In a list where each title comes before its name ("with the Prime Minister of Sudan, Abdalla
    Hamdok, President of Kenya, Uhuru Kenyatta"), the title after a name is the next name's: the name
    has a title of its own before it, and another name follows the title (and its "of Kenya")."""
    doc = ix.doc
    ends = {t.end - 1 for t in ix.title_at.values()} | {c.end - 1 for c in ix.country_start_at.values()}
    before = span.start - 1
    while before >= 0 and span.start - before <= 3 and before not in ends and doc[before].is_title \
            and doc[before].pos_ == "PROPN":
        before -= 1  # the entity was only the name's end ("Mohamed Abdullahi [Mohamed Farmaajo]")
    if before >= 0 and doc[before].text == ",":
        before -= 1
    if before < 0 or before not in ends:
        return False
    k = title.end
    if k < len(doc) and doc[k].lower_ == "of":
        k += 1 + (k + 1 < len(doc) and doc[k + 1].lower_ == "the")
        if k in ix.country_start_at:
            k = ix.country_start_at[k].end
    if k >= len(doc) or doc[k].text != ",":
        return False
    return ix.name_end(k + 1) > k + 1


def _known(ix: DocIndex) -> list[Candidate]:
    """Names the actor dictionary knows, and PERSON entities, without a title nearby."""
    out = []
    for span in ix.known:
        if ix.name_end(span.end) - span.end >= 2 and not any(t in ix.blocked for t in range(span.start, span.end)) \
                and ix.doc[span.end].ent_iob_ == "I" and ix.doc[span.end].ent_type_ == "PERSON":
            continue  # "Brig. Gen. Juan Carlos Correa Consuegra" is not King Juan Carlos: the name goes on
        cand = ix.candidate(span, None, None, None, known=span.label_)
        if any(t in ix.blocked for t in range(span.start, span.end)):
            # "King Charles" (an alias that includes a title): the dictionary's name for them
            cand.name, cand.key = span.label_, name_key(span.label_)
        out.append(cand)
    for ent in ix.doc.ents:
        if ent.label_ == "PERSON" and not any(t.i in ix.blocked for t in ent):
            span = ix.trim(ent)
            if span is not None:
                out.append(ix.candidate(span, None, None, None, bare=True))
    return out


def _name_spans(ix: DocIndex):
    """Possible name spans: PERSON entities, dictionary names, SURNAME-first forms."""
    spans = [ix.trim(e) for e in ix.doc.ents if e.label_ == "PERSON"] + list(ix.known)
    doc = ix.doc
    for ent in ix.doc.ents:  # the small model often calls a person followed by their office an ORG
        start = ent.start
        start = _after_honorifics(doc, start, ent.end, also=_ADDRESS_WORDS)  # "the Hon Richard Marles"
        e = doc[start:ent.end]
        end = e.end + (e.end < len(doc) and doc[e.end].text in POSTNOMINALS)  # "Richard Marles MP,"
        if ent.label_ in ("ORG", "GPE", "NORP", "PERSON") and 2 <= len(e) <= 4 and end < len(doc) and \
                doc[end].text == "," and all(t.is_title and t.is_alpha and t.lower_ not in NOT_NAME_WORDS
                                             and t.i not in ix.blocked for t in e):
            spans.append(e)  # "Celso Amorim, Chief Advisor to the President of Brazil"
    for tok in doc:  # Mongolian style, an initial glued to the name: "S.Delgermaa, Ambassador ..."
        if _INITIAL_NAME.match(tok.text) and tok.i not in ix.blocked:
            spans.append(doc[tok.i:tok.i + 1])
    prev_h, words = -1, [t.text for t in doc]
    for i, word in enumerate(words):  # a name after a form of address, before a comma: "The Honorable X, ..."
        if i <= prev_h or word not in _HONORIFIC_WORDS and (
                i + 1 >= len(words) or (word, words[i + 1]) not in _HONORIFIC_PAIRS) or i in ix.blocked:
            continue
        h = _after_honorifics(doc, i)
        if h > i:
            prev_h = h
            j = ix.name_end(h)
            if j < len(doc) and doc[j].text == "," and j - h > 2 and doc[j - 1].text in POSTNOMINALS:
                j -= 1  # "The Hon Richard Marles MP, ..."
            if 2 <= j - h <= 5 and j < len(doc) and (doc[j].text == "," or doc[j].text in POSTNOMINALS):
                spans.append(doc[h:j])
    for tok in doc:  # a line that opens with a name and a comma: "Piyush Goyal, Minister of Commerce ..."
        if (tok.i == 0 or "\n" in doc[tok.i - 1].text_with_ws) and tok.is_title and tok.i not in ix.blocked:
            j = ix.name_end(tok.i)
            if 2 <= j - tok.i <= 4 and j < len(doc) and doc[j].text == ",":
                spans.append(doc[tok.i:j])
    for tok in doc:
        if tok.is_upper and tok.is_alpha and len(tok) > 2 and tok.i + 1 < len(doc) and doc[tok.i + 1].is_title \
                and tok.i not in ix.blocked and doc[tok.i + 1].i not in ix.blocked:
            j = ix.name_end(tok.i)
            if j - tok.i >= 2:
                spans.append(doc[tok.i:j])
    return [s for s in spans if s is not None]


@lru_cache(maxsize=4096)
def _is_trigger_verb_form(word: str) -> bool:
    """Whether a lower-case word is an inflected form of a meeting verb ("received", "meets", "hosted")."""
    from .meetings import load_triggers

    verbs = load_triggers()["verbs"]
    for suffix, stem_ends in (("ed", ("", "e")), ("d", ("",)), ("s", ("",)), ("es", ("",)), ("ing", ("", "e"))):
        if word.endswith(suffix) and any(word[: -len(suffix)] + e in verbs for e in stem_ends):
            return True
    return word in verbs


def _name_stop_words() -> set[str]:
    """Words that end a run of capitalised name tokens (headline verbs: "Xi Jinping Holds Talks")."""
    from .meetings import load_triggers

    return load_triggers()["name_stop_words"]
