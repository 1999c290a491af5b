"""Scale benchmark: extraction cost, parallel and Dask engines, incremental builds, peak memory.

Every result is a ratio of two timings taken in the same run on the same documents, so
the numbers carry over between machines better than absolute times:

1. extraction (our pipeline and records) over the bare spaCy pipeline (``spacy.load`` of
   the same model, ``nlp.pipe`` over the same texts);
2. ``--workers 2`` over ``--workers 1`` throughput (the local process pool), and spaCy's
   own ``n_process=2`` for comparison;
3. an incremental build with 1% new documents over the full build (both as a user runs
   them: ``diplograph build`` in a fresh process, including start-up and model load);
4. the Dask engine on a local cluster over the local engine (same worker count);
5. peak memory (max RSS of the build process and its children) of full builds at growing
   sizes, with the slope and what it predicts for 100,000 reports.

Usage:

    python bench/bench_scale.py [--docs 1000] [--sizes 2000,5000,10000] [--workdir DIR]

Reports are made by bench/synthetic_reports.py. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from synthetic_reports import write_corpus  # noqa: E402

__all__ = ["bench_extraction", "bench_engines", "bench_builds"]


def bench_extraction(docs: list) -> dict:
    """Time the bare spaCy pipeline and our extraction over the same documents (one process)."""
    import spacy

    from extract.pipeline import DEFAULT_MODELS, load_pipeline
    from extract.runner import LocalEngine

    nlp_ours = load_pipeline()
    base = next(n for n in DEFAULT_MODELS if spacy.util.is_package(n))
    bare = spacy.load(base)
    texts = [d.text for d in docs]
    list(bare.pipe(texts[:50], batch_size=64)), list(LocalEngine().map(docs[:50]))  # warm up
    t = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=64):
        pass
    t_bare = time.perf_counter() - t
    t = time.perf_counter()
    with LocalEngine(batch_size=64) as engine:
        for _ in engine.map(docs):
            pass
    t_ours = time.perf_counter() - t
    del nlp_ours
    return {"bare_s": t_bare, "ours_s": t_ours, "ratio": t_ours / t_bare, "docs": len(docs), "model": base}


def bench_engines(docs: list) -> dict:
    """Time the local engine with 1 and 2 workers, spaCy's n_process=2, and Dask (2 local workers)."""
    from extract.pipeline import load_pipeline
    from extract.record import extract_documents
    from extract.runner import DaskEngine, LocalEngine

    load_pipeline()
    out = {}
    for workers in (1, 2):
        t = time.perf_counter()
        with LocalEngine(workers=workers, batch_size=64) as engine:
            local = [r for _, r in engine.map(docs)]
        out[f"local{workers}_s"] = time.perf_counter() - t
        if workers == 1:
            reference = local
    out["local2_equal"] = local == reference
    t = time.perf_counter()
    try:
        spacy_mp = [r for _, r in extract_documents(iter(docs), load_pipeline(), batch_size=64, n_process=2)]
        out["n_process2_s"] = time.perf_counter() - t
        failures = [r for r in spacy_mp if not isinstance(r, dict)]
        if failures:  # spaCy must serialise our Doc extensions between processes
            out["n_process2_s"] = None
            out["n_process2_error"] = f"{len(failures)} of {len(docs)} documents failed: {failures[0].reason}"
    except Exception as err:
        out["n_process2_s"] = None
        out["n_process2_error"] = f"{type(err).__name__}: {err}"
    t = time.perf_counter()
    with DaskEngine(workers=2, batch_size=64) as engine:
        out["dask_start_s"] = time.perf_counter() - t
        dask = [r for _, r in engine.map(docs)]
    out["dask2_s"] = time.perf_counter() - t
    out["dask_equal"] = dask == reference
    return out


def bench_builds(sizes: list[int], workdir: Path) -> list[dict]:
    """Full build, then 1% new documents, at each size; each build in a fresh process."""
    rows = []
    for size in sizes:
        corpus, out = workdir / f"corpus_{size}", workdir / f"out_{size}"
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        write_corpus(corpus, size)
        full = _run_build(corpus, out)
        write_corpus(corpus, max(1, size // 100), start=size)
        inc = _run_build(corpus, out)
        rows.append({"size": size, "full": full, "incremental": inc})
        print(f"  size {size}: full {full['wall_s']:.1f} s, peak {full['peak_mb']:.0f} MB; "
              f"incremental {inc['wall_s']:.1f} s ({inc['summary']['extracted']} extracted)", file=sys.stderr)
    return rows


def _run_build(corpus: Path, out: Path) -> dict:
    """Run one build in a fresh Python process; return wall time, peak memory and its summary."""
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--_build", str(corpus), str(out)], capture_output=True,
                          text=True, cwd=ROOT)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"the build of {corpus} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall_s"] = wall
    return result


