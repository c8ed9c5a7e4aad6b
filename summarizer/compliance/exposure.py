"""The exposure rubric (docs/compliance.md): high / medium / low, with the reasons that moved it."""

from __future__ import annotations

from dataclasses import dataclass, field

from summarizer.compliance.select import Engagement
from summarizer.model.taxonomy import Severity

LEVELS = ("low", "medium", "high")
BREADTH = {"new_recipient_class", "sale_of_data", "targeted_advertising", "new_transfer_destination"}
PROTECTION_LOST = {
    "opt_out_removed",
    "consent_removed",
    "rights_reduced",
    "notice_removed",
    "minimum_age_lowered",
}
# Fairness-of-terms signals: a compliance question, but rated at most medium unless the change also
# touches data flows, children, disputes or removes a protection.
TERMS_ONLY = {
    "liability_limited",
    "indemnity_added",
    "fees_or_charges",
    "auto_renewal",
    "termination_without_notice",
    "unilateral_change",
    "governing_law_changed",
    "content_licence_broadened",
    "withdrawal_right",
}
# Round 9 (crec9): signals of a process notice, not of a data practice: a change engaging entries only
# through them counts as low severity (the labelling protocol rates a disclosed processor list updated low,
# whatever severity the record gives the list's section).
PROCESS_ONLY = {"processor_changed"}
# Round 9 (crec9): signals that state a practice anew (a lawful basis named, an AI system speaking to people),
# read outside the added-words list: a change carrying one is not favourable unless the record rates it
# better, as a change adding practice words is not. A transfer mechanism named anew is a safeguard, not
# one of them.
STATES_PRACTICE = {"legal_basis_changed", "ai_interaction"}
VULNERABLE = {"children_data", "sensitive_data", "minimum_age_lowered"}
# Round 7 (cprec7): what makes a change high in the labelling protocol (evals/compliance_cases/README.md,
# step 5) besides a lost protection: a high-tendency category made worse (sale or ads, tracking, children,
# sensitive data, AI training, dispute resolution) or the purpose or lawful basis of the processing changed.
# Without any of them, a severe change that widens who gets data or where it goes (a new recipient class,
# a new destination) changes scope or process: medium.
HIGH_TENDENCY = {
    "sale_of_data",
    "targeted_advertising",
    "tracking_technology",
    "children_data",
    "minimum_age_lowered",
    "sensitive_data",
    "training_on_user_content",
    "arbitration_clause",
    "class_action_waiver",
    "purpose_broadened",
    "legal_basis_changed",
}
# The protocol's own high-tendency categories (sale or ads, tracking, children, sensitive data, AI training,
# dispute resolution), without the purpose and basis signals.
PROTOCOL_HIGH = HIGH_TENDENCY - {"purpose_broadened", "legal_basis_changed"}


@dataclass
class Rating:
    level: str
    reasons: list[tuple[str, list[str]]] = field(default_factory=list)  # (text, entry ids)


def rate_exposure(engaged: list[Engagement]) -> Rating:
    """Rate how exposed the change leaves a business, from the engaged entries and their changes."""
    if not engaged:
        return Rating("low", [("No entry of the regulation table is engaged by this change.", [])])
    # Cite the general rules before the US state laws (which are many and alike).
    engaged = sorted(
        engaged, key=lambda e: e.entry.jurisdiction[0] not in ("EU", "EEA", "UK", "US", "US-CA", "BR")
    )
    changes = {id(cs): cs for e in engaged for cs, _ in e.hits}
    hit: dict[int, set[str]] = {}
    for e in engaged:
        for cs, common in e.hits:
            hit.setdefault(id(cs), set()).update(common)
    worst = max(
        Severity.low.rank if hit[key] <= PROCESS_ONLY else Severity(cs.change.severity_after).rank
        for key, cs in changes.items()
    )
    # A change that adds the words of a practice (new profiling, a new recipient) is not favourable,
    # whatever the record's direction says.
    worse = any(
        cs.change.direction in ("up", None)
        or cs.added
        or (cs.change.direction != "down" and cs.names & STATES_PRACTICE)
        for cs in changes.values()
    )
    signals = set().union(*(e.signals for e in engaged))
    ids_with = lambda names: [e.entry.id for e in engaged if e.signals & names][:4]  # noqa: E731
    points = max(1, worst)
    reasons: list[tuple[str, list[str]]] = []
    top = [e.entry.id for e in engaged[:3]]
    reasons.append(
        (f"The most severe engaged change is rated {Severity.from_rank(worst).value} after the update.", top)
    )
    if not worse:
        points -= 1
        reasons.append(("No engaged change makes the text worse for users, which lowers the exposure.", top))
    if signals & VULNERABLE:
        points += 1
        reasons.append(
            ("Children's or sensitive data is involved, which raises the exposure.", ids_with(VULNERABLE))
        )
    broad = signals & BREADTH
    if broad and signals & PROTECTION_LOST:
        points += 1
        reasons.append(
            (
                "The data flow widens while a protection (opt-out, consent, notice or a right) is lost.",
                ids_with(broad | PROTECTION_LOST),
            )
        )
    enforced = [e.entry.id for e in engaged if e.entry.enforcement]
    if enforced and broad and points == 2:
        points += 1
        reasons.append(
            ("Regulators have acted under the engaged rules, and the data flow widens.", enforced[:4])
        )
    elif enforced:
        reasons.append(("Regulators have acted or given guidance under some engaged rules.", enforced[:4]))
    # Round 7 (cprec7): the text adds the words of a high-risk practice (the protocol's high-tendency
    # categories): not low, whatever the severity the record gives the passage.
    added_risk = {sig for cs in changes.values() for sig in cs.added} & PROTOCOL_HIGH
    if points < 2 and added_risk:
        points = 2
        reasons.append(
            (
                "The text adds the words of a high-risk practice, which keeps the exposure at medium at least.",
                ids_with(added_risk),
            )
        )
    if signals <= TERMS_ONLY and points > 2:
        points = 2
        reasons.append(
            ("The change concerns the fairness of contract terms, which caps the exposure at medium.", top)
        )
    if points > 2 and not signals & (HIGH_TENDENCY | PROTECTION_LOST):
        points = 2
        reasons.append(
            (
                "The change widens scope or process (who receives data, where it goes, what the terms allow) "
                "without removing a protection or touching a high-risk practice, which caps the exposure at medium.",
                top,
            )
        )
    unconfirmed = [e.entry.id for e in engaged if e.unconfirmed]
    if unconfirmed:
        reasons.append(
            (
                "The document names no region it addresses: this exposure holds where the service operates "
                "under the engaged rules (jurisdictions to confirm).",
                unconfirmed[:4],
            )
        )
    level = LEVELS[max(0, min(2, points - 1))]
    return Rating(level, reasons)
