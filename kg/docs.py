"""The ontology as one HTML page (``kg docs``): every class and property of ``schema/kg.ttl``
with its Vietnamese and English labels side by side, what it means, its domain and range,
and the SHACL shapes of ``schema/shapes.ttl`` that say what the graph holds.

Terms kg reuses (schema.org, W3C ORG, SKOS, NIF, GAF, PROV, Dublin Core) link to their
vocabulary; kg's own (kgo:) are defined here. The page needs nothing else: no script, one
inline style sheet, so it opens from a file and passes ``kg serve``'s content policy.
"""
from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from .rdf.namespaces import KGO, PREFIX_MAP

SH = "http://www.w3.org/ns/shacl#"
ONTOLOGY = URIRef(str(KGO._NS).rstrip("#"))
KINDS = (  # (the OWL type, the section's id and heading)
    (OWL.Class, "classes", "Lớp · Classes"),
    (OWL.ObjectProperty, "object-properties", "Thuộc tính quan hệ · Object properties"),
    (OWL.DatatypeProperty, "datatype-properties", "Thuộc tính dữ liệu · Datatype properties"),
    (OWL.AnnotationProperty, "annotation-properties", "Thuộc tính chú thích · Annotation properties"),
    (None, "other-terms", "Thuật ngữ khác · Other labelled terms"),  # rdf:type, owl:sameAs: labelled, not declared
)
VOCABULARIES = {  # the reused vocabularies, by namespace: their name and where to read them
    "https://schema.org/": ("schema.org", "https://schema.org/"),
    "http://www.w3.org/ns/org#": ("W3C Organization Ontology", "https://www.w3.org/TR/vocab-org/"),
    "http://www.w3.org/2004/02/skos/core#": ("SKOS", "https://www.w3.org/TR/skos-reference/"),
    "http://www.w3.org/ns/prov#": ("PROV-O", "https://www.w3.org/TR/prov-o/"),
    "http://purl.org/dc/terms/": ("DCMI Metadata Terms", "https://www.dublincore.org/specifications/dublin-core/dcmi-terms/"),
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#": (
        "NIF 2.0 Core", "https://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core/nif-core.html"),
    "http://groundedannotationframework.org/gaf#": ("Grounded Annotation Framework", "http://groundedannotationframework.org/"),
    "http://purl.org/vocab/vann/": ("VANN", "https://vocab.org/vann/"),
    "http://www.w3.org/2002/07/owl#": ("OWL 2", "https://www.w3.org/TR/owl2-overview/"),
    "http://www.w3.org/2000/01/rdf-schema#": ("RDF Schema", "https://www.w3.org/TR/rdf-schema/"),
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": ("RDF", "https://www.w3.org/TR/rdf11-concepts/"),
    "http://www.w3.org/2001/XMLSchema#": ("XML Schema datatypes", "https://www.w3.org/TR/xmlschema11-2/"),
}
PREFIXES = {**PREFIX_MAP, "vann": "http://purl.org/vocab/vann/", "kgsh": "https://w3id.org/kg-vn/shapes#",
            "sh": SH}


@dataclass(frozen=True)
class Term:
    iri: str
    kind: str  # the section id
    vi: str
    en: str
    notes: tuple[str, ...]


def load(name: str) -> Graph:
    graph = Graph()
    graph.parse(data=resources.files("kg.schema").joinpath(name).read_text(encoding="utf-8"), format="turtle")
    return graph


def terms(ontology: Graph) -> list[Term]:
    """Every class and property the ontology declares or labels, in page order."""
    found = []
    declared = {t for t, _, _ in KINDS if t is not None} | {OWL.Ontology}
    for owl_type, kind, _ in KINDS:
        if owl_type is None:
            subjects = {s for s in ontology.subjects(RDFS.label) if not set(ontology.objects(s, RDF.type)) & declared}
        else:
            subjects = set(ontology.subjects(RDF.type, owl_type))
        for subject in sorted(subjects, key=curie):
            if isinstance(subject, URIRef):
                notes = tuple(str(o) for p in (RDFS.comment, SKOS.scopeNote) for o in ontology.objects(subject, p))
                found.append(Term(str(subject), kind, _label(ontology, subject, "vi"), _label(ontology, subject, "en"),
                                  notes))
    return found


def _label(graph: Graph, subject, language: str) -> str:
    return next((str(o) for o in graph.objects(subject, RDFS.label) if isinstance(o, Literal) and o.language == language), "")


