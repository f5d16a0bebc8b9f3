"""Every namespace kg writes, named once.

Standard vocabularies come from rdflib; kg's own terms (``KGO``) are declared in
``schema/kg.ttl`` and a test keeps this list and the ontology in step.
"""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace, URIRef

DEFAULT_BASE = "https://w3id.org/kg-vn/id/"
"""Where entity IRIs live unless the user names another base (``--base``)."""

NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
GAF = Namespace("http://groundedannotationframework.org/gaf#")


class KGO(DefinedNamespace):
    """kg's own ontology terms, where no standard vocabulary has one."""

    _fail = True
    _NS = Namespace("https://w3id.org/kg-vn/ontology#")

    # classes
    Rank: URIRef  # a police or military rank, as a skos:Concept
    AcademicTitle: URIRef  # GS, PGS, TS, ThS ...
    Role: URIRef  # the role of a post (Cục trưởng, Giám đốc)
    EventType: URIRef  # tọa đàm, hội nghị, lễ ...
    DocumentType: URIRef  # Nghị quyết, Nghị định ...
    Speech: URIRef  # a person speaking at an event in a stated role
    Sentence: URIRef  # a sentence of an article, as a NIF string
    Attendance: URIRef  # a person attending an event, with the sentence that says so
    PostAttestation: URIRef  # a post as one article attests it: date, former, sentence
    AdministrativeUnit: URIRef  # a province, district or commune of one structure (kg.gazetteer)
    AdministrativeLevel: URIRef  # province, district, commune, ward ... as a skos:Concept
    IdentityDecision: URIRef  # the identity pass's judgement of one article's node (kg.identities)

    # properties
    rank: URIRef
    academicTitle: URIRef
    eventType: URIRef
    partyTerm: URIRef  # khóa of the issuing Party or state body, Roman numeral
    speech: URIRef
    speaker: URIRef
    speechRole: URIRef
    attendance: URIRef
    attestation: URIRef
    identityBasis: URIRef  # what tells a person from namesakes (kg.resolve)
    joinedFrom: URIRef  # the node an article's own evidence named, before the identity pass joined it
    articleNode: URIRef  # the node an identity decision judged
    comparedWith: URIRef  # the node it was judged against
    joined: URIRef  # whether the identity decision joined them
    searchKey: URIRef  # a word of a name, folded for search (kg.normalise.search_keys)
    attendee: URIRef
    isCaption: URIRef
    isHeadline: URIRef
    former: URIRef  # a post given as no longer held
    contentHash: URIRef
    sourcePath: URIRef
    adminLevel: URIRef  # the level of an administrative unit
    successor: URIRef  # legacy unit -> 2025 unit its territory went into
    adminStructure: URIRef  # the structure ("legacy" | "2025") an article's places were read in
    adminStructureFromNames: URIRef  # true: the article had no date, its names chose the structure


PREFIXES = {
    "schema": SDO,
    "org": ORG,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "nif": NIF,
    "gaf": GAF,
    "kgo": KGO._NS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
}
"""Prefixes bound in every serialisation and prepended to named queries."""

PREFIX_MAP = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
"""``PREFIXES`` as plain strings, as pyoxigraph takes them."""
