"""Views of the seed's graph: what each kind of reader is shown, one article, a neighbourhood."""
import networkx as nx
import pytest

from kg.errors import KgError
from kg.export.layout import layout
from kg.export.views import VIEWS, find_entities, to_networkx
from kg.store import resolve_article


def relations(graph):
    """(source label, edge label, target label) of every edge."""
    return {(graph.nodes[u]["label"], d["label"], graph.nodes[v]["label"]) for u, v, d in graph.edges(data=True)}


def node(graph, label):
    [found] = [data for _, data in graph.nodes(data=True) if data["label"] == label]
    return found


EVENT = ("Đảm bảo an ninh trật tự phục vụ phát triển kinh tế - xã hội vùng Đồng bằng sông Hồng "
         "đến năm 2030, tầm nhìn đến năm 2045")


def test_people_view_is_posts_and_units(seed_store):
    graph = to_networkx(seed_store, "people")
    assert {"Trần Vi Dân", "Cục trưởng", "Cục V04"} in [set(r) for r in relations(graph)]
    assert ("Cục V04", "trực thuộc", "Bộ Công an") in relations(graph)
    assert {d["type"] for _, d in graph.nodes(data=True)} == {"person", "organization"}
    assert all(degree for _, degree in graph.degree())  # a network: nobody stands alone


def test_events_view_has_organisers_attendees_and_speakers(seed_store):
    graph = to_networkx(seed_store, "events")
    found = relations(graph)
    assert (EVENT, "người tham dự", "Lê Khắc Nam") in found
    assert (EVENT, "đơn vị tổ chức", "Bộ Công an") in found
    assert (EVENT, "phát biểu khai mạc", "Vũ Thanh Chương") in found
    assert (EVENT, "địa điểm", "Hải Phòng") in found
    assert "article" not in {d["type"] for _, d in graph.nodes(data=True)}


def test_citation_view_has_articles_and_events_citing_documents(seed_store):
    graph = to_networkx(seed_store, "citations")
    found = relations(graph)
    headline = node(graph, "Đảm bảo ANTT phục vụ phát triển kinh tế - xã hội vùng Đồng bằng sông Hồng đến năm "
                           "2030, tầm nhìn đến năm 2045")
    assert headline["type"] == "article"
    assert (headline["label"], "trích dẫn", "Nghị quyết 12") in found
    assert (EVENT, "trích dẫn", "Nghị quyết 12") in found  # one sentence reports both
    assert ("Nghị quyết 12", "cơ quan ban hành", "Bộ Chính trị") in found
    assert {d["label_en"] for *_, d in graph.edges(data=True)} == {"cites", "passed by"}


def test_organizations_view(seed_store):
    found = relations(to_networkx(seed_store, "organizations"))
    assert ("Bộ Công an", "trực thuộc", "Chính phủ") in found
    assert ("Công an thành phố Hải Phòng", "địa điểm", "Hải Phòng") in found


def test_every_view_is_part_of_the_whole(seed_store):
    whole = to_networkx(seed_store, "all")
    for view in VIEWS:
        graph = to_networkx(seed_store, view)
        assert set(graph.nodes) <= set(whole.nodes)
        assert set(graph.edges(keys=True)) <= set(whole.edges(keys=True))


def test_nodes_carry_attributes_and_their_sentences(seed_store):
    graph = to_networkx(seed_store, "all")
    dan = node(graph, "Trần Vi Dân")
    assert dan["rank"] == "Trung tướng" and dan["academic_titles"] == "PGS | TS"
    assert dan["posts"] == "Cục trưởng, Cục V04"
    assert any("Trần Vi Dân, Cục trưởng Cục V04" in s["text"] for s in dan["sources"])
    article = graph.graph["articles"][dan["sources"][0]["article"]]
    assert article["source"].endswith("000_1b1701c52a3f4772.txt")
    assert article["url"].startswith("file:///") and article["url"].endswith("000_1b1701c52a3f4772.txt")
    assert article["published"].startswith("2023-12-20")


def test_one_article_by_file_name_or_content_hash(seed_store):
    [iri] = seed_store.articles()
    by_name = to_networkx(seed_store, "people", article="000_1b1701c52a3f4772.txt")
    assert by_name.graph["article"] == iri
    digest = seed_store.article_hash(iri)
    assert resolve_article(seed_store, digest[:10]) == iri
    assert set(by_name.nodes) == set(to_networkx(seed_store, "people").nodes)
    with pytest.raises(KgError, match="no article 'nope.txt'"):
        to_networkx(seed_store, article="nope.txt")


