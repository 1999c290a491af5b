"""Benchmark the meeting graph: build, who-met, meetings-between and GraphML export.

Run on demand (not part of the test suite)::

    python bench/bench_graph.py            # 1k, 10k and 100k meetings
    python bench/bench_graph.py 1000 10000 # chosen sizes

Records come from ``graph.synthetic.synthetic_records``. Query times are the median of 50 calls
on the busiest person (the one with most counterparts) and a pair of their counterparts.
GraphML export is reported against networkx's own ``write_graphml`` on the same graph as a
ratio (ours / networkx), since absolute times depend on the machine.

Against other code (the ratio the README reports, taken in one run on a shared machine)::

    git worktree add /tmp/before <commit>      # or any checkout of the code to compare with
    python bench/bench_graph.py --against /tmp/before 10000 100000

builds each size in fresh processes, this checkout and the other in turn (``--rounds`` times),
and prints the build times, their ratio and each process's peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, os.environ.get("BENCH_GRAPH_ROOT") or os.path.join(os.path.dirname(__file__), ".."))

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


def build_only(n: int) -> dict:
    """Build the graph of `n` synthetic meetings once; its time and this process's peak memory."""
    records = list(synthetic_records(n, seed=0))
    start = time.perf_counter()
    g = build_graph(records, warnings=[])
    seconds = time.perf_counter() - start
    return {"meetings": n, "build_s": seconds, "edges": g.number_of_edges(),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def against(other: Path, sizes, rounds: int) -> None:
    """Print build times of this checkout and of `other` at each size, in turn, with their ratio."""
    here = Path(__file__).resolve().parents[1]
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    print("| meetings | this checkout s | other s | this / other | peak MB this / other |")
    print("|---|---|---|---|---|")
    for n in sizes:
        mine, theirs = [], []
        for _ in range(rounds):
            for root, out in ((here, mine), (other, theirs)):
                proc = subprocess.run([sys.executable, str(here / "bench" / "bench_graph.py"), "--_build", str(n)],
                                      capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(root),
                                                                               BENCH_GRAPH_ROOT=str(root)))
                if proc.returncode:
                    raise SystemExit(proc.stderr[-2000:])
                out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        a = statistics.median(r["build_s"] for r in mine)
        b = statistics.median(r["build_s"] for r in theirs)
        print(f"| {n:,} | {a:.2f} | {b:.2f} | {a / b:.2f} | {max(r['peak_mb'] for r in mine):,.0f} / "
              f"{max(r['peak_mb'] for r in theirs):,.0f} |", flush=True)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, help="meetings (default 1k, 10k, 100k)")
    parser.add_argument("--against", type=Path, help="another checkout: compare build times with it")
    parser.add_argument("--rounds", type=int, default=1, help="builds per size and checkout with --against")
    parser.add_argument("--_build", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._build:
        print(json.dumps(build_only(args._build)))
    elif args.against:
        against(args.against, args.sizes or SIZES, args.rounds)
    else:
        main(args.sizes or SIZES)
