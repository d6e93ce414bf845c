"""Entities: persons, states, bodies and places (``stage``), matched against the knowledge base
(``matcher``), found by rules (``patterns``) or by the NER model (``ner``).
"""
