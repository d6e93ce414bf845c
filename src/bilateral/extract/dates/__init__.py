"""Dates: the time expressions of a document (``stage``), the rules that find them (``patterns``),
what each reads (``handlers``), whether a number is a year (``context``), value conventions
(``periods``).
"""