def _build_child(corpus: str, out: str) -> None:
    """The child process: build, then print the summary and peak memory as one JSON line."""
    from graph.corpus import build_corpus

    summary = build_corpus([corpus], out)
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    keep = ("documents", "new", "unchanged", "extracted", "reused", "meetings", "officials", "seconds")
    print(json.dumps({"peak_mb": max(me, kids) / 1024, "summary": {k: getattr(summary, k) for k in keep},
                      "graph_mb": os.path.getsize(summary.outputs["graph"]) / 2**20,
                      "store_mb": os.path.getsize(summary.outputs["store"]) / 2**20}))


def _documents(count: int, workdir: Path) -> list:
    """Read `count` synthetic reports into Documents (reading is not part of the timings)."""
    from extract import Document, iter_sources

    folder = workdir / f"docs_{count}"
    shutil.rmtree(folder, ignore_errors=True)
    write_corpus(folder, count, seed=1)
    return [d for d in iter_sources([folder]) if isinstance(d, Document)]


def _table(ex: dict, en: dict, builds: list[dict]) -> str:
    """The results as a Markdown table."""
    n = ex["docs"]
    lines = ["| measure | value | detail |", "|---|---|---|"]
    lines.append(f"| extraction / bare spaCy ({ex['model']}) | {ex['ratio']:.2f}x the time | "
                 f"{n} docs: ours {ex['ours_s']:.1f} s ({n / ex['ours_s']:.0f} docs/s), bare {ex['bare_s']:.1f} s "
                 f"({n / ex['bare_s']:.0f} docs/s) |")
    lines.append(f"| --workers 2 / --workers 1 throughput | {en['local1_s'] / en['local2_s']:.2f}x | "
                 f"{en['local1_s']:.1f} s vs {en['local2_s']:.1f} s, same records: {en['local2_equal']} |")
    if en["n_process2_s"]:
        lines.append(f"| spaCy n_process=2 / --workers 1 throughput | {en['local1_s'] / en['n_process2_s']:.2f}x | "
                     f"{en['n_process2_s']:.1f} s (the alternative to the process pool) |")
    else:
        lines.append(f"| spaCy n_process=2 / --workers 1 throughput | fails | {en['n_process2_error'][:160]} |")
    lines.append(f"| Dask local (2 workers) / local --workers 2 time | {en['dask2_s'] / en['local2_s']:.2f}x | "
                 f"{en['dask2_s']:.1f} s incl. {en['dask_start_s']:.1f} s cluster start; same records: "
                 f"{en['dask_equal']} |")
    for row in builds:
        full, inc = row["full"], row["incremental"]
        lines.append(f"| incremental (1% new) / full build, {row['size']:,} docs | "
                     f"{inc['wall_s'] / full['wall_s']:.3f} | full {full['wall_s']:.1f} s, incremental "
                     f"{inc['wall_s']:.1f} s ({inc['summary']['extracted']} extracted) |")
    for row in builds:
        full = row["full"]
        lines.append(f"| peak memory, full build of {row['size']:,} docs | {full['peak_mb']:.0f} MB | "
                     f"graph {full['graph_mb']:.0f} MB, store {full['store_mb']:.0f} MB |")
    if len(builds) >= 2:
        (a, b) = builds[0], builds[-1]
        slope = (b["full"]["peak_mb"] - a["full"]["peak_mb"]) / ((b["size"] - a["size"]) / 1000)
        at_100k = b["full"]["peak_mb"] + slope * (100_000 - b["size"]) / 1000
        tslope = (b["full"]["wall_s"] - a["full"]["wall_s"]) / (b["size"] - a["size"])
        lines.append(f"| peak memory slope | {slope:.1f} MB per 1,000 docs | linear extrapolation to 100,000 docs: "
                     f"{at_100k:,.0f} MB; full build time {tslope * 100_000 / 60:.0f} min at this rate |")
    return "\n".join(lines)


def _main() -> None:
    parser = argparse.ArgumentParser(description="diplograph scale benchmark (ratios).")
    parser.add_argument("--docs", type=int, default=1000, help="documents for the extraction and engine timings")
    parser.add_argument("--sizes", default="2000,5000,10000", help="corpus sizes for the build timings")
    parser.add_argument("--workdir", default=None, help="scratch folder (default: a temporary one)")
    parser.add_argument("--_build", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._build:
        _build_child(*args._build)
        return
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="diplograph-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(f"workdir {workdir}; {os.cpu_count()} cores", file=sys.stderr)
    docs = _documents(args.docs, workdir)
    ex = bench_extraction(docs)
    print(f"  extraction {ex['ratio']:.2f}x bare spaCy", file=sys.stderr)
    en = bench_engines(docs)
    print(f"  engines {en}", file=sys.stderr)
    builds = bench_builds(sizes, workdir)
    print(_table(ex, en, builds))


if __name__ == "__main__":
    _main()
