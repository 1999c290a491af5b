"""The real development set: add a collected report, check a texts folder against the manifest.

The texts are third-party and never committed. What is committed is `data/devset/manifest.jsonl`
(one line per report: id, fold, source kind, source, country, url, query, sha256 of the UTF-8
text) and the gold files in `data/devset/gold/`. The texts live under a folder outside the
repository (default `/tmp/devset/texts`), one `<id>.txt` per report, pulled again each session
(see data/devset/README.md).

Usage:

    python tools/devset.py add RESULT.json --id dev_c1_001 --fold c1 --kind news \\
        --source rediff.com --country IND --query "the query as sent"
    python tools/devset.py add --excerpt-file EXCERPT.txt --url URL --id ... (the rest as above)
    python tools/devset.py check [--texts /tmp/devset/texts]

`RESULT.json` holds one result object of the search tool's JSON answer, as returned
(`{"rank": .., "url": .., "excerpt": ..}`); the excerpt is saved exactly, parsed from JSON,
never retyped. Where a session can only write the excerpt to a file as text, `--excerpt-file` and
`--url` take it instead (the file's text is the excerpt, byte for byte). A url whose sha256 is listed in ../shared/corpora/hidden-urls.sha256 is refused:
it belongs to the hidden evaluation set.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "data" / "devset" / "manifest.jsonl"
HIDDEN = ROOT.parent / "shared" / "corpora" / "hidden-urls.sha256"
DEFAULT_TEXTS = Path("/tmp/devset/texts")
KINDS = {"news", "government_readout", "ministry_readout", "agency", "transcript", "international_body",
         "speech", "opinion", "other"}


def sha256(text: str) -> str:
    """Return the hex sha256 of `text` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def hidden_hashes(path: Path | None = None) -> set[str]:
    """Return the url hashes of the hidden set (empty when the file is absent)."""
    path = path or HIDDEN
    if not path.exists():
        return set()
    return {line.strip() for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")}


def read_manifest(path: Path | None = None) -> list[dict]:
    """Return the manifest's rows in file order."""
    path = path or MANIFEST
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def add(result_file: Path | dict, *, doc_id: str, fold: str, kind: str, source: str, country: str, query: str,
        texts: Path = DEFAULT_TEXTS) -> dict:
    """Save one search result's excerpt as `<texts>/<doc_id>.txt` and append its manifest row."""
    if isinstance(result_file, dict):
        result = result_file
    else:
        result = json.loads(Path(result_file).read_text(encoding="utf-8"))
    url, text = result["url"], result["excerpt"]
    if kind not in KINDS:
        raise SystemExit(f"unknown kind {kind!r}; use one of {sorted(KINDS)}")
    if sha256(url) in hidden_hashes():
        raise SystemExit(f"refused: {url} belongs to the hidden evaluation set; pick another report")
    rows = read_manifest()
    if any(r["id"] == doc_id for r in rows):
        raise SystemExit(f"id {doc_id} is already in the manifest")
    if any(r["url"] == url for r in rows):
        raise SystemExit(f"url {url} is already in the manifest")
    texts.mkdir(parents=True, exist_ok=True)
    (texts / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    row = {"id": doc_id, "fold": fold, "kind": kind, "source": source, "country": country, "url": url,
           "query": query, "sha256": sha256(text), "chars": len(text)}
    MANIFEST.parent.mkdir(parents=True, exist_ok=True)
    with MANIFEST.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return row


def check(texts: Path = DEFAULT_TEXTS) -> list[str]:
    """Return one problem per line: missing texts, wrong hashes, hidden urls, duplicates, sources in two folds."""
    problems, hidden, seen, folds_of = [], hidden_hashes(), set(), {}
    for row in read_manifest():
        path = texts / f"{row['id']}.txt"
        if row["id"] in seen:
            problems.append(f"{row['id']}: id listed twice")
        seen.add(row["id"])
        if sha256(row["url"]) in hidden:
            problems.append(f"{row['id']}: url belongs to the hidden set")
        folds_of.setdefault(row["source"], set()).add(row["fold"])
        if not path.exists():
            problems.append(f"{row['id']}: no text at {path}; pull it again (data/devset/README.md)")
        elif sha256(path.read_text(encoding="utf-8")) != row["sha256"]:
            problems.append(f"{row['id']}: text at {path} differs from the manifest's sha256")
    problems += [f"source {s} is in folds {sorted(f)}" for s, f in folds_of.items() if len(f) > 1]
    return problems


def main(argv: list[str] | None = None) -> int:
    """Command line: `add` and `check`."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("add")
    a.add_argument("result_file", type=Path, nargs="?")
    a.add_argument("--excerpt-file", type=Path, help="the excerpt saved as a text file (with --url)")
    a.add_argument("--url")
    for name in ("id", "fold", "kind", "source", "country", "query"):
        a.add_argument(f"--{name}", required=True)
    a.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    c = sub.add_parser("check")
    c.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    args = parser.parse_args(argv)
    if args.cmd == "add":
        if (args.result_file is None) == (args.excerpt_file is None) or bool(args.excerpt_file) != bool(args.url):
            parser.error("add takes RESULT.json, or --excerpt-file with --url")
        result = args.result_file or {"url": args.url, "excerpt": args.excerpt_file.read_text(encoding="utf-8")}
        row = add(result, doc_id=args.id, fold=args.fold, kind=args.kind, source=args.source,
                  country=args.country, query=args.query, texts=args.texts)
        print(json.dumps(row, ensure_ascii=False))
        return 0
    problems = check(args.texts)
    for p in problems:
        print(p)
    print(f"{len(read_manifest())} reports in the manifest, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
