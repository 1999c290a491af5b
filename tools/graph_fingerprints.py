"""Fingerprints of the graphs the builder makes from fixed corpora, to prove a change keeps them.

A fingerprint is the SHA-256 of the GraphML bytes ``graph.export.write_graphml`` writes, in
the graph's own order (nodes, edges and attributes as inserted) and sorted, plus the hash of the
build's warnings. ``tests/graph/test_build_fingerprints.py`` builds the same corpora and
compares with ``tests/graph/build_fingerprints.json``; a change meant to keep the graph (a
faster builder, a leaner state) must leave every fingerprint as it was.

Regenerate the file only when the graph is meant to change (a new rule), and say so in the
commit::

    python tools/graph_fingerprints.py --write        # print and write the fingerprints
    python tools/graph_fingerprints.py                # print them only

The corpora: the hand-made samples (with an alias table and corrections too), a messy
corpus of repaired and skipped input, 3,000 synthetic meetings, the records of the sample
reports frozen in ``tests/data/report_records.jsonl`` (so a change of the extractor does not
move them) and, when ``../shared/corpora`` is present, the Office of the Historian corpus.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.build import build_graph  # noqa: E402
from graph.export import write_graphml  # noqa: E402
from graph.incremental import GraphState  # noqa: E402
from graph.synthetic import record, meeting, sample_records, synthetic_records  # noqa: E402

__all__ = ["CORPORA", "fingerprint", "corpus", "main"]

FINGERPRINTS = ROOT / "tests" / "graph" / "build_fingerprints.json"
REPORT_RECORDS = ROOT / "tests" / "data" / "report_records.jsonl"
HISTORY = Path(os.environ.get("DIPLOGRAPH_SHARED", ROOT.parent / "shared")) / "corpora" / "historyatstate"

#: Corpus name -> (records, build options); "history" needs ../shared/corpora.
CORPORA = ("samples", "samples-aliases", "messy", "synthetic", "reports", "history")

ALIASES = {"Tony Blinken": "Antony Blinken", "Kamikawa Yoko": "Yoko Kamikawa"}
CORRECTIONS = (("Wang Yi", "Sergey Lavrov", "different"), ("Blinken", "Antony Blinken", "same"))


def corpus(name: str) -> tuple[list, dict]:
    """The records of corpus `name` and the options `build_graph` gets for it."""
    if name == "samples":
        return sample_records(), {}
    if name == "samples-aliases":
        recs = sample_records()
        recs.append(record("alias-1", [meeting("2024-09-01", ("Tony Blinken", "USA"), ("Wang Yi", "CHN"))]))
        return recs, {"aliases": ALIASES, "corrections": CORRECTIONS}
    if name == "messy":
        return _messy(), {}
    if name == "synthetic":
        return list(synthetic_records(3000, seed=3)), {}
    if name == "reports":
        with open(REPORT_RECORDS, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh], {}
    if name == "history":
        from extract import iter_sources

        recs = [d.record for d in iter_sources([HISTORY]) if getattr(d, "record", None)]
        for r in recs:  # the corpus's own paths, so the hash is the same wherever ../shared lies
            r["source"] = Path(r["source"]).resolve().relative_to(HISTORY.resolve()).as_posix()
        return sorted(recs, key=lambda r: r["source"]), {}
    raise ValueError(f"Unknown corpus {name!r}; choose one of {', '.join(CORPORA)}")


def fingerprint(name: str) -> dict:
    """The fingerprints of corpus `name`: full build (as inserted, sorted, warnings) and the
    incremental state's full build (sorted)."""
    records, options = corpus(name)
    notes: list[str] = []
    g = build_graph(copy.deepcopy(records), warnings=notes, **options)
    state = GraphState(aliases=options.get("aliases"), corrections=tuple(options.get("corrections", ())))
    state.update(copy.deepcopy([r for r in records if isinstance(r, dict)]))  # a build never gives others
    with tempfile.TemporaryDirectory() as tmp:
        out = {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
        for label, graph, sort in (("inserted", g, False), ("sorted", g, True), ("state", state.graph, True)):
            path = write_graphml(graph, Path(tmp) / f"{label}.graphml", sort=sort)
            out[label] = hashlib.sha256(path.read_bytes()).hexdigest()
    out["warnings"] = hashlib.sha256("\n".join(notes).encode("utf-8")).hexdigest()
    out["state_warnings"] = hashlib.sha256("\n".join(sorted(state.warnings)).encode("utf-8")).hexdigest()
    return out


def _messy() -> list:
    """Records with everything the builder repairs or skips: control characters, odd spaces,
    names that are not strings, bad dates and countries, duplicates, malformed evidence."""
    recs = sample_records()
    odd = copy.deepcopy(recs[0])
    odd["doc_id"] = "odd-1"
    m = odd["meetings"][0]
    m["participants"][0]["name"] = "  Antony\u00a0 J.\tBlinken\x00 "
    m["participants"][1]["name"] = "H.E. Mr. KAMIKAWA   Yoko"
    m["participants"].append({"name": 12345, "country": "JP"})
    m["participants"].append({"name": "Foreign Minister", "country": "Japan"})
    m["participants"].append({"name": "Wang\u2028Yi", "country": "CHN", "country_basis": "trip_country"})
    m["participants"].append("not a participant")
    m["evidence"] = [{"start": "x", "end": None, "text": "Kamikawa\x0b met\u3000Blinken."}, {"text": ""}, "bad",
                     {"start": 3, "end": 9.5, "text": 7}]
    m["topics"] = [{"label": " Taiwan  Strait "}, {"label": "!!!"}, {"label": None}, "Trade",
                   {"label": "Energy", "category": "economy", "evidence": [{"start": 1, "end": 2, "text": "e"}]}]
    m["location"] = {"city": "Washington\x1b", "country": "usa"}
    m["kind"] = "bilateral"
    odd["published"] = "2024-02-30"
    odd["officials"] = [{"name": "Blinken", "title": "Secretary", "country": "USA", "mentions": [[0, 1], [5, 9]]},
                        {"name": "Blinken", "title": None, "country": "USA", "mentions": "many"},
                        {"name": None}, {"name": "Li Wen", "country": "QQZ", "actor": "Li Wen"}]
    odd["countries"] = [{"code": "USA", "name": "United States"}, {"code": "XKX", "name": "Kosovo"},
                        {"code": "USA"}, {"code": 5}, "JPN"]
    odd["organizations"] = [{"name": "Hamas"}, {"name": "hamas"}, {"name": "!!"}, {"name": ""}, None]
    undated = copy.deepcopy(recs[6])
    undated.update(doc_id="undated-1", published="2024-07-29")
    undated["meetings"][0]["date"] = None
    return recs + [odd, undated, copy.deepcopy(odd), None, "text", {"meetings": "none", "source": "x.txt"},
                   {"doc_id": "", "title": "\x07bell", "meetings": [{"participants": [{"name": "Ana Ruiz"}]}]}]


def main(argv: list[str]) -> int:
    """Print every fingerprint; with ``--write``, also write them to `FINGERPRINTS`."""
    names = [n for n in CORPORA if n != "history" or HISTORY.is_dir()]
    found = {name: fingerprint(name) for name in names}
    print(json.dumps(found, indent=1, sort_keys=True))
    if "--write" in argv:
        FINGERPRINTS.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
