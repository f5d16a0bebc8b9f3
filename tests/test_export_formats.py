"""Exports as other people's tools take them: GEXF 1.3 for Gephi, GraphML that does not change
from run to run, Cytoscape JSON with scalar tables, JSON-LD that a JSON-LD processor expands
to the store's quads, DOT that Graphviz finishes."""
import copy
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from conftest import REPO, SEED
from kg.export import export, graph_bytes, to_networkx
from kg.export.dot import DOT_EDGES, dot_text
from kg.export.gexf import GEXF_NS, VIZ_NS, node_size
from kg.export.views import TYPE_STYLES, VIEWS

# The GEXF 1.3 schemas (gephi/gexf, specs/1.3: gexf.xsd, dynamics.xsd, viz.xsd and the .rng
# files; CC BY 4.0) are not in this repository: give their folder in KG_GEXF_SCHEMAS, or
# put them in ../shared/external/gexf-1.3.
GEXF_SCHEMAS = Path(os.environ.get("KG_GEXF_SCHEMAS", REPO.parent / "shared" / "external" / "gexf-1.3"))


def gexf_tree(data: bytes):
    etree = pytest.importorskip("lxml.etree")
    return etree.parse(io.BytesIO(data))


@pytest.fixture(scope="module")
def gexf_schemas():
    etree = pytest.importorskip("lxml.etree")
    if not (GEXF_SCHEMAS / "gexf.xsd").exists() or not (GEXF_SCHEMAS / "gexf.rng").exists():
        pytest.skip(f"no GEXF 1.3 schemas in {GEXF_SCHEMAS} (set KG_GEXF_SCHEMAS)")
    return (etree.XMLSchema(etree.parse(str(GEXF_SCHEMAS / "gexf.xsd"))),
            etree.RelaxNG(etree.parse(str(GEXF_SCHEMAS / "gexf.rng"))))


def viz_in_gexf_namespace(tree):
    """The 1.3 XSD, converted by trang from the RELAX NG source, declares color, position,
    size and shape in the GEXF namespace; the RELAX NG grammar, the primer and Gephi put them
    in the viz namespace. For the XSD, the viz elements are moved into its namespace."""
    moved = copy.deepcopy(tree)
    for element in moved.iter(f"{{{VIZ_NS}}}*"):
        element.tag = f"{{{GEXF_NS}}}{element.tag.split('}', 1)[1]}"
    return moved


@pytest.mark.parametrize("view", list(VIEWS))
def test_gexf_is_valid_against_the_gexf_1_3_schemas(seed_store, gexf_schemas, view):
    xsd, relax_ng = gexf_schemas
    tree = gexf_tree(export(seed_store, "gexf", view=view))
    assert relax_ng.validate(tree), relax_ng.error_log
    assert xsd.validate(viz_in_gexf_namespace(tree)), xsd.error_log


def test_the_schemas_reject_what_networkx_writes(gexf_schemas):
    """networkx's GEXF has <graph name="">, which neither schema allows."""
    xsd, relax_ng = gexf_schemas
    out = io.BytesIO()
    nx.write_gexf(nx.path_graph(3), out, version="1.3")
    tree = gexf_tree(out.getvalue())
    assert not relax_ng.validate(tree) and not xsd.validate(tree)


def test_gexf_draws_each_type_in_its_colour_at_kgs_layout(seed_store):
    graph = to_networkx(seed_store, "people")
    read = nx.read_gexf(io.BytesIO(export(seed_store, "gexf", view="people")), version="1.3")
    assert read.number_of_nodes() == graph.number_of_nodes()
    by_label = {data["label"]: data for _, data in read.nodes(data=True)}
    dan = by_label["Trần Vi Dân"]
    colour = TYPE_STYLES["person"].colour
    assert (dan["viz"]["color"]["r"], dan["viz"]["color"]["g"], dan["viz"]["color"]["b"]) == \
        tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    iri = next(node for node, data in graph.nodes(data=True) if data["label"] == "Trần Vi Dân")
    assert dan["viz"]["size"] == node_size(graph.degree(iri))
    positions = {(data["viz"]["position"]["x"], data["viz"]["position"]["y"]) for data in by_label.values()}
    assert len(positions) == read.number_of_nodes()  # every node placed, none on another
    assert dan["type"] == "person" and dan["sources"] >= 1 and "Tới dự có các đồng chí" in dan["source_text"]


def test_a_repeated_relation_is_one_gexf_edge_with_its_weight():
    graph = nx.MultiDiGraph(view="all", article="")
    for node, kind in (("https://x.org/p", "person"), ("https://x.org/o", "organization")):
        graph.add_node(node, type=kind, label=node[-1], iri=node, sources=[])
    for post, role in (("post/1", "Giám đốc"), ("post/2", "Giám đốc"), ("post/3", "Phó Giám đốc")):
        graph.add_edge("https://x.org/p", "https://x.org/o", key=post, label=role, label_en="holds post",
                       predicate="http://www.w3.org/ns/org#holds", role=role)
    graph.add_edge("https://x.org/p", "https://x.org/o", key="m", label="thành viên", label_en="member of",
                   predicate="http://www.w3.org/ns/org#memberOf")
    tree = gexf_tree(graph_bytes(graph, "gexf"))
    edges = {edge.get("kind"): edge for edge in tree.iter(f"{{{GEXF_NS}}}edge")}
    assert set(edges) == {"holds", "memberOf"}
    assert edges["holds"].get("weight") == "3" and edges["memberOf"].get("weight") == "1"
    assert edges["holds"].get("label") == "Giám đốc | Phó Giám đốc"


