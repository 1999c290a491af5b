"""Build the meeting graph from extraction records.

`build_graph` turns records (the JSON-serialisable dicts of ``extract``; see DESIGN.md) into a
networkx ``MultiDiGraph`` with typed nodes (person, country, organization, topic, meeting,
place, document) and typed edges (participated_in, about, held_in, represents, reported_by,
mentions, and the derived person-``met``-person projection). Every attribute is a scalar of
one type per key (see `ATTRIBUTE_TYPES`), so the graph writes to GraphML as it is.

Who is who and which reports tell the same meeting is decided in ``graph.identity``. Bad
input (a record that is not a dict, missing fields, unknown countries, empty names, bad dates,
duplicate documents) is repaired or skipped with a warning; it never stops the build.
Announced meetings (a record's ``planned`` list) are not held meetings and add no meeting node.
"""

from __future__ import annotations

import datetime as _dt
import gc
import hashlib
import json
import re
import sys
import warnings as _warnings
from collections import Counter, defaultdict
from collections.abc import Container, Mapping  # isinstance against typing.Mapping costs a subclass check per call
from functools import lru_cache
from json.encoder import encode_basestring as _json_string
from typing import TYPE_CHECKING, Iterable

from graph.identity import (
    MeetingMention,
    PersonResolver,
    clean_name,
    clean_text,
    cluster_meetings,
    country_name,
    fold,
    kind_family,
    normalize_country,
    parse_name,
    slugify,
)
from graph.plain_graph import PlainMultiDiGraph
from graph.query import loads  # the one decoder of JSON-encoded attributes, re-exported (light: no networkx)

if TYPE_CHECKING:  # imported by `build_graph`: an update of a stored graph needs no networkx (graph.plain_graph)
    import networkx as nx

__all__ = [
    "ATTRIBUTE_TYPES",
    "NODE_TYPES",
    "EDGE_TYPES",
    "SCHEMA",
    "build_graph",
    "identify_people",
    "dumps",
    "loads",
]

#: The schema version written into ``graph.graph["schema"]``.
SCHEMA = "diplograph.graph.v1"

NODE_TYPES = ("person", "country", "organization", "topic", "meeting", "place", "document")
EDGE_TYPES = (
    "participated_in", "about", "held_in", "represents", "reported_by", "mentions", "met",
)

#: Every attribute key the builder writes, with its one type (on nodes and edges alike).
#: Keys typed ``str`` whose values hold lists or objects are JSON-encoded (see `loads`).
ATTRIBUTE_TYPES: dict[str, type] = {
    "type": str, "label": str, "name": str, "country": str, "title": str, "aliases": str,
    "first": str, "last": str, "n_meetings": int, "code": str, "category": str, "date": str,
    "kind": str, "city": str, "participants": str, "topics": str, "n_sources": int,
    "evidence": str, "sources": str, "doc_id": str, "source": str, "source_id": str,
    "published": str, "count": int, "meetings": str, "offices": str, "identity": str,
}

_KINDS = ("in_person", "call", "multilateral")
_KIND = {k: k for k in _KINDS}  # a record's kind -> the one shared string
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))  # what dumps writes
_intern = sys.intern
_WORDS: dict[str, str] = {}  # a record's short value -> its clean, interned form (see `_word`)
_WORDS_KEPT = 50_000

