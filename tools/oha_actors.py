"""Generate extract/resources/actors_oha.csv: the foreign officials the Office of the Historian names.

The Office of the Historian's travels and visits data (``../shared/corpora/historyatstate``,
CC0) name thousands of foreign officials with their office, country and the dates they met a
U.S. President or Secretary of State. This script turns them into actor dictionary rows:

- mentions are read with ``extract.historyatstate`` (titles and countries as the reader gives
  them; countries taken from the place of a meeting are left out), grouped into people with
  ``graph.identity`` (spellings, transliterations, dates), and one row is written per person and
  office, ``from`` and ``to`` being the first and last day the data show them in that office
  (a lower bound of the term, not the term);
- people the hand-made dictionary already names at that date (the record's ``actor``) or under
  a spelling identity would join (same country), names of one word (too ambiguous to match in text), U.S. officials, and offices that are not a
  counterpart's (no title) are left out;
- a row that would overlap another person's row in a single-holder office (a title the data
  got wrong) is left out and listed on stderr.

Usage, from the repository root::

    python tools/oha_actors.py ../shared/corpora/historyatstate            # print the CSV
    python tools/oha_actors.py ../shared/corpora/historyatstate --write     # replace the shipped file
"""

from __future__ import annotations

import csv
import io
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pycountry  # noqa: E402

from extract.actors import BODY_CODES, bundled_actor_files, read_actor_files  # noqa: E402
from extract.historyatstate import is_historyatstate, read_historyatstate  # noqa: E402
from graph.identity import PersonResolver, could_be_same_person  # noqa: E402

__all__ = ["OUTPUT", "SINGLE_HOLDER", "mentions", "rows", "main"]

#: The generated file (read with the other bundled actors*.csv files).
OUTPUT = ROOT / "extract" / "resources" / "actors_oha.csv"

#: Offices one person holds at a time in one country.
SINGLE_HOLDER = frozenset({"President", "Prime Minister", "Foreign Minister", "Chancellor", "King", "Queen",
                           "Emir", "Crown Prince", "Secretary-General", "Premier", "Sultan", "Shah"})

#: Days between two mentions of one office beyond which they are two terms.
TERM_GAP_DAYS = 4 * 365

_SOURCE = "history.state.gov travels and visits (CC0)"
_BASES = ("from", "demonym")  # the country is the person's, read from the data or the text


def mentions(corpus: str | Path) -> list[dict]:
    """Every foreign official a trip or visit names with a title, a country and a date.

    Examples
    --------
    >>> mentions("/nonexistent")
    []
    """
    out = []
    for path in sorted(Path(corpus).rglob("*.xml")):
        if not is_historyatstate(path):
            continue
        for record in read_historyatstate(path):
            for meeting in record["meetings"]:
                for p in meeting["participants"]:
                    if (p.get("country_basis") in _BASES and p.get("title") and _valid(p.get("country"))
                            and p["country"] != "USA" and not p.get("actor") and meeting.get("date")):
                        out.append({"name": p["name"], "title": p["title"], "country": p["country"],
                                    "date": meeting["date"], "source": record["source_id"]})
    return out


def _valid(code: str | None) -> bool:
    """A code the actor dictionary accepts (ISO 3166-1 or -3 alpha-3, or one of its bodies)."""
    return bool(code) and (code in BODY_CODES or pycountry.countries.get(alpha_3=code) is not None
                           or pycountry.historic_countries.get(alpha_3=code) is not None)


