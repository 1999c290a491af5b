"""The graph side of a whole ``diplograph build`` at 100k documents: time and peak memory per step.

Extracting 100,000 texts takes hours on two cores, so this benchmark lets the record store
stand in for the extractor: it writes `n` small report files, stores a synthetic record
(``graph.synthetic``) under each file's content hash for this extractor, and runs
``build_corpus`` on the folder in a fresh process. Every step after extraction is the real
one: reading and hashing the files, the store, the graph (``GraphState.update``), records.jsonl,
GraphML, the view and the cache. The peak resident memory (``ru_maxrss``) is read after each
step, so the step that set the peak is the first whose figure reaches it; the resident memory
before each step is printed beside it.

``--texts N`` measures extraction instead, on real text: it writes N synthetic reports
(``bench/synthetic_reports.py``) and builds them with the spaCy pipeline (one process), reading
the resident memory and its peak as batches are extracted, so that its growth per 1,000
documents can be extrapolated to 100,000 (extracting 100,000 texts takes hours on two cores).
The resident memory extraction leaves behind is what the graph side of a real build starts
from, instead of the 60 MB of the store-fed run.

Run on demand (not part of the test suite)::

    python bench/bench_build_memory.py                 # 100,000 documents
    python bench/bench_build_memory.py 20000 --workdir /tmp/bm
    python bench/bench_build_memory.py --no-view      # as 'diplograph build --no-view'
    python bench/bench_build_memory.py --texts 3000   # extraction's own memory
    python bench/bench_build_memory.py --after-texts 3000   # the graph steps beside what extraction leaves
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

__all__ = ["prepare", "measure", "measure_extraction", "main"]


def rss_mb() -> float:
    """The resident memory of this process now, in MiB (Linux)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    """The peak resident memory of this process so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prepare(n: int, folder: Path) -> Path:
    """Write `n` report files under `folder`/reports and a store holding a synthetic record for each."""
    from extract import Document, iter_sources
    from extract.record import DEFAULT_MAX_CHARS
    from extract.runner import extractor_key
    from graph.store import RecordStore
    from graph.synthetic import synthetic_records

    reports = folder / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    records = list(synthetic_records(n, seed=0))[:n]
    for i, rec in enumerate(records):
        sub = reports / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        people = " and ".join(p["name"] for p in rec["meetings"][0]["participants"])
        (sub / f"{i:06d}.txt").write_text(f"Report {i}\n\n{people} met on {rec['published']}.\n", encoding="utf-8")
    version = extractor_key(None, max_chars=DEFAULT_MAX_CHARS)
    out = folder / "out"
    out.mkdir(exist_ok=True)
    docs = [d for d in iter_sources([reports]) if isinstance(d, Document)]
    by_source = {Path(d.source).name: d for d in docs}
    with RecordStore(out / "store.sqlite") as db:
        batch = []
        for i, rec in enumerate(records):
            d = by_source[f"{i:06d}.txt"]
            batch.append((d.doc_id, dict(rec, doc_id=d.doc_id, source=d.source)))
            if len(batch) >= 5000:
                db.put_records(batch, version=version)
                batch.clear()
        db.put_records(batch, version=version)
    return reports


def measure(reports: Path, out: Path, *, view: bool = True, texts: Path | None = None) -> dict:
    """Build `reports` into `out` (every record already stored); time and peak after each step.

    With `texts`, those texts are extracted first in the same process (records discarded), so
    that the graph steps run beside what extraction leaves resident, as in a real build.
    """
    import graph.corpus as corpus
    import graph.export as export
    import graph.incremental as incremental
    import graph.views as views

    steps: list[tuple[str, float, float, float]] = []

    def timed(name, func):
        def run(*args, **kwargs):
            before = rss_mb()
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                steps.append((name, time.perf_counter() - start, peak_mb(), before))
        return run

    update = incremental.GraphState.update
    incremental.GraphState.update = timed("graph (GraphState.update)", update)
    export.write_graphml = timed("graph.graphml", export.write_graphml)
    views.write_view = timed("graph.html", views.write_view)
    incremental.save_state = timed("graph.state (cache)", incremental.save_state)
    start = time.perf_counter()
    steps.append(("start", 0.0, peak_mb(), rss_mb()))
    if texts is not None:
        timed(f"extraction of {texts.name}", _extract)(texts)
    summary = corpus.build_corpus([reports], out, view=view)
    total = time.perf_counter() - start
    return {"documents": summary.documents, "extracted": summary.extracted, "reused": summary.reused,
            "meetings": summary.meetings, "seconds": total, "peak_mb": peak_mb(),
            "steps": steps, "timings": {k: v for k, v in summary.timings.items() if isinstance(v, float)}}


def _extract(texts: Path) -> None:
    """Extract every text under `texts` with the build's local engine, keeping nothing."""
    from extract import Document, iter_sources
    from extract.runner import open_engine

    with open_engine("local") as runner:
        for _ in runner.map(d for d in iter_sources([texts]) if isinstance(d, Document)):
            pass


def _texts(n: int, work: Path) -> Path:
    """The folder of `n` synthetic reports in `work`, written on first use."""
    from bench.synthetic_reports import write_corpus

    reports = work / f"texts_{n}"
    if not (work / f"texts_ready_{n}").exists():
        write_corpus(reports, n, seed=0)
        (work / f"texts_ready_{n}").write_text(str(reports))
    return reports


