"""The meeting graph: build, identity, queries and exports (knows nothing of spaCy).

Records from ``extract`` go in; a networkx ``MultiDiGraph`` of people, countries,
organisations, topics, meetings, places and documents comes out, wrapped by `MeetingGraph`.

Examples
--------
>>> from graph import MeetingGraph
>>> from graph.synthetic import sample_records
>>> MeetingGraph.from_records(sample_records()).who_met("Blinken")[0]["name"]
'Yoko Kamikawa'
"""

__all__ = [
    "MeetingGraph",
    "build_graph",
    "read_graphml",
    "write_graphml",
    "GraphError",
    "UnknownPerson",
    "AmbiguousName",
]

#: Where each public name lives. They are imported on first use (PEP 562), so that a
#: submodule such as ``graph.query`` can be imported without networkx and the builder: a
#: ``diplograph query`` answered from the cache starts faster.
_HOMES = {
    "MeetingGraph": "graph.model",
    "build_graph": "graph.build",
    "read_graphml": "graph.export",
    "write_graphml": "graph.export",
    "GraphError": "graph.errors",
    "UnknownPerson": "graph.errors",
    "AmbiguousName": "graph.errors",
}


def __getattr__(name: str):
    """Import a public name from its module on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, the lazily imported ones included."""
    return sorted(set(globals()) | set(__all__))
