"""Small and large meeting graphs built directly with networkx, following the graph schema.

These stand in for the graph builder in view tests and benchmarks: every node has ``type`` and
``label``, every edge has ``type``, and list-valued attributes are JSON strings, as in DESIGN.md.
"""

from __future__ import annotations

import json
import random

import networkx as nx

__all__ = ["seed_graph", "hostile_graph", "synthetic_graph", "HOSTILE_NAMES"]

HOSTILE_NAMES = (
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=1</script>",
)


def seed_graph() -> nx.MultiDiGraph:
    """Return the graph of the seed report: Kamikawa meets Blinken in Washington on 2024-01-12."""
    g = nx.MultiDiGraph()
    g.add_node("country:JPN", type="country", label="Japan", code="JPN")
    g.add_node("country:USA", type="country", label="United States", code="USA")
    g.add_node("person:yoko-kamikawa", type="person", label="Yoko Kamikawa",
               title="Foreign Minister", country="JPN", n_meetings=1)
    g.add_node("person:antony-blinken", type="person", label="Antony Blinken",
               title="Secretary of State", country="USA", n_meetings=1)
    g.add_node("person:fumio-kishida", type="person", label="Fumio Kishida",
               title="Prime Minister", country="JPN", n_meetings=0)
    g.add_node("place:washington-usa", type="place", label="Washington", country="USA")
    g.add_node("document:seed", type="document", label="Kamikawa, Blinken Stress Role of Alliance",
               source="corpora/seed/000.txt", title="Kamikawa, Blinken Stress Role of Alliance",
               published="2024-01-13")
    evidence = [{"text": "Foreign Minister Yoko Kamikawa met Secretary of State Antony Blinken "
                         "in Washington on Friday.", "source": "corpora/seed/000.txt"}]
    g.add_node("meeting:2024-01-12-washington", type="meeting",
               label="Kamikawa - Blinken, Washington", date="2024-01-12", kind="in_person",
               city="Washington", country="USA", evidence=json.dumps(evidence))
    for topic, category in [("Taiwan Strait", "security"), ("North Korea", "security"),
                            ("Ukraine", "conflict")]:
        tid = "topic:" + topic.lower().replace(" ", "-")
        g.add_node(tid, type="topic", label=topic, category=category)
        g.add_edge("meeting:2024-01-12-washington", tid, type="about")
    for pid in ("person:yoko-kamikawa", "person:antony-blinken"):
        g.add_edge(pid, "meeting:2024-01-12-washington", type="participated_in")
    g.add_edge("person:yoko-kamikawa", "country:JPN", type="represents", title="Foreign Minister")
    g.add_edge("person:antony-blinken", "country:USA", type="represents", title="Secretary of State")
    g.add_edge("person:fumio-kishida", "country:JPN", type="represents", title="Prime Minister")
    g.add_edge("meeting:2024-01-12-washington", "place:washington-usa", type="held_in")
    g.add_edge("meeting:2024-01-12-washington", "document:seed", type="reported_by")
    g.add_edge("document:seed", "person:fumio-kishida", type="mentions")
    g.add_edge("person:yoko-kamikawa", "person:antony-blinken", type="met", count=1,
               first="2024-01-12", last="2024-01-12",
               topics=json.dumps(["Taiwan Strait", "North Korea", "Ukraine"]))
    return g


def hostile_graph() -> nx.MultiDiGraph:
    """Return the seed graph plus a call between two officials whose names are markup."""
    g = seed_graph()
    a, b = (f"person:hostile-{i}" for i in range(2))
    for pid, name in zip((a, b), HOSTILE_NAMES):
        g.add_node(pid, type="person", label=name, title=name, country="USA", n_meetings=1)
    evidence = [{"text": f"{HOSTILE_NAMES[0]} spoke by phone with {HOSTILE_NAMES[1]}.",
                 "source": "<script>window.__pwned=1</script>.txt"}]
    g.add_node("meeting:hostile", type="meeting", label=HOSTILE_NAMES[1], date="2024-02-01",
               kind="call", city="", country="USA", evidence=json.dumps(evidence))
    g.add_edge(a, "meeting:hostile", type="participated_in")
    g.add_edge(b, "meeting:hostile", type="participated_in")
    g.add_edge(a, b, type="met", count=1, first="2024-02-01", last="2024-02-01",
               topics=json.dumps([HOSTILE_NAMES[0]]))
    return g


