"""Round 6 (#15, crecord6): the compliance layer reads what a changed provision adds beyond the record's quotes.

The record quotes a long new section in part; the sentence that engages a rule sits further on (Imgur's
"By using the Imgur website, you understand this may occur and consent thereto", Grok's advertising
partners' cookies). These tests build a real diff, a parent change quoting only the first sentence of the
new paragraph, and check what :func:`summarizer.compliance.hunk_text.hunk_signals` reads and refuses.
"""

from __future__ import annotations

from summarizer.compliance.hunk_text import added_sentences, hunk_signals, in_context
from summarizer.compliance.regions import RegionMention
from summarizer.compliance.signals import change_signals
from summarizer.diffing.engine import diff_documents
from summarizer.diffing.load import parse_document
from summarizer.model.diff import DiffResult
from tests.compliance.conftest import make_change

OLD = "# Privacy Policy\n\nWe collect the email address you give us to run your account and send receipts.\n"
INTRO = "We show videos on our website, and some of them come from other companies."


def _diff(added: str, old: str = OLD) -> DiffResult:
    return diff_documents(
        parse_document(old, source="old.md"), parse_document(old + "\n" + added + "\n", source="new.md")
    )


def _read(added: str, category: str = "choice_consent", direction: str | None = "unclear"):
    diff = _diff(added)
    hunk = next(h for h in diff.hunks if INTRO in h.new_text)
    parent = make_change(category, "added", [], [INTRO], direction=direction)
    parent.hunk_ids = [hunk.id]
    return diff, hunk_signals([change_signals(parent)], diff, diff.old.text, diff.new.text)


def test_a_sentence_beyond_the_quote_engages_its_clause_and_is_quoted_verbatim():
    last = "By using the website, you understand this may occur and consent thereto."
    diff, found = _read(f"{INTRO} These companies may learn which videos you watch on our pages. {last}")
    assert [cs.change.quotes_new for cs in found] == [[last]]
    assert set(found[0].signals) == {"consent_implied_by_use"}
    assert last in diff.new.text


def test_advertising_partners_cookies_in_a_new_paragraph_are_targeted_advertising():
    ads = "Our third-party advertising partners may use these cookies to show you relevant ads on other websites."
    _, found = _read(f"{INTRO} {ads}", category="tracking_tech", direction="up")
    assert any("targeted_advertising" in cs.signals and cs.change.quotes_new == [ads] for cs in found)


def test_a_denial_states_no_practice():
    denial = "We do not allow these companies to use cookies for targeted advertising on other websites."
    _, found = _read(f"{INTRO} {denial}", category="tracking_tech", direction="up")
    assert found == []


def test_a_list_under_a_prohibition_states_no_practice():
    items = (
        "You are strictly prohibited from using this data for the following purposes:\n\n"
        "*   Advertising, marketing, or personalization purposes, including the serving of targeted ads\n"
        "*   Selling or sharing the data for targeted advertising to any third party for any reason"
    )
    _, found = _read(f"{INTRO}\n\n{items}", category="sale_targeted_ads", direction="up")
    assert found == []
    item = "*   Advertising purposes, including the serving of targeted ads"
    for intro, stated in (
        ("You must not use the data for:", False),
        ("We use the data for these purposes:", True),
    ):
        assert in_context(item, len(intro) + 1, f"{intro}\n{item}") is stated  # (the second is the control)


def test_a_party_or_data_word_alone_is_left_to_the_record():
    party = (
        "We share your information with third-party service providers that we have contracted with for this."
    )
    _, found = _read(f"{INTRO} {party}", category="data_use_purpose", direction="up")
    assert found == []  # "third-party" is a party word (new_recipient_class): the record's to read


def test_a_rewording_of_an_old_sentence_is_the_records_to_rate():
    old = OLD + "\nDisputes between us are resolved by the courts under California law.\n"
    new = OLD + "\nDisputes between us are resolved by binding arbitration under California law.\n"
    diff = diff_documents(parse_document(old, source="o.md"), parse_document(new, source="n.md"))
    hunk = next(h for h in diff.hunks if "arbitration" in h.new_text)
    parent = make_change("dispute_resolution", "reworded", [], ["Disputes between us"], direction="up")
    parent.hunk_ids = [hunk.id]
    sentences = added_sentences(parent, [hunk], diff.old.text, diff.new.text)
    assert [s.old is not None for s in sentences] == [True]
    assert hunk_signals([change_signals(parent)], diff, diff.old.text, diff.new.text) == []


def test_a_moved_or_already_quoted_sentence_adds_nothing():
    moved = "By using the website, you understand this may occur and consent thereto."
    diff = diff_documents(
        parse_document(OLD + "\n" + moved + "\n", source="o.md"),
        parse_document(OLD + "\n" + INTRO + " " + moved + "\n", source="n.md"),
    )
    hunk = next(h for h in diff.hunks if INTRO in h.new_text)
    parent = make_change("choice_consent", "added", [], [INTRO], direction="unclear")
    parent.hunk_ids = [hunk.id]
    assert hunk_signals([change_signals(parent)], diff, diff.old.text, diff.new.text) == []


def test_offsets_into_another_text_are_not_read():
    last = "By using the website, you understand this may occur and consent thereto."
    diff = _diff(f"{INTRO} {last}")
    parent = make_change("choice_consent", "added", [], [INTRO], direction="unclear")
    parent.hunk_ids = [h.id for h in diff.hunks]
    assert hunk_signals([change_signals(parent)], diff, diff.old.text, diff.new.text + " ") == []


