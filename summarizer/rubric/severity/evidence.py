"""The evidence for a change's direction: factors that appeared or disappeared and the hunk signals
(modality, negation, parties, list items, numbers), each signed worse or better for the user."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from summarizer.diffing.signals import (
    PARTY_RE,
    find_numbers,
    party_name,
    split_clauses,
    stem,
)
from summarizer.model.diff import NumberChange, Signals
from summarizer.rubric.severity.factor_rules import DATA_VERBS, SHARE_VERBS
from summarizer.rubric.severity.factors import DATA_OBJECT_RE, FLOW_RE, NEG_WORDS, USER_SUBJECT, words_before
from summarizer.rubric.severity.own_text import reserves_right, stands_in
from summarizer.rubric.severity.results import Factor
from summarizer.text.lazy_re import lazy


@dataclass(slots=True)
class Evidence:
    key: str
    delta: int  # > 0: worse for the user
    text: str  # reason fragment


_NEG_HEAD_KEY = [
    (lazy(r"^(?:sell|sold|rent|trade)"), "no_sale"),
    (lazy(rf"^(?:{SHARE_VERBS}|shar|disclos|transfer|provid|giv)"), "no_share"),
    (lazy(rf"^(?:{DATA_VERBS}|us|stor|retain|combin|analy|profil)"), "no_data_use"),
]
_NOTICE_CTX = lazy(
    r"\bnotice\b|\bin advance\b|\badvance\b|\bprior to\b|\bbefore (?:the )?(?:change|it takes effect|they take effect|effective)"
)
_WINDOW_CTX = lazy(
    r"\brefund|\bcancel|\breturn\b|\bopt[- ]?out|\bobject|\bdispute|\bclaim|\bappeal|\bwithdraw|\breject"
)
_RETENTION_CTX = lazy(
    r"\bretain|\bretention|\bkeep|\bkept\b|\bstor(?:e|ed|age)\b|\bhold|\bpreserve|\bdelet|\berase|\brespond|\bresponse|\bprocess"
)
#: A period that runs after the user deleted the data or closed the account: keeping it that long
#: is a new retention, not a limit.
_AFTER_DELETION = lazy(
    r"\bafter (?:you (?:have )?(?:delete|deleted|close|closed|deactivate|deactivated|cancel|cancelled|canceled)\b"
    r"|(?:the |its |their |account )?(?:deletion|closure|termination|deactivation|cancellation)\b"
    r"|(?:your |the )?account (?:is|has been|was) (?:deleted|closed|terminated|deactivated))"
)
_KEEP = lazy(
    r"\b(?:keep|keeps|kept|retain|retains|retained|store|stores|stored|hold|holds|preserve|preserved)\b"
)
_DELETE = lazy(r"\b(?:delet|eras|destroy|remov|anonymi[sz]|purg)\w*")


def _kept_after_deletion(ctx: str) -> bool:
    """The clause keeps data for a period after the user deleted it or closed the account ("we may
    keep your messages for two years after you delete your account"), not a deletion deadline
    ("we delete your data within 30 days after you close your account")."""
    after = _AFTER_DELETION.search(ctx)
    before = ctx[: after.start()] if after else ""
    return bool(after and _KEEP.search(before) and not _DELETE.search(before))


_LIABILITY_CTX = lazy(r"\bliab|\bdamages\b|\baggregate\b|\bexceed")
_FEE_CTX = lazy(r"\bfees?\b|\bprice|\bcharge|\bcost|\bsubscription|\bpay\b|\bpayment")
_CREDIT_CTX = lazy(r"\brefund|\bcredit|\bcompensat|\breimburs")
_PROTECTIVE_LIST = lazy(r"\bright|\byou can\b|\byou may\b|\bchoices?\b|\bopt\b|\boptions?\b")
_RIGHT_ITEM = lazy(r"\baccess|\bdelet|\bcorrect|\brectif|\beras|\bportab|\bobject|\brestrict|\bopt")
_FLOW_LIST = lazy(
    r"\bcollect|\bshar|\bdisclos|\bprocess|\bpurposes?\b|\bcombin|\btransfer|\bsell|\bsold\b|\btrack"
    r"|\bobtain|\bgather|\bretain|\bstore\b"
)
_SOFT_FLOW = lazy(r"\b(?:use|uses|used|using|provide|receive|keep|such as|including|includes)\b")
_DATA_NOUN = lazy(r"\b(?:data|information|details|content|identifiers?)\b")
_FLOW_CATEGORIES = frozenset(
    {
        "data_collection",
        "data_use_purpose",
        "third_party_sharing",
        "sale_targeted_ads",
        "tracking_tech",
        "sensitive_data",
        "international_transfer",
        "government_requests",
    }
)
_USER_CATEGORIES = frozenset({"user_rights", "choice_consent"})


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _items(items: list[str]) -> str:
    """ "'a' and 'b' were" / "'a' was"."""
    return _join([f"'{x}'" for x in items]) + (" was" if len(items) == 1 else " were")


def _clause_with(canon: str, display: str) -> str:
    """The clause of *canon* that mentions the number shown as *display*."""
    for clause in split_clauses(canon):
        if any(n.display == display for n in find_numbers(clause)):
            return clause
    return ""


def _fmt_pair(n: NumberChange) -> str:
    a, b = n.old.split(" ", 1), n.new.split(" ", 1)
    if len(a) == 2 and len(b) == 2 and a[1].rstrip("s") == b[1].rstrip("s"):
        return f"from {a[0]} to {b[0]} {b[1]}"
    return f"from {n.old} to {n.new}"


def _number_evidence(category: str, n: NumberChange, old_c: str, new_c: str) -> Evidence | None:
    key = f"num:{n.old}>{n.new}"
    ctx = _clause_with(new_c, n.new) if n.new else _clause_with(old_c, n.old)
    if n.unit == "age":
        if not (n.old and n.new):
            return None
        up = float(n.new) < float(n.old)
        verb = "fell" if up else "rose"
        return Evidence(key, 1 if up else -1, f"the age threshold {verb} from {n.old} to {n.new}")
    if n.unit == "currency":
        if not (n.old and n.new):
            return None
        a, b = find_numbers(n.old), find_numbers(n.new)
        if not a or not b or a[0].value == b[0].value:
            return None
        grew = b[0].value > a[0].value
        if _LIABILITY_CTX.search(ctx):
            return Evidence(
                key,
                -1 if grew else 1,
                f"the liability cap {'rose' if grew else 'fell'} from {n.old} to {n.new}",
            )
        if _CREDIT_CTX.search(ctx):
            return Evidence(
                key,
                -1 if grew else 1,
                f"the amount you get back {'rose' if grew else 'fell'} from {n.old} to {n.new}",
            )
        if _FEE_CTX.search(ctx):
            return Evidence(
                key, 1 if grew else -1, f"the price {'rose' if grew else 'fell'} from {n.old} to {n.new}"
            )
        return Evidence(key, 0, f"'{n.old}' became '{n.new}'")
    if n.unit == "percent":
        return Evidence(key, 0, f"'{n.old}' became '{n.new}'") if n.old and n.new else None
    # durations: which way is worse depends on what the period is for
    if _NOTICE_CTX.search(ctx) or (category == "policy_change_notice" and not _RETENTION_CTX.search(ctx)):
        kind, longer_is_worse, what = "notice", False, "the notice period"
    elif _WINDOW_CTX.search(ctx):
        kind, longer_is_worse, what = "window", False, "the time you have"
    elif _RETENTION_CTX.search(ctx) or category == "data_retention":
        kind, longer_is_worse, what = "retention", True, "retention"
    else:
        kind, longer_is_worse, what = "other", None, "the period"
    if n.old and n.new:
        a, b = find_numbers(n.old), find_numbers(n.new)
        if not a or not b or a[0].value == b[0].value:
            return None
        grew = b[0].value > a[0].value
        delta = 0 if longer_is_worse is None else (1 if grew == longer_is_worse else -1)
        return Evidence(key, delta, f"{what} {'grew' if grew else 'shrank'} {_fmt_pair(n)}")
    if kind == "notice":
        if n.old:
            return Evidence(
                key,
                1,
                f"the {n.old}' notice was removed"
                if n.old.endswith("s")
                else f"the {n.old} notice was removed",
            )
        return Evidence(key, -1, f"a notice period of {n.new} was added")
    if kind == "retention":
        if n.old:
            return Evidence(key, 1, f"the {n.old} retention limit was removed")
        if _kept_after_deletion(ctx):  # "we may keep your messages for two years after you delete ..."
            return Evidence(key, 1, f"data may be kept for {n.new} after you delete it or close your account")
        return Evidence(key, -1, f"a retention limit of {n.new} was added")
    return None


def _about_user_data(canon: str, phrase: str) -> bool:
    """True when the negated *phrase* is a promise about data ("we do not share your data"), not
    a rule for the user ("you may not use the services") or about something else."""
    at = canon.find(phrase)
    if at < 0 or USER_SUBJECT.search(words_before(canon, at)[-30:]):
        return False
    return DATA_OBJECT_RE.match(canon, at + len(phrase)) is not None


def _party_permitted(canon: str, party: str) -> tuple[bool, bool]:
    """(named in a sharing clause, named only in negated clauses) for a canonical party name."""
    return _party_mentions(canon).get(party, (False, True))


@lru_cache(maxsize=64)
def _party_mentions(canon: str) -> dict[str, tuple[bool, bool]]:
    """:func:`_party_permitted` for every party named in *canon*, in one pass over the text
    (asked once per party, a long provision was otherwise read again for each)."""
    found: dict[str, tuple[bool, bool]] = {}
    for clause in split_clauses(canon):
        flow = neg = None  # where the clause's first sharing verb and negation end (searched once)
        for m in PARTY_RE.finditer(clause):
            if flow is None or neg is None:  # (set together)
                first = FLOW_RE.search(clause)
                flow = first.end() if first else len(clause) + 1
                first = NEG_WORDS.search(clause)
                neg = first.end() if first else len(clause) + 1
            party = party_name(m)
            shared, negated_only = found.get(party, (False, True))
            # a party starts a word, so the text before it ends between words: a verb found
            # there is a verb of the whole clause that ends before the party
            if flow <= m.start():
                shared = True
            if not neg <= m.start():
                negated_only = False
            found[party] = (shared, negated_only)
    return found


def _flowing_parties(parties: list[str], canon: str, flow_category: bool) -> list[tuple[str, bool]]:
    """(party, named in a sharing clause) for each of *parties* that data flows to in *canon*: not
    named only in negated clauses, and named in a sharing clause or in a data-flow provision."""
    found = [(p, *_party_permitted(canon, p)) for p in parties]
    return [
        (p, shared) for p, shared, negated_only in found if not negated_only and (shared or flow_category)
    ]


def signal_evidence(category: str, sig: Signals, old_c: str, new_c: str) -> list[Evidence]:
    ev: list[Evidence] = []
    for s in sig.modality:
        if s.old and s.new:
            if s.direction == "weaker":
                ev.append(Evidence(f"modal:{s.old}>{s.new}", 1, f"'{s.old}' became '{s.new}'"))
            else:
                ev.append(Evidence(f"modal:{s.old}>{s.new}", -1, f"'{s.old}' became '{s.new}'"))
        elif s.new and stands_in(s.new, new_c):
            ev.append(Evidence("discretion", 1, f"'{s.new}' was added"))
        elif s.old and stands_in(s.old, old_c):
            ev.append(Evidence("discretion", -1, f"'{s.old}' was removed"))
    for neg in sig.negation:
        head = neg.phrase.split()[-1]
        key = next((k for rx, k in _NEG_HEAD_KEY if rx.match(head)), None)
        if (
            key is None
            or neg.phrase.startswith("no ")
            or not _about_user_data(old_c if neg.change == "removed" else new_c, neg.phrase)
        ):
            continue
        if neg.change == "removed":
            ev.append(
                Evidence(key, 2 if key in ("no_sale", "no_share") else 1, f"'{neg.phrase}' was removed")
            )
        else:
            ev.append(
                Evidence(
                    key, -2 if key in ("no_sale", "no_share") else -1, f"a promise was added ('{neg.phrase}')"
                )
            )
    if sig.reserve_right_added and reserves_right(new_c):
        ev.append(Evidence("reserve_right", 1, "'reserve the right' was added"))
    if sig.reserve_right_removed and reserves_right(old_c):
        ev.append(Evidence("reserve_right", -1, "'reserve the right' was removed"))
    # parties count where data flows to them: a sharing clause, or a data-flow provision
    flow_category = category in _FLOW_CATEGORIES
    joined = _flowing_parties(sig.parties_added, new_c, flow_category)
    if joined:
        shared = any(s for _, s in joined)
        tail = "were added to the parties data is shared with" if shared else "are now named"
        ev.append(Evidence("parties", 1, f"{_join([p for p, _ in joined])} {tail}"))
    left = _flowing_parties(sig.parties_removed, old_c, flow_category)
    if left:
        shared = any(s for _, s in left)
        tail = "are no longer among the parties data is shared with" if shared else "are no longer named"
        ev.append(Evidence("parties-", -1, f"{_join([p for p, _ in left])} {tail}"))
    party_words = {stem(w) for p in sig.parties_added + sig.parties_removed for w in p.split()}
    for e in sig.enumerations:
        items = [i for i in e.added + e.removed if len(max(i.split(), key=len)) <= 24]  # no run-together junk
        if not items or all(any(stem(w) in party_words for w in it.split()) for it in items):
            continue  # nothing readable, or already told as parties
        # a list of rights or choices: more items is better for the user; a list of data, purposes
        # or recipients after a data verb: more items is worse; anything else says nothing
        if _PROTECTIVE_LIST.search(e.context) or (
            category in _USER_CATEGORIES and any(_RIGHT_ITEM.search(i) for i in items)
        ):
            sign = -1
        elif (
            _FLOW_LIST.search(e.context) and (category in _FLOW_CATEGORIES or _DATA_NOUN.search(e.context))
        ) or (_SOFT_FLOW.search(e.context) and _DATA_NOUN.search(e.context)):
            sign = 1
        else:
            continue
        where = f" after '{e.context}'" if e.context else ""
        added = [i for i in e.added if i in items]
        removed = [i for i in e.removed if i in items]
        if added:
            ev.append(
                Evidence(f"enum+:{e.context}:{added}", sign, f"{_items(added)} added to the list{where}")
            )
        if removed:
            ev.append(
                Evidence(
                    f"enum-:{e.context}:{removed}", -sign, f"{_items(removed)} removed from the list{where}"
                )
            )
    for n in sig.numbers:
        found = _number_evidence(category, n, old_c, new_c)
        if found is not None:
            ev.append(found)
    return ev


def factor_evidence(old: list[Factor], new: list[Factor]) -> list[Evidence]:
    ev: list[Evidence] = []
    old_keys = {f.key for f in old}
    new_keys = {f.key for f in new}
    for f in old:  # what was lost first: "'will not sell' was removed"
        if f.key not in new_keys:
            ev.append(Evidence(f.key, -f.weight, f"'{f.quote}' was removed"))
    for f in new:
        if f.key not in old_keys:
            text = f"'{f.quote}' was added" if f.weight > 0 else f"{f.label} was added ('{f.quote}')"
            ev.append(Evidence(f.key, f.weight, text))
    return ev
