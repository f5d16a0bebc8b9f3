"""Validation of the store against the SHACL shapes in ``schema/shapes.ttl``."""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import RDF, SH

from ..store import Store


@dataclass(frozen=True, slots=True)
class ValidationReport:
    conforms: bool
    violations: int
    warnings: int
    text: str


def schema_graph(filename: str) -> Graph:
    graph = Graph()
    graph.parse(data=resources.files("kg.schema").joinpath(filename).read_text(encoding="utf-8"), format="turtle")
    return graph


def union_graph(store: Store) -> Graph:
    """All article graphs as one rdflib graph (SHACL sees the merged entities)."""
    data = store.dump(ox.RdfFormat.N_TRIPLES, union=True)
    graph = Graph()
    graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def validate_store(store: Store) -> ValidationReport:
    """Check every node of the store against the shapes; warnings do not break conformance."""
    conforms, report, text = shacl_validate(
        union_graph(store),
        shacl_graph=schema_graph("shapes.ttl"),
        ont_graph=schema_graph("kg.ttl"),
        inference="none",
        allow_warnings=True,
    )
    severities = [report.value(result, SH.resultSeverity) for result in report.subjects(RDF.type, SH.ValidationResult)]
    return ValidationReport(bool(conforms), severities.count(SH.Violation), severities.count(SH.Warning), text)
