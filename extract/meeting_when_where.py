"""When and where a meeting was: the date and place rules of the meeting search.

Functions of the document's ``MeetingContext``: dates near the trigger (resolved against the
publication date, never from a dateline's filing date or a relative clause about someone),
meetings told as at another time ("had last met in January", "since ...", "in 2019"), places
in the trigger's clause, the places the table lacks ("Woodside, California", "the Laotian
capital"), the dateline and the sentences that tell the meeting.

Not here: which fallback applies when (``meeting_assembly.finish``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Callable

from spacy.tokens import Span, Token

from .meeting_context import MeetingContext
from .meeting_types import Meeting
from .meeting_words import WORDS

__all__ = ["since_tokens", "dateline_place", "elsewhen", "month_only", "day_shift", "date_of",
           "date_in_clause", "place_of", "place_in", "telling", "mentions_other_year"]


_OTHER_TIME = re.compile(
    r"\b(?:last (?:year|month|week|met|summer|spring|autumn|fall|winter)|earlier this (?:year|month)|"
    r"(?:years|months|weeks) ago|previously|in the past)\b", re.I)


def since_tokens(sent: Span) -> set[int]:
    """Tokens of the "since ..." phrases or clauses of a sentence: another, earlier time."""
    out: set[int] = set()
    for tok in sent:
        if tok.lower_ == "since":
            top = tok.head if tok.dep_ == "mark" else tok  # "since the leaders met in Kazan": the clause
            out.update(t.i for t in top.subtree)
    return out


def dateline_place(name: str) -> dict | None:
    """The place a dateline names ("WASHINGTON", "Fasano, Italy") as a location, or None."""
    from .countries import country_code
    from .places import place_for

    place = place_for(name)
    if place is None and ", " in name:
        town, _, region = name.rpartition(", ")
        code = country_code(region)
        return {"city": town, "country": code} if code and town else None  # "Fasano, Italy"
    if place is None:
        return None
    return {"city": place.city, "country": place.country}


def elsewhen(ctx: MeetingContext, trig: Token, si: int, clause: set[int]) -> bool:
    """Is the meeting told as at another time than the report's own?

    "had last met in January", "their meeting in New York in September", "met in Hanoi in
    2019": the trigger's own time words (its prepositions and adverbs, or a noun's modifiers)
    give a month or year other than the report's, or look back ("last met", "previously").
    A noun that is only talked about ("discussed the G7 summit in May") is not such a meeting.
    """
    from .dates import MONTHS

    if trig.pos_ in ("NOUN", "PROPN"):
        if not any(c.dep_ == "poss" or c.lower_ in WORDS.looking_back_words or c.lower_ in ("with", "between")
                   for c in trig.children):
            return False
        toks = list(trig.subtree)
        if trig.dep_ == "dobj" and trig.head.pos_ == "VERB":  # "recalled their meeting ... in September"
            toks += [t for c in trig.head.children if c.dep_ == "prep" and c.i > trig.i for t in c.subtree]
    else:
        heads = [trig] + ([trig.head] if trig.dep_ == "conj" else [])  # "In September, Kim went ... and held talks"
        toks = [trig] + [t for h in heads for c in h.children if c.dep_ in ("prep", "advmod", "npadvmod", "aux")
                         and c.i != trig.i for t in c.subtree]
        if trig.i > 0 and ctx.doc[trig.i - 1].lower_ in WORDS.looking_back_words:
            return True  # "the two leaders last met ..."
    if any(c.dep_ == "mark" and c.lower_ == "since" for c in trig.children):
        return True  # "their first meeting since the leaders met in Kazan"
    since = since_tokens(trig.sent)
    toks = [t for t in toks if t.i not in since]  # "their first meeting since the G7 summit last year"
    if any(t.lower_ in WORDS.looking_back_words and t.dep_ in ("advmod", "amod") and not _earlier_today(ctx, t)
           for t in toks):
        return True
    if ctx.anchor is None:
        return False
    for t in toks:
        low = t.lower_.rstrip(".")
        if re.fullmatch(r"(19|20)\d\d", t.text) and int(t.text) != ctx.anchor.year and not (
                t.i > 0 and ctx.doc[t.i - 1].lower_ in ("since", "until", "till", "by")):
            return True  # "met in Hanoi in 2019", not "the first meeting since 2016"
        if low in MONTHS and t.is_title and MONTHS[low] != ctx.anchor.month:
            nxt = ctx.doc[t.i + 1] if t.i + 1 < len(ctx.doc) else None
            prev = ctx.doc[t.i - 1] if t.i > 0 else None
            if not (nxt is not None and nxt.like_num or prev is not None and prev.like_num):
                return True  # "in January", not "Jan. 7" (a full date is the date rule's)
    return False


def _earlier_today(ctx: MeetingContext, tok: Token) -> bool:
    """ "met earlier today", "earlier this morning": the report's own day, not another time."""
    after = ctx.doc[tok.i + 1:tok.i + 3].text.lower()
    return tok.lower_ == "earlier" and (after.startswith(("today", "tonight")) or after in (
        "this morning", "this afternoon", "this evening"))


