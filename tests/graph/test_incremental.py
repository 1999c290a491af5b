"""Tests of graph/incremental.py: an updated graph equals a full build, whatever the change.

Each case compares nodes, edges (with keys) and every attribute with `build_graph` run from
scratch on the same records: on the hand-made samples, on the bundled sample reports
(extracted with the real model) and on the Office of the Historian corpus.
"""

from __future__ import annotations

import copy
import pickle
import random
import sqlite3
import tempfile
from pathlib import Path

import pytest

from graph.build import build_graph
from graph.incremental import REGION_SHARE, GraphState, known_record, load_graph, load_state, save_state
from graph.person_totals import summary
from graph.synthetic import sample_records

ROOT = Path(__file__).resolve().parents[2]


def assert_same_graph(got, want):
    """Same nodes, edges and attributes (order aside)."""
    assert got.graph == want.graph
    assert dict(got.nodes(data=True)) == dict(want.nodes(data=True))
    assert ({(u, v, k): d for u, v, k, d in got.edges(keys=True, data=True)}
            == {(u, v, k): d for u, v, k, d in want.edges(keys=True, data=True)})


def rec(doc_id, people, *, date="2024-03-01", source=None, topics=(), city="Lima", officials=()):
    """A small record: one meeting of `people` (name, country) pairs."""
    return {
        "doc_id": doc_id, "source": source or f"{doc_id}.txt", "title": f"Report {doc_id}", "published": date,
        "meetings": [{"kind": "in_person", "date": date, "location": {"city": city, "country": "PER"},
                      "participants": [{"name": n, "title": "Foreign Minister", "country": c} for n, c in people],
                      "topics": [{"label": t} for t in topics], "evidence": [{"start": 0, "end": 5, "text": "met"}]}],
        "officials": [{"name": n, "title": "Minister", "country": c, "mentions": [[0, 3]]} for n, c in officials],
        "countries": [{"code": "PER", "name": "Peru"}], "organizations": [{"name": "OAS"}], "warnings": [],
    }


def updated(steps, *, aliases=None, corrections=(), log=None):
    """Apply each corpus of `steps` in turn to one state; check each against a full build,
    nodes, edges, attributes and warnings. After each step the state is saved (only the
    rows the step touched, after the first) and read back, and the next step updates what
    was read: the cache file holds exactly the state."""
    state = GraphState(aliases=aliases, corrections=tuple(corrections))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.state"
        for records in steps:
            stats = state.update(copy.deepcopy(records))
            if log is not None:
                log.append(stats)
            notes = []
            assert_same_graph(state.graph, build_graph(copy.deepcopy(records), warnings=notes, aliases=aliases,
                                                       corrections=corrections))
            assert sorted(state.warnings) == sorted(notes)
            fresh = GraphState(aliases=aliases, corrections=tuple(corrections))
            fresh.update(copy.deepcopy(records))  # meetings in the order a full clustering gives them:
            assert list(state.signatures.items()) == list(fresh.signatures.items())  # an update merges into it
            assert ({m: state.facts_of(m) for m in state.signatures}  # stored facts follow changed documents
                    == {m: fresh.facts_of(m) for m in fresh.signatures})
            assert totals_of(state) == totals_of(fresh)  # adjusted counts equal counts made from scratch
            assert all(t.get("s") in (None, summary(t)) for t in totals_of(state).values())  # and their summary
            save_state(state, path)
            _, back = load_state(path, aliases=aliases, corrections=corrections)
            assert_same_state(back, state)
            assert_same_index(stored_index(path), back.graph)  # patched by each save after the first
            state = back
    return state


def assert_same_state(got, want):
    """Two states hold the same documents, people, meetings and identity, in the same orders."""
    assert_same_graph(got.graph, want.graph)
    for name in ("order", "docs", "doc_notes", "doc_pids", "doc_offs", "people", "signatures", "meeting_people",
                 "warnings", "later_notes", "aliases", "corrections"):
        assert getattr(got, name) == getattr(want, name), name
    for name in ("docs", "people", "signatures", "meeting_people"):
        assert list(getattr(got, name)) == list(getattr(want, name)), f"order of {name}"
    assert {m: got.facts_of(m) for m in got.signatures} == {m: want.facts_of(m) for m in want.signatures}
    assert totals_of(got) == totals_of(want)
    a, b = got.identity, want.identity
    assert (a is None) == (b is None)
    if a is not None:
        assert a.mentions == b.mentions and a.keys == b.keys and a.key_docs == b.key_docs
        assert list(a.signatures) == list(b.signatures)
        strip = lambda sig: {k: v for k, v in vars(sig).items() if k != "_forms"}  # noqa: E731 (a cache)
        assert [strip(s) for s in a.signatures.values()] == [strip(s) for s in b.signatures.values()]


def totals_of(state):
    """The people's totals (graph.person_totals) a state holds, unpacked."""
    from graph.state_file import _unpack

    return {p: _unpack(t) if type(t) is bytes else t for p, t in state.person_totals.items()}


def stored_index(path):
    """The query index a cache file holds."""
    from graph import state_file

    with sqlite3.connect(path) as db:
        return state_file._read_index(state_file._blob(db, "index"))


