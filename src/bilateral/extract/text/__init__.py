"""How the stages read the text, shared by several of them: sentences, clauses and words
(``sentences``); units, that is sentences with headings rejoined, and the document's parties
(``units``).
"""