#: A participant's ``country_basis`` that says the country is the place of the meeting, not theirs.
WEAK_COUNTRY_BASIS = "trip_country"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def build_graph(
    records: Iterable[dict],
    *,
    warnings: list[str] | None = None,
    aliases: Mapping[str, str] | None = None,
    corrections: Iterable[tuple[str, str, str]] = (),
) -> nx.MultiDiGraph:
    """Build the typed meeting graph from extraction records.

    Parameters
    ----------
    records : records as ``extract`` writes them (one per document).
    warnings : if given, receives one message per repaired or skipped item; otherwise a
        summary is issued with ``warnings.warn`` when anything was repaired.
    aliases : optional alias -> canonical name table for people ("Tony Blinken" ->
        "Antony Blinken").
    corrections : ``(name_a, name_b, "same" | "different")`` triples that override identity
        (``graph.corrections.read_corrections`` reads them from a CSV file).

    Returns
    -------
    A ``MultiDiGraph``. Node ids are stable (``person:antony-blinken``, ``country:JPN``,
    ``meeting:<hash>``); edge keys are unique strings ``<type>|<u>|<v>``.

    Examples
    --------
    >>> rec = {"doc_id": "d1", "source": "a.txt", "title": None, "published": "2024-01-13",
    ...        "meetings": [{"kind": "in_person", "date": "2024-01-12",
    ...                      "location": {"city": "Washington", "country": "USA"},
    ...                      "participants": [{"name": "Antony Blinken", "title": None,
    ...                                        "country": "USA"},
    ...                                       {"name": "Yoko Kamikawa", "title": None,
    ...                                        "country": "JPN"}],
    ...                      "topics": [{"label": "Taiwan Strait"}], "evidence": []}],
    ...        "officials": [], "countries": [], "organizations": [], "warnings": []}
    >>> g = build_graph([rec])
    >>> sorted(n for n in g if not n.startswith("meeting:"))  # doctest: +NORMALIZE_WHITESPACE
    ['country:JPN', 'country:USA', 'document:d1', 'person:antony-blinken',
     'person:yoko-kamikawa', 'place:washington-usa', 'topic:taiwan-strait']
    >>> g.edges["person:antony-blinken", "person:yoko-kamikawa", "met|person:antony-blinken|person:yoko-kamikawa"]["count"]
    1
    """
    notes: list[str] = []
    paused = gc.isenabled()
    gc.disable()  # millions of small containers and no cycles: collections would cost half the build
    try:
        docs = _normalise_records(records, notes)
        resolver = identify_people(docs, aliases=aliases, corrections=corrections, warnings=notes)
        import networkx as nx

        _DIRECT.add(nx.MultiDiGraph)
        g = nx.MultiDiGraph(schema=SCHEMA)
        _Builder(g, resolver, docs, notes, aliases).run()
    finally:
        if paused:
            gc.enable()
    if warnings is not None:
        warnings.extend(notes)
    elif notes:
        shown = "; ".join(notes[:3])
        _warnings.warn(
            f"build_graph repaired or skipped {len(notes)} item(s): {shown}"
            + (" ..." if len(notes) > 3 else "")
            + ". Pass warnings=[] to receive them all.",
            stacklevel=2,
        )
    return g


def identify_people(docs: list[dict], *, aliases: Mapping[str, str] | None = None,
                    corrections: Iterable[tuple[str, str, str]] = (),
                    warnings: list[str] | None = None) -> PersonResolver:
    """Decide who is who across normalised documents: every mention to a person id, with reasons.

    A pure function of the documents (and the user's aliases and corrections), so that a
    full build and an incremental one give the same ids. Each participant is added with its
    meeting's date (or the document's), each official with the document's date; the
    record's ``actor`` or ``known_as`` (its dictionary entry) is the strongest evidence, and a country read
    from the place of the meeting (``country_basis`` ``trip_country``) counts for nothing.

    Parameters
    ----------
    docs : documents as `build_graph` normalises them.
    aliases, corrections : as for `build_graph`.
    warnings : receives the ambiguities met.

    Returns
    -------
    The resolved `PersonResolver`; ``_mention(p, on)`` gives the arguments of its lookups.
    """
    resolver = PersonResolver(aliases, corrections)
    add = resolver.add
    for doc in docs:
        published = doc["published"] or ""
        for m in doc["meetings"]:
            on = m["date"] or published
            for p in m["participants"]:
                add(p["name"], p["country"], actor=p.get("actor", ""), on=on, weak_country=p.get("weak", False))
        for o in doc["officials"]:
            add(o["name"], o["country"], actor=o.get("actor", ""), on=published, weak_country=o.get("weak", False))
    notes = resolver.resolve()
    if warnings is not None:
        warnings.extend(notes)
    return resolver


def _mention(p: dict, on: str) -> dict:
    """The keyword arguments that identify a participant or official to the resolver."""
    return {"actor": p.get("actor", ""), "on": on or "", "weak_country": p.get("weak", False)}


def dumps(value: object) -> str:
    """Encode a list or dict attribute as compact JSON with sorted keys.

    Examples
    --------
    >>> dumps(["b", {"y": 1, "x": None}])
    '["b",{"x":null,"y":1}]'
    """
    return _ENCODER.encode(value)


