"""policykg: obligations in Chinese policy circulars, as a knowledge graph.

Data flows one way: corpus -> ingest -> nlp -> graph -> api.
"""

__version__ = "0.1.0"
