"""The gazetteer component: titles, countries, places, known actors and topics as spans.

One spaCy component that marks every surface form of our tables in the text, so later
components can ask "is there a title right before this name?" in constant time. It
writes span groups on the Doc:

- ``dg_titles``: offices ("Foreign Minister", "Minister for Foreign Affairs"); label = canonical title
- ``dg_countries``: names, aliases and demonyms ("U.S.", "Japanese"); label = ISO alpha-3 code
- ``dg_places``: cities, venues and events ("State Department"); label = "city|country"
- ``dg_actors``: full names and aliases from the actor dictionary; label = canonical name
- ``dg_topics``: topic-table phrases, matched on lower case; label = topic label

It finds; it decides nothing. Overlaps are resolved by the components that read them.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import extensions  # noqa: F401  (the doc._.dg_* attributes)
from .guard import guarded
from .norm.names import is_honorific

__all__ = ["Gazetteer", "GROUPS"]

GROUPS = ("dg_titles", "dg_countries", "dg_places", "dg_actors", "dg_topics")


class Gazetteer:
    """Mark titles, countries, places, known actors and topics in a Doc (see module docstring)."""

    def __init__(self, nlp: Language, name: str = "diplograph_gazetteer", *, actor_files: list[str] | None = None,
                 topic_files: list[str] | None = None):
        self.name = name
        self.nlp = nlp
        self.actor_files = list(actor_files or [])
        self.topic_files = list(topic_files or [])
        self._built = False

    def _build(self) -> None:
        """Build the phrase matchers from the tables (once, on first use)."""
        from . import countries, places, titles
        from .actors import ActorDictionary
        from .topictable import TopicTable

        vocab = self.nlp.vocab
        self.actors = ActorDictionary.load(tuple(self.actor_files))
        self.topics = TopicTable.load(tuple(self.topic_files))
        self.matchers: dict[str, PhraseMatcher] = {}

        def add(group: str, attr: str, pairs: dict[str, str]) -> None:
            matcher = PhraseMatcher(vocab, attr=attr)
            by_label: dict[str, list] = {}
            for surface, label in pairs.items():
                if surface.strip():
                    by_label.setdefault(label, []).append(surface)
                    if "'" in surface:  # "People’s Republic of China" as typeset pages write it
                        by_label[label].append(surface.replace("'", "’"))
            for label, surfaces in by_label.items():
                matcher.add(label, list(self.nlp.tokenizer.pipe(surfaces)))
            self.matchers[group] = matcher

        title_pairs = {}
        for surface in titles.title_patterns():
            plural = _plural_title(surface)
            if plural:  # "U.S. Senators Koons and Portman", "Foreign Ministers Wang and Lavrov"
                canon = titles.canonical_title(surface)
                if canon:
                    title_pairs.setdefault(plural, canon)
                    title_pairs.setdefault(plural[:1].upper() + plural[1:], canon)
            canon = titles.canonical_title(surface)
            if canon and "defence" in surface.lower():
                canon = canon.replace("Defense", "Defence")  # the office as the text spells it
            if canon:
                title_pairs[surface] = canon
                title_pairs.setdefault(surface[:1].upper() + surface[1:], canon)
                title_pairs.setdefault(surface.upper(), canon)  # transcripts: "SECRETARY BLINKEN:"
        add("dg_titles", "ORTH", title_pairs)
        add("dg_countries", "ORTH", countries.surface_forms(kinds=("name", "alias", "demonym")))
        place_pairs = {s: f"{p.city}|{p.country}" for s, p in places.surface_forms().items()}
        add("dg_places", "ORTH", place_pairs)
        self.accented = {"dg_places": _AccentIndex(place_pairs),
                         "dg_countries": _AccentIndex(countries.surface_forms(kinds=("name", "alias", "demonym")))}
        actor_pairs: dict[str, str] = {}
        for actor in self.actors:
            for surface in (actor.name, *actor.aliases):
                if len(surface.split()) >= 2 or surface[:1].isupper() and len(surface) > 3 and surface not in actor_pairs:
                    actor_pairs.setdefault(surface, actor.name)
        add("dg_actors", "ORTH", actor_pairs)
        self.spellings = _SpellingIndex(actor_pairs)
        self.long_forms = _LongFormIndex(actor_pairs)
        add("dg_topics", "LOWER", {s.lower(): t.label for s, t in self.topics.surface_forms().items()})
        self._built = True

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        if not self._built:
            self._build()
        accented = [t.i for t in doc if not t.text.isascii()]
        for group, matcher in self.matchers.items():
            spans = [Span(doc, s, e, label=label) for label, s, e in matcher(doc)]
            if accented and group in self.accented:
                spans += self.accented[group].find(doc, accented)  # "Hà Nội", "Việt Nam": Hanoi and Viet Nam
            doc.spans[group] = filter_spans(spans)  # the longest match wins ("climate change", not "climate")
        if "dg_countries" in doc.spans:
            doc.spans["dg_countries"] = [sp for sp in doc.spans["dg_countries"] if not _given_name(doc, sp)]
        variants = self.spellings.find(doc) + self.long_forms.find(doc)
        if variants:  # "Nikol Pashinian", "Irakli Gharibashvili": the dictionary's Pashinyan and Garibashvili
            doc.spans["dg_actors"] = filter_spans(list(doc.spans.get("dg_actors", [])) + variants)
        if "dg_titles" in doc.spans:
            countries = {t for sp in doc.spans.get("dg_countries", []) for t in range(sp.start, sp.end)}
            names = {sp.start for sp in doc.spans.get("dg_actors", []) if len(sp) > 1}
            title_ends = {sp.end for sp in doc.spans["dg_titles"]}
            doc.spans["dg_titles"] = [_with_modifiers(doc, sp, countries) for sp in doc.spans["dg_titles"]
                                      if not _inside_a_name(doc, sp, names, title_ends)]
        return doc


class _AccentIndex:
    """Surface forms by their words with accents and case folded, to find a place or a country the text
    writes with diacritics the table leaves out ("Hà Nội" and "HÀ NỘI" are the table's "Ha Noi", "Việt Nam"
    its "Viet Nam"). Only windows around tokens that are not ASCII are looked at; a match must open with
    a capital, as the table's forms do.
    """

    def __init__(self, pairs: dict[str, str]):
        from .norm.text import fold

        self._fold = fold
        self.by_words: dict[tuple[str, ...], str] = {}
        for surface, label in pairs.items():
            words = tuple(fold(w) for w in surface.split())
            if 1 <= len(words) <= 4:
                self.by_words.setdefault(words, label)

    def find(self, doc: Doc, accented: list[int]) -> list[Span]:
        """Spans of `doc` over the windows that hold one of the `accented` token indices."""
        out: list[Span] = []
        seen: set[tuple[int, int]] = set()
        for i in accented:
            for start in range(max(0, i - 3), i + 1):
                for end in range(min(len(doc), start + 4), i, -1):
                    if (start, end) in seen or not doc[start].text[:1].isupper():
                        continue
                    seen.add((start, end))
                    label = self.by_words.get(tuple(self._fold(t.text) for t in doc[start:end]))
                    if label is not None:
                        out.append(Span(doc, start, end, label=label))
        return out


class _SpellingIndex:
    """The actor dictionary's full names by their words, to find a name the text spells another way.

    A name of two to four words (six with patronymic particles: "Yousuf bin Alawi bin Abdullah") that the
    model marks as an entity matches a dictionary name when
    all its words but one are the same (case and accents aside) and the other one, of five letters
    or more and with the same first letter, is a close spelling (rapidfuzz ratio of at least 85):
    "Nikol Pashinian" is Nikol Pashinyan, "Gurbanguli Berdimuhamedov" Gurbanguly Berdimuhamedov.
    Korean-style hyphenated given names and names the dictionary holds twice are left alone.
    """

    def __init__(self, surfaces: dict[str, str]):
        from .norm.text import fold

        self._fold = fold
        self.by_word: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for surface, label in surfaces.items():
            words = tuple(fold(w) for w in surface.split())
            if not 2 <= len(words) <= self._longest(words) or any("-" in w for w in words) or \
                    not all(w.isalpha() for w in words):
                continue
            for w in set(words):
                self.by_word.setdefault(w, []).append((words, label))

    def find(self, doc: Doc) -> list[Span]:
        """Spans of entities that are close spellings of one dictionary name, labelled with that name."""
        from rapidfuzz.fuzz import ratio

        known = {t for sp in doc.spans.get("dg_actors", []) for t in range(sp.start, sp.end)}
        out = []
        for ent in doc.ents:
            if ent[0].lower_ in _LongFormIndex._PARTICLES and ent.start > 0 and doc[ent.start - 1].is_title and \
                    doc[ent.start - 1].is_alpha:
                ent = Span(doc, ent.start - 1, ent.end, label=ent.label_)  # "Yousuf [bin Alawi bin Abdullah]"
            words = tuple(self._fold(t.text) for t in ent)
            if ent.label_ not in ("PERSON", "NORP", "GPE", "ORG") or not 2 <= len(ent) <= self._longest(words) or \
                    any(t.i in known for t in ent) or \
                    not all(t.is_alpha and (t.is_title or t.lower_ in _LongFormIndex._PARTICLES) for t in ent):
                continue
            labels = set()
            for w in set(words):
                for cand, label in self.by_word.get(w, ()):
                    if len(cand) != len(words) or cand == words:
                        continue
                    diff = [(a, b) for a, b in zip(words, cand) if a != b]
                    if len(diff) == 1 and len(diff[0][0]) >= 5 and diff[0][0][0] == diff[0][1][0] and \
                            ratio(*diff[0]) >= 85:
                        labels.add(label)
            if len(labels) == 1:
                out.append(Span(doc, ent.start, ent.end, label=labels.pop()))
        return out

    @staticmethod
    def _longest(words: tuple[str, ...]) -> int:
        """Four words, or six when two of them are patronymic particles ("bin", "al")."""
        return 6 if sum(w in _LongFormIndex._PARTICLES for w in words) >= 2 else 4


class _LongFormIndex:
    """The actor dictionary's names found in a longer form of them: "Miguel Mario Díaz-Canel Bermúdez" is the
    dictionary's Miguel Díaz-Canel (a middle name and a second surname).

    An entity of three to six capitalised words (the small model makes some an ORG) matches a dictionary
    name of two or more words when both open with the same word, the dictionary's words come in the
    entity in order, the dictionary's last word is the entity's last or next to last (a second surname
    after it), and every dictionary name opening and ending with those words is one person's (not
    "George Herbert Walker Bush" for a "George Bush" when the dictionary holds two). Names with a
    patronymic particle ("bin", "ibn") are left alone: there the extra words name a father.
    """

    _PARTICLES = frozenset({"bin", "ibn", "bint", "binti", "ben", "al", "el", "ould", "oglu", "ogly"})

    def __init__(self, surfaces: dict[str, str]):
        from .norm.text import fold

        self._fold = fold
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.ends: dict[tuple[str, str], set[str]] = {}
        for surface, label in surfaces.items():
            words = tuple(fold(w) for w in surface.split())
            if len(words) < 2 or set(words) & self._PARTICLES:
                continue
            self.by_first.setdefault(words[0], []).append((words, label))
            self.ends.setdefault((words[0], words[-1]), set()).add(label)

    def find(self, doc: Doc) -> list[Span]:
        """Spans of entities that are a longer form of one dictionary name, labelled with that name."""
        known = {t for sp in doc.spans.get("dg_actors", []) for t in range(sp.start, sp.end)}
        out = []
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "NORP", "GPE") or any(t.i in known for t in ent):
                continue
            words = tuple(self._fold(w) for w in ent.text.split())
            if not 3 <= len(words) <= 6 or set(words) & self._PARTICLES or \
                    not all(w[:1].isupper() for w in ent.text.split()):
                continue
            labels = set()
            for cand, label in self.by_first.get(words[0], ()):
                if len(cand) >= len(words) or cand[-1] not in words[-2:] or not _in_order(cand[1:], words[1:]):
                    continue
                if len(self.ends.get((cand[0], cand[-1]), ())) == 1:
                    labels.add(label)
            if len(labels) == 1:
                out.append(Span(doc, ent.start, ent.end, label=labels.pop()))
        return out


def _in_order(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    """Whether the words of `part` come in `whole` in the same order (others may stand between)."""
    rest = iter(whole)
    return all(any(w == x for x in rest) for w in part)


def _given_name(doc: Doc, span: Span) -> bool:
    """A country's name that opens a person's name ("Bharat Raj Paudyal", "Mr Israel Katz"): one token
    of a PERSON entity, followed inside it by a capitalised name word."""
    if len(span) != 1 or span.end >= len(doc):
        return False
    tok, nxt = doc[span.start], doc[span.end]
    if not (nxt.text[:1].isupper() and nxt.text.isalpha()) or span.start > 0 and doc[span.start - 1].pos_ == "ADP":
        return False  # "Ambassador to Vietnam Ha Vi": the country of a posting
    if tok.ent_type_ == "PERSON" and nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "I":
        return True
    if nxt.ent_type_ != "PERSON" or tok.ent_type_ == "GPE" or tok.text in _demonyms():
        return False
    # a PERSON the model began one word late ("Mr [Bharat] [Raj Paudyal]", "counterpart [Bharat] [Raj Paudyal]")
    return nxt.ent_iob_ == "B" or span.start > 0 and is_honorific(doc[span.start - 1].text)


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    from . import countries

    return frozenset(countries.surface_forms(kinds=("demonym",)))


#: Offices whose word is also a common part of names ("Amir-Abdollahian", "Shah Mahmood Qureshi").
_NAME_LIKE_OFFICES = frozenset({"Shah", "Emir", "Amir", "Sultan", "Malik", "Raja", "Khan", "Begum", "Sheikh", "Prince"})


#: Words that open an Arabic family name: an office right before one is a given name.
_FAMILY_PARTICLES = {"bin", "ibn", "bint", "al", "el"}


def _inside_a_name(doc: Doc, span: Span, names: set[int] = frozenset(), title_ends: set[int] = frozenset()) -> bool:
    """A one-word office that is a part of someone's name: "Amir-Abdollahian", "Makhdoom Shah Mahmood
    Qureshi" (after a capitalised name word, before a name), "Foreign Minister Shah Mahmood Qureshi" (right
    after another office, or opening a name of the actor dictionary: `names` holds the first tokens of its
    matches, `title_ends` the ends of the text's offices)."""
    if len(span) != 1 or span.label_ not in _NAME_LIKE_OFFICES:
        return False  # "Her Excellency Ambassador Maria Carisio", "President-Elect Trump" keep their office
    tok = doc[span.start]
    nxt_name = span.end < len(doc) and doc[span.end].text[:1].isupper() and doc[span.end].is_alpha
    if nxt_name and (span.start in names or span.start in title_ends):
        return True
    if span.end < len(doc) and (doc[span.end].lower_ in _FAMILY_PARTICLES or doc[span.end].text[:3] in ("Al-", "al-")):
        return True  # "Sultan bin Saad Al Muraikhi", "Sultan Al Khater": a given name before the family's
    if span.end + 1 < len(doc) and not tok.whitespace_ and doc[span.end].text in ("-", "‐") and \
            doc[span.end + 1].text[:1].isupper():
        return True  # "Amir-Abdollahian", not "President-elect"
    if span.start > 1 and doc[span.start - 1].text in ("-", "‐") and not doc[span.start - 1].whitespace_ and \
            doc[span.start - 2].text[:1].isupper() and doc[span.start - 2].ent_type_ == "PERSON":
        return True
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    return (prev is not None and nxt is not None and prev.text[:1].isupper() and prev.is_alpha
            and (prev.ent_type_ == "PERSON" and tok.ent_type_ == "PERSON" or is_honorific(prev.text))
            and nxt.text[:1].isupper() and nxt.is_alpha)


