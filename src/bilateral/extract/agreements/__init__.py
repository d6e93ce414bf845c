"""Agreements: treaties, memoranda and other instruments named in the text (``stage``)."""
