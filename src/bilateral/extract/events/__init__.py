"""Events: the cascade of ``stage``, reading the document (``reading``), triggers (``triggers``,
``verbs``), frames (``frames``), merging (``coref``), over the event types (``vocabulary``).
"""
