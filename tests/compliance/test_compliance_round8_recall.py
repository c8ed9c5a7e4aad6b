"""Round 8 (#15, crec8): recall readings that do not depend on the record's quotes or rating.

Each test builds a real diff and checks a reading on both sides (fires where it should, and its control).
"""

from __future__ import annotations

from summarizer.compliance.hunk_text import hunk_signals
from summarizer.compliance.signals import change_signals
from summarizer.diffing.engine import diff_documents
from summarizer.diffing.load import parse_document
from tests.compliance.conftest import make_change

OLD = "# Privacy Policy\n\nWe collect the email address you give us to run your account and send receipts.\n"
CONTACT = "\nYou can contact us at any time by writing to our support team at the address below.\n"
ADS_OLD = "Our advertising partners measure how our campaigns perform with cookies on our pages."
ADS_NEW = "Our advertising partners measure how our campaigns perform with cookies and pixels on our pages and apps."
FRAMEWORK = "We participate in an advertising framework run by another company."
HASHED = (
    "We may convert your email address into a hashed identifier that our advertising partners use to "
    "deliver more relevant advertisements to you."
)
COOKIES = "These partners may also place cookies on your browser to recognise you across websites."


def _two_hunks():
    """A change spanning a rewritten ads-and-cookies paragraph and a wholly added paragraph."""
    old = OLD + "\n" + ADS_OLD + "\n" + CONTACT
    new = OLD + "\n" + ADS_NEW + "\n" + CONTACT + "\n" + f"{FRAMEWORK} {HASHED} {COOKIES}\n"
    diff = diff_documents(parse_document(old, source="o.md"), parse_document(new, source="n.md"))
    parent = make_change("data_use_purpose", "expanded", [ADS_OLD], [FRAMEWORK], direction="unclear")
    parent.hunk_ids = [h.id for h in diff.hunks]
    return diff, parent


def test_a_wholly_added_hunk_states_its_clause_though_a_sibling_hunks_old_side_named_it():
    diff, parent = _two_hunks()
    assert [bool(h.old_text.strip()) for h in diff.hunks] == [True, False]  # a rewrite, then an addition
    found = hunk_signals([change_signals(parent)], diff, diff.old.text, diff.new.text)
    assert [(set(cs.signals), cs.change.quotes_new) for cs in found] == [({"targeted_advertising"}, [HASHED])]
    assert HASHED in diff.new.text


def test_cookie_words_in_a_wholly_added_hunk_still_need_a_fresh_clause_word():
    # The control: "cookies" in the added paragraph, already in the sibling hunk's old side, stays the
    # record's to read (a cookie word in a new cookie section names its topic).
    diff, parent = _two_hunks()
    found = hunk_signals([change_signals(parent)], diff, diff.old.text, diff.new.text)
    assert not any("tracking_technology" in cs.signals for cs in found)
    assert COOKIES not in [q for cs in found for q in cs.change.quotes_new]


# --- why8 proposal 2: consent inferred from use in its other wording, and what ePrivacy Art. 5(3) needs ---

UTILIZING = (
    "By utilizing our Services, you consent to sharing data, including your mail inbox, with our AI Providers "
    "for the purpose of enhancing features."
)


def _eu_ids(change) -> set[str]:  # noqa: ANN001
    from summarizer.compliance.regions import RegionMention
    from summarizer.compliance.select import select_entries
    from summarizer.compliance.table import load_table

    eu = {
        "EU": RegionMention(
            "EU", "the European Union", 3, "users in the European Union may ask us", evidence=2
        )
    }
    return {e.entry.id for e in select_entries(load_table(), [change_signals(change)], eu)}


def test_consent_by_utilizing_the_service_is_consent_inferred_from_use():
    change = make_change("choice_consent", "added", [], [UTILIZING], direction="up")
    assert "consent_implied_by_use" in change_signals(change).signals
    ids = _eu_ids(change)
    assert {"gdpr-art7-consent-conditions", "gdpr-art6-1-lawful-basis"} <= ids
    # no device, browser, identifier or advertising word: the GDPR's consent, not ePrivacy's device rule
    assert "eprivacy-art5-3-terminal-equipment" not in ids


def test_consent_by_use_to_cookies_still_engages_eprivacy():
    cookies = "By continuing to browse this website, you agree to our use of cookies on your device."
    change = make_change("tracking_tech", "added", [], [cookies], direction="up")
    assert "eprivacy-art5-3-terminal-equipment" in _eu_ids(change)


def test_utilizing_as_a_means_is_not_consent_by_use_in_a_hunk_sentence():
    from summarizer.compliance.hunk_gate import states_clause

    assert states_clause("consent_implied_by_use", UTILIZING)
    assert not states_clause(
        "consent_implied_by_use", "You can opt out by utilizing the link in any email we send."
    )


# --- why8 proposal 3(a): a named forum compared old -> new, whatever the rating ---

OLD_TERMS = (
    "# Terms of Service\n\nThese terms govern your use of the monitoring service and its paid upgrades.\n\n"
    "This Agreement is governed by the laws of Malta in the District Court of Sliema.\n"
)
BRATISLAVA = (
    "All disputes arising out of these Terms will be subject to the exclusive jurisdiction of the District "
    "Court of Bratislava I."
)


