"""The published site: provision pages, record pages, Atom feeds and alerts, rendered from the store.

``build_site(db_url, out)`` writes a static site with Jinja2 template files (``templates/``,
autoescaped); ``alerts`` POSTs signed events for new material records. This package sits above
``tracking`` in the layers: it reads the store and reuses the history, never the other way round.
"""