def _meeting_mentions(docs: list[dict], person_id, notes: list[str]) -> tuple[list, list]:
    """The meetings of `docs` with their resolved participants, as (flat, mentions) for clustering.

    `person_id(name, country, **mention)` resolves a participant; each kept meeting gets its
    ``pids`` (pid -> participant, in the participants' order).
    """
    mentions, flat = [], []
    for doc in docs:
        published = doc["published"] or ""
        for m in doc["meetings"]:
            pids = {}
            on = m["date"] or published
            for p in m["participants"]:
                pid = person_id(p["name"], p["country"], actor=p.get("actor", ""), on=on,
                                weak_country=p.get("weak", False))
                if pid and pid not in pids:
                    pids[pid] = p
            if not pids:
                notes.append(
                    f"document {doc['doc_id']!r}: a meeting with no named participant "
                    "was skipped"
                )
                continue
            m["pids"] = pids
            flat.append((doc, m))
            mentions.append(
                MeetingMention(len(flat) - 1, frozenset(pids), m["date"] or None,
                               m["kind"], doc["published"] or None)
            )
    return flat, mentions


def _meeting_id(told: list, used_ids: set) -> str:
    """The node id of the meeting the mentions `told` tell (unique within `used_ids`, which grows)."""
    date, people, kind = _meeting_core(told)
    anchor = date or told[0][0]["doc_id"]
    digest = hashlib.sha1(
        "|".join([*sorted(people), anchor, kind_family(kind)]).encode("utf-8")
    ).hexdigest()[:12]
    mid = f"meeting:{digest}"
    n = 2
    while mid in used_ids:
        mid, n = f"meeting:{digest}-{n}", n + 1
    used_ids.add(mid)
    return mid


def _meeting_core(told: list) -> tuple[str, dict, str]:
    """The date, the people (pid -> [(doc, participant)]) and the kind of one meeting."""
    if len(told) == 1:  # most meetings are told once
        doc, m = told[0]
        people = {pid: [(doc, p)] for pid, p in m["pids"].items()}
        kind = m["kind"]
        if kind == "in_person" and len(people) >= 3:
            kind = "multilateral"
        return m["date"] or "", people, kind
    dates = Counter(m["date"] for _, m in told if m["date"])
    date = min(dates, key=lambda d: (-dates[d], d)) if dates else ""
    people: dict[str, list] = {}
    for doc, m in told:
        for pid, p in m["pids"].items():
            people.setdefault(pid, []).append((doc, p))
    kinds = Counter(m["kind"] for _, m in told)
    kind = min(kinds, key=lambda k: (-kinds[k], k))
    if kind == "in_person" and len(people) >= 3:
        kind = "multilateral"
    return date, people, kind


