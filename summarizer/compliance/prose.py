"""The five parts in plain language, each statement tied to entry ids and, where it rests on the
document, to a verbatim quote."""

from __future__ import annotations

from summarizer.compliance.regions import REGIONS, RegionMention
from summarizer.compliance.select import Engagement
from summarizer.compliance.signals import ChangeSignals
from summarizer.model.compliance import JurisdictionFlag, Statement

SIGNAL_TEXT = {
    "new_recipient_class": "names a new kind of recipient",
    "sale_of_data": "opens or no longer rules out a sale or sharing of data",
    "targeted_advertising": "uses data for targeted or cross-context advertising",
    "opt_out_removed": "drops or narrows an opt-out",
    "opt_out_added": "adds an opt-out",
    "consent_removed": "drops a consent step",
    "consent_implied_by_use": "treats continued use as agreement",
    "purpose_broadened": "adds purposes",
    "new_data_type": "collects or receives a new kind of data",
    "sensitive_data": "touches sensitive data",
    "children_data": "addresses children or teens",
    "minimum_age_lowered": "lowers a minimum age",
    "retention_extended": "keeps data longer or loosens a retention limit",
    "rights_reduced": "narrows a privacy right or the ways to use it",
    "new_transfer_destination": "changes where data is transferred or the safeguards for it",
    "transfer_mechanism_changed": "states a different legal mechanism for transfers abroad",
    "legal_basis_changed": "names a lawful basis for the processing it did not name before",
    "ai_interaction": "has an AI system speak to people or make content for them",
    "promise_dropped": "drops a promise not to sell or share data",
    "moderation_changed": "changes how content is moderated or restricted",
    "third_party_source": "names a new source of data about people (a third party, a provider, public sources)",
    "processor_changed": "changes its list of processors (a provider handling data on its behalf added, replaced or removed)",
    "training_on_user_content": "uses users' content to train or improve AI models",
    "automated_decisions": "scores or decides about users automatically",
    "tracking_technology": "changes cookies, pixels, SDKs or tracking signals",
    "government_access": "changes disclosure to authorities",
    "breach_notice": "changes security promises or breach notice",
    "arbitration_clause": "changes arbitration terms",
    "class_action_waiver": "changes a class-action waiver",
    "governing_law_changed": "changes governing law or venue",
    "unilateral_change": "changes how the provider may change the terms or the service",
    "notice_removed": "drops or shortens a notice",
    "auto_renewal": "changes renewal or cancellation of subscriptions",
    "fees_or_charges": "changes fees, charges or refunds",
    "liability_limited": "limits the provider's liability",
    "indemnity_added": "makes the user indemnify the provider",
    "content_licence_broadened": "widens the licence over users' content",
    "termination_without_notice": "allows suspension or termination without notice",
    "withdrawal_right": "changes a right of withdrawal",
    "law_named": "names this law for the first time, so it now describes rights its residents have under it",
}

