"""kg docs: the ontology as a page people read."""
from html.parser import HTMLParser

from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from conftest import REPO
from kg.cli import main
from kg.docs import anchor, curie, ontology_html


class Page(HTMLParser):
    """The ids of the page's entries, the text of each in each language, and its links."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.by_language: dict[str, list[str]] = {"vi": [], "en": []}
        self.links: set[str] = set()
        self._language: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a":
            self.links.add(attrs.get("href", ""))
        if tag in ("dd", "td", "h1", "p"):
            self._language.append(attrs.get("lang"))

    def handle_endtag(self, tag):
        if tag in ("dd", "td", "h1", "p") and self._language:
            self._language.pop()

    def handle_data(self, data):
        if self._language and self._language[-1] in self.by_language and data.strip():
            self.by_language[self._language[-1]].append(data.strip())


def ontology() -> Graph:
    graph = Graph()
    graph.parse(REPO / "schema" / "kg.ttl", format="turtle")
    return graph


def parsed() -> Page:
    page = Page()
    page.feed(ontology_html())
    return page


def test_the_page_has_an_entry_for_every_class_and_property_of_the_ontology():
    graph, page = ontology(), parsed()
    declared = {s for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
                for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef)}
    declared |= {s for s in graph.subjects(RDFS.label) if (s, RDF.type, OWL.Ontology) not in graph}  # rdf:type too
    assert len(declared) > 60
    missing = sorted(curie(term) for term in declared if anchor(term) not in page.ids)
    assert missing == []


def test_vietnamese_and_english_labels_are_kept_apart():
    graph, page = ontology(), parsed()
    for subject, label in graph.subject_objects(RDFS.label):
        if isinstance(label, Literal) and label.language in ("vi", "en") and (subject, RDF.type, OWL.Ontology) not in graph:
            assert str(label) in page.by_language[label.language], (subject, label)
    assert "người" in page.by_language["vi"] and "người" not in page.by_language["en"]
    assert "person" in page.by_language["en"] and "person" not in page.by_language["vi"]


def test_domains_ranges_and_reused_vocabularies_are_linked():
    html = ontology_html()
    rank = html[html.index('id="kgo-rank"'):]
    rank = rank[:rank.index("</article>")]
    assert 'href="#schema-Person"' in rank and 'href="#kgo-Rank"' in rank  # domain and range, on the page
    links = parsed().links
    assert {"https://schema.org/", "https://www.w3.org/TR/vocab-org/", "https://www.w3.org/TR/skos-reference/"} <= links
    assert "#kgsh-PersonShape" in links  # the shapes are on the page too


def test_the_page_loads_nothing_and_runs_no_script():
    html = ontology_html()
    assert "<script" not in html and "<link" not in html and "src=" not in html


def test_kg_docs_writes_the_page(tmp_path):
    target = tmp_path / "ontology.html"
    result = CliRunner().invoke(main, ["docs", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == ontology_html()