def assert_same_index(index, g):
    """`index` answers as the index built afresh for `g` (lists filled in node order compared as sets)."""
    from graph.query import _Index

    want = _Index(g)
    assert index.size == want.size
    assert index.spellings == want.spellings and index.labels == want.labels
    for name in ("by_family", "by_tokens", "by_first", "meeting_countries"):
        assert ({k: sorted(v) for k, v in getattr(index, name).items()}
                == {k: sorted(v) for k, v in getattr(want, name).items()}), name
    assert dict(index.met) == dict(want.met) and dict(index.country_meetings) == dict(want.country_meetings)
    assert (index.meetings, index.meeting_dates, index.ranked) == (want.meetings, want.meeting_dates, want.ranked)


def person(name, country="", *, actor="", basis=None):
    """A participant with the fields identity reads: a dictionary entry, a weak country."""
    p = {"name": name, "title": "Foreign Minister", "country": country}
    if actor:
        p["actor"] = actor
    if basis:
        p["country_basis"] = basis
    return p


def meeting_of(doc_id, date, *people, source=None):
    """A record of one meeting of the given participants (dicts from `person`)."""
    return {"doc_id": doc_id, "source": source or f"{doc_id}.txt", "title": None, "published": date,
            "meetings": [{"kind": "in_person", "date": date, "location": {"city": "Nairobi", "country": "KEN"},
                          "participants": list(people), "topics": [], "evidence": []}],
            "officials": [], "countries": [], "organizations": [], "warnings": []}


@pytest.mark.parametrize(
    "steps",
    [
        [sample_records()[:3], sample_records()],                                     # add
        [sample_records(), sample_records()[2:]],                                     # remove
        [sample_records(), sample_records()[:2] + sample_records()[3:], sample_records()],  # remove, add back
        [sample_records(), [dict(r, source="moved/" + r["source"]) for r in sample_records()]],  # moved files
        [sample_records(), []],                                                       # everything removed
    ],
    ids=["add", "remove", "remove-then-add", "moved", "empty"],
)
def test_update_equals_full_build_on_samples(steps):
    updated(steps)


def test_update_a_new_alias_merges_two_people():
    """'Ruiz' alone is a person of its own until a report names 'Ana Ruiz' of the same country."""
    first = [rec("a", [("Ruiz", "PER"), ("Li Wen", "CHN")]), rec("b", [("Marta Silva", "CHL"), ("Li Wen", "CHN")])]
    second = first + [rec("c", [("Ana Ruiz", "PER"), ("Marta Silva", "CHL")], date="2024-04-02")]
    state = updated([first, second])
    people = sorted(n for n, d in state.graph.nodes(data=True) if d["type"] == "person")
    assert "person:ana-ruiz" in people and "person:ruiz" not in people


def test_update_removing_the_only_document_of_a_person_removes_them():
    first = [rec("a", [("Ana Ruiz", "PER"), ("Li Wen", "CHN")], officials=[("Kofi Mensah", "GHA")]),
             rec("b", [("Marta Silva", "CHL"), ("Li Wen", "CHN")], topics=["Trade"])]
    state = updated([first, first[1:]])
    assert "person:ana-ruiz" not in state.graph and "person:kofi-mensah" not in state.graph
    assert "country:GHA" not in state.graph and "person:li-wen" in state.graph


def test_update_a_name_variant_joins_a_stored_person():
    """'A. Ruiz' and a bare 'Ruiz' of a new report are the stored 'Ana Ruiz': her node, not new ones."""
    first = [rec("a", [("Ana Ruiz", "PER"), ("Li Wen", "CHN")], date="2024-01-01"),
             rec("b", [("Marta Silva", "CHL"), ("Li Wen", "CHN")], date="2024-02-01")]
    second = first + [rec("c", [("A. Ruiz", "PER"), ("Marta Silva", "CHL")], date="2024-03-01"),
                      rec("d", [("Ruiz", "PER"), ("Li Wen", "CHN")], date="2024-04-01")]
    log = []
    state = updated([first, second, first], log=log)
    assert not any(stats.note for stats in log)  # the region, not every meeting, was clustered again
    people = sorted(n for n, d in state.graph.nodes(data=True) if d["type"] == "person")
    assert people == ["person:ana-ruiz", "person:li-wen", "person:marta-silva"]


def test_update_a_new_report_of_a_stored_meeting_merges_with_it():
    """A second source of a stored meeting (a day later, the same people) makes one meeting with two
    sources; a report dated between two stored meetings two days apart joins them into one; removing
    them splits the meetings again."""
    a = rec("a", [("Ana Ruiz", "PER"), ("Li Wen", "CHN")], date="2024-01-10")
    c = rec("c", [("Ana Ruiz", "PER"), ("Li Wen", "CHN")], date="2024-01-12")
    b = rec("b", [("Ana Ruiz", "PER"), ("Li Wen", "CHN")], date="2024-01-11")
    retold = rec("r", [("A. Ruiz", "PER"), ("Li Wen", "CHN")], date="2024-01-11", source="ministry.txt")
    log = []
    state = updated([[a], [a, retold], [a, retold, c], [a, retold, c, b], [a, c]], log=log)
    assert not any(stats.note for stats in log[1:])
    meetings = [n for n, d in state.graph.nodes(data=True) if d["type"] == "meeting"]
    assert len(meetings) == 2
    four = GraphState()
    four.update([a, retold, c, b])
    [meeting] = [n for n, d in four.graph.nodes(data=True) if d["type"] == "meeting"]
    assert four.graph.nodes[meeting]["n_sources"] == 4


