"""Lists under a ban in the passive or an eligibility, and bare names as their entries
(list_frames.py, issue 12 round 8, cues8)."""

import pytest

from summarizer.analyzers.rules.list_frames import business_frame, named_entries, scope_item, stands_as_often
from summarizer.analyzers.rules.list_items import ListItem, frame_of
from summarizer.api import compare_texts

SANCTIONS = """# Merchant Terms

## Economic Sanctions

It is our general policy that Items imported from or originating in the following countries and regions may not be sold on the marketplace:

* Cuba
* Iran
* Crimea Region
* Any other country or region as may be notified to Merchants

## Fees

A commission is charged on each completed sale.
"""

PILOT = """# Pilot program policies

## Predictions Markets

*   Eligible advertisers must apply via the application form to be considered.
*   The following states are eligible for this pilot:
    *   Alaska
    *   California
    *   Ohio
    *   Texas

## Other pilot

*   The following states are eligible for the other pilot:
    *   Ohio
    *   Utah
"""

NAMES_NO_FRAME = """# About us

## Our offices

We have offices in the following cities:

* Berlin
* Dublin
* Paris
"""


@pytest.mark.parametrize(
    ("lead", "frame"),
    [
        ("Items originating in the following countries and regions may not be sold on Joom:", "bans"),
        ("The following products must not be advertised:", "bans"),
        ("The following items cannot be listed:", "bans"),
        ("The following states are eligible for this pilot:", "rights"),
        ("The following categories are not eligible for promotion:", "bans"),
        ("Ineligible products include:", "bans"),
        # a privacy notice's promise about data is not a ban on the reader
        ("The following information may not be shared:", None),
        ("The following data is eligible for export:", None),
        # no ban on offering something, no eligibility
        ("We have offices in the following cities:", None),
        ("The following may not be used:", None),
        ("", None),
    ],
)
def test_business_frame(lead, frame):
    assert business_frame(lead) == frame


def test_frame_of_falls_back_to_the_business_frames_only_where_it_finds_none():
    assert frame_of("The following states are eligible for this pilot:") == "rights"
    assert frame_of("You may not sell the following items:") == "bans"  # read as before
    assert frame_of("We may suspend your account for:") == "measures"


def test_names_are_entries_only_under_these_frames():
    assert named_entries("The following states are eligible for this pilot:")
    assert not named_entries("We have offices in the following cities:")


def test_a_name_is_counted_not_searched():
    old = "* Ohio\n* Texas\n\n* Ohio\n"
    new = "* Texas\n\n* Ohio\n"
    assert not stands_as_often("* Ohio", new, old)  # one Ohio fewer: it went from one list
    assert stands_as_often("* Texas", new, old)


def test_scope_items_are_the_items_these_frames_read():
    region = ListItem("added", "Kherson Region", "bans", "Items ... may not be sold on Joom:")
    ban = ListItem("added", "Trade in illegal goods", "bans", "For example, do not:")
    assert scope_item(region)
    assert not scope_item(ban)


def test_a_region_joins_a_passive_ban_worse_and_low():
    record = compare_texts(
        SANCTIONS, SANCTIONS.replace("* Crimea Region\n", "* Crimea Region\n* Kherson Region\n")
    )
    assert record.material
    assert record.direction == "worse"
    assert record.severity == "low"


def test_a_state_taken_off_an_eligibility_worse_though_named_in_another_list():
    record = compare_texts(PILOT, PILOT.replace("    *   Ohio\n    *   Texas\n", "    *   Texas\n"))
    assert record.direction == "worse"
    assert record.severity == "low"


def test_a_state_added_to_an_eligibility_better():
    record = compare_texts(PILOT, PILOT.replace("    *   Texas\n", "    *   Texas\n    *   Wyoming\n"))
    assert record.direction == "better"


def test_names_without_such_a_frame_give_no_direction():
    record = compare_texts(NAMES_NO_FRAME, NAMES_NO_FRAME.replace("* Paris\n", "* Paris\n* Vienna\n"))
    assert record.direction != "worse" and record.direction != "better"
