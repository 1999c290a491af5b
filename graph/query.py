"""Questions asked of a meeting graph: who met whom, which meetings, about what, how connected.

Plain functions on the networkx graph that `graph.build.build_graph` returns (or that
`graph.export.read_graphml` reads back); ``MeetingGraph`` methods call them. Every answer is
plain data (lists of dicts of str/int/lists) in a stable order, with the evidence and the
documents behind each meeting. Name lookups are forgiving ("Blinken", "antony blinken",
"Secretary Blinken"); an unknown or ambiguous name raises an error listing the closest names.

Lookups use an index built once per graph (names, meetings by date, counterpart adjacency,
meetings by country) and kept while the graph keeps its node count; call `invalidate` after
changing a graph in place. This module does not build, draw or write graphs.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import weakref
from collections import defaultdict, deque
import json
from typing import TYPE_CHECKING, Iterable

from extract.norm.fuzzy import closest as _closest
from graph.errors import (
    AmbiguousName,
    BadQuery,
    UnknownCountry,
    UnknownNode,
    UnknownPerson,
    UnknownTopic,
)
from graph.identity import fold, names_compatible, normalize_country, parse_name, slugify

if TYPE_CHECKING:  # networkx is not imported to answer a query from the cache's rows (graph.row_graph)
    import networkx as nx

__all__ = [
    "KINDS",
    "find_person",
    "who_met",
    "meetings",
    "topics_between",
    "connection",
    "counterpart_countries",
    "timeline",
    "most_connected",
    "subgraph",
    "meeting_info",
    "invalidate",
    "lookup_index",
    "partial_date",
    "MAX_NAME",
]

KINDS = ("in_person", "call", "multilateral")
#: How many close names an error lists.
CLOSEST = 5

#: The longest string looked up as a person's name (longer ones are refused, not echoed in full).
MAX_NAME = 200
_INDEXES: "weakref.WeakKeyDictionary[nx.MultiDiGraph, _Index]" = weakref.WeakKeyDictionary()


def find_person(g: nx.MultiDiGraph, name: str) -> str:
    """Return the id of the one person `name` refers to.

    Parameters
    ----------
    g : a meeting graph.
    name : a node id (``person:antony-blinken``) or a name in any spelling the graph knows:
        family name alone, with or without titles, given names or initials, any case/accents.

    Returns
    -------
    The person's node id.

    Raises
    ------
    UnknownPerson
        If no person fits; the message lists the closest names.
    AmbiguousName
        If several people fit (two Smiths); the message lists them.

    Examples
    --------
    >>> from graph.synthetic import sample_records
    >>> from graph.build import build_graph
    >>> g = build_graph(sample_records())
    >>> find_person(g, "Secretary Blinken"), find_person(g, "yoko KAMIKAWA")
    ('person:antony-blinken', 'person:yoko-kamikawa')
    >>> find_person(g, "Blinkin")
    Traceback (most recent call last):
    ...
    graph.errors.UnknownPerson: No person named 'Blinkin' in the graph. Closest names: 'Antony Blinken' (USA). Run ...
    """
    if isinstance(name, str) and name in g and g.nodes[name].get("type") == "person":
        return name
    _check_name(name)
    idx = _index(g)
    parts = parse_name(name)
    fits: list[str] = []
    if parts is not None:
        candidates = set(idx.by_family.get(parts.family, ())) | set(idx.by_tokens.get(parts.tokens, ()))
        if not parts.given and not candidates:
            candidates = set(idx.by_first.get(parts.family, ()))
        for pid in sorted(candidates):
            for spelling in idx.spellings[pid]:
                if names_compatible(parts, spelling) or (
                    not parts.given and spelling.given[:1] == (parts.family,)
                ):
                    fits.append(pid)
                    break
        if len(fits) > 1:
            exact = [p for p in fits
                     if any((s.given, s.family) == (parts.given, parts.family) for s in idx.spellings[p])]
            if len(exact) == 1:
                return exact[0]
    if not fits and parts is not None:
        # names by which a person is known that are neither first nor last: "Lula", "Lula da Silva"
        words = set((*parts.given, *fold(parts.family).replace("-", " ").split()))
        fits = sorted(pid for pid in idx.spellings if any(
            words <= set((*s.given, *fold(s.family).replace("-", " ").split())) for s in idx.spellings[pid]))
    if len(fits) == 1:
        return fits[0]
    if fits:
        listed = [idx.describe(p) for p in fits]
        raise AmbiguousName(
            f"The name {name!r} fits {len(fits)} people: {', '.join(listed[:10])}. "
            "Give a full name, or the node id (such as "
            f"{fits[0]!r}).",
            name=name, closest=[g.nodes[p]["label"] for p in fits],
        )
    closest = idx.closest(name)
    hint = (f" Closest names: {', '.join(idx.describe(p) for p in closest)}." if closest
            else " No name in the graph is close to it." if idx.labels else " The graph holds no people yet.")
    raise UnknownPerson(
        f"No person named {name!r} in the graph.{hint} Run 'diplograph query top' to list "
        "the most connected people.",
        name=name, closest=[g.nodes[p]["label"] for p in closest],
    )


def who_met(g: nx.MultiDiGraph, name: str) -> list[dict]:
    """Return the people `name` met, with how often, when, about what, and the evidence.

    Parameters
    ----------
    g : a meeting graph, or a ``graph.row_graph.RowGraph`` reading the cache's rows on demand.
    name : the person (see `find_person`).

    Returns
    -------
    One dict per counterpart: ``id, name, title, country, count, first, last, topics,
    meetings``, sorted by count (most first), then name. ``title`` and ``country`` are the
    office the counterpart held at their latest meeting with `name`, not their latest office. Each meeting is brief, so that the
    answer stays fast for people with thousands of meetings: ``id, date, kind, place (city),
    sources (document ids), evidence``; `meeting_info` gives the full meeting.

    Raises
    ------
    UnknownPerson, AmbiguousName
        If `name` does not pick out one person.

    Examples
    --------
    >>> from graph.synthetic import sample_records
    >>> from graph.build import build_graph
    >>> rows = who_met(build_graph(sample_records()), "Blinken")
    >>> [(r["name"], r["count"], r["first"], r["last"]) for r in rows[:2]]
    [('Yoko Kamikawa', 3, '2024-01-12', '2024-07-28'), ('Annalena Baerbock', 1, '2024-04-18', '2024-04-18')]
    >>> rows[0]["meetings"][0]["sources"]
    ['mofa-2024-01-12', 'state-2024-01-12', 'news-2024-01-13']
    """
    pid = find_person(g, name)
    rows = []
    for other, data in _met_edges(g, pid):
        node = g.nodes[other]
        met = loads(data.get("meetings"))
        title, country = _office_at(g, other, met)
        rows.append({
            "id": other, "name": node.get("label", other), "title": title or node.get("title", ""),
            "country": country or node.get("country", ""), "count": int(data.get("count", 0)),
            "first": data.get("first", ""), "last": data.get("last", ""),
            "topics": loads(data.get("topics")),
            "meetings": [_meeting_brief(g, m) for m in loads(data.get("meetings"))],
        })
    rows.sort(key=lambda r: (-r["count"], fold(r["name"]), r["id"]))
    return rows


def _office_at(g: nx.MultiDiGraph, pid: str, meeting_ids: list[str]) -> tuple[str, str]:
    """The title and country `pid` held at the latest dated of these meetings (else any)."""
    for mid in sorted(meeting_ids, key=lambda m: g.nodes[m].get("date", "") if m in g else "", reverse=True):
        key = f"participated_in|{pid}|{mid}"
        if g.has_edge(pid, mid, key):
            edge = g.edges[pid, mid, key]
            if edge.get("title") or edge.get("country"):
                return edge.get("title", ""), edge.get("country", "")
    return "", ""


def meetings(
    g: nx.MultiDiGraph,
    *,
    between: tuple[str, str] | None = None,
    person: str | None = None,
    country: str | None = None,
    topic: str | None = None,
    kind: str | None = None,
    since: str | _dt.date | None = None,
    until: str | _dt.date | None = None,
) -> list[dict]:
    """Return the meetings that pass every filter given, oldest first (undated last).

    Parameters
    ----------
    g : a meeting graph.
    between : two people or countries (names, ids or codes) who both took part.
    person : a person who took part.
    country : a country (code or name) one of whose officials took part.
    topic : a topic label or part of one ("Taiwan" matches "Taiwan Strait").
    kind : ``in_person``, ``call`` or ``multilateral``.
    since, until : ISO dates (inclusive); undated meetings are left out when either is set.

    Returns
    -------
    Meetings as `meeting_info` gives them.

    Raises
    ------
    UnknownPerson, AmbiguousName, UnknownCountry, UnknownTopic
        If a name does not resolve.
    BadQuery
        If `kind` or a date is malformed.

    Examples
    --------
    >>> from graph.synthetic import sample_records
    >>> from graph.build import build_graph
    >>> g = build_graph(sample_records())
    >>> [m["date"] for m in meetings(g, between=("Kamikawa", "Blinken"), topic="Taiwan")]
    ['2024-01-12']
    >>> [m["kind"] for m in meetings(g, person="Wang Yi", since="2024-01-01")]
    ['call', 'in_person']
    """
    if kind is not None and kind not in KINDS:
        raise BadQuery(f"Unknown meeting kind {kind!r}. Use one of: {', '.join(KINDS)}.")
    lo, hi = _iso(since, "since"), _iso(until, "until")
    idx = _index(g)
    sets: list[set] = []
    if between is not None:
        if len(between) != 2:
            raise BadQuery(f"'between' takes two names, got {len(between)}: {list(between)!r}.")
        sets.extend(_party_meetings(g, idx, x) for x in between)
    if person is not None:
        sets.append(set(_person_meetings(g, find_person(g, person))))
    if country is not None:
        sets.append(set(idx.country_meetings.get(_country_code(g, country), ())))
    if topic is not None:
        sets.append(set().union(*(_in_neighbours(g, t, "about") for t in _topics(g, idx, topic))))
    if sets:
        chosen = set.intersection(*sets)
        ordered = sorted(chosen, key=lambda m: (g.nodes[m].get("date") or "9999", m))
    else:
        ordered = idx.meetings
        if lo or hi:
            dates = idx.meeting_dates
            start = bisect.bisect_left(dates, lo) if lo else 0
            end = bisect.bisect_right(dates, hi) if hi else bisect.bisect_left(dates, "9999")
            ordered = ordered[start:end]
    out = []
    for m in ordered:
        data = g.nodes[m]
        date = data.get("date", "")
        if (lo or hi) and not date:
            continue
        if (lo and date < lo) or (hi and date > hi) or (kind and data.get("kind") != kind):
            continue
        out.append(meeting_info(g, m))
    return out


def topics_between(g: nx.MultiDiGraph, a: str, b: str) -> list[dict]:
    """Return the topics of the meetings two people (or two countries) held together.

    Parameters
    ----------
    g : a meeting graph.
    a, b : people (names or ids) or countries (codes or names).

    Returns
    -------
    ``{"topic", "count", "first", "last", "meetings"}`` per topic, most frequent first.

    Examples
    --------
    >>> from graph.synthetic import sample_records
    >>> from graph.build import build_graph
    >>> [(t["topic"], t["count"]) for t in topics_between(build_graph(sample_records()), "JPN", "USA")]
    [('North Korea', 2), ('Ukraine', 2), ('Middle East', 1), ('Taiwan Strait', 1)]
    """
    rows: dict[str, dict] = {}
    for m in meetings(g, between=(a, b)):
        for label in m["topics"]:
            row = rows.setdefault(label, {"topic": label, "count": 0, "first": "", "last": "",
                                          "meetings": []})
            row["count"] += 1
            row["meetings"].append(m["id"])
            if m["date"]:
                row["first"] = min(row["first"] or m["date"], m["date"])
                row["last"] = max(row["last"], m["date"])
    return sorted(rows.values(), key=lambda r: (-r["count"], fold(r["topic"])))


def connection(g: nx.MultiDiGraph, a: str, b: str) -> list[dict]:
    """Return the shortest chain of meetings linking two people.

    Parameters
    ----------
    g : a meeting graph.
    a, b : the two people.

    Returns
    -------
    One dict per hop: ``from, from_name, to, to_name, meeting`` (the best-sourced, then most
    recent, meeting of that pair, as `meeting_info` gives it). Empty when `a` and `b` are the
    same person or no chain exists.

    Examples
    --------
    >>> from graph.synthetic import sample_records
    >>> from graph.build import build_graph
    >>> hops = connection(build_graph(sample_records()), "Kamikawa", "Lavrov")
    >>> [(h["from_name"], h["to_name"], h["meeting"]["date"]) for h in hops]
    [('Yoko Kamikawa', 'Antony Blinken', '2024-01-12'), ('Antony Blinken', 'Wang Yi', '2024-02-16'), ('Wang Yi', 'Sergey Lavrov', '2024-04-09')]
    """
    start, goal = find_person(g, a), find_person(g, b)
    if start == goal:
        return []
    adj = _index(g).met
    parent = {start: None}
    queue = deque([start])
    while queue and goal not in parent:
        node = queue.popleft()
        for nxt in sorted(adj.get(node, ())):
            if nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    if goal not in parent:
        return []
    chain = [goal]
    while parent[chain[-1]] is not None:
        chain.append(parent[chain[-1]])
    chain.reverse()
    hops = []
    for u, v in zip(chain, chain[1:]):
        data = _met_data(g, u, v)
        best = max(loads(data.get("meetings")),
                   key=lambda m: (g.nodes[m].get("n_sources", 0), g.nodes[m].get("date", ""), m))
        hops.append({"from": u, "from_name": g.nodes[u]["label"], "to": v,
                     "to_name": g.nodes[v]["label"], "meeting": meeting_info(g, best)})
    return hops


def counterpart_countries(g: nx.MultiDiGraph, code: str) -> list[dict]:
    """Return the countries whose officials met officials of `code`.

    Parameters
    ----------
    g : a meeting graph.
    code : a country code or name ("JPN", "Japan").

    Returns
    -------
    ``{"country", "name", "count", "first", "last"}`` per counterpart country (count is
    meetings), most meetings first, then code.

    Examples
    --------
    >>> from graph.synthetic import sample_records
    >>> from graph.build import build_graph
    >>> [(c["country"], c["count"]) for c in counterpart_countries(build_graph(sample_records()), "Japan")]
    [('USA', 3), ('DEU', 1), ('FRA', 1), ('GBR', 1)]
    """
    idx = _index(g)
    own = _country_code(g, code)
    rows: dict[str, dict] = {}
    for m in idx.country_meetings.get(own, ()):
        date = g.nodes[m].get("date", "")
        for other in {c for c in idx.meeting_countries.get(m, ()) if c != own}:
            row = rows.setdefault(other, {"country": other, "name": _label(g, f"country:{other}"),
                                          "count": 0, "first": "", "last": ""})
            row["count"] += 1
            if date:
                row["first"] = min(row["first"] or date, date)
                row["last"] = max(row["last"], date)
    return sorted(rows.values(), key=lambda r: (-r["count"], r["country"]))


def timeline(g: nx.MultiDiGraph, name: str) -> list[dict]:
    """Return a person's meetings, oldest first, each with the people they met there.

    Examples
    --------
    >>> from graph.synthetic import sample_records
    >>> from graph.build import build_graph
    >>> [(t["date"], t["counterparts"]) for t in timeline(build_graph(sample_records()), "Lavrov")]
    [('2024-04-09', ['Wang Yi'])]
    """
    pid = find_person(g, name)
    out = []
    for m in meetings(g, person=pid):
        m["counterparts"] = [p["name"] for p in m["participants"] if p["id"] != pid]
        out.append(m)
    return out


def most_connected(g: nx.MultiDiGraph, n: int = 10) -> list[dict]:
    """Return the `n` people with the most distinct counterparts.

    Returns
    -------
    ``{"id", "name", "title", "country", "counterparts", "meetings"}``, most counterparts
    first, then most meetings, then name.

    Examples
    --------
    >>> from graph.synthetic import sample_records
    >>> from graph.build import build_graph
    >>> [(p["name"], p["counterparts"], p["meetings"]) for p in most_connected(build_graph(sample_records()), 2)]
    [('Antony Blinken', 5, 4), ('Yoko Kamikawa', 4, 3)]
    """
    idx = _index(g)
    out = []
    for pid in idx.ranked[: max(0, n)]:
        node = g.nodes[pid]
        out.append({"id": pid, "name": node.get("label", pid), "title": node.get("title", ""),
                    "country": node.get("country", ""), "counterparts": len(idx.met.get(pid, ())),
                    "meetings": int(node.get("n_meetings", 0))})
    return out


def subgraph(g: nx.MultiDiGraph, node: str, radius: int = 1) -> nx.MultiDiGraph:
    """Return a copy of the part of `g` around `node`.

    People within `radius` meetings of the start (counting person-to-person steps through
    meetings), the meetings among them that involve a start person, those meetings' topics,
    places and documents, and the people's countries. A start that is not a person (a meeting,
    topic, country, place or document) starts from the people of its meetings.

    Parameters
    ----------
    g : a meeting graph.
    node : a node id, or a person's name.
    radius : how many person-to-person steps to take (0 keeps the start people only).

    Returns
    -------
    A new ``MultiDiGraph`` with all attributes of the kept nodes and edges.

    Raises
    ------
    UnknownNode
        If `node` is neither a node id nor a person's name.

    Examples
    --------
    >>> from graph.synthetic import sample_records
    >>> from graph.build import build_graph
    >>> sub = subgraph(build_graph(sample_records()), "Lavrov")
    >>> sorted(n for n, d in sub.nodes(data=True) if d["type"] == "person")
    ['person:sergey-lavrov', 'person:wang-yi']
    """
    start = _node(g, node)
    kind = g.nodes[start].get("type")
    idx = _index(g)
    if kind == "person":
        seeds = {start}
    elif kind == "meeting":
        seeds = set(loads(g.nodes[start].get("participants")))
    elif kind == "country":
        code = g.nodes[start].get("code", "")
        seeds = {p for m in idx.country_meetings.get(code, ()) for p in _participants(g, m)}
    else:
        seeds = {p for m in _meeting_neighbours(g, start) for p in _participants(g, m)}
    people = set(seeds)
    frontier = set(seeds)
    for _ in range(max(0, radius)):
        frontier = {q for p in frontier for q in idx.met.get(p, ())} - people
        people |= frontier
    keep = {start} | people
    for p in people:
        for m in _person_meetings(g, p):
            parts = _participants(g, m)
            if (p in seeds or radius == 0) and sum(1 for q in parts if q in people) >= (1 if len(parts) == 1 else 2):
                keep.add(m)
                keep.update(g.successors(m))
        country = g.nodes[p].get("country")
        if country and f"country:{country}" in g:
            keep.add(f"country:{country}")
    if kind == "meeting":
        keep.update(g.successors(start))
    return g.subgraph(keep).copy()


def meeting_info(g: nx.MultiDiGraph, mid: str) -> dict:
    """Return one meeting as plain data.

    Returns
    -------
    ``{"id", "date", "kind", "place", "participants": [{"id", "name", "title", "country"}],
    "topics": [labels], "sources": [{"doc_id", "title", "source", "published"}],
    "evidence": [{"doc_id", "start", "end", "text"}]}``.
    """
    data = g.nodes[mid]
    participants = []
    for pid in loads(data.get("participants")):
        edge = g.get_edge_data(pid, mid, f"participated_in|{pid}|{mid}") or {}
        node = g.nodes[pid] if pid in g else {}
        participants.append({"id": pid, "name": node.get("label", pid),
                             "title": edge.get("title") or node.get("title", ""),
                             "country": edge.get("country") or node.get("country", "")})
    participants.sort(key=lambda p: (fold(p["name"]), p["id"]))
    sources = []
    for doc_id in loads(data.get("sources")):
        doc = g.nodes.get(f"document:{doc_id}", {})
        sources.append({"doc_id": doc_id, "title": doc.get("title", ""),
                        "source": doc.get("source", ""), "published": doc.get("published", "")})
    place = ""
    for _, v, k in g.out_edges(mid, keys=True):
        if k.startswith("held_in|"):
            place = g.nodes[v].get("label", v)
    return {
        "id": mid, "date": data.get("date", ""), "kind": data.get("kind", ""), "place": place,
        "participants": participants,
        "topics": sorted((_label(g, t) for t in loads(data.get("topics"))), key=fold),
        "sources": sources, "evidence": loads(data.get("evidence")),
    }


def _meeting_brief(g: nx.MultiDiGraph, mid: str) -> dict:
    """A meeting as who_met lists it: id, date, kind, place, sources, evidence."""
    data = g.nodes[mid]
    return {"id": mid, "date": data.get("date", ""), "kind": data.get("kind", ""),
            "place": data.get("city", ""), "sources": loads(data.get("sources")),
            "evidence": loads(data.get("evidence"))}


def invalidate(g: nx.MultiDiGraph) -> None:
    """Forget the lookup index of `g` (call after changing the graph in place)."""
    _INDEXES.pop(g, None)


class _Index:
    """Lookups computed once per graph: names, meetings by date, adjacency, countries."""

    def __init__(self, g: nx.MultiDiGraph, parse=parse_name):
        self.g = g
        self.size = len(g)
        self.spellings: dict[str, list] = {}
        self.by_family: dict[str, list] = defaultdict(list)
        self.by_tokens: dict[frozenset, list] = defaultdict(list)
        self.by_first: dict[str, list] = defaultdict(list)
        self.labels: dict[str, str] = {}
        #: person -> (minus their number of meetings, their folded label): how `ranked` orders them after
        #: the number of people they met, kept so that a patch reads only the people it changes
        self.rank_keys: dict[str, tuple] = {}
        self.met: dict[str, set] = defaultdict(set)
        self.country_meetings: dict[str, set] = defaultdict(set)
        #: meeting -> the countries of its participants, a tuple (a set per meeting costs four times
        #: the memory: 27 MiB of a 60 MiB index at 100,000 meetings)
        self.meeting_countries: dict[str, tuple] = {}
        dated, undated = [], []
        for n, data in g.nodes(data=True):
            kind = data.get("type")
            if kind == "person":
                self._add_person(n, data, parse)
            elif kind == "meeting":
                (dated if data.get("date") else undated).append((data.get("date", ""), n))
        dated.sort()
        self.meetings = [m for _, m in dated] + sorted(m for _, m in undated)
        self.meeting_dates = [d for d, _ in dated]
        for u, v, data in g.edges(data=True):
            kind = data.get("type")
            if kind == "met":
                self.met[u].add(v)
                self.met[v].add(u)
            elif kind == "participated_in" and data.get("country"):
                code = data["country"]
                self.country_meetings[code].add(v)
                known = self.meeting_countries.get(v, ())
                if code not in known:
                    self.meeting_countries[v] = known + (code,)
        self._rank()

    def patch(self, g: nx.MultiDiGraph, changed: Iterable[str], parse=parse_name) -> None:
        """Make this index, built for an earlier state of `g`, the one `_Index(g)` builds now.

        `changed` holds every node added, removed, or whose attributes or out-edges changed
        since (what ``graph.incremental`` notes for its cache). Only those nodes, and the
        meetings and people they link, are looked at again; `ranked` is sorted again (one
        entry per person). Lists that `_Index` fills in node order may hold their people in
        another order (every query reads them as sets).
        """
        self.g, changed = g, set(changed)
        people = [n for n in changed if n.startswith("person:")]
        gone_meetings = [n for n in changed if n.startswith("meeting:")]
        had = {}  # changed person -> the people they had met (only the difference is applied to the others)
        for pid in people:
            forms = self.spellings.pop(pid, None)
            self.labels.pop(pid, None)
            self.rank_keys.pop(pid, None)
            for parts in forms or ():
                for table, key in ((self.by_family, parts.family), (self.by_tokens, parts.tokens)):
                    _drop(table, key, pid)
                if len(parts.given) == 1:
                    _drop(self.by_first, parts.given[0], pid)
            had[pid] = self.met.pop(pid, set())
        for mid in gone_meetings:
            for code in self.meeting_countries.pop(mid, ()):
                found = self.country_meetings.get(code)
                if found is not None:
                    found.discard(mid)
                    if not found:
                        del self.country_meetings[code]
        present = [pid for pid in people if pid in g and g._node[pid].get("type") == "person"]
        for pid in present:
            self._add_person(pid, g._node[pid], parse)
        persons = self.spellings.keys()  # every person of `g` now
        succ = g._succ
        now = {}  # present changed person -> the people they met
        for pid in present:
            # the people with an edge from or into them: an edge between two people is a met edge (the only
            # kind the builder makes), so neither its data nor, for the edges into them, the rows of the
            # thousands of documents naming a busy person (graph.lazy_graph) are read; their meetings,
            # documents and countries are passed over in C
            met = succ[pid].keys() & persons
            preds = g.stored_preds(pid) if hasattr(g, "stored_preds") else g.predecessors(pid)  # in no order
            met |= persons & set(preds)
            now[pid] = met
        for pid in people:  # met is symmetric: a changed person's set is theirs now, the others' gain or lose them
            before, after = had[pid], now.get(pid, set())
            if after:
                self.met[pid] = set(after)
            for other in before - after:
                if other not in changed:
                    self.met[other].discard(pid)
            for other in after - before:
                if other not in changed:
                    self.met[other].add(pid)
        for key in [k for k, v in self.met.items() if not v]:
            del self.met[key]
        for mid in gone_meetings:
            if mid in g and g._node[mid].get("type") == "meeting":
                # its participants, in no particular order (the tuple is read as a set): a graph read by rows
                # (graph.lazy_graph) builds no in-edges of it, nor sorts its predecessors into node order
                preds = g.stored_preds(mid) if hasattr(g, "stored_preds") else g._pred[mid]
                for u in preds:
                    for d in succ[u][mid].values():
                        if d.get("type") == "participated_in" and d.get("country"):
                            code = d["country"]
                            self.country_meetings[code].add(mid)
                            known = self.meeting_countries.get(mid, ())
                            if code not in known:
                                self.meeting_countries[mid] = known + (code,)
        stale = set(gone_meetings)
        dated = [(d, m) for d, m in zip(self.meeting_dates, self.meetings) if m not in stale]
        undated = [m for m in self.meetings[len(self.meeting_dates):] if m not in stale]
        for mid in gone_meetings:
            if mid in g and g._node[mid].get("type") == "meeting":
                date = g._node[mid].get("date", "")
                if date:
                    bisect.insort(dated, (date, mid))
                else:
                    bisect.insort(undated, mid)
        self.meetings = [m for _, m in dated] + undated
        self.meeting_dates = [d for d, _ in dated]
        self.size = len(g)
        self._rank()

    def _rank(self) -> None:
        """Order the people as ``diplograph query top`` lists them: most people met, most meetings, name."""
        met, keys = self.met, self.rank_keys
        self.ranked = sorted(self.spellings, key=lambda p: (-len(met.get(p, ())), *keys[p], p))

    def _add_person(self, pid: str, data: dict, parse=parse_name) -> None:
        """Index one person under every spelling it was seen with."""
        forms = []
        for spelling in [data.get("label", "")] + list(loads(data.get("aliases"))):
            parts = parse(spelling)
            if parts is not None and parts not in forms:
                forms.append(parts)
        self.spellings[pid] = forms
        self.labels[pid] = data.get("label", pid)
        self.rank_keys[pid] = (-int(data.get("n_meetings", 0)), fold(data.get("label", pid)))
        for parts in forms:
            for table, key in ((self.by_family, parts.family), (self.by_tokens, parts.tokens)):
                if pid not in table[key]:
                    table[key].append(pid)
            if len(parts.given) == 1 and pid not in self.by_first[parts.given[0]]:
                self.by_first[parts.given[0]].append(pid)

    def describe(self, pid: str) -> str:
        """A person as an error message shows them: 'Name' (COUNTRY)."""
        country = self.g.nodes[pid].get("country") or "?"
        return f"{self.labels[pid]!r} ({country})"

    def closest(self, name: str) -> list[str]:
        """The person ids whose labels are nearest to `name`."""
        if not self.labels:
            return []
        # only names about as close as the best one: no list of unrelated names for a miss
        return _closest(name, self.labels, limit=CLOSEST, cutoff=60, spread=15)


def _drop(table: dict, key, pid: str) -> None:
    """Take `pid` out of the list `table[key]`, and the key out when its list is empty."""
    found = table.get(key)
    if found is not None and pid in found:
        found.remove(pid)
        if not found:
            del table[key]


def _index(g: nx.MultiDiGraph) -> _Index:
    """The cached index of `g`, rebuilt when its node count changed."""
    idx = _INDEXES.get(g)
    if idx is None or idx.size != len(g):
        idx = _INDEXES[g] = _Index(g)
    return idx


def _met_edges(g: nx.MultiDiGraph, pid: str) -> Iterable[tuple[str, dict]]:
    """(counterpart, met-edge data) for every person `pid` met."""
    rows = getattr(g, "met_edges", None)
    if rows is not None:  # a graph read row by row from the cache (graph.row_graph): no in-edges to walk
        yield from rows(pid)
        return
    for _, v, data in g.out_edges(pid, data=True):
        if data.get("type") == "met":
            yield v, data
    for u, _, data in g.in_edges(pid, data=True):
        if data.get("type") == "met":
            yield u, data


def _met_data(g: nx.MultiDiGraph, a: str, b: str) -> dict:
    """The data of the met edge between two people, in whichever direction it runs."""
    u, v = sorted((a, b))
    return g.get_edge_data(u, v, f"met|{u}|{v}") or {}


def _person_meetings(g: nx.MultiDiGraph, pid: str) -> list[str]:
    """The meetings a person took part in."""
    return [v for _, v, d in g.out_edges(pid, data=True) if d.get("type") == "participated_in"]


def _participants(g: nx.MultiDiGraph, mid: str) -> list[str]:
    """The participants of a meeting."""
    return loads(g.nodes[mid].get("participants"))


def _in_neighbours(g: nx.MultiDiGraph, node: str, kind: str) -> set[str]:
    """Sources of the edges of type `kind` that end at `node`."""
    return {u for u, _, d in g.in_edges(node, data=True) if d.get("type") == kind}


def _meeting_neighbours(g: nx.MultiDiGraph, node: str) -> set[str]:
    """Meetings directly linked to `node`, in either direction."""
    around = set(g.predecessors(node)) | set(g.successors(node))
    return {m for m in around if g.nodes[m].get("type") == "meeting"}


def _party_meetings(g: nx.MultiDiGraph, idx: _Index, value: str) -> set[str]:
    """Meetings of a person, or of a country's officials, named by `value`."""
    if value.isupper() and f"country:{value}" in g:
        return set(idx.country_meetings.get(value, ()))
    try:
        return set(_person_meetings(g, find_person(g, value)))
    except UnknownPerson:
        code, _ = normalize_country(value)
        if code and f"country:{code}" in g:
            return set(idx.country_meetings.get(code, ()))
        raise