def test_around_a_name_written_without_diacritics(seed_store):
    graph = to_networkx(seed_store, "people", around="tran vi dan", depth=1)
    assert {d["label"] for _, d in graph.nodes(data=True)} == {"Trần Vi Dân", "Cục V04"}
    wider = to_networkx(seed_store, "people", around="Trần Vi Dân", depth=3)
    assert {"Bộ Công an", "Chính phủ"} <= {d["label"] for _, d in wider.nodes(data=True)}
    alone = to_networkx(seed_store, "all", around=node(graph, "Trần Vi Dân")["iri"], depth=0)
    assert alone.number_of_nodes() == 1


def test_around_an_unknown_name_suggests_close_ones(seed_store):
    with pytest.raises(KgError, match="no entity named 'Tran Vi Danh' in the people view; did you mean 'Trần Vi Dân'"):
        find_entities(to_networkx(seed_store, "people"), "Tran Vi Danh")


def test_unknown_view(seed_store):
    with pytest.raises(KgError, match="unknown view 'friends'"):
        to_networkx(seed_store, "friends")


def test_layout_places_every_node_apart_and_is_deterministic(seed_store):
    graph = to_networkx(seed_store, "all")
    positions = layout(graph)
    assert set(positions) == set(graph.nodes)
    points = sorted(positions.values())
    assert all(abs(a[0] - b[0]) + abs(a[1] - b[1]) > 0.3 for a, b in zip(points, points[1:]))
    assert layout(graph) == positions


def test_layout_of_a_large_graph_keeps_nodes_apart():
    graph = nx.barabasi_albert_graph(600, 2, seed=1)  # hubs with many leaves, as articles and ministries are
    positions = layout(nx.relabel_nodes(graph, str))
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    assert len(positions) == 600
    # room for every node: the drawing is not a point, nor a line
    assert (max(xs) - min(xs)) * (max(ys) - min(ys)) > 600


def _contents(graph):
    """Every node and edge with its data, and the articles: what a view shows, comparable."""
    nodes = sorted((node, sorted((key, repr(value)) for key, value in data.items()))
                   for node, data in graph.nodes(data=True))
    edges = sorted((u, v, k, sorted((key, repr(value)) for key, value in data.items()))
                   for u, v, k, data in graph.edges(keys=True, data=True))
    return nodes, edges, graph.graph.get("articles")


@pytest.mark.parametrize("view, around, depth", [
    ("all", "Trần Vi Dân", 2), ("people", "tran vi dan", 3), ("events", "Bộ Công an", 1),
    ("citations", "Nghị quyết 12", 2), ("organizations", "Hải Phòng", 1), ("all", "Bộ Công an", 0)])
def test_a_neighbourhood_read_by_queries_is_the_one_cut_from_the_whole_graph(seed_store, view, around, depth):
    from kg.export.views import entity_graph, neighbourhood, project

    whole = project(entity_graph(seed_store), view)
    whole.graph.update(view=view, article="")
    expected = neighbourhood(whole, around, depth)
    graph = to_networkx(seed_store, view, around=around, depth=depth)
    assert graph.number_of_nodes() > (depth > 0)
    assert _contents(graph) == _contents(expected)


@pytest.mark.parametrize("view", sorted(VIEWS))
@pytest.mark.parametrize("publish", [False, True])
def test_a_whole_view_read_by_queries_is_the_one_projected_from_every_quad(seed_store, view, publish):
    from kg.export.views import entity_graph, project

    expected = project(entity_graph(seed_store, publish=publish), view)
    expected.graph.update(view=view, article="")
    graph = to_networkx(seed_store, view, publish=publish)
    assert graph.number_of_nodes() > 1
    assert _contents(graph) == _contents(expected)


def test_a_whole_view_asks_only_for_its_own_relations(seed_store):
    """The people view's SPARQL names the properties it draws, so Oxigraph reads those, not every triple."""
    from kg.export import nearby

    asked = []

    class Recording:
        def query(self, sparql):
            asked.append(sparql)
            return seed_store.query(sparql)

    people = nearby.view_entities(Recording(), VIEWS["people"].relations)
    assert people == set(to_networkx(seed_store, "people").nodes)
    assert "?a ?p ?b" in asked[0] and "VALUES ?p { <http://www.w3.org/ns/org#holds> " in asked[0]
    assert "kgo:speech" not in asked[0]  # the speakers are the events view's


def test_a_name_outside_the_view_is_not_a_centre(seed_store):
    with pytest.raises(KgError, match="no entity named 'Hải Phòng' in the people view"):
        to_networkx(seed_store, "people", around="Hải Phòng")
