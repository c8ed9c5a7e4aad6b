"""Captures that differ in what was captured, not in the policy (issue 12, round 5): a cookie-consent
banner at the edge of the page, a page the old version linked to now captured with it, and a
rewrite kept under the same title (not another page)."""

from __future__ import annotations

from summarizer.api import compare_texts

POLICY = (
    "# Cookie Policy\n\nWe use cookies to keep you signed in and to measure traffic. "
    "We share analytics data with our measurement partner.\n\nYou can block cookies in your browser.\n"
)
BANNER = (
    "\nCookie Notice\n\nWe'd like to use cookies to remember your preferences and show relevant content. "
    "You can accept all cookies, or select only the strictly necessary ones.\n\n"
    "Accept all cookiesAccept all strictly necessary cookies"
)


def test_a_consent_banner_at_the_end_of_the_capture_is_not_material() -> None:
    record = compare_texts(POLICY, POLICY + BANNER)
    assert not record.material
    assert "cookie-consent banner" in record.headline


def test_the_same_banner_text_inside_the_policy_is_material() -> None:
    middle = POLICY.replace("You can block", BANNER.strip() + "\n\nYou can block")
    assert compare_texts(POLICY, middle).material


def test_a_new_cookie_paragraph_at_the_end_without_buttons_is_material() -> None:
    added = (
        "\nWe now also use advertising cookies from our partners to show you targeted ads on other sites.\n"
    )
    assert compare_texts(POLICY, POLICY + added).material


LE = (
    "Law Enforcement Requests\n========================\n\nWe disclose account records only as the law requires. "
    "For our policy on government requests, see "
    "[here](https://help.example.com/articles/123-what-is-our-policy-for-government-requests-for-user-data). "
    "Agents may request records by email.\n"
)
ARTICLE = (
    "What is our policy for government requests for user data?\n"
    "==========================================================\n\n"
    "We do not disclose information about users except under valid legal process, and we may share data "
    "in an emergency.\n\n- - -\n\n"
)


def test_a_linked_page_prepended_to_the_capture_is_not_material() -> None:
    record = compare_texts(LE, ARTICLE + LE)
    assert not record.material
    assert "linked to" in record.summary


def test_a_new_section_whose_title_no_old_link_names_is_material() -> None:
    other = ARTICLE.replace(
        "What is our policy for government requests for user data?", "Emergency disclosures"
    )
    assert compare_texts(LE, other + LE).material


def test_a_linked_page_added_while_the_page_also_changed_is_material() -> None:
    changed = LE.replace("only as the law requires", "whenever we choose")
    assert compare_texts(LE, ARTICLE + changed).material


def _rules(n: int, verb: str) -> str:
    return "\n\n".join(
        f"Rule {i}: do not {verb} other members in way number {i} or you may be banned." for i in range(n)
    )


def test_a_rewrite_under_the_same_title_is_compared_not_called_another_page() -> None:
    old = "# Acme Community Guidelines\n\n" + _rules(25, "harass")
    new = "# Acme Community Guidelines\n\n" + "\n\n".join(
        f"Section {i}. We may suspend your account for {i + 2} days without notice if you sell server invites."
        for i in range(25)
    )
    record = compare_texts(old, new)
    assert record.material
    assert not any(f.code == "capture_mismatch" for f in record.flags)


def test_another_page_with_another_title_is_still_a_mismatch() -> None:
    old = "# Acme Community Guidelines\n\n" + _rules(25, "harass")
    new = "# Acme Store Opening Hours\n\n" + "\n\n".join(
        f"Shop {i} opens at nine and closes at {i} in the evening every weekday." for i in range(25)
    )
    record = compare_texts(old, new)
    assert any(f.code == "capture_mismatch" for f in record.flags)
