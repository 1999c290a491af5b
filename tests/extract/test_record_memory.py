"""extract_documents keeps spaCy's vocabulary flat over a long batch (a memory zone per batch)
and gives the records it gave without one."""

import textwrap

from tests.conftest import run_json_script

# A fresh process: the pipeline's matchers are built on first use, and the first batch must
# run inside a memory zone for the warm-up to be tested (the session's pipeline is warm already).
_SCRIPT = textwrap.dedent("""
    import json, sys
    from extract import load_pipeline
    from extract.record import extract_documents
    from extract.sources import document_from_text

    def texts(start, n):
        return [f"Foreign Minister Zorvak{i}a Pelmund of Peru met Secretary of State Antony Blinken in Lima "
                f"on 3 May 2024. They discussed climate change and the Qentrix{i}b accord."
                for i in range(start, start + n)]

    nlp = load_pipeline()
    out = {"records": [], "strings": []}
    for start in (0, 4, 8):
        docs = [document_from_text(t) for t in texts(start, 4)]
        recs = [r for _, r in extract_documents(docs, nlp, batch_size=1, timeout=None,
                                                memory_zone=sys.argv[1] == "zone")]
        out["records"].extend(recs)
        out["strings"].append(len(nlp.vocab.strings))
    print(json.dumps(out, sort_keys=True))
""")


def _run(mode: str) -> dict:
    return run_json_script(_SCRIPT, mode)


def test_extract_documents_memory_zone_keeps_strings_flat_and_records_equal():
    zoned, plain = _run("zone"), _run("plain")
    # every batch of new names leaves the vocabulary as it found it; without the zone it grows
    assert len(set(zoned["strings"])) == 1
    assert plain["strings"][0] < plain["strings"][1] < plain["strings"][2]
    assert zoned["records"] == plain["records"]
    # the matchers built inside the first batch still name their rules in later ones
    for i, rec in enumerate(zoned["records"]):
        assert not [w for w in rec["warnings"] if "failed on this document" in w]
        names = sorted(p["name"] for p in rec["meetings"][0]["participants"])
        assert names == ["Antony Blinken", f"Zorvak{i}a Pelmund"]


def test_extract_documents_memory_zones_in_threads_take_turns():
    """A zone's end drops what any thread added: two threads extracting at once must not lose strings."""
    from concurrent.futures import ThreadPoolExecutor

    from extract import load_pipeline
    from extract.record import extract_documents
    from extract.sources import document_from_text

    nlp = load_pipeline()
    texts = [f"Foreign Minister Velor{i}x Quandt of Chile met Foreign Minister Li Wen in Lima on 3 May 2024."
             for i in range(12)]

    def run(part):
        return [r for _, r in extract_documents([document_from_text(t) for t in part], nlp, batch_size=1,
                                                timeout=None)]

    with ThreadPoolExecutor(2) as pool:
        together = [r for rs in pool.map(run, (texts[:6], texts[6:])) for r in rs]
    alone = run(texts)
    assert together == alone
    assert not [w for r in together for w in r["warnings"] if "failed on this document" in w]
    assert [sorted(p["name"] for p in r["meetings"][0]["participants"]) for r in together] == [
        ["Li Wen", f"Velor{i}x Quandt"] for i in range(12)]


# Every rule's examples, first inside memory zones in a fresh process (each rule's matcher or word
# list is then built on the first text that needs it, after the warm-up document), then without.
_EXAMPLES = textwrap.dedent("""
    import json
    from extract import load_pipeline
    from extract.record import extract_documents
    from extract.rules import load_rules
    from extract.sources import document_from_text

    texts = sorted({t for r in load_rules().rules.values() for t in r.match + r.no_match})
    docs = [document_from_text(t) for t in texts]
    nlp = load_pipeline()
    zoned = [r for _, r in extract_documents(docs, nlp, batch_size=8, timeout=None, memory_zone=True)]
    plain = [r for _, r in extract_documents(docs, nlp, batch_size=8, timeout=None, memory_zone=False)]
    print(json.dumps({"texts": len(texts), "failed": sum(not isinstance(r, dict) for r in zoned),
                      "differ": [t for t, a, b in zip(texts, zoned, plain) if a != b]}))
""")


def test_every_rule_example_gives_the_same_record_inside_memory_zones_from_a_cold_start():
    out = run_json_script(_EXAMPLES)
    assert out["texts"] > 200
    assert out["failed"] == 0
    assert out["differ"] == []