def month_only(trig: Token) -> bool:
    """ "Xi and Putin met in March in Moscow": the meeting's time is a month, not a day we can give."""
    from .dates import MONTHS

    for prep in trig.children:  # the trigger's own "in March", not a date of something else nearby
        if prep.dep_ == "prep" and prep.lower_ in ("in", "during"):
            if any(c.dep_ == "pobj" and c.lower_.rstrip(".") in MONTHS for c in prep.children):
                return True
    return False


def day_shift(ctx: MeetingContext, trig: Token, clause: set[int]) -> int:
    """-1 for a meeting told as "a day after ..." another one, +1 for "a day before"."""
    start = trig.left_edge.idx
    before = ctx.text[max(ctx.sent(trig).start_char, start - 60):start].lower()
    m = re.search(r"\b(?:a|one|the) day (after|before)\b[^,;]*$", before)
    if m:
        return -1 if m.group(1) == "after" else 1
    return 0


def date_of(ctx: MeetingContext, sent: Span, clause: set[int] = frozenset(), trig: Token | None = None) -> date | None:
    """The date in the trigger's clause nearest the trigger, else the sentence's first date."""
    found = ctx.dates_in(sent)
    if not found:
        return None
    # "Sunak, who faces an election on July 4": a relative clause dates something else
    aside = {t.i for tok in sent if tok.dep_ in ("relcl", "acl") and tok.head.i in ctx.mention_of
             and not main_clause_misread(tok) for t in tok.subtree}
    if aside and re.search(r"\b(?:that|the same) day\b", sent.text, re.I):
        aside = set()  # "Zelensky, who flew in on Saturday, also met Modi that day"
    if aside:
        found = [(s, e, d) for s, e, d in found if ctx.date_start(sent, s, e) not in aside]
        if not found:
            return None
    # "discussed developments after the July 15 early parliamentary polls": a date that qualifies another
    # event's noun dates that event
    found = [(s, e, d) for s, e, d in found if not _dates_another_noun(ctx, ctx.date_start(sent, s, e))]
    if not found:
        return None
    if trig is not None:
        # "X on Saturday announced that he had cancelled it, after Y told him in a call": the day of the telling
        found = [(s, e, d) for s, e, d in found if not _dates_the_telling(ctx, ctx.date_start(sent, s, e), trig)]
        if not found:
            return None
    if clause and trig is not None:
        near = []
        for s, e, d in found:
            start = ctx.date_start(sent, s, e)
            if start is not None and start in clause and start not in ctx.quoted:
                near.append((abs(start - trig.i), d))
        if near:
            return min(near, key=lambda x: x[0])[1]
        clause_text = " ".join(ctx.doc[i].text for i in sorted(clause))
        if _OTHER_TIME.search(clause_text):
            return None  # "who met Xi last year": the sentence's "on Thursday" is another event's
    absolute = [d for s, e, d in found if any(ch.isdigit() for ch in sent.text[s:e])]
    return absolute[0] if absolute else found[0][2]


def _dates_the_telling(ctx: MeetingContext, start: int | None, trig: Token) -> bool:
    """Whether the date starting at token `start` hangs on a reporting verb ("announced on Saturday") that
    governs, from above, a clause set before or after it in which the trigger stands."""
    if start is None:
        return False
    head = ctx.doc[start]
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head  # "Trump on Saturday announced": the parser hung the day on the subject
    # only when the trigger's clause is put before or after the telling ("after Y told him in a call"); "X said on
    # Friday that he had raised it at the start of his meeting with Y" tells that day's meeting
    return head.lemma_.lower() in WORDS.reporting_verbs and head.i != trig.i and head in trig.ancestors and \
        any(t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("after", "before") for c in t.children)
            for t in _path_down(head, trig))


def _path_down(top: Token, low: Token) -> list[Token]:
    """The tokens from `low` up to (not including) `top`, `top` being an ancestor of `low`."""
    path, tok = [], low
    while tok.i != top.i and tok.head.i != tok.i:
        path.append(tok)
        tok = tok.head
    return path


