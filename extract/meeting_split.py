"""When one trigger tells several meetings.

"Kim held separate talks with Xi and with Putin", "had meetings with A, B and C", "met several
ministers, including A, B and C", "spoke with Netanyahu and Abbas" (calls are two-party unless
the text says otherwise), "A, B and C called on Lee": one meeting each. "met in Vilnius in July
and again in New York in September": two earlier meetings.

Not here: folding two findings of one meeting together (``meeting_merge``).
"""

from __future__ import annotations

from spacy.tokens import Token

from .meeting_assembly import make_meeting
from .meeting_context import MeetingContext
from .meeting_discourse import is_group
from .meeting_merge import merge_into
from .meeting_participants import is_existential, subject_of
from .meeting_triggers import calls_on
from .meeting_types import Meeting
from .meeting_when_where import place_in
from .meeting_words import WORDS

__all__ = ["separately", "split_again"]


def separately(ctx: MeetingContext, trig: Token, people: list[int]) -> tuple[list[list[int]], str]:
    """The groups of a "separate" meeting: the subject with each counterpart on its own, and the rule.

    "Kim held separate talks with Xi and with Putin", "separate meetings with X and Y", "met several
    ministers, including A, B and C", "spoke with Netanyahu and Abbas" (calls are two-party unless the
    text says otherwise), "A, B and C called on Lee" (one courtesy call each).
    """
    if trig.lemma_.lower() == "call" and calls_on(ctx, trig) and len(people) >= 3:
        callers = [ctx.mention_of[t.i] for t in trig.subtree if t.i < trig.i and t.i in ctx.mention_of]
        callers = list(dict.fromkeys(c for c in callers if c in people))
        on = next((c for c in trig.children if c.lower_ == "on"), None)
        if not callers and trig.pos_ == "NOUN" and on is not None:  # "He paid a courtesy call on A, B and C"
            named_on = {ctx.mention_of[t.i] for t in on.subtree if t.i in ctx.mention_of}
            callers = [p for p in people if p not in named_on]
        hosts = [p for p in people if p not in callers]
        if len(callers) >= 2 and len(hosts) == 1:
            return [[c] + hosts for c in callers], "meeting.separate_calls_on"
        if len(callers) == 1 and len(hosts) >= 2:  # "paid courtesy calls on the President, the Prime Minister and X"
            return [callers + [h] for h in hosts], "meeting.separate_calls_on"
    if ctx.trigger_rule.get(trig.i) == "trigger.verb.bid_farewell" and len(people) >= 3:
        # "Ambassadors A and B bid farewell to President C": one farewell call each
        to = next((c for t in ctx.doc[trig.i:trig.i + 2] for c in t.children if c.lower_ == "to"), None)
        hosts = list(dict.fromkeys(ctx.mention_of[t.i] for t in to.subtree if t.i in ctx.mention_of)) if to else []
        leavers = [p for p in people if p not in hosts]
        if len(hosts) == 1 and hosts[0] in people and len(leavers) >= 2:
            return [[p] + hosts for p in leavers], "meeting.separate_farewells"
    papers = next((c for c in trig.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in WORDS.credential_nouns),
                  None)
    if len(people) >= 3 and papers is not None:  # "received the credentials of A, B and C": one audience each
        named = {ctx.mention_of[t.i] for t in papers.subtree if t.i in ctx.mention_of}
        hosts, envoys = [p for p in people if p not in named], [p for p in people if p in named]
        if len(hosts) == 1 and len(envoys) >= 2:
            return [hosts + [e] for e in envoys], "meeting.separate_credentials"
    if len(people) >= 4 and (each := _received_each(ctx, trig, people)):
        return each, "meeting.received_each"
    group = next((c for c in trig.children if c.dep_ in ("dobj", "obj") and is_group(ctx, c)), None) or next(
        (g for c in trig.children if c.lower_ == "with" for g in c.children if g.dep_ == "pobj" and is_group(ctx, g)),
        None)  # "met with key counterparts, including: A, B, C"
    sent = ctx.sent(trig)
    incl = next((t for t in sent if group is not None and t.i > group.i and (
        t.lower_ in WORDS.inclusion_words or t.lower_ == "such" and t.i + 1 < sent.end and t.nbor().lower_ == "as")),
        None)  # the small model attaches "including" anywhere: "met ministers on the sidelines, including A";
    # "met with other regional leaders, such as presidents A (Colombia) and B (Ecuador)"
    # "met with the following Ministers:" and a line per minister: one meeting each
    following = group is not None and any(c.lower_ == "following" for c in group.children) and \
        sent.text.rstrip().endswith(":")
    including = incl is not None or following
    words = ctx.words(ctx.sent_of[trig.i])
    noun = trig if trig.pos_ in ("NOUN", "PROPN") else next(
        (c for c in trig.children if c.dep_ in ("dobj", "obj") and
         (c.lower_ in ctx.meeting_words or c.lower_ in WORDS.plural_meeting_nouns)), None)  # "had meetings with A, B"
    # "held telephone talks with colleagues from Kazakhstan, Azerbaijan and Uzbekistan": a call with each
    by_phone = noun is not None and noun.i != trig.i and any(c.lower_ in ("telephone", "phone") for c in noun.children)
    two_party_call = len(people) >= 3 and (trig.lemma_.lower() in WORDS.calling_verbs or by_phone) and \
        bool(words & WORDS.two_party_call_words) and \
        not words & (ctx.lex["multilateral_words"] | WORDS.joint_call_words)
    told_before = _separate_told_before(ctx, trig, people)
    separate = noun is not None and any(c.lower_ in WORDS.separate_words for c in noun.children) \
        or any(c.lower_ in ("separately", "respectively") for c in trig.children) or told_before \
        or _respectively(ctx, trig) \
        or noun is not None and noun.lower_ in WORDS.plural_meeting_nouns  # "had meetings with A, B and C": one each
    # "Modi holds talks with Macron, Sunak, Zelensky and Kishida" (a headline: no full stop)
    headline_list = ctx.sent_of.get(trig.i) == 0 and len(people) >= 4 and \
        not ctx.sents[0].text.strip().endswith(".")
    # "held bilateral discussions with the Prime Minister of Sudan, the President of Somalia and ...": one each
    bilateral = noun is not None and any(c.lower_ == "bilateral" for c in noun.children)
    # "spoke with his Russian counterpart Putin, Iranian counterpart Raisi and ...": each his own counterpart
    bilateral = bilateral or sum(t.lower_ == "counterpart" for t in sent if t.i > trig.i) >= 2
    # "held talks with the Chilean Foreign Minister, and with her successor": a "with" each, one meeting each
    repeated_with = not separate and len(people) >= 3 and _withs_naming(ctx, trig, noun) >= 2
    by_place = not separate and not repeated_with and len(people) >= 3 and _one_place_each(ctx, trig, people)
    # "met with the foreign ministers of Spain A, Latvia B and Poland C": one meeting each (a split costs the
    # pairs among them if they sat together; one table would make wrong pairs if they did not)
    country_list = not separate and len(people) >= 3 and group is not None and group.tag_ == "NNS" and \
        group.i + 2 < len(ctx.doc) and ctx.doc[group.i + 1].lower_ == "of" and \
        sum(1 for t in group.subtree if t.i in ctx.country_start_at) >= 2
    separate = separate or repeated_with or by_place or country_list
    if not separate and not headline_list and not including and not two_party_call and not bilateral:
        return [people], ""
    if noun is None:
        noun = trig
    speak_to = trig.lemma_.lower() in WORDS.speak_verbs  # "spoke to Netanyahu and Abbas"
    withs = [c for c in list(noun.children) + list(trig.children) if c.lower_ == "with" or
             speak_to and c.lower_ == "to" or
             c.dep_ in ("dobj", "obj") and c.i in ctx.mention_of]  # "met A, B and C separately"
    for w in list(withs):
        withs += [c for c in w.subtree if c.lower_ == "with" and c.i != w.i]
    counterparts: list[int] = []
    for w in withs:
        for t in w.subtree:
            idx = ctx.mention_of.get(t.i)
            if idx is not None and idx in people and idx not in counterparts:
                counterparts.append(idx)
    if including:  # "met several delegates, including A, B and C"
        if incl is not None:
            counterparts += [ctx.mention_of[t] for t in range(incl.i, sent.end) if t in ctx.mention_of]
        counterparts += [p for p in ctx.listed_after(ctx.sent_of[trig.i])[0] if p in people]  # "including:" a list
        counterparts = list(dict.fromkeys(counterparts))
    hosts = [p for p in people if p not in counterparts]
    if len(counterparts) < 2 and _respectively(ctx, trig):  # the parse of the list strayed outside "with"
        hosts, counterparts = _bilateral_sides(ctx, trig, people)
    elif len(counterparts) < len(people) - 1 and separate and len(people) >= 3 and (
            trig.dep_ == "attr" and is_existential(trig)
            or noun is trig and any(c.dep_ == "poss" for c in trig.children)):
        # "There were also bilateral meetings with A and with B", "his meetings with A, B, C and D" (the parse
        # hung part of the list elsewhere): the protagonist or possessor, named first, met each
        if _distinct_sides(ctx, people[:1], people[1:]):
            hosts, counterparts = people[:1], people[1:]
    elif len(counterparts) < 2 and two_party_call:  # a call's list the parse hung on the verb: the subject calls
        sides = _bilateral_sides(ctx, trig, people)
        if sides[0] and _distinct_sides(ctx, *sides):
            hosts, counterparts = sides
    only_bilateral = bilateral and not (separate or headline_list or including or two_party_call)
    if only_bilateral:
        by_subject = _bilateral_sides(ctx, trig, people)
        if by_subject[0]:  # "He spoke with ...": a pronoun subject names nobody; the "with" phrase decides
            hosts, counterparts = by_subject
    if told_before and not hosts and len(counterparts) >= 2:  # "Marcos said it was a pleasure meeting A, B and C"
        hosts = [p for a in trig.ancestors for c in a.children if c.dep_ == "nsubj"
                 for t in c.subtree if t.i in ctx.mention_of and (p := ctx.mention_of[t.i]) not in counterparts][:1]
    if len(counterparts) < 2 or not hosts or headline_list and not separate and len(hosts) != 1:
        return [people], ""
    if only_bilateral and not _distinct_sides(ctx, hosts, counterparts):
        return [people], ""  # two of one side: one table, not one bilateral each
    why = ("meeting.including_list" if including else "meeting.separate_withs" if repeated_with
           else "meeting.separate_places" if by_place
           else "meeting.separate_country_list" if country_list
           else "meeting.separate_calls" if two_party_call and not separate
           else "meeting.bilateral_each" if only_bilateral or bilateral and not told_before
           else "meeting.separate_told_before" if told_before else "meeting.separately")
    headed = ctx.list_headings(ctx.sent_of[trig.i]) if including else {}
    if headed:  # "Fiji:" over its two ministers: one meeting with both
        parties: dict = {}
        for c in counterparts:
            at = headed.get(c)
            line_end = ctx.text.find("\n", at) if at is not None else -1
            heading = next((sp for sp in ctx.countries if at is not None and at <= sp.start_char and
                            (line_end < 0 or sp.end_char <= line_end)), None)
            off = ctx.officials[c]
            if heading is not None and not off.country:  # "Japan:" over "Mr Suzuki Norikazu, State Minister ..."
                off.country = heading.label_
                off.rules = [*off.rules, "country.list_heading"]
            parties.setdefault(headed.get(c, ("alone", c)), []).append(c)
        return [hosts + party for party in parties.values()], why
    return [hosts + [c] for c in counterparts], why


