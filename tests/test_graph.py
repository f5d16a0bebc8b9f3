"""The seed's graph: vocabulary, provenance, identity, validation, named queries."""
import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import ORG, RDF, SDO, SKOS

from kg.pipeline import build, stats
from kg.query import named_queries, run_named, run_select
from kg.query.validate import schema_graph, validate_store
from kg.rdf.mapping import IriMinter, map_record
from kg.rdf.namespaces import GAF, KGO
from kg.store import Store


def rows(table):
    return [dict(zip(table.columns, row)) for row in table.rows]


def test_standard_vocabulary_is_used(seed_record):
    article, graph = map_record(seed_record)
    assert (article, RDF.type, SDO.NewsArticle) in graph
    dan = IriMinter().entity("person", "Trần Vi Dân")
    assert (dan, RDF.type, SDO.Person) in graph
    [post] = graph.objects(dan, ORG.holds)
    assert (post, RDF.type, ORG.Post) in graph
    role = graph.value(post, ORG.role)
    assert {str(label) for label in graph.objects(role, SKOS.prefLabel)} == {"Cục trưởng", "Director General"}
    unit = graph.value(post, ORG.postIn)
    assert str(graph.value(unit, SKOS.prefLabel)) == "Cục V04"
    assert graph.value(unit, ORG.subOrganizationOf) == IriMinter().entity("org", "Bộ Công an")
    assert str(graph.value(graph.value(dan, KGO.rank), SKOS.prefLabel)) in ("Trung tướng", "Lieutenant General")


def test_every_entity_traces_to_a_sentence_of_its_article(seed_record):
    article, graph = map_record(seed_record)
    for cls in (SDO.Person, ORG.Organization, SDO.Event, SDO.Legislation, SDO.Place, ORG.Post):
        for node in graph.subjects(RDF.type, cls):
            if (article, SDO.author, node) in graph:
                continue
            spans = list(graph.objects(node, GAF.denotedBy))
            assert spans, f"{node} has no source sentence"
            for span in spans:
                assert str(span).startswith(f"{article}#char=")
                start, end = map(int, str(span).rsplit("=", 1)[1].split(","))
                assert 0 <= start < end <= len(seed_record.text)


def test_iris_are_deterministic_and_the_base_is_configurable(seed_record):
    _, first = map_record(seed_record)
    _, second = map_record(seed_record)
    assert set(first) == set(second)
    _, other = map_record(seed_record, IriMinter("http://example.org/kg/"))
    assert all(str(s).startswith("http://example.org/kg/") for s in other.subjects(RDF.type, SDO.Person))


def test_building_twice_leaves_the_store_unchanged(tmp_path, seed_path):
    store = Store(tmp_path / "s")
    build([seed_path], store)
    before = set(store.quads())
    report = build([seed_path], store)
    assert (report.added, report.skipped) == (0, 1)
    assert set(store.quads()) == before


def test_a_changed_article_replaces_its_graph(tmp_path, seed_path):
    article = tmp_path / "a.txt"
    article.write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    store = Store(tmp_path / "s")
    build([article], store)
    article.write_text(seed_path.read_text(encoding="utf-8").replace("Kim Anh", "Minh Châu"), encoding="utf-8")
    report = build([article], store)
    assert report.replaced == 1
    assert len(store.articles()) == 1
    names = {row[0] for row in run_select(store, "SELECT ?n WHERE { ?a schema:author/schema:name ?n }").rows}
    assert names == {"Minh Châu"}


def test_each_article_is_its_own_named_graph(seed_store):
    [graph_name] = seed_store.articles()
    assert seed_store.article_hash(URIRef(graph_name)) is not None
    result = seed_store.query("ASK { GRAPH ?g { ?p a schema:Person } FILTER(?g = ?g) }")
    assert bool(result)


def test_stats(seed_store):
    counts = stats(seed_store)
    assert counts["articles"] == 1
    assert counts["people"] == 4  # three officials and the author
    assert counts["events"] == 1
    assert counts["documents"] == 2
    assert counts["places"] == 3  # Hải Phòng (legacy), the 2025 Hải Phòng it went into, a region
    assert counts["triples"] > 300


