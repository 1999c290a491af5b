"""Benchmark the HTML views: time to write and time until the layout is still in headless Chromium.

Our views (``graph.views.write_view``: layout computed in Python, physics off) are measured
beside pyvis's defaults on the same graphs (``Network.from_nx`` then ``write_html``; the page's
CDN requests for vis-network are answered from the copy inside the pyvis package, everything
else is aborted, and we give up after ``--give-up`` seconds).

"Still" means: the node positions reported by vis-network did not move by more than half a
pixel over ``STILL_MS``; the time reported is when that window began, counted from navigation.

Run on demand (not part of the test suite)::

    python bench/bench_views.py --sizes 500 2000 10000
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Error as PlaywrightError  # noqa: E402

from graph.views import write_view  # noqa: E402
from tests.browser.chromium import launch, open_offline  # noqa: E402
from tests.browser.graphs import synthetic_graph  # noqa: E402

__all__ = ["main"]

STILL_MS = 1000
_WAIT_STILL = """async ([stillMs, giveUpMs]) => {
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  while (typeof network === 'undefined' && !(window.diplographView && window.diplographView.network)) {
    if (performance.now() > giveUpMs) return null;
    await sleep(100);
  }
  const net = (window.diplographView && window.diplographView.network) || network;
  let start = performance.now();
  let prev = net.getPositions();
  while (performance.now() < giveUpMs) {
    await sleep(stillMs);
    const cur = net.getPositions();
    let moved = 0;
    for (const id in cur) {
      const a = cur[id], b = prev[id];
      if (!b) { moved = Infinity; break; }
      moved = Math.max(moved, Math.abs(a.x - b.x), Math.abs(a.y - b.y));
    }
    if (moved <= 0.5) return start;
    prev = cur;
    start = performance.now();
  }
  return null;
}"""


def _ours(browser, graph, folder: Path, give_up: float) -> tuple[float, float | None]:
    """Write our view and return (write seconds, seconds until still or None)."""
    t0 = time.perf_counter()
    result = write_view(graph, folder / "ours.html", max_nodes=10**9)
    written = time.perf_counter() - t0
    page = open_offline(browser, result.path, wait_ready=False,
                        wait_until="commit", timeout_ms=int(give_up * 1000))
    try:
        page.page.set_default_timeout((give_up + 30) * 1000)
        still = page.page.evaluate(_WAIT_STILL, [STILL_MS, give_up * 1000])
        assert not page.blocked, page.blocked
    finally:
        page.close()
    return written, None if still is None else still / 1000


def _pyvis(browser, graph, folder: Path, give_up: float) -> tuple[float, float | None]:
    """Write pyvis's default page (from_nx + write_html) and return the same two times."""
    from pyvis.network import Network

    lib = Path(str(resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2")))
    plain = graph.copy()  # from_nx writes into the graph it is given
    here = os.getcwd()
    os.chdir(folder)  # write_html copies a lib/ folder into the working directory
    try:
        t0 = time.perf_counter()
        net = Network()
        net.from_nx(plain)
        net.write_html("pyvis.html")
        written = time.perf_counter() - t0
    finally:
        os.chdir(here)
    # Point the page's CDN links at the local copies, without the CDN's integrity hashes.
    page_file = folder / "pyvis.html"
    text = page_file.read_text(encoding="utf-8")
    text = re.sub(r'\s(integrity|crossorigin|referrerpolicy)="[^"]*"', "", text)
    text = re.sub(r'https://cdnjs[^"]*/vis-network\.min\.js', "local-vis-network.min.js", text)
    text = re.sub(r'https://cdnjs[^"]*/vis-network\.min\.css', "local-vis-network.min.css", text)
    page_file.write_text(text, encoding="utf-8")
    allow = {"local-vis-network.min.js": lib / "vis-network.min.js",
             "local-vis-network.min.css": lib / "vis-network.css",
             "lib/bindings/utils.js": lib.parent / "bindings" / "utils.js"}
    page = open_offline(browser, page_file, allow=allow, wait_ready=False,
                        wait_until="commit", timeout_ms=int(give_up * 1000))
    try:
        page.page.set_default_timeout((give_up + 30) * 1000)
        still = page.page.evaluate(_WAIT_STILL, [STILL_MS, give_up * 1000])
    except PlaywrightError:  # the page kept its main thread busy past the deadline
        still = None
    finally:
        page.close()
    return written, None if still is None else still / 1000


def _fmt(value: float | None, give_up: float) -> str:
    return f"not still after {give_up:.0f} s" if value is None else f"{value:.2f} s"


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    parser.add_argument("--give-up", type=float, default=120.0, help="seconds per page")
    parser.add_argument("--no-pyvis", action="store_true", help="measure our views only")
    args = parser.parse_args(argv)
    pw, browser = launch()
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for n in args.sizes:
                graph = synthetic_graph(n)
                edges = sum(1 for *_, t in graph.edges(data="type") if t != "met")
                ours = _ours(browser, graph, Path(tmp), args.give_up)
                theirs = (None, None) if args.no_pyvis else _pyvis(browser, graph, Path(tmp),
                                                                   args.give_up)
                rows.append((n, edges, ours, theirs))
                print(f"{n} nodes: ours {ours}, pyvis {theirs}", file=sys.stderr, flush=True)
    finally:
        browser.close()
        pw.stop()
    print("| nodes | edges | ours: write | ours: still in Chromium | pyvis defaults: write "
          "| pyvis defaults: still | ratio (pyvis / ours, write+still) |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n, edges, (ow, os_), (pw_, ps) in rows:
        ratio = "-" if ps is None or os_ is None else f"{(pw_ + ps) / (ow + os_):.1f}x"
        if ps is None and pw_ is not None and os_ is not None:
            ratio = f">{(pw_ + args.give_up) / (ow + os_):.0f}x"
        print(f"| {n:,} | {edges:,} | {ow:.2f} s | {_fmt(os_, args.give_up)} | "
              f"{'-' if pw_ is None else f'{pw_:.2f} s'} | "
              f"{'-' if pw_ is None else _fmt(ps, args.give_up)} | {ratio} |")


if __name__ == "__main__":
    main()
