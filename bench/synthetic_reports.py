"""Synthetic meeting reports for benchmarks: any number, realistic in shape, written from templates.

Each report is built from the bundled actor dictionary (extract/resources/actors.csv: real
office-holders with their countries, titles and terms) and the country table (names,
demonyms, capitals): two or three office-holders whose terms overlap, a date inside those
terms, a host capital, a format (visit, talks, phone call, summit, or an announced visit
that has not happened yet), a few topics, and filler prose. Reports come in the styles of
data/reports: a ministry's numbered overview, a spokesperson's readout, a wire story with a
dateline and page clutter after it, and a simple HTML page. The text is our own template
prose; the same (seed, number) always gives the same report.

Usage:

    python bench/synthetic_reports.py OUT_DIR -n 2000 [--seed 0] [--start 0]
"""

from __future__ import annotations

import argparse
import csv
import random
import zlib
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

__all__ = ["synthetic_report", "write_corpus", "STYLES"]

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "extract" / "resources"
STYLES = ("ministry", "readout", "wire", "html")
LATEST = date(2025, 12, 31)
EARLIEST = date(1990, 1, 1)
TOPICS = [
    "trade and investment", "climate change", "the war in Ukraine", "maritime security in the South China Sea",
    "energy security", "nuclear non-proliferation", "the situation in the Middle East", "counter-terrorism",
    "food security", "resilient supply chains", "North Korea's missile launches", "migration",
    "critical minerals", "public health", "the Taiwan Strait", "cyber security", "development assistance",
    "the humanitarian situation in Gaza", "arms control", "people-to-people exchanges",
]
FILLER = [
    "The two sides agreed to keep in close communication at all levels.",
    "Both sides welcomed the progress made since their last meeting.",
    "Officials described the atmosphere as candid and constructive.",
    "The talks lasted about an hour and were followed by a working lunch.",
    "A joint statement is expected to be released later in the week.",
    "They also exchanged views on regional and international issues of mutual interest.",
    "The ministries of both countries will follow up on the matters discussed.",
    "Delegations from both sides took part in an expanded session.",
]
CLUTTER = [
    "Markets close higher as bond yields fall", "Storm warning issued for coastal towns",
    "Local team wins the cup after extra time", "New museum opens to the public this weekend",
    "Train strike disrupts morning commute", "Chef shares recipe for a quick winter soup",
]


def synthetic_report(number: int, *, seed: int = 0) -> tuple[str, str]:
    """Return (file name, content) of synthetic report `number`.

    Examples
    --------
    >>> name, text = synthetic_report(7)
    >>> name.endswith((".txt", ".html")) and len(text) > 300
    True
    >>> synthetic_report(7) == (name, text)
    True
    """
    rng = random.Random(seed * 1_000_003 + number)
    actors, when = _cast(rng)
    style = rng.choices(STYLES, weights=(3, 3, 3, 1))[0]
    kind = rng.choices(("visit", "talks", "call", "summit", "planned"), weights=(4, 3, 2, 1, 1))[0]
    if kind == "summit":
        extra = _cast(rng, at=when, exclude={a["country"] for a in actors})[0][:1]
        actors = actors + extra if extra else actors
        kind = "summit" if extra else "talks"
    host = actors[1] if kind == "visit" else rng.choice(actors)
    city = _capital(host["country"]) or "Geneva"
    topics = rng.sample(TOPICS, k=rng.randint(2, 4))
    body = _body(rng, actors, host, city, when, kind, topics, number)
    head = _headline(actors, city, kind)
    stem = f"{number:07d}_{_slug(actors[0]['name'])}-{_slug(actors[1]['name'])}"
    if style == "ministry":
        lines = [head, when.strftime("%B %-d, %Y"), ""]
        lines += [f"{i}. {p}" for i, p in enumerate(body, 1)]
        return stem + ".txt", "\n\n".join([lines[0] + "\n" + lines[1]] + lines[3:]) + "\n"
    if style == "readout":
        date_line = f"READOUT | OFFICE OF THE SPOKESPERSON | {when.strftime('%B %-d, %Y').upper()}"
        intro = f"The following is attributable to a spokesperson of the {_name(actors[0]['country'])} government:"
        return stem + ".txt", "\n\n".join([head + "\n" + date_line, intro, *body]) + "\n"
    published = when + timedelta(days=rng.choice((0, 0, 1)))
    dateline = f"{city.upper()}, {when.strftime('%B %-d')} (Wire) - "
    story = [dateline + body[0], *body[1:]]
    clutter = ["Most Read", *rng.sample(CLUTTER, 3)]
    if style == "wire":
        stamp = published.strftime("%B %-d, %Y") + f", {rng.randint(1, 12)}:{rng.randint(0, 59):02d} PM"
        return stem + ".txt", "\n".join([head, stamp, "", *story, "", *clutter]) + "\n"
    paragraphs = "".join(f"<p>{p}</p>\n" for p in story)
    links = "".join(f"<li><a href='#'>{c}</a></li>" for c in clutter[1:])
    page = (f"<html><head><title>{head}</title><meta name='date' content='{published.isoformat()}'></head><body>\n"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>\n<article><h1>{head}</h1>\n{paragraphs}"
            f"</article>\n<aside><h2>Most Read</h2><ul>{links}</ul></aside>\n<footer>All rights reserved.</footer>"
            "</body></html>\n")
    return stem + ".html", page


