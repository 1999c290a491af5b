"""Node positions for the HTML views: a force layout, then a pass that removes overlaps.

The force layout is igraph's Fruchterman-Reingold with its grid approximation of repulsion,
so its cost grows about linearly with the graph (20,000 nodes in about a second). A second pass
pushes apart every pair of nodes whose disks (of the radii given) still overlap, finding the
pairs with a k-d tree, so that in the drawn page every node can be seen and clicked.

This module knows nothing of node types or pages: it takes a graph and radii, and returns
coordinates (see ``graph.views`` for what is drawn).
"""

from __future__ import annotations

import math
import random
import sys
from typing import Hashable, Mapping

import networkx as nx
import numpy as np

__all__ = ["GAP", "layout_positions", "overlaps"]

#: Free space kept between the disks of two nodes, in layout units (a radius is 3 to 12).
GAP = 2.0
#: Default radius of a node whose radius is not given.
DEFAULT_RADIUS = 4.0
#: Median distance between neighbouring nodes after the force layout, in radii.
SPACING = 4.0
#: The share of the drawing's box the grown disks cover before overlaps are removed.
COVER = 0.2
_SMALL = 1000
_ITERATIONS_SMALL = 500
_ITERATIONS_LARGE = 100
_ITERATIONS_HUGE = 60
_OVERLAP_ROUNDS = 50


def layout_positions(graph: nx.Graph, *, seed: int = 1,
                     radii: Mapping[Hashable, float] | None = None) -> dict:
    """Compute positions for every node of `graph` so that no two nodes' disks overlap.

    Parameters
    ----------
    graph : any networkx graph; edge direction and parallel edges are ignored.
    seed : random seed; the same graph, radii and seed give the same positions.
    radii : the radius of each node in layout units (default ``DEFAULT_RADIUS``); the disks
        of two nodes end at least ``GAP`` apart.

    Returns
    -------
    A dict from node to ``(x, y)``, centred near 0. Nodes without edges are set in rows below
    the drawing instead of being flung to its edges.

    Examples
    --------
    >>> pos = layout_positions(nx.path_graph(3))
    >>> sorted(pos) == [0, 1, 2] and pos == layout_positions(nx.path_graph(3))
    True
    >>> overlaps(pos, {n: DEFAULT_RADIUS for n in pos})
    0
    """
    r_of = (lambda n: float(radii.get(n, DEFAULT_RADIUS))) if radii else (lambda n: DEFAULT_RADIUS)
    ends = {(u, v) if str(u) <= str(v) else (v, u) for u, v in graph.edges() if u != v}
    touched = {n for pair in ends for n in pair}
    linked = [n for n in graph.nodes if n in touched]
    alone = [n for n in graph.nodes if n not in touched]
    index = {n: i for i, n in enumerate(linked)}
    pairs = sorted((index[u], index[v]) for u, v in ends)
    radius = np.array([r_of(n) for n in linked], dtype=float)
    xy = _force_layout(len(linked), pairs, seed=seed)
    if len(linked):
        xy = _pack_components(xy, pairs)
        xy = _spread(xy, radius)
        # Grow the disks until they would cover COVER of the drawing, push them apart, and
        # shrink the drawing back: dense clusters open up, so that when the page fits the
        # drawing to the screen the nodes are large enough to see and click.
        grow = _growth(xy, radius)
        xy = _remove_overlaps(xy, radius * grow, seed=seed) / grow
        xy -= xy.mean(axis=0)
    pos = {n: (round(float(x), 2), round(float(y), 2)) for n, (x, y) in zip(linked, xy)}
    pos.update(_rows_below(alone, [r_of(n) for n in alone], xy, radius))
    return pos