class _Builder:
    """Turn normalised documents and resolved people into nodes and edges."""

    def __init__(self, g, resolver, docs, notes, aliases=None):
        self.g, self.resolver, self.docs, self.notes = g, resolver, docs, notes
        self.known_as: dict[str, list[str]] = defaultdict(list)
        self.built: list[tuple] = []  # (id, date, people, topics) of each meeting added, for `_met`
        self.texts: dict[str, str] = {}  # JSON attribute values that recur (topic lists): one string each
        for alias, canonical in (aliases or {}).items():
            self.known_as[fold(canonical)].append(alias)

    def run(self) -> None:
        """Add every node and edge."""
        flat, mentions = _meeting_mentions(self.docs, self.resolver.person_id, self.notes)
        self._documents()
        self._people()
        used_ids: set[str] = set()
        for cluster in cluster_meetings(mentions):
            told = [flat[i] for i in cluster]
            self._meeting(told, _meeting_id(told, used_ids))
        self._officials()
        self._represents()
        self._met()

    def _documents(self) -> None:
        """One node per document."""
        for doc in self.docs:
            self.g.add_node(
                f"document:{doc['doc_id']}", type="document",
                label=doc["title"] or doc["source_id"] or doc["doc_id"], doc_id=doc["doc_id"],
                source=doc["source"], source_id=doc["source_id"], title=doc["title"],
                published=doc["published"],
            )

    def _people(self) -> None:
        """One node per person the resolver found."""
        for pid, info in self.resolver.people().items():
            spellings = sorted(set(info["spellings"]) | set(self.known_as.get(fold(info["name"]), ())))
            self.g.add_node(
                pid, type="person", label=info["name"], name=info["name"],
                country=info["country"], title="", aliases=dumps(spellings),
                first="", last="", n_meetings=0, offices="[]", identity=dumps(info["reasons"]),
            )
            if info["country"]:
                self._country(info["country"])
        self.roles: dict[tuple, list] = defaultdict(list)
        self.offices: dict[str, list] = defaultdict(list)

    def note_meeting(self, node: dict, pid: str, date: str, title: str, country: str) -> None:
        """Count one meeting of person `pid` (node `node`) on `date`, held as `title` of `country`:
        the person's first and last dates, and the offices their node and edges are made from."""
        if date:
            node["first"] = min(node["first"] or date, date)
            node["last"] = max(node["last"], date)
        if country:
            self.roles[(pid, country)].append((date, title))
        self.offices[pid].append((date, title, country))

    def _shared(self, text: str) -> str:
        """`text`, as the one string object of its value this builder has given out (equal topic and
        participant lists recur across meetings and met edges: 100,000 meetings hold a few thousand)."""
        return self.texts.setdefault(text, text)

    def _country(self, code: str, name: str = "") -> str:
        """Add a country node if missing; return its id."""
        node = f"country:{code}"
        if node not in self.g:
            label = country_name(code)
            if label == code and name:
                label = name
            self.g.add_node(node, type="country", label=label, code=code)
        return node

    def _meeting(self, told: list, mid: str) -> None:
        """Add meeting `mid` from the mentions that tell it, with all its edges."""
        g, nodes = self.g, self.g._node  # the node attribute dicts themselves (what g.nodes[n] gives)
        date, people, kind = _meeting_core(told)
        location = next((m["location"] for _, m in told if m["location"].get("city")), None) or next(
            (m["location"] for _, m in told if m["location"].get("country")), {}
        )
        shared: dict = {}  # this meeting's evidence as JSON: equal strings are one object
        evidence = _evidence_json([(doc["doc_id"], e) for doc, m in told for e in m["evidence"]], shared)
        doc_ids = list(dict.fromkeys(doc["doc_id"] for doc, _ in told))
        topics: dict[str, dict] = {}
        for doc, m in told:
            for t in m["topics"]:
                tid = _topic_id(t["label"])
                entry = topics.get(tid)
                if entry is None:
                    entry = topics[tid] = {"labels": {}, "category": "", "evidence": []}
                labels = entry["labels"]
                labels[t["label"]] = labels.get(t["label"], 0) + 1
                entry["category"] = entry["category"] or t["category"]
                entry["evidence"].extend((doc["doc_id"], e) for e in t["evidence"])
        names = sorted(nodes[p]["label"] for p in people)
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} others" if len(names) > 3 else "")
        pids, tids = sorted(people), sorted(topics)
        g.add_node(
            mid, type="meeting", label=f"{shown} ({date or 'undated'})", date=date, kind=kind,
            city=location.get("city", ""), country=location.get("country", ""),
            participants=self._shared(dumps(pids)), topics=self._shared(dumps(tids)),
            n_sources=len(doc_ids), sources=dumps(doc_ids), evidence=evidence,
        )
        self.built.append((mid, date, pids, tids))
        for pid, seen in people.items():
            title = next((p["title"] for _, p in seen if p["title"]), "")
            country = next((p["country"] for _, p in seen if p["country"] and not p.get("weak")), "")
            node = nodes[pid]
            country = country or node["country"]
            ev = _evidence_json([(doc["doc_id"], e) for doc, p in seen for e in p["evidence"]], shared)
            _link(g, pid, mid, f"participated_in|{pid}|{mid}",
                  {"type": "participated_in", "title": title, "country": country, "evidence": ev})
            node["n_meetings"] += 1
            self.note_meeting(node, pid, date, title, country)
        for tid, entry in topics.items():
            if tid not in nodes:
                label = min(entry["labels"], key=lambda k: (-entry["labels"][k], k))
                g.add_node(tid, type="topic", label=label, category=entry["category"])
            elif entry["category"] and not nodes[tid]["category"]:
                nodes[tid]["category"] = entry["category"]
            _link(g, mid, tid, f"about|{mid}|{tid}",
                  {"type": "about", "evidence": _evidence_json(entry["evidence"], shared)})
        if location.get("city") or location.get("country"):
            city, code = location.get("city", ""), location.get("country", "")
            place = _place_id(city, code)
            if place not in nodes:
                label = ", ".join(x for x in (city, code and country_name(code)) if x)
                g.add_node(place, type="place", label=label, city=city, country=code)
            if code:
                self._country(code)
            _link(g, mid, place, f"held_in|{mid}|{place}", {"type": "held_in"})
        for doc_id in doc_ids:
            ev = _evidence_json([(doc_id, e) for doc, m in told if doc["doc_id"] == doc_id for e in m["evidence"]],
                                shared)
            dnode = f"document:{doc_id}"
            _link(g, mid, dnode, f"reported_by|{mid}|{dnode}", {"type": "reported_by", "doc_id": doc_id, "evidence": ev})

    def _officials(self, *, people_only: Container[str] = (), people: Container[str] = ()) -> None:
        """Mentions edges from documents to the people, countries and organisations they name.

        For the documents whose ids are in `people_only` (an incremental update), only what
        the officials they name tell about `people` (offices and titles) is noted: no edges.
        """
        g, nodes, person_id = self.g, self.g._node, self.resolver.person_id
        for doc in self.docs:
            dnode = f"document:{doc['doc_id']}"
            counts: dict[str, int] = {}  # what the document names -> times, in the order first named
            published = doc["published"] or ""
            slight = doc["doc_id"] in people_only
            for o in doc["officials"]:
                pid = person_id(o["name"], o["country"], actor=o.get("actor", ""), on=published,
                                weak_country=o.get("weak", False))
                if not pid or slight and pid not in people:
                    continue
                counts[pid] = counts.get(pid, 0) + max(1, o["n_mentions"])
                if o["country"] and not o.get("weak"):
                    self.roles[(pid, o["country"])].append((doc["published"], o["title"]))
                if o["title"] and not nodes[pid]["title"]:
                    nodes[pid]["title"] = o["title"]
            if slight:
                continue
            for code, name in doc["countries"]:
                node = self._country(code, name)
                counts[node] = counts.get(node, 0) + 1
            for org in doc["organizations"]:
                oid = f"organization:{slugify(org)}"
                if oid == "organization:":
                    continue
                if oid not in nodes:
                    g.add_node(oid, type="organization", label=org, name=org)
                counts[oid] = counts.get(oid, 0) + 1
            for node, count in counts.items():
                _edge(g, "mentions", dnode, node, count=count)

    def _represents(self) -> None:
        """Person -> country edges with the latest title and the first and last dates seen."""
        g = self.g
        for (pid, code), seen in sorted(self.roles.items()):
            dated = sorted(d for d, _ in seen if d)
            titled = sorted(((d or "", t) for d, t in seen if t), key=lambda x: x[0])
            title = titled[-1][1] if titled else ""
            _edge(g, "represents", pid, self._country(code), title=title,
                  first=dated[0] if dated else "", last=dated[-1] if dated else "")
            if title and (code == g.nodes[pid]["country"] or not g.nodes[pid]["title"]):
                g.nodes[pid]["title"] = title
        for pid, held in self.offices.items():
            history = _office_history(held)
            g.nodes[pid]["offices"] = dumps(history)
            if history and history[-1]["title"]:
                # the office held at the person's latest meeting, not the first one seen
                g.nodes[pid]["title"] = history[-1]["title"]
                g.nodes[pid]["country"] = history[-1]["country"] or g.nodes[pid]["country"]
        self.roles, self.offices = defaultdict(list), defaultdict(list)  # used up: free them before `_met`

    def _met(self) -> None:
        """The derived person -met- person projection, one edge per unordered pair, from the
        meetings this builder added (their participants and topics as their nodes list them)."""
        g = self.g
        pairs: dict[tuple, list] = {}  # (a, b) -> the meetings they were both in, as `built` holds them
        for entry in self.built:
            people = entry[2]
            for i, a in enumerate(people):
                for b in people[i + 1:]:
                    held = pairs.get((a, b))
                    if held is None:
                        pairs[(a, b)] = [entry]
                    else:
                        held.append(entry)
        self.built = []
        nodes = g._node
        for pair in sorted(pairs):
            held = pairs.pop(pair)
            dated = sorted(date for _, date, _, _ in held if date)
            labels = sorted(nodes[t]["label"] for t in {t for *_, topics in held for t in topics})
            _edge(
                g, "met", pair[0], pair[1], count=len(held),
                first=dated[0] if dated else "", last=dated[-1] if dated else "",
                topics=self._shared(dumps(labels)),
                meetings=dumps([mid for mid, *_ in sorted(held, key=lambda e: (e[1] or "9", e[0]))]),
            )


