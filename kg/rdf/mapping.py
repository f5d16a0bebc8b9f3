"""The mapping stage: one Record becomes the triples of its article's named graph.

IRIs are minted here and only here, from canonical names, so that the same person,
organisation, place or document gets the same IRI in every article and every run.
Provenance is NIF strings named by RFC 5147 fragments, ``<ARTICLE#char=START,END>``: an
entity is ``gaf:denotedBy`` its mentions (the words that name it, each ``nif:sentence`` of
its sentence), a fact (a post, an attendance, a speech) by the sentence it was read from.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from rdflib import Graph, URIRef
from rdflib.namespace import XSD

from ..lexicon import lexicon
from .labels import article_label, attendance_label, attestation_label, event_label, post_label, short_label
from .namespaces import DEFAULT_BASE, PREFIXES
from .ntriples import DCTERMS, GAF, KGO, NIF, ORG, RDF, RDFS, SDO, SKOS, VI, literal, offset_literal
from .places import PlaceNodes
from .search import NAME_PREDICATES, search_key_lines
from ..normalise import ascii_fold, fold
from ..records import Record, Span
from ..resolve.bodies import body_key

class IriMinter:
    """Deterministic IRIs under one base: a readable slug plus a hash of the exact name."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def entity(self, kind: str, key: str) -> URIRef:
        return URIRef(self.base + _entity_path(kind, key))

    def article(self, content_hash: str) -> URIRef:
        return URIRef(f"{self.base}article/{content_hash[:20]}")

    def article_for(self, record: Record) -> URIRef:
        return self.article_iri(record.article.content_hash, record.article.url)

    def article_iri(self, content_hash: str, url: str | None = None) -> URIRef:
        """The article's IRI: from its canonical URL when the input gave one (the same story
        saved twice is one article), else from its content hash. Known before extraction."""
        if url:
            return self.article(hashlib.sha256(url_key(url).encode("utf-8")).hexdigest())
        return self.article(content_hash)


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 16)
def _entity_path(kind: str, key: str) -> str:
    """'person/tran-vi-dan-7366362a': kept, as the same names come back in article after article."""
    folded = fold(key)
    slug = _NOT_SLUG.sub("-", ascii_fold(folded).lower()).strip("-")[:60] or "x"
    digest = hashlib.sha256(folded.encode("utf-8")).hexdigest()[:8]
    return f"{kind}/{slug}-{digest}"


