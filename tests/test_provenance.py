"""Provenance per mention: an entity points to the words that name it, each in its sentence;
a fact (a post, an attendance) to the one sentence it was read from; the graph grows with
what the article says, not with attendees times the event's sentences."""
from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import ORG, RDF, SDO

from kg.extract import extract
from kg.rdf.mapping import map_record, map_to_ntriples
from kg.rdf.namespaces import GAF, KGO, NIF
from kg.records import Article

EVENT = ("Hội nghị tổng kết công tác năm 2024\n\n"
         "Sáng 14/3, tại Hà Nội, Bộ Tư pháp tổ chức hội nghị tổng kết công tác năm 2024.\n"
         "Dự hội nghị có ông Đặng Văn Khôi, Thứ trưởng Bộ Tư pháp.\n"
         "Hội nghị đã đánh giá kết quả thực hiện nhiệm vụ của ngành.\n"
         "Phát biểu tại hội nghị, ông Khôi đề nghị các đơn vị tiếp tục cải cách thủ tục hành chính.")


def _graph(text: str):
    record = extract(Article(source="test", text=text, published="2024-03-14T08:00:00+07:00"))
    return record, map_record(record)[1]


def test_an_entity_is_denoted_by_its_mentions_each_in_its_sentence():
    record, graph = _graph(EVENT)
    person = next(graph.subjects(RDF.type, SDO.Person))
    mentions = set(graph.objects(person, GAF.denotedBy))
    assert mentions and all((m, RDF.type, NIF.Phrase) in graph for m in mentions)
    for mention in mentions:
        begin = int(graph.value(mention, NIF.beginIndex))
        end = int(graph.value(mention, NIF.endIndex))
        assert str(graph.value(mention, NIF.anchorOf)) == record.text[begin:end]
        sentence = graph.value(mention, NIF.sentence)
        assert (sentence, RDF.type, KGO.Sentence) in graph
        assert int(graph.value(sentence, NIF.beginIndex)) <= begin < end <= int(graph.value(sentence, NIF.endIndex))
    assert {str(graph.value(m, NIF.anchorOf)) for m in mentions} == {"Đặng Văn Khôi", "Khôi"}


def test_facts_name_the_sentence_they_were_read_from():
    record, graph = _graph(EVENT)
    [post] = graph.subjects(RDF.type, ORG.Post)
    [sentence] = graph.objects(post, GAF.denotedBy)
    assert "Thứ trưởng Bộ Tư pháp" in str(graph.value(sentence, NIF.anchorOf))
    [attendance] = graph.subjects(RDF.type, KGO.Attendance)
    assert graph.value(attendance, KGO.attendee) == next(graph.subjects(RDF.type, SDO.Person))
    sentences = {str(graph.value(s, NIF.anchorOf)) for s in graph.objects(attendance, GAF.denotedBy)}
    assert all("Khôi" in text for text in sentences) and len(sentences) < len(record.events[0].sentences)


def _listing(officials: int) -> str:
    names = ", ".join(f"ông Nguyễn Văn {chr(0x41 + i % 26)}{'a' * (i // 26)} {i}" for i in range(officials))
    lines = [f"Sáng 14/3, Bộ Tư pháp tổ chức hội nghị tổng kết. Dự hội nghị có {names}."]
    lines += [f"Hội nghị đã thảo luận nội dung thứ {i}." for i in range(40)]
    return "Hội nghị tổng kết\n\n" + "\n".join(lines)


def test_the_graph_grows_with_the_article_not_with_attendees_times_sentences():
    sizes = []
    for officials in (50, 100):
        record = extract(Article(source="test", text=_listing(officials), published="2024-03-14T08:00:00+07:00"))
        sizes.append(map_to_ntriples(record)[2])
    assert sizes[1] < 2.2 * sizes[0]


def test_an_article_node_links_its_mentions_to_itself():
    _, graph = _graph(EVENT)
    articles = set(graph.subjects(RDF.type, SDO.NewsArticle))
    for mention in graph.subjects(RDF.type, NIF.Phrase):
        assert graph.value(mention, NIF.referenceContext) in articles
        assert str(mention).startswith(str(next(iter(articles))) + "#char=")
    assert isinstance(next(iter(articles)), URIRef)


def test_mentions_have_no_spaces_at_their_edges():
    record = extract(Article(source="test", text=(
        "Vừa qua các Bộ: Tài chính, Nông nghiệp và Phát triển nông thôn đã có ý kiến. "
        "Sở Tư pháp, Nội vụ tỉnh Nam Định cũng góp ý.")))
    spans = [m for kind in (record.people, record.organizations, record.places, record.documents)
             for entity in kind for m in entity.mentions]
    assert spans and all(record.text[m.start:m.end] == record.text[m.start:m.end].strip() for m in spans)
