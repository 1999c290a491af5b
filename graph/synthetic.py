"""Hand-made and generated records for examples, tests and benchmarks.

`sample_records` is a small, fixed set of records in the shape ``extract`` writes (the
Japan-U.S. foreign ministers' meeting told by three sources, a second meeting of the same
pair, a call, a summit); doctests and tests build graphs from it. `synthetic_records` generates
any number of realistic records (a pool of officials with countries and titles, topics, dates
2015-2026, some meetings told by two sources under other spellings, some summits) for
benchmarks. Neither touches spaCy or the network.
"""

from __future__ import annotations

import random
from typing import Iterator

__all__ = ["sample_records", "synthetic_records", "record", "meeting"]

#: Topics drawn by the generator.
TOPICS = (
    "Taiwan Strait", "North Korea", "Ukraine", "Sanctions on Russia", "Middle East",
    "Israel-Hamas", "Climate change", "Trade", "Energy security", "Nuclear non-proliferation",
    "Freedom of navigation", "Migration", "Counterterrorism", "Cybersecurity", "Global health",
    "Food security", "Arctic", "Indo-Pacific", "Critical minerals", "Sudan", "Syria", "Iran",
    "Venezuela", "Afghanistan", "Sahel", "Horn of Africa", "Balkans", "Caucasus",
    "Space cooperation", "Development aid",
)
#: Offices drawn by the generator, the first being the commonest.
TITLES = ("Foreign Minister", "Prime Minister", "President", "Defense Minister", "Trade Minister")
#: Countries drawn by the generator (ISO 3166-1 alpha-3).
COUNTRIES = (
    "USA", "JPN", "CHN", "RUS", "GBR", "FRA", "DEU", "IND", "BRA", "ZAF", "KOR", "AUS", "CAN",
    "MEX", "ARG", "ITA", "ESP", "TUR", "SAU", "ARE", "EGY", "NGA", "KEN", "ETH", "IDN", "VNM",
    "PHL", "THA", "MYS", "SGP", "PAK", "BGD", "IRN", "ISR", "QAT", "UKR", "POL", "SWE", "NOR",
    "FIN", "NLD", "BEL", "CHE", "AUT", "GRC", "PRT", "CHL", "COL", "PER", "NZL",
)
_GIVEN = ("An", "Bel", "Car", "Da", "El", "Fer", "Gio", "Ha", "Isa", "Jo", "Ka", "Lu", "Ma",
          "Ni", "Ol", "Pa", "Ra", "Sa", "Ta", "Va", "Yo", "Ze")
_GIVEN_END = ("na", "to", "ra", "mir", "son", "lia", "ko", "ric", "dan", "ya", "el", "vin")
_FAMILY = ("Ber", "Cas", "Dor", "Esp", "Gal", "Hol", "Ivan", "Kar", "Lind", "Mor", "Nak",
           "Ost", "Pet", "Ros", "Sato", "Tan", "Vol", "Wen", "Yam", "Zel")
_FAMILY_END = ("ov", "ez", "berg", "mura", "ini", "sen", "ski", "ard", "oglu", "wa", "ton",
               "escu", "ida", "ek")
_CITIES = {"USA": "Washington", "JPN": "Tokyo", "CHN": "Beijing", "RUS": "Moscow",
           "GBR": "London", "FRA": "Paris", "DEU": "Berlin", "IND": "New Delhi"}


def record(doc_id: str, meetings: list[dict], *, published: str | None = None,
           title: str | None = None, source: str | None = None) -> dict:
    """Return a record with the given meetings; officials and countries are filled in.

    Parameters
    ----------
    doc_id : the document id.
    meetings : meetings made with `meeting`.
    published, title, source : document metadata (source defaults to ``<doc_id>.txt``).

    Returns
    -------
    A record dict in the shape of extract/resources/record.schema.json.

    Examples
    --------
    >>> r = record("d1", [meeting("2024-01-12", ("Antony Blinken", "USA"), ("Yoko Kamikawa", "JPN"))])
    >>> [o["name"] for o in r["officials"]], [c["code"] for c in r["countries"]]
    (['Antony Blinken', 'Yoko Kamikawa'], ['JPN', 'USA'])
    """
    officials, countries = {}, set()
    for m in meetings:
        for p in m["participants"]:
            officials.setdefault(p["name"], {"name": p["name"], "title": p["title"],
                                             "country": p["country"], "mentions": [[0, 1]]})
            if p["country"]:
                countries.add(p["country"])
    return {
        "doc_id": doc_id, "source": source or f"{doc_id}.txt", "source_id": doc_id,
        "title": title, "published": published, "meetings": meetings, "planned": [],
        "officials": list(officials.values()),
        "countries": [{"code": c, "name": c} for c in sorted(countries)],
        "organizations": [], "warnings": [],
    }


