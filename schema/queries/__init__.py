"""Named SPARQL queries: ``kg query --name FILE-STEM``."""