def _country_code(g: nx.MultiDiGraph, value: str) -> str:
    """The code of a country in the graph, from a code, name or node id."""
    text = value.split(":", 1)[1] if value.startswith("country:") else value
    code, _ = normalize_country(text)
    if code and f"country:{code}" in g:
        return code
    known = {d.get("code", ""): d.get("label", "") for _, d in g.nodes(data=True)
             if d.get("type") == "country"}
    found = _closest(text, {c: f"{c} {l}" for c, l in known.items()}, limit=CLOSEST, cutoff=0, spread=None)
    listed = ", ".join(f"{k!r} ({known[k]})" for k in found)
    raise UnknownCountry(
        f"No country {value!r} in the graph. Use an ISO 3166-1 alpha-3 code"
        + (f"; closest: {listed}." if listed else "."),
        name=value, closest=found,
    )


def _topics(g: nx.MultiDiGraph, idx: _Index, value: str) -> list[str]:
    """Topic ids whose label is or contains `value` ("Taiwan": Taiwan, Taiwan Strait, the Taiwan question),
    or the topic id itself."""
    if value in g and g.nodes[value].get("type") == "topic":
        return [value]
    exact = f"topic:{slugify(value)}"
    topics = {n: d.get("label", n) for n, d in g.nodes(data=True) if d.get("type") == "topic"}
    needle = fold(value).strip()
    found = sorted(set(t for t, label in topics.items() if needle and needle in fold(label))
                   | ({exact} if exact in g else set()))
    if found:
        return found
    close = [topics[t] for t in _closest(value, topics, limit=CLOSEST, cutoff=0, spread=None)]
    listed = ", ".join(repr(label) for label in close)
    raise UnknownTopic(
        f"No topic {value!r} in the graph." + (f" Closest topics: {listed}." if listed else ""),
        name=value, closest=close,
    )