def _plural_title(surface: str) -> str | None:
    """The plural of a title whose last word is a person noun ("Senator" -> "Senators", "Foreign Secretary"
    -> "Foreign Secretaries"); None for titles that end otherwise ("Minister of Defence")."""
    words = surface.split()
    if len(words) > 3 or not words[-1][:1].isalpha() or not words[-1][:1].isupper():
        return None
    last = words[-1]
    if last.endswith("man"):
        plural = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        plural = last[:-1] + "ies"
    elif last.endswith(("s", "x", "sh", "ch")):
        return None
    else:
        plural = last + "s"
    return " ".join(words[:-1] + [plural])


#: Words that make another office of the one they qualify ("Deputy High Commissioner" is not the
#: High Commissioner; "President-elect" is not yet President).
_TITLE_PREFIXES = {"deputy": "Deputy", "vice": "Vice", "acting": "Acting", "interim": "Interim",
                   "caretaker": "Caretaker"}
_TITLE_SUFFIXES = {"elect": "-elect", "designate": " designate", "designee": " designate"}


def _with_modifiers(doc: Doc, span: Span, countries: set[int]) -> Span:
    """A title span widened to the words that change the office: a prefix ("Deputy", "Acting",
    "Caretaker"), a suffix ("-elect", "designate"), and the portfolio before a bare "Minister"
    ("Sports Minister", "National Unity Minister"), which the title table does not list."""
    start, end, label = span.start, span.end, span.label_
    if end + 1 < len(doc) and doc[end].text in ("-", "–") and doc[end + 1].lower_ in _TITLE_SUFFIXES:
        label, end = label + _TITLE_SUFFIXES[doc[end + 1].lower_], end + 2
    elif end < len(doc) and doc[end].lower_ in _TITLE_SUFFIXES and doc[end].lower_ != "elect":
        label, end = label + _TITLE_SUFFIXES[doc[end].lower_], end + 1
    if label == "Minister":
        k = start
        while k > 0 and start - k < 3 and doc[k - 1].is_title and doc[k - 1].pos_ in ("NOUN", "PROPN") and \
                k - 1 not in countries and doc[k - 1].ent_type_ not in ("PERSON", "GPE", "NORP", "DATE", "TIME") and \
                doc[k - 1].lower_ not in _TITLE_PREFIXES and not doc[k - 1].is_sent_start:
            k -= 1
        if k < start:
            label, start = " ".join(t.text for t in doc[k:start]) + " Minister", k
    if start > 0 and doc[start - 1].lower_ in _TITLE_PREFIXES and not label.lower().startswith(doc[start - 1].lower_):
        label, start = f"{_TITLE_PREFIXES[doc[start - 1].lower_]} {label}", start - 1
    if (start, end, label) == (span.start, span.end, span.label_):
        return span
    return Span(doc, start, end, label=label)


@Language.factory(
    "diplograph_gazetteer",
    assigns=["doc.spans"],
    default_config={"actor_files": [], "topic_files": []},
)
def make_gazetteer(nlp: Language, name: str, actor_files: list[str], topic_files: list[str]) -> Gazetteer:
    """Create the gazetteer component (registered as ``diplograph_gazetteer``)."""
    return Gazetteer(nlp, name, actor_files=actor_files, topic_files=topic_files)
