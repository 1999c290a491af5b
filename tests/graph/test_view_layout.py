"""graph.view_layout: the layout imports igraph without matplotlib, and lays out the same."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

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
    proc = subprocess.run([sys.executable, "-c", _SCRIPT, mode], capture_output=True, text=True, cwd=ROOT,
                          check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


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