def url_key(url: str) -> str:
    """What identifies a page across saves: host without 'www.', path and query, whatever the
    scheme, without the fragment and tracking parameters."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    query = "&".join(pair for pair in parts.query.split("&") if pair and not pair.lower().startswith(("utm_", "fbclid=")))
    return f"{host}{port}{parts.path or '/'}{'?' + query if query else ''}"


def organization_key(name: str) -> str:
    """What identifies a body whatever joins or abbreviates its words (kg/resolve/bodies.py)."""
    return body_key(name)


class _ArticleGraph:
    """Builds one article's graph as N-Triples lines (each once, in order of first writing);
    helpers add the nodes shared by several record types. Nodes are N-Triples terms."""

    def __init__(self, record: Record, minter: IriMinter) -> None:
        self.record = record
        self.mint = minter
        self.lines: dict[str, None] = {}
        self.names: list[tuple[str, str]] = []  # (node, literal) of every name line: their kgo:searchKey, at the end
        self.iri = minter.article_for(record)
        self.article = f"<{self.iri}>"
        self.sentence_starts = [sentence.span.start for sentence in record.sentences]
        self.identities = {fold(person.name): person.identity for person in record.people if person.identity}
        self.described: dict[tuple[str, str], str] = {}  # (kind, name): node, see _entity
        self.places = PlaceNodes(self)  # a place the gazetteer knows is its administrative unit

    def add(self, s: str, p: str, o: str) -> None:
        self.lines[f"{s} {p} {o} .\n"] = None
        if p in NAME_PREDICATES:
            self.names.append((s, o))

    def node(self, kind: str, key: str) -> str:
        return f"<{self.mint.base}{_entity_path(kind, key)}>"

    def sentence(self, span: Span) -> str:
        return f"<{self.iri}#char={span.start},{span.end}>"

    def denoted_by(self, node: str, spans: Iterable[Span]) -> None:
        for span in spans:
            self.add(node, GAF.denotedBy, self.sentence(span))

    def mention(self, span: Span) -> str:
        """The node of the words at ``span``: a NIF phrase of its sentence (written once, however
        many entities those words name)."""
        node = self.sentence(span)
        if f"{node} {RDF.type} {NIF.Phrase} .\n" in self.lines:
            return node
        words = self.record.text[span.start:span.end]
        self.add(node, RDF.type, NIF.Phrase)
        self.add(node, NIF.referenceContext, self.article)
        self.add(node, NIF.beginIndex, offset_literal(span.start))
        self.add(node, NIF.endIndex, offset_literal(span.end))
        self.add(node, NIF.anchorOf, literal(words))
        self.add(node, RDFS.label, literal(short_label(words), lang=VI))
        index = bisect_right(self.sentence_starts, span.start) - 1
        if index >= 0 and span.end <= self.record.sentences[index].span.end:
            self.add(node, NIF.sentence, self.sentence(self.record.sentences[index].span))
        return node

    def attested_on(self, spans: Iterable[Span]) -> str | None:
        """The date a fact read from ``spans`` holds at: the date of the event whose
        sentences they are, else the article's publication date."""
        spans = set(spans)
        event = next((e for e in self.record.events if e.date and spans & set(e.sentences)), None)
        if event is not None:
            return event.date
        published = self.record.article.published
        return published[:10] if published else None

    def denoted_by_mentions(self, node: str, entity) -> None:
        """An entity's provenance: its mentions, or its sentences when the record has no
        mention of it (a body read from a document's symbol)."""
        if not entity.mentions:
            self.denoted_by(node, entity.sentences)
        for span in entity.mentions:
            self.add(node, GAF.denotedBy, self.mention(span))

    def mentions(self, node: str) -> None:
        self.add(self.article, SDO.mentions, node)

    def concept(self, kind: str, cls: str, label: str, en: str = "", alt: str = "") -> str:
        node = self.node(kind, label)
        self.add(node, RDF.type, cls)
        self.add(node, RDF.type, SKOS.Concept)
        self.add(node, SKOS.prefLabel, literal(label, lang=VI))
        self.add(node, RDFS.label, literal(label, lang=VI))
        if en:
            self.add(node, SKOS.prefLabel, literal(en, lang="en"))
            self.add(node, RDFS.label, literal(en, lang="en"))
        if alt:
            self.add(node, SKOS.altLabel, literal(alt, lang=VI))
        return node

    # A node that a fact refers to (a parent body, an issuer, a venue) is traced to the
    # sentences of that fact, so every node in the graph has a source.
    def organization(self, name: str, spans: Iterable[Span] = ()) -> str:
        return self._entity("org", name, organization_key(name), ORG.Organization, SKOS.prefLabel, VI, spans)

    def person(self, name: str, spans: Iterable[Span] = ()) -> str:
        identity = self.identities.get(fold(name))
        return self._entity("person", name, f"{name}|{identity}" if identity else name, SDO.Person, SDO.name, None,
                            spans)

    def place(self, name: str, spans: Iterable[Span] = ()) -> str:
        return self.places.node(name, spans)

    def _entity(self, kind: str, name: str, key: str, cls: str, name_term: str, lang: str | None, spans) -> str:
        """A body's or person's node, typed and labelled the first time the article names it:
        a body is named by many facts (a parent, a post, an issuer)."""
        node = self.described.get((kind, name))
        if node is None:
            node = self.described[kind, name] = self.node(kind, key)
            self.add(node, RDF.type, cls)
            self.add(node, name_term, literal(name, lang=lang))
            self.add(node, RDFS.label, literal(name, lang=VI))
        self.denoted_by(node, spans)
        return node


def map_to_ntriples(record: Record, minter: IriMinter | None = None) -> tuple[str, str, int]:
    """The article IRI (also the name of its graph), the graph of its facts as N-Triples, and
    how many triples that is. Written directly as text: the build's hot path."""
    builder = _ArticleGraph(record, minter or IriMinter())
    _map_article(builder)
    _map_sentences(builder)
    for place in record.places:
        _map_place(builder, place)
    for organization in record.organizations:
        _map_organization(builder, organization)
    for person in record.people:
        _map_person(builder, person)
    for document in record.documents:
        _map_document(builder, document)
    for event in record.events:
        _map_event(builder, event)
    builder.lines.update(dict.fromkeys(search_key_lines(builder.names)))  # kgo:searchKey of every name (kg.rdf.search)
    return str(builder.iri), "".join(builder.lines), len(builder.lines)


def map_record(record: Record, minter: IriMinter | None = None) -> tuple[URIRef, Graph]:
    """The article IRI and the graph of its facts, as an rdflib Graph."""
    iri, ntriples, _ = map_to_ntriples(record, minter)
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.parse(data=ntriples, format="nt")
    return URIRef(iri), graph