def _office_history(held: list[tuple[str, str, str]]) -> list[dict]:
    """A person's offices over time from their meetings: consecutive meetings in one office
    (title and country) are one entry with its first and last dates; undated meetings lend
    a title only when nothing is dated."""
    dated = sorted((d, t, c) for d, t, c in held if d and t)
    if not dated:
        titled = [(t, c) for _, t, c in held if t]
        return [{"title": titled[0][0], "country": titled[0][1], "first": "", "last": ""}] if titled else []
    out: list[dict] = []
    for day, title, country in dated:
        if out and out[-1]["title"] == title and out[-1]["country"] == country:
            out[-1]["last"] = day
        else:
            out.append({"title": title, "country": country, "first": day, "last": day})
    return out


@lru_cache(maxsize=100_000)
def _topic_id(label: str) -> str:
    """The node id of a topic label (remembered: a corpus names the same topics again and again)."""
    return f"topic:{slugify(label)}"


@lru_cache(maxsize=100_000)
def _place_id(city: str, code: str) -> str:
    """The node id of a place (remembered, as `_topic_id`)."""
    return f"place:{slugify(' '.join(x for x in (city, code) if x))}"


def _evidence_json(items: list[tuple[str, tuple]], shared: dict) -> str:
    """Evidence spans ``(doc_id, (start, end, text))`` as the JSON `dumps` writes for
    ``[{"doc_id", "end", "start", "text"}, ...]``, built from pieces remembered in `shared`
    (a meeting's people, topics and sources mostly cite the same sentences), and returned as
    the one string object `shared` holds for that text."""
    if not items:
        return "[]"
    parts = []
    for doc_id, span in items:
        try:
            piece = shared.get((doc_id, span))
        except TypeError:  # a span read back as a list: not remembered
            piece = None
        if piece is None:
            start, end, text = span
            piece = (f'{{"doc_id":{_json_string(doc_id)},"end":{int(end)},"start":{int(start)},'
                     f'"text":{_json_string(text)}}}')
            if type(span) is tuple:
                shared[(doc_id, span)] = piece
        parts.append(piece)
    text = "[" + ",".join(parts) + "]"
    return shared.setdefault(text, text)