def _received_each(ctx: MeetingContext, trig: Token, people: list[int]) -> list[list[int]]:
    """ "Marcos received Vice President Xuan of Vietnam, Minister Say Samal of Cambodia and Minister Singh
    of India": one host who received three or more visitors, whose known countries (two at least) all
    differ and none is the host's, received them one by one (no summit, delegation or group words in
    the sentence). The groups, one per visitor, or [] when the rule does not hold."""
    if trig.lemma_.lower() != "receive" or trig.pos_ != "VERB":
        return []
    if ctx.words(ctx.sent_of[trig.i]) & (ctx.lex["multilateral_words"] | {"delegation", "delegations", "together",
                                                                          "jointly", "group"}):
        return []
    visitors = [ctx.mention_of[t.i] for c in trig.children if c.dep_ in ("dobj", "obj")
                for t in c.subtree if t.i in ctx.mention_of]
    visitors = [p for p in dict.fromkeys(visitors) if p in people]
    hosts = [p for p in people if p not in visitors]
    if len(hosts) != 1 or len(visitors) < 3:
        return []
    host_country = ctx.officials[hosts[0]].country
    countries = [ctx.officials[p].country for p in visitors if ctx.officials[p].country is not None]
    if host_country is None or len(countries) < 2 or len(set(countries)) != len(countries) \
            or host_country in countries:
        return []  # a visitor of unknown country may be anyone's; two of one country came together
    return [hosts + [v] for v in visitors]