def _map_article(b: _ArticleGraph) -> None:
    info = b.record.article
    b.add(b.article, RDF.type, SDO.NewsArticle)
    b.add(b.article, RDFS.label, literal(article_label(info, b.record.source), lang=VI))
    if info.title:
        b.add(b.article, SDO.headline, literal(info.title, lang=VI))
    if info.published:
        kind = XSD.dateTime if "T" in info.published else XSD.date
        b.add(b.article, SDO.datePublished, literal(info.published, datatype=kind))
    for author in info.authors:
        b.add(b.article, SDO.author, b.person(author))
    b.add(b.article, KGO.contentHash, literal(info.content_hash))
    b.add(b.article, KGO.sourcePath, literal(b.record.source))
    if info.url:
        b.add(b.article, SDO.url, literal(info.url, datatype=XSD.anyURI))
    language = (info.language or "").split("-")[0].lower() or None
    if info.section:
        b.add(b.article, SDO.articleSection, literal(info.section, lang=language))
    for tag in info.tags:
        b.add(b.article, SDO.keywords, literal(tag, lang=language))
    if info.language:
        b.add(b.article, SDO.inLanguage, literal(info.language))


def _map_sentences(b: _ArticleGraph) -> None:
    for sentence in b.record.sentences:
        node = b.sentence(sentence.span)
        b.add(node, RDF.type, NIF.String)
        b.add(node, RDF.type, KGO.Sentence)
        b.add(node, NIF.referenceContext, b.article)
        b.add(node, NIF.beginIndex, offset_literal(sentence.span.start))
        b.add(node, NIF.endIndex, offset_literal(sentence.span.end))
        b.add(node, NIF.anchorOf, literal(sentence.text))
        b.add(node, RDFS.label, literal(short_label(sentence.text), lang=VI))
        if sentence.is_caption:
            b.add(node, KGO.isCaption, literal(True))
        if sentence.is_headline:
            b.add(node, KGO.isHeadline, literal(True))


def _map_place(b: _ArticleGraph, place) -> None:
    node = b.place(place.name)
    for alias in place.aliases:
        b.add(node, SKOS.altLabel, literal(alias, lang=VI))
    b.denoted_by_mentions(node, place)
    b.mentions(node)


def _map_organization(b: _ArticleGraph, organization) -> None:
    node = b.organization(organization.name)
    for alias in organization.aliases:
        b.add(node, SKOS.altLabel, literal(alias, lang=VI))
    if organization.parent:
        b.add(node, ORG.subOrganizationOf, b.organization(organization.parent, organization.sentences))
    if organization.place:
        b.add(node, SDO.location, b.place(organization.place, organization.sentences))
    b.denoted_by_mentions(node, organization)
    b.mentions(node)


def _map_person(b: _ArticleGraph, person) -> None:
    lex = lexicon()
    node = b.person(person.name)
    if person.identity:
        b.add(node, KGO.identityBasis, literal(person.identity, lang=VI))
    for alias in person.aliases:
        b.add(node, SDO.alternateName, literal(alias))
    if person.rank:
        entry = lex.ranks.get(person.rank)
        b.add(node, KGO.rank, b.concept("rank", KGO.Rank, person.rank, entry.en if entry else ""))
    for title in person.academic_titles:
        entry = lex.academic_titles.get(title)
        b.add(node, KGO.academicTitle, b.concept(
            "academic-title", KGO.AcademicTitle, title, entry.en if entry else "", entry.extra if entry else ""))
    for position in person.positions:
        former = "|former" if position.former else ""
        holder = f"{person.name}|{person.identity}" if person.identity else person.name
        post = b.node("post", f"{holder}|{position.title}|{position.organization or ''}{former}")
        entry = lex.roles.get(position.title)
        role = b.concept("role", KGO.Role, position.title, entry.en if entry else "")
        b.add(role, RDF.type, ORG.Role)
        b.add(post, RDF.type, ORG.Post)
        b.add(post, RDFS.label, literal(post_label(position), lang=VI))
        b.add(post, ORG.role, role)
        b.add(post, ORG.heldBy, node)
        b.add(node, ORG.holds, post)
        if position.organization:
            b.add(post, ORG.postIn, b.organization(position.organization, position.sentences))
        if position.former:
            b.add(post, KGO.former, literal(True))
        b.denoted_by(post, position.sentences)
        _map_attestation(b, post, position)
    b.denoted_by_mentions(node, person)
    b.mentions(node)


