"""Print the README's development-set table rows: one `diplograph evaluate` run per fold.

Usage:

    python tools/devset_rows.py --label "tuned" --fold c1 --fold c2 --fold c3 [--texts /tmp/devset/texts]
    python tools/devset_rows.py --label "first run" --fold c4 --code /path/to/older/checkout

`--code` runs the extractor of another checkout (a `git worktree` at an older commit) with today's
gold and manifest, so first-run and later numbers come from one scorer's view of one set.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def evaluate(fold: str, texts: Path, code: Path) -> str:
    """The evaluate table of one fold, as printed."""
    env = dict(os.environ, PYTHONPATH=str(code))
    cmd = [sys.executable, "-m", "diplograph_cli", "evaluate", str(ROOT / "data/devset/gold"), str(texts),
           "--manifest", str(ROOT / "data/devset/manifest.jsonl"), "--fold", fold]
    out = subprocess.run(cmd, cwd=code, env=env, capture_output=True, text=True, check=True)
    return out.stdout


def row(label: str, table: str) -> str:
    """One markdown row: pairs P/R/F1, participants F1, meetings F1, attributes end to end, topics, and
    the documents without a held meeting that got one."""
    prf = {m.group(1): m.groups()[1:] for m in re.finditer(
        r"^(\w+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)/(\d+)/(\d+)", table, re.M)}
    acc = {m.group(1): m.group(3) for m in re.finditer(r"^(title|country|date|place|kind)\s+([\d.]+)\s+([\d.]+)",
                                                        table, re.M)}
    pairs, topics = prf["participant_pairs"], prf["topics"]
    cells = [label, " / ".join(pairs[:3]), prf["participants"][2], prf["meetings"][2],
             *(acc[k] for k in ("title", "country", "date", "place", "kind")), " / ".join(topics[:3]),
             prf["documents_with_meetings"][4]]
    return "| " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--label", required=True, help="the run's name; the fold is put before it")
    p.add_argument("--fold", action="append", required=True)
    p.add_argument("--texts", type=Path, default=Path("/tmp/devset/texts"))
    p.add_argument("--code", type=Path, default=ROOT, help="the checkout whose extractor runs (default: this one)")
    args = p.parse_args(argv)
    for fold in args.fold:
        print(row(f"{fold} {args.label}", evaluate(fold, args.texts, args.code.resolve())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