def meeting(date: str | None, *people: tuple, kind: str = "in_person", city: str | None = None,
            country: str | None = None, topics: tuple = (), text: str = "") -> dict:
    """Return a record meeting; each person is ``(name, country)`` or ``(name, country, title)``.

    Examples
    --------
    >>> m = meeting("2024-01-12", ("Antony Blinken", "USA", "Secretary of State"), topics=("Ukraine",))
    >>> m["participants"][0]["title"], m["topics"][0]["label"]
    ('Secretary of State', 'Ukraine')
    """
    text = text or f"{' and '.join(p[0] for p in people)} met."
    evidence = [{"start": 0, "end": len(text), "text": text}]
    return {
        "kind": kind, "date": date,
        "location": {"city": city, "country": country} if (city or country) else None,
        "participants": [
            {"name": p[0], "title": p[2] if len(p) > 2 else None, "country": p[1],
             "evidence": evidence}
            for p in people
        ],
        "topics": [{"label": t, "category": None, "evidence": evidence} for t in topics],
        "evidence": evidence,
    }


def sample_records() -> list[dict]:
    """Return a small fixed set of records used by examples and tests.

    It holds: the Blinken-Kamikawa meeting of 2024-01-12 told by three sources under three
    spellings (one dated a day later), their second meeting on 2024-07-28, a Blinken-Wang Yi
    call, a G7 ministers' meeting of five, and a Wang Yi-Lavrov meeting.

    Examples
    --------
    >>> len(sample_records())
    7
    """
    usa = ("Antony Blinken", "USA", "Secretary of State")
    jpn = ("Yoko Kamikawa", "JPN", "Foreign Minister")
    wang = ("Wang Yi", "CHN", "Foreign Minister")
    return [
        record("mofa-2024-01-12", [meeting(
            "2024-01-12", usa, jpn, city="Washington", country="USA",
            topics=("Taiwan Strait", "North Korea"),
            text="Foreign Minister Kamikawa met Secretary of State Blinken in Washington.")],
            published="2024-01-13", title="Japan-U.S. Foreign Ministers' Meeting"),
        record("state-2024-01-12", [meeting(
            "2024-01-12", ("Secretary Antony J. Blinken", "USA"), ("Foreign Minister Kamikawa", "JPN"),
            city="Washington", country="USA", topics=("Taiwan Strait", "Ukraine"),
            text="Secretary Blinken met Japanese Foreign Minister Kamikawa today.")],
            published="2024-01-12", title="Secretary Blinken's Meeting with Foreign Minister Kamikawa"),
        record("news-2024-01-13", [meeting(
            "2024-01-13", ("Blinken", "USA"), ("KAMIKAWA Yoko", "JPN"), city="Washington",
            country="USA", topics=("Taiwan Strait",),
            text="Kamikawa and Blinken stressed the alliance in Washington talks.")],
            published="2024-01-14", title="Kamikawa, Blinken Stress Role of Alliance"),
        record("state-2024-02-16", [meeting(
            "2024-02-16", usa, wang, kind="call", topics=("Taiwan Strait",),
            text="Secretary Blinken spoke by phone with Wang Yi.")], published="2024-02-16"),
        record("g7-2024-04-18", [meeting(
            "2024-04-18", usa, jpn, ("Annalena Baerbock", "DEU", "Foreign Minister"),
            ("Stéphane Séjourné", "FRA", "Foreign Minister"),
            ("David Cameron", "GBR", "Foreign Secretary"), kind="multilateral", city="Capri",
            country="ITA", topics=("Ukraine", "Middle East"),
            text="G7 foreign ministers met on Capri.")], published="2024-04-19"),
        record("mid-2024-04-09", [meeting(
            "2024-04-09", wang, ("Sergey Lavrov", "RUS", "Foreign Minister"), city="Beijing",
            country="CHN", topics=("Ukraine",), text="Wang Yi held talks with Sergey Lavrov.")],
            published="2024-04-09"),
        record("mofa-2024-07-28", [meeting(
            "2024-07-28", usa, jpn, city="Tokyo", country="JPN", topics=("North Korea",),
            text="Kamikawa and Blinken met again in Tokyo.")], published="2024-07-28"),
    ]