def rows(found: list[dict]) -> tuple[list[dict], list[str]]:
    """Dictionary rows from the mentions, and the rows left out (with why)."""
    resolver = PersonResolver()
    for m in found:
        resolver.add(m["name"], m["country"], on=m["date"])
    resolver.resolve()
    by_person: dict[str, list[dict]] = defaultdict(list)
    for m in found:
        by_person[resolver.person_id(m["name"], m["country"], on=m["date"])].append(m)
    people = resolver.people()
    known = defaultdict(list)  # hand-made names and aliases by country
    for a in _hand_made():
        known[a.country].extend([a.name, *a.aliases])
    made = []
    for pid, seen in sorted(by_person.items()):
        name = people[pid]["name"]
        if len(name.split()) < 2:
            continue
        if any(could_be_same_person(s, k) for m in seen for s in {m["name"]} for k in known[m["country"]]):
            continue  # a spelling of someone the hand-made dictionary has: one entry per person
        spellings = Counter(m["name"] for m in seen)
        aliases = sorted(s for s in spellings if s != name and len(s.split()) >= 2)
        offices: dict[tuple, list[dict]] = defaultdict(list)
        for m in seen:
            offices[(m["country"], m["title"])].append(m)
        for (country, title), held in sorted(offices.items()):
            for term in _terms(sorted(held, key=lambda m: m["date"])):
                made.append({"name": name, "aliases": ";".join(aliases), "country": country, "title": title,
                             "from": term[0]["date"], "to": term[-1]["date"],
                             "sources": f"{_SOURCE}: {term[0]['source']}"
                             + (f", {term[-1]['source']}" if len(term) > 1 else "")})
    return _without_clashes(made)


def _terms(held: list[dict]) -> list[list[dict]]:
    """Split one person's dated mentions in one office into terms: a gap of more than
    `TERM_GAP_DAYS` between two mentions starts a new term (Rabin 1974-77 and 1992-95)."""
    terms = [[held[0]]]
    for m in held[1:]:
        if (date.fromisoformat(m["date"]) - date.fromisoformat(terms[-1][-1]["date"])).days > TERM_GAP_DAYS:
            terms.append([m])
        else:
            terms[-1].append(m)
    return terms


def _hand_made() -> list:
    """The rows of every bundled dictionary file but the generated one."""
    return read_actor_files([p for p in bundled_actor_files() if p.name != OUTPUT.name])


def _without_clashes(made: list[dict]) -> tuple[list[dict], list[str]]:
    """Leave out rows overlapping another person in a single-holder office (hand-made rows included)."""
    hand = _hand_made()
    terms = defaultdict(list)
    for a in hand:
        terms[(a.country, a.title)].append((a.name, a.start or date.min, a.end or date.max))
    kept, dropped = [], []
    for row in made:
        if row["title"] in SINGLE_HOLDER:
            start, end = date.fromisoformat(row["from"]), date.fromisoformat(row["to"])
            clash = next((n for n, s, e in terms[(row["country"], row["title"])]
                          if n != row["name"] and (min(end, e) - max(start, s)).days > 1), None)
            if clash:
                dropped.append(f"{row['name']} ({row['country']} {row['title']} {row['from']}..{row['to']}) "
                               f"overlaps {clash}")
                continue
            terms[(row["country"], row["title"])].append((row["name"], start, end))
        kept.append(row)
    return kept, dropped


def main(argv: list[str]) -> int:
    """Print or write the generated file; list left-out rows on stderr."""
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    aside = OUTPUT.with_name(OUTPUT.name + ".previous")
    if OUTPUT.exists():  # read the corpus with the hand-made dictionary only
        OUTPUT.replace(aside)
    try:
        made, dropped = rows(mentions(args[0]))
    finally:
        if aside.exists():
            aside.replace(OUTPUT)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["name", "aliases", "country", "title", "from", "to", "sources"],
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(made)
    for line in dropped:
        print(f"left out: {line}", file=sys.stderr)
    print(f"{len(made)} rows, {len(dropped)} left out", file=sys.stderr)
    if "--write" in argv:
        tmp = OUTPUT.with_suffix(".tmp")
        tmp.write_text(buffer.getvalue(), encoding="utf-8")
        tmp.replace(OUTPUT)
    else:
        sys.stdout.write(buffer.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
