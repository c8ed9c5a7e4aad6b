"""A capture where part of the page failed to load (issue 12).

A crawler sometimes saves a page whose script failed half-way: where a section stood, the new
version shows "Application error: a client-side exception has occurred ...", "Page not found" or
"Please enable JavaScript". The section is not gone from the policy; it was not captured. The
passages such an error message stands in for are not compared, and the record carries a
``capture_mismatch`` flag that quotes the message (so history keeps the record out of timelines).

Only a short block that *is* an error message counts (a sentence of the policy that mentions an
error does not), and only when the old version does not show the same message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.model.diff import DiffResult, Hunk
from summarizer.text.lazy_re import lazy

#: A block of at most this many words can be an error message.
MAX_ERROR_WORDS = 40
#: A changed passage this close (in characters of the new text) to an error message is what it replaced.
REACH = 40

_ERROR = lazy(
    r"^\W*(?:application error: a client-side exception has occurred|"
    r"an? (?:unexpected )?error (?:has )?occurred|something went wrong|oops\b|"
    r"(?:error )?(?:404|403|500|502|503)\b\W{0,3}(?:page )?(?:not found|forbidden|error|unavailable)|"
    r"page not found|this (?:page|content) (?:isn['’]t|is not|could not be) (?:available|found|loaded)|"
    r"access denied|internal server error|service (?:temporarily )?unavailable|"
    r"(?:please )?(?:enable|turn on) javascript|you need to enable javascript|javascript is (?:disabled|required)|"
    r"failed to load)",
    re.I,
)


@dataclass
class CaptureError:
    """Error messages in the new version, and the hunks that stand where they are."""

    messages: list[str]
    hunk_ids: set[int]  # the hunks set aside: the messages themselves and what they replaced
    replaced: int  # how many of them removed or changed text

    def message(self) -> str:
        return (
            f"Part of the new capture is an error message ({self.messages[0][:120]!r}), not the document: "
            f"{self.replaced} passage(s) it stands in for were not compared. Check the capture."
        )


def _error_spans(diff: DiffResult) -> list[tuple[int, int, str]]:
    spans = []
    for block in diff.new.blocks:
        text = block.text.strip()
        if not text or not _ERROR.match(text) or len(text.split()) > MAX_ERROR_WORDS:
            continue
        spans.append((block.start, block.end, text.splitlines()[0].strip()))
    if spans:  # a message the old version showed too is part of the page, not a failed capture
        old_texts = {b.text.strip() for b in diff.old.blocks}
        spans = [s for s in spans if diff.new.text[s[0] : s[1]].strip() not in old_texts]
    return spans


def _near(h: Hunk, start: int, end: int) -> bool:
    return h.new_start <= end + REACH and h.new_end >= start - REACH


def capture_error(diff: DiffResult) -> CaptureError | None:
    """The error messages the new version shows in place of text, and the hunks they replaced."""
    if not any(h.kind in ("removed", "modified") for h in diff.hunks):
        return None
    spans = _error_spans(diff)
    if not spans:
        return None
    ids = {
        h.id
        for h in diff.hunks
        if h.kind in ("removed", "modified", "added") and any(_near(h, s, e) for s, e, _ in spans)
    }
    replaced = sum(1 for h in diff.hunks if h.kind in ("removed", "modified") and h.id in ids)
    if not replaced:
        return None  # the message replaced nothing: an error block added beside unchanged text
    return CaptureError([m for _, _, m in spans], ids, replaced)


#: Lines of a sign-in form: a capture that shows them instead of the page is a sign-in wall.
_SIGN_IN = lazy(
    r"^\W*(?:sign in(?: / register| or (?:register|sign up)| to continue)?|log ?in(?: to continue)?|"
    r"continue with (?:google|facebook|apple|phone number|email|microsoft)|please enter your (?:email|phone|password)"
    r"(?: address| number)?|trouble signing in\??|forgot (?:your )?password\??|create (?:an )?account)\W*$",
    re.I,
)
#: At least this many distinct sign-in lines new in the capture ...
SIGN_IN_LINES = 3
#: ... while at most this share of the old version's passages is still there.
SIGN_IN_KEPT = 0.5


def sign_in_wall(diff: DiffResult) -> str | None:
    """A sentence when the new capture shows a sign-in form the old one did not, and most of the
    old version's passages are missing from it: the policy was not captured, a sign-in page was."""
    old_lines = {line.strip().lower() for line in diff.old.text.splitlines() if line.strip()}
    found = {
        line.strip().lower()
        for line in diff.new.text.splitlines()
        if len(line.split()) <= 8 and _SIGN_IN.match(line) and line.strip().lower() not in old_lines
    }
    if len(found) < SIGN_IN_LINES:
        return None
    old_norms = [b.norm for b in diff.old.blocks if b.norm.count(" ") >= 3]
    if not old_norms:
        return None
    new_norms = {b.norm for b in diff.new.blocks}
    kept = sum(n in new_norms for n in old_norms) / len(old_norms)
    if kept > SIGN_IN_KEPT:
        return None
    return (
        f"The new capture shows a sign-in form ({len(found)} sign-in lines) and keeps only {round(100 * kept)}% "
        "of the old version's paragraphs, so it is probably a sign-in page, not a new version of this document."
    )


