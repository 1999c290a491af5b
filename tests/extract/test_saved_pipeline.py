"""A saved pipeline loads with plain spacy.load in a fresh process (entry points) and finds the same meetings."""

from __future__ import annotations

import json
import subprocess
import sys

TEXT = ("Foreign Minister Ana Ruiz of Chile met Foreign Minister Li Wen of China in Lima on 3 May 2024. "
        "They discussed trade.")

LOAD = """
import json, sys, spacy
nlp = spacy.load(sys.argv[1])
doc = nlp(sys.argv[2])
print(json.dumps({"pipe": nlp.pipe_names,
                  "meetings": [[doc._.dg_officials[p].name for p in m.participants] for m in doc._.dg_meetings],
                  "rules": sorted(doc._.dg_rules_fired)}))
"""


def test_saved_pipeline_loads_in_a_fresh_process(nlp, tmp_path):
    nlp.to_disk(tmp_path / "model")
    run = subprocess.run([sys.executable, "-c", LOAD, str(tmp_path / "model"), TEXT], capture_output=True, text=True,
                         timeout=300, cwd=tmp_path)  # cwd: not the repository, so only the installed package is found
    assert run.returncode == 0, run.stderr[-2000:]
    got = json.loads(run.stdout.strip().splitlines()[-1])
    doc = nlp(TEXT)
    assert got["pipe"] == nlp.pipe_names
    assert got["meetings"] == [[doc._.dg_officials[p].name for p in m.participants] for m in doc._.dg_meetings]
    assert got["meetings"] == [["Ana Ruiz", "Li Wen"]]
    assert got["rules"] == sorted(doc._.dg_rules_fired)