def curie(iri) -> str:
    text = str(iri)
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if text.startswith(namespace) and len(text) > len(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return text


def anchor(iri) -> str:
    return curie(iri).replace(":", "-")


def ontology_html() -> str:
    """The page, from the ontology and shapes that kg ships."""
    ontology, shapes = load("kg.ttl"), load("shapes.ttl")
    listed = terms(ontology)
    on_page = {term.iri for term in listed} | {str(s) for s in shapes.subjects(RDF.type, URIRef(SH + "NodeShape"))}

    def link(iri) -> str:
        if isinstance(iri, BNode):
            return "(…)"
        name = html.escape(curie(iri))
        target = f"#{anchor(iri)}" if str(iri) in on_page else html.escape(str(iri))
        return f'<a href="{target}"><code>{name}</code></a>'

    def links(values) -> str:
        return ", ".join(link(v) for v in sorted(values, key=curie)) or "—"

    domains = defaultdict(set)
    ranges = defaultdict(set)
    for prop, cls in ontology.subject_objects(RDFS.domain):
        domains[str(cls)].add(prop)
    for prop, cls in ontology.subject_objects(RDFS.range):
        ranges[str(cls)].add(prop)
    shape_of = _shapes_by_target(shapes)

    parts = [_head(ontology)]
    for owl_type, kind, heading in KINDS:
        section = [t for t in listed if t.kind == kind]
        parts.append(f'<section id="{kind}"><h2>{heading} <small>({len(section)})</small></h2>')
        parts.append(_index_html(section))
        for term in section:
            subject = URIRef(term.iri)
            rows = [("IRI", f'<a href="{html.escape(term.iri)}">{html.escape(term.iri)}</a>'),
                    ("Từ vựng · Vocabulary", _vocabulary(term.iri))]
            if kind == "classes":
                rows.append(("Lớp cha · Subclass of", links(ontology.objects(subject, RDFS.subClassOf))))
                rows.append(("Miền của · Domain of", links(domains[term.iri])))
                rows.append(("Đích của · Range of", links(ranges[term.iri])))
                if shape_of.get(term.iri):
                    rows.append(("Ràng buộc SHACL · Shapes", links(shape_of[term.iri])))
            else:
                rows.append(("Miền · Domain", links(ontology.objects(subject, RDFS.domain))))
                rows.append(("Đích · Range", links(ontology.objects(subject, RDFS.range))))
                extra = [curie(t) for t in ontology.objects(subject, RDF.type) if t != owl_type]
                if extra:
                    rows.append(("Kiểu · Also", ", ".join(f"<code>{html.escape(t)}</code>" for t in sorted(extra))))
            parts.append(_term_html(term, rows))
        parts.append("</section>")
    parts.append(_shapes_html(shapes, link))
    parts.append(_namespaces_html())
    parts.append("</main></body></html>\n")
    return "\n".join(parts)


def _index_html(section: list[Term]) -> str:
    """The section at a glance: each term with its two labels, linked to its entry."""
    rows = "".join(f'<tr><td><a href="#{anchor(t.iri)}"><code>{html.escape(curie(t.iri))}</code></a></td>'
                   f'<td lang="vi">{html.escape(t.vi)}</td><td lang="en">{html.escape(t.en)}</td></tr>' for t in section)
    return f'<table class="index"><tr><th>term</th><th>tiếng Việt</th><th>English</th></tr>{rows}</table>'


def _vocabulary(iri: str) -> str:
    if iri.startswith(str(KGO._NS)):
        return "kg (kgo:), defined here"
    for namespace, (name, url) in VOCABULARIES.items():
        if iri.startswith(namespace):
            return f'<a href="{html.escape(url)}">{html.escape(name)}</a>, reused'
    return "—"


def _term_html(term: Term, rows: list[tuple[str, str]]) -> str:
    notes = "".join(f"<p>{html.escape(note)}</p>" for note in term.notes)
    table = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in rows)
    return (f'<article id="{anchor(term.iri)}"><h3><code>{html.escape(curie(term.iri))}</code></h3>'
            f'<dl class="labels"><dt>tiếng Việt</dt><dd lang="vi">{html.escape(term.vi) or "—"}</dd>'
            f'<dt>English</dt><dd lang="en">{html.escape(term.en) or "—"}</dd></dl>'
            f'{notes}<table>{table}</table></article>')


def _shapes_by_target(shapes: Graph) -> dict[str, set]:
    by_target = defaultdict(set)
    for shape, cls in shapes.subject_objects(URIRef(SH + "targetClass")):
        by_target[str(cls)].add(shape)
    return by_target


