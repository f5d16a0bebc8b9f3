"""Identities across articles: namesakes who serve in different provinces are two people;
the same national official in two articles years apart is one; the IRIs do not depend on
the order the articles are built in, and removing an article splits only what it said."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.pipeline import build, remove
from kg.store import Store

ARTICLES = {
    "ha_tinh.txt": ("Công an Hà Tĩnh bắt đối tượng trộm cắp\n\n"
                    "Ngày 3/5/2021, Đại úy Lý Văn Thanh, Đội trưởng Đội Cảnh sát hình sự Công an tỉnh Hà Tĩnh, "
                    "cho biết đơn vị đã bắt giữ đối tượng."),
    "an_giang.txt": ("Hội nông dân tỉnh An Giang tổng kết năm\n\n"
                     "Ngày 9/12/2021, ông Lý Văn Thanh, Chủ tịch Hội Nông dân tỉnh An Giang, phát biểu tổng kết."),
    "minister_2017.txt": ("Bộ Tư pháp tổng kết năm 2017\n\n"
                          "Sáng 5/1/2018, ông Phan Đình Tuệ, Thứ trưởng Bộ Tư pháp, phát biểu tại hội nghị."),
    "minister_2024.txt": ("Bộ Tư pháp tổng kết năm 2024\n\n"
                          "Sáng 6/1/2025, ông Phan Đình Tuệ, Bộ trưởng Bộ Tư pháp, phát biểu tại hội nghị."),
}


def _write(folder: Path, names) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = folder / name
        path.write_text(ARTICLES[name], encoding="utf-8")
        paths.append(path)
    return paths


def _people(store: Store) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row in store.query("SELECT ?p ?name WHERE { ?p a <https://schema.org/Person> ; "
                           "<https://schema.org/name> ?name }"):
        found.setdefault(row["name"].value, set()).add(row["p"].value)
    return found


def test_namesakes_in_different_provinces_stay_two(tmp_path):
    store = Store(tmp_path / "store")
    build(_write(tmp_path / "in", ["ha_tinh.txt", "an_giang.txt"]), store)
    assert len(_people(store)["Lý Văn Thanh"]) == 2


def test_the_same_official_with_a_new_post_years_later_stays_one(tmp_path):
    store = Store(tmp_path / "store")
    build(_write(tmp_path / "in", ["minister_2017.txt", "minister_2024.txt"]), store)
    assert len(_people(store)["Phan Đình Tuệ"]) == 1


def test_build_order_does_not_change_the_iris(tmp_path):
    forward, backward = Store(tmp_path / "forward"), Store(tmp_path / "backward")
    for name in ARTICLES:
        build(_write(tmp_path / "in", [name]), forward)
    for name in reversed(list(ARTICLES)):
        build(_write(tmp_path / "in", [name]), backward)
    assert _people(forward) == _people(backward)


def test_removing_an_article_leaves_the_other_namesake(tmp_path):
    store = Store(tmp_path / "store")
    paths = _write(tmp_path / "in", ["ha_tinh.txt", "an_giang.txt"])
    build(paths, store)
    before = _people(store)["Lý Văn Thanh"]
    remove(store, [str(paths[1])])
    after = _people(store)["Lý Văn Thanh"]
    assert len(after) == 1 and after < before


def test_who_held_a_post_when(tmp_path):
    from kg.query import run_named

    store = Store(tmp_path / "store")
    build(_write(tmp_path / "in", ["minister_2017.txt", "minister_2024.txt"]), store)
    table = run_named(store, "post-holders", {"body": "bộ tư pháp", "on": "2018"})
    rows = [dict(zip(table.columns, row)) for row in table.rows]
    assert [(r["name"], r["roleLabel"], r["date"], r["former"]) for r in rows] == [
        ("Phan Đình Tuệ", "Thứ trưởng", "2018-01-05", "false")]
    table = run_named(store, "post-holders", {"role": "bộ trưởng"})
    assert [row[table.columns.index("date")] for row in table.rows] == ["2025-01-06"]


def test_a_district_body_names_its_province():
    from kg.extract import extract
    from kg.records import Article
    from kg.resolve import resolve

    record = resolve(extract(Article(source="test", text=(
        "Trung tá Đoàn Văn Tài, Phó Trưởng Công an huyện Can Lộc, cho biết vụ việc đang được điều tra."))))
    assert [(p.name, p.identity) for p in record.people] == [("Đoàn Văn Tài", "Hà Tĩnh")]


def test_a_body_is_one_node_whatever_joins_its_sectors_words():
    from kg.rdf.mapping import IriMinter, map_to_ntriples
    from kg.extract import extract
    from kg.records import Article

    iris = []
    for written in ("Bộ Khoa học - Công nghệ", "Bộ Khoa học-Công nghệ", "Bộ Khoa học & Công nghệ"):
        record = extract(Article(source="test", text=f"Sáng 5/3, {written} tổ chức hội nghị tổng kết công tác năm."))
        ntriples = map_to_ntriples(record, IriMinter())[1]
        iris.append({line.split()[0] for line in ntriples.splitlines() if "/org/" in line.split()[0]})
    assert iris[0] == iris[1] == iris[2] and len(iris[0]) == 1


# The identity pass (kg/identities.py): after a build or a removal, a node of the name alone
# joins the name's one province node when the evidence allows it.
CAREER = {
    "secretary.txt": ("Quảng Bình tổng kết năm 2016\n\nSáng 28/12/2016, ông Hoàng Minh Khải, Bí thư Tỉnh ủy "
                      "Quảng Bình, phát biểu tại hội nghị tổng kết."),
    "minister.txt": ("Bộ Nội vụ tổng kết năm 2023\n\nSáng 5/1/2024, ông Hoàng Minh Khải, Bộ trưởng Bộ Nội vụ, "
                     "phát biểu tại hội nghị tổng kết công tác năm."),
    "no_post.txt": ("Hội thảo về cải cách hành chính\n\nTại hội thảo, ông Hoàng Minh Khải cho biết cải cách hành "
                    "chính cần đi vào thực chất."),
    "other_province.txt": ("Phú Yên tổng kết năm 2016\n\nSáng 27/12/2016, ông Hoàng Minh Khải, Bí thư Tỉnh ủy "
                           "Phú Yên, phát biểu tại hội nghị."),
    "driver.txt": ("Xử lý tài xế vi phạm nồng độ cồn\n\nNgày 3/2, Công an tỉnh Nghệ An phát hiện tài xế Hoàng Minh "
                   "Khải (SN 1990, trú tại huyện Quỳnh Lưu, tỉnh Nghệ An) điều khiển xe tải vi phạm nồng độ cồn."),
    "captain.txt": ("Công an Quảng Bình bắt đối tượng\n\nNgày 3/5/2021, Đại úy Tạ Quang Vĩnh, Đội trưởng Đội Cảnh "
                    "sát hình sự Công an tỉnh Quảng Bình, cho biết đơn vị đã bắt giữ đối tượng."),
    "association.txt": ("Hiệp hội Du lịch tổng kết năm\n\nSáng 9/12/2021, ông Tạ Quang Vĩnh, Chủ tịch Hiệp hội Du "
                        "lịch Việt Nam, phát biểu tổng kết."),
}


def _built(tmp_path: Path, names, store: str = "store", *, one_by_one: bool = False) -> Store:
    """A store of the articles ``names`` (files in tmp_path/in), built at once or one build each."""
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    paths = []
    for name in names:
        (folder / name).write_text(CAREER[name], encoding="utf-8")
        paths.append(folder / name)
    store = Store(tmp_path / store)
    for batch in ([[path] for path in paths] if one_by_one else [paths]):
        build(batch, store)
    return store


def _decisions(store: Store) -> list[tuple[str, bool, str]]:
    rows = store.query("SELECT ?name ?joined ?why WHERE { ?d a kgo:IdentityDecision ; kgo:joined ?joined ; "
                       "rdfs:comment ?why ; rdfs:label ?name }")
    return sorted((row["name"].value.split(":")[0], row["joined"].value == "true", row["why"].value) for row in rows)


def test_a_province_secretary_later_a_minister_is_one_node(tmp_path):
    store = _built(tmp_path, ["secretary.txt", "minister.txt"])
    (node,) = _people(store)["Hoàng Minh Khải"]
    assert "quang-binh" in node
    posts = {row["label"].value for row in store.query(
        f"SELECT ?label WHERE {{ <{node}> org:holds ?post . ?post rdfs:label ?label }}")}
    assert posts == {"Bí thư, Tỉnh ủy Quảng Bình", "Bộ trưởng, Bộ Nội vụ"}
    ((name, joined, why),) = _decisions(store)
    assert joined and "career" in why


def test_a_mention_without_evidence_joins_the_only_province_node(tmp_path):
    store = _built(tmp_path, ["secretary.txt", "no_post.txt"])
    assert len(_people(store)["Hoàng Minh Khải"]) == 1
    articles = store.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a schema:mentions ?p . "
                           "?p schema:name 'Hoàng Minh Khải' }")
    assert next(iter(articles))["n"].value == "2"


def test_a_mention_beside_two_province_nodes_is_not_joined(tmp_path):
    store = _built(tmp_path, ["secretary.txt", "other_province.txt", "no_post.txt"])
    assert len(_people(store)["Hoàng Minh Khải"]) == 3
    ((_, joined, why),) = _decisions(store)
    assert not joined and why.startswith("ambiguous")


def test_a_driver_of_another_province_stays_apart_from_the_secretary(tmp_path):
    store = _built(tmp_path, ["secretary.txt", "driver.txt"])
    assert len(_people(store)["Hoàng Minh Khải"]) == 2
    ((_, joined, why),) = _decisions(store)
    assert not joined and "Nghệ An" in why


def test_a_police_captain_and_an_association_chairman_stay_two(tmp_path):
    store = _built(tmp_path, ["captain.txt", "association.txt"])
    assert len(_people(store)["Tạ Quang Vĩnh"]) == 2
    ((_, joined, why),) = _decisions(store)
    assert not joined and "police" in why


def test_the_joins_do_not_depend_on_the_build_order(tmp_path):
    names = ["secretary.txt", "minister.txt", "no_post.txt", "captain.txt", "association.txt"]
    forward = _built(tmp_path, names, "forward", one_by_one=True)
    backward = _built(tmp_path, list(reversed(names)), "backward", one_by_one=True)
    together = _built(tmp_path, names, "together")

    def graphs(store: Store) -> set[ox.Quad]:
        return set(store.quads())

    assert graphs(forward) == graphs(backward) == graphs(together)
    assert len(_people(forward)["Hoàng Minh Khải"]) == 1


def test_removing_the_article_a_join_rests_on_undoes_it(tmp_path):
    store = _built(tmp_path, ["secretary.txt", "no_post.txt", "minister.txt"])
    assert len(_people(store)["Hoàng Minh Khải"]) == 1
    remove(store, [str(tmp_path / "in" / "secretary.txt")])
    alone = _built(tmp_path, ["no_post.txt", "minister.txt"], "alone")
    assert _people(store) == _people(alone)
    assert _decisions(store) == []
    assert not store.query("ASK { ?s kgo:joinedFrom ?o }")
    assert ({(q.subject, q.predicate, q.object) for q in store.quads()}
            == {(q.subject, q.predicate, q.object) for q in alone.quads()})


def test_namesakes_lists_the_joins_and_why(tmp_path):
    from kg.query import run_named

    store = _built(tmp_path, ["secretary.txt", "minister.txt", "captain.txt", "association.txt"])
    table = run_named(store, "namesakes", {})
    rows = [dict(zip(table.columns, row)) for row in table.rows]
    khai = [row for row in rows if row["name"] == "Hoàng Minh Khải"]
    assert len(khai) == 1 and khai[0]["joined"] == "1" and "career" in khai[0]["whys"]
    vinh = [row for row in rows if row["name"] == "Tạ Quang Vĩnh"]
    assert len(vinh) == 2 and any("kept apart" in row["whys"] for row in vinh)


def test_the_pass_leaves_a_store_that_conforms_to_the_shapes(tmp_path):
    from kg.query.validate import validate_store

    store = _built(tmp_path, ["secretary.txt", "minister.txt", "no_post.txt", "captain.txt", "association.txt"])
    report = validate_store(store)
    assert report.conforms and report.violations == 0


def _unit(article: str, basis: str = "", *holdings, ranks=(), place="") -> "Unit":
    from kg.resolve.joins import Unit

    node = f"x:person/vi-van-khiem{'-' + basis if basis else ''}"
    return Unit(article, node, "Vi Văn Khiêm", basis, tuple(ranks), tuple(holdings), place)


def _post(role: str, body: str, province: str = "", when: str = "", former: bool = False):
    from kg.resolve.joins import Holding

    return Holding(f"x:post/{role}-{body}", role, f"x:org/{body}", body, province, former, when)


def test_a_national_post_held_when_the_province_post_was_is_kept_apart():
    from kg.resolve.joins import decide

    province = _unit("x:a1", "Lạng Sơn", _post("Bí thư", "Tỉnh ủy Lạng Sơn", "Lạng Sơn", "2020-03-01"))
    minister = _unit("x:a2", "", _post("Bộ trưởng", "Bộ Xây dựng", when="2020-05-01"))
    later = _unit("x:a3", "", _post("Bộ trưởng", "Bộ Xây dựng", when="2023-05-01"))
    first, second = decide([province, minister, later])
    assert not first.joined and "same time" in first.reason and first.support == ("x:a1", "x:a2")
    assert second.joined and "career" in second.reason


def test_the_same_post_outweighs_a_rank_on_one_side_only():
    from kg.resolve.joins import decide

    general = _unit("x:a1", "Lạng Sơn", _post("Phó Thủ tướng", "Chính phủ"), ranks=["Thiếu tướng"])
    civilian = _unit("x:a2", "", _post("Phó Thủ tướng", "Chính phủ"))
    (decision,) = decide([general, civilian])
    assert decision.joined and "same post" in decision.reason


def test_a_provincial_body_without_its_place_joins_only_on_the_same_role():
    from kg.resolve.joins import decide

    province = _unit("x:a1", "Lạng Sơn", _post("Chủ tịch", "Hội đồng nhân dân tỉnh Lạng Sơn", "Lạng Sơn"))
    same = _unit("x:a2", "", _post("Chủ tịch", "Hội đồng nhân dân tỉnh"))
    other = _unit("x:a3", "", _post("Phó Chủ tịch", "Ủy ban nhân dân tỉnh"))
    joined, apart = decide([province, same, other])
    assert joined.joined and not apart.joined


def test_the_pass_on_a_sparql_server_gives_the_embedded_stores_graphs(tmp_path):
    """Virtuoso (when installed, as tests/test_remote.py runs it): the same joins, the same
    quads, and a removal undoes them there too."""
    import pytest
    from test_remote import ISQL, VIRTUOSO, Virtuoso

    if not (VIRTUOSO and ISQL):
        pytest.skip("Virtuoso is not installed")
    names = ["secretary.txt", "minister.txt", "no_post.txt", "captain.txt", "association.txt"]
    embedded = _built(tmp_path, names)
    (tmp_path / "virtuoso").mkdir()
    server = Virtuoso(tmp_path / "virtuoso")
    server.start()
    try:
        remote = server.store()
        build([tmp_path / "in" / name for name in names], remote)
        assert set(remote.quads()) == set(embedded.quads())
        assert len(_people(remote)["Hoàng Minh Khải"]) == 1
        remove(remote, [str(tmp_path / "in" / "secretary.txt")])
        remove(embedded, [str(tmp_path / "in" / "secretary.txt")])
        assert set(remote.quads()) == set(embedded.quads())
        assert not remote.query("ASK { ?s kgo:joinedFrom ?o }")
    finally:
        server.stop()
