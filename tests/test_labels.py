"""Every node kg types has a language-tagged rdfs:label, for tools that know nothing of kg's
vocabulary (issue 14, point 4)."""
from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import ORG, RDF, RDFS, SDO

from kg.query.validate import validate_store
from kg.rdf.labels import day_month_year, short_label
from kg.rdf.mapping import IriMinter, map_record
from kg.rdf.namespaces import KGO, NIF
from kg.store import Store


def labels(graph, node, lang="vi"):
    return {str(label) for label in graph.objects(node, RDFS.label) if label.language == lang}


def test_every_typed_node_has_a_vietnamese_label(seed_record):
    _, graph = map_record(seed_record)
    typed = set(graph.subjects(RDF.type, None))
    assert len(typed) > 50
    assert [node for node in typed if not labels(graph, node)] == []


def test_the_labels_read_as_a_reader_would_name_the_node(seed_record):
    article, graph = map_record(seed_record)
    mint = IriMinter()
    dan = mint.entity("person", "Trần Vi Dân")
    assert labels(graph, dan) == {"Trần Vi Dân"}
    [post] = graph.objects(dan, ORG.holds)
    assert labels(graph, post) == {"Cục trưởng, Cục V04"}
    assert labels(graph, graph.value(post, ORG.role), "en") == {"Director General"}
    [event] = graph.subjects(RDF.type, SDO.Event)
    [event_label] = labels(graph, event)
    assert event_label.startswith("Tọa đàm “Đảm bảo an ninh trật tự") and event_label.endswith("”, 19/12/2023, Hải Phòng")
    speeches = {label for speech in graph.subjects(RDF.type, KGO.Speech) for label in labels(graph, speech)}
    assert speeches == {"Vũ Thanh Chương khai mạc", "Trần Vi Dân phát biểu"}
    attendances = {label for node in graph.subjects(RDF.type, KGO.Attendance) for label in labels(graph, node)}
    assert "Lê Khắc Nam dự tọa đàm 19/12/2023" in attendances
    assert labels(graph, article) == {seed_record.article.title}
    for node in graph.subjects(RDF.type, KGO.Sentence):
        [label] = labels(graph, node)
        assert len(label) <= 61 and str(graph.value(node, NIF.anchorOf)).startswith(label.rstrip("…")[:20])
    mentions = {label for node in graph.subjects(RDF.type, NIF.Phrase) for label in labels(graph, node)}
    assert {"Trần Vi Dân", "Hải Phòng", "Cục V04"} <= mentions


def test_short_labels_cut_after_a_whole_word():
    assert short_label("Quang cảnh\nhội nghị") == "Quang cảnh hội nghị"
    long = "Chiều ngày 19/12, Bộ Công an, Thành uỷ, UBND thành phố Hải Phòng đồng chủ trì tổ chức Toạ đàm"
    assert short_label(long) == "Chiều ngày 19/12, Bộ Công an, Thành uỷ, UBND thành phố Hải…"
    assert short_label("x" * 80) == "x" * 60 + "…"
    assert day_month_year("2023-01-05") == "5/1/2023" and day_month_year("2023") == "2023"


def test_a_node_without_a_label_does_not_conform(seed_record):
    store = Store(None)
    article, graph = map_record(seed_record)
    graph.remove((URIRef(article), RDFS.label, None))
    store.replace_article(article, graph)
    report = validate_store(store)
    assert not report.conforms and report.violations == 1 and str(article) in report.text
