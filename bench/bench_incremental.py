"""Incremental builds and fast queries, measured as ratios to a full build taken in the same run.

1. The Office of the Historian corpus (a real one, 7,537 documents, no NLP): a full build,
   then builds after adding 1 document and 1% documents (new trips in a new file), with
   GraphML and the view written and with them deferred (``--no-graphml --no-view``), a
   build with nothing new and one with a document removed; the last graph is compared with
   a fresh build of the same corpus (nodes, edges and attributes, and GraphML bytes).
2. ``diplograph query who-met`` on that graph: wall time of the whole command, process
   start included, against parsing the GraphML.
3. Synthetic text corpora (bench/synthetic_reports.py, extracted with spaCy) at the sizes
   given: a full build with its peak memory, then 1% new documents.
4. The graph side alone at the sizes given to ``--records`` (``graph.synthetic`` records, no
   spaCy: what a build does once records are in the store): a full graph build with the cache
   written and its peak memory, then, in a new process, 1% new records applied to the cache
   (reading the cache, updating, saving the rows the update touched, each timed).

The cache (``graph.state``) is a SQLite file of rows (graph nodes, with the out-edges and
predecessors of busy ones in chunks apart; documents and meetings by blocks, column by column;
people, identity signatures: ``graph.state_file``), so a save writes what the update touched, and
the update clusters again only the names and meetings a change can reach (``graph.incremental``,
``graph.meeting_region``), reads a node's row or a document's record from the file only when it
uses them (``graph.lazy_graph``, ``graph.lazy_docs``), and makes a person it reaches from their
totals (``graph.person_totals``) rather than from every meeting and document of theirs. Decoding
every document's, meeting's and signature's entry and clustering every name signature (at 100,000
synthetic meetings every signature is in one group a change reaches) still cost in proportion to the
corpus; the out-edges of the busy people a change reaches are decoded only by the chunks it uses
(README, Performance).

Every build runs as a user runs it, in a fresh Python process. With ``--bytecode-cache DIR`` the
processes keep their compiled modules in DIR (``PYTHONPYCACHEPREFIX``, the environment's
``PYTHONDONTWRITEBYTECODE`` lifted), as an installed Python does, and a warm-up build fills it
first: on a machine that sets ``PYTHONDONTWRITEBYTECODE`` every process otherwise compiles
diplograph's modules from source (about 0.1 s of a +1 build on the historical corpus).

Usage:

    python bench/bench_incremental.py [--history DIR] [--synthetic 10000,100000] [--records 100000] [--workdir DIR]
                                      [--bytecode-cache DIR]

Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import copy
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

__all__ = ["bench_history", "bench_query", "bench_synthetic", "bench_records", "add_trips"]

HISTORY = Path("/work/shared/corpora/historyatstate")
PERSON = "Dean Rusk"
#: The environment of every process the benchmark starts (see ``--bytecode-cache``).
CHILD_ENV: dict | None = None


def add_trips(corpus: Path, count: int, *, tag: str) -> Path:
    """Write a new secretary-travels file with `count` trips made from existing ones (new ids, next day)."""
    from lxml import etree

    folder = corpus / "travels" / "secretary-travels"
    trips = []
    for path in sorted(folder.glob("*.xml")):
        trips.extend(etree.parse(str(path)).getroot().findall("trip"))
    root = etree.Element("trips")
    step = max(1, len(trips) // max(1, count))
    for i, trip in enumerate(trips[::step][:count]):
        new = copy.deepcopy(trip)
        new.find("id").text = f"9{zlib.crc32(tag.encode()) % 1000:03d}{i:05d}"
        remarks = new.find("remarks")
        if remarks is not None:
            remarks.text = (remarks.text or "") + f" (bench {tag} {i})"
        root.append(new)
    out = folder / f"zz-bench-{tag}.xml"
    out.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return out


def bench_history(source: Path, workdir: Path) -> dict:
    """Full, no-change, +1 and +1% builds of the historical corpus; equality with a fresh build."""
    corpus, out = workdir / "history", workdir / "history_out"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(source, corpus)
    res = {"full": _run(corpus, out)}
    res["nothing new"] = _run(corpus, out)
    add_trips(corpus, 1, tag="one")
    res["+1 document"] = _run(corpus, out)
    add_trips(corpus, 1, tag="one-deferred")
    res["+1 document, GraphML and view deferred"] = _run(corpus, out, graphml=False, view=False)
    pct = max(1, res["full"]["summary"]["documents"] // 100)
    add_trips(corpus, pct, tag="pct")
    res["+1% documents, deferred"] = _run(corpus, out, graphml=False, view=False)
    res["nothing new, deferred outputs written"] = _run(corpus, out)
    (corpus / "travels" / "secretary-travels" / "zz-bench-one.xml").unlink()
    res["-1 document"] = _run(corpus, out)
    fresh = workdir / "history_fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    res["fresh"] = _run(corpus, fresh)
    res["equal"] = _same_graph(out, fresh)
    res["out"] = str(out)
    return res


def bench_query(out: Path, repeat: int = 3) -> dict:
    """Wall time of ``diplograph query who-met`` with the state beside the GraphML, and parsing GraphML."""
    cmd = [sys.executable, "-m", "diplograph_cli", "query", "who-met", PERSON, "--graph", str(out / "graph.graphml")]
    fast, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), _children_cpu()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=CHILD_ENV)
        fast.append(time.perf_counter() - t)
        cpu.append(_children_cpu() - c)
    parsed = workdir_copy = out.parent / "graphml_only"
    shutil.rmtree(workdir_copy, ignore_errors=True)
    workdir_copy.mkdir()
    shutil.copy(out / "graph.graphml", parsed / "graph.graphml")
    t, c = time.perf_counter(), _children_cpu()
    subprocess.run(cmd[:-1] + [str(parsed / "graph.graphml")], check=True, capture_output=True, cwd=ROOT,
                   env=CHILD_ENV)
    graphml_s, graphml_cpu = time.perf_counter() - t, _children_cpu() - c
    probe = ("import sys, time; sys.path.insert(0, '.'); from graph import MeetingGraph; t = time.perf_counter(); "
             f"g = MeetingGraph.load({str(out / 'graph.graphml')!r}); print(time.perf_counter() - t)")
    loads = [float(subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True,
                                  cwd=ROOT, env=CHILD_ENV).stdout) for _ in range(repeat)]
    return {"state_s": statistics.median(fast), "graphml_s": graphml_s, "state_cpu_s": statistics.median(cpu),
            "graphml_cpu_s": graphml_cpu, "load_s": statistics.median(loads)}


def _children_cpu() -> float:
    """CPU seconds used so far by finished child processes."""
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def bench_synthetic(size: int, workdir: Path) -> dict:
    """A full build of `size` synthetic reports (peak memory), then 1% new reports (GraphML and
    view written, as in the full build)."""
    from synthetic_reports import write_corpus

    corpus, out = workdir / f"synthetic_{size}", workdir / f"synthetic_{size}_out"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    write_corpus(corpus, size)
    full = _run(corpus, out)
    write_corpus(corpus, max(1, size // 100), start=size)
    inc = _run(corpus, out)
    return {"size": size, "full": full, "incremental": inc}


def bench_records(size: int, workdir: Path) -> dict:
    """The graph side of a build at `size` meetings: full (graph and cache), then +1% records."""
    from graph.synthetic import synthetic_records

    state = workdir / f"records_{size}.state"
    state.unlink(missing_ok=True)
    records = list(synthetic_records(size + max(1, size // 100), seed=0))
    base = sum(1 for _ in synthetic_records(size, seed=0))
    with open(workdir / f"records_{size}.jsonl", "w", encoding="utf-8") as fh:  # as the store holds them
        fh.writelines(json.dumps(r) + "\n" for r in records[:base])
    with open(workdir / f"records_{size}.members.jsonl", "w", encoding="utf-8") as fh:  # as its members table
        fh.writelines(json.dumps([r["doc_id"], r["source"], r.get("source_id")]) + "\n" for r in records[:base])
    with open(workdir / f"records_{size}.extra.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(dict(r, doc_id=f"new-{i}-{r['doc_id']}", source=f"zz-new/{i}.json")) + "\n"
                      for i, r in enumerate(records[base:]))
    del records
    full = _child("--_records", str(size), str(state), "0")
    inc = _child("--_records", str(size), str(state), "1")
    return {"size": size, "full": full, "incremental": inc}


def _child(*args: str) -> dict:
    """Run this script with `args` in a fresh process; its last stdout line is JSON."""
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT, env=CHILD_ENV)
    if proc.returncode != 0:
        raise SystemExit(f"{args} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - t
    print(f"  records {args}: {result}", file=sys.stderr)
    return result


def _records_child(size: str, state: str, extra: str) -> None:
    """Build the graph of the records written by `bench_records` into the cache at `state`; with
    `extra` "1", apply the extra records to that cache, the others given as the stand-ins a
    build gives for documents the cache holds."""
    import gc
    import itertools

    from graph.incremental import GraphState, known_record, load_state, save_state

    folder = Path(state).parent
    t = time.perf_counter()

    def stream(name: str, known: bool = False):
        with open(folder / name, encoding="utf-8") as fh:
            for line in fh:  # a known record is its member row (doc_id, source, source_id), as a build reads it
                yield known_record(*json.loads(line)) if known else json.loads(line)

    load_s = 0.0
    if extra == "1":
        loaded = load_state(state)
        st = loaded[1]
        load_s = time.perf_counter() - t
        records = itertools.chain(stream(f"records_{size}.members.jsonl", known=True),
                                  stream(f"records_{size}.extra.jsonl"))
    else:
        st, records = GraphState(), stream(f"records_{size}.jsonl")
    stats = st.update(records)
    update_s = time.perf_counter() - t
    mark = time.perf_counter()
    save_state(st, state, header={})
    save_s = time.perf_counter() - mark
    total = time.perf_counter() - t
    gc.freeze()
    me = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"seconds": total, "load_s": load_s, "update_s": update_s - load_s, "save_s": save_s,
                      "peak_mb": me.ru_maxrss / 1024,
                      "cpu_s": me.ru_utime + me.ru_stime, "nodes": len(st.plain), "full": stats.full,
                      "rebuilt": [stats.meetings_rebuilt, stats.people_rebuilt]}))


def _run(corpus: Path, out: Path, *, graphml: bool = True, view: bool = True) -> dict:
    """One build in a fresh Python process: wall time, peak memory and the summary."""
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--_build", str(corpus), str(out), str(graphml), str(view)],
                          capture_output=True, text=True, cwd=ROOT, env=CHILD_ENV)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"the build of {corpus} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall_s"] = wall
    print(f"  {corpus.name}: {wall:.1f} s; {result['summary']['timings']}", file=sys.stderr)
    return result


def _build_child(corpus: str, out: str, graphml: str, view: str) -> None:
    """The child process: build, then print the summary and peak memory as one JSON line."""
    from graph.corpus import build_corpus

    summary = build_corpus([corpus], out, graphml=graphml == "True", view=view == "True")
    import gc

    gc.freeze()  # as the diplograph command does before it exits: no last collection over the graph
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    me, kids = me.ru_maxrss, kids.ru_maxrss
    keep = ("documents", "new", "unchanged", "removed", "extracted", "reused", "meetings", "officials", "seconds",
            "timings")
    sys.stdout.flush()
    update = summary.graph_update
    print(json.dumps({"peak_mb": max(me, kids) / 1024, "cpu_s": cpu, "summary": {k: getattr(summary, k) for k in keep},
                      "rebuilt": [update.meetings_rebuilt, update.people_rebuilt] if update else None}))


def _same_graph(a: Path, b: Path) -> dict:
    """Compare two build outputs: GraphML bytes, and the graphs' nodes, edges and attributes."""
    from graph.export import read_graphml
    from graph.incremental import load_graph

    ga, gb = load_graph(a / "graph.state")[1], load_graph(b / "graph.state")[1]
    nodes = dict(ga.nodes(data=True)) == dict(gb.nodes(data=True))
    edges = ({(u, v, k): d for u, v, k, d in ga.edges(keys=True, data=True)}
             == {(u, v, k): d for u, v, k, d in gb.edges(keys=True, data=True)})
    graphml = (a / "graph.graphml").read_bytes() == (b / "graph.graphml").read_bytes()
    parsed = sorted(read_graphml(a / "graph.graphml").nodes(data=True)) == sorted(gb.nodes(data=True))
    return {"nodes": nodes, "edges": edges, "graphml_bytes": graphml, "graphml_parsed_nodes": parsed,
            "n_nodes": len(ga), "n_edges": ga.number_of_edges()}


