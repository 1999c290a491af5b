"""What the query commands answered from the cache's rows need beyond ``graph.query``.

``diplograph query person`` and ``countries`` run the same query functions on a
``graph.row_graph.RowGraph`` (rows read on demand) as on the whole networkx graph, and give
the same answers. A few answers need every node, such as the closest country codes an
unknown code is told about: there `NeedsWholeGraph` asks the caller to load the whole graph
and ask again. Not here: the queries themselves (``graph.query``, ``graph.person``).
"""

from __future__ import annotations

from graph.errors import GraphError
from graph.identity import normalize_country

__all__ = ["NeedsWholeGraph", "country_code"]


class NeedsWholeGraph(GraphError):
    """The answer needs every node of the graph, which a graph read row by row does not offer.

    Callers that read rows on demand catch it and ask the whole graph instead; it never
    reaches a user.
    """


def country_code(g, value: str) -> str:
    """The code of country `value` (a code, name or ``country:`` node id) when `g` holds it.

    Parameters
    ----------
    g : a meeting graph: networkx, or a ``RowGraph``.
    value : what the user typed ("JPN", "Japan").

    Returns
    -------
    The ISO 3166-1 alpha-3 code (or the short name of a body such as ``NATO``).

    Raises
    ------
    NeedsWholeGraph
        If `value` names no country node of `g` directly: the error for it lists the closest
        countries of the whole graph (``graph.query.counterpart_countries`` raises it).

    Examples
    --------
    >>> from graph.synthetic import sample_records
    >>> from graph.build import build_graph
    >>> country_code(build_graph(sample_records()), "Japan")
    'JPN'
    """
    text = value.split(":", 1)[1] if value.startswith("country:") else value
    code, _ = normalize_country(text)
    if code and f"country:{code}" in g:
        return code
    raise NeedsWholeGraph(f"No country node for {value!r} among the rows read; the whole graph lists the closest")
