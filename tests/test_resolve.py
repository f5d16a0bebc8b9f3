"""Identities across articles: namesakes who serve in different provinces are two people;
the same national official in two articles years apart is one; the IRIs do not depend on
the order the articles are built in, and removing an article splits only what it said."""
from __future__ import annotations

from pathlib import Path

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
