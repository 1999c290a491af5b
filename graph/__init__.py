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

from graph.build import build_graph
from graph.errors import AmbiguousName, GraphError, UnknownPerson
from graph.export import read_graphml, write_graphml
from graph.model import MeetingGraph

__all__ = [
    "MeetingGraph",
    "build_graph",
    "read_graphml",
    "write_graphml",
    "GraphError",
    "UnknownPerson",
    "AmbiguousName",
]
