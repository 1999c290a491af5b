"""Building a corpus end to end: reports in a folder to records, graph and view on disk.

``build_corpus`` is what ``diplograph build`` runs: extract every report (through the
``extract`` package, imported lazily: graph code itself never touches spaCy), build the
graph, and write ``records.jsonl``, ``graph.graphml`` and ``graph.html`` atomically in
the output folder. A failed document is reported and the rest go on; a failed write
leaves the previous file in place.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

__all__ = ["BuildSummary", "build_corpus", "write_records"]

RECORDS_FILE = "records.jsonl"
GRAPH_FILE = "graph.graphml"
VIEW_FILE = "graph.html"


@dataclass
class BuildSummary:
    """What a build did: counts, failures and where the outputs are."""

    documents: int = 0
    failed: list[str] = field(default_factory=list)
    officials: int = 0
    meetings: int = 0
    countries: int = 0
    topics: int = 0
    seconds: float = 0.0
    outputs: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The summary as the lines ``diplograph build`` prints."""
        out = [
            f"documents read: {self.documents}, failed: {len(self.failed)}",
            f"officials: {self.officials}, meetings: {self.meetings}, countries: {self.countries}, "
            f"topics: {self.topics}",
        ]
        out += [f"{name}: {path}" for name, path in self.outputs.items()]
        out.append(f"time: {self.seconds:.1f} s")
        return out


def write_records(records: Iterable[dict], path: str | Path) -> Path:
    """Write records as JSON lines, atomically (temp file, then rename).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = write_records([{"doc_id": "a"}], pathlib.Path(tempfile.mkdtemp()) / "r.jsonl")
    >>> p.read_text()
    '{"doc_id": "a"}\\n'
    """
    from .export import _atomic

    path = Path(path)
    with _atomic(path) as tmp:
        with open(tmp, "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def build_corpus(paths: Iterable[str | Path], out: str | Path, *, model: str | None = None,
                 on_failure: Callable | None = None, view: bool = True, **extract_options) -> BuildSummary:
    """Extract every report under `paths`, build the graph, write the three outputs in `out`.

    Parameters
    ----------
    paths : report files and folders (and Office of the Historian XML files).
    out : the output folder (created when missing).
    model : the spaCy model for extraction.
    on_failure : called with each failed document as it happens (the CLI prints it).
    view : also write the interactive HTML view.
    """
    from extract import Failure, iter_records

    from .build import build_graph
    from .export import write_graphml

    start = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    summary = BuildSummary()
    records: list[dict] = []
    for item in iter_records(paths, model=model, **extract_options):
        if isinstance(item, Failure):
            summary.failed.append(str(item))
            if on_failure:
                on_failure(item)
            continue
        records.append(item)
    summary.documents = len(records) + len(summary.failed)
    summary.outputs["records"] = str(write_records(records, out / RECORDS_FILE))
    g = build_graph(records, warnings=summary.warnings)
    summary.outputs["graph"] = str(write_graphml(g, out / GRAPH_FILE))
    if view:
        from .views import write_view

        summary.outputs["view"] = str(write_view(g, out / VIEW_FILE).path)
    types = [d.get("type") for _, d in g.nodes(data=True)]
    summary.officials = types.count("person")
    summary.meetings = types.count("meeting")
    summary.countries = types.count("country")
    summary.topics = types.count("topic")
    summary.seconds = time.perf_counter() - start
    return summary
