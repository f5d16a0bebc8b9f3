"""The resolve stage: which mentions in different articles are one person, organisation,
place or document.

Empty for now: identities come from canonical names when IRIs are minted (``kg.rdf.mapping``),
one article at a time. Resolution across articles will take the Records of ``kg.extract`` and
hand ``kg.rdf`` records whose entities carry their resolved identities (``pipeline.map_article``
is where it plugs in).
"""
