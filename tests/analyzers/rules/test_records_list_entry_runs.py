"""A run of bulleted entries added to or taken off a standing lead-in list is a change of what the
list covers (entry_text.entry_run; issue 12, round 8, material8)."""

from summarizer.analyzers.rules.entry_text import entry_run
from summarizer.api import compare_texts

REGIONS = ["Cuba", "Iran", "North Korea", "Syria"]
LEAD = (
    "Items made in or shipped from the following countries and regions may not be listed on the marketplace:"
)


def _terms(regions: list[str], lead: str = LEAD) -> str:
    entries = "\n".join(f"* {r}" for r in regions)
    return (
        "# Merchant Terms\n\n## 6. Trade restrictions\n\n"
        "6.1. Merchants must comply with export control and sanctions laws.\n\n"
        f"{lead}\n\n{entries}\n* Any other country or region we notify to merchants\n\n"
        "No shipments to buyers in any of these countries may be arranged through the marketplace.\n\n"
        "## 7. Fees\n\n7.1. A commission is charged on each completed sale.\n"
    )


def test_two_regions_added_together_are_material_and_named():
    record = compare_texts(_terms(REGIONS), _terms([*REGIONS, "Sevastopol City", "Transnistria Region"]))
    assert record.material
    assert record.severity == "low"
    assert "entries were added to a list" in record.headline
    assert "“Sevastopol City”, “Transnistria Region”" in record.headline


def test_two_regions_taken_off_together_are_material():
    record = compare_texts(_terms(REGIONS), _terms(["Cuba", "Syria"]))
    assert record.material
    assert "entries were taken off a list" in record.headline
    assert "“Iran”, “North Korea”" in record.headline


def test_a_new_list_with_its_own_new_lead_in_is_not_an_entry_run():
    old = "# Privacy\n\n## Contact\n\nOur Data Protection Officer monitors how we process personal data.\n"
    new = (
        "# Privacy\n\n## Contact\n\nOur Data Protection Officer monitors how we process personal data.\n\n"
        "The Data Protection Officer's contact information is:\n\n*   Email: dpo@example.com\n*   Phone: +46 8 123\n"
    )
    at = new.index("*   Email")
    piece = "*   Email: dpo@example.com\n*   Phone: +46 8 123"
    assert not entry_run(new, at, piece, old)  # the lead-in is new too: a passage, not entries of a list


def test_entry_run_shapes():
    doc = _terms([*REGIONS, "Sevastopol City", "Transnistria Region"])
    other = _terms(REGIONS)
    piece = "* Sevastopol City\n* Transnistria Region"
    at = doc.index(piece)
    assert entry_run(doc, at, piece, other)
    assert not entry_run(doc, at, "* Sevastopol City", other)  # one line: entry_of_list's case
    sentences = "* Sellers must verify each buyer.\n* Sellers must keep records."
    assert not entry_run(doc.replace(piece, sentences), at, sentences, other)  # sentences, not names
    linked = "* [Sevastopol](https://x.example)\n* [Transnistria](https://y.example)"
    assert not entry_run(doc.replace(piece, linked), at, linked, other)  # a menu of links
    long_run = "\n".join(f"* Region {c}" for c in "ABCDE")
    assert not entry_run(doc.replace(piece, long_run), at, long_run, other)  # a list put in, not entries


def test_without_a_lead_in_a_run_is_not_read_as_entries():
    doc = "# Terms\n\n## Regions\n\n* Sevastopol City\n* Transnistria Region\n"
    piece = "* Sevastopol City\n* Transnistria Region"
    assert not entry_run(doc, doc.index(piece), piece, "# Terms\n\n## Regions\n")
