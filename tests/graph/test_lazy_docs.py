"""Tests of graph/lazy_docs.py: stored documents are decoded only when an update reads them."""

from __future__ import annotations

import copy

from graph.build import build_graph
from graph.incremental import GraphState, load_state, save_state
from graph.lazy_docs import Docs, summary
from graph.state_file import _pack
from graph.synthetic import synthetic_records


def _doc(source, orgs=()):
    return {"doc_id": source, "source": source, "source_id": "", "organizations": list(orgs), "meetings": [],
            "published": "2024-03-01", "officials": ({"name": "Ana Ruiz", "title": "", "country": "PER",
                                                      "n_mentions": 1},)}


def test_docs_summary_is_read_without_decoding():
    stored = Docs.stored({"a": (_pack(_doc("a.txt", ["OAS"])), summary(_doc("a.txt", ["OAS"])))})
    assert stored.summary("a")[:3] == ("a.txt", "", ("OAS",))
    assert stored.officials_of("a") == {"doc_id": "a", "published": "2024-03-01",
                                        "officials": _doc("a")["officials"]}
    assert not stored.decoded("a")
    assert stored["a"]["organizations"] == ["OAS"]
    assert stored.decoded("a") and stored.raw("a") is None


def test_docs_take_shares_a_decoded_document_and_keeps_a_stored_one_stored():
    stored = Docs.stored({d: (_pack(_doc(d)), summary(_doc(d))) for d in ("a", "b")})
    first = stored["a"]
    kept = stored.successor()
    kept.take(stored, "a")
    kept.take(stored, "b")
    assert kept["a"] is first
    assert not kept.decoded("b") and kept.raw("b") == stored.raw("b")
    assert kept["b"] is stored["b"]  # decoded once, whichever asks first
    assert list(kept) == ["a", "b"] and kept == stored


def test_docs_take_refuses_a_docs_of_another_store():
    import pytest

    stored = Docs.stored({"a": (_pack(_doc("a")), summary(_doc("a")))})
    with pytest.raises(ValueError, match="successor"):
        Docs().take(stored, "a")


def test_docs_forget_drops_replaced_documents_from_the_store():
    stored = Docs.stored({d: (_pack(_doc(d)), summary(_doc(d))) for d in ("a", "b")})
    kept = stored.successor()
    kept.take(stored, "a")
    kept["b"] = _doc("b-new")  # same id, new content: the stored one is not needed any more
    kept.forget(["b"])
    assert stored.raw("b") is None and kept["b"]["source"] == "b-new"
    assert kept.raw("a") is not None


def _report(i: int) -> dict:
    """A report of one meeting between two people no other report names."""
    people = [{"name": f"Ana Ruiz{chr(97 + i % 26)}{chr(97 + i // 26)}", "title": "Foreign Minister", "country": "PER"},
              {"name": f"Li Wen{chr(97 + i % 26)}{chr(97 + i // 26)}", "title": "Foreign Minister", "country": "CHN"}]
    return {"doc_id": f"d{i:03d}", "source": f"d{i:03d}.txt", "title": None, "published": "2024-03-01",
            "meetings": [{"kind": "in_person", "date": f"2024-03-{1 + i % 28:02d}",
                          "location": {"city": "Lima", "country": "PER"}, "participants": people,
                          "topics": [{"label": "Trade"}], "evidence": []}],
            "officials": [], "countries": [], "organizations": [{"name": "OAS"}], "warnings": []}


def test_update_of_a_stored_state_decodes_only_the_documents_it_reads(tmp_path):
    """One new report added to a cache of 300 reports about other people decodes a few documents,
    not all, and the graph equals a full build of the same records."""
    records = [_report(i) for i in range(301)]
    state = GraphState()
    state.update(copy.deepcopy(records[:-1]))
    save_state(state, tmp_path / "graph.state")
    _, back = load_state(tmp_path / "graph.state")
    assert not any(back.docs.decoded(d) for d in back.docs)
    back.update(copy.deepcopy(records))
    decoded = [d for d in back.docs if back.docs.decoded(d)]
    # itself, the first report naming its topic and place (their labels), and the reports of the
    # stored meetings the new one's place in meeting order is found among by bisection (log2 300)
    assert "d300" in decoded and "d000" in decoded and len(decoded) <= 2 + 9, decoded
    full = build_graph(copy.deepcopy(records), warnings=[])
    assert dict(back.graph.nodes(data=True)) == dict(full.nodes(data=True))
    assert ({(u, v, k): d for u, v, k, d in back.graph.edges(keys=True, data=True)}
            == {(u, v, k): d for u, v, k, d in full.edges(keys=True, data=True)})


def test_synthetic_update_decodes_some_documents_and_equals_a_full_build(tmp_path):
    """On a dense synthetic corpus (few, busy people) an update reads more documents, never all."""
    records = list(synthetic_records(301, seed=3))
    state = GraphState()
    state.update(copy.deepcopy(records[:-1]))
    save_state(state, tmp_path / "graph.state")
    _, back = load_state(tmp_path / "graph.state")
    back.update(copy.deepcopy(records))
    assert sum(back.docs.decoded(d) for d in back.docs) < len(back.docs)
    full = build_graph(copy.deepcopy(records), warnings=[])
    assert dict(back.graph.nodes(data=True)) == dict(full.nodes(data=True))
