"""The README stays true: its command reference, commands, code, columns and files match the code.

The command reference must equal what ``tools/cli_reference.py`` prints now (regenerate it with
``python tools/cli_reference.py --write README.md``); every click command has help text with an
example; the commands and options the README shows exist; its Python snippets name real
functions; its example record is valid; the files it points to exist.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import importlib.util
import json
import re
import shlex
from pathlib import Path

import click
import pytest

from diplograph_cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
#: The screenshot must stay small enough for a repository.
MAX_IMAGE_BYTES = 500_000


def _load_tool():
    """Import tools/cli_reference.py (tools/ is a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "tools" / "cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _load_tool()
COMMANDS = [(name, cmd) for name, cmd, _ in TOOL.walk_commands(cli)]


def _readme() -> str:
    """The README's text."""
    return README.read_text(encoding="utf-8")


def _prose() -> str:
    """The README without its generated command reference."""
    text = _readme()
    return text.replace(TOOL.readme_section(text), "")


def _blocks(lang: str) -> list[str]:
    """The fenced code blocks of one language (``""`` for blocks without one), outside the reference."""
    return re.findall(rf"^```{lang}\n(.*?)^```$", _prose(), flags=re.S | re.M)


def _command_lines() -> list[str]:
    """Every ``diplograph ...`` command line in the README's own code blocks and inline code."""
    lines = []
    for block in _blocks("") + _blocks("text"):
        lines += [ln.split("  #")[0].strip() for ln in block.splitlines()]
    lines += re.findall(r"`(diplograph [^`]+)`", _prose().replace("\n", " "))
    return [ln.replace("python -m diplograph_cli", "diplograph") for ln in lines
            if ln.startswith(("diplograph ", "python -m diplograph_cli "))]


def test_readme_command_reference_is_current():
    assert TOOL.readme_section(_readme()) == TOOL.render_reference(cli), (
        "The README's command reference differs from the CLI's help; run "
        "'python tools/cli_reference.py --write README.md'.")


@pytest.mark.parametrize("name, command", COMMANDS, ids=[n for n, _ in COMMANDS])
def test_cli_command_has_help_with_an_example(name, command):
    assert command.help and command.help.strip(), f"'{name}' has no help text"
    assert re.search(r"Examples?:", command.help), f"'{name}' help has no 'Example:' section"
    assert re.search(r"^\s+diplograph \S", command.help, flags=re.M), (
        f"'{name}' help shows no example invocation ('    diplograph ...')")
    assert command.get_short_help_str(limit=200).strip()


@pytest.mark.parametrize("line", _command_lines())
def test_readme_commands_use_real_commands_and_options(line):
    words = shlex.split(line)[1:]
    command: click.Command = cli
    while isinstance(command, click.Group) and words and not words[0].startswith("-"):
        sub = command.get_command(click.Context(cli), words[0])
        assert sub is not None, f"README line {line!r}: no command {words[0]!r}"
        command, words = sub, words[1:]
    known = {opt for p in command.params for opt in getattr(p, "opts", [])} | {"--help", "-h"}
    unknown = [w.split("=")[0] for w in words if w.startswith("--") and w.split("=")[0] not in known]
    assert unknown == [], f"README line {line!r} uses options the command lacks: {unknown}"


def test_readme_keeps_the_ci_test_command():
    # .ci/run reads the first line starting with this from the README and runs it
    lines = [ln for ln in _readme().splitlines() if ln.startswith('pip install -e ".[test]"')]
    assert lines and "python -m pytest" in lines[0]


def test_readme_python_snippets_name_real_functions():
    from graph import MeetingGraph

    empty = MeetingGraph.from_records([])  # instance attributes (failures, warnings) count too
    blocks = _blocks("python")
    assert len(blocks) >= 3
    for block in blocks:
        tree = ast.parse(block)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                module = importlib.import_module(node.module)
                missing = [a.name for a in node.names if not hasattr(module, a.name)]
                assert missing == [], f"README imports {missing} from {node.module}, which has no such names"
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "g":
                assert hasattr(empty, node.attr), f"README uses g.{node.attr}, not a MeetingGraph member"


def test_readme_example_record_follows_the_schema():
    from extract import validate_record

    records = [json.loads(b) for b in _blocks("json")]
    assert len(records) == 1
    assert validate_record(records[0]) == []
    assert records[0]["meetings"] and records[0]["meetings"][0]["evidence"]


def test_readme_names_the_real_columns_and_categories():
    from extract.actors import ACTOR_COLUMNS
    from extract.topictable import CATEGORIES, TOPIC_COLUMNS

    prose = _prose()
    for column in ACTOR_COLUMNS + TOPIC_COLUMNS:
        assert f"`{column}`" in prose, f"README does not describe column {column!r}"
    named = re.findall(r"`([a-z ]+)`", prose.split("## Extending")[1].split("## Using")[0])
    cited = [c for c in named if c in CATEGORIES]
    assert len(cited) >= 4
    assert (ROOT / "extract" / "resources" / "actors.csv").read_text(encoding="utf-8").startswith(
        ",".join(ACTOR_COLUMNS))


@pytest.mark.parametrize("path", sorted(set(re.findall(
    r"(?<![\w/])((?:docs|extract|notebooks|bench|tools|data|tests)/[\w./-]+\.(?:png|jsonl|json|ipynb|py|csv|md))\b",
    README.read_text(encoding="utf-8")))))
def test_readme_points_to_files_that_exist(path):
    assert (ROOT / path).is_file(), f"README mentions {path}, which does not exist"


def test_readme_screenshot_is_a_small_png():
    image = ROOT / "docs" / "view-samples.png"
    data = image.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) < MAX_IMAGE_BYTES
    assert "](docs/view-samples.png)" in _readme()


