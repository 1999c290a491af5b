"""Scoring identity: does the graph give each mention of a person the right person node?

A gold file lists mentions (the document, the name as the record writes it, and the person it
refers to, with the date, title and country for the reader). `score_identity` finds the person
node each mention became in a built graph (through the document's meetings and mentions) and
scores the clustering with B-cubed and pairwise precision, recall and F1: precision falls when
two people share a node, recall when one person is split over several. A mention the graph
does not hold counts as a node of its own. This module does not build graphs.
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import networkx as nx

from graph.build import loads
from graph.errors import GraphFileError
from graph.identity import clean_name, fold, names_compatible, parse_name

__all__ = ["GOLD_COLUMNS", "read_identity_gold", "person_of_mentions", "score_identity", "format_scores"]

#: Columns of an identity gold file (``title``, ``country`` and ``date`` are for the reader).
GOLD_COLUMNS = ("corpus", "document", "name", "person")


def read_identity_gold(path: str | Path, *, corpus: str | None = None) -> list[dict]:
    """Read an identity gold CSV.

    Parameters
    ----------
    path : the CSV file (columns `GOLD_COLUMNS`, and optionally date, title, country).
    corpus : keep only rows of this corpus ("historyatstate", "samples").

    Returns
    -------
    The rows as dicts, in file order.

    Raises
    ------
    GraphFileError
        If the file cannot be read or lacks a column.

    Examples
    --------
    >>> rows = read_identity_gold(Path(__file__).parents[1] / "data/identity/gold.csv", corpus="samples")
    >>> len(rows) > 100
    True
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise GraphFileError(f"Cannot read identity gold file '{path}': {err}. Give a UTF-8 CSV with the columns "
                             f"{','.join(GOLD_COLUMNS)}.") from err
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in GOLD_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise GraphFileError(f"Identity gold file '{path}' lacks the column(s) {', '.join(missing)}; the header "
                             f"must name {','.join(GOLD_COLUMNS)}.")
    return [row for row in reader if corpus is None or row["corpus"] == corpus]


def person_of_mentions(g: nx.MultiDiGraph, rows: list[dict]) -> list[str | None]:
    """Find the person node each gold mention became.

    The document is matched by its ``source_id``, its ``doc_id`` or its file name; the
    person is the one among the document's participants and mentioned people whose names
    (label and aliases) include the mention's name, compared as identity compares names, or
    failing that the one person of the document whose names the mention's name fits ("Tito"
    where the record wrote "Josip Broz Tito").

    Returns
    -------
    One node id per row, or None when the graph holds no such mention (or several fit).
    """
    docs: dict[str, str] = {}
    for node, data in g.nodes(data=True):
        if data.get("type") == "document":
            for key in (data.get("source_id"), data.get("doc_id"), os.path.basename(str(data.get("source") or ""))):
                if key:
                    docs.setdefault(key, node)
    people_of: dict[str, set[str]] = {}
    names_of: dict[str, set[str]] = {}

    def people(doc: str) -> set[str]:
        if doc not in people_of:
            found = {v for _, v, d in g.out_edges(doc, data=True) if d.get("type") == "mentions"
                     and g.nodes[v].get("type") == "person"}
            for meeting, _, d in g.in_edges(doc, data=True):
                if d.get("type") == "reported_by":
                    found.update(u for u, _, e in g.in_edges(meeting, data=True) if e.get("type") == "participated_in")
            people_of[doc] = found
        return people_of[doc]

    def names(pid: str) -> set[str]:
        if pid not in names_of:
            data = g.nodes[pid]
            names_of[pid] = {_key(n) for n in [data.get("label", "")] + list(loads(data.get("aliases")))}
        return names_of[pid]

    out = []
    for row in rows:
        doc = docs.get(row["document"])
        fits = [p for p in people(doc) if _key(row["name"]) in names(p)] if doc else []
        if not fits and doc:  # the record may name the person more fully ("Tito": "Josip Broz Tito")
            written = parse_name(row["name"])
            fits = [p for p in people(doc) if written is not None and any(
                other is not None and (names_compatible(written, other) or written.tokens <= other.tokens)
                for other in map(parse_name, [g.nodes[p].get("label", "")] + list(loads(g.nodes[p].get("aliases")))))]
        out.append(fits[0] if len(fits) == 1 else None)
    return out


