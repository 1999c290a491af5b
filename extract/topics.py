"""The topics component: what each held meeting was about, with the sentence that says so.

Topics come from the meeting's own sentences (the trigger sentence and the sentences that
refer back to it), never from quotations, headlines or clutter:

- phrases of the topic table ("freedom of navigation", "Taiwan Strait"), normalised to
  the table's label and category;
- countries discussed as subjects ("issues regarding China and North Korea"), except the
  participants' own countries and countries that only qualify a title ("U.S. Secretary");
- a free label for the object of "discussed ..." or "talks on ..." when nothing in the
  table covers it, cut to what was discussed ("the ongoing clashes" -> "clashes"), and scope
  labels as readouts give them ("regional and international issues");
- named agreements, initiatives and exercises ("the Pacific Cable Initiative");
- courtesies the readout reports (congratulations, condolences, greetings, credentials).

A story sentence that opens with a time of its own ("In September, ...", "Earlier, ...") gives
no topics. Labels are deduplicated per meeting; each topic carries its evidence offsets and the
id of the rule that found it (topic.table, topic.country, topic.argument, topic.scope,
topic.named, topic.courtesy in patterns/meeting_facts.jsonl).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import extensions  # noqa: F401  (the doc._.dg_* attributes)
from .guard import guarded
from .lexicon import load_lexicon

__all__ = ["TopicFinder", "assign_topics"]

_FREE_HEADS = {"discuss", "review", "address", "exchange"}
_FREE_PREPS = {"on", "about", "regarding", "concerning", "over"}
_GENERIC = {"issue", "issues", "matter", "matters", "relations", "ties", "cooperation", "situation", "view", "views",
            "way", "ways", "areas", "area", "topic", "topics", "question", "questions", "development",
            "developments", "range", "number", "host", "efforts", "importance", "things", "meeting", "talks", "call"}
_COUNTRY_TOPIC_CATEGORY = "country or region as subject"


def assign_topics(doc: Doc, meetings: list, officials: list, *, table=None) -> None:
    """Fill ``meeting.topics`` (a list of dicts: label, category, evidence) for each meeting.

    Parameters
    ----------
    doc : a Doc that ran the gazetteer, officials and meetings components.
    meetings : the document's meetings (held or planned).
    officials : the document's officials (to leave out participants' own countries).
    table : a ``TopicTable`` for categories of table labels.
    """
    sents = list(doc.sents)
    quoted = _quoted(doc)
    quoted -= {t for t in quoted if _we_discussed(doc[t])}
    topic_spans = list(doc.spans.get("dg_topics", []))
    country_spans = list(doc.spans.get("dg_countries", []))
    title_spans = list(doc.spans.get("dg_titles", []))
    near_title = set()
    title_tokens = set()  # "the Russian President" is a person, not a topic
    for t in title_spans:
        near_title.update(range(max(0, t.start - 3), t.end + 4))
        title_tokens.update(range(t.start, t.end))
    mention_of = doc._.dg_mention_of or {}
    mentioned = set(mention_of)
    country_tokens = {t for sp in country_spans for t in range(sp.start, sp.end)}  # the country rule's own
    place_tokens = {t for sp in doc.spans.get("dg_places", []) for t in range(sp.start, sp.end)}
    from .countries import capital_of, country_name, is_demonym

    dateline = _dateline_tokens(doc)  # "KAZAN, Russia, Oct 23 (Wire) -": where it was filed, not a topic

    # index everything by sentence once, so long documents stay linear
    sent_index = {}
    for si, sent in enumerate(sents):
        for t in range(sent.start, sent.end):
            sent_index[t] = si
    by_sent: dict[int, dict[str, list]] = {}
    for name, spans in (("topics", topic_spans), ("countries", country_spans),
                        ("chunks", list(doc.noun_chunks) if doc.has_annotation("DEP") else [])):
        for sp in spans:
            si = sent_index.get(sp.start)
            if si is not None and sent_index.get(sp.end - 1) == si:
                by_sent.setdefault(si, {}).setdefault(name, []).append(sp)
    setting_of: dict[int, set[int]] = {}
    extra = _story_sentences(mention_of, sent_index, meetings)

    from .meetings import load_triggers

    verbs = load_triggers()["discussion_verbs"] | _CONTENT_VERBS
    told_now = set().union(*(set(m.sentences) for m in meetings if not m.elsewhen)) if meetings else set()
    for m in meetings:
        own = {officials[p].country for p in m.participants if officials[p].country}
        # the country of an official the story names is a party's, not a subject ("U.S. President ..."); so are
        # the EU and the UN when their officials speak
        doc_countries = {o.country for o in officials if o.country} | {"EUU", "UNO"}
        found: dict[str, dict] = {}
        covered: set[int] = set()  # tokens already inside a topic

        def add(label: str, category: str | None, sp: Span, sent: Span, topic: str | None = None, *,
                rule: str) -> None:
            key = label.lower()
            covered.update(range(sp.start, sp.end))
            if key not in found:
                found[key] = {"label": label, "category": category, "evidence": [
                    {"start": sent.start_char, "end": sent.end_char, "text": sent.text}], "rules": [rule]}
                if topic and topic != label:
                    found[key]["topic"] = topic

        for si in sorted(set(m.sentences) | extra.get(id(m), set())):
            if m.elsewhen and si in told_now:
                continue  # "progress agreed at the Woodside summit last November": today's talks' topics
            if si not in m.trigger_sentences and _told_of_another_time(sents[si], m.date):
                continue  # "In May, the bank had criticised the plan": the story's past, not this meeting
            sent = sents[si]
            if si not in setting_of:
                setting_of[si] = _setting_tokens(sent) | _occasion_tokens(sent)
            setting = setting_of[si]
            spans = by_sent.get(si, {})
            named = list(_named_things(sent, quoted | setting, title_tokens))
            for sp in spans.get("topics", []):
                if any(n.start <= sp.start and sp.end <= n.end and len(n) > len(sp) for n in named):
                    continue  # "Security Council" inside "UN Security Council Resolution 2231": the resolution
                if sp.start not in quoted and sp.start not in setting:
                    if _names_a_body(sp, title_tokens) or _circumstance(sp):
                        continue  # "Trade Minister Ruiz", "the Prime Minister of Peru": an office, not a topic
                    if sp.label_ in _VISIT_LABELS and (_visit_under_way(sp) or
                                                       not _someone_elses_visit(sent, m, mention_of)):
                        continue  # "Albanese, on a State Visit to India, met Modi": the setting, not a topic
                    topic = table.get(sp.label_) if table is not None else None
                    add(_table_label(sp), topic.category if topic else None, sp, sent, sp.label_, rule="topic.table")
            for sp in spans.get("countries", []):
                if sp.start in quoted or sp.start in setting or sp.start in dateline:
                    continue
                code = sp.label_
                if code in own or code in doc_countries or sp.start in near_title or is_demonym(sp.text):
                    continue
                if any(sp.start >= o and sp.start < e for o, e in _mention_tokens(officials, m)):
                    continue
                if m.location and m.location.get("country") == code and _after_in(doc, sp):
                    continue
                if not _in_argument(doc[sp.end - 1], sent, verbs):
                    continue  # "on a visit to the US", "counterparts from Canada": where and who, not what
                label = country_name(code) if capital_of(code) else sp.text  # a body as the text writes it
                add(label, _COUNTRY_TOPIC_CATEGORY, sp, sent, rule="topic.country")
            for tok in sent:
                label = _COURTESY.get(tok.lower_) or _COURTESY.get(tok.lemma_.lower())
                if label and tok.i not in quoted and tok.i not in setting and label not in found \
                        and tok.pos_ in ("VERB", "NOUN", "PROPN"):
                    add(label, "diplomacy", doc[tok.i:tok.i + 1], sent, rule="topic.courtesy")
            for sp in named:
                if not any(t in covered for t in range(sp.start, sp.end)) and sp.text.lower() not in found:
                    add(sp.text, None, sp, sent, rule="topic.named")
            for sp in _argument_chunks(sent, spans.get("chunks", []), quoted, setting, mentioned, title_tokens):
                if any(t in covered for t in range(sp.start, sp.end)):
                    continue
                span = _label_span(sp)
                if span is None or all(t.i in country_tokens or t.is_punct for t in span):
                    continue
                if any(t.ent_type_ == "PERSON" for t in span) and span[-1].ent_type_ == "PERSON":
                    continue  # "Swiss Federal Councillor Ignazio Cassis": a person, not what was discussed
                if all(t.ent_type_ in ("GPE", "LOC", "FAC", "NORP") or t.i in place_tokens or t.is_punct
                       for t in span) or span.text.count('"') % 2 or span.text.count("(") != span.text.count(")"):
                    continue  # "Delhi" is where, not what; 'good memories" of Trump' is a cut quotation
                label = "bilateral relations" if _BILATERAL.match(span.text.lower()) else span.text
                if not any(t in covered for t in range(span.start, span.end)) and label.lower() not in found:
                    add(label, None, span, sent, rule="topic.scope" if _is_scope_label(span) else "topic.argument")
        m.topics = list(found.values())


_VISIT_LABELS = {"official visit"}


def _circumstance(sp: Span) -> bool:
    """Whether a one-word table phrase means the circumstances ("in the current environment", "the
    investment climate", "a difficult environment") rather than the topic."""
    if len(sp) != 1 or sp[0].lower_ not in _CIRCUMSTANCE:
        return False
    tok = sp[0]
    return any(c.dep_ in ("amod", "compound", "nmod") for c in tok.children) or (
        tok.dep_ == "pobj" and tok.head.lower_ in ("in", "amid", "under"))


def _names_a_body(sp: Span, title_tokens: set[int]) -> bool:
    """Whether the phrase `sp` is part of an office, a person's description or a body's name:
    followed by an office word ("Sports Minister", "WHO head", "the Americas Department"),
    or the complement of an office or a person ("Secretary of the National Security Council",
    "members of the UN Security Council", "the Prime Minister of Peru")."""
    doc = sp.doc
    nxt = sp.end
    if nxt < len(doc) and doc[nxt].text == "(":  # "Asian Development Bank (ADB) head"
        nxt = next((t.i + 1 for t in doc[nxt:min(nxt + 5, len(doc))] if t.text == ")"), nxt)
    elif nxt < len(doc) and doc[nxt].text == ")":
        nxt += 1
    if nxt < len(doc) and (nxt in title_tokens or doc[nxt].lower_ in _OFFICE_WORDS or doc[nxt].lower_ in _GROUPS):
        return True  # "Trade Minister", "the G20 member states"
    tok = sp.root
    while tok.dep_ in ("compound", "conj", "amod", "nmod", "poss", "appos") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ in ("of", "from") and tok.head.head.i != tok.head.i:
        owner = tok.head.head
        return owner.i in title_tokens or owner.lower_ in _PERSON_HEADS or owner.lower_ in _OFFICE_WORDS \
            or owner.ent_type_ == "PERSON"
    k = sp.start - 1 - (sp.start > 1 and doc[sp.start - 1].lower_ == "the")
    if k > 0 and doc[k].lower_ == "for" and (k - 1 in title_tokens or doc[k - 1].lower_ in _OFFICE_WORDS):
        return True  # "Secretary of State for Latin America", "shadow minister for Latin America": the remit
    return False
_FUTURE_WORDS = {"upcoming", "planned", "next", "forthcoming", "future", "invite", "invited", "invitation", "will",
                 "would", "proposed", "expected", "scheduled", "prepare", "preparations", "success"}


#: Words that make a visit the one under way: "on a state visit", "during a working visit", "is making a visit".
_UNDER_WAY_HEADS = frozenset({"on", "during", "in", "make", "pay", "conclude", "begin", "start", "undertake", "wrap",
                              "end", "complete"})
_COMING_WORDS = frozenset({"upcoming", "planned", "next", "forthcoming", "future", "proposed", "expected",
                           "scheduled", "possible", "return"})


def _visit_under_way(sp: Span) -> bool:
    """Whether the visit phrase `sp` is the one under way, during which the meeting took place ("who is making a
    working visit to Japan", "is in Poland on a two-day state visit"), and not one to come ("the upcoming state
    visit") or one discussed ("discussed Anwar's official visit")."""
    noun = sp.root
    if any(c.lower_ in _COMING_WORDS for c in noun.children) or any(t.lower_ in _COMING_WORDS for t in sp):
        return False
    return noun.dep_ in ("pobj", "dobj", "obj") and noun.head.lemma_.lower() in _UNDER_WAY_HEADS


def _someone_elses_visit(sent: Span, meeting, mention_of: dict[int, int]) -> bool:
    """Whether a visit named in `sent` is a topic of the meeting: one to come ("the upcoming visit",
    "to make the visit a success") or someone else's (the prime minister's visit the ministers
    prepared), not the participants' own visit during which they met."""
    others = {mention_of[t] for t in range(sent.start, sent.end) if t in mention_of} - set(meeting.participants)
    return bool(others) or any(t.lower_ in _FUTURE_WORDS for t in sent)


def _story_sentences(mention_of: dict[int, int], sent_index: dict[int, int], meetings: list) -> dict[int, set[int]]:
    """Sentences outside every meeting that still tell one held meeting's story, by meeting id.

    A report often says what was discussed before it says that a meeting took place ("Putin told
    Erdogan on Monday that ...", the headline) or names a participant again without a word that
    refers back to the meeting. Such a sentence counts for a meeting's topics when it names one of
    its participants and no participant of another meeting, and exactly one held meeting has
    everyone it names (or, naming people of no single meeting, exactly one meeting has any of them).
    """
    held = [m for m in meetings if not m.planned and m.participants]
    claimed = set().union(*(set(m.sentences) for m in meetings)) if meetings else set()
    named: dict[int, set[int]] = {}
    for tok_i, idx in mention_of.items():
        si = sent_index.get(tok_i)
        if si is not None and si not in claimed:
            named.setdefault(si, set()).add(idx)
    out: dict[int, set[int]] = {}
    for si, people in named.items():
        owners = [m for m in held if people <= set(m.participants)]  # the one meeting of all named
        if not owners:
            owners = [m for m in held if people & set(m.participants)]
            if len(owners) != 1 or people - set(owners[0].participants) & set().union(
                    *(set(m.participants) for m in held)):
                continue
        if len(owners) != 1:
            continue
        out.setdefault(id(owners[0]), set()).add(si)
    return out


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


def _told_of_another_time(sent: Span, date: str | None) -> bool:
    """Whether a sentence opens with a time of its own, before the meeting: "Earlier, ...",
    "Previously ...", "Last year ...", "In September, ..." (unless the meeting was in September)."""
    toks = [t for t in sent if not t.is_space]
    if len(toks) < 2:
        return False
    first = toks[0]
    if first.lower_ in ("earlier", "previously", "formerly") and first.pos_ == "ADV":
        return True
    if first.lower_ == "last" and first.ent_type_ == "DATE":
        return True  # "Last year, ..."
    if first.lower_ in ("in", "since") or first.lower_ == "back" and toks[1].lower_ == "in":
        start = 2 if first.lower_ == "back" else 1
        words = []
        for t in toks[start:start + 4]:
            if t.ent_type_ != "DATE":
                break
            words.append(t.lower_)
        months = [w for w in words if w in _MONTHS]
        if months and date and len(date) >= 7 and _MONTHS[int(date[5:7]) - 1] in months:
            return False  # "In March, the two met ..." of a meeting held in March
        return bool(months) or any(w.isdigit() and len(w) == 4 for w in words)
    return False


def _dateline_tokens(doc: Doc) -> set[int]:
    """Tokens of a wire dateline at the start of a paragraph, up to its dash ("KAZAN, Russia, Oct 23 -")."""
    out: set[int] = set()
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        if not toks or not (toks[0].is_upper and len(toks[0]) > 1):
            continue
        for t in toks[:14]:
            if t.text in ("—", "–", "--", "-") and t.i > toks[0].i:
                out.update(range(toks[0].i, t.i))
                break
    return out


def _mention_tokens(officials: list, meeting) -> list[tuple[int, int]]:
    out = []
    for p in meeting.participants:
        out.extend(officials[p].tokens)
    return out


def _after_in(doc: Doc, sp: Span) -> bool:
    return sp.start > 0 and doc[sp.start - 1].lower_ in ("in", "to", "at")


_SETTING_PREPS = {"at", "in", "during", "on", "ahead", "after", "before", "amid", "at", "inside", "near", "since",
                  "sidelines", "margins", "throughout"}
# Subordinate clauses that give the circumstances of a sentence, not its content.
_BACKGROUND_MARKS = {"as", "since", "after", "before", "when", "while", "because", "until", "once", "although",
                     "though", "whereas"}
_TOPIC_PREPS = {"on", "upon", "about", "over", "regarding", "concerning", "including", "against", "around", "toward",
                "towards", "of", "as", "like"}
_TOPIC_HEADS = {"collaboration", "line", "stance", "position", "approach", "policy", "policies", "talks", "views",
                "discussions",
                "discussion", "cooperation", "agreement", "agreements", "concern", "concerns", "support", "efforts", "effort", "work", "ways", "steps", "commitment", "importance",
                "progress", "exchange", "dialogue", "conversation", "call", "meeting", "view", "opinions", "issues",
                "situation", "consultations", "coordination", "partnership", "relations", "ties"}
_DETERMINERS = {"the", "a", "an", "their", "its", "his", "her", "our", "this", "that", "these", "those", "both",
                "all", "some", "such", "other", "further", "various", "several", "many", "new", "more"}


def _setting_tokens(sent: Span) -> set[int]:
    """Tokens that say where, when or at what event a meeting happened, not what it was about."""
    from .meetings import load_triggers

    lex = load_triggers()
    out: set[int] = set()
    for tok in sent:
        if tok.lower_ in ("sidelines", "margins", "margin") or tok.lower_ == "part" and \
                tok.head.lower_ == "as":
            # "as part of the High-Level week of the UN General Assembly", "on the sidelines of the summit":
            # the event around the meeting, wherever the parser hung the phrase
            out.update(t.i for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree)
        if tok.dep_ == "advcl" and tok.lemma_.lower() not in lex["discussion_verbs"] and any(
                c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS for c in tok.children):
            out.update(t.i for t in tok.subtree)  # ", as Scholz became the first G7 leader to visit ..."
            continue
        is_trigger = tok.lower_ in lex["nouns"] or (tok.pos_ == "VERB" and tok.lemma_.lower() in lex["verbs"])
        if not is_trigger:
            continue
        if tok.pos_ in ("NOUN", "PROPN") and _is_setting_noun(tok):
            for child in tok.children:
                if child.dep_ in ("compound", "amod", "nmod", "nummod", "poss"):
                    out.update(t.i for t in child.subtree)
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in _SETTING_PREPS and child.lower_ not in ("on",):
                out.update(t.i for t in child.subtree)
            if child.dep_ == "prep" and child.lower_ == "on" and any(
                    g.lower_ in ("sidelines", "margins", "occasion", "day", "monday", "tuesday", "wednesday",
                                 "thursday", "friday", "saturday", "sunday") for g in child.subtree):
                out.update(t.i for t in child.subtree)
            if child.dep_ in ("dobj", "obj") and tok.lemma_.lower() in ("visit", "attend", "join", "host"):
                out.update(t.i for t in child.subtree)
    return out


# Verbs of taking part in someone else's event (not "held a round of talks on X": that is the meeting).
_ADDRESS_VERBS = {"address", "attend", "deliver", "give", "watch", "follow", "inaugurate", "open", "skip"}


def _occasion_tokens(sent: Span) -> set[int]:
    """Tokens of an occasion someone attended or addressed ("addressed a forum session on AI and
    shipping", "attended a dinner for business leaders"): what that event was about, not the meeting."""
    out: set[int] = set()
    for tok in sent:
        if tok.lower_ in _OCCASIONS and tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in _ADDRESS_VERBS:
            out.update(t.i for t in tok.subtree)
    return out


def _is_setting_noun(noun) -> bool:
    """Whether a meeting noun names the occasion ("on the sidelines of the G20 summit", "the NATO
    summit opened") rather than something talked about ("preparations for the NATO summit")."""
    if noun.dep_ != "pobj":
        return True
    prep = noun.head
    if prep.lower_ in ("at", "during", "in", "after", "before", "ahead", "since", "on", "into", "throughout"):
        return True
    if prep.lower_ == "for":  # "in the region for the APEC summit", not "preparations for the summit"
        return prep.head.lower_ not in ("preparations", "preparation", "plans", "plan", "agenda", "arrangements",
                                        "proposal", "proposals", "bid", "invitation", "support", "date", "venue",
                                        "outcomes", "outcome", "priorities", "run-up")
    return prep.lower_ == "of" and prep.head.lower_ in ("sidelines", "margins", "margin", "occasion", "side",
                                                        "day", "eve", "start", "end", "opening", "close", "host",
                                                        "hosts", "venue", "chair", "presidency", "session", "part")


def _argument_chunks(sent: Span, chunks: list[Span], *excluded: set[int]):
    """Noun chunks (of `sent`) that are what a discussion verb or topic preposition is about.

    A chunk that the parser joined across "and" ("health and food security") is given as its parts.
    """
    from .meetings import load_triggers

    verbs = load_triggers()["discussion_verbs"] | _CONTENT_VERBS
    for chunk in chunks:
        root = chunk.root
        if any(root.i in ex for ex in excluded) or root.pos_ not in ("NOUN", "PROPN") or root.ent_type_ in (
                "DATE", "TIME", "PERSON", "CARDINAL", "MONEY", "PERCENT", "ORDINAL"):
            continue
        first = root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "discussed trade, energy and X": X is an argument as trade is
        if _is_argument(first, sent, verbs):
            yield from _split_on_and(chunk)


def _is_argument(root, sent: Span, verbs: set[str]) -> bool:
    """Whether the noun `root` is what a discussion verb, topic noun or topic preposition is about."""
    head = root.head
    doc = sent.doc
    if root.lower_ in _OCCASIONS and (root.dep_ in ("dobj", "obj") and head.lemma_.lower() in _ATTEND_VERBS
                                      or root.dep_ == "pobj" and head.lower_ in (
            "over", "at", "during", "on", "in", "after", "before")):
        return False  # "addressed a business symposium", "over dinner they discussed", "on the sidelines of"
    if root.dep_ in ("dobj", "obj"):
        return head.lemma_.lower() in verbs or _governed_by(head, verbs)  # "agreed to deepen X"
    if root.dep_ == "nsubjpass" and head.dep_ == "ccomp" and _governed_by(head, verbs):
        return True  # "he had suggested that a ceasefire be declared"
    if root.dep_ == "nsubjpass":  # "trade and regional issues were discussed", not "lunch was called off"
        return head.lemma_.lower() in verbs and head.lemma_.lower() != "call" and root.lower_ not in _OCCASIONS \
            and not any(c.dep_ == "prt" for c in head.children)
    if root.dep_ == "attr" and head.lemma_ == "be" and any(
            c.dep_ == "nsubj" and c.lower_ in _SUBJECT_NOUNS for c in head.children):
        return True  # "one issue raised was the dispute over fishing rights"
    if root.dep_ != "pobj" or head.i == head.head.i:
        return False
    prep = head.lower_
    governor = head.head
    if prep == "including" or prep == "as" and head.i > 0 and doc[head.i - 1].lower_ == "such":
        return _lists_topics(governor, sent, verbs)  # "areas such as trade", "issues including the Sahel"
    if prep == "as":
        return False  # "hailed the treaty as a symbol of ...": what it was called, not another topic
    if prep in _TOPIC_PREPS and prep != "like" and (
            governor.lemma_.lower() in verbs or governor.lower_ in _TOPIC_HEADS):
        return True  # "talks on X", "concern over X", "agreed on X"
    if prep in ("on", "upon", "about", "regarding", "concerning", "over") and governor.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _TALK_NOUNS for c in governor.children):
        return True  # "a discussion was held regarding X", "an exchange of views took place on X"
    if prep in ("to", "for", "towards", "toward") and governor.lower_ in _COMMIT_HEADS and governor.pos_ == "NOUN" \
            and _is_argument(governor, sent, verbs):
        return True  # "reaffirmed their commitment to the defence pact", "support for the peace talks"
    if prep == "in" and governor.lower_ in _FIELD_HEADS:
        return True  # "cooperation in agriculture, medical products and culture"
    if prep == "for" and governor.pos_ == "VERB" and governor.lemma_.lower() in _APPEAL_VERBS:
        return True  # "called for a stronger Mercosur", "pressed for security guarantees"
    if prep in ("regarding", "concerning", "on") and head.head.dep_ == "ROOT" \
            and head.i == sent.start + (1 if sent[0].is_space else 0):
        return True  # "Regarding the strikes on Houthi forces, ..."
    return False


