"""Build extract/resources/actors_world.csv from the succession lists in tools/actors_world/.

The world actor dictionary is written by hand as one succession list per office, which is easier
to read and check than a CSV of thousands of rows: an office header, then its holders in order.

    == DEU Chancellor
    Helmut Kohl | 1982-10-01
    Gerhard Schröder; Gerhard Schroeder | 1998-10-27
    Angela Merkel | 2005-11-22 | 2021-12-08

A holder line is ``name[; alias ...] | from [| to]``. Without a ``to`` field a holder leaves office
on the next holder's ``from`` (the last one of a list is still in office); an explicit ``to``,
empty for "still in office", overrides that. Dates are YYYY-MM-DD, YYYY-MM or YYYY. Lines starting
with ``#`` are comments; ``sources:`` on a line of its own sets the sources note of the rows below
it in that file (default "public record").

Rows that extract/resources/actors.csv already holds (same person, same kind of office, same
start within 60 days) are left out, so the two files never say the same thing twice.

Usage, from the repository root::

    python tools/build_actors_world.py          # write the CSV, print a summary
    python tools/build_actors_world.py --check  # fail if the CSV is stale
"""

from __future__ import annotations

import csv
import io
import os
import re
import sys
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

__all__ = ["HEADER", "parse_lists", "build_rows", "render", "main"]

ROOT = Path(__file__).resolve().parents[1]
LISTS = ROOT / "tools" / "actors_world"
OUT = ROOT / "extract" / "resources" / "actors_world.csv"
EXISTING = ROOT / "extract" / "resources" / "actors.csv"

#: Columns of the generated file, in order.
HEADER = ["name", "aliases", "country", "title", "from", "to", "sources"]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

#: Titles that name the same kind of office, for the duplicate check against actors.csv.
_OFFICE_KIND = {
    "foreign secretary": "foreign",
    "secretary of state": "foreign",
    "external affairs minister": "foreign",
    "foreign minister": "foreign",
    "secretary of foreign affairs": "foreign",
    "queen": "monarch",
    "king": "monarch",
}


def parse_lists(text: str, where: str) -> list[dict[str, str]]:
    """Parse one succession-list file into CSV rows.

    Examples
    --------
    >>> rows = parse_lists("== DEU Chancellor\\nA B | 1990\\nC D; Cee Dee | 1995-05 | 1999\\n", "x")
    >>> [(r["name"], r["aliases"], r["from"], r["to"]) for r in rows]
    [('A B', '', '1990', '1995-05'), ('C D', 'Cee Dee', '1995-05', '1999')]
    """
    rows: list[dict[str, str]] = []
    office: tuple[str, str] | None = None
    pending: list[tuple[dict[str, str], bool]] = []
    sources = "public record"

    def flush() -> None:
        for i, (row, explicit_to) in enumerate(pending):
            if not explicit_to:
                row["to"] = pending[i + 1][0]["from"] if i + 1 < len(pending) else ""
            rows.append(row)
        pending.clear()

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("sources:"):
            sources = line.split(":", 1)[1].strip()
            continue
        if line.startswith("=="):
            flush()
            code, _, title = line[2:].strip().partition(" ")
            if not title:
                raise ValueError(f"{where}, line {number}: office header needs a code and a title")
            office = (code, title.strip())
            continue
        if office is None:
            raise ValueError(f"{where}, line {number}: holder before any '== CODE Title' header")
        fields = [f.strip() for f in line.split("|")]
        if len(fields) not in (2, 3):
            raise ValueError(f"{where}, line {number}: expected 'name | from [| to]', got {line!r}")
        names = _distinct([n.strip() for n in fields[0].split(";") if n.strip()])
        for value in fields[1:]:
            if value and not _DATE.match(value):
                raise ValueError(f"{where}, line {number}: bad date {value!r}")
        row = {
            "name": names[0],
            "aliases": ";".join(names[1:]),
            "country": office[0],
            "title": office[1],
            "from": fields[1],
            "to": fields[2] if len(fields) == 3 else "",
            "sources": sources,
        }
        pending.append((row, len(fields) == 3))
    flush()
    return rows


def build_rows(lists_dir: Path = LISTS, existing: Path = EXISTING) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Parse every list file and drop the rows actors.csv already has; return (kept, dropped)."""
    rows: list[dict[str, str]] = []
    for path in sorted(lists_dir.glob("*.txt")):
        rows.extend(parse_lists(path.read_text(encoding="utf-8"), str(path)))
    with existing.open(encoding="utf-8", newline="") as handle:
        old = list(csv.DictReader(handle))
    kept, dropped = [], []
    for row in rows:
        (dropped if any(_same_entry(row, o) for o in old) else kept).append(row)
    return kept, dropped


def render(rows: list[dict[str, str]]) -> str:
    """Return the CSV text of `rows`, with the header, sorted by country, title and start."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    for row in sorted(rows, key=lambda r: (r["country"], r["title"], r["from"], r["name"])):
        writer.writerow(row)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, verify) extract/resources/actors_world.csv."""
    argv = sys.argv[1:] if argv is None else argv
    kept, dropped = build_rows()
    text = render(kept)
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is stale: run python tools/build_actors_world.py", file=sys.stderr)
            return 1
        return 0
    fd, tmp = tempfile.mkstemp(dir=OUT.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    os.replace(tmp, OUT)
    print(f"wrote {len(kept)} rows to {OUT.relative_to(ROOT)}; "
          f"{len(dropped)} left out as already in actors.csv")
    return 0


def _fold(text: str) -> str:
    """Lower-case `text` without accents or punctuation."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9 ]", "", text.lower().replace("-", " ")).strip()


def _distinct(names: list[str]) -> list[str]:
    """`names` without those equal to an earlier one up to case, accents and punctuation."""
    seen: set[str] = set()
    kept = []
    for name in names:
        key = _fold(name).replace(" ", "")
        if key not in seen:
            seen.add(key)
            kept.append(name)
    return kept


def _start(value: str) -> date:
    """The earliest day a YYYY[-MM[-DD]] value can mean."""
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def _same_entry(new: dict[str, str], old: dict[str, str]) -> bool:
    """True when `old` (from actors.csv) is the same person, kind of office and start as `new`."""
    if new["country"] != old["country"] or not old["from"]:
        return False
    kind = lambda t: _OFFICE_KIND.get(t.lower(), t.lower())  # noqa: E731
    if kind(new["title"]) != kind(old["title"]):
        return False
    if abs((_start(new["from"]) - _start(old["from"])).days) > 60:
        return False
    new_names = {_fold(n) for n in [new["name"], *new["aliases"].split(";")] if n}
    old_names = {_fold(n) for n in [old["name"], *old["aliases"].split(";")] if n}
    if new_names & old_names:
        return True
    # Another spelling of the same holder: same surname and the very same start.
    return new["from"] == old["from"] and _fold(new["name"]).split()[-1] == _fold(old["name"]).split()[-1]


if __name__ == "__main__":
    sys.exit(main())