def test_update_an_undated_report_joins_the_meeting_of_its_week():
    """An undated meeting joins the one stored meeting of its people in the week before its publication,
    and stays apart once a second one makes it ambiguous."""
    dated = rec("a", [("Ana Ruiz", "PER"), ("Li Wen", "CHN")], date="2024-01-10")
    undated = rec("u", [("Ana Ruiz", "PER"), ("Li Wen", "CHN")], date="2024-01-14")
    undated["meetings"][0]["date"] = None
    other = rec("o", [("Ana Ruiz", "PER"), ("Li Wen", "CHN")], date="2024-01-12", city="Quito")
    log = []
    updated([[dated], [dated, undated], [dated, undated, other], [undated, other], [dated, undated]], log=log)
    assert not any(stats.note for stats in log[1:])


def test_update_reaching_most_meetings_clusters_every_one_and_says_so():
    """A change that reaches most stored meetings falls back to clustering every meeting (the same
    graph), and the build summary names the fallback; a small change clusters only its region."""
    from graph.corpus import BuildSummary

    pair, other = [("Ana Ruiz", "PER"), ("Li Wen", "CHN")], [("Marta Silva", "CHL"), ("Kofi Mensah", "GHA")]
    near = [rec(f"d{i}", pair, date=_day(3 * i)) for i in range(80)]
    far = [rec(f"e{i}", other, date=_day(3 * i)) for i in range(100)]
    moved = [rec(f"x{i}", pair, date=_day(3 * i + 1)) for i in range(80)]
    log = []
    state = updated([near + far, near + far[:99], moved + far], log=log)
    assert log[1].note == ""  # one meeting gone: only its region
    assert log[2].note == "meetings clustered over every document (a change reaching most meetings)"
    summary = BuildSummary(graph_update=log[2]).lines()
    assert any(line.startswith("graph update: 81 documents in, 80 out; rebuilt") and
               line.endswith("(meetings clustered over every document (a change reaching most meetings))")
               for line in summary)
    assert sum(d["type"] == "meeting" for _, d in state.graph.nodes(data=True)) == 180


def test_update_topic_label_follows_the_first_meeting():
    """Removing the meeting that named a topic first relabels it, and the met edges that list it."""
    first = [rec("a", [("Ana Ruiz", "PER"), ("Li Wen", "CHN")], topics=["trade"], date="2024-01-01"),
             rec("b", [("Ana Ruiz", "PER"), ("Li Wen", "CHN")], topics=["Trade"], date="2024-02-01")]
    updated([first, first[1:], first])


def test_update_nothing_changed_touches_nothing():
    state = GraphState()
    state.update(sample_records())
    stats = state.update([known_record(r["doc_id"], r["source"], r.get("source_id")) for r in sample_records()])
    assert not stats.changed and (stats.added, stats.removed) == (0, 0)


@pytest.fixture(scope="module")
def report_records(nlp):
    """The records of the bundled sample reports (data/reports), extracted with the real model."""
    from extract import Document, iter_sources
    from extract.record import extract_documents

    docs = [d for d in iter_sources([ROOT / "data" / "reports"]) if isinstance(d, Document)]
    return [r for _, r in extract_documents(docs, nlp)]


