"""Refresh the evaluate tables of the README's Accuracy section.

The README shows one ``diplograph evaluate`` table per gold set (data/gold and the blind sets
data/heldout*). Each sits in a ```` ```text ```` block whose first line is "<gold dir>: N
documents". This script extracts every set's reports again, scores them, and puts the fresh
tables in place; tests/extract/test_quality.py fails when a table is stale.

Usage, from the repository root::

    python tools/accuracy_tables.py                   # print the tables
    python tools/accuracy_tables.py --write README.md # replace them in the README
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import extract_paths  # noqa: E402
from extract.evaluate import format_table, load_gold, score  # noqa: E402

__all__ = ["SETS", "tables", "replace_table", "main"]

#: (gold folder, reports folder) of every set the README scores, relative to the repository root.
SETS = [("data/gold", "data/reports")] + [
    (f"data/{p.name}/gold", f"data/{p.name}/reports") for p in sorted((ROOT / "data").glob("heldout*")) if p.is_dir()]


def tables() -> dict[str, str]:
    """Each set's evaluate table, keyed by its gold folder (as the table's first line names it).

    >>> "data/gold" in tables()  # doctest: +SKIP
    True
    """
    out = {}
    for gold, reports in SETS:
        records = extract_paths([ROOT / reports]).records
        out[gold] = format_table(score(records, load_gold(ROOT / gold)), title=gold)
    return out


def replace_table(text: str, title: str, table: str) -> str:
    """`text` with the ```text block that starts with "<title>:" replaced by `table`.

    >>> replace_table("a\\n```text\\nx: 1 documents\\nold\\n```\\nb", "x", "x: 2 documents\\nnew")
    'a\\n```text\\nx: 2 documents\\nnew\\n```\\nb'

    Raises
    ------
    ValueError
        When the text has no such block (add one to the README first).
    """
    marker = "```text\n" + title + ":"
    start = text.find(marker)
    if start < 0:
        raise ValueError(f"no ```text block for {title} in the README; add one under ## Accuracy first")
    start += len("```text\n")
    end = text.index("```", start)
    return text[:start] + table + "\n" + text[end:]


def main(argv: list[str]) -> int:
    """Print the tables, or write them into the file given after ``--write``."""
    fresh = tables()
    if argv[:1] == ["--write"] and len(argv) == 2:
        path = Path(argv[1])
        text = path.read_text(encoding="utf-8")
        for title, table in fresh.items():
            text = replace_table(text, title, table)
        path.write_text(text, encoding="utf-8")
        return 0
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    print("\n\n".join(fresh.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