def _dates_another_noun(ctx: MeetingContext, start: int | None) -> bool:
    """Whether the date starting at token `start` is a modifier of a noun that names no meeting ("the July 15
    polls", "the 3 March vote")."""
    if start is None:
        return False
    from .dates import MONTHS

    tok = ctx.doc[start]
    if not (tok.like_num or tok.lower_.rstrip(".") in MONTHS):
        return False  # "last night", "this week": the time of the sentence's own telling
    if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", tok.head.text):
        return False  # "July 6th": the parser made the day a noun the month modifies, within the date itself
    return tok.dep_ in ("compound", "nmod", "amod") and tok.head.pos_ == "NOUN" and tok.head.i > start and \
        tok.head.lower_ not in ctx.meeting_words and tok.head.lemma_.lower() not in ctx.lex["verbs"]


_SAME_DAY = re.compile(r"\b(?:earlier|later) (?:in|on) the day\b|\b(?:earlier|later) that day\b|\bthe same day\b"
                       r"|\bon the same day\b|\bthat same day\b"
                       # "In the afternoon, ...": a part of the day told before
                       r"|^\W*(?:later )?(?:in|during) the (?:afternoon|evening|morning)\b", re.I)


def same_day(ctx: MeetingContext, si: int) -> date | None:
    """ "Earlier in the day, ... Jaishankar called on the visiting Prime Minister": the date of the
    day the story tells, from the last dated sentence before (the phrase in the sentence itself or
    in the one before it, in the same paragraph)."""
    if not any(_SAME_DAY.search(ctx.sents[k].text) for k in (si, si - 1) if k >= 0) or \
            si >= 1 and not _SAME_DAY.search(ctx.sents[si].text) and "\n" in ctx.sents[si - 1][-1].text_with_ws:
        return None
    for k in range(si - 1, -1, -1):
        if _SAME_DAY.search(ctx.sents[k].text):
            continue
        when = date_of(ctx, ctx.sents[k])
        if when is not None:
            return when
    return None


def date_in_clause(ctx: MeetingContext, si: int, clause: set[int]) -> bool:
    """Whether a date is written inside the trigger's own clause."""
    sent = ctx.sents[si]
    return any(ctx.date_start(sent, s, e) in clause for s, e, _ in ctx.dates_in(sent))


def place_of(ctx: MeetingContext, sent: Span, clause: set[int] = frozenset()) -> dict | None:
    """The place in the trigger's clause, else in `sent` (outside "since ..." phrases), or None."""
    since = since_tokens(sent)
    if clause and since and set(clause) - {t.i for t in sent if t.is_punct} <= since:
        since = set()  # the meeting told in the since clause itself ("since Modi and Xi met in Kazan")
    if since and clause:
        clause = set(clause) - since  # "their first meeting since the G7 summit in Hiroshima"
    # what was discussed is no place: "Steinmeier and Brende discussed the crisis in Ukraine"
    since = since | {t.i for tok in sent if tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in
                     ctx.lex["discussion_verbs"] for t in tok.subtree}
    clause = set(clause) - since if clause else clause
    if clause:
        inside = place_in(ctx, sent, lambda sp: sp.start in clause)
        if inside is not None:
            return inside
    return place_in(ctx, sent, lambda sp: sp.start not in since)


#: Nouns of a journey whose "to X" names where someone went.
_JOURNEY_NOUNS = frozenset({"visit", "trip", "tour", "journey", "travel"})


def _another_visit(to: Token) -> bool:
    """Whether "to" belongs to another event's journey: someone's ("Erdogan's visit to Washington") or one
    told as a time ("after the visit to Washington", "ahead of his trip to Paris")."""
    noun = to.head
    if noun.lemma_.lower() not in _JOURNEY_NOUNS or noun.pos_ != "NOUN":
        return False
    if any(c.dep_ == "poss" and c.lower_ not in ("his", "her", "their", "its") for c in noun.children):
        return True
    gov = noun.head if noun.dep_ == "pobj" else None
    return gov is not None and gov.lower_ in ("after", "before", "following", "since", "of") and (
        gov.lower_ != "of" or gov.head.lower_ in ("ahead", "anniversary"))