def _edge(g: nx.MultiDiGraph, kind: str, u: str, v: str, **attrs) -> None:
    """Add a typed edge keyed ``<type>|<u>|<v>`` (merging attributes if it exists)."""
    key = f"{kind}|{u}|{v}"
    data = _edge_data(g, u, v, key)
    if data is not None:
        if "count" in attrs:
            data["count"] += attrs["count"]
        return
    _link(g, u, v, key, {"type": kind, **attrs})


def _edge_data(g: nx.MultiDiGraph, u: str, v: str, key: str) -> dict | None:
    """The attributes of edge (u, v, key), or None when there is no such edge."""
    keydict = g._succ.get(u, {}).get(v)
    return None if keydict is None else keydict.get(key)


#: The graph classes whose dicts `_link` fills directly: networkx's ``MultiDiGraph`` (added when
#: `build_graph` imports networkx) and the plain one an update of a stored graph uses.
_DIRECT: set = {PlainMultiDiGraph}


def _link(g: nx.MultiDiGraph, u: str, v: str, key: str, data: dict) -> None:
    """Add edge (u, v, key) with the attribute dict `data`, which the graph keeps as it is.

    What ``MultiDiGraph.add_edge(u, v, key=key, **data)`` does, without its per-call work
    (a keyword dict, the new-node checks, clearing the cache of converted graphs), which is a
    sizeable part of a build of a million edges: the adjacency dicts are filled directly when
    both nodes exist and `g` is a ``MultiDiGraph`` of networkx or of ``graph.plain_graph``
    (`_DIRECT`); otherwise ``add_edge`` is called.
    The builder's graphs are new, so they have no cache of converted graphs to clear.
    """
    succ = g._succ
    if type(g) not in _DIRECT or u not in succ or v not in succ:
        g.add_edge(u, v, key=key, **data)
        return
    keydict = succ[u].get(v)
    if keydict is None:
        succ[u][v] = g._pred[v][u] = {key: data}
    elif key in keydict:
        keydict[key].update(data)
    else:
        keydict[key] = data


