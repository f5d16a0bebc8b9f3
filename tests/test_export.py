"""Exports open in the tools people use."""
import io
import json
import xml.etree.ElementTree as ET

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from kg.errors import KgError
from kg.export import export, to_networkx
from kg.export.views import VIEWS

GRAPHML_SCHEMA = Path(__file__).parent / "data" / "graphml"


def test_graphml_opens_with_networkx_and_has_readable_labels(seed_store):
    data = export(seed_store, "graphml")
    graph = nx.read_graphml(io.BytesIO(data))
    labels = {attrs["label"] for _, attrs in graph.nodes(data=True)}
    assert {"Trần Vi Dân", "Cục V04", "Bộ Công an", "Hải Phòng"} <= labels
    types = {attrs["type"] for _, attrs in graph.nodes(data=True)}
    assert types == {"person", "organization", "event", "document", "place", "article"}
    edge_labels = {attrs["label"] for _, _, attrs in graph.edges(data=True)}
    assert "Cục trưởng" in edge_labels  # a post is an edge labelled with its role
    assert not any(label.startswith("http") for label in edge_labels)
    dan = next(attrs for _, attrs in graph.nodes(data=True) if attrs["label"] == "Trần Vi Dân")
    assert dan["rank"] == "Trung tướng"


def test_graphml_is_well_formed_xml_in_the_graphml_namespace(seed_store):
    root = ET.fromstring(export(seed_store, "graphml"))
    assert root.tag == "{http://graphml.graphdrawing.org/xmlns}graphml"


@pytest.fixture(scope="module")
def graphml_schema():
    """GraphML 1.1's XML schema, read from the files in tests/data/graphml, XLink's from xmlschema's own copy."""
    xmlschema = pytest.importorskip("xmlschema")
    online = "http://graphml.graphdrawing.org/xmlns/1.1/"
    xlink = Path(xmlschema.__file__).parent / "schemas" / "XLINK" / "xlink.xsd"

    def local(uri: str) -> str:
        if not uri.startswith(online):
            return uri
        name = uri[len(online):]
        return str(xlink if name == "xlink.xsd" else GRAPHML_SCHEMA / name)

    return xmlschema.XMLSchema(str(GRAPHML_SCHEMA / "graphml.xsd"), uri_mapper=local)


@pytest.mark.parametrize("view", list(VIEWS))
def test_graphml_is_valid_against_the_graphml_schema(seed_store, graphml_schema, view):
    data = export(seed_store, "graphml", view=view)
    errors = list(graphml_schema.iter_errors(io.BytesIO(data)))
    assert not errors, errors[0]
    graph = nx.read_graphml(io.BytesIO(data))
    assert graph.number_of_nodes() == to_networkx(seed_store, view).number_of_nodes()


def test_the_schema_check_catches_what_networkx_writes_from_iris(graphml_schema):
    """Node ids must be XML name tokens: the IRI an entity graph is keyed by is not one."""
    graph = nx.MultiDiGraph()
    graph.add_edge("https://w3id.org/kg-vn/id/person/a", "https://w3id.org/kg-vn/id/org/b", label="x")
    out = io.BytesIO()
    nx.write_graphml(graph, out)
    assert not graphml_schema.is_valid(io.BytesIO(out.getvalue()))


def test_gexf_opens_with_networkx(seed_store):
    graph = nx.read_gexf(io.BytesIO(export(seed_store, "gexf")))
    assert graph.number_of_nodes() == to_networkx(seed_store).number_of_nodes()
    labels = {attrs["label"] for _, attrs in graph.nodes(data=True)}
    assert "Trần Vi Dân" in labels


def test_json_is_node_link_data_with_the_source_sentences(seed_store):
    data = json.loads(export(seed_store, "json", view="people"))
    graph = nx.node_link_graph(data, edges="edges")
    assert graph.number_of_nodes() == to_networkx(seed_store, "people").number_of_nodes()
    dan = next(attrs for _, attrs in graph.nodes(data=True) if attrs["label"] == "Trần Vi Dân")
    [sentence] = [s for s in dan["sources"] if s["text"].startswith("Tới dự có các đồng chí")]
    assert data["graph"]["articles"][sentence["article"]]["headline"].startswith("Đảm bảo ANTT")


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_pictures_name_the_entities_with_a_legend(seed_store, fmt):
    data = export(seed_store, fmt, view="people")
    if fmt == "png":
        from PIL import Image

        picture = Image.open(io.BytesIO(data))
        assert picture.format == "PNG" and picture.width >= 800 and picture.height >= 600
        colours = {colour for _, colour in picture.convert("RGB").getcolors(maxcolors=1 << 20)}
        assert (0x00, 0x72, 0xB2) in colours and (0xE6, 0x9F, 0x00) in colours  # people and organisations
    else:
        text = ET.tostring(ET.fromstring(data), encoding="unicode", method="text")
        assert "Trần Vi Dân" in text and "Cục trưởng" in text and "người · person (3)" in text


def test_an_empty_selection_is_not_drawn(tmp_path):
    from kg.store import Store

    with pytest.raises(KgError, match="nothing to draw"):
        export(Store(tmp_path / "empty"), "png")


def test_rdf_formats_take_no_view(seed_store):
    with pytest.raises(KgError, match="writes the RDF itself"):
        export(seed_store, "ttl", view="people")


def test_cytoscape_json_follows_networkx(seed_store):
    data = json.loads(export(seed_store, "cytoscape"))
    graph = nx.cytoscape_graph(data)
    assert graph.number_of_nodes() == to_networkx(seed_store).number_of_nodes()


def test_dot_names_every_node(seed_store):
    text = export(seed_store, "dot").decode()
    assert "\ndigraph kg {\n" in text and '"Trần Vi Dân"' in text


@pytest.mark.parametrize("fmt, parser", [("ttl", "turtle"), ("nt", "nt")])
def test_triple_exports_hold_the_union_of_the_article_graphs(seed_store, fmt, parser):
    graph = Graph()
    graph.parse(data=export(seed_store, fmt).decode(), format=parser)
    assert len(graph) == len({(q.subject, q.predicate, q.object) for q in seed_store.quads()})


@pytest.mark.parametrize("fmt, parser", [("trig", "trig"), ("nq", "nquads"), ("jsonld", "json-ld")])
def test_dataset_exports_keep_one_graph_per_article(seed_store, fmt, parser):
    dataset = Dataset()
    dataset.parse(data=export(seed_store, fmt).decode(), format=parser)
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == set(seed_store.articles())
