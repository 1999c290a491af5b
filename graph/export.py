"""Write meeting graphs to files other tools read: GraphML, GEXF, node-link JSON, CSV, Neo4j.

Every writer first makes the graph safe for its format (`sanitized`): attribute values become
scalars (lists and dicts JSON-encoded, dates ISO strings, None dropped), control characters
that XML forbids are removed, each attribute key keeps one type, and every edge gets a unique
string id. Every file is written to a temporary name in the same folder and renamed into
place, so a failed export never destroys an earlier good one. ``read_graphml`` (and
``read_json``) read the files back with their types.

This module writes and reads files; it does not build graphs or answer queries.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import os
import re
import tempfile  # noqa: F401  (the temporary files of atomic_output; tests reach it as export.tempfile)
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable, Iterator

import networkx as nx

from graph.atomic_files import _write_error, atomic_output, atomic_outputs  # defined there, used and re-exported here
from graph.errors import ExportFormatError, GraphFileError
from graph.safetext import spreadsheet_cell

__all__ = [
    "atomic_output",
    "atomic_outputs",
    "FORMATS",
    "sanitized",
    "write_graphml",
    "read_graphml",
    "write_gexf",
    "write_json",
    "read_json",
    "write_csv",
    "write_neo4j",
    "export",
]

#: The formats `export` writes, with the kind of path each takes.
FORMATS = {"graphml": "file", "gexf": "file", "json": "file", "csv": "folder", "neo4j": "folder"}
#: The Cypher script written next to the Neo4j CSV files.
NEO4J_SCRIPT = "load.cypher"

# characters XML cannot hold, and bidi controls (which make text read other than it is, see graph.safetext)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff\u061c\u200e\u200f"
                      r"\u202a-\u202e\u2066-\u2069]")
_SCALARS = (str, int, float, bool)
#: Graph attributes networkx's GraphML reader adds (dicts of defaults); never written back.
_READER_DEFAULTS = ("node_default", "edge_default")
_NEO4J_TYPES = {str: "", int: ":long", float: ":double", bool: ":boolean"}


def sanitized(g: nx.Graph) -> nx.MultiDiGraph:
    """Return `g` as a ``MultiDiGraph`` every graph format can hold (`g` itself if already so).

    Parameters
    ----------
    g : any networkx graph.

    Returns
    -------
    A graph whose node ids and edge keys are strings without control characters, edge keys
    unique across the whole graph, attribute values str/int/float/bool with one type per key
    (keys whose values disagree become strings), and no None values.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a\\x00", "b", tags=["x", "y"], when=_dt.date(2024, 1, 12), note=None)
    0
    >>> g.add_node("b", n=1); g.add_node("c", n="one")
    >>> s = sanitized(g)
    >>> sorted(s.nodes(data=True))
    [('a', {}), ('b', {'n': '1'}), ('c', {'n': 'one'})]
    >>> list(s.edges(keys=True, data=True))
    [('a', 'b', 'e0', {'tags': '["x","y"]', 'when': '2024-01-12'})]
    """
    if isinstance(g, nx.MultiDiGraph) and _is_clean(g):
        return g
    ids: dict[object, str] = {}
    taken: set[str] = set()
    for n in g.nodes:
        text = _text(n) or "node"
        base, i = text, 1
        while text in taken:
            i += 1
            text = f"{base}~{i}"
        taken.add(text)
        ids[n] = text
    out = nx.MultiDiGraph()
    out.graph.update(_attrs({k: v for k, v in g.graph.items() if k not in _READER_DEFAULTS}))
    for n, data in g.nodes(data=True):
        out.add_node(ids[n], **_attrs(data))
    seen: set[str] = set()
    counter = 0
    edges = g.edges(keys=True, data=True) if g.is_multigraph() else (
        (u, v, None, d) for u, v, d in g.edges(data=True))
    for u, v, key, data in edges:
        text = _text(key) if isinstance(key, str) else ""
        if not text or text in seen:
            while f"e{counter}" in seen:
                counter += 1
            text = f"e{counter}"
        seen.add(text)
        out.add_edge(ids[u], ids[v], key=text, **_attrs(data))
    for items in (out.nodes(data=True), ((k, d) for *k, d in out.edges(keys=True, data=True)),
                  [(None, out.graph)]):
        _unify_types(list(items))
    return out


def write_graphml(g: nx.Graph, path: str | Path, *, sort: bool = False) -> Path:
    """Write `g` as GraphML that is valid XML whatever the input, atomically.

    Parameters
    ----------
    g : any networkx graph (sanitised first, see `sanitized`).
    path : the file to write; missing folders are created.
    sort : write nodes by id, edges by (source, target, key) and attributes by name, so two
        equal graphs give the same bytes whatever order they were built in (a graph updated
        by ``diplograph build`` and one built afresh).

    Returns
    -------
    The path written.

    Raises
    ------
    GraphFileError
        If the file cannot be written; an earlier file at `path` is left as it was.

    Examples
    --------
    >>> import tempfile, os
    >>> from graph.synthetic import sample_records
    >>> from graph.build import build_graph
    >>> out = os.path.join(tempfile.mkdtemp(), "g.graphml")
    >>> g = build_graph(sample_records())
    >>> back = read_graphml(write_graphml(g, out))
    >>> sorted(back.nodes) == sorted(g.nodes), back.nodes["person:antony-blinken"]["n_meetings"]
    (True, 4)
    """
    clean = sanitized(g)
    with atomic_output(path) as tmp:
        _stream_graphml(clean, tmp, sort=sort)
    return Path(path)


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    """Read a GraphML file (ours or any other) as a ``MultiDiGraph`` with attribute types.

    Raises
    ------
    GraphFileError
        If the file is missing or is not GraphML.
    """
    p = Path(path)
    if not p.is_file():
        raise GraphFileError(
            f"No graph file at {str(p)!r}. Build one with 'diplograph build REPORTS --out out/' "
            "or pass --graph with the path of a .graphml file."
        )
    try:
        g = nx.read_graphml(p, force_multigraph=True)
    except Exception as err:  # networkx raises several types for bad files
        raise GraphFileError(f"{str(p)!r} is not a readable GraphML file: {err}") from err
    if not g.is_directed():
        g = nx.MultiDiGraph(g)
    return g


def write_gexf(g: nx.Graph, path: str | Path) -> Path:
    """Write `g` as GEXF 1.2 (Gephi's format), atomically.

    GEXF reserves the edge attribute ``type`` (directed or undirected) and takes edge ids from
    ``id``, so our edge ``type`` is written as ``relation`` and the edge key as the id.

    Examples
    --------
    >>> import tempfile, os
    >>> from graph.synthetic import sample_records
    >>> from graph.build import build_graph
    >>> out = write_gexf(build_graph(sample_records()), os.path.join(tempfile.mkdtemp(), "g.gexf"))
    >>> back = nx.read_gexf(out)
    >>> sorted({d["relation"] for *_, d in back.edges(data=True)})[:3]
    ['about', 'held_in', 'mentions']
    """
    clean = sanitized(g)
    out = nx.MultiDiGraph()
    out.graph.update(clean.graph)
    out.add_nodes_from(clean.nodes(data=True))
    for u, v, k, data in clean.edges(keys=True, data=True):
        data = dict(data)
        if "type" in data:
            data["relation"] = data.pop("type")
        for reserved in ("start", "end", "weight", "label"):
            if reserved in data:
                data[f"{reserved}_"] = data.pop(reserved)
        data["id"] = k
        out.add_edge(u, v, key=k, **data)
    for _, data in out.nodes(data=True):
        for reserved in ("start", "end", "pid", "id"):
            if reserved in data:
                data[f"{reserved}_"] = data.pop(reserved)
    with atomic_output(path) as tmp:
        nx.write_gexf(out, tmp)
    return Path(path)


def write_json(g: nx.Graph, path: str | Path) -> Path:
    """Write `g` as node-link JSON (``nodes`` and ``edges`` lists), atomically.

    Examples
    --------
    >>> import tempfile, os
    >>> from graph.synthetic import sample_records
    >>> from graph.build import build_graph
    >>> g = build_graph(sample_records())
    >>> back = read_json(write_json(g, os.path.join(tempfile.mkdtemp(), "g.json")))
    >>> back.number_of_edges() == g.number_of_edges()
    True
    """
    data = nx.node_link_data(sanitized(g), edges="edges")
    with atomic_output(path) as tmp:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
    return Path(path)


def read_json(path: str | Path) -> nx.MultiDiGraph:
    """Read node-link JSON written by `write_json`.

    Raises
    ------
    GraphFileError
        If the file is missing or not node-link JSON.
    """
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        return nx.node_link_graph(data, edges="edges", multigraph=True, directed=True)
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise GraphFileError(f"{str(path)!r} is not a node-link JSON graph: {err}") from err


def write_csv(g: nx.Graph, folder: str | Path) -> Path:
    """Write ``nodes.csv`` (id, then attributes) and ``edges.csv`` (id, source, target, ...).

    Examples
    --------
    >>> import tempfile, csv
    >>> from graph.synthetic import sample_records
    >>> from graph.build import build_graph
    >>> out = write_csv(build_graph(sample_records()), tempfile.mkdtemp())
    >>> next(csv.reader(open(out / "edges.csv")))[:4]
    ['id', 'source', 'target', 'type']
    """
    clean = sanitized(g)
    folder = Path(folder)
    node_keys = _keys(d for _, d in clean.nodes(data=True))
    edge_keys = _keys(d for *_, d in clean.edges(data=True))
    _write_rows(folder / "nodes.csv", ["id", *node_keys],
                ([_cell(n), *(_cell(d.get(k)) for k in node_keys)] for n, d in clean.nodes(data=True)))
    _write_rows(folder / "edges.csv", ["id", "source", "target", *edge_keys],
                ([_cell(k), _cell(u), _cell(v), *(_cell(d.get(x)) for x in edge_keys)]
                 for u, v, k, d in clean.edges(keys=True, data=True)))
    return folder


def write_neo4j(g: nx.Graph, folder: str | Path) -> Path:
    """Write a Neo4j bulk-import set: one CSV per node label and per relationship, plus Cypher.

    Node files ``nodes_<type>.csv`` have headers ``id:ID``, typed properties
    (``n_meetings:long``) and ``:LABEL``; relationship files
    ``rels_<type>_<from>_<to>.csv`` have ``:START_ID``, ``:END_ID``, ``:TYPE``, ``id`` and
    properties. ``neo4j-admin database import full`` reads them as they are; ``load.cypher``
    loads the same files into a running database with ``LOAD CSV`` (copy them into its
    import folder first). Labels are the node types capitalised (``Person``), relationship
    types upper-cased (``PARTICIPATED_IN``).

    Examples
    --------
    >>> import tempfile
    >>> from graph.synthetic import sample_records
    >>> from graph.build import build_graph
    >>> out = write_neo4j(build_graph(sample_records()), tempfile.mkdtemp())
    >>> open(out / "nodes_person.csv").readline().strip()
    'id:ID,type,label,aliases,country,first,identity,last,n_meetings:long,name,offices,title,:LABEL'
    """
    clean = sanitized(g)
    folder = Path(folder)
    types = _value_types(clean)
    by_label: dict[str, list] = defaultdict(list)
    for n, d in clean.nodes(data=True):
        by_label[_label_name(d.get("type", "node"))].append((n, d))
    node_label = {n: label for label, rows in by_label.items() for n, _ in rows}
    script = [
        "// Load the diplograph graph into Neo4j: copy these CSV files into the import folder,",
        "// then run this script (cypher-shell -f load.cypher). For an empty database,",
        "// neo4j-admin is faster:",
        "//   neo4j-admin database import full "
        + " ".join(f"--nodes=nodes_{_slug(l)}.csv" for l in sorted(by_label))
        + " --relationships=rels_*.csv",
    ]
    for label, rows in sorted(by_label.items()):
        keys = _keys(d for _, d in rows)
        header = ["id:ID", *(k + _NEO4J_TYPES[types["node"].get(k, str)] for k in keys), ":LABEL"]
        name = f"nodes_{_slug(label)}.csv"
        _write_rows(folder / name, header,
                    ([_cell(n), *(_cell(d.get(k)) for k in keys), label] for n, d in rows))
        sets = ", ".join(f"n.`{k}` = {_cypher_cast(types['node'].get(k, str), f'row.`{h}`')}"
                         for k, h in zip(keys, header[1:-1]))
        script += [
            f"CREATE CONSTRAINT {_slug(label)}_id IF NOT EXISTS FOR (n:`{label}`) REQUIRE n.id IS UNIQUE;",
            f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row",
            f"MERGE (n:`{label}` {{id: row.`id:ID`}})" + (f" SET {sets};" if sets else ";"),
        ]
    by_rel: dict[tuple, list] = defaultdict(list)
    for u, v, k, d in clean.edges(keys=True, data=True):
        rel = _slug(str(d.get("type", "related"))).upper() or "RELATED"
        by_rel[(rel, node_label[u], node_label[v])].append((u, v, k, d))
    for (rel, src, dst), rows in sorted(by_rel.items()):
        keys = [k for k in _keys(d for *_, d in rows) if k not in ("type", "id")]
        header = [":START_ID", ":END_ID", ":TYPE", "id",
                  *(k + _NEO4J_TYPES[types["edge"].get(k, str)] for k in keys)]
        name = f"rels_{rel.lower()}_{_slug(src)}_{_slug(dst)}.csv"
        _write_rows(folder / name, header,
                    ([_cell(u), _cell(v), rel, _cell(key), *(_cell(d.get(x)) for x in keys)]
                     for u, v, key, d in rows))
        sets = ", ".join(f"r.`{k}` = {_cypher_cast(types['edge'].get(k, str), f'row.`{h}`')}"
                         for k, h in zip(keys, header[4:]))
        script += [
            f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row",
            f"MATCH (a:`{src}` {{id: row.`:START_ID`}}), (b:`{dst}` {{id: row.`:END_ID`}})",
            f"MERGE (a)-[r:`{rel}` {{id: row.id}}]->(b)" + (f" SET {sets};" if sets else ";"),
        ]
    with atomic_output(folder / NEO4J_SCRIPT) as tmp:
        Path(tmp).write_text("\n".join(script) + "\n", encoding="utf-8")
    return folder


def export(g: nx.Graph, fmt: str, path: str | Path) -> Path:
    """Write `g` in format `fmt` (one of `FORMATS`) to `path` (a file, or a folder for csv/neo4j).

    Raises
    ------
    ExportFormatError
        If `fmt` is not one of `FORMATS`.
    GraphFileError
        If writing fails.

    Examples
    --------
    >>> export(nx.MultiDiGraph(), "pdf", "out.pdf")
    Traceback (most recent call last):
    ...
    graph.errors.ExportFormatError: Unknown export format 'pdf'. Use one of: graphml, gexf, json, csv, neo4j.
    """
    writers: dict[str, Callable] = {"graphml": write_graphml, "gexf": write_gexf,
                                    "json": write_json, "csv": write_csv, "neo4j": write_neo4j}
    if fmt not in writers:
        raise ExportFormatError(f"Unknown export format {fmt!r}. Use one of: {', '.join(FORMATS)}.")
    return writers[fmt](g, path)


_GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_GRAPHML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}


def _stream_graphml(g: nx.MultiDiGraph, path: str, *, sort: bool = False) -> None:
    """Write a sanitised graph as GraphML to `path`, element by element (networkx's format, four times faster).

    Keys are declared for every (domain, attribute) with its one type; edge keys become
    edge ids, so parallel edges survive in yEd and Gephi.
    """
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        _stream_graphml_to(g, fh, sort=sort)


def _stream_graphml_to(g: nx.MultiDiGraph, fh, *, sort: bool = False) -> None:
    """The body of `_stream_graphml`, on an open text file (`sort`: see `write_graphml`)."""
    keys: dict[tuple[str, str], str] = {}
    lines = []
    if sort:  # walked twice in order, never copied whole (a million edges' copies cost 300 MB)
        node_items, edge_items = _SortedNodes(g), _SortedEdges(g)
    else:
        node_items, edge_items = g.nodes(data=True), g.edges(keys=True, data=True)
    domains = (("graph", [g.graph]), ("node", (d for _, d in node_items)),
               ("edge", (d for *_, d in edge_items)))
    for domain, dicts in domains:
        types: dict[str, type] = {}
        for d in dicts:
            for k, v in d.items():
                if k not in types:
                    types[k] = type(v)
        for k, t in types.items():
            keys[(domain, k)] = kid = f"d{len(keys)}"
            lines.append(f'<key id="{kid}" for="{domain}" attr.name="{_attr(k)}" '
                         f'attr.type="{_GRAPHML_TYPES[t]}"/>\n')
    fh.write(_GRAPHML_HEAD)
    fh.writelines(lines)
    fh.write('<graph edgedefault="directed">')
    fh.write("".join(_data(keys, "graph", g.graph, "")) + "\n")
    chunk: list[str] = []
    for n, d in node_items:
        chunk.append(f'<node id="{_attr(n)}">\n')
        chunk.extend(_data(keys, "node", d, "  "))
        chunk.append("</node>\n")
        if len(chunk) > 4096:
            fh.write("".join(chunk))
            chunk.clear()
    for u, v, k, d in edge_items:
        chunk.append(f'<edge source="{_attr(u)}" target="{_attr(v)}" id="{_attr(k)}">\n')
        chunk.extend(_data(keys, "edge", d, "  "))
        chunk.append("</edge>\n")
        if len(chunk) > 4096:
            fh.write("".join(chunk))
            chunk.clear()
    chunk.append("</graph></graphml>\n")
    fh.write("".join(chunk))


class _SortedNodes:
    """A sanitised graph's nodes by id, each with its attributes by name, as ``(id, attrs)``;
    iterable again and again."""

    def __init__(self, g: nx.MultiDiGraph):
        self._nodes = g._node

    def __iter__(self):
        nodes = self._nodes
        for n in sorted(nodes):
            yield n, dict(sorted(nodes[n].items()))


class _SortedEdges:
    """A sanitised graph's edges by (source, target, key), each with its attributes by name, as
    ``(u, v, key, attrs)``; iterable again and again."""

    def __init__(self, g: nx.MultiDiGraph):
        self._succ = g._succ

    def __iter__(self):
        succ = self._succ
        for u in sorted(succ):
            nbrs = succ[u]
            for v in sorted(nbrs):
                keydict = nbrs[v]
                for k in sorted(keydict):
                    yield u, v, k, dict(sorted(keydict[k].items()))


def _data(keys: dict, domain: str, d: dict, indent: str) -> list[str]:
    """The <data> elements of one attribute dict."""
    out = []
    for k, v in d.items():
        if v is True or v is False:
            text = "true" if v else "false"
        elif isinstance(v, str):
            text = v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
        else:
            text = repr(v)
        out.append(f'{indent}<data key="{keys[(domain, k)]}">{text}</data>\n')
    return out


def _attr(value: str) -> str:
    """A string as an XML attribute value (quotes, markup and whitespace escaped)."""
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#9;"))


def _is_clean(g: nx.MultiDiGraph) -> bool:
    """Whether `g` already has string ids, unique string keys and scalar one-type attributes."""
    seen: dict[tuple, type] = {}
    keys: set = set()
    search = _CONTROL.search
    for n, data in g.nodes(data=True):
        if not isinstance(n, str) or search(n) or not _clean_attrs(data, "n", seen):
            return False
    for _, _, k, data in g.edges(keys=True, data=True):
        if not isinstance(k, str) or k in keys or search(k) or not _clean_attrs(data, "e", seen):
            return False
        keys.add(k)
    return _clean_attrs(g.graph, "g", seen)


def _clean_attrs(data: dict, domain: str, seen: dict) -> bool:
    """Whether one attribute dict is scalar, control-free and agrees with the types seen."""
    for k, v in data.items():
        t = type(v)
        if t not in _SCALARS or not isinstance(k, str) or _CONTROL.search(k):
            return False
        if t is str and _CONTROL.search(v):
            return False
        if seen.setdefault((domain, k), t) is not t:
            return False
    return True


def _attrs(data: dict) -> dict:
    """Scalar, control-free copies of attribute values; None dropped."""
    out = {}
    for k, v in data.items():
        value = _scalar(v)
        key = _text(k)
        if value is not None and key:
            out[key] = value
    return out


def _scalar(v: object) -> str | int | float | bool | None:
    """One attribute value as a GraphML scalar."""
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return v if -(2**63) <= v < 2**63 else str(v)
    if isinstance(v, float):
        return v
    if isinstance(v, (_dt.date, _dt.datetime, _dt.time)):
        return v.isoformat()
    if isinstance(v, str):
        return _text(v)
    if isinstance(v, (list, tuple, set, frozenset, dict)):
        if isinstance(v, (set, frozenset)):
            v = sorted(v, key=str)
        return _text(json.dumps(v, ensure_ascii=False, sort_keys=True, default=str,
                                separators=(",", ":")))
    return _text(str(v))


def _text(value: object) -> str:
    """`value` as a string without characters XML cannot hold."""
    return _CONTROL.sub("", value if isinstance(value, str) else str(value))


def _unify_types(items: list) -> None:
    """Turn to strings the attributes whose key has more than one value type."""
    types: dict[str, set] = defaultdict(set)
    for _, data in items:
        for k, v in data.items():
            types[k].add(type(v))
    mixed = {k for k, ts in types.items() if len(ts) > 1}
    if mixed:
        for _, data in items:
            for k in mixed & data.keys():
                data[k] = str(data[k])


def _value_types(g: nx.MultiDiGraph) -> dict[str, dict[str, type]]:
    """The one type of every node and edge attribute key."""
    out: dict[str, dict[str, type]] = {"node": {}, "edge": {}}
    for _, d in g.nodes(data=True):
        for k, v in d.items():
            out["node"].setdefault(k, type(v))
    for *_, d in g.edges(data=True):
        for k, v in d.items():
            out["edge"].setdefault(k, type(v))
    return out


def _keys(dicts) -> list[str]:
    """The union of the keys of some dicts: ``type`` and ``label`` first, then sorted."""
    keys: set[str] = set()
    for d in dicts:
        keys.update(d)
    return sorted(keys, key=lambda k: ({"type": 0, "label": 1}.get(k, 2), k))


def _cell(value: object) -> str:
    """A CSV cell: "" for missing, lower-case booleans, else the text; never a formula (see `spreadsheet_cell`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(spreadsheet_cell(value))


def _write_rows(path: Path, header: list[str], rows) -> None:
    """Write one CSV file atomically."""
    with atomic_output(path) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(rows)


def _label_name(node_type: str) -> str:
    """A Neo4j label from a node type: 'person' -> 'Person'."""
    words = [w for w in re.split(r"[^A-Za-z0-9]+", str(node_type)) if w]
    return "".join(w[:1].upper() + w[1:] for w in words) or "Node"


def _slug(text: str) -> str:
    """Lower-case letters, digits and underscores only."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _cypher_cast(kind: type, expr: str) -> str:
    """A Cypher expression converting a CSV string to the property's type."""
    if kind is bool:
        return f"toBoolean({expr})"
    if kind is int:
        return f"toInteger({expr})"
    if kind is float:
        return f"toFloat({expr})"
    return expr