def _shapes_html(shapes: Graph, link) -> str:
    sh = lambda name: URIRef(SH + name)  # noqa: E731 - a short spelling for the SHACL terms below
    node_shapes = sorted(set(shapes.subjects(RDF.type, sh("NodeShape"))), key=curie)
    parts = [f'<section id="shapes"><h2>Ràng buộc SHACL · SHACL shapes <small>({len(node_shapes)})</small></h2>',
             "<p>What <code>kg validate</code> checks (schema/shapes.ttl): each shape, the nodes it targets "
             "and the properties they must or may have.</p>"]
    for shape in node_shapes:
        targets = [f"{name} {link(value)}" for name in ("targetClass", "targetSubjectsOf", "targetObjectsOf")
                   for value in sorted(shapes.objects(shape, sh(name)), key=curie)]
        rows = []
        for prop in shapes.objects(shape, sh("property")):
            path = shapes.value(prop, sh("path"))
            low, high = shapes.value(prop, sh("minCount")), shapes.value(prop, sh("maxCount"))
            count = f"{low or 0}..{high or '*'}"
            value = ", ".join(link(v) for name in ("datatype", "class", "nodeKind")
                              for v in shapes.objects(prop, sh(name))) or "—"
            message = " ".join(str(m) for m in shapes.objects(prop, sh("message")))
            rows.append((curie(path) if path is not None else "", f"<tr><td>{link(path) if path is not None else '—'}"
                         f"</td><td>{count}</td><td>{value}</td><td>{html.escape(message)}</td></tr>"))
        table = "".join(row for _, row in sorted(rows))
        parts.append(f'<article id="{anchor(shape)}"><h3><code>{html.escape(curie(shape))}</code></h3>'
                     f'<p>{"; ".join(targets) or "—"}</p>'
                     + (f"<table><tr><th>path</th><th>count</th><th>value</th><th>message</th></tr>{table}</table>"
                        if rows else "") + "</article>")
    parts.append("</section>")
    return "\n".join(parts)


def _namespaces_html() -> str:
    rows = []
    for prefix, namespace in sorted(PREFIXES.items()):
        name, url = VOCABULARIES.get(namespace, ("kg", namespace))
        rows.append(f"<tr><td><code>{prefix}:</code></td><td><code>{html.escape(namespace)}</code></td>"
                    f'<td><a href="{html.escape(url)}">{html.escape(name)}</a></td></tr>')
    return ('<section id="namespaces"><h2>Không gian tên · Namespaces</h2>'
            f'<table><tr><th>prefix</th><th>namespace</th><th>vocabulary</th></tr>{"".join(rows)}</table></section>')


def _head(ontology: Graph) -> str:
    def text(predicate, language) -> str:
        return next((str(o) for o in ontology.objects(ONTOLOGY, predicate)
                     if isinstance(o, Literal) and o.language == language), "")

    title_vi, title_en = text(DCTERMS.title, "vi"), text(DCTERMS.title, "en")
    version = ontology.value(ONTOLOGY, OWL.versionInfo) or ""
    nav = " · ".join(f'<a href="#{kind}">{heading.split(" · ")[1]}</a>' for _, kind, heading in KINDS)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title_en)}</title>
<style>{STYLE}</style></head><body><main>
<header><h1 lang="vi">{html.escape(title_vi)}</h1><p class="en" lang="en">{html.escape(title_en)}</p>
<p>{html.escape(text(DCTERMS.description, "en"))}</p>
<p>Namespace <code>{html.escape(str(KGO._NS))}</code> (prefix <code>kgo:</code>), version {html.escape(str(version))}.</p>
<nav>{nav} · <a href="#shapes">SHACL shapes</a> · <a href="#namespaces">Namespaces</a></nav></header>"""


STYLE = """
body { font: 15px/1.5 system-ui, "Noto Sans", sans-serif; color: #1b1b1b; background: #fafafa; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
h1 { margin-bottom: 0; } .en { margin-top: 0; color: #555; font-size: 1.2rem; }
nav { position: sticky; top: 0; background: #fafafa; padding: .5rem 0; border-bottom: 1px solid #ddd; }
h2 { margin-top: 2.5rem; border-bottom: 2px solid #0072B2; } h2 small { color: #777; font-weight: normal; }
article { background: #fff; border: 1px solid #e3e3e3; border-radius: 6px; padding: .5rem 1rem; margin: .8rem 0; }
article:target { outline: 3px solid #E69F00; }
h3 { margin: .3rem 0; font-size: 1.05rem; }
dl.labels { display: grid; grid-template-columns: 7rem 1fr; margin: .2rem 0; }
dl.labels dt { color: #666; } dl.labels dd { margin: 0; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .15rem .5rem .15rem 0; border-top: 1px solid #f0f0f0; }
th { color: #666; font-weight: normal; width: 12rem; }
table.index { background: #fff; margin-bottom: 1rem; } table.index th { width: auto; }
a { color: #0a5a9c; } code { font-size: .92em; }
"""