def _normalise_records(records: Iterable[dict], notes: list[str]) -> list[dict]:
    """Validate and repair records into a uniform shape; skip what cannot be used.

    The documents are kept for updates (``graph.incremental``), so they are compact: their
    sequences (meetings, participants, topics, officials, countries, organizations) are tuples,
    short values (names, titles, codes, dates, labels) are interned, evidence spans are
    ``(start, end, text)`` tuples shared within a document, a country is a shared
    ``(code, name)`` pair, a meeting's location is a dict shared by the meetings held there
    (never change one in place), and a participant's or official's ``actor`` and ``weak`` keys are
    left out when empty (read them with ``.get``).
    """
    docs, seen = [], set()
    for i, rec in enumerate(records):
        if not _is_mapping(rec):
            notes.append(f"record {i}: not an object ({type(rec).__name__}); skipped")
            continue
        doc_id = clean_text(rec.get("doc_id"))
        where = f"record {i}"
        if not doc_id:
            doc_id = hashlib.sha1(
                json.dumps(rec, sort_keys=True, default=str).encode("utf-8")
            ).hexdigest()[:16]
            notes.append(f"{where}: no doc_id; using the content hash {doc_id!r}")
        where = f"document {doc_id!r}"
        if doc_id in seen:
            notes.append(f"{where}: duplicate document; the second copy (record {i}) was skipped")
            continue
        seen.add(doc_id)
        spans: dict = {}  # this document's evidence: one tuple per distinct span or list of spans
        published = _date(rec.get("published"), where, "published", notes)
        meetings = []
        for j, m in enumerate(_list(rec.get("meetings"), where, "meetings", notes)):
            meeting = _meeting(m, f"{where}, meeting {j}", notes, spans)
            if meeting is not None:
                meetings.append(meeting)
        officials = []
        for o in _list(rec.get("officials"), where, "officials", notes):
            if not _is_mapping(o) or not clean_name(o.get("name")):
                notes.append(f"{where}: an official without a usable name was skipped")
                continue
            mentions = o.get("mentions")
            official = {
                "name": _word(o.get("name")), "title": _word(o.get("title")),
                "country": _country(o.get("country"), where, notes),
                "n_mentions": len(mentions or []) if isinstance(mentions, list) else 0,
            }
            _identity_fields(official, o)
            officials.append(official)
        countries = []
        for c in _list(rec.get("countries"), where, "countries", notes):
            if _is_mapping(c):
                code = _country(c.get("code"), where, notes)
                if code:
                    countries.append(_pair(code, _word(c.get("name"))))
        organizations = tuple(
            _word(o.get("name"))
            for o in _list(rec.get("organizations"), where, "organizations", notes)
            if _is_mapping(o) and clean_text(o.get("name"))
        )
        doc = {
            "doc_id": doc_id, "source": clean_text(rec.get("source")),
            "source_id": clean_text(rec.get("source_id")), "title": clean_text(rec.get("title")),
            "published": published, "meetings": tuple(meetings), "officials": tuple(officials),
            "countries": tuple(countries), "organizations": organizations,
        }
        _resolve_surnames(doc)
        docs.append(doc)
    return docs


def _meeting(m: object, where: str, notes: list[str], spans: dict) -> dict | None:
    """Normalise one meeting of a record; None when it cannot be used."""
    if not _is_mapping(m):
        notes.append(f"{where}: not an object; skipped")
        return None
    participants = []
    for p in _list(m.get("participants"), where, "participants", notes):
        if not _is_mapping(p) or not clean_name(p.get("name")):
            notes.append(f"{where}: a participant without a usable name was skipped")
            continue
        participant = {
            "name": _word(p.get("name")), "title": _word(p.get("title")),
            "country": _country(p.get("country"), where, notes),
            "evidence": _evidence(p.get("evidence"), spans),
        }
        _identity_fields(participant, p)
        participants.append(participant)
    kind = _KIND.get(m.get("kind")) if isinstance(m.get("kind"), str) else None
    if kind is None:
        kind = "multilateral" if len(participants) >= 3 else "in_person"
        notes.append(f"{where}: unknown kind {m.get('kind')!r}; using {kind!r}")
    location = m.get("location") if _is_mapping(m.get("location")) else {}
    topics = []
    for t in _list(m.get("topics"), where, "topics", notes):
        label = _word(t.get("label")) if _is_mapping(t) else ""
        if label and _topic_id(label) != "topic:":
            topics.append({"label": label, "category": _word(t.get("category")),
                           "evidence": _evidence(t.get("evidence"), spans)})
    return {
        "kind": kind, "date": _date(m.get("date"), where, "date", notes),
        "location": _location(_word(location.get("city")), _country(location.get("country"), where, notes)),
        "participants": tuple(participants), "topics": tuple(topics),
        "evidence": _evidence(m.get("evidence"), spans),
    }


def _identity_fields(person: dict, raw: Mapping) -> None:
    """Add a participant's or official's dictionary entry (``actor``) and whether its country is
    the place of the meeting (``weak``), each only when it says something."""
    actor = _word(raw.get("actor") or raw.get("known_as"))
    if actor:
        person["actor"] = actor
    if raw.get("country_basis") == WEAK_COUNTRY_BASIS:
        person["weak"] = True


