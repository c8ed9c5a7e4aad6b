"""A site built once per session from a real history (Open Terms Archive, ODC-BY 1.0), with a planted
hostile version and a revert, for the page, feed and browser tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

HISTORY = Path(__file__).resolve().parents[1] / "data" / "site-history" / "google-play-privacy-policy"
PLANT = '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">'
HOSTILE_PARAGRAPH = (
    "We may share your personal information with our advertising partners and data brokers "
    f"{PLANT} so that they can show you targeted ads across other apps."
)
SERVICE, DOCUMENT = "Google Play", "Privacy Policy"


def history_files() -> list[tuple[datetime, str]]:
    out = []
    for path in sorted(HISTORY.glob("*.md")):
        when = datetime.strptime(path.stem, "%Y-%m-%dT%H-%M-%SZ").replace(tzinfo=UTC)
        out.append((when, path.read_text(encoding="utf-8")))
    return out


def hostile(text: str) -> str:
    """The text with the planted paragraph after its first paragraph that mentions sharing."""
    paras = text.split("\n\n")
    at = next(i for i, p in enumerate(paras) if "share" in p.lower() and not p.startswith("#"))
    return "\n\n".join([*paras[: at + 1], HOSTILE_PARAGRAPH, *paras[at + 1 :]])


def make_store(url: str) -> None:
    """Six real versions, a seventh with the planted paragraph, an eighth that reverts to the sixth."""
    from summarizer.store.ingest import ingest_text
    from summarizer.tracking import track

    versions = history_files()
    for when, text in versions:
        ingest_text(url, SERVICE, DOCUMENT, text, captured_at=when)
    last = versions[-1][1]
    ingest_text(url, SERVICE, DOCUMENT, hostile(last), captured_at=datetime(2026, 1, 10, tzinfo=UTC))
    ingest_text(url, SERVICE, DOCUMENT, last, captured_at=datetime(2026, 1, 20, tzinfo=UTC))
    ingest_text(
        url,
        "Example Shop",
        "Terms of Service",
        "# Terms\n\nBe nice to each other on this service.\n",
        captured_at=datetime(2025, 1, 1, tzinfo=UTC),
    )
    track(url)


@pytest.fixture(scope="session")
def site_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('site-store') / 'store.db'}"
    make_store(url)
    return url


@pytest.fixture(scope="session")
def built_site(site_store: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from summarizer.site.build import build_site

    out = tmp_path_factory.mktemp("site")
    build_site(site_store, out, base_url="https://policies.example.org/")
    return out


@pytest.fixture(scope="session")
def site_kit():
    """The helpers above, for test modules (they cannot import conftest under importlib mode)."""
    from types import SimpleNamespace

    return SimpleNamespace(
        PLANT=PLANT,
        SERVICE=SERVICE,
        DOCUMENT=DOCUMENT,
        make_store=make_store,
        hostile=hostile,
        history_files=history_files,
    )


@pytest.fixture(scope="session")
def served_site(built_site: Path):
    """The built site on a loopback HTTP server (the way 'summarizer site serve' shows it)."""
    import threading

    from summarizer.site.serve import make_server

    server = make_server(built_site, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
