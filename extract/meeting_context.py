"""What every step of the meeting search reads about one document, gathered once.

``MeetingContext`` holds the Doc, its sentences, the officials and where they are mentioned,
the tokens inside quotations, the gazetteer's places, countries and titles, the trigger lexicon
and which trigger and status pattern matched each token; it caches what several steps ask for
(a sentence's words, its dates, the spans inside it). It is read-only for the steps: they take
it as their first argument and never set attributes on it.

Not here: what the steps decide (``meeting_triggers``, ``meeting_status``, ``meeting_discourse``,
``meeting_participants``, ``meeting_when_where``, ``meeting_assembly``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from .dates import find_dates, in_range
from .meeting_words import WORDS
from .rules import dependency_rule_at, load_rules, token_rule_at

__all__ = ["MeetingContext", "quoted_tokens"]


# A wire dateline at the start of a sentence, up to its dash ("TOKYO, Aug 24 (Wire) - ").
_DATELINE_PREFIX = re.compile(r"\s*[A-Z][A-Z .'\-]{1,40}[A-Z],[^\n]{0,60}?\s(?:[—–]|--|-)\s")
_BULLETS = ("-", "–", "—", "•", "*", "·", "▪")  # a line of a list
_QUOTES = ('"', "“", "”", "''", "``")
_MATCHERS: dict[tuple[int, str, str], object] = {}


@dataclass
class MeetingContext:
    """One document as the meeting steps see it (built by ``MeetingContext.of``)."""

    doc: Doc
    officials: list
    anchor: date | None  # the publication date
    dateline: str | None  # the dateline's place ("Washington")
    lex: dict  # the trigger lexicon (``extract.meetings.load_triggers``)
    mention_of: dict[int, int]  # token -> index of the official it names
    text: str  # Doc.text joins every token on each access: read it once
    quoted: set[int]  # tokens inside quotation marks (but those of a first-person quote told by an official)
    sents: list[Span]
    sent_of: dict[int, int]  # token -> sentence index
    places: list[Span]
    countries: list[Span]
    titles: list[Span]
    trigger_rule: dict[int, str]  # token -> id of the trigger pattern that matched it
    status_rule: dict[int, str]  # trigger token -> id of the status pattern that matched it
    meeting_words: frozenset[str] | set[str]  # nouns that name a meeting
    _word_cache: dict[int, set[str]] = field(default_factory=dict, repr=False)
    _date_cache: dict[int, list] = field(default_factory=dict, repr=False)
    _spans_of_days: set[int] = field(default_factory=set, repr=False)  # sentences that name a span of days
    _listed: dict[int, tuple[list[int], list[int]]] = field(default_factory=dict, repr=False)  # listed_after's
    _headed: dict[int, dict[int, int]] = field(default_factory=dict, repr=False)  # list_headings'
    _starts: dict[int, list[int]] = field(default_factory=dict, repr=False)
    _year_anchor: list = field(default_factory=list, repr=False)  # [] until computed, then [date | None]
    _other_days: list = field(default_factory=list, repr=False)  # [] until computed, then [bool]
    _trigger_cache: dict[int, list] = field(default_factory=dict, repr=False)  # sentence start -> its triggers
    country_end_at: dict[int, Span] = field(default_factory=dict, repr=False)  # token -> country span ending there
    country_start_at: dict[int, Span] = field(default_factory=dict, repr=False)  # token -> country span starting there
    quote_speaker: dict[int, int] = field(default_factory=dict)  # "I" in an official's quote -> that official

    def __post_init__(self):
        self.country_end_at.update((sp.end, sp) for sp in self.countries)
        self.country_start_at.update((sp.start, sp) for sp in self.countries)

    @classmethod
    def of(cls, doc: Doc, officials: list, anchor: date | None, dateline: str | None, lex: dict) -> MeetingContext:
        """Gather what the steps read about `doc` (which has run the officials component)."""
        sents = list(doc.sents)
        sent_of = {t: si for si, s in enumerate(sents) for t in range(s.start, s.end)}
        rules = load_rules()
        mention_of = doc._.dg_mention_of or {}
        trigger_rule = token_rule_at(_matcher(doc.vocab, "token", "trigger."), doc)
        quoted = quoted_tokens(doc)
        quote_speaker = first_person_quotes(doc, quoted, mention_of, trigger_rule)
        if quote_speaker:
            quoted = quoted - {t for run in quote_speaker.values() for t in run}
        return cls(doc=doc, officials=officials, anchor=anchor, dateline=dateline, lex=lex,
                   mention_of=mention_of, text=doc.text, quoted=quoted, sents=sents,
                   sent_of=sent_of, places=list(doc.spans.get("dg_places", [])),
                   countries=list(doc.spans.get("dg_countries", [])), titles=list(doc.spans.get("dg_titles", [])),
                   trigger_rule=trigger_rule,
                   status_rule=dependency_rule_at(_matcher(doc.vocab, "dependency", "status."), doc, rules),
                   meeting_words=lex["nouns"] | lex["hold_objects"],
                   quote_speaker={i: who for (i, who), run in quote_speaker.items()})

    def sent(self, tok: Token) -> Span:
        """The sentence of `tok` (Token.sent scans the document: too slow for long texts)."""
        return self.sents[self.sent_of[tok.i]]

    def words(self, si: int) -> set[str]:
        """Lower-case forms and lemmas of sentence `si` (cached: a sentence may hold many triggers)."""
        if si not in self._word_cache:
            sent = self.sents[si]
            self._word_cache[si] = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
        return self._word_cache[si]

    def spans_in(self, spans: list[Span], sent: Span) -> list[Span]:
        """The spans of a sorted span list that lie inside `sent` (binary search, not a scan)."""
        starts = self._starts.setdefault(id(spans), [sp.start for sp in spans])
        lo = bisect.bisect_left(starts, sent.start)
        hi = bisect.bisect_left(starts, sent.end)
        return [sp for sp in spans[lo:hi] if sp.end <= sent.end]

    def sentence_officials(self, si: int) -> list[int]:
        """Officials mentioned in sentence `si` (outside quotations), in order."""
        if si < 0:
            return []
        sent = self.sents[si]
        out = []
        for t in range(sent.start, sent.end):
            idx = self.mention_of.get(t)
            if idx is not None and idx not in out and t not in self.quoted:
                out.append(idx)
        return out

    def listed_after(self, si: int) -> tuple[list[int], list[int]]:
        """Officials of the list that sentence `si` opens with a closing colon ("The summit was attended
        by:" then "- President A of X", "- President B of Y" line by line; "including:" then "Gan Kim
        Yong, Minister for Trade and Industry of Singapore" line by line), and the list's sentences.

        The list is read line by line (the parser cuts list lines into sentences anywhere): bulleted
        or numbered lines, or lines that open with a name and a comma and have no verb. Empty when
        `si` does not end with a colon or no such line follows it.
        """
        if si in self._listed:
            return self._listed[si]
        sent = self.sents[si]
        people: list[int] = []
        lines: list[int] = []
        self._listed[si] = (people, lines)  # read-only for the callers
        headed = self._headed[si] = {}
        if not sent.text.rstrip().endswith(":"):
            return people, lines
        start, text, heading = sent.end_char, self.text, None
        while start < len(text):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            line, line_start, start = text[start:end], start, end + 1
            if not line.strip():
                continue
            span = self.doc.char_span(line_start, end, alignment_mode="expand")
            if span is not None and _heading_line(line, span, self.mention_of):
                heading = line_start
                continue  # "Bhutan:" over the next item: the list goes on
            if span is None or not _list_line(line, span, self.mention_of):
                break
            for t in span:
                p = self.mention_of.get(t.i)
                if p is not None and p not in people and t.i not in self.quoted:
                    people.append(p)
                    if heading is not None:
                        headed[p] = heading
                k = self.sent_of.get(t.i)
                if k is not None and k not in lines:
                    lines.append(k)
        return people, lines

    def list_headings(self, si: int) -> dict[int, int]:
        """For the list `listed_after(si)` reads, each official listed under a heading line ("Fiji:") ->
        where that heading starts: the officials under one heading are one party."""
        self.listed_after(si)
        return self._headed[si]

    def mention_span(self, idx: int, t: int) -> tuple[int, int]:
        """Character offsets of the mention of official `idx` that covers token `t`."""
        for s, e in self.officials[idx].tokens:
            if s <= t < e:
                return self.doc[s].idx, self.doc[e - 1].idx + len(self.doc[e - 1])
        tok = self.doc[t]
        return tok.idx, tok.idx + len(tok)

    def first_token(self, p: int, sent: Span) -> int:
        """The first token of official `p` in `sent` (a large number when they are not named there)."""
        return next((t for t in range(sent.start, sent.end) if self.mention_of.get(t) == p), 10**9)

    def trigger_rule_id(self, trig: Token) -> str:
        """The id of the trigger rule that matched `trig` (a user lexicon's word has a generic id)."""
        return self.trigger_rule.get(trig.i, "trigger.user.lexicon")

    def year_anchor(self) -> date | None:
        """The latest date the text writes with its year, for dates written without one (None if none)."""
        if not self._year_anchor:
            dated = [d for _, _, d in find_dates(self.text) if 1900 < d.year < 2100]
            self._year_anchor.append(max(dated) if dated else None)
        return self._year_anchor[0]

    def names_other_days(self, date_of) -> bool:
        """Whether a sentence of the text is dated other than the text's own date (a story of several
        days); `date_of(ctx, sent)` dates a sentence (``meeting_when_where.date_of``). Computed once."""
        if not self._other_days:
            self._other_days.append(any(d is not None and d != self.anchor for s in self.sents
                                        for d in [date_of(self, s)]))
        return self._other_days[0]

    def dates_in(self, sent: Span) -> list:
        """Dates written in `sent` (cached per sentence)."""
        if sent.start not in self._date_cache:
            found = find_dates(sent.text, anchor=self.anchor)
            if self.anchor is None and self.year_anchor() is not None:
                # no publication date: "On the afternoon of October 1" takes its year from the text's own
                # dated mentions ("October 1, 2024"); weekdays stay unresolved
                taken = [(s, e) for s, e, _ in found]
                found = sorted(found + [
                    (s, e, d) for s, e, d in find_dates(sent.text, anchor=self.year_anchor())
                    if any(ch.isdigit() for ch in sent.text[s:e]) and not any(a < e and s < b for a, b in taken)])
            cut = _DATELINE_PREFIX.match(sent.text)
            if cut and any(s >= cut.end() for s, _, _ in found):
                # "TOKYO, Aug 24 (Wire) - ... agreed on Saturday": the dateline dates the filing
                found = [f for f in found if f[0] >= cut.end()]
            kept = [f for f in found if not in_range(sent.text, f[0], f[1])]  # "a visit from 8-11 March"
            if len(kept) < len(found):
                self._spans_of_days.add(sent.start)
            self._date_cache[sent.start] = kept
        return self._date_cache[sent.start]

    def names_span_of_days(self, sent: Span) -> bool:
        """Whether `sent` names a span of days ("held on October 11 and 12"): a time, but no one day."""
        self.dates_in(sent)
        return sent.start in self._spans_of_days

    def date_start(self, sent: Span, s: int, e: int) -> int | None:
        """The first token of a date found at characters `s`:`e` of `sent`, or None."""
        tok = self.doc.char_span(sent.start_char + s, sent.start_char + e, alignment_mode="expand")
        return tok.start if tok is not None else None


def _heading_line(line: str, span: Span, mention_of: dict[int, int]) -> bool:
    """Whether a line heads the next items of a list: a few capitalised words and a colon ("Bhutan:",
    "Solomon Islands:"), naming no one."""
    return bool(re.fullmatch(r"[A-Z][\w'’.-]*(?: [A-Za-z][\w'’.-]*){0,4}:", line.strip())) and \
        not any(t.i in mention_of for t in span)


def _list_line(line: str, span: Span, mention_of: dict[int, int]) -> bool:
    """Whether a line is an item of a list of people: bulleted or numbered, or "Name, office ..."
    with no verb (a name the extractor does not take for an official's still counts as an item)."""
    head = line.strip()
    if head[:1] in _BULLETS or re.match(r"\d{1,2}[.)]\s", head):
        return True
    words = [t for t in span if not t.is_space]
    if not words or any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in words):
        return False
    if len({mention_of[t.i] for t in words if t.i in mention_of}) > 1:
        return False
    if words[0].i in mention_of:
        return True
    comma = next((k for k, t in enumerate(words) if t.text == ","), None)
    return comma is not None and 2 <= comma <= 7 and all(t.text[:1].isupper() or t.text in ("-", ".")
                                                         for t in words[:comma])


def quoted_tokens(doc: Doc) -> set[int]:
    """Indices of tokens inside quotation marks (what people said is not what happened).

    A paragraph that opens with a quotation mark it never closes and speaks of no "I" or "we" is a
    scraper's stray mark, not a quotation ('"Chinese President Xi Jinping met with ... on Thursday.').
    """
    cached = doc.user_data.get("dg_quoted")
    if cached is not None:
        return set(cached)  # the meeting search and the topics both ask
    out: set[int] = set()
    inside = typeset = False
    stray: set[int] = set()
    line_start, marks, first_person = 0, [], False
    tokens = list(doc)
    for tok in tokens + [None]:
        if tok is None or tok.is_space and "\n" in tok.text:
            end = tok.i if tok is not None else len(doc)
            if end - line_start > 3 and len(marks) == 1 and marks[0] == line_start and not first_person:
                stray.add(marks[0])
            line_start, marks, first_person = end + 1, [], False
            continue
        if tok.text in _QUOTES:
            marks.append(tok.i)
        elif not first_person and tok.lower_ in WORDS.first_person_words:
            first_person = True
    for tok in doc:
        if tok.i in stray:
            continue
        text = tok.text
        if text in ("“", "„", "«") and _inside_a_name(doc, tok.i):
            continue  # "Hon. Samuela „Akilisi Pohiva": a glottal stop typed as a low quotation mark
        if text in ("“", "„", "«"):
            inside, typeset = True, True
            continue
        if text in ("”", "»"):
            inside = False
            continue
        if text == '"' or text == "''" or text == "``":
            inside, typeset = not inside, False
            continue
        if tok.is_space and "\n" in tok.text:
            inside = False
        if inside and typeset and text == "," and _attribution_follows(doc, tok.i + 1):
            # '“... his commitment and compassion, he tweeted after the meeting': the closing mark was lost
            # (only after an opening typeset mark: a straight one toggles, and closing early would invert the rest)
            inside = False
        if inside:
            out.add(tok.i)
    doc.user_data["dg_quoted"] = frozenset(out)
    return out


def _inside_a_name(doc: Doc, i: int) -> bool:
    """Whether the opening mark at `i` stands between two capitalised words and nothing closes it on its line
    ("Samuela „Akilisi Pohiva", "Fa„asaulala"): part of a Polynesian name, not a quotation."""
    if i == 0 or i + 1 >= len(doc):
        return False
    before, after = doc[i - 1], doc[i + 1]
    if not (before.is_alpha and before.is_title and after.is_alpha and after.is_title) or doc[i].whitespace_:
        return False
    for tok in doc[i + 1:]:
        if tok.is_space and "\n" in tok.text:
            return True
        if tok.text in ("”", "»", '"', "“"):
            return False
    return True


def first_person_quotes(doc: Doc, quoted: set[int], mention_of: dict[int, int],
                        trigger_rule: dict[int, str]) -> dict[tuple[int, int], list[int]]:
    """Quotations in which an official tells, as "I", a meeting of theirs: '"I am pleased to welcome the UK
    Defence Minister John Healey to Ukraine," Shmyhal stated.' The official is named with a reporting verb
    right after the closing mark or right before the opening one, and the quotation holds "I" as a subject
    and a meeting verb. Returns {("I" token, official): the quotation's tokens}; what such a quotation
    tells is read like the report's own sentences (rule ``participant.quote_speaker``).
    """
    out: dict[tuple[int, int], list[int]] = {}
    run: list[int] = []
    for t in sorted(quoted) + [None]:
        if run and (t is None or t != run[-1] + 1 and not all(doc[k].text in _QUOTES or doc[k].is_space
                                                              for k in range(run[-1] + 1, t))):
            first = [i for k in run if trigger_rule.get(k, "").startswith("trigger.verb.")
                     for i in [_first_person_subject(doc[k]) or _unsaid_first_person(doc[k], run[0])]
                     if i is not None]
            who = _quote_teller(doc, run[0], run[-1], mention_of) if first else None
            if who is not None:
                out[(first[0], who)] = run
            run = []
        if t is not None:
            run.append(t)
    return out


def _first_person_subject(verb: Token) -> int | None:
    """The "I" whose meeting verb `verb` is, not negated: "I met", "I am pleased to welcome" (up through
    the verbs and adjectives it complements); None otherwise."""
    tok = verb
    for _ in range(3):
        if any(c.dep_ == "neg" for c in tok.children):
            return None  # "I cannot be present at a meeting that I have not confirmed"
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj.i if subj.text == "I" else None
        if tok.dep_ not in ("xcomp", "acomp", "conj") or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


#: Words that open an official's post in the first person with no "I": '"Good to meet FM Khadka ...," X tweeted'.
_GLAD_WORDS = frozenset({"good", "great", "glad", "pleased", "delighted", "happy", "honoured", "honored", "wonderful",
                         "nice", "lovely", "excellent", "privileged"})


def _unsaid_first_person(verb: Token, opening: int) -> int | None:
    """ "Good to meet FM Narayan Khadka", "Delighted to receive ...": a meeting verb after a word of gladness
    that opens the quotation, with no subject; the gladness word stands for the teller's "I"."""
    glad = verb.head
    if verb.dep_ not in ("xcomp", "advcl") or glad.lower_ not in _GLAD_WORDS or glad.i - opening > 3 or \
            any(c.dep_ == "neg" for c in list(verb.children) + list(glad.children)):
        return None
    holders = list(glad.children) + (list(glad.head.children) if glad.dep_ == "acomp" else [])
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("it",) for c in holders):
        return None  # "They were glad to meet ...": someone else's gladness
    return glad.i


