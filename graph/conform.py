"""Make a graph read from a file fit the attribute types the queries expect, and say whose it is.

A GraphML file may come from another tool, or from diplograph and then edited in Gephi or
yEd: a ``date`` saved as a number, a ``count`` saved as text. ``conform`` turns every
attribute diplograph knows (see ``graph.build.ATTRIBUTE_TYPES``) back to its one type, so
no query fails on a comparison of a number with a string, and ``provenance`` says when a
file was not written by diplograph at all (the queries then find nothing in it). It does
not repair anything else: unknown attributes are left as they are.
"""

from __future__ import annotations

import networkx as nx

from graph.build import ATTRIBUTE_TYPES, NODE_TYPES, SCHEMA

__all__ = ["conform", "provenance"]


def conform(g: nx.MultiDiGraph) -> list[str]:
    """Convert, in place, the known attributes of `g` whose type is not diplograph's; return notes.

    Text becomes a number where the key is numeric (``count``, ``n_meetings``): a value that
    is not a whole number is dropped. Numbers become text where the key is textual
    (``date`` 20240112 -> "20240112"; a number is not a date the queries can compare).

    Parameters
    ----------
    g : a graph read from a file (changed in place).

    Returns
    -------
    One note per attribute key that needed converting, with the count, sorted.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("m", type="meeting", date=20240112)
    >>> g.add_edge("a", "b", type="met", count="many")
    0
    >>> conform(g)
    ["'count': 1 value(s) that are not whole numbers dropped", "'date': 1 number(s) read as text"]
    >>> g.nodes["m"]["date"], "count" in g.edges["a", "b", 0]
    ('20240112', False)
    """
    converted: dict[str, int] = {}
    dropped: dict[str, int] = {}
    for data in _attribute_dicts(g):
        for key, value in list(data.items()):
            want = ATTRIBUTE_TYPES.get(key)
            if want is None or type(value) is want:
                continue
            if want is str:
                data[key] = str(value)
                converted[key] = converted.get(key, 0) + 1
            elif want is int:
                number = _whole(value)
                if number is None:
                    del data[key]
                    dropped[key] = dropped.get(key, 0) + 1
                else:
                    data[key] = number
    notes = [f"{k!r}: {n} number(s) read as text" for k, n in converted.items()]
    notes += [f"{k!r}: {n} value(s) that are not whole numbers dropped" for k, n in dropped.items()]
    return sorted(notes)


def provenance(g: nx.MultiDiGraph) -> str | None:
    """None for a graph diplograph wrote; else a sentence saying it is another tool's.

    A graph is diplograph's when it carries the schema stamp (``graph["schema"]``) or, for
    files saved again by another tool, when its nodes have diplograph's node types.

    Examples
    --------
    >>> provenance(nx.MultiDiGraph(schema=SCHEMA)) is None
    True
    >>> print(provenance(nx.MultiDiGraph([("a", "b")])))
    it was not written by diplograph (no 'diplograph.graph.v1' stamp, no person or meeting nodes): the queries find nothing in it
    """
    if g.graph.get("schema") == SCHEMA:
        return None
    if any(t in NODE_TYPES for _, t in g.nodes(data="type")):
        return None
    return (f"it was not written by diplograph (no {SCHEMA!r} stamp, no person or meeting nodes): "
            "the queries find nothing in it")


def _attribute_dicts(g: nx.MultiDiGraph):
    """Every node and edge attribute dict of `g`."""
    for _, data in g.nodes(data=True):
        yield data
    for *_, data in g.edges(data=True):
        yield data


def _whole(value: object) -> int | None:
    """`value` as an int when it is a whole number (3, 3.0, "3"), else None."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return int(number) if number.is_integer() else None
