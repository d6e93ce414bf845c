"""What the record learns across documents: one event from the many reports of it (events.py),
and links between a plan and what later documents say of it (links.py).

Pure rules on frozen records; the store runs them over what it holds (store/merged.py, store/links.py).
"""
