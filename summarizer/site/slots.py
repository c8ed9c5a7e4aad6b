"""Optional sections of a provision page that other modules fill: how other platforms handle the
same provision, a compliance analysis. A page shows a slot only when a provider returns content.

A provider is a callable taking a :class:`ProvisionRef` and returning :class:`SlotContent` or
None. Register one with :func:`register_slot` (or pass ``slots=`` to ``build_site``)::

    from summarizer.site.slots import SlotContent, register_slot

    def other_platforms(ref):
        return SlotContent(paragraphs=["Threads words this provision ..."])

    register_slot("platforms", other_platforms)

Content is plain text (escaped like every other text on the page), with optional links.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

SLOT_TITLES = {
    "platforms": "How other platforms handle this",
    "compliance": "Compliance analysis",
}


@dataclass(frozen=True)
class ProvisionRef:
    """Which provision a page is for (what a provider needs to look its content up)."""

    db_url: str
    service: str
    document: str
    category: str
    document_id: int
    version_id: int  # the current version


@dataclass
class SlotContent:
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, absolute or site-relative URL)
    source: str | None = None  # who made it, e.g. 'summarizer platforms 0.4'

    def __bool__(self) -> bool:
        return bool(self.paragraphs or self.items or self.links)


SlotProvider = Callable[[ProvisionRef], "SlotContent | None"]
_REGISTRY: dict[str, SlotProvider] = {}


def register_slot(slot: str, provider: SlotProvider) -> None:
    """Fill *slot* ('platforms' or 'compliance') on every provision page with *provider*."""
    if slot not in SLOT_TITLES:
        raise ValueError(f"unknown slot {slot!r} (known: {', '.join(SLOT_TITLES)})")
    _REGISTRY[slot] = provider


def registered() -> dict[str, SlotProvider]:
    return dict(_REGISTRY)


def fill(providers: dict[str, SlotProvider], ref: ProvisionRef) -> list[tuple[str, str, SlotContent]]:
    """(slot, title, content) for every slot whose provider has something for *ref*, in page order."""
    out = []
    for slot, title in SLOT_TITLES.items():
        provider = providers.get(slot)
        content = provider(ref) if provider else None
        if content:
            out.append((slot, title, content))
    return out


def fill_cached(
    providers: dict[str, SlotProvider],
    ref: ProvisionRef,
    keys: dict[str, str | bool | None],
    cache: dict[str, list],
) -> list[tuple[str, str, SlotContent]]:
    """:func:`fill`, answered from *cache* (slot -> [key, content as a dict or None]) where the
    slot's key in *keys* is the one stored. A key of False means the slot has nothing for this page
    (the provider is not called); None (or no key) means it cannot be cached: the provider is asked."""
    out = []
    for slot, title in SLOT_TITLES.items():
        provider = providers.get(slot)
        if provider is None:
            continue
        key = keys.get(slot)
        content: SlotContent | None
        if key is False:
            content = None
            cache[slot] = [key, None]
        elif key is not None and slot in cache and cache[slot][0] == key:
            stored = cache[slot][1]
            content = SlotContent(**stored) if stored else None
        else:
            content = provider(ref) or None
            if key is not None:
                cache[slot] = [key, asdict(content) if content else None]
        if content:
            out.append((slot, title, content))
    return out
