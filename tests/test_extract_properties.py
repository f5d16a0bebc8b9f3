"""Property tests: the extractor, fed random Unicode and random mutations of real sentences,
never raises, never runs for long (hypothesis' deadline), and every offset of its
provenance points inside the text, at the sentence it names."""
from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import extract
from kg.extract.layout import parse_layout
from kg.normalise import normalise_text
from kg.rdf.mapping import map_record
from kg.records import Article, Record, Span

from conftest import REPO

ARTICLES = sorted((REPO / "data" / "articles").glob("*.txt"))
SENTENCES = [sentence.text for path in ARTICLES
             for sentence in parse_layout(normalise_text(path.read_text(encoding="utf-8"))).sentences]
WORDS = sorted({word for sentence in SENTENCES for word in sentence.split()})
# What crawlers leave in text: marks that combine, zero-width and direction characters,
# line and paragraph breaks, dates and numbers in odd forms, brackets and quotes.
ODD_PIECES = ["\u0300", "\u0301", "\u0323", "\u200b", "\u200d", "\u202e", "\ufeff", "\n", "\n\n", "\r\n", "\t",
              "31/2/2023", "0/0/0", "99/99/9999", "số 12-ab/QĐ.XYZ/2023", "/", ".", "...", "…", ",", ";", ":",
              "(", ")", "\"", "“", "”", "'", "-", "–", "Ông", "bà", "đồng chí", "Đại tá", "Bộ", "Sở", "tỉnh",
              "Quyết định số", "Nghị quyết", "ngày", "tháng", "năm", "TP.", "PGS.TS", "UBND", "V04", "A", "Đ"]
# Shared deadline: a short text must never take seconds, however odd it is.
DEADLINE = settings(deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module", autouse=True)
def lexicons_loaded():
    """Load the lexicons once before the timed examples."""
    extract(Article("warm-up", "Ông Nguyễn Văn An dự hội nghị."))


def check_provenance(record: Record) -> None:
    """Every span lies inside the text; sentences are the text they say; every entity, post,
    event, speech and document points at sentences of the record."""
    text = record.text
    sentence_spans = set()
    for sentence in record.sentences:
        assert 0 <= sentence.span.start < sentence.span.end <= len(text)
        assert text[sentence.span.start:sentence.span.end] == sentence.text
        sentence_spans.add(sentence.span)
    assert 0 <= record.article.content_end <= len(text)

    def inside(spans: tuple[Span, ...]) -> None:
        for span in spans:
            assert 0 <= span.start < span.end <= len(text)
            assert span in sentence_spans

    for person in record.people:
        inside(person.sentences)
        for position in person.positions:
            inside(position.sentences)
    for group in (record.organizations, record.places, record.documents):
        for item in group:
            inside(item.sentences)
    for event in record.events:
        inside(event.sentences)
        for speech in event.speeches:
            inside(speech.sentences)


def run(text: str) -> Record:
    text = normalise_text(text)
    record = extract(Article(source="property.txt", text=text))
    assert record.text == text
    check_provenance(record)
    return record


@st.composite
def mutated_sentences(draw) -> str:
    """Real sentences cut, repeated, joined and sprinkled with odd pieces, words and characters."""
    pieces = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4))
    text = " ".join(pieces)
    for _ in range(draw(st.integers(0, 8))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "word", "case", "cut"]))
        if action == "insert":
            piece = draw(st.one_of(st.sampled_from(ODD_PIECES), st.text(max_size=3)))
            text = text[:position] + piece + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 20)):]
        elif action == "word":
            text = text[:position] + " " + draw(st.sampled_from(WORDS)) + " " + text[position:]
        elif action == "case":
            text = text[:position] + text[position:position + 30].swapcase() + text[position + 30:]
        else:
            text = text[:position]
    return text


@DEADLINE
@given(st.text(max_size=400))
def test_random_unicode_never_breaks_the_extractor(text):
    run(text)


@DEADLINE
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD_PIECES)), max_size=120).map(" ".join))
def test_random_runs_of_words_never_break_the_extractor(text):
    run(text)


@settings(DEADLINE, max_examples=300)
@given(mutated_sentences())
def test_mutated_real_sentences_never_break_the_extractor(text):
    run(text)


@settings(DEADLINE, max_examples=60)
@given(st.lists(mutated_sentences(), min_size=1, max_size=5).map("\n".join))
def test_mutated_articles_map_to_rdf(text):
    """A title line, paragraphs: extracted, and its graph made, whatever the sentences hold."""
    record = run("Tiêu đề thử\n\n08:30 15/03/2024\n\n" + text)
    iri, graph = map_record(record)
    assert len(graph) > 0 and str(iri).startswith("https://")
