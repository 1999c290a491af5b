"""graph.view_layout: the layout imports igraph without matplotlib, and lays out the same."""

import subprocess
import sys
import textwrap

from tests.conftest import ROOT, run_json_script

_SCRIPT = textwrap.dedent("""
    import json, sys
    import networkx as nx
    if sys.argv[1] == "with":
        import matplotlib
    from graph.view_layout import layout_positions
    pos = layout_positions(nx.karate_club_graph(), seed=3)
    print(json.dumps({"matplotlib": "matplotlib" in sys.modules, "igraph": "igraph" in sys.modules,
                      "pos": {str(n): [round(x, 9), round(y, 9)] for n, (x, y) in sorted(pos.items())}}))
""")


def _layout(mode: str) -> dict:
    return run_json_script(_SCRIPT, mode)


def test_layout_positions_leaves_matplotlib_unloaded_and_positions_unchanged():
    alone, beside = _layout("without"), _layout("with")
    assert alone["igraph"] and not alone["matplotlib"]  # igraph did the layout; matplotlib never loaded
    assert beside["matplotlib"]  # a process that has matplotlib keeps it, and igraph's plotting with it
    assert alone["pos"] == beside["pos"]
    assert len(alone["pos"]) == 34


def test_layout_positions_then_matplotlib_still_imports():
    script = ("import sys, networkx as nx\nfrom graph.view_layout import layout_positions\n"
              "layout_positions(nx.karate_club_graph())\nimport matplotlib\nprint(matplotlib.__name__)")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert proc.stdout.strip() == "matplotlib"