def _in_argument(tok, sent: Span, verbs: set[str]) -> bool:
    """Whether `tok` lies inside what a discussion verb or topic preposition is about: it or a
    noun above it is an argument ("the need for Russia to end the war", "relations with China")."""
    hops = 0
    while hops < 10:
        if tok.pos_ in ("NOUN", "PROPN") and _is_argument(tok, sent, verbs):
            return True
        if tok.head.i == tok.i or not (sent.start <= tok.head.i < sent.end) or tok.dep_ == "relcl":
            return False  # "a trade pact which supports jobs in Mexico": what the pact does, not a topic
        tok = tok.head
        hops += 1
    return False


_LIST_HEADS = {"issues", "areas", "fields", "sectors", "domains", "spheres", "topics", "subjects", "matters",
               "questions", "challenges", "threats", "priorities", "projects", "initiatives", "developments",
               "crises", "conflicts", "problems", "concerns", "files", "dossiers", "things", "agenda"}


_ATTEND_VERBS = {"address", "attend", "host", "join", "hold", "open", "chair", "visit", "tour", "skip", "leave",
                 "enter", "inaugurate", "co-chair", "cohost", "co-host", "deliver", "give", "follow", "watch"}


def _lists_topics(governor, sent: Span, verbs: set[str]) -> bool:
    """Whether the examples of "including ..." or "such as ..." attached to `governor` are topics:
    it is a discussion verb, a noun of topics ("issues", "areas") or itself what was discussed;
    not "outlets such as CNN" or "a delegation including the trade minister"."""
    if governor.pos_ in ("VERB", "AUX"):
        return governor.lemma_.lower() in verbs or _governed_by(governor, verbs)
    if governor.lower_ in _LIST_HEADS or governor.lower_ in _TOPIC_HEADS or governor.lower_ in _CONTAINERS:
        return True
    return governor.pos_ in ("NOUN", "PROPN") and governor.lower_ not in _PERSON_HEADS and _is_argument(
        governor, sent, verbs)


