"""The ``diplograph`` command line: a thin layer over the ``extract`` and ``graph`` packages.

Each command parses its arguments, calls one or two library functions and formats the
result. Commands that only need one package live in that package (``extract.cli``,
``graph.cli_query``, ``graph.cli_view``); this module assembles them into one group and
holds ``build``, the only command that needs both. Commands are imported when run (see
`_LazyGroup`), so ``diplograph query`` starts without loading spaCy.
"""

from __future__ import annotations

import gc
import importlib
import sqlite3
import sys

import click

__all__ = ["cli", "main"]

#: Command name -> "module:attribute" (":attribute" for this module): a command, or a function that makes one.
COMMANDS = {
    "build": ":_build_command",  # this module
    "evaluate": "extract.cli:evaluate_command",
    "export": "graph.cli_export:export",
    "extract": "extract.cli:extract_command",
    "query": "graph.cli_query:query",
    "view": "graph.cli_view:view",
}


class _LazyGroup(click.Group):
    """A group whose commands are imported when run: running one imports only its own module.

    Listing the commands (``--help``) imports them all. `lazy` maps a command name to
    ``"module:attribute"`` (see `COMMANDS`).
    """

    def __init__(self, *args, lazy: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context | None) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context | None, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            module, attr = self.lazy[name].split(":")
            command = getattr(importlib.import_module(module) if module else sys.modules[__name__], attr)
            if not isinstance(command, click.Command):
                command = command()
            _same_help_options_of(command)
            self.add_command(command, name)
        return super().get_command(ctx, name)


@click.group(cls=_LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="diplograph")
def cli() -> None:
    """Build a knowledge graph of who met whom from diplomatic meeting reports.

    Example:

    \b
        diplograph build data/reports --out out/
    """


def _build_command() -> click.Command:
    """Make the ``build`` command (its options come from ``extract.cli``, imported only now)."""
    from extract.cli import limits_options, model_option, printable, report_failure, tables_options

    @click.command()
    @click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
    @click.option("--out", "out", type=click.Path(file_okay=False), default="out", show_default=True,
                  help="Output folder for records.jsonl, graph.graphml and graph.html.")
    @click.option("--no-view", is_flag=True,
                  help="Do not write the HTML view now (an older one is left as it is; the next build without this "
                       "flag writes it).")
    @click.option("--no-graphml", is_flag=True,
                  help="Do not write graph.graphml now (an older one is left as it is, queries answer from the cache "
                       "OUT/graph.state; the next build without this flag writes it).")
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
    @click.option("--corrections", type=click.Path(exists=True, dir_okay=False), default=None, metavar="FILE",
                  help="People to join or keep apart (CSV: name_a,name_b,relation with relation same or different).")
    @model_option
    @tables_options
    @limits_options
    def build(paths, out, no_view, no_graphml, store, rebuild, workers, engine, scheduler, quiet, corrections, model, actor_files,
              topic_files, max_bytes, max_chars, follow_symlinks):
        """Extract new and changed reports, build the graph and write records, GraphML and an HTML view.

        PATHS are report files or folders (.txt, .html/.htm, .json, .jsonl, and the Office
        of the Historian's travels/visits XML). Records are kept in a SQLite store, so a
        second build extracts only documents that are new or changed, and documents no
        longer under PATHS leave the graph; a file that fails to read keeps its documents
        of the last build. Failed documents are listed on stderr, the others are built,
        and every graph warning goes to OUT/warnings.txt. Exit status 1 when a document
        failed, no report was found or the store is in use; 2 when a path does not exist.

        Examples:

        \b
            diplograph build data/reports --out out/
            diplograph build data/reports --out out/ --workers 2
            diplograph build corpus/ --out out/ --engine dask --scheduler tcp://10.0.0.5:8786
            diplograph build data/reports --out out/ --corrections my_people.csv
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
                                       actor_files=actor_files, topic_files=topic_files, corrections=corrections,
                                       follow_symlinks=follow_symlinks)
        except (ExtractError, GraphError) as err:
            raise click.ClickException(printable(err)) from err
        except sqlite3.DatabaseError as err:  # pages damaged while the build ran (the open check passed)
            raise click.ClickException(f"The record store is damaged ({err}). Run the build again with --rebuild: the "
                                       "damaged file is moved aside and every document is extracted again.") from err
        for line in summary.lines():  # graph warnings quote names and titles from the documents
            click.echo(printable(line))
        if summary.failed:
            sys.exit(1)

    return build


# The commands are registered in COMMANDS and imported when run.


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


def main() -> None:
    """Run the command line (the ``diplograph`` console script)."""
    try:
        cli()
    finally:  # the process ends here: spare it a last collection over a large graph (a second on big corpora)
        gc.freeze()


if __name__ == "__main__":
    main()