def _table(history: dict | None, query: dict | None, synthetic: list[dict], records: list[dict] = ()) -> str:
    """The results as a Markdown table."""
    lines = ["| measure | value | detail |", "|---|---|---|"]
    if history:
        full = history["full"]["wall_s"]
        lines.append(f"| historical corpus, full build | {full:.1f} s ({history['full']['cpu_s']:.1f} s CPU) | "
                     f"{history['full']['summary']['documents']:,} "
                     f"documents, peak {history['full']['peak_mb']:.0f} MB; steps "
                     f"{_steps(history['full'])} |")
        for name in ("nothing new", "+1 document", "+1 document, GraphML and view deferred",
                     "+1% documents, deferred", "nothing new, deferred outputs written", "-1 document"):
            row = history[name]
            lines.append(f"| historical, {name} / full build | {row['wall_s'] / full:.3f} wall, "
                         f"{row['cpu_s'] / history['full']['cpu_s']:.3f} CPU | {row['wall_s']:.1f} s "
                         f"({row['cpu_s']:.1f} s CPU); rebuilt (meetings, people) {row['rebuilt']}; "
                         f"steps {_steps(row)} |")
        eq = history["equal"]
        lines.append(f"| incremental graph == fresh build | {eq['nodes'] and eq['edges'] and eq['graphml_bytes']} | "
                     f"nodes {eq['nodes']}, edges {eq['edges']}, GraphML bytes {eq['graphml_bytes']} "
                     f"({eq['n_nodes']:,} nodes, {eq['n_edges']:,} edges) |")
    if query:
        lines.append(f"| `query who-met` wall time, historical | {query['state_s']:.2f} s ({query['state_cpu_s']:.2f} s "
                     f"CPU) | process start included (median of 3); parsing the GraphML instead: "
                     f"{query['graphml_s']:.2f} s ({query['graphml_cpu_s']:.2f} s CPU) |")
        lines.append(f"| `MeetingGraph.load` of the historical graph | {query['load_s']:.2f} s | in-process, from "
                     "the cache beside the GraphML (median of 3) |")
    for row in synthetic:
        full, inc = row["full"], row["incremental"]
        lines.append(f"| synthetic {row['size']:,} docs, +1% / full build | {inc['wall_s'] / full['wall_s']:.3f} wall, "
                     f"{inc['cpu_s'] / full['cpu_s']:.3f} CPU | "
                     f"full {full['wall_s']:.1f} s, +1% {inc['wall_s']:.1f} s "
                     f"({inc['summary']['extracted']} extracted); steps {_steps(inc)} |")
        lines.append(f"| synthetic {row['size']:,} docs, full build peak memory | {full['peak_mb']:.0f} MB | "
                     f"{full['summary']['meetings']:,} meetings; steps {_steps(full)} |")
    for row in records:
        full, inc = row["full"], row["incremental"]
        lines.append(f"| graph side, {row['size']:,} synthetic meetings: +1% / full (graph and cache) | "
                     f"{inc['seconds'] / full['seconds']:.3f} in-process, {inc['wall_s'] / full['wall_s']:.3f} wall | "
                     f"full {full['seconds']:.1f} s (build {full['update_s']:.1f}, cache {full['save_s']:.1f}), "
                     f"+1% {inc['seconds']:.1f} s (reading the cache {inc['load_s']:.1f}, update {inc['update_s']:.1f}, "
                     f"saving {inc['save_s']:.1f}); "
                     f"rebuilt {inc['rebuilt']} |")
        lines.append(f"| graph side, {row['size']:,} synthetic meetings: peak memory | {full['peak_mb']:.0f} MB | "
                     f"{full['nodes']:,} nodes |")
    return "\n".join(lines)