def measure_extraction(reports: Path, out: Path) -> dict:
    """Build `reports` (nothing stored: every text is extracted); resident memory as batches are done."""
    import graph.corpus as corpus
    import graph.incremental as incremental

    samples: list[tuple[int, float, float]] = []
    mark = [time.perf_counter()]

    def progress(phase: str, done: int, total) -> None:
        if phase == "extracting" and done and (not samples or samples[-1][0] != done):
            samples.append((done, rss_mb(), peak_mb()))

    after: dict = {}
    update = incremental.GraphState.update

    def graph_update(self, *args, **kwargs):  # extraction is over: what it left resident
        after.update(rss=rss_mb(), peak=peak_mb(), seconds=time.perf_counter() - mark[0])
        return update(self, *args, **kwargs)

    incremental.GraphState.update = graph_update
    start = rss_mb()
    summary = corpus.build_corpus([reports], out, view=False, graphml=False, progress=progress)
    return {"documents": summary.documents, "extracted": summary.extracted, "start_mb": start,
            "samples": samples, "after_extraction": after, "peak_mb": peak_mb(),
            "timings": {k: v for k, v in summary.timings.items() if isinstance(v, float)}}


def _extraction_main(n: int, work: Path) -> int:
    """Write `n` synthetic reports (once per work folder), extract them in a fresh process, print the figures."""
    reports = _texts(n, work)
    out = work / f"texts_out_{n}"
    if out.exists():
        import shutil

        shutil.rmtree(out)  # a store of its own, empty: every text is extracted
    proc = subprocess.run([sys.executable, __file__, "--_extract", str(reports), str(out)], capture_output=True,
                          text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-3000:])
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    after = r["after_extraction"]
    print(f"{r['extracted']:,} texts extracted in {r['timings'].get('extract', 0):.0f} s "
          f"({r['extracted'] / max(r['timings'].get('extract', 1), 1e-9):.1f} per s, load average "
          f"{os.getloadavg()[0]:.1f}); resident at start {r['start_mb']:.0f} MiB, after extraction "
          f"{after.get('rss', 0):.0f} MiB, peak during extraction {after.get('peak', 0):.0f} MiB, peak of the "
          f"whole build {r['peak_mb']:.0f} MiB")
    print("| documents extracted | resident MiB | peak MiB |")
    print("|---|---|---|")
    samples = r["samples"]
    for done, rss, peak in samples[:: max(1, len(samples) // 12)] + samples[-1:]:
        print(f"| {done:,} | {rss:,.0f} | {peak:,.0f} |")
    # the last report comes after the batches, once the build has gone on: the slope leaves it out
    half = [s for s in samples[:-1] if s[0] >= samples[-1][0] / 2]
    if len(half) >= 2 and half[-1][0] > half[0][0]:
        slope = (half[-1][1] - half[0][1]) / ((half[-1][0] - half[0][0]) / 1000)
        print(f"resident growth over the second half: {slope:.1f} MiB per 1,000 documents; at that rate "
              f"extraction would leave {half[-1][1] + slope * (100_000 - half[-1][0]) / 1000:,.0f} MiB "
              "resident at 100,000 documents")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Prepare the corpus (once per work folder) and measure a full build in a fresh process."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000, help="documents")
    parser.add_argument("--workdir", default="", help="keep the corpus here (a temporary folder by default)")
    parser.add_argument("--no-view", action="store_true", help="build without the HTML view (as --no-view)")
    parser.add_argument("--texts", type=int, default=0, metavar="N",
                        help="measure extraction's memory on N synthetic texts instead")
    parser.add_argument("--after-texts", type=int, default=0, metavar="N",
                        help="extract N synthetic texts first, in the same process, as a real build would")
    parser.add_argument("--_measure", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--_extract", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--_prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args._prepare:
        reports = prepare(args.n, Path(args.workdir) / f"corpus_{args.n}")
        (Path(args.workdir) / f"ready_{args.n}").write_text(str(reports))
        return 0
    if args._extract:
        print(json.dumps(measure_extraction(Path(args._extract[0]), Path(args._extract[1]))))
        return 0
    if args.texts:
        return _extraction_main(args.texts, Path(args.workdir or tempfile.mkdtemp(prefix="bench_build_memory_")))
    if args._measure:
        print(json.dumps(measure(Path(args._measure[0]), Path(args._measure[1]), view=args._measure[2] == "1",
                                 texts=Path(args._measure[3]) if args._measure[3] else None)))
        return 0
    work = Path(args.workdir or tempfile.mkdtemp(prefix="bench_build_memory_"))
    if not (work / f"ready_{args.n}").exists():  # prepared in a child too: a child inherits its parent's peak
        subprocess.run([sys.executable, __file__, str(args.n), "--workdir", str(work), "--_prepare"], check=True,
                       cwd=ROOT)
    reports = Path((work / f"ready_{args.n}").read_text())
    out = reports.parent / "out"
    for name in ("graph.state", "graph.graphml", "graph.html", "records.jsonl"):
        (out / name).unlink(missing_ok=True)  # a full build each time; the store keeps the records
    texts = str(_texts(args.after_texts, work)) if args.after_texts else ""
    proc = subprocess.run([sys.executable, __file__, "--_measure", str(reports), str(out), "0" if args.no_view else "1",
                           texts],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-3000:])
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"{result['documents']:,} documents ({result['extracted']} extracted, {result['reused']:,} from the "
          f"store), {result['meetings']:,} meetings: {result['seconds']:.1f} s, peak {result['peak_mb']:,.0f} MB "
          f"(load average {os.getloadavg()[0]:.1f})")
    print("| step | seconds | resident MB before it | peak MB after it |")
    print("|---|---|---|---|")
    for name, seconds, peak, before in result["steps"]:
        print(f"| {name} | {seconds:.1f} | {before:,.0f} | {peak:,.0f} |")
    print("build steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in result["timings"].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
