"""The ``diplograph`` command line: a thin layer over the ``extract`` and ``graph`` packages.

Each command parses its arguments, calls one or two library functions and formats the
result. Commands that only need one package live in that package (``extract.cli``,
``graph.cli_query``, ``graph.cli_view``); this module assembles them into one group and
holds ``build``, the only command that needs both.
"""

from __future__ import annotations

import click

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="diplograph")
def cli() -> None:
    """Build a knowledge graph of who met whom from diplomatic meeting reports.

    Example:

    \b
        diplograph build data/reports --out out/
    """


# --- commands registered from the packages (one line each) -------------------
# --- end of registered commands ----------------------------------------------


def main() -> None:
    """Run the command line (the ``diplograph`` console script)."""
    cli()


if __name__ == "__main__":
    main()
