"""extract.runner.LocalEngine with workers: the parent drops the pipeline it loaded only for them."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A fresh process: whether the parent had a pipeline before the pool is what is tested.
_SCRIPT = textwrap.dedent("""
    import json, sys
    from extract.pipeline import _load, load_pipeline
    from extract.runner import LocalEngine
    from extract.sources import document_from_text

    if sys.argv[1] == "loaded":
        mine = load_pipeline()
    docs = [document_from_text(f"Foreign Minister Ana Ruiz met Foreign Minister Li Wen in Lima on {d} May 2024.")
            for d in (3, 4, 5)]
    with LocalEngine(workers=2, batch_size=1) as engine:
        dates = [rec["meetings"][0]["date"] for _, rec in engine.map(docs)]
        during = _load.cache_info().currsize
    print(json.dumps({"dates": dates, "during": during, "after": _load.cache_info().currsize}))
""")


def _run(mode: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", _SCRIPT, mode], capture_output=True, text=True, cwd=ROOT,
                          check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_local_engine_workers_free_the_pipeline_loaded_for_them():
    fresh = _run("fresh")
    assert fresh["dates"] == ["2024-05-03", "2024-05-04", "2024-05-05"]
    assert fresh["during"] == 1 and fresh["after"] == 0


def test_local_engine_workers_keep_a_pipeline_loaded_before():
    kept = _run("loaded")
    assert kept["dates"] == ["2024-05-03", "2024-05-04", "2024-05-05"]
    assert kept["after"] == 1