def score_identity(g: nx.MultiDiGraph, rows: list[dict]) -> dict:
    """Score the graph's people against gold mentions: B-cubed and pairwise P/R/F1.

    Returns
    -------
    ``{"mentions", "people", "found", "bcubed": {"precision", "recall", "f1"},
    "pairwise": {...}, "split": [...], "merged": [...]}``; ``split`` names gold people spread
    over several nodes, ``merged`` nodes holding several gold people.

    Examples
    --------
    >>> from graph.build import build_graph
    >>> from graph.synthetic import meeting, record
    >>> g = build_graph([record("d1", [meeting("2024-01-12", ("Antony Blinken", "USA"), ("Yoko Kamikawa", "JPN"))]),
    ...                  record("d2", [meeting("2024-02-12", ("A. Blinken", "USA"), ("Wang Yi", "CHN"))])])
    >>> rows = [{"document": "d1", "name": "Antony Blinken", "person": "Blinken"},
    ...         {"document": "d2", "name": "A. Blinken", "person": "Blinken"},
    ...         {"document": "d2", "name": "Wang Yi", "person": "Wang Yi"}]
    >>> score_identity(g, rows)["bcubed"]
    {'precision': 1.0, 'recall': 1.0, 'f1': 1.0}
    """
    predicted = person_of_mentions(g, rows)
    pred = [p if p is not None else f"?unfound-{i}" for i, p in enumerate(predicted)]
    gold = [r["person"] for r in rows]
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for i, (p, t) in enumerate(zip(pred, gold)):
        by_pred[p].add(i)
        by_gold[t].add(i)
    n = len(rows)
    precision = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_pred[pred[i]]) for i in range(n)) / n if n else 0
    recall = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in range(n)) / n if n else 0
    tp = fp = fn = 0
    for i, j in combinations(range(n), 2):
        same_pred, same_gold = pred[i] == pred[j], gold[i] == gold[j]
        tp += same_pred and same_gold
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return {
        "mentions": n, "people": len(by_gold), "found": sum(p is not None for p in predicted),
        "bcubed": _prf(precision, recall),
        "pairwise": _prf(tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0),
        "split": sorted(t for t, ids in by_gold.items() if len({pred[i] for i in ids}) > 1),
        "merged": sorted(p for p, ids in by_pred.items() if len({gold[i] for i in ids}) > 1),
    }


def format_scores(scores: dict, *, title: str) -> str:
    """A small text table of `score_identity`'s result.

    Examples
    --------
    >>> print(format_scores({"mentions": 3, "people": 2, "found": 3, "bcubed": {"precision": 1.0, "recall": 0.5,
    ...     "f1": 0.667}, "pairwise": {"precision": 1.0, "recall": 0.5, "f1": 0.667}, "split": ["X"], "merged": []},
    ...     title="t"))
    t: 3 mentions of 2 people, 3 found in the graph
    metric          P      R     F1
    b-cubed     1.000  0.500  0.667
    pairwise    1.000  0.500  0.667
    split: X
    merged: (none)
    """
    lines = [f"{title}: {scores['mentions']} mentions of {scores['people']} people, {scores['found']} found in the graph",
             f"{'metric':<12}{'P':>5}{'R':>7}{'F1':>7}"]
    for name in ("bcubed", "pairwise"):
        s = scores[name]
        label = "b-cubed" if name == "bcubed" else name
        lines.append(f"{label:<10}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}")
    lines.append("split: " + (", ".join(scores["split"]) or "(none)"))
    lines.append("merged: " + (", ".join(scores["merged"]) or "(none)"))
    return "\n".join(lines)


def _prf(p: float, r: float) -> dict:
    """Precision, recall and their F1, rounded to three places."""
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3)}


def _key(name: str) -> str:
    """A name as identity compares it: cleaned of titles, folded."""
    return fold(clean_name(name))