def synthetic_records(n_meetings: int, *, seed: int = 0) -> Iterator[dict]:
    """Yield realistic records holding `n_meetings` distinct meetings (plus a few re-tellings).

    About 70% of meetings are bilateral, 18% calls and 12% summits of 3-8 people; 5% of
    meetings are told a second time by another source under another spelling of the names
    ("Secretary ..." or an initial) and sometimes dated a day later, as real sources do.

    Parameters
    ----------
    n_meetings : how many distinct meetings to generate.
    seed : random seed; the same seed gives the same records.

    Returns
    -------
    An iterator of records, one meeting per record.

    Examples
    --------
    >>> recs = list(synthetic_records(100, seed=1))
    >>> len(recs) >= 100, recs[0]["meetings"][0]["kind"] in ("in_person", "call", "multilateral")
    (True, True)
    """
    rng = random.Random(seed)
    people = _pool(rng, max(60, min(4000, n_meetings // 25)))
    by_country: dict[str, list] = {}
    for p in people:
        by_country.setdefault(p[1], []).append(p)
    weights = [1.0 / (1 + i // 5) for i in range(len(people))]
    for i in range(n_meetings):
        roll = rng.random()
        if roll < 0.12:
            size = rng.randint(3, 8)
            kind = "multilateral"
        else:
            size, kind = 2, "call" if roll < 0.30 else "in_person"
        chosen: dict[str, tuple] = {}
        while len(chosen) < size:
            p = rng.choices(people, weights)[0]
            if p[1] not in {c[1] for c in chosen.values()}:
                chosen[p[0]] = p
        day = 1 + rng.randrange(4380)
        date = _day(day)
        host = rng.choice([p[1] for p in chosen.values()])
        topics = tuple(rng.sample(TOPICS, rng.randint(1, 3)))
        city = _CITIES.get(host, f"{host.title()} City") if kind != "call" else None
        m = meeting(date, *chosen.values(), kind=kind, city=city, country=host if city else None,
                    topics=topics)
        yield record(f"syn-{seed}-{i}", [m], published=_day(day + rng.randint(0, 2)))
        if rng.random() < 0.05:
            retold = [(_variant(rng, p[0]), p[1]) for p in chosen.values()]
            shift = rng.choice((0, 0, 1))
            m2 = meeting(_day(day + shift), *retold, kind=kind, city=city,
                         country=host if city else None, topics=topics[:1])
            yield record(f"syn-{seed}-{i}-b", [m2], published=_day(day + shift + 1))


def _pool(rng: random.Random, size: int) -> list[tuple]:
    """A pool of distinct officials ``(name, country, title)``."""
    names: set[str] = set()
    people = []
    while len(people) < size:
        name = (f"{rng.choice(_GIVEN)}{rng.choice(_GIVEN_END)} "
                f"{rng.choice(_FAMILY)}{rng.choice(_FAMILY_END)}")
        if name in names:
            continue
        names.add(name)
        title = TITLES[0] if rng.random() < 0.6 else rng.choice(TITLES)
        people.append((name, COUNTRIES[len(people) % len(COUNTRIES)], title))
    return people


def _variant(rng: random.Random, name: str) -> str:
    """Another spelling of a name as another source might write it."""
    given, family = name.split(" ", 1)
    return rng.choice((f"Minister {name}", f"{given[0]}. {family}", f"{family.upper()} {given}"))


def _day(offset: int) -> str:
    """The ISO date `offset` days after 2014-12-31."""
    import datetime as _dt

    return (_dt.date(2014, 12, 31) + _dt.timedelta(days=offset)).isoformat()
