"""One person's identity card: node id, names, offices over time, and why its names were joined.

``person_info`` reads what the builder stored on a person node (``aliases``, ``offices``,
``identity``) and on its participation edges, so it works on a built graph and on one read
back from GraphML alike. It does not decide identity (``graph.identity`` does) nor change it
(a corrections file does, at build time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph.query import find_person, loads

if TYPE_CHECKING:  # networkx is not imported to answer from the cache's rows (graph.row_graph)
    import networkx as nx

__all__ = ["person_info"]


def person_info(g: nx.MultiDiGraph, name: str) -> dict:
    """Describe one person: id, name, country, current title, aliases, offices, and merges.

    Parameters
    ----------
    g : a meeting graph.
    name : any name or alias the graph knows for the person (see `graph.query.find_person`).

    Returns
    -------
    ``{"id", "name", "country", "title", "first", "last", "meetings", "aliases",
    "offices": [{"title", "country", "first", "last"}], "identity": [{"names", "country",
    "years", "mentions", "reason"}]}``; offices are in date order, taken from the office
    the person held at each meeting.

    Raises
    ------
    UnknownPerson, AmbiguousName
        If `name` does not pick out one person.

    Examples
    --------
    >>> from graph.synthetic import sample_records
    >>> from graph.build import build_graph
    >>> info = person_info(build_graph(sample_records()), "Blinken")
    >>> info["id"], info["offices"][0]["title"]
    ('person:antony-blinken', 'Secretary of State')
    """
    pid = find_person(g, name)
    node = g.nodes[pid]
    return {
        "id": pid, "name": node.get("label", pid), "country": node.get("country", ""),
        "title": node.get("title", ""), "first": node.get("first", ""), "last": node.get("last", ""),
        "meetings": int(node.get("n_meetings", 0) or 0),
        "aliases": list(loads(node.get("aliases"))),
        "offices": list(loads(node.get("offices"))),
        "identity": list(loads(node.get("identity"))),
    }