#: A line made only of cookie-consent buttons ('Accept all cookies', 'Reject all', 'Cookie settings'),
#: sometimes glued together by the capture ('Accept all cookiesAccept all strictly necessary cookies').
_CONSENT_BUTTONS = lazy(
    r"^\W*(?:(?:accept|allow|reject|decline|refuse|deny|agree|manage|customi[sz]e|save)(?: all)?"
    r"(?: (?:strictly necessary|necessary|essential|optional|non-essential|selected|my))?"
    r"(?: cookies| preferences| choices| settings)?|cookie (?:settings|preferences)|got it|ok(?:ay)?)"
    r"(?:\W*(?:(?:accept|allow|reject|decline|refuse|deny|agree|manage|customi[sz]e|save)(?: all)?"
    r"(?: (?:strictly necessary|necessary|essential|optional|non-essential|selected|my))?"
    r"(?: cookies| preferences| choices| settings)?|cookie (?:settings|preferences)|got it|ok(?:ay)?))*\W*$",
    re.I,
)
#: A consent banner has at most this many words.
MAX_BANNER_WORDS = 120
#: A banner stands within this many characters of the start or the end of the capture.
BANNER_EDGE = 3


_NONSPACE = lazy(r"\S")  # \s is what str.strip takes for white space (both use str.isspace)


def _at_edge(text: str, start: int, end: int) -> bool:
    """``not text[:start].strip() or len(text[end:].strip()) <= BANNER_EDGE``, without copying the
    rest of the document for each hunk (that made :func:`consent_banner` cost hunks x document
    length): each search stops at the first character that is not white space. After the first
    such character at or past *end*, the stripped rest is at most BANNER_EDGE long when nothing but
    white space stands from BANNER_EDGE characters on."""
    if _NONSPACE.search(text, 0, start) is None:
        return True
    first = _NONSPACE.search(text, end)
    return first is None or _NONSPACE.search(text, first.start() + BANNER_EDGE) is None


def consent_banner(diff: DiffResult) -> set[int]:
    """The hunks that are a cookie-consent banner one capture shows at its very start or end (a
    block that speaks of cookies and has a line of nothing but consent buttons): the site's page
    chrome, not a term of the policy, whatever its sentences say ('select only the strictly
    necessary ones')."""
    found: set[int] = set()
    for h in diff.hunks:
        if h.kind not in ("added", "removed") or h.cosmetic:
            continue
        doc, start, end, body = (
            (diff.new, h.new_start, h.new_end, h.new_text)
            if h.kind == "added"
            else (diff.old, h.old_start, h.old_end, h.old_text)
        )
        at_edge = _at_edge(doc.text, start, end)
        if not at_edge or len(body.split()) > MAX_BANNER_WORDS or "cookie" not in body.lower():
            continue
        if any(_CONSENT_BUTTONS.match(line) for line in body.splitlines() if line.strip()):
            found.add(h.id)
    return found


_LINK_URL = lazy(r"\]\((\S+?)\)")
_SLUG_SPLIT = lazy(r"[^0-9a-z]+")
#: A title must have at least this many words for its slug to identify a page.
MIN_TITLE_WORDS = 4


def _slug(title: str) -> str:
    return "-".join(w for w in _SLUG_SPLIT.split(title.lower().replace("’", "'")) if w)


def linked_page_added(diff: DiffResult) -> set[int]:
    """The hunks of a page the old version only linked to, now captured with it: every change is
    one block added at the start or end of the capture, under a title whose words are the address
    of a link the old version already had ('see [here](.../what-is-anthropic-s-policy-for-handling-
    governmental-requests-...)'). The archive's scope grew; the service changed nothing."""
    changed = [h for h in diff.hunks if not h.cosmetic]
    if len(changed) != 1 or changed[0].kind != "added":
        return set()
    h = changed[0]
    text = diff.new.text
    if text[: h.new_start].strip() and text[h.new_end :].strip():
        return set()  # inside the document, not a page put before or after it
    title = next((line.strip(" #*") for line in h.new_text.splitlines() if line.strip(" #*")), "")
    slug = _slug(title)
    if slug.count("-") + 1 < MIN_TITLE_WORDS or title in diff.old.text:
        return set()
    urls = [m.group(1).lower() for m in _LINK_URL.finditer(diff.old.text)]
    return {h.id} if any(slug in u for u in urls) else set()
