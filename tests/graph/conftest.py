"""Fixtures shared by the graph tests: hand-made records and the graph built from them."""

from __future__ import annotations

import pytest

from graph.build import build_graph
from graph.synthetic import sample_records


@pytest.fixture()
def sample_graph():
    """The graph of `graph.synthetic.sample_records` (7 documents, 5 meetings, 7 people)."""
    return build_graph(sample_records())


@pytest.fixture()
def graph_file(tmp_path, sample_graph):
    """The sample graph saved as GraphML in a temporary folder."""
    from graph.export import write_graphml

    return str(write_graphml(sample_graph, tmp_path / "graph.graphml"))


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the whole session (playwright's sync API allows one at a time)."""
    from tests.browser.chromium import launch

    pw, chromium = launch()
    yield chromium
    chromium.close()
    pw.stop()
