"""Benchmark the HTML views at real scale, in headless Chromium with the network blocked.

For each graph: the time to write the page (and, to compare machines, its ratio to networkx's
``write_graphml`` of the same graph in the same run), the page's size, the time from navigation
until the page is ready (``window.diplographView.ready``: data parsed, graph built, first frame
drawn), the frame rate while dragging the drawing (frames counted with requestAnimationFrame
during a 2-second drag of 120 mouse moves), and how many of 50 clicks on random nodes' centres
select the node clicked (at the first zoom).

Graphs: synthetic meeting graphs of the sizes given (``tests/browser/graphs.py``; 20,000 nodes
have about 63,000 edges in the full view) and, with ``--history GRAPHML``, the who-met-whom view
of a built corpus (``diplograph build /work/shared/corpora/historyatstate --out /tmp/hist``).

Run on demand (not part of the test suite)::

    python bench/bench_views.py --sizes 20000 100000 --history /tmp/hist/graph.graphml
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from graph.views import write_view  # noqa: E402
from tests.browser.chromium import launch, open_offline  # noqa: E402
from tests.browser.graphs import synthetic_graph  # noqa: E402

__all__ = ["main"]

_COUNT_FRAMES = """() => { window.__frames = 0; window.__counting = true;
  const tick = () => { if (window.__counting) { window.__frames++; requestAnimationFrame(tick); } };
  requestAnimationFrame(tick); }"""


def measure(browser, graph: nx.MultiDiGraph, folder: Path, name: str, **options) -> dict:
    """Write one page and measure it; return a dict of numbers."""
    t0 = time.perf_counter()
    result = write_view(graph, folder / f"{name}.html", **options)
    written = time.perf_counter() - t0
    t0 = time.perf_counter()
    nx.write_graphml(_plain(graph), folder / f"{name}.graphml")
    graphml = time.perf_counter() - t0
    row = {"graph": name, "nodes": result.nodes, "edges": result.edges, "write_s": written,
           "write_over_graphml": written / graphml, "mb": result.path.stat().st_size / 1e6,
           "note": result.note}
    page = open_offline(browser, result.path, timeout_ms=600_000)
    p = page.page
    try:
        row["ready_s"] = p.evaluate("window.diplographView.timings.frame2") / 1000
        row["blocked"] = len(page.blocked)
        row["fps_drag"] = _drag_fps(p)
        row["clicks_of_50"] = _clicks(p)
    finally:
        page.close()
    return row


def _plain(graph):
    """Return `graph` with only the scalar attributes ``write_graphml`` accepts."""
    g = nx.MultiDiGraph()
    ok = (str, int, float, bool)
    g.add_nodes_from((n, {k: v for k, v in d.items() if isinstance(v, ok)})
                     for n, d in graph.nodes(data=True))
    g.add_edges_from((u, v, {k: x for k, x in d.items() if isinstance(x, ok)})
                     for u, v, d in graph.edges(data=True))
    return g


def _drag_fps(p) -> float:
    """Drag the drawing for about two seconds and return the frames drawn per second."""
    box = p.locator("#graph").bounding_box()
    x0, y0 = box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.3
    p.mouse.move(x0, y0)
    p.mouse.down()
    p.evaluate(_COUNT_FRAMES)
    start = time.perf_counter()
    for i in range(120):
        p.mouse.move(x0 + (i % 60) * 3, y0 + (i % 60) * 2)
        p.wait_for_timeout(16)
    frames = p.evaluate("window.__counting = false; window.__frames")
    elapsed = time.perf_counter() - start
    p.mouse.up()
    p.wait_for_timeout(300)  # the page moves the camera just after the release
    return frames / elapsed


def _clicks(p) -> int:
    """Click the centres of 50 random nodes at the first zoom; return how many were selected."""
    p.evaluate("() => { const v = window.diplographView; v.camera.enabledPanning = true;"
               " v.camera.setState({x: 0.5, y: 0.5, ratio: 1}); }")
    ids = json.loads(p.evaluate("JSON.stringify(window.diplographView.data.nodes.map(n => n.id))"))
    hits = 0
    for node_id in random.Random(1).sample(ids, min(50, len(ids))):
        xy = p.evaluate("id => window.diplographView.screenPosition(id)", node_id)
        p.mouse.click(xy["x"], xy["y"])
        hits += p.evaluate("window.diplographView.selected") == node_id
    return hits


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[2000, 20000, 100000])
    parser.add_argument("--history", type=Path, help="GraphML of a built corpus (people view)")
    args = parser.parse_args(argv)
    write_view(synthetic_graph(50), Path(tempfile.mkdtemp()) / "warm.html")  # imports, once
    pw, browser = launch()
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            if args.history:
                from graph.export import read_graphml

                rows.append(measure(browser, read_graphml(args.history), Path(tmp),
                                    "history, auto (people)", view="auto"))
                print(rows[-1], file=sys.stderr, flush=True)
            for n in args.sizes:
                rows.append(measure(browser, synthetic_graph(n), Path(tmp), f"synthetic {n:,}"))
                print(rows[-1], file=sys.stderr, flush=True)
    finally:
        browser.close()
        pw.stop()
    print("| graph | nodes | edges | write | write / write_graphml | page | ready after load "
          "| fps while dragging | clicks that select the node |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['graph']} | {r['nodes']:,} | {r['edges']:,} | {r['write_s']:.1f} s | "
              f"{r['write_over_graphml']:.2f} | {r['mb']:.1f} MB | {r['ready_s']:.1f} s | "
              f"{r['fps_drag']:.0f} | {r['clicks_of_50']} of 50 |")


if __name__ == "__main__":
    main()