def write_corpus(folder: str | Path, count: int, *, seed: int = 0, start: int = 0) -> list[Path]:
    """Write reports `start` .. `start + count - 1` into `folder`; return their paths.

    Examples
    --------
    >>> import tempfile
    >>> [p.suffix in (".txt", ".html") for p in write_corpus(tempfile.mkdtemp(), 2)]
    [True, True]
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(start, start + count):
        name, text = synthetic_report(number, seed=seed)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _body(rng, actors, host, city, when, kind, topics, number) -> list[str]:
    """Three to six paragraphs telling one meeting."""
    a, b = actors[0], actors[1]
    day = when.strftime("%B %-d")
    who_a, who_b = _styled(a), _styled(b)
    if kind == "visit":
        first = (f"On {day}, {who_a} held a meeting with {who_b}, who is visiting {_name(host['country'])}, in {city}."
                 if host is a else f"On {day}, {who_a}, who is on an official visit to {_name(b['country'])}, "
                 f"met with {who_b} in {city}.")
    elif kind == "talks":
        first = f"{who_a} met {who_b} in {city} on {day} for talks."
    elif kind == "call":
        first = f"{who_a} held a telephone call with {who_b} on {day}."
    elif kind == "summit":
        c = actors[2]
        first = (f"{who_a}, {who_b} and {_styled(c)} held a trilateral summit in {city} on {day}, the first "
                 "meeting of the three leaders in this format.")
    else:
        first = (f"{who_a} will visit {city} next month for talks with {who_b}, the two governments announced "
                 f"on {day}.")
    out = [first]
    short_a, short_b = f"{a['title']} {_surname(a['name'])}", f"{b['title']} {_surname(b['name'])}"
    out.append(f"{short_a} and {short_b} discussed {', '.join(topics[:-1])} and {topics[-1]}.")
    for _ in range(rng.randint(1, 3)):
        out.append(f"{rng.choice((short_a, short_b))} stressed the importance of {rng.choice(TOPICS)}. "
                   + rng.choice(FILLER))
    out.append(rng.choice(FILLER) + f" (Reference {number}.)")
    return out


def _headline(actors, city, kind) -> str:
    """A short headline naming the parties."""
    names = " and ".join(_surname(a["name"]) for a in actors[:2])
    return {"call": f"{names} hold phone call", "planned": f"{_surname(actors[0]['name'])} to visit {city}",
            "summit": f"Leaders meet for summit in {city}"}.get(kind, f"{names} meet in {city}")


def _cast(rng, *, at: date | None = None, exclude: set[str] = frozenset()) -> tuple[list[dict], date]:
    """Two office-holders of different countries in office on the same day (and that day)."""
    pool = _actors()
    for _ in range(200):
        a = rng.choice(pool)
        when = at or _day_in(rng, a)
        if when is None or a["country"] in exclude or not _in_office(a, when):
            continue
        others = [b for b in pool if b["country"] not in exclude | {a["country"]} and _in_office(b, when)]
        if others:
            return [a, rng.choice(others)], when
    if at is not None:
        return [], at
    raise RuntimeError("no two office-holders overlap in the actor dictionary; check extract/resources/actors.csv")


def _day_in(rng, actor) -> date | None:
    """A day inside the actor's term (clipped to 1990-2025)."""
    start = max(actor["from"], EARLIEST)
    end = min(actor["to"], LATEST)
    if end <= start:
        return None
    return start + timedelta(days=rng.randrange((end - start).days))


def _in_office(actor, when: date) -> bool:
    return actor["from"] <= when < actor["to"]


def _styled(actor) -> str:
    """'Foreign Minister Jane Doe of Norway' or 'Norwegian Foreign Minister Jane Doe'."""
    demonym = _countries().get(actor["country"], {}).get("demonym")
    if demonym and zlib.crc32(actor["name"].encode()) % 2:
        return f"{demonym} {actor['title']} {actor['name']}"
    return f"{actor['title']} {actor['name']} of {_name(actor['country'])}"


def _surname(name: str) -> str:
    return name.split()[-1]


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in _surname(name).lower())


def _name(code: str) -> str:
    info = _countries().get(code)
    return info["name"] if info else code


def _capital(code: str) -> str | None:
    return _countries().get(code, {}).get("capital") or {"EUU": "Brussels", "NATO": "Brussels",
                                                          "UNO": "New York"}.get(code)


@lru_cache(maxsize=1)
def _actors() -> list[dict]:
    """The actor dictionary rows with parsed terms."""
    rows = []
    with open(RESOURCES / "actors.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            try:
                start = date.fromisoformat(row["from"]) if row["from"] else EARLIEST
                end = date.fromisoformat(row["to"]) if row["to"] else LATEST
            except ValueError:
                continue
            if row["name"] and row["country"] and row["title"]:
                rows.append({"name": row["name"], "country": row["country"], "title": row["title"],
                             "from": start, "to": end})
    return rows


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    """Country code -> name, demonym and capital."""
    out = {}
    with open(RESOURCES / "countries.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out[row["code"]] = {"name": row["name"], "demonym": (row["demonyms"] or "").split(";")[0] or None,
                                "capital": (row["capitals"] or "").split(";")[0] or None}
    return out


def _main() -> None:
    parser = argparse.ArgumentParser(description="Write synthetic meeting reports for benchmarks.")
    parser.add_argument("out", help="folder to write the reports into")
    parser.add_argument("-n", "--count", type=int, default=1000, help="number of reports (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--start", type=int, default=0, help="number of the first report (default 0)")
    args = parser.parse_args()
    paths = write_corpus(args.out, args.count, seed=args.seed, start=args.start)
    print(f"wrote {len(paths)} reports to {args.out}")


if __name__ == "__main__":
    _main()
