"""A region named once, in a contracting entity's address, is addressed when that line speaks to its
readers ("eBay GmbH ..., if you reside in the European Union"); without such words it is not (round 5)."""

from __future__ import annotations

from summarizer.compliance.regions import RegionMention
from summarizer.compliance.select import addressed_regions

LINE = "eBay GmbH, Albert-Einstein-Ring 2-6, 14532 Kleinmachnow, Germany, if you reside in the European Union"


def test_an_entity_line_that_addresses_its_readers_counts() -> None:
    regions = {"EU": RegionMention("EU", "European Union", 1, LINE, evidence=1)}
    assert "EU" in addressed_regions(regions)


def test_an_entity_line_alone_does_not_count() -> None:
    line = "Example Europe Limited, 1 Main Street, Dublin, European Union"
    assert "EU" not in addressed_regions({"EU": RegionMention("EU", "European Union", 1, line)})
    assert "EU" not in addressed_regions({"EU": RegionMention("EU", "European Union", 1, line, evidence=0)})