def test_a_real_case_cites_the_sentence_the_record_did_not_quote():
    """Grok's tracker policy (an opened round-5 case): the record quotes the new "Targeting Cookies" passage
    only in part; its advertising partners' cookies engage CCPA sharing, quoted from the new text."""
    from pathlib import Path

    from summarizer.api import compare_files
    from summarizer.evals.compliance import load_cases, offline_analyse

    root = Path(__file__).resolve().parents[2]
    case = next(
        c for c in load_cases(root / "evals/compliance_cases", root) if c.id.startswith("grok-trackers-2026")
    )
    section = offline_analyse(case)
    assert "ccpa-1798-140-k-cross-context-behavioral-advertising" in section.entries
    quotes = [
        q for s in section.landscape for q in s.quotes if "advertising partners may use these cookies" in q
    ]
    assert quotes and all(q in case.new.read_text(encoding="utf-8") for q in quotes)
    assert not any(n.startswith("verification:") for n in section.notes)
    # compare --compliance reads the same diff (the API passes it on)
    record = compare_files(case.old, case.new, compliance="offline")
    assert record.compliance is not None and record.compliance.entries == section.entries


def test_a_free_trial_that_turns_into_a_charge_is_a_renewal():
    """A free trial converting to a paid subscription is a negative option (ROSCA, Cal. BPC 17602)."""
    for sentence, renews in (
        (
            "Upon expiration of your free trial, you will be charged the then-current subscription price.",
            True,
        ),
        ("When your free trial ends, we will bill the monthly fee to your payment method.", True),
        ("Your free trial will automatically convert to a paid subscription.", True),
        ("Upon expiration of your free trial, your access to premium features ends.", False),
        ("You may receive free trial access to the Services, including through promotions.", False),
    ):
        change = make_change("liability_warranty_payment", "added", [], [sentence], direction="up")
        assert ("auto_renewal" in change_signals(change).signals) is renews, sentence


def test_a_dropped_promise_not_to_sell_engages_the_ftc_retroactive_position():
    """Grok's privacy policy drops "We do not sell your personal information ...": a more permissive practice
    adopted through a quiet change (the FTC's retroactive-change position), not only a CCPA sale."""
    from summarizer.compliance.select import select_entries
    from summarizer.compliance.table import load_table

    dropped = make_change(
        "sale_targeted_ads",
        "removed",
        ["We do not sell your personal information or use it for marketing"],
        [],
        "up",
    )
    cs = change_signals(dropped)
    assert "promise_dropped" in cs.signals
    us = {"US": RegionMention("US", "United States (federal)", 3, "users in the United States", evidence=2)}
    ids = {e.entry.id for e in select_entries(load_table(), [cs], us)}
    assert "ftc-act-s5-retroactive-material-change" in ids
    kept = make_change(
        "sale_targeted_ads", "reworded", ["We do not sell your data."], ["We do not sell data."], "up"
    )
    assert "promise_dropped" not in change_signals(kept).signals  # still promised


# Each alternative of each clause signal's pattern, in a phrase (the prefilter keys must let all through).
CLAUSE_EXAMPLES = {
    "sale_of_data": ["we sell it", "it sells", "data sold", "sale of your personal data", "we rent lists"],
    "targeted_advertising": [
        "personalised ads",
        "targeted ads",
        "interest-based ads",
        "cross-context ads",
        "behavioral advertising",
        "ads you see",
        "advertising partners",
        "cross device",
        "Retargeting campaigns",
        "relevance of the ads",
        "advertising on other sites",
        "personalize content and ads",
    ],
    "consent_implied_by_use": ["continued use", "By using the site", "by accessing it", "deemed to accept"],
    "sensitive_data": ["biometric data", "a real-time facial scan"],  # round 7 (crec7b): these words only
    "tracking_technology": [
        "Cookies",
        "a pixel",
        "an SDK",
        "web beacons",
        "fingerprinting",
        "tracking technologies",  # not "Do Not Track" (round 8: a preference, not a tracker)
    ],
    "arbitration_clause": ["ARBITRATION"],
    "class_action_waiver": ["class action", "representative action", "class-wide"],
    "auto_renewal": [
        "auto-renews",
        "renews automatically",
        "recurring billing",
        "until you cancel",
        "Upon expiration of your free trial, you will be charged",
        "when your trial period ends we bill you",
        "free trials convert",
    ],
    "liability_limited": [
        "LIABILITY",
        "we disclaim",
        "provided as is",
        "no obligation",
        "not be liable",
        "not responsible",
    ],
    "indemnity_added": ["indemnify us", "make us whole", "hold harmless"],
    "withdrawal_right": ["withdraw", "cooling-off period"],
    "government_access": ["law enforcement", "Government", "authority requests", "a subpoena"],
    "training_on_user_content": [
        "train our models",
        "machine learning",
        "improve our AI",
        "develop the models",
        "enhance its algorithms",
    ],
}


def test_the_prefilter_keys_let_every_clause_pattern_through():
    from summarizer.compliance.hunk_text import CLAUSE_KEYS, _named
    from summarizer.compliance.signals import ADDED_WORDS

    assert set(CLAUSE_EXAMPLES) == set(CLAUSE_KEYS)
    for name, phrases in CLAUSE_EXAMPLES.items():
        for phrase in phrases:
            m = ADDED_WORDS[name].search(phrase)
            assert m, (name, phrase)  # the example is one of the pattern's
            assert any(key in m.group(0).lower() for key in CLAUSE_KEYS[name]), (name, phrase)
            assert name in _named(phrase)
