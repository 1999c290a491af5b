"""The ``diplograph`` command line: a thin layer over the ``extract`` and ``graph`` packages.

Each command parses its arguments, calls one or two library functions and formats the
result. Commands that only need one package live in that package (``extract.cli``,
``graph.cli_query``, ``graph.cli_view``); this module assembles them into one group and
holds ``build``, the only command that needs both.
"""

from __future__ import annotations

import sys

import click

from extract.cli import evaluate_command, extract_command, limits_options, model_option, report_failure

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="diplograph")
def cli() -> None:
    """Build a knowledge graph of who met whom from diplomatic meeting reports.

    Example:

    \b
        diplograph build data/reports --out out/
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out", type=click.Path(file_okay=False), default="out", show_default=True,
              help="Output folder for records.jsonl, graph.graphml and graph.html.")
@click.option("--no-view", is_flag=True, help="Do not write the HTML view.")
@model_option
@limits_options
def build(paths, out, no_view, model, max_bytes, max_chars):
    """Extract every report, build the graph and write records, GraphML and an HTML view.

    PATHS are report files or folders (.txt, .html/.htm, .json, .jsonl, and the Office
    of the Historian's travels/visits XML). Failed documents are listed on stderr; the
    others are built. Exit status 1 when a document failed.

    Example:

    \b
        diplograph build data/reports --out out/
    """
    from extract.errors import ExtractError
    from extract.record import DEFAULT_MAX_CHARS
    from extract.sources import DEFAULT_MAX_BYTES
    from graph.corpus import build_corpus
    from graph.errors import GraphError

    try:
        summary = build_corpus(paths, out, model=model, on_failure=report_failure, view=not no_view,
                               max_bytes=max_bytes or DEFAULT_MAX_BYTES, max_chars=max_chars or DEFAULT_MAX_CHARS)
    except (ExtractError, GraphError) as err:
        raise click.ClickException(str(err)) from err
    for line in summary.lines():
        click.echo(line)
    if summary.failed:
        sys.exit(1)


# --- commands registered from the packages (one line each) -------------------
cli.add_command(extract_command)
cli.add_command(evaluate_command)
from graph.cli_query import export, query; cli.add_command(query); cli.add_command(export)  # noqa: E402
# --- end of registered commands ----------------------------------------------


def main() -> None:
    """Run the command line (the ``diplograph`` console script)."""
    cli()


if __name__ == "__main__":
    main()