def _node(g: nx.MultiDiGraph, value: str) -> str:
    """A node id from an id or a person's name."""
    if value in g:
        return value
    _check_name(value)
    try:
        return find_person(g, value)
    except UnknownPerson as err:
        raise UnknownNode(
            f"No node {value!r} in the graph (neither a node id nor a person's name). "
            f"Closest people: {', '.join(repr(c) for c in err.closest) or 'none'}.",
            name=value, closest=err.closest,
        ) from err


def partial_date(text: str, name: str = "date") -> str:
    """Return `text` when it is a real date written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Raises
    ------
    BadQuery
        If it is not one (``2024-99``, ``2024-02-30``); the message names the option.

    Examples
    --------
    >>> partial_date("2024-02", "since")
    '2024-02'
    >>> partial_date("2024-99", "since")
    Traceback (most recent call last):
    ...
    graph.errors.BadQuery: since='2024-99' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD, such as 2024-01-31.
    """
    parts = str(text).split("-")
    try:
        if not (1 <= len(parts) <= 3 and len(parts[0]) == 4 and all(len(p) == 2 for p in parts[1:])):
            raise ValueError(text)
        _dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError as err:
        raise BadQuery(f"{name}={text!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD, such as 2024-01-31.") from err
    return str(text)


def _check_name(name: object) -> None:
    """Refuse a name that cannot be anyone's: empty, or far too long to be a name."""
    if not isinstance(name, str) or not name.strip():
        raise UnknownPerson("The name is empty: give a person's name, such as 'Blinken' or 'Antony Blinken'. "
                            "Run 'diplograph query top' to list the most connected people.", name=str(name or ""))
    if len(name) > MAX_NAME:
        raise UnknownPerson(f"No person named {name[:40]!r}... in the graph: {len(name):,} characters is far "
                            f"longer than a name (at most {MAX_NAME}). Run 'diplograph query top' to list the "
                            "most connected people.", name=name[:MAX_NAME])


