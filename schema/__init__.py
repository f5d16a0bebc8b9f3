"""The ontology, SHACL shapes and named queries, shipped inside the kg package as kg.schema."""