def _resolve_surnames(doc: dict) -> None:
    """Within one document, give a surname-only participant the full name it has there
    (and its dictionary entry)."""
    people = [p for m in doc["meetings"] for p in m["participants"]]
    people.extend(doc["officials"])
    parsed = [parse_name(p["name"]) for p in people]
    if all(parts is None or parts.given for parts in parsed):
        return  # no family name alone: nothing to resolve
    full: dict[str, set] = defaultdict(set)
    for p, parts in zip(people, parsed):
        if parts and parts.given and any(len(x) > 1 for x in parts.given):
            full[parts.family].add((p["name"], p["country"], p.get("actor", "")))
    if not full:
        return
    for p, parts in zip(people, parsed):
        if parts and not parts.given:
            fits = {(n, c, a) for n, c, a in full.get(parts.family, ()) if not p["country"] or not c
                    or c == p["country"]}
            if len({parse_name(n).given for n, _, _ in fits}) == 1:
                name, country, actor = sorted(fits)[0]
                p["name"], p["country"] = name, p["country"] or country
                if actor and not p.get("actor"):
                    p["actor"] = actor


@lru_cache(maxsize=4096)
def _location(city: str, country: str) -> dict:
    """A meeting's ``{"city", "country"}``, one dict for every meeting held there (read, never changed)."""
    return {"city": city, "country": country}


@lru_cache(maxsize=4096)
def _pair(code: str, name: str) -> tuple[str, str]:
    """A document's country as a ``(code, name)`` pair, one tuple for every document naming it so."""
    return (code, name)


def _is_mapping(value: object) -> bool:
    """Whether a record's value is an object (a dict, answered without the abstract class's check)."""
    return type(value) is dict or isinstance(value, Mapping)


def _word(value: object) -> str:
    """`clean_text` of a short value that recurs across documents (a name, title, label): one
    string object however many documents give it (remembered for the last `_WORDS_KEPT` strings)."""
    if type(value) is not str:
        return _intern(clean_text(value))
    word = _WORDS.get(value)
    if word is None:
        if len(_WORDS) >= _WORDS_KEPT:
            _WORDS.clear()
        word = _WORDS[value] = _intern(clean_text(value))
    return word


def _list(value: object, where: str, field: str, notes: list[str]) -> list:
    """A list field; anything else (missing, None, a string) is empty, with a note if odd."""
    if isinstance(value, list):
        return value
    if value is not None:
        notes.append(f"{where}: field {field!r} is not a list; ignored")
    return []


def _date(value: object, where: str, field: str, notes: list[str]) -> str:
    """An ISO date string, or "" (with a note when the value was present but invalid)."""
    text = clean_text(value)
    if not text:
        return ""
    day = _valid_day(text[:10])
    if day:
        return day
    notes.append(f"{where}: {field} {text!r} is not a YYYY-MM-DD date; treated as unknown")
    return ""


@lru_cache(maxsize=100_000)
def _valid_day(text: str) -> str:
    """`text` (interned) when it is a real YYYY-MM-DD date, else ""."""
    if _DATE.match(text):
        try:
            _dt.date.fromisoformat(text)
            return _intern(text)
        except ValueError:
            pass
    return ""


def _country(value: object, where: str, notes: list[str]) -> str:
    """A valid country code or "" (with a note when repaired or dropped)."""
    if type(value) is str or value is None:
        code, note = _country_of(value)
    else:
        code, note = normalize_country(value)
    if note:
        notes.append(f"{where}: {note}")
    return code


@lru_cache(maxsize=4096)
def _country_of(value: str | None) -> tuple[str, str | None]:
    """`normalize_country` of a string, remembered (records repeat a few hundred codes), the code interned."""
    code, note = normalize_country(value)
    return _intern(code), note


def _evidence(value: object, spans: dict) -> tuple:
    """Evidence spans as ``(start, end, text)`` tuples; malformed entries are dropped. Equal
    spans, and equal lists of them, are one object within a document (`spans`)."""
    if not isinstance(value, list):
        return ()
    out = []
    for e in value:
        if _is_mapping(e):
            text = clean_text(e.get("text"))
            if text:
                try:
                    start, end = int(e.get("start") or 0), int(e.get("end") or 0)
                except (TypeError, ValueError):
                    start = end = 0
                span = (start, end, text)
                out.append(spans.setdefault(span, span))
    found = tuple(out)
    return spans.setdefault(found, found)