def loads(value: str | None) -> object:
    """Decode a JSON-encoded attribute; "" or None gives an empty list (``graph.build`` re-exports it;
    it lives here so that queries need neither the builder nor networkx).

    Examples
    --------
    >>> loads('["a"]'), loads("")
    (['a'], [])
    """
    if not value:
        return []
    return json.loads(value)


def _label(g: nx.MultiDiGraph, node: str) -> str:
    """The label of a node, or its id."""
    return g.nodes[node].get("label", node) if node in g else node


def _iso(value: str | _dt.date | None, name: str) -> str:
    """An ISO date string from a date or string; "" for None.

    A year or a month stands for its first day as `since` and its last day as `until`.

    Examples
    --------
    >>> _iso("2023", "since"), _iso("2023", "until"), _iso("2024-02", "until"), _iso("2024-02", "since")
    ('2023-01-01', '2023-12-31', '2024-02-29', '2024-02-01')
    """
    if value is None or value == "":
        return ""
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        if len(text) == 4 and text.isdigit():
            return f"{text}-12-31" if name == "until" else f"{text}-01-01"
        if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
            first = _dt.date(int(text[:4]), int(text[5:]), 1)
            if name != "until":
                return first.isoformat()
            following = first.replace(year=first.year + first.month // 12, month=first.month % 12 + 1)
            return (following - _dt.timedelta(days=1)).isoformat()
        return _dt.date.fromisoformat(text).isoformat()
    except ValueError as err:
        raise BadQuery(f"{name}={value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD, such as 2024, "
                       "2024-01 or 2024-01-31.") from err


def lookup_index(g: nx.MultiDiGraph, *, adopt: object = None, parse=None) -> object:
    """The lookup index the queries build for `g` (names, meetings by date, adjacency).

    A cache of the graph (``graph.incremental``) stores it with the graph, so a query
    does not parse every name again; `adopt` installs such a stored index for `g` when it
    was made for this very graph. `parse` replaces ``parse_name`` while a new index is
    built (the cache passes one that remembers names across builds).

    Examples
    --------
    >>> from graph.synthetic import sample_records
    >>> from graph.build import build_graph
    >>> g = build_graph(sample_records())
    >>> lookup_index(g) is lookup_index(g)
    True
    """
    if isinstance(adopt, _Index) and adopt.g is g and adopt.size == len(g):
        _INDEXES[g] = adopt
    if parse is not None and _INDEXES.get(g) is None:
        _INDEXES[g] = _Index(g, parse)
    return _index(g)
