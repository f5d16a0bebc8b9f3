"""The RDF stage: a Record becomes the triples of its article's named graph.

- ``mapping``: IRIs minted from canonical names, and the triples of one article (``map_record``,
  ``map_to_ntriples``);
- ``namespaces``: every namespace kg writes, and the prefixes bound in every serialisation.
"""
