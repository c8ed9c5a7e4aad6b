"""Round 5, third pass (issue #15, compliance8): signals read from what a change does.

Synthetic changes, so each rule is checked on its own; the golden cases measure the whole
(``python bench/compliance_folds.py``).
"""

from __future__ import annotations

from summarizer.compliance.regions import mentioned_regions
from summarizer.compliance.select import select_entries
from summarizer.compliance.signals import change_signals
from summarizer.compliance.table import load_table
from summarizer.model.record import Change
from tests.compliance.conftest import make_change


def _change(category: str, kind: str, old: list[str], new: list[str], direction: str | None = "up") -> Change:
    return make_change(category, kind, old, new, direction, severity_after="high")


def _ids(changes: list[Change], text: str) -> set[str]:
    engaged = select_entries(load_table(), [change_signals(c) for c in changes], mentioned_regions(text))
    return {e.entry.id for e in engaged}


def test_a_parental_control_offer_is_not_childrens_data() -> None:
    offer = (
        "Customers who desire parental control or channel blocking to prevent children in the household "
        "from viewing some channels may be able to access these controls through their TV set."
    )
    cs = change_signals(_change("children_audiences", "added", [], [offer]))
    assert "children_data" not in cs.names
    # The same words about children's data still are.
    cs = change_signals(
        _change("children_audiences", "added", [], ["We may collect information from children under 13."])
    )
    assert "children_data" in cs.names


def test_a_change_clause_alone_does_not_engage_the_ftc_retroactive_change_position() -> None:
    clause = "If you created your account before that date, the changes will be effective 30 days later."
    ids = _ids(
        [_change("policy_change_notice", "expanded", [], [clause], direction=None)], "United States users"
    )
    assert "ftc-act-s5-retroactive-material-change" not in ids
    # A quiet change that reads continued use as acceptance does.
    quiet = "We may update this policy from time to time. Continued use of the service means you accept it."
    ids = _ids([_change("policy_change_notice", "expanded", [], [quiet])], "United States users")
    assert "ftc-act-s5-retroactive-material-change" in ids


SELLERS_OLD = (
    "If you are a Buyer, we will share details of the last viewed products on the Platform to enable Sellers "
    "to contact you with details of products that might interest you."
)
SELLERS_NEW = (
    "If you are a Buyer, we will share details of the last viewed products on the Platform to enable Sellers, "
    "their respective affiliates and/or their third-party services provider to contact you with details of "
    "products that might interest you."
)


def test_a_passage_that_shares_with_a_recipient_it_did_not_name_is_sharing_whatever_its_category() -> None:
    cs = change_signals(_change("choice_consent", "expanded", [SELLERS_OLD], [SELLERS_NEW]))
    assert "new_recipient_class" in cs.names and cs.shares
    ids = _ids([cs.change], "Visitors from the European Union: this section applies to users in the EU.")
    assert "gdpr-art13-information-at-collection" in ids


def test_a_recipient_already_named_or_named_without_sharing_is_not_new() -> None:
    # The same recipients, reworded: nothing new.
    same = SELLERS_OLD.replace("to enable Sellers", "so that Sellers can")
    assert not change_signals(_change("choice_consent", "expanded", [SELLERS_OLD], [same])).shares
    # A new recipient word in a sentence that gives them nothing ("our partners' cookies are described").
    described = SELLERS_OLD + " Our partners are listed in the help centre."
    assert not change_signals(_change("choice_consent", "expanded", [SELLERS_OLD], [described])).shares
    # A denial is not sharing.
    denied = SELLERS_OLD + " We do not share this information with advertisers."
    assert not change_signals(_change("choice_consent", "expanded", [SELLERS_OLD], [denied])).shares