def synthetic_graph(n_nodes: int, *, seed: int = 7) -> nx.MultiDiGraph:
    """Return a random meeting graph of about `n_nodes` nodes with a realistic mix of types.

    Persons are picked with a skewed distribution, so a few ministers meet often, as in real
    corpora. Meetings get 2-4 participants, 1-3 topics, a place and one or two documents.
    """
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    n_countries = max(3, min(60, n_nodes // 50))
    n_people = max(4, n_nodes // 5)
    n_topics = max(3, n_nodes // 25)
    n_places = max(2, n_nodes // 25)
    n_meetings = max(2, int(n_nodes * 0.4))
    n_docs = max(1, n_nodes - n_countries - n_people - n_topics - n_places - n_meetings)
    kinds = ["in_person", "call", "multilateral"]
    for i in range(n_countries):
        g.add_node(f"country:C{i:02d}", type="country", label=f"Country {i}", code=f"C{i:02d}")
    for i in range(n_people):
        country = f"C{rng.randrange(n_countries):02d}"
        g.add_node(f"person:p{i}", type="person", label=f"Person {i}", title="Foreign Minister",
                   country=country, n_meetings=0)
        g.add_edge(f"person:p{i}", f"country:{country}", type="represents")
    for i in range(n_topics):
        g.add_node(f"topic:t{i}", type="topic", label=f"Topic {i}", category="security")
    for i in range(n_places):
        country = f"C{rng.randrange(n_countries):02d}"
        g.add_node(f"place:l{i}", type="place", label=f"City {i}", country=country)
    for i in range(n_docs):
        g.add_node(f"document:d{i}", type="document", label=f"Report {i}", source=f"r{i}.txt",
                   title=f"Report {i}", published="2024-01-01")
    met: dict[tuple[str, str], list[str]] = {}
    for i in range(n_meetings):
        mid = f"meeting:m{i}"
        date = f"20{rng.randrange(20, 25)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        place = rng.randrange(n_places)
        people = sorted({min(int(rng.paretovariate(0.9)) - 1, n_people - 1)
                         if rng.random() < 0.5 else rng.randrange(n_people)
                         for _ in range(rng.choice([2, 2, 3, 4]))})
        if len(people) < 2:
            people.append((people[0] + 1) % n_people)
        evidence = [{"text": f"Person {people[0]} met Person {people[1]} in City {place}.",
                     "source": f"r{i % n_docs}.txt"}]
        g.add_node(mid, type="meeting", label=f"Meeting {i}", date=date, kind=rng.choice(kinds),
                   city=f"City {place}", country=g.nodes[f"place:l{place}"]["country"],
                   evidence=json.dumps(evidence))
        g.add_edge(mid, f"place:l{place}", type="held_in")
        for t in rng.sample(range(n_topics), rng.randint(1, min(3, n_topics))):
            g.add_edge(mid, f"topic:t{t}", type="about")
        for d in {i % n_docs, rng.randrange(n_docs)} if i < n_docs or rng.random() < 0.5 else ():
            g.add_edge(mid, f"document:d{d}", type="reported_by")
        for p in people:
            g.add_edge(f"person:p{p}", mid, type="participated_in")
            g.nodes[f"person:p{p}"]["n_meetings"] += 1
        for a in people:
            for b in people:
                if a < b:
                    met.setdefault((f"person:p{a}", f"person:p{b}"), []).append(date)
    for (a, b), dates in met.items():
        g.add_edge(a, b, type="met", count=len(dates), first=min(dates), last=max(dates),
                   topics="[]")
    return g