def test_update_equals_full_build_on_sample_reports(report_records):
    rng = random.Random(15)
    steps = [report_records[: len(report_records) // 2]]
    for _ in range(3):  # remove some, add others, change one (new content under an old source)
        now = [r for r in report_records if rng.random() < 0.8]
        changed = copy.deepcopy(now[0])
        changed["doc_id"] += "-changed"
        changed["meetings"] = changed["meetings"][1:]
        steps.append([changed] + now[1:])
    steps.append(report_records)
    updated(steps)


@pytest.fixture(scope="module")
def history_records(shared_corpora):
    """Every record of the Office of the Historian corpus, sorted by source as a build reads them."""
    from extract import iter_sources

    records = [d.record for d in iter_sources([shared_corpora / "historyatstate"]) if getattr(d, "record", None)]
    return sorted(records, key=lambda r: r["source"])


def test_update_equals_full_build_on_the_historical_corpus(history_records):
    rng = random.Random(14)
    base = [r for r in history_records if rng.random() < 0.98]
    later = [r for r in history_records if rng.random() < 0.98]  # about 150 in, 150 out
    one_more = sorted(later + [r for r in history_records if r not in later][:1], key=lambda r: r["source"])
    state = updated([base, later, one_more])
    assert state.graph.number_of_nodes() > 15000


def test_state_round_trip_keeps_the_graph(tmp_path):
    state = GraphState()
    state.update(sample_records())
    save_state(state, tmp_path / "graph.state", header={"extractor": "x"})
    header, back = load_state(tmp_path / "graph.state", expect={"extractor": "x"})
    assert header["extractor"] == "x"
    assert_same_graph(back.graph, state.graph)
    assert load_state(tmp_path / "graph.state", expect={"extractor": "other"}) is None
    assert_same_graph(load_graph(tmp_path / "graph.state")[1], state.graph)


class _Planted:
    """Pickles as a call of a function outside the allowed classes."""

    def __reduce__(self):
        return (print, ("planted",))


def test_state_file_with_foreign_objects_is_refused(tmp_path):
    """A planted pickle cannot run code: only the graph's own classes are unpickled."""
    path = tmp_path / "graph.state"
    state = GraphState()
    state.update(sample_records())
    save_state(state, path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE blobs SET data = ? WHERE name = 'graph'", (pickle.dumps(_Planted()),))
    assert load_graph(path) is None and load_state(path) is None
    path.write_bytes(b"not a state")
    assert load_graph(path) is None and load_state(path) is None


def test_update_family_name_follows_the_person_nearest_in_time():
    """'Kenyatta' of 1970 is Jomo until 'Uhuru Kenyatta' appears, then a 2018 'Kenyatta' is Uhuru."""
    jomo = meeting_of("a", "1970-05-01", person("Kenyatta", "KEN"), person("Dean Rusk", "USA"))
    uhuru = meeting_of("b", "2014-10-01", person("Uhuru Kenyatta", "KEN"), person("John Kerry", "USA"))
    later = meeting_of("c", "2018-02-01", person("Kenyatta", "KEN"), person("Rex Tillerson", "USA"))
    state = updated([[jomo], [jomo, later], [jomo, uhuru, later], [jomo, later], [later]])
    assert "person:kenyatta" in state.graph


def test_update_dictionary_entries_and_weak_countries():
    """A dictionary entry's country is the first strong one in corpus order; a trip's country counts for nothing."""
    a = meeting_of("a", "2001-01-01", person("Colin Powell", "", actor="Colin Powell"),
                   person("Ali Ahmed", "EGY", basis="trip_country"))
    b = meeting_of("b", "2001-02-01", person("Secretary Powell", "USA", actor="Colin Powell"),
                   person("Ali Ahmed", "EGY"))
    c = meeting_of("c", "2001-03-01", person("Powell", "GBR"), person("Ali Ahmed", ""))
    updated([[a], [a, b], [a, b, c], [b, c], [c], [a, c]])


def test_update_first_spelling_decides_when_its_document_leaves():
    """The spelling a signature was first seen with (corpus order) is recomputed when that document leaves."""
    a = meeting_of("a", "2024-01-01", person("ANTONY BLINKEN", "USA"), person("Yoko Kamikawa", "JPN"))
    b = meeting_of("b", "2024-02-01", person("Antony Blinken", "USA"), person("Yoko Kamikawa", "JPN"))
    c = meeting_of("c", "2024-03-01", person("Antony J. Blinken", "USA"), person("KAMIKAWA Yoko", "JPN"))
    updated([[a, b], [b], [a, b, c], [c], [a]])


def test_update_with_aliases_and_corrections_equals_full_build():
    aliases = {"Tony Blinken": "Antony Blinken"}
    corrections = [("Li Wen", "Li Wei", "same"), ("Ana Ruiz", "A. Ruiz", "different")]
    a = meeting_of("a", "2024-01-01", person("Tony Blinken", "USA"), person("Li Wen", "CHN"))
    b = meeting_of("b", "2024-02-01", person("Antony Blinken", "USA"), person("Li Wei", "CHN"),
                   person("Ana Ruiz", "PER"))
    c = meeting_of("c", "2024-03-01", person("A. Ruiz", "PER"), person("Li Wei", "CHN"))
    state = updated([[a], [a, b], [a, b, c], [a, c], [c]], aliases=aliases, corrections=corrections)
    assert state.graph.has_node("person:li-wei") or state.graph.has_node("person:li-wen")


@pytest.mark.parametrize("seed", range(4))
def test_update_random_changes_to_synthetic_corpora_equal_full_builds(seed):
    """Synthetic corpora with name variants and surname-only mentions, changed at random."""
    from graph.synthetic import synthetic_records

    pool = list(synthetic_records(300, seed=seed))
    rng = random.Random(seed)
    steps = []
    for _ in range(4):
        steps.append([r for r in pool if rng.random() < 0.7])
    steps.append(pool)
    updated(steps)


def _day(offset):
    """The date `offset` days after 1 March 2024."""
    import datetime

    return (datetime.date(2024, 3, 1) + datetime.timedelta(days=offset)).isoformat()


def dense_records(rng, n, *, tag, days=20):
    """`n` records about a few people in a few weeks: name variants, calls and meetings, undated
    and unpublished reports, so that updates merge and split people and meetings."""
    people = [("Ana Ruiz", "PER"), ("Li Wen", "CHN"), ("Marta Silva", "CHL"), ("Kofi Mensah", "GHA"),
              ("Ana Rios", "PER"), ("Li Wei", "CHN"), ("Jose Silva", "CHL")]
    variants = {"Ana Ruiz": ["A. Ruiz", "Ruiz", "RUIZ Ana"], "Li Wen": ["Wen Li", "Li W."],
                "Marta Silva": ["Silva", "M. Silva"], "Kofi Mensah": ["Mensah", "Kofi A. Mensah"],
                "Jose Silva": ["J. Silva"]}
    out = []
    for i in range(n):
        chosen = rng.sample(people, rng.choice((2, 2, 2, 3, 4)))
        day = rng.randrange(days)
        names = [(rng.choice(variants.get(name, [name]) + [name, name]), country if rng.random() < 0.9 else "")
                 for name, country in chosen]
        r = rec(f"{tag}{i}", names, date=_day(day), topics=rng.sample(["Trade", "trade", "Mining"], 1),
                city=rng.choice(["Lima", "Quito", ""]),
                officials=[(rng.choice(["Kofi Mensah", "Mensah", "Li Wei"]), "")] if rng.random() < 0.3 else ())
        m = r["meetings"][0]
        m["kind"] = rng.choice(["in_person", "in_person", "call", "multilateral"])
        for topic in m["topics"]:  # the first meeting giving a topic a category decides it
            if rng.random() < 0.3:
                topic["category"] = rng.choice(["economy", "security"])
        if rng.random() < 0.15:
            m["date"] = None
        if rng.random() < 0.1:
            r["published"] = None
        elif rng.random() < 0.3:
            r["published"] = _day(day + rng.randrange(0, 8))
        out.append(r)
    return out


@pytest.mark.parametrize("seed, days, share", [(seed, 20, 10.0) for seed in range(4)]
                         + [(seed, 300, REGION_SHARE) for seed in range(4, 8)])
def test_update_random_edits_of_a_dense_corpus_equal_full_builds(seed, days, share, monkeypatch):
    """Random sequences of added, changed and removed reports about a few people (name variants,
    second sources, undated reports): after every step the updated graph, saved and read back,
    equals a full build. In a few weeks with the region allowed to grow to everything, or in a
    year with the usual limit."""
    from graph import incremental

    monkeypatch.setattr(incremental, "REGION_SHARE", share)
    rng = random.Random(seed)
    corpus = dense_records(rng, 120, tag="d", days=days)
    steps, fresh = [], 0
    for _ in range(10):
        corpus = list(corpus)
        for _ in range(rng.randrange(1, 6)):
            move = rng.random()
            if move < 0.4 or not corpus:  # a new report, somewhere in corpus order
                fresh += 1
                corpus.insert(rng.randrange(len(corpus) + 1), dense_records(rng, 1, tag=f"n{fresh}-", days=days)[0])
            elif move < 0.7:  # a report changed in place: new people or a new date, same document id
                i = rng.randrange(len(corpus))
                changed = dense_records(rng, 1, tag="x", days=days)[0]
                corpus[i] = dict(changed, doc_id=corpus[i]["doc_id"], source=corpus[i]["source"] + "~")
            else:
                corpus.pop(rng.randrange(len(corpus)))
        steps.append(corpus)
    log = []
    updated(steps, log=log)
    if share > 1:  # every step clustered only the region a change reaches, never every meeting
        assert not any(stats.note for stats in log[1:])


def test_saved_index_follows_the_updated_graph(tmp_path):
    """The name index stored with the graph is the updated graph's, even when the node count is unchanged."""
    from graph.query import who_met

    first = [rec("a", [("Ana Ruiz", "PER"), ("Li Wen", "CHN")])]
    second = [rec("b", [("Marta Silva", "PER"), ("Li Wen", "CHN")])]
    state = GraphState()
    state.update(first)
    save_state(state, tmp_path / "graph.state")
    state.update(second)
    save_state(state, tmp_path / "graph.state")
    _, g = load_graph(tmp_path / "graph.state")
    assert [r["name"] for r in who_met(g, "Marta Silva")] == ["Li Wen"]
    assert [r["name"] for r in who_met(g, "Li Wen")] == ["Marta Silva"]


def test_save_after_an_update_writes_only_the_rows_it_touched(tmp_path, monkeypatch):
    """A saved state, read back and updated with one more report, is saved by changing the rows of
    that report, its people and meetings: the other rows are left as they were."""
    from graph import state_file

    records = sample_records()
    path = tmp_path / "graph.state"
    state = GraphState()
    state.update(records[:-1])
    save_state(state, path)
    monkeypatch.setattr(state_file, "DOC_BLOCK", 2)  # documents' rows by blocks of two
    save_state(state, path)
    tables = {"docs": "doc", "docblocks": "data", "people": "data", "meetingblocks": "data"}
    with sqlite3.connect(path) as db:
        before = {t: dict(db.execute(f"SELECT id, {c} FROM {t}")) for t, c in tables.items()}
    _, state = load_state(path)
    monkeypatch.setattr(state_file, "_write_whole", lambda *a, **k: pytest.fail("the whole file was written"))
    state.update(records)
    save_state(state, path)
    with sqlite3.connect(path) as db:
        after = {t: dict(db.execute(f"SELECT id, {c} FROM {t}")) for t, c in tables.items()}
    assert set(after["docs"]) - set(before["docs"]) == {records[-1]["doc_id"]}
    kept = [d for d in before["docs"] if after["docs"][d] == before["docs"][d]]
    assert len(kept) == len(before["docs"])  # documents not touched keep their bytes
    blocks = sorted(before["docblocks"])  # the new document fills the last block: the others keep their bytes
    assert len(before["docs"]) % 2 == 0 or len(after["docblocks"]) == len(blocks)
    assert all(after["docblocks"][b] == before["docblocks"][b] for b in blocks[:-1])
    assert len(after["people"]) >= len(before["people"])
    _, back = load_state(path)
    assert_same_graph(back.graph, build_graph(copy.deepcopy(records), warnings=[]))


@pytest.mark.parametrize("seed", range(3))
def test_update_people_equal_a_fresh_states_after_adds_and_removals(seed):
    """The people of an updated state (names, countries, spellings, reasons), most of them taken
    from before the change, equal those a fresh state finds, in the same order; so do the
    identity signatures behind them."""
    from graph.synthetic import synthetic_records

    pool = list(synthetic_records(300, seed=seed))
    rng = random.Random(seed)
    state = GraphState()
    for _ in range(4):
        now = [r for r in pool if rng.random() < 0.8]
        state.update(copy.deepcopy(now))
        fresh = GraphState()
        fresh.update(copy.deepcopy(now))
        assert list(state.people.items()) == list(fresh.people.items())
        assert state.identity.pids == fresh.identity.pids


@pytest.mark.parametrize("seed", range(20))
def test_meeting_date_from_facts_equals_the_builders(seed):
    """A kept meeting's date worked out from its stored facts is the date the builder gives it
    from its mentions (commonest, earliest of a tie, "" when none is dated)."""
    from graph.build import _meeting_core
    from graph.incremental import _facts, _meeting_date

    rng = random.Random(seed)
    told = [({"published": None}, {"date": rng.choice(["", "2024-01-02", "2024-01-01", "2023-12-31"]),
                                   "kind": "call", "pids": {}}) for _ in range(rng.randint(1, 5))]
    assert _meeting_date(_facts(told)) == _meeting_core(told)[0]


def titled_records(rng, n, *, tag, days=30):
    """`dense_records` with offices that change: participants and official mentions with several
    titles (or none), countries that are missing or weak, so that the builder's choice of a
    person's title, offices and represents edges depends on the order of their meetings."""
    out = dense_records(rng, n, tag=tag, days=days)
    titles = ["Foreign Minister", "Minister", "Prime Minister", "", None]
    for r in out:
        for p in r["meetings"][0]["participants"]:
            p["title"] = rng.choice(titles)
        for o in r["officials"]:
            o["title"] = rng.choice(titles)
            o["country"] = rng.choice(["GHA", "CHN", ""])
            if rng.random() < 0.2:
                o["country_basis"] = "weak"
    return out


@pytest.mark.parametrize("seed", range(6))
def test_update_people_totals_follow_random_edits_with_changing_titles(seed):
    """People's totals (graph.person_totals) are adjusted by every added, changed and removed
    report: after each step of a random sequence the graph equals a full build and the totals
    equal those counted from scratch (`updated` checks both), titles changing all along."""
    rng = random.Random(100 + seed)
    corpus = titled_records(rng, 80, tag="t")
    steps, fresh = [corpus], 0
    for _ in range(8):
        corpus = list(corpus)
        for _ in range(rng.randrange(1, 5)):
            move = rng.random()
            if move < 0.5 or not corpus:
                fresh += 1
                corpus.insert(rng.randrange(len(corpus) + 1), titled_records(rng, 1, tag=f"n{fresh}-")[0])
            elif move < 0.7:
                i = rng.randrange(len(corpus))
                changed = titled_records(rng, 1, tag="x")[0]
                corpus[i] = dict(changed, doc_id=corpus[i]["doc_id"], source=corpus[i]["source"] + "~")
            else:
                corpus.pop(rng.randrange(len(corpus)))
        steps.append(corpus)
    updated(steps)


def test_update_takes_kept_people_from_their_totals(monkeypatch):
    """A new report of people who met before updates them from their totals: none of their stored
    meetings is read again (``_light_meetings`` gets no one), and the graph equals a full build."""
    from graph import incremental
    from graph.synthetic import synthetic_records

    pool = list(synthetic_records(400, seed=3))
    read_again = []
    real = incremental._light_meetings
    monkeypatch.setattr(incremental, "_light_meetings",
                        lambda g, h, builder, light, *a: read_again.extend(light) or real(g, h, builder, light, *a))
    log = []
    updated([pool[:-5], pool], log=log)
    assert log[1].people_rebuilt and not log[1].full
    assert read_again == []


def test_update_title_of_a_person_only_mentioned_follows_the_first_document():
    """Someone named only as an official, with no country, takes the title of the first document
    naming them with one: a report put before it, or the removal of that document, changes it
    (the totals keep which document that is)."""
    def named(doc_id, title):
        r = rec(doc_id, [("Ana Ruiz", "PER"), ("Li Wen", "CHN")], officials=[("Kofi Mensah", "")])
        r["officials"][0]["title"] = title
        return r

    a, b, c = named("a", "Special Envoy"), named("b", "Adviser"), named("c", "Minister")
    state = updated([[a, b], [c, a, b], [a, b], [b]])
    assert state.graph.nodes["person:kofi-mensah"]["title"] == "Adviser"


@pytest.mark.parametrize("seed", range(3))
def test_update_of_states_read_back_equals_full_builds_without_reading_every_row(seed, tmp_path, monkeypatch):
    """Random adds and removals, each applied to the state as a build reads it (rows read from the file
    when first used) and saved without anything walking the whole graph, then read back: each time the
    graph equals a full build, and the update read from the file only some of the graph's node rows."""
    from graph import state_file
    from graph.synthetic import synthetic_records

    reads = []
    real = state_file._Reader.read
    monkeypatch.setattr(state_file._Reader, "read",
                        lambda self, table, column, key: reads.append(table) or real(self, table, column, key))
    pool = list(synthetic_records(400, seed=seed))
    rng = random.Random(seed)
    path = tmp_path / "graph.state"
    first = GraphState()
    first.update(copy.deepcopy(pool[:300]))
    save_state(first, path)
    del first
    corpus = pool[:300]
    for step in range(4):
        corpus = [r for r in corpus if rng.random() > 0.02] + [r for r in pool if r not in corpus and rng.random() < 0.1]
        corpus.sort(key=pool.index)
        _, state = load_state(path)
        reads.clear()
        state.update(copy.deepcopy(corpus))
        save_state(state, path)
        assert 0 < reads.count("nodes") < len(state.plain) / 2, step
        _, back = load_state(path)
        assert_same_graph(back.graph, build_graph(copy.deepcopy(corpus), warnings=[]))


def test_update_extends_met_edges_of_pairs_that_only_gained_meetings(monkeypatch):
    """New reports of people who met before: their met edges take the new meetings by bisection (the
    kept meetings are not looked through, not even for their topics when a meeting of the pair is
    rebuilt with every topic it had) and equal a full build's, across random additions; reports
    removed, meetings leave pairs, whose kept meetings are then read for the topics left."""
    from graph import incremental
    from graph.synthetic import synthetic_records

    extended = []
    real = incremental._extended
    monkeypatch.setattr(incremental, "_extended", lambda old, kept, fresh, lost, *a: extended.append((len(kept), lost))
                        or real(old, kept, fresh, lost, *a))
    pool = list(synthetic_records(500, seed=7))
    rng = random.Random(7)
    cut = sorted(rng.sample(range(300, 500), 3))
    updated([pool[:300]] + [pool[:c] for c in cut] + [pool])
    assert any(kept for kept, _ in extended) and not any(lost for _, lost in extended)
    extended.clear()
    updated([pool, [r for r in pool if rng.random() > 0.05]])
    assert any(lost for _, lost in extended)


def test_update_adjusts_the_summary_kept_with_busy_peoples_totals(monkeypatch):
    """New reports about people who met before: their totals' summary (graph.person_totals) is
    adjusted in place, never made again from every entry, and the graph equals a full build."""
    from graph import person_totals
    from graph.synthetic import synthetic_records

    pool = list(synthetic_records(400, seed=5))
    state = GraphState()
    state.update(copy.deepcopy(pool[:-6]))
    counting, made = [], []
    real_counted, real_summary = person_totals.from_builder, person_totals.summary
    monkeypatch.setattr(person_totals, "from_builder",
                        lambda *a, **k: counting.append(1) or real_counted(*a, **k))
    monkeypatch.setattr(person_totals, "summary", lambda t: made.append(len(counting)) or real_summary(t))
    stats = state.update(copy.deepcopy(pool))
    assert stats.people_rebuilt and not stats.full
    assert all(made)  # every summary made was made by from_builder (people counted afresh)
    assert_same_graph(state.graph, build_graph(copy.deepcopy(pool), warnings=[]))


@pytest.mark.parametrize("seed", [1, 4])
def test_update_makes_a_summary_again_only_for_people_who_lost_an_entry(seed, monkeypatch):
    """2% new reports on a corpus whose kept documents are read again (their officials now naming someone
    else, the same people among them): a kept person's totals summary is made again from every entry only
    when an entry of theirs is gone for good, never for one a change takes out and puts back; the graph
    equals a full build."""
    from graph import person_totals
    from graph.state_file import _unpack
    from graph.synthetic import synthetic_records

    pool = list(synthetic_records(2000, seed=seed))
    state = GraphState()
    state.update(copy.deepcopy(pool[:-40]))
    before = totals_of(state)
    counting, made = [], []
    real_counted, real_summary = person_totals.from_builder, person_totals.summary
    monkeypatch.setattr(person_totals, "from_builder", lambda *a, **k: counting.append(1) or real_counted(*a, **k))
    monkeypatch.setattr(person_totals, "summary", lambda t: (counting or made.append(t)) and None or real_summary(t))
    state.update(copy.deepcopy(pool))
    after = {p: {k: v for k, v in (_unpack(t) if type(t) is bytes else t).items() if k != "s"}
             for p, t in state.person_totals.items()}
    for t in made:  # made for a kept person before anyone was counted afresh: one whose entries lost one
        (pid,) = [p for p, now in after.items() if now == {k: v for k, v in t.items() if k != "s"}]
        assert set(before[pid]["m"]) - set(t["m"]) or set(before[pid]["ro"]) - set(t["ro"]), pid
    assert_same_graph(state.graph, build_graph(copy.deepcopy(pool), warnings=[]))


def test_update_keeps_the_summary_of_someone_a_renamed_document_names_again(monkeypatch):
    """A new report merges 'K. Mensah' into 'Kofi Mensah': the document naming him beside Ana Ruiz is read
    again and its official mentions counted out and in; Ana Ruiz's mention entry is never counted out
    entirely, so her totals' summary is adjusted, not made again from every entry; graphs equal full builds."""
    from graph import person_totals

    old = [rec(f"m{i}", [("Ana Ruiz", "PER"), ("Li Wen", "CHN")], date=f"2024-03-{i + 1:02d}",
               officials=[("Ana Ruiz", "PER")]) for i in range(6)]
    old.append(rec("d", [("Ana Ruiz", "PER"), ("Li Wen", "CHN")], date="2024-04-01",
                   officials=[("Ana Ruiz", "PER"), ("K. Mensah", "GHA")]))
    new = old + [rec("n", [("Kofi Mensah", "GHA"), ("Li Wen", "CHN")], date="2024-05-01")]
    state = updated([old])
    counting, made = [], []
    real_counted, real_summary = person_totals.from_builder, person_totals.summary
    monkeypatch.setattr(person_totals, "from_builder", lambda *a, **k: counting.append(1) or real_counted(*a, **k))
    monkeypatch.setattr(person_totals, "summary", lambda t: (counting or made.append(t)) and None or real_summary(t))
    state.update(copy.deepcopy(new))
    assert "person:k-mensah" not in state.people and "person:kofi-mensah" in state.people
    assert made == []  # Ana Ruiz and Li Wen adjusted in place (Kofi Mensah is counted afresh, after)
    assert_same_graph(state.graph, build_graph(copy.deepcopy(new), warnings=[]))


@pytest.mark.parametrize("seed", range(10))
def test_update_with_colliding_meeting_ids_equals_full_builds(seed, monkeypatch):
    """Meeting ids made from little (a meeting's kind family and first person: many meetings share a
    base and are numbered "-2", "-3" in meeting order): random edits of a dense corpus, each update
    finding a new meeting whose id a kept one holds, or a numbered kept one after a replaced one,
    still equal full builds (such an update clusters every meeting and says so)."""
    import hashlib

    from graph import build
    from graph.identity import kind_family

    def coarse_id(told, used_ids):
        _, people, kind = build._meeting_core(told)
        digest = hashlib.sha1(f"{min(people, default='')}|{kind_family(kind)}".encode()).hexdigest()[:12]
        mid, n = f"meeting:{digest}", 2
        while mid in used_ids:
            mid, n = f"meeting:{digest}-{n}", n + 1
        used_ids.add(mid)
        return mid

    monkeypatch.setattr(build, "_meeting_id", coarse_id)
    rng = random.Random(300 + seed)
    corpus = dense_records(rng, 40, tag="c", days=200)
    steps, fresh = [corpus], 0
    for _ in range(6):
        corpus = list(corpus)
        for _ in range(rng.randrange(1, 4)):
            if rng.random() < 0.6 or not corpus:
                fresh += 1  # a new document id each time (a document id stands for its content)
                corpus.insert(rng.randrange(len(corpus) + 1), dense_records(rng, 1, tag=f"k{fresh}-", days=200)[0])
            else:
                corpus.pop(rng.randrange(len(corpus)))
        steps.append(corpus)
    log = []
    updated(steps, log=log)
    assert any("meetings clustered over every document" in stats.note for stats in log[1:])


def signature_facts(state):
    """Each identity signature of `state` as plain values, the order of its spellings and years included
    (the first spelling parsed names it; ties of counts go to the first seen)."""
    return {key: (sig.parts, sig.country, sig.actor, sig.count, list(sig.spellings.items()), list(sig.years.items()))
            for key, sig in state.identity.signatures.items()}


@pytest.mark.parametrize("seed", range(4))
def test_update_signatures_equal_a_fresh_states_after_reports_put_before_others(seed):
    """Reports put anywhere in corpus order, most of them before reports naming the same people in
    other spellings: each name signature an update keeps (going on from its stored state when its
    new mentions all come after its old ones) equals the one a fresh state makes, first spelling,
    country and the order of spellings and years included."""
    rng = random.Random(500 + seed)
    corpus = dense_records(rng, 30, tag="s", days=400)
    state = GraphState()
    state.update(copy.deepcopy(corpus))
    for step in range(6):
        for i in range(rng.randrange(1, 4)):
            at = rng.randrange(len(corpus) + 1) if rng.random() < 0.5 else len(corpus)  # among them, or last
            corpus.insert(at, dense_records(rng, 1, tag=f"s{step}-{i}-", days=400)[0])
        state.update(copy.deepcopy(corpus))
        fresh = GraphState()
        fresh.update(copy.deepcopy(corpus))
        assert signature_facts(state) == signature_facts(fresh), step