def _named_things(sent: Span, *excluded: set[int]):
    """Names of agreements, initiatives, plans and exercises in `sent` ("the Pacific Cable Initiative",
    "the Andes Water Agreement", "Exercise Southern Shield"): capitalised words ending in a head of
    ``named_heads``, or "Exercise" and a capitalised name; not a person's or an office's words."""
    toks = list(sent)
    for k, tok in enumerate(toks):
        low = tok.lower_
        numbered = low in ("resolution", "resolutions") and k + 1 < len(toks) and toks[k + 1].like_num
        if not numbered and (not tok.is_title or low not in _NAMED_HEADS and low != "exercise"):
            continue
        if numbered:  # "resolution 2270", "UN Security Council Resolution 2231"
            end = k + 2
            start = k
            while start > 0 and (toks[start - 1].is_title or toks[start - 1].is_upper and toks[start - 1].is_alpha) \
                    and toks[start - 1].lower_ not in _DETERMINERS and toks[start - 1].i != sent.start:
                start -= 1
        elif low == "exercise":  # "Exercise Southern Shield"
            end = k + 1
            while end < len(toks) and toks[end].is_title and toks[end].pos_ == "PROPN":
                end += 1
            start = k
        else:
            end = k + 1
            start = k
            while start > 0 and (toks[start - 1].is_title or toks[start - 1].is_upper and toks[start - 1].is_alpha
                                 or toks[start - 1].text == "-" and start > 1 and toks[start - 2].is_title) \
                    and toks[start - 1].lower_ not in _DETERMINERS and toks[start - 1].i != sent.start:
                start -= 1
            while start < k and (toks[start].lower_ in _DROPPED or toks[start].text == "-"):
                start += 1
        if end - start < 2:
            continue
        span = sent.doc[toks[start].i:toks[end - 1].i + 1]
        if any(t.i in ex for ex in excluded for t in span) or any(t.ent_type_ == "PERSON" for t in span) \
                or _names_a_body(span, excluded[1] if len(excluded) > 1 else set()):
            continue
        yield span