# (signals, entry ids in order of preference, text) -- one consideration each when an entry is engaged.
CONSIDERATIONS: list[tuple[set[str], list[str], str]] = [
    (
        {"targeted_advertising", "sale_of_data", "opt_out_removed", "opt_out_added", "tracking_technology"},
        [
            "ccr-7025-opt-out-preference-signals",
            "co-cpa-universal-opt-out",
            "ccpa-1798-135-do-not-sell-share-link",
            "ccpa-1798-120-opt-out-sale-sharing",
        ],
        "Honour opt-out requests for this data flow, including opt-out preference signals such as Global Privacy "
        "Control, and check that the 'Do Not Sell or Share' link reaches it.",
    ),
    (
        {"targeted_advertising", "sale_of_data", "opt_out_removed"},
        [
            "va-vcdpa-opt-out",
            "co-cpa-opt-out",
            "ct-ctdpa-opt-out",
            "ut-ucpa-opt-out",
            "tx-tdpsa-opt-out",
            "or-ocpa-opt-out",
            "mt-mcdpa-opt-out",
            "ia-icdpa-opt-out",
            "de-dpdpa-opt-out",
            "nh-privacy-opt-out",
            "nj-njdpa-opt-out",
            "tn-tipa-opt-out",
            "mn-mcdpa-opt-out",
            "md-modpa-minimisation-and-opt-out",
            "in-icdpa-opt-out",
            "ky-kcdpa-opt-out",
            "ri-ridtppa-opt-out",
        ],
        "Extend the same opt-out to residents of the US states whose privacy laws give a right to opt out of "
        "targeted advertising and sale, and check the dates from which each applies.",
    ),
    (
        {
            "targeted_advertising",
            "purpose_broadened",
            "consent_removed",
            "training_on_user_content",
            "sale_of_data",
        },
        [
            "gdpr-art6-1-lawful-basis",
            "gdpr-art6-1f-legitimate-interests",
            "gdpr-art7-consent-conditions",
            "lgpd-art7-legal-bases",
        ],
        "Confirm the lawful basis for this use for EU users; where the text relies on legitimate interests, "
        "confirm that the balancing assessment covers this use, and where consent is the basis, that it is "
        "obtained before the processing.",
    ),
    (
        {"purpose_broadened", "new_recipient_class", "training_on_user_content"},
        ["gdpr-art5-1b-purpose-limitation", "gdpr-art13-3-notice-before-new-purpose"],
        "Check that the new use fits the purposes stated when the data was collected, and that users are told "
        "before their data is used for it.",
    ),
    (
        {"targeted_advertising", "opt_out_removed", "rights_reduced"},
        ["gdpr-art21-2-3-objection-direct-marketing"],
        "Make sure users can object at any time to the use of their data for direct marketing, including "
        "profiling for it.",
    ),
    (
        {"tracking_technology", "targeted_advertising", "consent_implied_by_use", "consent_removed"},
        ["eprivacy-art5-3-terminal-equipment", "uk-pecr-reg6-cookies"],
        "Check that non-essential cookies, pixels and SDKs are set only after consent where EU or UK rules apply.",
    ),
    (
        {
            "unilateral_change",
            "consent_implied_by_use",
            "notice_removed",
            "purpose_broadened",
            "training_on_user_content",
        },
        ["ftc-act-s5-retroactive-material-change", "ftc-act-s5-unfair-deceptive"],
        "Check whether the new practice is applied to data collected under the earlier wording, and whether "
        "the change is announced prominently; the FTC has said that material retroactive changes need "
        "affirmative consent.",
    ),
    (
        {"unilateral_change", "notice_removed", "consent_implied_by_use", "termination_without_notice"},
        [
            "uctd-annex-1j-unilateral-alteration",
            "dsa-art14-terms-and-conditions",
            "p2b-reg-2019-1150-art3-2-change-notice",
            "dcd-art19-modification-digital-content",
            "gdpr-art5-1a-lawfulness-fairness-transparency",
        ],
        "Check how changes to the terms are announced and take effect: advance notice, a stated reason, and a "
        "way for users to leave before they apply.",
    ),
    (
        {
            "new_recipient_class",
            "new_data_type",
            "notice_removed",
            "new_transfer_destination",
            "retention_extended",
            "sale_of_data",
        },
        [
            "gdpr-art13-information-at-collection",
            "gdpr-art14-information-indirect",
            "ukgdpr-art13-information-at-collection",
            "ccpa-1798-100-notice-at-collection",
            "ccpa-1798-115-know-sold-shared",
            "ccpa-1798-140-ad-sell-definition",
            "ccr-7013-notice-of-right-to-opt-out",
        ],
        "Update the records of processing and the notices given at collection so that they name the new "
        "recipients, data and purposes.",
    ),
    (
        {"children_data", "minimum_age_lowered"},
        [
            "coppa-15usc6502-parental-consent",
            "coppa-16cfr312-5-separate-consent-third-party-disclosure",
            "gdpr-art8-child-consent",
            "ukdpa2018-s9-child-consent-age-13",
            "dsa-art28-minors-no-profiling-ads",
            "lgpd-art14-children",
        ],
        "Check age assurance and parental consent for users under the ages these rules set, and that minors "
        "are not profiled for advertising.",
    ),
    (
        {"sensitive_data", "new_data_type"},
        [
            "gdpr-art9-special-categories",
            "gdpr-art5-1c-data-minimisation",
            "ccpa-1798-121-limit-sensitive",
            "dsa-art26-3-no-special-category-profiling-ads",
        ],
        "Check that only the data needed is collected, and that sensitive data has its own basis and its own "
        "limits.",
    ),
    (
        {"rights_reduced"},
        [
            "gdpr-art12-transparent-information",
            "gdpr-art15-right-of-access",
            "gdpr-art17-right-to-erasure",
            "gdpr-art20-data-portability",
            "ccpa-1798-105-right-to-delete",
            "ccpa-1798-106-right-to-correct",
            "ccpa-1798-110-right-to-know",
            "lgpd-art18-rights",
        ],
        "Check that the ways to exercise access, deletion, correction and the other rights still meet the "
        "required channels and time limits.",
    ),
    (
        {"new_transfer_destination"},
        [
            "gdpr-art44-46-transfer-safeguards",
            "gdpr-art45-adequacy",
            "ukgdpr-art46-transfers-data-protection-test",
            "lgpd-art33-international-transfer",
        ],
        "Check the transfer mechanism for each destination (adequacy or safeguards such as standard "
        "contractual clauses) and update the transfer records.",
    ),
    (
        {"retention_extended"},
        ["gdpr-art5-1e-storage-limitation", "coppa-16cfr312-10-retention", "gdpr-art17-right-to-erasure"],
        "Check that retention periods are stated and tied to a purpose, and that deletion still happens on time.",
    ),
    (
        {"automated_decisions", "termination_without_notice"},
        [
            "gdpr-art22-automated-decisions",
            "dsa-art27-recommender-transparency",
            "aiact-art50-transparency",
            "ccpa-1798-185-regulations",
        ],
        "Check whether automated decisions with significant effects have human review, an explanation and a "
        "way to contest them.",
    ),
    (
        {"training_on_user_content", "content_licence_broadened"},
        ["aiact-art53-1c-copyright-policy", "aiact-art53-1d-training-content-summary"],
        "Check what the model-training documentation and copyright policy say about content used for training.",
    ),
    (
        {
            "arbitration_clause",
            "class_action_waiver",
            "governing_law_changed",
            "liability_limited",
            "indemnity_added",
            "content_licence_broadened",
        },
        [
            "uctd-annex-1q-legal-action-arbitration",
            "uctd-art3-unfairness-test",
            "faa-9usc2-arbitration-agreements",
        ],
        "Check whether the arbitration, venue, liability or indemnity terms can be relied on against consumers "
        "in each region, since consumer rules may treat such terms as unfair.",
    ),
    (
        {"auto_renewal", "fees_or_charges", "withdrawal_right"},
        [
            "rosca-15usc8403-negative-option",
            "ca-bpc-17602-automatic-renewal",
            "uctd-annex-1h-automatic-extension",
            "bgb-309-nr9-subscription-terms",
            "crd-art9-withdrawal",
        ],
        "Check the renewal, cancellation, refund and withdrawal terms: clear disclosure before charging, "
        "consent, and a simple way to cancel.",
    ),
    (
        {"breach_notice", "notice_removed"},
        ["gdpr-art33-breach-notice-authority", "gdpr-art34-breach-notice-individuals"],
        "Check that the breach-notification process still meets the deadlines to notify the authority and "
        "affected people.",
    ),
    (
        {"government_access"},
        ["gdpr-art48-foreign-authority-requests"],
        "Check how requests from foreign authorities are handled for EU data.",
    ),
    (
        {"law_named"},
        [
            "in-icdpa-opt-out",
            "ky-kcdpa-opt-out",
            "ri-ridtppa-opt-out",
            "mn-mcdpa-opt-out",
            "md-modpa-minimisation-and-opt-out",
            "tn-tipa-opt-out",
            "nj-njdpa-opt-out",
            "nh-privacy-opt-out",
            "de-dpdpa-opt-out",
            "ia-icdpa-opt-out",
            "mt-mcdpa-opt-out",
            "or-ocpa-opt-out",
            "tx-tdpsa-opt-out",
            "ut-ucpa-opt-out",
            "ct-ctdpa-opt-out",
            "co-cpa-opt-out",
            "va-vcdpa-opt-out",
        ],
        "For each state law the document now names, check that the rights it describes (opt-outs, access, "
        "correction, deletion, appeal) and the ways to use them match that law, and that requests from those "
        "residents are handled from the law's effective date.",
    ),
]