def _cache_bytecode(folder: Path, history: Path | None, workdir: Path) -> None:
    """Make every process keep its compiled modules in `folder`, and fill it with a warm-up build."""
    import os

    global CHILD_ENV
    folder.mkdir(parents=True, exist_ok=True)
    CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(folder.resolve())
    if history is not None:  # a whole build and a +1 imports every module a timed build does
        corpus, out = workdir / "warmup", workdir / "warmup_out"
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(history, corpus)
        _run(corpus, out)
        add_trips(corpus, 1, tag="warmup")
        _run(corpus, out, graphml=False, view=False)
    subprocess.run([sys.executable, "-c", "import graph.incremental, graph.state_file, graph.row_graph, graph.query"],
                   check=True, cwd=ROOT, env=CHILD_ENV)


def _steps(row: dict) -> str:
    """A build's step timings, short."""
    return ", ".join(f"{k} {'-' if v is None else v if isinstance(v, str) else f'{v:.2f}'}"
                     for k, v in row["summary"]["timings"].items())


def _main() -> None:
    parser = argparse.ArgumentParser(description="diplograph incremental build and query benchmark (ratios).")
    parser.add_argument("--history", default=str(HISTORY), help="the Office of the Historian corpus ('' to skip)")
    parser.add_argument("--synthetic", default="10000", help="synthetic corpus sizes ('' to skip)")
    parser.add_argument("--workdir", default=None, help="scratch folder (default: a temporary one)")
    parser.add_argument("--records", default="", help="graph-side sizes in meetings, e.g. 100000 ('' to skip)")
    parser.add_argument("--bytecode-cache", default=None,
                        help="keep compiled modules in this folder, as an installed Python does (see above)")
    parser.add_argument("--_build", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--_records", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._build:
        _build_child(*args._build)
        return
    if args._records:
        _records_child(*args._records)
        return
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="diplograph-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if args.bytecode_cache:
        _cache_bytecode(Path(args.bytecode_cache), Path(args.history) if args.history else None, workdir)
    history = query = None
    if args.history:
        history = bench_history(Path(args.history), workdir)
        query = bench_query(Path(history["out"]))
    synthetic = [bench_synthetic(int(s), workdir) for s in args.synthetic.split(",") if s.strip()]
    records = [bench_records(int(s), workdir) for s in args.records.split(",") if s.strip()]
    print(_table(history, query, synthetic, records))


if __name__ == "__main__":
    _main()