GRAPH_FORMATS_WRITTEN = ["graphml", "gexf", "cytoscape", "json", "dot"]


@pytest.mark.parametrize("fmt", GRAPH_FORMATS_WRITTEN)
def test_a_graph_built_in_another_order_gives_the_same_bytes(seed_store, fmt):
    graph = to_networkx(seed_store, "people")
    shuffled = nx.MultiDiGraph()
    shuffled.graph.update(graph.graph)
    for node in reversed(list(graph.nodes)):
        shuffled.add_node(node, **dict(reversed(list(graph.nodes[node].items()))))
    for source, target, key, data in reversed(list(graph.edges(keys=True, data=True))):
        shuffled.add_edge(source, target, key=key, **data)
    assert graph_bytes(shuffled, fmt) == graph_bytes(graph, fmt)


KG = [sys.executable, "-c", "from kg.cli import main; main()"]


@pytest.fixture(scope="module")
def seed_built_twice(tmp_path_factory):
    stores = [tmp_path_factory.mktemp("twice") / f"store-{n}" for n in (1, 2)]
    for store in stores:
        subprocess.run([*KG, "build", str(SEED), "--store", str(store), "--quiet"], check=True, timeout=300,
                       capture_output=True)
    return stores


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cytoscape"])
@pytest.mark.parametrize("view", ["people", "all"])
def test_exports_are_byte_identical_across_builds_and_hash_seeds(seed_built_twice, fmt, view):
    """The same article built into two stores, exported by processes with different string
    hashing (set order, hence a subgraph's node order, changes with it)."""
    outputs = set()
    for store, seed in zip(seed_built_twice, ("1", "2")):
        done = subprocess.run([*KG, "export", "--store", str(store), "--format", fmt, "--view", view],
                              capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}, check=True, timeout=300)
        outputs.add(done.stdout)
    assert len(outputs) == 1 and len(next(iter(outputs))) > 1000


def _scalar(value) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


@pytest.mark.parametrize("view", list(VIEWS))
def test_cytoscape_json_holds_scalars_that_tables_take(seed_store, view):
    data = json.loads(export(seed_store, "cytoscape", view=view))
    assert isinstance(data["data"], dict) and all(_scalar(v) for v in data["data"].values())
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert nodes and edges
    for element in nodes + edges:
        bad = {key: value for key, value in element["data"].items() if not _scalar(value)}
        assert not bad, bad
    assert all("position" in node for node in nodes)
    if view in ("all", "people"):
        dan = next(n["data"] for n in nodes if n["data"]["name"] == "Trần Vi Dân")
        assert dan["sources"] >= 1 and "Tới dự có các đồng chí" in dan["source_text"]
    ids = {n["data"]["id"] for n in nodes}
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)


def test_jsonld_has_a_readable_context(seed_store):
    data = json.loads(export(seed_store, "jsonld"))
    assert data["@context"]["schema"] == "https://schema.org/" and data["@context"]["kgo"].endswith("ontology#")
    [graph] = data["@graph"]
    article = next(node for node in graph["@graph"] if node.get("@type") == "schema:NewsArticle")
    assert isinstance(article["schema:headline"], dict) and article["schema:headline"]["@language"] == "vi"
    assert not any(key.startswith("http") for node in graph["@graph"] for key in node)


def test_jsonld_expands_with_pyld_to_the_quads_of_the_nquads_export(seed_store):
    jsonld = pytest.importorskip("pyld.jsonld")
    document = json.loads(export(seed_store, "jsonld"))
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    expanded = set(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    exported = set(ox.parse(export(seed_store, "nq"), format=ox.RdfFormat.N_QUADS))
    assert expanded == exported and len(exported) > 100


def test_jsonld_for_publishing_leaves_out_the_source_paths(seed_store):
    assert "kgo:sourcePath" in export(seed_store, "jsonld").decode()
    assert "kgo:sourcePath" not in export(seed_store, "jsonld", publish=True).decode()


def _star(count: int) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(view="all", article="")
    graph.add_node("hub", type="organization", label="Bộ")
    for index in range(count):
        graph.add_node(f"p{index}", type="person", label=f"Người {index}")
        graph.add_edge(f"p{index}", "hub", key="k", label="Giám đốc")
    return graph


def test_dot_says_sfdp_above_the_relation_cap_and_dot_below():
    small, large = dot_text(_star(5)), dot_text(_star(DOT_EDGES + 1))
    assert "layout=sfdp" not in small and "rankdir=LR" in small and 'label="Giám đốc"' in small
    assert "layout=sfdp" in large and "sfdp -Tsvg" in large.splitlines()[1]
    assert 'tooltip="Giám đốc"' in large and 'label="Giám đốc"' not in large


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("count", [5, DOT_EDGES + 1])
def test_graphviz_draws_the_dot_file(tmp_path, count):
    source = tmp_path / "kg.dot"
    source.write_text(dot_text(_star(count)), encoding="utf-8")
    done = subprocess.run(["dot", "-Tsvg", str(source)], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert b"<svg" in done.stdout and "Người 1".encode() in done.stdout