CONTRACTS: list[tuple[set[str], str, str]] = [
    (
        {"targeted_advertising", "sale_of_data", "new_recipient_class"},
        "sale_targeted_ads third_party_sharing",
        "Businesses that advertise on, or share data with, this service should check that their contracts "
        "describe this data flow (in California, whether the service acts as a service provider or a third "
        "party; in the EU, who is controller and who is processor) and that opt-out requests are passed on.",
    ),
    (
        {"tracking_technology"},
        "tracking_tech",
        "Sites and apps that embed this service's cookies, pixels or SDKs should check that their own consent "
        "banners and notices cover the tracking described.",
    ),
    (
        {
            "unilateral_change",
            "arbitration_clause",
            "class_action_waiver",
            "governing_law_changed",
            "liability_limited",
            "indemnity_added",
            "fees_or_charges",
            "auto_renewal",
            "termination_without_notice",
            "notice_removed",
        },
        "policy_change_notice dispute_resolution liability_warranty_payment account_termination",
        "Businesses that resell, integrate with or depend on this service should check whether the changed terms "
        "pass through to their own customers, and whether their agreements let the provider change them alone.",
    ),
    (
        {"new_transfer_destination"},
        "international_transfer",
        "Customers that send personal data through this service should update their transfer assessments and "
        "the sub-processor and destination lists in their agreements.",
    ),
    (
        {"children_data", "minimum_age_lowered"},
        "children_audiences",
        "Developers and advertisers whose audiences include children should check what this change means for "
        "the consent and notice duties they share with the service.",
    ),
    (
        {"rights_reduced", "retention_extended"},
        "user_rights data_retention",
        "Businesses that receive data from this service should be ready to act on deletion, correction and "
        "opt-out requests forwarded to them, within the agreed periods.",
    ),
    (
        {"training_on_user_content", "content_licence_broadened", "purpose_broadened", "automated_decisions"},
        "ai_training content_license_ip data_use_purpose",
        "Customers whose content or data is processed by this service should check whether their agreement lets "
        "the provider use it for the new purposes, such as training models.",
    ),
]