def _map_attestation(b: _ArticleGraph, post: str, position) -> None:
    """The post as this article attests it: on what date (the date of the event the post is
    named at, else the article's), former or not, from which sentences. A post node is
    shared by every article that names it; its attestations say when each saw it held."""
    attestation = f"<{b.iri}#post-{hashlib.sha256(post.encode('utf-8')).hexdigest()[:12]}>"
    b.add(post, KGO.attestation, attestation)
    b.add(attestation, RDF.type, KGO.PostAttestation)
    when = b.attested_on(position.sentences)
    b.add(attestation, RDFS.label, literal(attestation_label(position, when), lang=VI))
    if when:
        b.add(attestation, DCTERMS.date, literal(when, datatype=XSD.date))
    if position.former:
        b.add(attestation, KGO.former, literal(True))
    b.denoted_by(attestation, position.sentences)


def document_key(document) -> str:
    """What identifies a document across articles: its type, number (or name) and issuer."""
    return f"{document.type}|{document.number or document.name or ''}|{document.issuer or ''}"


def _map_document(b: _ArticleGraph, document) -> None:
    lex = lexicon()
    node = b.node("doc", document_key(document))
    b.add(node, RDF.type, SDO.Legislation)
    entry = lex.document_types.get(document.type)
    b.add(node, SDO.legislationType, b.concept("document-type", KGO.DocumentType, document.type, entry.en if entry else ""))
    label = document.name or f"{document.type} {document.number}"
    b.add(node, SDO.name, literal(label, lang=VI))
    b.add(node, RDFS.label, literal(label, lang=VI))
    if document.number:
        b.add(node, SDO.legislationIdentifier, literal(document.number))
    if document.date:
        b.add(node, SDO.legislationDate, literal(document.date, datatype=XSD.date))
    if document.issuer:
        b.add(node, SDO.legislationPassedBy, b.organization(document.issuer, document.sentences))
    if document.term:
        b.add(node, KGO.partyTerm, literal(document.term))
    if document.subject:
        b.add(node, SDO.description, literal(document.subject, lang=VI))
    b.add(b.article, SDO.citation, node)
    b.denoted_by_mentions(node, document)
    b.mentions(node)


def _map_attendance(b: _ArticleGraph, event_node: str, event, name: str, person) -> None:
    """'A attended the event', read from the event's sentences that name A: a node of its
    own (``kgo:Attendance``) so the fact has its sentence, as posts and speeches have."""
    attendee = b.person(name)
    b.add(event_node, SDO.attendee, attendee)
    attendance = b.node("attendance", f"{event_key(event, b.record.article.content_hash)}|{name}")
    b.add(event_node, KGO.attendance, attendance)
    b.add(attendance, RDF.type, KGO.Attendance)
    b.add(attendance, RDFS.label, literal(attendance_label(name, event), lang=VI))
    b.add(attendance, KGO.attendee, attendee)
    named = [span for span in event.sentences if person is not None and span in person.sentences]
    b.denoted_by(attendance, named or event.sentences[:1])


def event_key(event, article_hash: str) -> str:
    """A dated event is the same in every article; an undated one is its article's own."""
    if event.date:
        return f"{event.type}|{event.date}|{event.place or ''}"
    return f"{event.type}|{article_hash}"


def _map_event(b: _ArticleGraph, event) -> None:
    lex = lexicon()
    node = b.node("event", event_key(event, b.record.article.content_hash))
    b.add(node, RDF.type, SDO.Event)
    b.add(node, RDFS.label, literal(event_label(event), lang=VI))
    entry = lex.event_types.get(event.type)
    b.add(node, KGO.eventType, b.concept("event-type", KGO.EventType, event.type, entry.en if entry else ""))
    if event.name:
        b.add(node, SDO.name, literal(event.name, lang=VI))
    if event.date:
        b.add(node, SDO.startDate, literal(event.date, datatype=XSD.date))
    if event.place:
        b.add(node, SDO.location, b.place(event.place, event.sentences))
    people = {fold(p.name): p for p in b.record.people}
    for organizer in event.organizers:
        make = b.person if fold(organizer) in people else b.organization
        b.add(node, SDO.organizer, make(organizer))  # the organiser's own mentions are its provenance
    for participant in event.participants:
        _map_attendance(b, node, event, participant, people.get(fold(participant)))
    for speech in event.speeches:
        speech_node = b.node("speech", f"{event_key(event, b.record.article.content_hash)}|{speech.speaker}|{speech.role}")
        b.add(node, KGO.speech, speech_node)
        b.add(speech_node, RDF.type, KGO.Speech)
        b.add(speech_node, RDFS.label, literal(f"{speech.speaker} {speech.role}", lang=VI))
        b.add(speech_node, KGO.speaker, b.person(speech.speaker))
        b.add(speech_node, KGO.speechRole, literal(speech.role, lang=VI))
        b.denoted_by(speech_node, speech.sentences)
    b.denoted_by(node, event.sentences)
    b.mentions(node)
