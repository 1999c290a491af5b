"""The user's corrections to identity: pairs of names that are, or are not, one person.

A corrections file is a UTF-8 CSV with the columns ``name_a,name_b,relation``; ``relation``
is ``same`` (join the people these names were given to) or ``different`` (keep the mentions
written ``name_b`` apart from the person named ``name_a``). Names are compared as identity
compares them (case, accents and titles ignored) with the names the records use, or the
actor dictionary entry. An optional ``note`` column is kept for the user's own reasons.

This module only reads and checks the file; ``graph.identity.PersonResolver`` applies it.
"""

from __future__ import annotations

import csv
from pathlib import Path

from graph.errors import CorrectionsFileError

__all__ = ["CORRECTION_COLUMNS", "RELATIONS", "read_corrections"]

#: Columns a corrections file must have.
CORRECTION_COLUMNS = ("name_a", "name_b", "relation")

#: The relations a row may state.
RELATIONS = ("same", "different")


def read_corrections(path: str | Path) -> list[tuple[str, str, str]]:
    """Read a corrections CSV into ``(name_a, name_b, relation)`` triples.

    Parameters
    ----------
    path : the CSV file.

    Returns
    -------
    The rows in file order (blank rows skipped).

    Raises
    ------
    CorrectionsFileError
        If the file cannot be read, lacks a column, or a row has an empty name or an unknown
        relation; the message names the file, the line and the value.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as f:
    ...     _ = f.write("name_a,name_b,relation\\nKenyatta,Jomo Kenyatta,same\\n")
    >>> read_corrections(f.name)
    [('Kenyatta', 'Jomo Kenyatta', 'same')]
    >>> os.unlink(f.name)
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise CorrectionsFileError(f"Corrections file '{path}' is not UTF-8 text (byte {err.start}). "
                                   "Save it as UTF-8 CSV.") from err
    except OSError as err:
        raise CorrectionsFileError(f"Cannot read corrections file '{path}': {err.strerror or err}. Check the "
                                   f"path; it should be a CSV with the columns {','.join(CORRECTION_COLUMNS)}.") from err
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in CORRECTION_COLUMNS if c not in header]
    if missing:
        raise CorrectionsFileError(f"Corrections file '{path}', line 1: missing column(s) {', '.join(missing)} in "
                                   f"header {','.join(header) or '(empty)'}. The header must be "
                                   f"{','.join(CORRECTION_COLUMNS)} (and optionally note).")
    rows = []
    try:
        for row in reader:
            row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k}
            if not any(row.values()):
                continue
            where = f"Corrections file '{path}', line {reader.line_num}"
            a, b, relation = row.get("name_a", ""), row.get("name_b", ""), row.get("relation", "").lower()
            if not a or not b:
                raise CorrectionsFileError(f"{where}: a name is empty ({a!r}, {b!r}). Give both names as the "
                                           "graph shows them ('diplograph query person NAME').")
            if relation not in RELATIONS:
                raise CorrectionsFileError(f"{where}: unknown relation {row.get('relation', '')!r}. Use "
                                           f"{' or '.join(RELATIONS)}.")
            rows.append((a, b, relation))
    except csv.Error as err:
        raise CorrectionsFileError(f"Corrections file '{path}', line {reader.line_num}: {err}. Quote names that "
                                   "contain commas.") from err
    return rows