def clip(quote: str, limit: int = 220) -> str:
    """A verbatim prefix of *quote*, cut at a word boundary."""
    if len(quote) <= limit:
        return quote
    cut = quote[:limit]
    return cut[: cut.rfind(" ")] if " " in cut else cut


def change_quote(cs: ChangeSignals) -> list[str]:
    quotes = cs.change.quotes_new or cs.change.quotes_old
    return [clip(quotes[0])] if quotes else []


def _unverified(engaged: dict[str, Engagement], ids: list[str]) -> bool:
    """A cited entry's wording is unverified, or its jurisdiction is to be confirmed."""
    return any(not engaged[i].entry.verified or engaged[i].unconfirmed for i in ids if i in engaged)


UNCONFIRMED_TEXT = (
    " The document names no region it addresses, so whether this applies depends on where the service "
    "operates (jurisdiction to confirm)."
)


_FAMILY_ORDER = ("EU", "EEA", "UK", "US-CA", "US", "BR", "DE")


def _family_rank(e: Engagement) -> int:
    code = e.entry.jurisdiction[0]
    return _FAMILY_ORDER.index(code) if code in _FAMILY_ORDER else len(_FAMILY_ORDER)


def landscape(engaged: list[Engagement]) -> list[Statement]:
    """One statement per engaged entry (EU, UK, California, US federal, Brazil ...), then one for the
    US state opt-out laws together."""
    out = []
    states = [e for e in engaged if _family_rank(e) == len(_FAMILY_ORDER)]
    for e in sorted((e for e in engaged if e not in states), key=_family_rank):
        cs, sigs = max(e.hits, key=lambda h: len(h[1]))
        why = " and ".join(SIGNAL_TEXT[s] for s in sorted(sigs))
        entry = e.entry
        text = (
            f"{entry.citation} ({', '.join(entry.jurisdiction)}, applies from {entry.effective}): "
            f"{entry.paraphrase} The change engages it because the text {why}."
        )
        if not entry.verified:
            text += " The wording of this provision is to be confirmed against its source."
        if e.unconfirmed:
            text += UNCONFIRMED_TEXT
        out.append(
            Statement(
                text=text,
                entries=[entry.id],
                quotes=change_quote(cs),
                to_confirm=not entry.verified or e.unconfirmed,
            )
        )
    if states:
        names = sorted({e.entry.jurisdiction[0] for e in states})
        cs = states[0].hits[0][0]
        unconfirmed = any(e.unconfirmed for e in states)
        named_only = all(e.signals == {"law_named"} for e in states)
        why = (
            "names these laws for the first time: check that the rights and opt-outs it describes to their "
            "residents match each law"
            if named_only
            else "uses data for targeted advertising or sale"
        )
        out.append(
            Statement(
                text=f"US state privacy laws ({', '.join(names)}; each applies from its own date): residents "
                "can opt out of targeted advertising and the sale of their data, and several require "
                f"opt-out preference signals to be honoured. The change engages them because the text {why}. "
                "Most of these entries are to be confirmed against their sources."
                + (UNCONFIRMED_TEXT if unconfirmed else ""),
                entries=[e.entry.id for e in states],
                quotes=change_quote(cs),
                to_confirm=unconfirmed or any(not e.entry.verified for e in states),
            )
        )
    return out


