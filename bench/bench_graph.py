"""Benchmark the meeting graph: build, who-met, meetings-between and GraphML export.

Run on demand (not part of the test suite)::

    python bench/bench_graph.py            # 1k, 10k and 100k meetings
    python bench/bench_graph.py 1000 10000 # chosen sizes

Records come from ``graph.synthetic.synthetic_records``. Query times are the median of 50 calls
on the busiest person (the one with most counterparts) and a pair of their counterparts.
GraphML export is reported against networkx's own ``write_graphml`` on the same graph as a
ratio (ours / networkx), since absolute times depend on the machine.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

import networkx as nx

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from graph.build import build_graph  # noqa: E402
from graph.export import write_graphml  # noqa: E402
from graph.query import meetings, most_connected, who_met  # noqa: E402
from graph.synthetic import synthetic_records  # noqa: E402

SIZES = (1_000, 10_000, 100_000)


def _median_ms(func, repeat: int = 50) -> float:
    """Median wall time of `func()` in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench(n: int) -> dict:
    """Time every step at `n` meetings; return one row of the table."""
    records = list(synthetic_records(n, seed=0))
    start = time.perf_counter()
    g = build_graph(records, warnings=[])
    build_s = time.perf_counter() - start
    start = time.perf_counter()
    top = most_connected(g, 1)[0]
    index_s = time.perf_counter() - start
    other = who_met(g, top["id"])[0]["id"]
    who_ms = _median_ms(lambda: who_met(g, top["name"]))
    between_ms = _median_ms(lambda: meetings(g, between=(top["id"], other)))
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        write_graphml(g, os.path.join(tmp, "ours.graphml"))
        ours_s = time.perf_counter() - start
        start = time.perf_counter()
        nx.write_graphml(g, os.path.join(tmp, "nx.graphml"))
        nx_s = time.perf_counter() - start
    return {"meetings": n, "records": len(records), "nodes": g.number_of_nodes(),
            "edges": g.number_of_edges(), "build_s": build_s, "index_s": index_s,
            "who_met_ms": who_ms, "between_ms": between_ms, "graphml_s": ours_s,
            "ratio": ours_s / nx_s}


def main(sizes) -> None:
    """Print the benchmark table for the given sizes."""
    header = ("meetings", "records", "nodes", "edges", "build s", "index s", "who-met ms",
              "between ms", "graphml s", "ours/nx")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for n in sizes:
        r = bench(n)
        print(f"| {r['meetings']:,} | {r['records']:,} | {r['nodes']:,} | {r['edges']:,} | "
              f"{r['build_s']:.2f} | {r['index_s']:.2f} | {r['who_met_ms']:.2f} | "
              f"{r['between_ms']:.2f} | {r['graphml_s']:.2f} | {r['ratio']:.2f} |", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or SIZES)
