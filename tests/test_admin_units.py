"""Places as administrative units before and after the reform of 1 July 2025, on invented
sentences of 2024 and 2026: the same ward name in both structures, a merged province, a
renamed ward, an ambiguous commune name, an undated article, bodies named with a place,
and the articles-in-place query over a store of articles of both periods."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SDO, XSD

from kg.gazetteer import CURRENT, LEGACY, gazetteer
from kg.extract import extract
from kg.pipeline import build
from kg.query import run_named
from kg.query.validate import validate_store
from kg.rdf.mapping import map_record
from kg.rdf.namespaces import KGO
from kg.records import Article
from kg.resolve import resolve
from kg.store import Store

FIXTURES = Path(__file__).parent / "data" / "admin_units"


def units(text: str, published: str | None) -> dict[str, str]:
    """Place name -> unit key ('' for none) of one invented article."""
    record = resolve(extract(Article("test.txt", text, published=published)))
    return {place.name: place.unit for place in record.places}


def unit(key: str):
    return gazetteer().unit(key)


def test_the_gazetteer_holds_both_structures_and_says_where_it_comes_from():
    legacy, current = gazetteer().structures[LEGACY], gazetteer().structures[CURRENT]
    assert sum(u.level == "province" for u in legacy.units.values()) == 63
    assert sum(u.level == "province" for u in current.units.values()) == 34
    assert sum(u.level == "district" for u in current.units.values()) == 0
    assert sum(u.parent == "" for u in current.units.values()) == 34
    assert 3000 < len(current.units) - 34 < 3500
    header = (Path(__file__).parents[1] / "kg" / "lexicons" / "admin_units_2025.tsv").read_text("utf-8")[:400]
    assert "vietnamadminunits" in header and "MIT" in header


def test_a_merged_province_is_the_legacy_unit_before_and_goes_into_the_new_one():
    before = units("UBND tỉnh Bắc Giang họp bàn kế hoạch năm.", "2024-05-10")
    assert unit(before["Bắc Giang"]).structure == LEGACY
    [successor] = gazetteer().successors_of(unit(before["Bắc Giang"]))
    after = units("UBND tỉnh Bắc Ninh họp bàn kế hoạch năm.", "2026-05-10")
    assert successor.key == after["Bắc Ninh"] and successor.name == "Bắc Ninh"
    # The legacy Bắc Ninh is another node, which went into the same 2025 province.
    legacy_bac_ninh = units("UBND tỉnh Bắc Ninh họp bàn kế hoạch năm.", "2024-05-10")["Bắc Ninh"]
    assert legacy_bac_ninh != after["Bắc Ninh"]
    assert gazetteer().successors_of(unit(legacy_bac_ninh)) == (successor,)
    # After the merger there is no province Bắc Giang: the name is not given a unit.
    assert units("Đoàn về tỉnh Bắc Giang cũ làm việc.", "2026-05-10")["Bắc Giang"] == ""


def test_the_same_ward_name_before_and_after_is_two_units():
    before = units("Nhà văn hóa mới ở phường Đa Mai, thành phố Bắc Giang được khánh thành.", "2024-04-12")
    after = units("Chợ phường Đa Mai của tỉnh Bắc Ninh được mở rộng.", "2026-03-15")
    old, new = unit(before["Đa Mai"]), unit(after["Đa Mai"])
    assert (old.structure, new.structure) == (LEGACY, CURRENT)
    assert gazetteer().structures[LEGACY].units[old.parent].name == "Bắc Giang"  # thành phố Bắc Giang
    assert gazetteer().structures[CURRENT].province_of(new).name == "Bắc Ninh"
    assert new in gazetteer().successors_of(old)


def test_a_renamed_ward_points_to_its_new_name():
    before = units("Trường ở phường Nguyễn Trãi, thành phố Hà Giang được sửa chữa.", "2024-08-20")
    after = units("Tỉnh Tuyên Quang khai trương trung tâm hành chính công phường Hà Giang 1.", "2026-02-05")
    renamed = unit(after["Hà Giang 1"])
    assert renamed.kind == "phường" and gazetteer().structures[CURRENT].province_of(renamed).name == "Tuyên Quang"
    assert renamed in gazetteer().successors_of(unit(before["Nguyễn Trãi"]))
    assert unit(before["thành phố Hà Giang"]).level == "district"


def test_an_ambiguous_commune_takes_the_province_the_context_supports_or_none():
    assert len(gazetteer().structures[CURRENT].named("Tân Lập")) > 1
    in_tay_ninh = units("Tỉnh Tây Ninh hỗ trợ người dân xã Tân Lập làm nhà.", "2026-03-01")["Tân Lập"]
    assert gazetteer().structures[CURRENT].province_of(unit(in_tay_ninh)).name == "Tây Ninh"
    assert units("Đoàn công tác về xã Tân Lập thăm hỏi người dân.", "2026-03-01")["Tân Lập"] == ""
    # Tuyên Quang holds no Tân Lập: no province is guessed.
    assert units("Tỉnh Tuyên Quang đón đoàn khách từ xã Tân Lập.", "2026-03-01")["Tân Lập"] == ""
    # In 2024 the district named beside it decides between the province's several Tân Lập.
    before = units("Đoàn thăm xã Tân Lập, huyện Lục Ngạn, tỉnh Bắc Giang.", "2024-03-01")
    assert unit(before["Tân Lập"]).parent == unit(before["Lục Ngạn"]).code


def test_a_district_is_found_through_the_province_named_earlier_in_the_article():
    text = ("Tỉnh Bắc Giang đẩy mạnh trồng vải.\n\n"
            "Năm nay Lục Ngạn có sản lượng vải cao nhất từ trước tới nay.")
    found = units(text, "2024-06-01")
    assert unit(found["Lục Ngạn"]).name == "Lục Ngạn" and unit(found["Lục Ngạn"]).level == "district"


def test_communes_listed_under_one_word_are_all_units():
    found = units("Tỉnh Tây Ninh hỗ trợ các xã: Tân Lập, Tân Hội và Tân Thành.", "2026-03-01")
    assert {name for name, key in found.items() if key and unit(key).level == "commune"} >= {"Tân Lập"}
    assert all(name in found for name in ("Tân Lập", "Tân Hội", "Tân Thành"))


def _graph(text: str, published: str | None):
    return map_record(resolve(extract(Article("test.txt", text, published=published))))


def test_an_undated_article_takes_the_structure_its_names_fit_and_says_so():
    article, graph = _graph("Đoàn công tác đến huyện Lục Ngạn, tỉnh Bắc Giang.", None)
    assert graph.value(article, KGO.adminStructure) == Literal(LEGACY)
    assert graph.value(article, KGO.adminStructureFromNames) == Literal(True)
    article, graph = _graph("Tỉnh Tuyên Quang khai trương trung tâm phường Hà Giang 1.", None)
    assert graph.value(article, KGO.adminStructure) == Literal(CURRENT)
    article, graph = _graph("Tỉnh Tuyên Quang khai trương trung tâm phường Hà Giang 1.", "2026-01-02")
    assert (graph.value(article, KGO.adminStructure), graph.value(article, KGO.adminStructureFromNames)) \
        == (Literal(CURRENT), None)


def _location(text: str, published: str, body: str) -> URIRef:
    _, graph = _graph(text, published)
    [org] = [s for s, name in graph.subject_objects(URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))
             if str(name) == body]
    return graph.value(org, SDO.location), graph


def test_a_body_named_with_a_place_keeps_that_place_s_unit():
    old, graph = _location("UBND tỉnh Hà Giang họp phiên thường kỳ.", "2024-06-01", "Ủy ban nhân dân tỉnh Hà Giang")
    assert graph.value(old, SDO.identifier) == Literal("02")
    assert graph.value(old, SDO.endDate) == Literal("2025-07-01", datatype=XSD.date)
    new, graph = _location("UBND tỉnh Tuyên Quang họp phiên thường kỳ.", "2026-06-01", "Ủy ban nhân dân tỉnh Tuyên Quang")
    assert graph.value(new, SDO.startDate) == Literal("2025-07-01", datatype=XSD.date)
    same_name_before, _ = _location("UBND tỉnh Tuyên Quang họp phiên thường kỳ.", "2024-06-01",
                                    "Ủy ban nhân dân tỉnh Tuyên Quang")
    assert same_name_before != new
    _, graph = _graph("UBND tỉnh Hà Giang họp phiên thường kỳ.", "2024-06-01")
    assert (old, KGO.successor, new) in graph


def test_a_unit_lies_in_its_district_and_province():
    _, graph = _graph("Đoàn thăm xã Tân Lập, huyện Lục Ngạn, tỉnh Bắc Giang.", "2024-03-01")
    [commune] = [s for s in graph.subjects(SDO.name, Literal("Tân Lập"))]
    district = graph.value(commune, SDO.containedInPlace)
    province = graph.value(district, SDO.containedInPlace)
    assert (str(graph.value(district, SDO.name)), str(graph.value(province, SDO.name))) == ("Lục Ngạn", "Bắc Giang")
    assert graph.value(province, SDO.containedInPlace) is None


@pytest.fixture(scope="module")
def both_periods(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("admin") / "store")
    report = build(sorted(FIXTURES.glob("*.txt")), store)
    assert report.added == 4 and not report.failed
    return store


def _headlines(store, **params) -> set[str]:
    table = run_named(store, "articles-in-place", params)
    return {row[table.columns.index("headline")] for row in table.rows}


def test_articles_in_place_reaches_the_predecessors_only_when_asked(both_periods):
    now = _headlines(both_periods, place="Bắc Ninh")
    assert now == {"Bắc Ninh mở rộng chợ phường Đa Mai"}
    with_before = _headlines(both_periods, place="Bắc Ninh", include_predecessors="true")
    assert with_before == now | {"Bắc Giang khánh thành nhà văn hóa mới ở phường Đa Mai"}
    tuyen_quang = _headlines(both_periods, place="Tuyên Quang", include_predecessors="true")
    assert tuyen_quang == {"Tuyên Quang khai trương trung tâm phục vụ hành chính công phường Hà Giang 1",
                           "Hà Giang sửa chữa trường học trước năm học mới"}


def test_the_store_of_both_periods_conforms_to_the_shapes(both_periods):
    report = validate_store(both_periods)
    assert report.conforms, report.text


def test_an_undated_article_whose_names_fit_both_takes_the_structure_of_its_events():
    text = "Sáng 3/3/2024, UBND tỉnh Sơn La tổ chức hội nghị tổng kết công tác năm."
    assert unit(units(text, None)["Sơn La"]).structure == LEGACY
    assert unit(units(text.replace("2024", "2026"), None)["Sơn La"]).structure == CURRENT