def considerations(engaged: list[Engagement]) -> list[Statement]:
    by_id = {e.entry.id: e for e in engaged}
    out = []
    for signals, ids, text in CONSIDERATIONS:
        hit = [i for i in ids if i in by_id and by_id[i].signals & signals]
        if not hit:
            continue
        quotes: list[str] = []
        for i in hit:
            for cs, sigs in by_id[i].hits:
                if sigs & signals:
                    quotes = change_quote(cs)
                    break
            if quotes:
                break
        out.append(Statement(text=text, entries=hit, quotes=quotes, to_confirm=_unverified(by_id, hit)))
    return out


def contracts(engaged: list[Engagement]) -> list[Statement]:
    out = []
    for signals, categories, text in CONTRACTS:
        cats = set(categories.split())
        hit = [e for e in engaged if e.signals & signals and cats & set(e.entry.categories)][:4]
        if not hit:
            continue
        cs = next(cs for cs, sigs in hit[0].hits if sigs & signals) if hit[0].hits else None
        out.append(
            Statement(
                text=text,
                entries=[e.entry.id for e in hit],
                quotes=change_quote(cs) if cs else [],
                to_confirm=any(not e.entry.verified or e.unconfirmed for e in hit),
            )
        )
    return out


LEAD_AUTHORITY_ID = "gdpr-art56-lead-authority"
# The lead authority is named where an EU-engaging change widens a flow of data across the service
# (the cross-border processing Art. 56 is about), not for every EU change of a document naming a DPA.
WIDER_FLOW = {
    "new_recipient_class",
    "sale_of_data",
    "targeted_advertising",
    "new_transfer_destination",
    "training_on_user_content",
    "purpose_broadened",
}


