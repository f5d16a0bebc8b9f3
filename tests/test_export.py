"""Exports open in the tools people use."""
import io
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from kg.export import export, to_networkx


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


def test_gexf_opens_with_networkx(seed_store):
    graph = nx.read_gexf(io.BytesIO(export(seed_store, "gexf")))
    assert graph.number_of_nodes() == to_networkx(seed_store).number_of_nodes()


def test_cytoscape_json_follows_networkx(seed_store):
    data = json.loads(export(seed_store, "cytoscape"))
    graph = nx.cytoscape_graph(data)
    assert graph.number_of_nodes() == to_networkx(seed_store).number_of_nodes()


def test_dot_names_every_node(seed_store):
    text = export(seed_store, "dot").decode()
    assert text.startswith("digraph kg {") and '"Trần Vi Dân"' in text


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
