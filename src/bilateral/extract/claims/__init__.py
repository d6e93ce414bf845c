"""Claims: numbers bound to indicators (``stage``), the numbers (``numbers``), the indicator
vocabulary (``indicators``), period, subject and qualifier (``context``).
"""