def _separate_told_before(ctx: MeetingContext, trig: Token, people: list[int]) -> bool:
    """ "He held separate meetings with foreign dignitaries. He said it was a pleasure meeting A, B and C":
    the sentence before announces separate meetings and names none of this one's people but the host."""
    si = ctx.sent_of[trig.i]
    if si == 0 or len(people) < 3:
        return False
    before = ctx.sents[si - 1]
    words = ctx.words(si - 1)
    if not words & WORDS.separate_words or not words & (ctx.meeting_words | WORDS.plural_meeting_nouns):
        return False
    return len({ctx.mention_of[t.i] for t in before if t.i in ctx.mention_of} & set(people)) <= 1  # the host


def _one_place_each(ctx: MeetingContext, trig: Token, people: list[int]) -> bool:
    """ "travelled to Georgetown and Caracas for talks with Presidents Ali and Maduro": as many cities as
    counterparts, each city in one counterpart's country and the subject of none of them: one meeting in
    each place."""
    sent = ctx.sent(trig)
    verb = trig
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject = subject_of(ctx, verb)
    own = set() if subject is None else {ctx.mention_of[t.i] for t in subject.subtree if t.i in ctx.mention_of}
    others = [p for p in people if p not in own]
    countries = [ctx.officials[p].country for p in others]
    if not own or len(others) < 2 or None in countries or len(set(countries)) != len(countries):
        return False
    cities = {}
    for sp in ctx.spans_in(ctx.places, sent):
        city, _, country = sp.label_.partition("|")
        if city and country:
            cities[city] = country
    own_countries = {ctx.officials[p].country for p in own}
    return len(cities) == len(others) and sorted(cities.values()) == sorted(countries) and \
        not own_countries & set(countries)