def place_in(ctx: MeetingContext, sent: Span, keep: Callable[[Span], bool]) -> dict | None:
    """The first place of `sent` that `keep` accepts and a preposition introduces ("in", "at"), or None."""
    best = None
    for sp in ctx.spans_in(ctx.places, sent):
        if sp.start not in ctx.quoted and keep(sp):
            prev = ctx.doc[sp.start - 1].lower_ if sp.start > 0 else ""
            prev2 = ctx.doc[sp.start - 2].lower_ if sp.start > 1 else ""
            if prev in ("in", "at", "to", "of", "outside", "near") or prev2 in ("in", "at", "of", "outside", "near") \
                    or prev == "the" and prev2 in ("at", "in", "of") or _after_its_country(ctx, sp) \
                    or _after_a_venue(ctx, sp) or _after_a_district(ctx, sp):
                if any(t.start <= sp.start < t.end for t in ctx.titles) or _in_parentheses(sent, sp):
                    continue  # "(with a residence in Astana)": an aside on someone's post
                if prev == "to" and _another_visit(ctx.doc[sp.start - 1]):
                    continue  # "issues on our agenda after President Erdogan's visit to Washington"
                if prev == "of" and any(t.end == sp.start - 1 for t in ctx.titles):
                    continue  # "Mayor of Ulaanbaatar S.Batbold ... in Moscow": the office's city
                last = ctx.doc[sp.end - 1]
                if last.dep_ in ("compound", "amod", "nmod") and last.head.i >= sp.end and last.head.pos_ == "NOUN" \
                        and last.head.lower_ not in ctx.meeting_words:  # "at Pyongyang summit" is a place
                    continue  # "the behaviour of the Pristina authorities", "the Moscow-led alliance": a government
                city, _, country = sp.label_.partition("|")
                best = {"city": city or None, "country": country or None}
                break
    if best is None:
        best = _unlisted_place(ctx, sent, keep)
    if best is None:
        for sp in ctx.spans_in(ctx.countries, sent):
            prev = ctx.doc[sp.start - 1] if sp.start > 0 else None
            if prev is not None and prev.lower_ in WORDS.compass_words and sp.start > 1:
                prev = ctx.doc[sp.start - 2]  # "in southern Italy"
            if sp.start > 0 and keep(sp) and prev is not None and \
                    prev.lower_ in ("in",) and ctx.doc[sp.start].pos_ == "PROPN":
                if not any(t.i in ctx.mention_of for t in ctx.doc[sp.end:min(sp.end + 2, len(ctx.doc))]):
                    best = {"city": None, "country": sp.label_}
                    break
    return best


def _after_a_district(ctx: MeetingContext, sp: Span) -> bool:
    """A city told after a district of it: "at Marlborough House in Westminster, London"."""
    doc = ctx.doc
    return sp.start >= 3 and doc[sp.start - 1].text == "," and doc[sp.start - 2].is_title and \
        doc[sp.start - 2].pos_ == "PROPN" and doc[sp.start - 3].lower_ in ("in", "at") and \
        sp.start - 1 not in ctx.country_end_at and not any(p.end == sp.start - 1 for p in ctx.places)
    # (not "in Laos, Moscow and AFP journalists said": a country or a city of its own before the comma)


def _in_parentheses(sent: Span, sp: Span) -> bool:
    """Whether `sp` stands inside a parenthesis opened earlier in `sent` and closed after it."""
    depth = 0
    for tok in sent.doc[sent.start:sp.start]:
        depth += (tok.text == "(") - (tok.text == ")")
    return depth > 0 and any(t.text == ")" for t in sent.doc[sp.end:sent.end])


def _after_its_country(ctx: MeetingContext, sp: Span) -> bool:
    """A city told after its country: "in Uzbekistan's Samarkand", "in Kazakhstan's capital Nur-Sultan"."""
    doc = ctx.doc
    k = sp.start - 1
    if k >= 0 and doc[k].lower_ in ("capital", "city"):
        k -= 1
    if k < 1 or doc[k].text not in ("'s", "’s"):
        return False
    country = next((c for c in ctx.countries if c.end == k), None)
    return country is not None and country.label_ == sp.label_.partition("|")[2] and \
        country.start > 0 and doc[country.start - 1].lower_ in ("in", "at")


#: Words a venue's name may hold besides capitalised ones: "the Office of the Prime Minister on Camp Street".
_VENUE_WORDS = frozenset({"the", "of", "on", "and", "'s", "’s"})
#: The last word of a venue's name that a city may follow after a comma.
_VENUE_NOUNS = frozenset({"house", "villa", "palace", "office", "headquarters", "hall", "building", "centre", "center",
                          "hotel", "ministry", "secretariat", "residence", "street", "road", "avenue", "complex",
                          "lodge", "chancellery", "mansion", "castle", "plaza", "square", "parliament", "assembly"})