def overlaps(pos: Mapping[Hashable, tuple[float, float]], radii: Mapping[Hashable, float]) -> int:
    """Count the pairs of nodes whose disks overlap (closer than the sum of their radii).

    Examples
    --------
    >>> overlaps({"a": (0, 0), "b": (3, 0), "c": (20, 0)}, {"a": 2, "b": 2, "c": 2})
    1
    """
    from scipy.spatial import cKDTree

    nodes = list(pos)
    if len(nodes) < 2:
        return 0
    xy = np.array([pos[n] for n in nodes], dtype=float)
    r = np.array([radii[n] for n in nodes], dtype=float)
    found = cKDTree(xy).query_pairs(2 * float(r.max()), output_type="ndarray")
    if not len(found):
        return 0
    d = np.hypot(*(xy[found[:, 0]] - xy[found[:, 1]]).T)
    return int((d < r[found[:, 0]] + r[found[:, 1]] - 1e-6).sum())


# ---- helpers -------------------------------------------------------------------------------


def _around(graph, n):
    """Return the neighbours of `n` in either direction."""
    if graph.is_directed():
        return (*graph.predecessors(n), *graph.successors(n))
    return graph[n]


def _force_layout(n: int, pairs: list[tuple[int, int]], *, seed: int) -> np.ndarray:
    """Return an ``(n, 2)`` array from igraph's grid Fruchterman-Reingold, deterministically."""
    if n == 0:
        return np.zeros((0, 2))
    if n == 1:
        return np.zeros((1, 2))
    igraph = _igraph()
    g = igraph.Graph(n=n, edges=pairs)
    previous = igraph.set_random_number_generator(random.Random(seed))
    try:
        layout = g.layout_fruchterman_reingold(
            niter=_ITERATIONS_SMALL if n <= _SMALL else _ITERATIONS_LARGE if n <= 10 * _SMALL
            else _ITERATIONS_HUGE, grid=n > _SMALL)
    finally:
        igraph.set_random_number_generator(previous or random)
    return np.array(layout.coords, dtype=float)


def _igraph():
    """The igraph module, imported without its matplotlib plotting backend when matplotlib is not
    loaded yet: a layout never draws, and importing matplotlib (which igraph does when it can) adds
    about 50 MiB to the process, at the end of a 100,000-document build where memory peaks."""
    if "igraph" in sys.modules or "matplotlib" in sys.modules:
        import igraph

        return igraph
    sys.modules["matplotlib"] = None  # type: ignore[assignment]  # "import matplotlib" fails: igraph goes without
    try:
        import igraph
    finally:
        if sys.modules.get("matplotlib", False) is None:
            del sys.modules["matplotlib"]
    return igraph


def _pack_components(xy: np.ndarray, pairs: list[tuple[int, int]]) -> np.ndarray:
    """Set the connected components side by side in rows, largest first, without gaps.

    A force layout lets small components drift far from the main one, which then shrinks to a
    speck when the page fits the whole drawing to the screen.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(xy)
    if n < 2 or not pairs:
        return xy
    edges = np.array(pairs, dtype=np.int64)
    matrix = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    count, label = connected_components(matrix, directed=False)
    if count == 1:
        return xy
    order = np.argsort(label, kind="stable")
    bounds = np.searchsorted(label[order], np.arange(count + 1))
    members = [order[bounds[c]:bounds[c + 1]] for c in range(count)]
    lengths = np.hypot(*(xy[edges[:, 0]] - xy[edges[:, 1]]).T)
    gap = float(np.median(lengths)) if len(lengths) else 1.0
    boxes = []
    for idx in members:
        part = xy[idx] - xy[idx].min(axis=0)
        boxes.append((idx, part, part.max(axis=0) + gap))
    boxes.sort(key=lambda b: (-len(b[0]), -float(b[2][1])))
    area = sum(float(b[2][0] * b[2][1]) for b in boxes)
    width = max(float(boxes[0][2][0]), math.sqrt(area) * 1.1)
    out = np.empty_like(xy)
    x = y = row_height = 0.0
    for idx, part, size in boxes:
        if x > 0 and x + size[0] > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        out[idx] = part + (x, y)
        x += float(size[0])
        row_height = max(row_height, float(size[1]))
    return out


def _spread(xy: np.ndarray, radius: np.ndarray) -> np.ndarray:
    """Scale `xy` so that the median distance to the nearest node is ``SPACING`` radii."""
    from scipy.spatial import cKDTree

    if len(xy) < 2:
        return xy
    dist, _ = cKDTree(xy).query(xy, k=2)
    nearest = float(np.median(dist[:, 1]))
    if nearest <= 0:
        nearest = float(dist[:, 1][dist[:, 1] > 0].mean()) if (dist[:, 1] > 0).any() else 1.0
    return xy * (SPACING * float(np.median(radius)) / nearest)


def _growth(xy: np.ndarray, radius: np.ndarray) -> float:
    """Return how much the disks must grow to cover ``COVER`` of the drawing's box (at least 1)."""
    if len(xy) < 2:
        return 1.0
    extent = xy.max(axis=0) - xy.min(axis=0) + 2 * float(radius.max())
    disks = float(np.pi * (radius ** 2).sum())
    return max(1.0, math.sqrt(COVER * float(extent[0] * extent[1]) / disks))