def _withs_naming(ctx: MeetingContext, trig: Token, noun: Token | None) -> int:
    """How many "with" phrases of the trigger (or its meeting noun) each name an official of their own:
    "held talks with A, and with B" has two; "held talks with A and B" one."""
    heads = {trig.i} | ({noun.i} if noun is not None else set())
    withs = [w for w in trig.subtree if w.lower_ == "with" and (
        w.head.i in heads or w.head.lower_ == "with" and w.dep_ == "conj")]
    inner = {w.i: {t.i for t in w.subtree} for w in withs}
    count = 0
    for w in withs:
        own = inner[w.i] - {t for o in withs if o.i != w.i and o.i in inner[w.i] for t in inner[o.i]}
        count += any(t in ctx.mention_of for t in own)
    return count


def _respectively(ctx: MeetingContext, trig: Token) -> bool:
    """ "met with Moroccan and Algerian counterparts A and B respectively": "respectively" after the
    trigger, before the sentence's full stop (the small model sometimes cuts the sentence earlier)."""
    doc = ctx.doc
    for k in range(trig.i + 1, min(trig.i + 40, len(doc))):
        if doc[k].lower_ == "respectively":
            return True
        if doc[k].text in (".", "!", "?", ";") or "\n" in doc[k].text:
            break
    si = ctx.sent_of.get(trig.i)
    if si is None or si + 1 >= len(ctx.sents):
        return False
    # "... met with the Prime Minister of Saint Vincent and Foreign Ministers of X, Y and Z in New York. The
    # meetings were held respectively on the sidelines of ...": the next sentence says they were one each
    nxt = ctx.sents[si + 1]
    return any(t.lower_ == "respectively" for t in nxt) and any(
        t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in WORDS.plural_meeting_nouns for t in nxt)


def _bilateral_sides(ctx: MeetingContext, trig: Token, people: list[int]) -> tuple[list[int], list[int]]:
    """The subject's officials and everyone else: the small model's parse of a long list of counterparts
    often strays outside the "with" phrase, so the subject decides who hosts."""
    subject = subject_of(ctx, trig)
    hosts = [] if subject is None else [p for p in dict.fromkeys(
        ctx.mention_of[t.i] for t in subject.subtree if t.i in ctx.mention_of) if p in people]
    return hosts, [p for p in people if p not in hosts]


def _distinct_sides(ctx: MeetingContext, hosts: list[int], counterparts: list[int]) -> bool:
    """Every counterpart of a known country of their own, none the hosts'."""
    countries = [ctx.officials[c].country for c in counterparts]
    return None not in countries and len(set(countries)) == len(countries) and \
        not {ctx.officials[h].country for h in hosts} & set(countries)


def split_again(ctx: MeetingContext, trig: Token, people: list[int], evidence: dict, si: int, clause: set[int],
                held: list[Meeting], participant_rules: dict[int, str]) -> set[int]:
    """Add the second meeting of "met in Vilnius in July and again in New York in September" to
    `held` and return the trigger's clause without it (the first meeting's words)."""
    place = _met_again(ctx, trig)
    if place is None:
        return clause
    second = make_meeting(ctx, trig, people, evidence, si, set(), planned=False,
                          participant_rules=participant_rules)
    second.location, second.date, second.elsewhen = place, None, True
    merge_into(held, second)
    cut = _again_token(ctx, trig).i
    return {i for i in clause if i < cut}


def _again_token(ctx: MeetingContext, trig: Token) -> Token | None:
    """The "again" of "met in Vilnius in July and again in New York", if the trigger has one."""
    if trig.pos_ not in ("VERB", "AUX"):
        return None
    sent = ctx.sent(trig)
    return next((t for t in sent if t.i > trig.i and t.lower_ == "again" and ctx.doc[t.i - 1].lower_ == "and"
                 and t.i + 1 < sent.end and ctx.doc[t.i + 1].lower_ in ("in", "at", "during", "on")), None)


def _met_again(ctx: MeetingContext, trig: Token) -> dict | None:
    """The place of a second meeting told by "and again in <place>" after the trigger's own."""
    again = _again_token(ctx, trig)
    if again is None:
        return None
    return place_in(ctx, ctx.sent(trig), lambda sp: again.i < sp.start <= again.i + 10)