def _after_a_venue(ctx: MeetingContext, sp: Span) -> bool:
    """A city told after the venue it holds: "at State House, Nairobi", "at the Presidential Villa, Abuja",
    "at the Office of the Prime Minister on Camp Street, Georgetown"."""
    doc = ctx.doc
    k = sp.start - 1
    if k < 2 or doc[k].text != ",":
        return False
    j = k - 1
    while j > max(sp.start - 12, 0) and (doc[j].is_title or doc[j].lower_ in _VENUE_WORDS):
        j -= 1
    return j < k - 1 and doc[j].lower_ in ("at", "in") and doc[k - 1].lower_ in _VENUE_NOUNS and \
        not any(t.i in ctx.mention_of for t in doc[j + 1:k])  # not "talks in Laos, Moscow and AFP said"


#: "in the city of Nacala, Nampula province": a place the place table lacks, named as a city or town.
_CITY_NOUNS = frozenset({"city", "town", "port"})


def _unlisted_place(ctx: MeetingContext, sent: Span, keep: Callable[[Span], bool]) -> dict | None:
    """Places the place table lacks, told in ways that say what they are.

    "in Woodside, California" (a town before its state or country) and "in the Laotian
    capital" (a country's capital by its demonym).
    """
    from .countries import country_code, is_demonym, load_countries
    from .places import subdivision_country

    doc = ctx.doc
    for tok in sent:
        if tok.lower_ not in ("in", "at") or tok.i + 2 >= sent.end or tok.i in ctx.quoted:
            continue
        nxt = doc[tok.i + 1]
        if nxt.lower_ == "the" and tok.i + 4 < sent.end and doc[tok.i + 2].lower_ in _CITY_NOUNS and \
                doc[tok.i + 3].lower_ == "of" and doc[tok.i + 4].is_title and keep(doc[tok.i + 4:tok.i + 5]):
            end = tok.i + 4  # "in the city of Nacala"
            while end < sent.end and doc[end].is_title and doc[end].pos_ == "PROPN":
                end += 1
            if end > tok.i + 4:
                return {"city": doc[tok.i + 4:end].text, "country": None}
        if nxt.lower_ == "the" and tok.i + 3 < sent.end and doc[tok.i + 3].lower_ == "capital" and \
                is_demonym(doc[tok.i + 2].text) and keep(doc[tok.i + 2:tok.i + 3]):
            code = country_code(doc[tok.i + 2].text)
            country = load_countries().countries.get(code) if code else None
            if country is not None and country.capitals:
                return {"city": country.capitals[0], "country": code}
        k = tok.i + 1
        while k < sent.end and doc[k].pos_ == "PROPN" and doc[k].is_title and k not in ctx.mention_of:
            k += 1
        if k == tok.i + 1 or k + 1 >= sent.end or doc[k].text != "," or not keep(doc[tok.i + 1:k]):
            continue
        region_end = k + 1
        while region_end < sent.end and doc[region_end].pos_ == "PROPN" and doc[region_end].is_title:
            region_end += 1
        region = doc[k + 1:region_end].text
        if not region:
            continue
        code = subdivision_country(region) or country_code(region)
        town = doc[tok.i + 1:k].text
        if code and not country_code(town) and not is_demonym(town):
            return {"city": town, "country": code}
    return None


def telling(ctx: MeetingContext, m: Meeting, others: set[int]) -> list[int]:
    """Sentences that may give a meeting's date or place: those that refer back to it, and the
    story's lead (its first sentences, up to the meeting's own, when they name a participant and
    are not among `others`, the trigger sentences of meetings that own what they tell)."""
    first = min(m.trigger_sentences) if m.trigger_sentences else 0
    people = set(m.participants)
    upto = first if first > 0 else min(5, len(ctx.sents))  # after a headline, the story's opening
    lead = [si for si in range(0, upto)
            if si not in m.trigger_sentences and si not in others and people & set(ctx.sentence_officials(si))]
    return list(dict.fromkeys(m.told_in + lead))


def mentions_other_year(ctx: MeetingContext, m: Meeting) -> bool:
    """Does the meeting's sentence place it at some other time than the report's day?

    "In 2019 ...", "last year", "last met", "two years ago": then the publication date is
    not the meeting's date, and no date is better than a wrong one.
    """
    if ctx.anchor is None:
        return False
    text = " ".join(ctx.sents[si].text for si in m.trigger_sentences)
    years = {int(y) for y in re.findall(r"\b(19\d\d|20\d\d)\b", text)}
    if years and ctx.anchor.year not in years:
        return True
    return bool(_OTHER_TIME.search(text))


def main_clause_misread(verb) -> bool:
    """A past-tense "relative clause" with no subject of its own hanging on a name is the sentence's
    main clause misread by the small model ("Abu Dhabi: Sheikh Abdullah, Minister of ..., on Monday
    received X")."""
    return verb.dep_ == "relcl" and verb.tag_ == "VBD" and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
