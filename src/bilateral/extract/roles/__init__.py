"""Roles: who holds which post (``stage``), the posts in the text (``posts``), the state of a post
the text names without one (``states``).
"""
