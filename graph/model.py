"""`MeetingGraph`: the meeting graph with its queries, views and exports in one object.

A thin object over the networkx graph (``.nx``): constructors from records, from report paths
(through the extractor, imported only when used) and from a saved GraphML file, and methods
that call the plain functions of ``graph.query``, ``graph.export`` and ``graph.views``. It
holds no logic of its own beyond keeping the extraction failures of `from_paths` and the
build warnings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping

import networkx as nx

from graph import query as _q
from graph.build import build_graph
from graph.corrections import read_corrections
from graph.export import export as _export
from graph.export import read_graphml, write_graphml
from graph.conform import conform, provenance
from graph.safetext import mend_surrogates

__all__ = ["MeetingGraph"]


class MeetingGraph:
    """A knowledge graph of who met whom, when, where, in what format and about what.

    Parameters
    ----------
    g : a graph built by `graph.build.build_graph` or read by `graph.export.read_graphml`.
    warnings : build warnings (repaired or skipped items).
    failures : documents the extractor could not read (`from_paths` only).

    Examples
    --------
    >>> from graph.synthetic import sample_records
    >>> mg = MeetingGraph.from_records(sample_records())
    >>> [r["name"] for r in mg.who_met("Kamikawa")][:2]
    ['Antony Blinken', 'Annalena Baerbock']
    >>> mg
    MeetingGraph(7 people, 5 meetings, 7 documents)
    """

    def __init__(self, g: nx.MultiDiGraph, *, warnings: list[str] | None = None,
                 failures: list | None = None):
        self._g = g
        self.warnings = list(warnings or [])
        self.failures = list(failures or [])
        self.foreign: str | None = None

    @classmethod
    def from_records(cls, records: Iterable[dict], *,
                     aliases: Mapping[str, str] | None = None,
                     corrections: str | Path | Iterable[tuple[str, str, str]] = ()) -> "MeetingGraph":
        """Build from extraction records; repaired or skipped items are in ``.warnings``.

        Parameters
        ----------
        records : records in the shape of extract/resources/record.schema.json.
        aliases : optional alias -> canonical name table for people.
        corrections : a CSV file of same/different pairs (see ``graph.corrections``), or
            the ``(name_a, name_b, relation)`` triples themselves.
        """
        notes: list[str] = []
        records = (mend_surrogates(r) for r in records)  # a lone surrogate could not be written to any file
        return cls(build_graph(records, warnings=notes, aliases=aliases,
                               corrections=_corrections(corrections)), warnings=notes)

    @classmethod
    def from_paths(cls, paths: Iterable[str | Path], *, model: str | None = None,
                   aliases: Mapping[str, str] | None = None,
                   corrections: str | Path | Iterable[tuple[str, str, str]] = ()) -> "MeetingGraph":
        """Extract every report under `paths` and build the graph.

        Documents the extractor could not read are listed in ``.failures``; the rest go on.

        Parameters
        ----------
        paths : files or folders of reports (.txt, .html, .json, .jsonl).
        model : the spaCy model to extract with (the extractor's default when None).
        aliases : optional alias -> canonical name table for people (default: the actor
            dictionary's).
        corrections : as for `from_records`.
        """
        from extract import extract_paths  # graph knows nothing of spaCy until asked
        from extract.actors import ActorDictionary

        run = extract_paths([str(p) for p in paths], model=model)
        notes: list[str] = []
        if aliases is None:
            aliases = ActorDictionary.load().alias_table()
        g = build_graph(run.records, warnings=notes, aliases=aliases, corrections=_corrections(corrections))
        return cls(g, warnings=notes, failures=run.failures)

    @classmethod
    def load(cls, path: str | Path) -> "MeetingGraph":
        """Read a graph saved with `save` (or written by ``diplograph build``).

        When ``diplograph build`` wrote `path`, the graph comes from the cache it wrote beside
        it (``graph.state``: no GraphML is parsed), as long as `path` is the very file that
        build wrote (same size and modification time), or the build left it out with
        ``--no-graphml``; any other GraphML file is parsed.

        Attributes another tool saved with another type (a numeric ``date``, a textual
        ``count``) are converted back, with a note in ``.warnings``. A GraphML file that
        diplograph did not write loads too; ``.foreign`` then says so (the queries find
        nothing in it), and is None for our own files.

        Raises
        ------
        GraphFileError
            If the file is missing or not GraphML.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "gephi.graphml"
        >>> nx.write_graphml(nx.MultiDiGraph([("a", "b")]), path)
        >>> MeetingGraph.load(path).foreign.startswith("it was not written by diplograph")
        True
        """
        from graph.incremental import graph_beside

        cached = graph_beside(path)
        if cached is not None:
            return cls(cached)
        g = read_graphml(path)
        mg = cls(g, warnings=[f"{path}: {note}" for note in conform(g)])
        mg.foreign = provenance(g)
        return mg

    def save(self, path: str | Path) -> Path:
        """Write the graph as GraphML (atomically); return the path."""
        return write_graphml(self._g, path)

    write_graphml = save

    def export(self, fmt: str, path: str | Path) -> Path:
        """Write the graph as graphml, gexf, json, csv or neo4j (see `graph.export.export`)."""
        return _export(self._g, fmt, path)

    @property
    def nx(self) -> nx.MultiDiGraph:
        """The networkx graph itself (call `graph.query.invalidate` after changing it)."""
        return self._g

    def find_person(self, name: str) -> str:
        """The node id of the one person `name` refers to (see `graph.query.find_person`)."""
        return _q.find_person(self._g, name)

    def person(self, name: str) -> dict:
        """See `graph.person.person_info`: id, aliases, offices over time, why names were joined."""
        from graph.person import person_info

        return person_info(self._g, name)

    def who_met(self, name: str) -> list[dict]:
        """The people `name` met (see `graph.query.who_met`)."""
        return _q.who_met(self._g, name)

    def meetings(self, **filters) -> list[dict]:
        """Meetings passing the filters (see `graph.query.meetings`)."""
        return _q.meetings(self._g, **filters)

    def topics_between(self, a: str, b: str) -> list[dict]:
        """Topics two people or countries discussed (see `graph.query.topics_between`)."""
        return _q.topics_between(self._g, a, b)

    def connection(self, a: str, b: str) -> list[dict]:
        """The shortest chain of meetings between two people (see `graph.query.connection`)."""
        return _q.connection(self._g, a, b)

    def counterpart_countries(self, code: str) -> list[dict]:
        """Countries that met `code` (see `graph.query.counterpart_countries`)."""
        return _q.counterpart_countries(self._g, code)

    def timeline(self, name: str) -> list[dict]:
        """A person's meetings in date order (see `graph.query.timeline`)."""
        return _q.timeline(self._g, name)

    def most_connected(self, n: int = 10) -> list[dict]:
        """The people with most counterparts (see `graph.query.most_connected`)."""
        return _q.most_connected(self._g, n)

    def subgraph(self, node: str, radius: int = 1) -> nx.MultiDiGraph:
        """The graph around `node` (see `graph.query.subgraph`)."""
        return _q.subgraph(self._g, node, radius)

    def view(self, path: str | Path, *, focus: str | None = None, inline: bool | None = None, height: int = 600,
             **options):
        """Write an interactive HTML view; return what was written (a ``ViewResult`` that is also
        the path of the file: ``Path(result)``, ``str(result)``).

        Parameters
        ----------
        path : where to write the page (a self-contained, offline HTML file).
        focus : a person's name (forgiving, as in ``who_met``) or a node id for an ego view.
        inline : also display the page in the notebook (a self-contained iframe that works in
            Jupyter and VS Code); by default, when running in a notebook.
        height : the iframe's height in pixels.
        options : the options of ``graph.views.write_view`` (view, radius, country, topic,
            kind, since, until, max_nodes, title).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from graph.synthetic import sample_records
        >>> g = MeetingGraph.from_records(sample_records())
        >>> Path(g.view(pathlib.Path(tempfile.mkdtemp()) / "v.html", focus="Blinken", inline=False)).name
        'v.html'
        """
        from graph.views import display_inline, in_notebook, write_view

        if focus is not None and focus not in self._g:
            focus = self.find_person(focus)
        result = write_view(self._g, path, focus=focus, **options)
        if inline or (inline is None and in_notebook()):
            display_inline(result, height=height)
        return result

    def to_pyvis(self, *, focus: str | None = None, **options):
        """Return a ``pyvis.network.Network`` of a view of the graph, styled and offline.

        For users who customise their pages with pyvis: the network is filled directly from
        diplograph's nodes and edges (not ``from_nx``), with its colours, sizes, positions and
        tooltips, and its pages load nothing from the network when shown or saved.

        Parameters
        ----------
        focus : a person's name (forgiving, as in ``who_met``) or a node id for an ego view.
        options : the options of ``graph.view_pyvis.to_pyvis`` (view, radius, country, topic,
            kind, since, until, max_nodes, height, width).

        Examples
        --------
        >>> from graph.synthetic import sample_records
        >>> net = MeetingGraph.from_records(sample_records()).to_pyvis(view="people")
        >>> type(net).__name__, len(net.nodes) > 2
        ('OfflineNetwork', True)
        """
        from graph.view_pyvis import to_pyvis

        if focus is not None and focus not in self._g:
            focus = self.find_person(focus)
        return to_pyvis(self._g, focus=focus, **options)

    def __repr__(self) -> str:
        counts = {"person": 0, "meeting": 0, "document": 0}
        for _, kind in self._g.nodes(data="type"):
            if kind in counts:
                counts[kind] += 1
        return (f"MeetingGraph({counts['person']} people, {counts['meeting']} meetings, "
                f"{counts['document']} documents)")


def _corrections(value: str | Path | Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Corrections from a CSV path, or the triples as given."""
    if isinstance(value, (str, Path)):
        return read_corrections(value)
    return [tuple(v) for v in value]