def _split_on_and(chunk: Span):
    """A noun chunk, or its parts when it starts with a noun and "and" ("health | food security")."""
    cut = [t.i for t in chunk if t.dep_ == "cc" and t.i == chunk.start + 1 and chunk[0].pos_ == "NOUN"]
    if not cut:
        yield chunk
        return
    doc = chunk.doc
    left = doc[chunk.start:cut[0]]
    right = doc[cut[0] + 1:chunk.end]
    for part in (left, right):
        if len(part) and any(t.pos_ in ("NOUN", "PROPN") for t in part):
            yield part


def _table_label(sp: Span) -> str:
    """The table's label when the text says it ("sanctions against Russia" -> "sanctions"); otherwise the
    text's own words ("fentanyl" stays "fentanyl", not "drug trafficking"), with the table label kept
    apart as ``topic`` so that graphs can still group them."""
    label = sp.label_
    words = set(label.lower().replace("-", " ").split())
    surface = sp.text
    if label.lower() in surface.lower() or words <= set(surface.lower().replace("-", " ").split()):
        return label
    return surface


# Nouns too vague to name a topic, whatever modifies them ("shared view", "U.S. determination").
_WORDS = load_lexicon("topic_words")
_VAGUE = _WORDS["vague_heads"] | _WORDS["courtesy_heads"]
# Nouns that name a topic only with a noun or a name in front ("trade consultations", not "close consultations").
_BLAND = _WORDS["bland_heads"]
# Words cut from the front of a label: they say when or how much, not what ("ongoing clashes" -> "clashes").
_DROPPED = _WORDS["dropped_modifiers"]
# Heads of people and bodies: the person thanked or addressed, not what was discussed ("my good friend").
_PERSON_HEADS = _WORDS["person_heads"]
# Events and meals at which something was said ("over a business dinner", "addressed a symposium").
_OCCASIONS = _WORDS["occasion_heads"]
# Scope labels report writers give a topic ("regional issues", "bilateral and international developments").
_SCOPE_ADJS = _WORDS["scope_adjectives"]
_SCOPE_HEADS = _WORDS["scope_heads"]
# Courtesies a readout reports, by word: each is a topic under one label ("congratulated" -> congratulations).
_COURTESY = dict(pair.split("=", 1) for pair in _WORDS["courtesy_topics"])
# Nouns whose "to" or "for" phrase is what they are about ("commitment to X", "support for X").
_COMMIT_HEADS = _WORDS["commitment_heads"]
# Last words of named agreements, initiatives and plans ("the Pacific Cable Initiative").
_NAMED_HEADS = _WORDS["named_heads"]
# Nouns after a name that make it an office or a body ("Trade Minister", "IMF head").
_OFFICE_WORDS = _WORDS["office_words"]
# Nouns after a name that make it a group of parties ("G20 member states", "ASEAN countries").
_GROUPS = _WORDS["group_words"]
# Table words that also mean the circumstances ("in the current environment", "the investment climate").
_CIRCUMSTANCE = _WORDS["circumstance_words"]
# Domain nouns that name a topic alone only where the text says it was discussed ("discussed trade").
_DOMAIN = {"trade", "energy", "health", "security", "defence", "defense", "economy", "technology", "science",
           "border", "war", "investment", "climate", "migration", "agriculture", "education", "tourism", "culture",
           "sanctions", "peace", "terrorism", "space", "finance", "infrastructure", "connectivity", "cybersecurity",
           "diplomacy", "negotiations", "de-escalation", "ceasefire", "reconstruction", "disarmament", "democracy",
           "denuclearization", "denuclearisation", "nonproliferation", "non-proliferation", "sovereignty",
           "development", "deterrence", "aid", "assistance", "vaccines",
           "semiconductors", "drones", "shipping", "grain", "fertiliser", "fertilizer", "oil", "gas", "wine",
           "tariffs", "exports", "imports", "investments", "fisheries", "fishermen", "hostages", "prisoners",
           "refugees", "migrants", "journalists", "detainees", "children"}