def test_readme_performance_table_names_the_benchmarks():
    prose = _prose()
    for script in ("bench/bench_scale.py", "bench/bench_graph.py", "bench/bench_views.py"):
        assert f"python {script}" in prose


def test_cli_reference_doctests():
    result = doctest.testmod(TOOL, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 4 and result.failed == 0


@pytest.mark.parametrize(
    "body, expected",
    [
        (lambda ref: f"# T\n\n{ref}\nafter\n", 0),
        (lambda ref: f"# T\n\n{TOOL.START}\nold text\n{TOOL.END}\nafter\n", 1),
    ],
    ids=["current", "stale"],
)
def test_cli_reference_check_exit_status(tmp_path, capsys, body, expected):
    readme = tmp_path / "README.md"
    readme.write_text(body(TOOL.render_reference(cli)), encoding="utf-8")
    assert TOOL.main(["--check", str(readme)]) == expected
    if expected:
        assert "--write" in capsys.readouterr().err


def test_cli_reference_write_replaces_only_the_section(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# T\n\n{TOOL.START}\nold\n{TOOL.END}\nafter\n", encoding="utf-8")
    assert TOOL.main(["--write", str(readme)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# T\n\n") and text.endswith("after\n")
    assert TOOL.readme_section(text) == TOOL.render_reference(cli)


def test_cli_reference_usage_error():
    assert TOOL.main(["--bogus"]) == 2


def test_readme_accuracy_covers_every_gold_file():
    # the pasted 'diplograph evaluate data/gold data/reports' output must be from today's gold set
    found = re.search(r"^data/gold: (\d+) documents$", _prose(), flags=re.M)
    assert found, "the README lacks the output of 'python -m diplograph_cli evaluate data/gold data/reports'"
    gold = len(list((ROOT / "data" / "gold").glob("*.gold.json")))
    assert int(found[1]) == gold, (f"the README's accuracy table scores {found[1]} documents but data/gold has "
                                   f"{gold}; rerun the evaluate commands and paste what they print")