def test_a_new_inference_about_the_person_is_a_collection_even_in_a_rewording() -> None:
    old = "We may use your account information to personalise the content you see."
    new = "We may also use your account information, such as your title, name and country, to infer your gender."
    cs = change_signals(_change("data_use_purpose", "reworded", [old], [new], direction="same"))
    assert "new_data_type" in cs.names and cs.infers
    ids = _ids([cs.change], "If you are in the European Union, the GDPR gives you rights.")
    assert "gdpr-art5-1c-data-minimisation" in ids
    # An inference the old side already made, or one the text denies, is not new.
    assert not change_signals(_change("data_use_purpose", "reworded", [new], [new + " "], "same")).infers
    denied = "We do not infer your gender from your name."
    assert not change_signals(_change("data_use_purpose", "reworded", [old], [denied], "same")).infers


def test_a_newly_stated_transfer_mechanism_engages_the_transfer_safeguards() -> None:
    old = (
        "Personal Information is transferred under the EU-U.S. Data Privacy Framework or another valid data "
        "protection framework recognized as providing adequate protection under GDPR."
    )
    new = old.replace("framework recognized", "framework or appropriate contractual framework recognized")
    cs = change_signals(_change("international_transfer", "expanded", [old], [new], direction="same"))
    assert "transfer_mechanism_changed" in cs.names
    ids = _ids([cs.change], "If you are in the European Union, the GDPR gives you rights.")
    assert "gdpr-art44-46-transfer-safeguards" in ids
    # The same mechanism reworded, or a mechanism word in a sentence that is not about transfers and a
    # passage not filed as one, is not a new mechanism.
    same = old.replace("is transferred", "is sent abroad")
    assert (
        "transfer_mechanism_changed"
        not in change_signals(
            _change("international_transfer", "reworded", [old], [same], direction="same")
        ).names
    )
    unrelated = "Our security team applies appropriate safeguards to your account."
    assert (
        "transfer_mechanism_changed"
        not in change_signals(_change("security_breach", "added", [""], [unrelated], direction="same")).names
    )


def test_a_newly_named_lawful_basis_engages_the_lawful_basis_rules_wherever_it_is_filed() -> None:
    old = "We balance our interests with your rights."
    new = (
        "We process your data based on legitimate interests, consent, contract necessity, and compliance "
        "with legal obligations, always prioritizing your rights under GDPR."
    )
    cs = change_signals(_change("children_audiences", "expanded", [old], [new], direction="same"))
    assert "legal_basis_changed" in cs.names
    ids = _ids([cs.change], "If you are in the European Union, the GDPR gives you rights.")
    assert "gdpr-art6-1-lawful-basis" in ids
    # A basis the old side already named, or one the text denies, is not new.
    assert (
        "legal_basis_changed"
        not in change_signals(_change("data_use_purpose", "expanded", [new], [new])).names
    )
    denied = "We do not rely on legitimate interests for advertising."
    assert (
        "legal_basis_changed"
        not in change_signals(_change("data_use_purpose", "added", [old], [denied])).names
    )


def test_a_party_data_comes_from_is_a_source_not_a_recipient() -> None:
    source = "We also receive information about your activity on other websites and apps from our advertising partners."
    cs = change_signals(_change("data_collection", "added", [], [source]))
    assert "new_recipient_class" not in cs.names
    assert "new_data_type" in cs.names  # still a collection
    given = "We may share your personal information with our advertising partners."
    assert "new_recipient_class" in change_signals(_change("third_party_sharing", "added", [], [given])).names


def test_an_ai_voice_brought_in_by_a_rewording_engages_the_ai_transparency_duties() -> None:
    old = "For information about managing promotional communications, see the section on your data."
    new = (
        "If you consent to receiving marketing communications, we may contact you using an artificial/prerecorded "
        "voice, which may be generated using artificial intelligence."
    )
    cs = change_signals(_change("data_use_purpose", "reworded", [old], [new], direction="same"))
    assert "ai_interaction" in cs.names
    assert "aiact-art50-transparency" in _ids([cs.change], "If you are in the European Union, see below.")
    # An AI feature that answers questions, or a denial, is not an AI voice or synthetic content.
    answers = "Our assistant answers your questions about orders."
    assert "ai_interaction" not in change_signals(_change("data_use_purpose", "added", [], [answers])).names
    denied = "Calls are never generated using artificial intelligence."
    assert "ai_interaction" not in change_signals(_change("data_use_purpose", "added", [], [denied])).names