def _quote_teller(doc: Doc, a: int, b: int, mention_of: dict[int, int]) -> int | None:
    """The one official a reporting verb names right after quotation tokens a..b ('..., Shmyhal stated') or
    right before them ('Shmyhal said: "...'), in the same sentence, else None."""
    def teller(steps) -> int | None:
        toks = []
        for k in steps:
            if not 0 <= k < len(doc) or doc[k].text in (".", "!", "?", ";") or doc[k].is_space and "\n" in doc[k].text:
                break
            toks.append(doc[k])
        said = any(t.pos_ == "VERB" and t.lemma_.lower() in WORDS.reporting_verbs | WORDS.quote_verbs for t in toks)
        people = {mention_of[t.i] for t in toks if t.i in mention_of}
        return people.pop() if said and len(people) == 1 else None

    k = b + 1
    while k < len(doc) and (doc[k].text in _QUOTES or doc[k].text == ","):
        k += 1
    after = teller(range(k, k + 9))  # ("..., External Affairs Minister S Jaishankar tweeted")
    if after is not None:
        return after
    k = a - 1
    while k >= 0 and (doc[k].text in _QUOTES or doc[k].text in (",", ":")):
        k -= 1
    return teller(range(k, k - 5, -1))


def _attribution_follows(doc: Doc, k: int) -> bool:
    """ "..., he tweeted", "..., Jaishankar said": a speaker and a reporting verb right after a comma."""
    j = k
    while j < len(doc) and j - k < 4 and (doc[j].pos_ in ("PRON", "PROPN") or doc[j].text[:1].isupper()):
        j += 1
    return j > k and j < len(doc) and doc[j].pos_ == "VERB" and doc[j].tag_ == "VBD" and (
        doc[j].lemma_.lower() in WORDS.reporting_verbs | WORDS.quote_verbs)


def _matcher(vocab, kind: str, prefix: str):
    """The "token" or "dependency" matcher of the rules under `prefix`, compiled once per vocabulary."""
    key = (id(vocab), kind, prefix)
    if key not in _MATCHERS:
        rules = load_rules()
        _MATCHERS[key] = (rules.token_matcher if kind == "token" else rules.dependency_matcher)(vocab, prefix)
    return _MATCHERS[key]