def test_the_seed_graph_conforms_to_the_shapes(seed_store):
    report = validate_store(seed_store)
    assert report.conforms, report.text


def test_a_broken_graph_does_not_conform(tmp_path, seed_record):
    store = Store(None)
    article, graph = map_record(seed_record)
    person = next(graph.subjects(RDF.type, SDO.Person))
    graph.remove((person, SDO.name, None))
    store.replace_article(article, graph)
    report = validate_store(store)
    assert not report.conforms and report.violations >= 1


def test_ontology_declares_every_term_the_code_uses():
    ontology = schema_graph("kg.ttl")
    declared = {str(s) for s in ontology.subjects() if str(s).startswith(str(KGO._NS))}
    used = {str(KGO._NS[name]) for name in KGO.__annotations__}
    assert used <= declared


def test_every_named_query_has_a_title_and_runs(seed_store):
    queries = named_queries()
    assert {"event-attendees", "people-by-rank", "documents-by-issuer", "event-organizers", "fact-source",
            "posts-in-units"} <= set(queries)
    for query in queries.values():
        assert query.title
        run_named(seed_store, query.name)


def test_who_attended_the_seminar_and_their_posts(seed_store):
    answer = rows(run_named(seed_store, "event-attendees", {"event_name": "tọa đàm"}))
    assert {(r["name"], r["role"], r["organization"]) for r in answer} == {
        ("Trần Vi Dân", "Cục trưởng", "Cục V04"),
        ("Lê Khắc Nam", "Phó Chủ tịch", "Ủy ban nhân dân thành phố Hải Phòng"),
        ("Vũ Thanh Chương", "Giám đốc", "Công an thành phố Hải Phòng"),
    }
    assert {r["date"] for r in answer} == {"2023-12-19"}
    assert rows(run_named(seed_store, "event-attendees", {"event_name": "đại hội"})) == []


def test_people_by_rank(seed_store):
    answer = rows(run_named(seed_store, "people-by-rank", {"rank_label": "Trung tướng"}))
    assert [r["name"] for r in answer] == ["Trần Vi Dân"]


def test_documents_an_organisation_passed(seed_store):
    answer = rows(run_named(seed_store, "documents-by-issuer", {"org_label": "Bộ Chính trị"}))
    assert {(r["identifier"], r["date"]) for r in answer} == {("12", "2022-03-16"), ("30", None)}


def test_organisers_of_the_event(seed_store):
    answer = rows(run_named(seed_store, "event-organizers", {"event_name": "tọa đàm"}))
    assert {r["organizerLabel"] for r in answer} == {
        "Bộ Công an", "Thành ủy Hải Phòng", "Ủy ban nhân dân thành phố Hải Phòng"}


def test_source_sentence_of_a_post(seed_store):
    answer = rows(run_named(seed_store, "fact-source", {"person_name": "Lê Khắc Nam"}))
    assert answer
    for row in answer:
        assert row["role"] == "Phó Chủ tịch"
        assert "Lê Khắc Nam, Phó Chủ tịch UBND thành phố Hải Phòng" in row["text"]
        assert row["sentence"].startswith(row["article"] + "#char=")


def test_posts_inside_the_units_of_an_organisation(seed_store):
    answer = rows(run_named(seed_store, "posts-in-units", {"org_label": "Bộ Công an"}))
    assert {(r["unitLabel"], r["role"], r["name"]) for r in answer} == {("Cục V04", "Cục trưởng", "Trần Vi Dân")}


@pytest.mark.parametrize("hostile", ['") } } DROP ALL #', 'x" || true || "', "\\\" }"])
def test_parameters_are_bound_as_literals(seed_store, hostile):
    assert rows(run_named(seed_store, "people-by-rank", {"rank_label": hostile})) == []
    assert len(seed_store) > 0


def test_queries_see_the_union_of_article_graphs(seed_store):
    result = seed_store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a schema:Person }")
    assert int(next(iter(result))["n"].value) == 4
    assert isinstance(result, ox.QuerySolutions)