# Verbs whose object is what the sides did about something, beyond the trigger lexicon's discussion verbs.
_CONTENT_VERBS = {"press", "push", "propose", "endorse", "adopt", "sign", "announce", "launch", "unveil", "establish",
                  "resolve", "settle", "elevate", "decide", "seek", "accept", "conclude", "approve", "expand",
                  "boost", "enhance", "resume", "restore", "normalize", "normalise", "promote", "tackle", "combat",
                  "counter", "protect", "criticize", "criticise", "denounce", "demand", "request", "reject",
                  "praise", "thank", "congratulate", "invite", "assure", "warn", "advance", "deliver", "provide",
                  "supply", "step", "intensify", "revive", "upgrade", "finalize", "finalise", "implement",
                  "talk", "speak", "centre", "center", "concentrate", "revolve", "touch"}
# Nouns whose "to" clause is what they are about ("efforts to achieve a ceasefire").
_EFFORT_NOUNS = {"efforts", "effort", "steps", "step", "ways", "way", "measures", "plans", "plan", "attempts",
                 "commitment", "pledge", "initiative", "initiatives", "work", "need", "agreement", "decision",
                 "readiness", "proposal", "proposals", "moves", "push", "bid", "call", "calls"}
# Subjects whose verb's "on" or "regarding" phrase is what was discussed ("the talks centred on X").
_TALK_NOUNS = {"discussion", "discussions", "talks", "exchange", "exchanges", "conversation", "conversations",
               "consultations", "dialogue", "meeting", "call", "negotiations", "deliberations", "focus"}