def _remove_overlaps(xy: np.ndarray, radius: np.ndarray, *, seed: int) -> np.ndarray:
    """Push apart pairs of overlapping disks until none is left.

    Each round moves both disks of every overlapping pair apart along their line; a cluster
    that stays packed after some rounds is opened by stretching the whole drawing a little,
    and whatever still overlaps at the end is settled by stretching it just enough.
    """
    rng = np.random.default_rng(seed)
    xy = xy.copy()
    n = len(xy)
    for round_ in range(_OVERLAP_ROUNDS):
        i, j, delta, dist, need = _overlapping(xy, radius)
        if not len(i):
            return xy
        same = dist < 1e-9
        if same.any():  # coincident nodes: part them in a random direction
            angle = rng.random(int(same.sum())) * 2 * math.pi
            delta[same] = np.stack([np.cos(angle), np.sin(angle)], axis=1)
            dist[same] = 1.0
        push = delta / dist[:, None] * ((need - dist) / 2 * 1.1)[:, None]
        crowd = np.sqrt(np.bincount(i, minlength=n) + np.bincount(j, minlength=n) + 1.0)
        for axis in (0, 1):
            xy[:, axis] += (np.bincount(j, weights=push[:, axis], minlength=n)
                            - np.bincount(i, weights=push[:, axis], minlength=n)) / crowd
        if round_ % 10 == 9:
            centre = xy.mean(axis=0)
            xy = centre + (xy - centre) * 1.05
    for _ in range(3):
        i, j, delta, dist, need = _overlapping(xy, radius)
        if not len(i):
            break
        centre = xy.mean(axis=0)
        xy = centre + (xy - centre) * min(4.0, float((need / np.maximum(dist, 1e-6)).max()) * 1.01)
    return xy


def _overlapping(xy: np.ndarray, radius: np.ndarray):
    """Return the pairs ``i, j`` whose disks overlap, their offsets, distances and needs."""
    from scipy.spatial import cKDTree

    found = cKDTree(xy).query_pairs(2 * float(radius.max()) + GAP, output_type="ndarray")
    if not len(found):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros((0, 2)), np.zeros(0), np.zeros(0)
    i, j = found[:, 0], found[:, 1]
    delta = xy[j] - xy[i]
    dist = np.hypot(delta[:, 0], delta[:, 1])
    need = radius[i] + radius[j] + GAP
    bad = dist < need - 1e-6
    return i[bad], j[bad], delta[bad], dist[bad], need[bad]


def _rows_below(alone: list, radii: list[float], xy: np.ndarray, radius: np.ndarray) -> dict:
    """Return positions for nodes without edges, in rows under the drawing."""
    if not alone:
        return {}
    step = 2 * max(radii) + GAP
    if len(xy):
        left = float(xy[:, 0].min())
        top = float((xy[:, 1] + radius).max()) + 2 * step
        width = max(float(xy[:, 0].max()) - left, step * 10)
    else:
        left, top, width = 0.0, 0.0, step * max(10, math.ceil(math.sqrt(len(alone))))
    per_row = max(1, int(width // step))
    return {n: (round(left + (i % per_row) * step, 2), round(top + (i // per_row) * step, 2))
            for i, n in enumerate(alone)}
