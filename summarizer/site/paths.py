"""Stable permalinks: every page's path comes from names and version ids, never from a record id,
so re-making a record (a new row, a new id) keeps its page where readers' links point."""

from __future__ import annotations

from datetime import datetime

from summarizer.model.slugs import provision_path, slug
from summarizer.rendering import common

slugify = slug  # one slug for every permalink (summarizer.model.slugs)


def service_dir(service: str) -> str:
    return f"s/{slugify(service)}"


def service_page(service: str) -> str:
    return f"{service_dir(service)}/index.html"


def document_dir(service: str, document: str) -> str:
    return f"{service_dir(service)}/{slugify(document)}"


def document_page(service: str, document: str) -> str:
    return f"{document_dir(service, document)}/index.html"


def provision_page(service: str, document: str, category: str) -> str:
    return provision_path(service, document, category)


def record_page(service: str, document: str, new_version_id: int, new_at: datetime) -> str:
    """A record lives at the version it arrives at: one page per consecutive pair, whatever made it."""
    return f"{document_dir(service, document)}/changes/{new_at:%Y-%m-%d}-v{new_version_id}.html"


def version_page(service: str, document: str, version_id: int, at: datetime) -> str:
    return f"{document_dir(service, document)}/versions/{at:%Y-%m-%d}-v{version_id}.html"


change_anchor = common.change_anchor  # the id of one change on a record page (the record template's)


def document_feed(service: str, document: str) -> str:
    return f"{document_dir(service, document)}/feed.xml"


def service_feed(service: str) -> str:
    return f"{service_dir(service)}/feed.xml"


SITE_FEED = "feed.xml"
INDEX = "index.html"
METHODOLOGY = "methodology.html"
SITEMAP = "sitemap.xml"
STYLESHEET = "site.css"


def relative(from_page: str, to_page: str) -> str:
    """A link from one page to another, relative, so the site works from any folder or host."""
    up = from_page.count("/")
    return "../" * up + to_page


def absolute(base_url: str | None, page: str) -> str:
    """The page's URL under *base_url* (feeds, sitemaps and alerts need absolute links)."""
    base = (base_url or "http://127.0.0.1:8000/").rstrip("/") + "/"
    return base + page