# Subjects of "was ..." that say what was discussed ("the focus was X", "one issue raised was X").
_SUBJECT_NOUNS = {"issue", "issues", "topic", "topics", "subject", "subjects", "focus", "theme", "themes", "agenda",
                  "question", "questions", "matter", "matters"}
# Nouns whose "in" phrase names fields ("cooperation in energy"), and verbs whose "for" phrase is a demand.
_FIELD_HEADS = {"cooperation", "partnership", "collaboration", "investment", "investments", "progress", "ties",
                "exchanges", "trade", "opportunities", "interest", "interests", "potential"}
_APPEAL_VERBS = {"call", "press", "push", "appeal", "advocate", "ask", "argue", "lobby", "plead", "pray"}
_SPEECH_VERBS = {"say", "tell", "state", "add", "suggest", "recommend", "propose", "demand", "ask", "assure",
                 "inform", "announce", "insist", "argue", "warn", "believe", "acknowledge", "observe", "point", "maintain", "describe", "reply", "respond", "recall"}


def _governed_by(verb, verbs: set[str]) -> bool:
    """Whether `verb` is the complement of a discussion verb ("agreed to deepen", "pledged to keep",
    "confirmed that they would resume") or what a speaker said ("Lula told Xi that ... strengthen")."""
    hops = 0
    if verb.dep_ == "pcomp" and verb.head.lower_ in _TOPIC_PREPS and verb.head.head.i != verb.head.i and (
            verb.head.head.lemma_.lower() in verbs or verb.head.head.lower_ in _TOPIC_HEADS):
        return True  # "talks on reopening the mission": the mission, as the reopening is
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and verb.head.lower_ in _EFFORT_NOUNS:
        noun = verb.head  # "exchanged views on the efforts to achieve X": X, as the efforts are
        return _is_argument(noun, noun.sent, verbs)
    while verb.dep_ in ("xcomp", "conj", "ccomp", "advcl") and verb.head.i != verb.i and hops < 3:
        via = verb.dep_
        verb = verb.head
        hops += 1
        lemma = verb.lemma_.lower()
        if lemma in verbs or via == "ccomp" and lemma in _SPEECH_VERBS:
            return True
    return False


