"""Language layers below the stages: what a stage needs to read a text in a language other
than English (``ru.py``: tokens, lemmas, names), and the stemming the full-text index and the
search share (``stem.py``). Nothing here is loaded before a document in that language comes.
"""