def jurisdiction_flags(
    engaged: list[Engagement],
    regions: dict[str, RegionMention],
    names_authority: str | None,
    *,
    anywhere: bool = False,
) -> list[JurisdictionFlag]:
    """One flag per region the document names (except a region it names but never addresses, where no
    entry is engaged), then (for a document that names no region it
    addresses) one to-confirm flag per jurisdiction its engaged entries apply in, then the US states."""
    flags: list[JurisdictionFlag] = []
    by_code: dict[str, list[Engagement]] = {}
    for e in engaged:
        for code in e.entry.jurisdiction:
            by_code.setdefault(code, []).append(e)
    for code, mention in regions.items():
        hits = by_code.get(code, [])
        if not hits and mention.evidence == 0:
            continue  # named (a transfer destination, an appended clause), never addressed, nothing engaged
        if hits:
            reason = f"The document names {mention.name}; {len(hits)} engaged entr{'y' if len(hits) == 1 else 'ies'} apply there."
            auth = hits[0].entry.authority
            reason += f" Enforced by: {auth}."
        else:
            reason = f"The document names {mention.name}, but no engaged entry of the table applies there."
        flags.append(
            JurisdictionFlag(
                code=code,
                name=mention.name,
                reason=reason,
                entries=[e.entry.id for e in hits],
                quotes=[clip(mention.quote)] if mention.quote else [],
                in_table=bool(hits) or code in _TABLE_CODES,
            )
        )
    for flag in flags:
        hits = by_code.get(flag.code, [])
        if anywhere and flag.code in regions and regions[flag.code].count == 0:
            flag.to_confirm = True
            flag.reason = (
                f"The document names no region it addresses; {flag.name} is flagged to confirm where the "
                "service operates"
                + (
                    f": {len(hits)} engaged entr{'y' if len(hits) == 1 else 'ies'} apply there if it is offered "
                    f"there. Enforced by: {hits[0].entry.authority}."
                    if hits
                    else ", but no engaged entry of the table applies there."
                )
            )
        elif hits and all(e.unconfirmed for e in hits):
            flag.to_confirm = True
            flag.reason = (
                f"The document names {flag.name} only in an address, not as a region it addresses: "
                f"{len(hits)} engaged entr{'y' if len(hits) == 1 else 'ies'} apply there if the service "
                f"operates or is offered there (to confirm). Enforced by: {hits[0].entry.authority}."
            )
    if anywhere:
        for code, hits in by_code.items():
            unconfirmed = [e for e in hits if e.unconfirmed]
            if code in regions or (code.startswith("US-") and code != "US-CA") or not unconfirmed:
                continue
            flags.append(
                JurisdictionFlag(
                    code=code,
                    name=REGIONS[code][0] if code in REGIONS else code,
                    reason="The document names no region it addresses, so whether this applies depends on "
                    f"where the service operates (to confirm): {len(unconfirmed)} engaged "
                    f"entr{'y' if len(unconfirmed) == 1 else 'ies'} apply there if it is offered there. "
                    f"Enforced by: {unconfirmed[0].entry.authority}.",
                    entries=[e.entry.id for e in unconfirmed],
                    to_confirm=True,
                )
            )
    states = [c for c in by_code if c.startswith("US-") and c != "US-CA" and c not in regions]
    if states:
        ids = [e.entry.id for c in states for e in by_code[c]]
        state_unconfirmed = all(e.unconfirmed for c in states for e in by_code[c])
        reason = (
            "The document names no region it addresses, so these apply only if the service is offered in "
            "those states (to confirm); the change opens a sale or targeted-advertising flow, and "
            if state_unconfirmed
            else "The document addresses US users and the change opens a sale or targeted-advertising flow; "
        )
        flags.append(
            JurisdictionFlag(
                code="US-states",
                name="US states with opt-out rights for targeted advertising",
                reason=reason
                + f"{len(states)} state laws give an opt-out from it ({', '.join(sorted(states))}).",
                entries=list(dict.fromkeys(ids)),
                to_confirm=state_unconfirmed,
            )
        )
    eu_signals = set().union(*(e.signals for e in by_code.get("EU", [])))
    if names_authority and "EU" in regions and eu_signals & WIDER_FLOW:
        for flag in flags:
            if flag.code == "EU":
                flag.entries.append(LEAD_AUTHORITY_ID)
                flag.reason += " The document points to a data protection authority; for cross-border processing the lead authority is that of the main establishment."
                flag.quotes.append(clip(names_authority))
    return flags


_TABLE_CODES = {"EU", "EEA", "UK", "US", "BR", "DE"} | {c for c in REGIONS if c.startswith("US-")}