def _label_span(chunk: Span) -> Span | None:
    """The words of a noun chunk that name a topic: no leading determiner, not a generic word alone.

    A head that needs its complement keeps it: "the cases of U.S. citizens" names the citizens,
    "the release of prisoners of war" the release of prisoners; "the fate" alone names nothing.
    """
    toks = [t for t in chunk if not t.is_space]
    while toks:
        if toks[0].lower_ in _DETERMINERS or toks[0].tag_ in ("DT", "PRP$", "CD") or toks[0].is_punct:
            toks = toks[1:]
            continue
        word = _hyphenated(toks)
        if len(toks) > word and (word == 1 and toks[0].dep_ in ("cc", "advmod") and toks[0].pos_ in ("CCONJ", "ADV")
                                 or "".join(t.text for t in toks[:word]).lower() in _DROPPED):
            toks = toks[word:]  # "the ongoing clashes" -> "clashes"; "notably the drought" -> "drought"
            continue
        break
    if not toks:
        return None
    doc = chunk.doc
    if toks[-1].lower_ in _PERSON_HEADS:
        return None  # "my good friend", "the port authorities": who, not what
    obj = _of_object(toks[-1], ("of", "for"))
    if obj is not None and toks[-1].lower_ in _SCOPE_HEADS and _is_scope(_chunk_of(obj), ("interest", "interests",
                                                                                          "concern")):
        return doc[toks[0].i:obj.i + 1]  # "issues of mutual interest"
    if obj is not None and toks[-1].lower_ in _CONTAINERS:
        return _label_span(_chunk_of(obj))  # "the issue of former civilian workers" -> the workers
    obj = _of_object(toks[-1], ("in",))
    if obj is not None and toks[-1].lower_ in _IN_CONTAINERS:
        inner = _label_span(_chunk_of(obj))
        if inner is not None and toks[-1].lower_ in ("developments", "events"):
            return inner  # "developments in the Chilean economy" are about the Chinese economy
        if inner is not None and inner.end - toks[0].i <= 8:
            return doc[toks[0].i:inner.end]  # "the situation in the border region"
    if toks[-1].lower_ in _SCOPE_HEADS and len(toks) > 1 and _is_scope(doc[toks[0].i:toks[-1].i + 1],
                                                                           _SCOPE_HEADS):
        return doc[toks[0].i:toks[-1].i + 1]  # "regional and international issues"
    between = next((c for c in toks[-1].children if c.dep_ == "prep" and c.lower_ == "between"), None)
    if between is not None and toks[-1].lower_ in _RELATION_HEADS and between.right_edge.i - toks[0].i < 10 and not any(
            t.pos_ == "ADJ" and t.lower_ not in _SCOPE_ADJS for t in toks[:-1]):
        return doc[toks[0].i:between.right_edge.i + 1]  # "the partnership between Chile and Peru"
    obj = _of_object(toks[-1], _COMPLEMENT_PREPS)
    if obj is not None and toks[-1].lower_ not in _NO_COMPLEMENT and toks[-1].lower_ not in _TOPIC_HEADS \
            and toks[-1].lower_ not in _WORDS["courtesy_heads"] \
            and toks[-1].lower_ not in _GENERIC and toks[-1].lower_ not in _BLAND:
        inner = _label_span(_chunk_of(obj))
        if inner is not None and inner.end - toks[0].i <= 9 and not any(t.tag_ == "POS" for t in toks):
            return doc[toks[0].i:inner.end]  # "release of prisoners of war", "path of diplomacy"
    if len(toks) == 1 and (toks[0].lower_ in _GENERIC or toks[0].lower_ in _TOPIC_HEADS or toks[0].is_stop):
        return None
    if all(t.lower_ in _GENERIC or t.lower_ in _TOPIC_HEADS or t.is_stop for t in toks):
        return None
    pos = [k for k, t in enumerate(toks) if t.tag_ == "POS"]
    if pos and pos[-1] + 1 < len(toks):
        return _label_span(doc[toks[pos[-1] + 1].i:toks[-1].i + 1])  # "Lima's honorary consulate" -> the consulate
    if len(toks) > 6 or pos:
        return None  # long phrases are not topic names
    if toks[-1].lower_ in _VAGUE:
        return None
    head = toks[-1].lower_
    if (head in _GENERIC or head in _TOPIC_HEADS or head in _BLAND) and all(
            t.pos_ in ("ADJ", "ADV", "PUNCT", "NUM") or t.lower_ in _DETERMINERS for t in toks[:-1]) and not (
            head in _RELATION_HEADS and any(t.lower_ in _SCOPE_ADJS for t in toks[:-1])):
        return None  # "strong ties", "broad consensus", "close consultations": how, not what
    if len(toks) == 1 and toks[0].pos_ != "PROPN" and toks[0].lower_ not in _DOMAIN:
        return None  # one common noun alone is too vague to be a topic ("need", "fate")
    span = doc[toks[0].i:toks[-1].i + 1]
    if not any(ch.isalpha() for ch in span.text):
        return None
    return span


# "relations between the two countries" is the table's "bilateral relations" under other words.
_BILATERAL = re.compile(
    r"^(relations|ties|relationship) between (the )?(two|both) (countries|nations|sides|states|peoples)$")
