"""The ``diplograph`` command line: a thin layer over the ``extract`` and ``graph`` packages.

Each command parses its arguments, calls one or two library functions and formats the
result. Commands that only need one package live in that package (``extract.cli``,
``graph.cli_query``, ``graph.cli_view``); this module assembles them into one group and
holds ``build``, the only command that needs both.
"""

from __future__ import annotations

import sys

import click

from extract.cli import (evaluate_command, extract_command, limits_options, model_option, report_failure,
                         tables_options)

__all__ = ["cli", "main"]


class _LazyGroup(click.Group):
    """A group whose package commands are imported when run, so ``diplograph query`` starts fast.

    `lazy` maps a command name to ``"module:attribute"``; listing the commands (``--help``)
    imports them all, running one imports only its own module.
    """

    def __init__(self, *args, lazy: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            import importlib

            module, attr = self.lazy[name].split(":")
            command = getattr(importlib.import_module(module), attr)
            _same_help_options_of(command)
            self.add_command(command, name)
        return super().get_command(ctx, name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]},
             lazy={"query": "graph.cli_query:query", "export": "graph.cli_query:export", "view": "graph.cli_view:view"})
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
@click.option("--no-graphml", is_flag=True,
              help="Do not write graph.graphml (queries read OUT/graph.state; write it later with "
                   "'diplograph export'). An older graph.graphml is removed when the graph changed.")
@click.option("--store", "store", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Record store (SQLite) to reuse extractions from; default OUT/store.sqlite.")
@click.option("--rebuild", is_flag=True, help="Forget the stored records and extract every document again.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Extraction processes (local engine) or local Dask workers.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Extract in local processes or on a Dask cluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler address (tcp://HOST:8786) for --engine dask; default: a local cluster.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@model_option
@tables_options
@limits_options
def build(paths, out, no_view, no_graphml, store, rebuild, workers, engine, scheduler, quiet, model, actor_files, topic_files,
          max_bytes, max_chars):
    """Extract new and changed reports, build the graph and write records, GraphML and an HTML view.

    PATHS are report files or folders (.txt, .html/.htm, .json, .jsonl, and the Office
    of the Historian's travels/visits XML). Records are kept in a SQLite store, so a
    second build extracts only documents that are new or changed, and documents no
    longer under PATHS leave the graph. Failed documents are listed on stderr; the
    others are built. Exit status 1 when a document failed or the store is in use.

    Examples:

    \b
        diplograph build data/reports --out out/
        diplograph build data/reports --out out/ --workers 2
        diplograph build corpus/ --out out/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from extract.errors import ExtractError
    from graph.corpus import ConsoleProgress, build_corpus
    from graph.errors import GraphError

    bar = ConsoleProgress(enabled=not quiet and sys.stderr.isatty())
    try:
        with bar:
            summary = build_corpus(paths, out, model=model, store=store, rebuild=rebuild, engine=engine,
                                   workers=workers, scheduler=scheduler, on_failure=report_failure,
                                   view=not no_view, graphml=not no_graphml, max_bytes=max_bytes, max_chars=max_chars, progress=bar,
                                   actor_files=actor_files, topic_files=topic_files)
    except (ExtractError, GraphError) as err:
        raise click.ClickException(str(err)) from err
    for line in summary.lines():
        click.echo(line)
    if summary.failed:
        sys.exit(1)


# --- commands registered from the packages (one line each) -------------------
cli.add_command(extract_command)
cli.add_command(evaluate_command)
# query, export and view: imported when run (see _LazyGroup and the `lazy` table of `cli`)
# --- end of registered commands ----------------------------------------------


def _same_help_options(group: click.Group) -> None:
    """Give every command "-h, --help", also when it runs on its own (tests, CliRunner).

    click caches each command's help option the first time it is built, from whichever
    context asked first, so without this the help text depends on how a command was first run.
    """
    for command in group.commands.values():
        _same_help_options_of(command)


def _same_help_options_of(command: click.Command) -> None:
    """Give one command (and its subcommands) "-h, --help"."""
    command.context_settings.setdefault("help_option_names", ["-h", "--help"])
    if isinstance(command, click.Group):
        _same_help_options(command)


_same_help_options(cli)


def main() -> None:
    """Run the command line (the ``diplograph`` console script)."""
    cli()


if __name__ == "__main__":
    main()
