"""Trademark lists and published statistics are not material; terms around them still are (issue 12)."""

from __future__ import annotations

from summarizer.api import compare_texts

TABLE = "# Trademarks\n\n| Apple’s Trademarks | Generic Terms |\n| --- | --- |\n{rows}\n\n## Use\n\nUse each mark as shown.\n"


def _table(*rows: str) -> str:
    return TABLE.format(rows="\n".join(rows))


def test_trademark_entries_added_and_dropped_are_not_material() -> None:
    old = _table("| AirPower® | charging devices |", "| Apple Health logo™ |     |", "| Skia™ | font |")
    new = _table("| AlarmKit™ | software framework |", "| Skia® | font |")
    record = compare_texts(old, new)
    assert not record.material
    assert "lists of names" in record.headline


def test_a_trademark_table_row_that_states_a_rule_is_still_read() -> None:
    old = _table("| Skia™ | font |")
    new = _table("| Skia™ | font |", "| Apple Health logo™ | you must not share health data with us |")
    assert compare_texts(old, new).material


METRICS = """# Privacy Policy

## Metrics On Your Rights

We publish key metrics below on how often users request their CCPA rights.

**Right to Delete<br>
**Received: {n}<br>
Complied with: {n}<br>
Average response time: {t}

The metrics above are for calendar year {year}.

## Retention

We keep your data for {days} days.
""".replace("<br>", "  ")  # Markdown line breaks


def test_updated_request_metrics_are_not_material() -> None:
    old = METRICS.format(n=24, t="3 days", year=2024, days=30)
    new = METRICS.format(n=46, t="1.1 days", year=2025, days=30)
    record = compare_texts(old, new)
    assert not record.material
    assert "statistics" in record.headline


def test_a_retention_period_beside_the_metrics_is_still_material() -> None:
    old = METRICS.format(n=24, t="3 days", year=2024, days=30)
    new = METRICS.format(n=46, t="1.1 days", year=2025, days=90)
    record = compare_texts(old, new)
    assert record.material
    assert "data_retention" in record.categories


def test_figures_in_a_term_are_not_statistics() -> None:
    old = "# Terms\n\nYou may cancel within 30 days and we will refund 100% of the fee.\n"
    new = "# Terms\n\nYou may cancel within 14 days and we will refund 50% of the fee.\n"
    assert compare_texts(old, new).material


ROW = "| Advertising cookies | {who} | Refuse them in your browser settings. |"
COOKIES = "# Cookies\n\n| Type | Who serves them | How to refuse |\n| --- | --- | --- |\n{row}\n\n## Control\n\nYou can refuse cookies in your browser.\n"


def test_a_partner_added_to_a_table_cell_list_is_material() -> None:
    old = COOKIES.format(row=ROW.format(who="Facebook<br><br>[https://fb.com/p](https://fb.com/p)"))
    new = COOKIES.format(
        row=ROW.format(
            who="Facebook<br><br>[https://fb.com/p](https://fb.com/p)<br><br>Yahoo! Japan<br><br>[https://ly.jp](https://ly.jp)"
        )
    )
    record = compare_texts(old, new)
    assert record.material
    assert "Only link targets" not in record.headline


def test_only_a_link_target_changed_in_a_table_cell_is_not_material() -> None:
    old = COOKIES.format(row=ROW.format(who="Facebook<br><br>[https://fb.com/p](https://fb.com/p)"))
    new = COOKIES.format(row=ROW.format(who="Facebook<br><br>[https://fb.com/policy](https://fb.com/policy)"))
    assert not compare_texts(old, new).material


CREDITS = "# Notices\n\n## Data attributions\n\n{items}\n\n## Use\n\nYou may not copy the map data.\n"


def test_a_credited_source_with_its_licence_is_not_material() -> None:
    first = "*   City data portal: [https://data.city.example](https://data.city.example)"
    added = "*   OS Data Hub - Contains public sector information licensed under the Open Government Licence v3.0: [https://ogl.example](https://ogl.example)"
    record = compare_texts(CREDITS.format(items=first), CREDITS.format(items=first + "\n" + added))
    assert not record.material


def test_a_list_item_that_speaks_to_the_user_is_no_credit() -> None:
    first = "*   City data portal: [https://data.city.example](https://data.city.example)"
    added = "*   You may not use data from [this portal](https://data.city.example) for commercial purposes."
    assert compare_texts(CREDITS.format(items=first), CREDITS.format(items=first + "\n" + added)).material