# Heads whose "between" phrase names the two parties of what was discussed ("relations between A and B").
_RELATION_HEADS = {"relations", "ties", "relationship", "cooperation", "partnership", "dialogue", "friendship",
                   "trade", "exchanges", "links", "alliance"}
# Heads whose "in" phrase is what they are about ("the situation in X", "developments in the Chilean economy").
_IN_CONTAINERS = {"situation", "developments", "events", "crisis", "tensions", "conflict", "fighting", "violence",
                  "instability", "war", "unrest", "disturbances", "clashes", "attacks", "attack", "change", "changes"}


def _is_scope_label(span: Span) -> bool:
    """Whether a label is a scope label ("regional and global issues", "issues of mutual interest")."""
    cut = next((t.i for t in span if t.lower_ == "of"), span.end)
    part = span.doc[span.start:cut]
    return _is_scope(part, _SCOPE_HEADS) or cut < span.end and len(part) == 1 and part[0].lower_ in _SCOPE_HEADS


def _hyphenated(toks: list) -> int:
    """How many of `toks` make its first word, with hyphens ("much-criticised" is three tokens)."""
    n = 1
    while n + 1 < len(toks) and toks[n].text == "-" and not toks[n - 1].whitespace_ and not toks[n].whitespace_:
        n += 2
    return n


def _is_scope(span: Span, heads) -> bool:
    """Whether `span` is scope adjectives and a head of `heads` ("regional and global issues", "mutual interest")."""
    words = [t for t in span if not (t.is_punct or t.dep_ == "cc" or t.lower_ in _DETERMINERS)]
    return len(words) >= 2 and words[-1].lower_ in heads and all(
        t.lower_ in _SCOPE_ADJS or t.lower_ in ("mutual", "common", "shared") or t.ent_type_ == "NORP"
        for t in words[:-1])


# Heads that stand for their "of" complement: "the issue of X", "the cases of X" are about X.
_CONTAINERS = {"issue", "issues", "case", "cases", "question", "questions", "matter", "matters", "fate", "plight",
               "situation", "subject", "topic", "problem", "problems", "state", "status", "role", "importance",
               "need", "necessity", "significance", "prospects", "future", "idea", "concept", "principle",
               "principles", "area", "areas", "field", "fields", "sphere", "spheres", "kind", "type", "form", "forms",
               "series", "range", "number", "lot", "host", "part", "aspects", "aspect", "string", "flood", "wave",
               "raft", "slew", "set", "list", "package", "array", "variety", "couple", "handful", "dozens", "push",
               "act", "acts", "development", "strengthening", "deepening", "expansion", "promotion", "enhancement",
               "advancement", "consolidation", "boosting", "broadening", "improvement", "pillars", "pillar", "foundations",
               "impact", "impacts", "effects", "effect",
               "call", "calls", "demand", "demands", "quest", "search", "hopes"}
_COMPLEMENT_PREPS = ("of", "for", "on", "about", "over", "to", "against", "among")
# Heads whose "of" phrase does not make them a topic ("a joint meeting of Congress", "consensus of ...").
_NO_COMPLEMENT = {"meeting", "meetings", "talks", "summit", "visit", "call", "session", "consensus", "community",
                  "members", "member", "leaders", "leader", "head", "heads", "minister", "ministers", "side",
                  "sides", "country", "countries", "people", "peoples", "government", "governments", "rest",
                  "end", "start", "beginning", "anniversary", "occasion", "day", "week", "month", "year", "years",
                  "city", "capital", "time", "hours", "minutes"}


def _of_object(tok, preps: tuple[str, ...] = ("of",)):
    """The noun that `tok`'s complement names ("cases" -> "citizens" in "cases of U.S. citizens")."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for g in child.children:
                if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN"):
                    return g
    return None


def _chunk_of(tok) -> Span:
    """The base noun phrase headed by `tok` (its left modifiers and itself)."""
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in ("compound", "amod", "nmod", "nummod", "det", "poss", "punct", "case", "advmod"):
            left = min(left, child.left_edge.i)
    return tok.doc[left:tok.i + 1]


def _we_discussed(tok) -> bool:
    """Whether a quoted word is inside what a participant says they discussed ("We talked about X")."""
    from .meetings import load_triggers

    verbs = load_triggers()["discussion_verbs"]
    for _ in range(8):
        if tok.pos_ == "VERB" and (tok.lemma_.lower() in verbs or tok.lemma_.lower() in ("talk", "speak")) and any(
                c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in tok.children):
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _quoted(doc: Doc, *, longer_than: int = 6) -> set[int]:
    """Tokens inside quotations, except short quoted names.

    A short quoted phrase with no verb is a name for something ("shuttle diplomacy", the
    "Stormont brake"), often the very topic; anything else in quotes is what someone said,
    which is not a fact of the meeting.
    """
    from .meetings import _quoted_tokens

    quoted = sorted(_quoted_tokens(doc))
    out: set[int] = set()
    run: list[int] = []
    for i in quoted + [-2]:
        if run and i != run[-1] + 1:
            words = [doc[t] for t in run if not doc[t].is_punct]
            if len(words) > longer_than or any(t.pos_ in ("VERB", "AUX") for t in words) or any(
                    doc[t].text in (".", "!", "?") for t in run):
                out.update(run)
            run = []
        run.append(i)
    return out


class TopicFinder:
    """spaCy component: fills the topics of ``doc._.dg_meetings`` and ``doc._.dg_planned``."""

    def __init__(self, nlp: Language, name: str = "diplograph_topics"):
        self.name = name
        self.nlp = nlp

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        gaz = next((proc for _, proc in self.nlp.pipeline if hasattr(proc, "topics")), None)
        table = getattr(gaz, "topics", None)
        officials = doc._.dg_officials or []
        assign_topics(doc, (doc._.dg_meetings or []) + (doc._.dg_planned or []), officials, table=table)
        return doc


@Language.factory("diplograph_topics", assigns=["doc._.dg_meetings"], default_config={})
def make_topics(nlp: Language, name: str) -> TopicFinder:
    """Create the topics component (registered as ``diplograph_topics``)."""
    return TopicFinder(nlp, name)
