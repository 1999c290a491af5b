"""The stored query index brought up to date with the nodes an update changed, not built again.

``graph.state_file`` stores the lookup index of ``graph.query`` (names, counterparts, meetings
by date and by country) with the graph. A save after an update used to build it again from
every node and edge; `update_index` instead takes the stored index and the nodes whose row
(attributes or out-edges) the update changed or removed, with those rows as they were, and
gives what ``graph.query.lookup_index`` would build on the updated graph: the same entries
for every name, counterpart, country and meeting (lists the queries read as sets may hold
their entries in another order), and the same people and meetings in the same order.

What it does not do: decide which nodes changed (``graph.incremental`` notes them) or store
the index (``graph.state_file``).
"""

from __future__ import annotations

from typing import Callable, Iterable, Mapping

__all__ = ["update_index"]


def update_index(index, g, changed: Iterable[str], before: Mapping[str, tuple], parse: Callable) -> object:
    """Bring `index` (a ``graph.query`` lookup index of the graph before an update) up to date with `g`.

    Parameters
    ----------
    index : the stored index; it is changed in place and returned.
    g : the updated graph (a networkx MultiDiGraph).
    changed : the nodes whose attributes or out-edges the update changed, and the nodes it
        removed (``GraphState.pending["nodes"]``): every changed edge leaves one of them.
    before : node -> (attributes, out-edges) as stored before the update, for the changed
        nodes that were stored (the cache's rows).
    parse : ``graph.identity.parse_name`` or a function that remembers its answers.

    Returns
    -------
    The index, equal to ``graph.query.lookup_index(g)`` built afresh (see the module).

    Examples
    --------
    >>> from graph.build import build_graph
    >>> from graph.identity import parse_name
    >>> from graph.query import _Index
    >>> from graph.synthetic import sample_records
    >>> old = build_graph(sample_records()[:-1], warnings=[])
    >>> new = build_graph(sample_records(), warnings=[])
    >>> changed = {n for n in set(old) | set(new) if n not in new or n not in old
    ...            or old.nodes[n] != new.nodes[n] or dict(old.adj[n]) != dict(new.adj[n])}
    >>> before = {n: (old.nodes[n], old.adj[n]) for n in changed if n in old}
    >>> patched = update_index(_Index(old), new, changed, before, parse_name)
    >>> sorted(patched.labels) == sorted(_Index(new).labels), patched.ranked == _Index(new).ranked
    (True, True)
    """
    changed = set(changed)
    nodes = g._node
    _drop_people(index, changed)
    _update_met(index, g, changed)
    _update_countries(index, g, changed, before)
    _update_meetings(index, g, changed, before)
    for n in changed:
        data = nodes.get(n)
        if data is not None and data.get("type") == "person":
            index._add_person(n, data, parse)
    # people in the order of the graph's nodes, as a fresh index lists them
    people = [n for n, data in nodes.items() if data.get("type") == "person"]
    index.spellings = {p: index.spellings[p] for p in people}
    index.labels = {p: index.labels[p] for p in people}
    index.ranked = sorted(
        index.spellings,
        key=lambda p: (-len(index.met.get(p, ())), -int(nodes[p].get("n_meetings", 0)),
                       _fold(nodes[p].get("label", p)), p),
    )
    index.size = len(g)
    index.g = g
    return index


def _drop_people(index, changed: set) -> None:
    """Take the changed people out of the name tables (those still in the graph are added again)."""
    for pid in changed:
        forms = index.spellings.pop(pid, None)
        if forms is None:
            continue
        index.labels.pop(pid, None)
        for parts in forms:
            for table, key in ((index.by_family, parts.family), (index.by_tokens, parts.tokens),
                               (index.by_first, parts.given[0] if len(parts.given) == 1 else None)):
                found = table.get(key)
                if found is not None and pid in found:
                    found.remove(pid)
                    if not found:
                        del table[key]


def _update_met(index, g, changed: set) -> None:
    """Counterparts: forget every met edge of a changed node, then add those it has now (both ways)."""
    met = index.met
    for u in changed:
        for w in met.pop(u, ()):
            others = met.get(w)
            if others is not None:
                others.discard(u)
                if not others:
                    del met[w]
    succ, pred = g._succ, g._pred
    for u in changed:
        if u not in succ:
            continue
        for nbrs in (succ[u], pred[u]):
            for w, keys in nbrs.items():
                if any(d.get("type") == "met" for d in keys.values()):
                    met[u].add(w)
                    met[w].add(u)


def _update_countries(index, g, changed: set, before: Mapping[str, tuple]) -> None:
    """Meetings by country: recount the meetings a changed participation edge leads to, or leaves."""
    meetings = set()
    for n in changed:
        if n in index.meeting_countries:
            meetings.add(n)
        old = before.get(n)
        if old is not None:
            meetings.update(v for v, keys in old[1].items()
                            if any(d.get("type") == "participated_in" for d in keys.values()))
        if n in g._succ:
            meetings.update(v for v, keys in g._succ[n].items()
                            if any(d.get("type") == "participated_in" for d in keys.values()))
            if g._node[n].get("type") == "meeting":
                meetings.add(n)
    pred = g._pred
    for m in meetings:
        for code in index.meeting_countries.pop(m, ()):
            found = index.country_meetings.get(code)
            if found is not None:
                found.discard(m)
                if not found:
                    del index.country_meetings[code]
        if m not in pred:
            continue
        codes: tuple = ()
        for keys in pred[m].values():
            for d in keys.values():
                code = d.get("country") if d.get("type") == "participated_in" else None
                if code:
                    index.country_meetings[code].add(m)
                    if code not in codes:
                        codes += (code,)
        if codes:
            index.meeting_countries[m] = codes


def _update_meetings(index, g, changed: set, before: Mapping[str, tuple]) -> None:
    """Meetings by date: take out the changed meetings, put back those still in the graph."""
    dated_count = len(index.meeting_dates)
    gone = {n for n in changed if n not in g or (before.get(n) or ({},))[0].get("type") == "meeting"
            or g._node[n].get("type") == "meeting"}
    dated = [(d, m) for d, m in zip(index.meeting_dates, index.meetings[:dated_count]) if m not in gone]
    undated = [m for m in index.meetings[dated_count:] if m not in gone]
    for n in gone:
        data = g._node.get(n)
        if data is not None and data.get("type") == "meeting":
            if data.get("date"):
                dated.append((data["date"], n))
            else:
                undated.append(n)
    dated.sort()
    undated.sort()
    index.meetings = [m for _, m in dated] + undated
    index.meeting_dates = [d for d, _ in dated]


def _fold(text: str) -> str:
    """``graph.identity.fold`` (imported when first needed)."""
    from graph.identity import fold

    return fold(text)