def _forum_change(new: str, old: list[str] | None = None):  # noqa: ANN202
    return make_change("dispute_resolution", "narrowed", old or [], [new], direction="down")


def test_a_court_in_a_place_the_old_terms_never_chose_changes_the_forum_whatever_the_rating():
    from summarizer.compliance.forum import moved_forum

    change = _forum_change(BRATISLAVA, ["This Agreement constitutes the entire agreement."])
    assert change_signals(change).signals == {}  # rated better: the record's words give nothing
    found = moved_forum([change_signals(change)], OLD_TERMS)
    assert [(set(cs.signals), cs.change.quotes_new) for cs in found] == [
        ({"governing_law_changed"}, [BRATISLAVA])
    ]
    assert "Bratislava" in found[0].signals["governing_law_changed"]


def test_the_same_forum_reworded_or_a_company_incorporation_is_no_forum_change():
    from summarizer.compliance.forum import forum_places, moved_forum

    same = "Any dispute shall be resolved by the District Court of Sliema under the laws of Malta."
    assert moved_forum([change_signals(_forum_change(same))], OLD_TERMS) == []
    # "the Northern District of California": California is among the old places, not only "Northern"
    old_us = "You agree to the courts of the Northern District of California."
    assert "California" in forum_places(old_us)
    ca = "These Terms are governed by the laws of the State of California."
    assert moved_forum([change_signals(_forum_change(ca))], old_us) == []
    # a company organised under a country's laws chooses no forum
    gap = "GAP, a company organized under the laws of Singapore, provides the services."
    assert forum_places(gap) == set()
    assert moved_forum([change_signals(_forum_change(gap))], OLD_TERMS) == []


def test_no_forum_in_the_old_terms_or_another_category_reads_nothing():
    from summarizer.compliance.forum import moved_forum

    assert (
        moved_forum([change_signals(_forum_change(BRATISLAVA))], "# Terms\n\nUse the service well.\n") == []
    )
    other = make_change("liability_warranty_payment", "narrowed", [], [BRATISLAVA], direction="down")
    assert moved_forum([change_signals(other)], OLD_TERMS) == []


# --- why8 proposal 3(b): a bare transfer mechanism listed under a transfers introduction ---

TRANSFERS_OLD = (
    "# Privacy Policy\n\nWe are based in the United States and your data is governed by U.S. law.\n"
)
TRANSFERS_INTRO = (
    "When we transfer personal data from the European Economic Area to the United States or other countries "
    "which have not been determined by the European Commission to have laws that provide an adequate level of "
    "data protection, we use legal mechanisms designed to help ensure your rights, including:"
)
SCC = "*   Standard Contractual Clauses approved by the European Commission"


def _transfer_read(intro: str):  # noqa: ANN202
    added = f"{intro}\n\n{SCC}\n*   Obtaining your explicit consent for certain types of processing\n"
    diff = diff_documents(
        parse_document(TRANSFERS_OLD, source="o.md"),
        parse_document(TRANSFERS_OLD + "\n" + added, source="n.md"),
    )
    parent = make_change(
        "international_transfer", "narrowed", [], ["We are based in the United States."], direction="down"
    )
    parent.hunk_ids = [h.id for h in diff.hunks]
    return hunk_signals([change_signals(parent)], diff, diff.old.text, diff.new.text)


def test_a_mechanism_listed_under_a_transfers_introduction_states_it():
    found = _transfer_read(TRANSFERS_INTRO)
    assert [(set(cs.signals), cs.change.quotes_new) for cs in found] == [
        ({"transfer_mechanism_changed"}, [SCC])
    ]


def test_a_list_introduction_that_denies_still_denies_its_items():
    from summarizer.compliance.hunk_text import about_transfers, in_context

    denying = "We do not transfer personal data to other countries under any of these mechanisms:"
    assert _transfer_read(denying) == []
    # the relative clause's "not" describes the countries; the introduction's own "not" denies
    text = f"{TRANSFERS_INTRO}\n{SCC}"
    assert in_context(SCC, text.index(SCC), text)
    assert about_transfers(SCC, text.index(SCC), text)
    other = f"We use these tools, including:\n{SCC}"
    assert not about_transfers(SCC, other.index(SCC), other)  # no transfer in the introduction


# --- round5_16's misses: an arbitration agreement in a privacy policy is still one ---


def test_an_arbitration_clause_in_a_privacy_policy_engages_the_faa():
    from summarizer.compliance.regions import RegionMention
    from summarizer.compliance.select import select_entries
    from summarizer.compliance.table import load_table

    clause = (
        "Disputes between the parties shall be resolved by binding individual arbitration under the arbitration "
        "provision set forth in our Terms of Service."
    )
    change = make_change("dispute_resolution", "added", [], [clause], direction="up")
    us = {"US": RegionMention("US", "United States", 3, "users in the United States", evidence=2)}
    for document in ("privacy", "terms"):
        ids = {
            e.entry.id for e in select_entries(load_table(), [change_signals(change)], us, document=document)
        }
        assert "faa-9usc2-arbitration-agreements" in ids, document
