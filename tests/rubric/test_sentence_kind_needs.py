"""sentence_kind skips a cue pattern whose literal text is not in the sentence (text/regex_needs.py)
and still names the kind the plain loop over every pattern named: on every sentence of the bundled
versions, and on hypothesis sentences made of the cues' own words with the characters that fold
specially under IGNORECASE."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.rubric import clauses
from summarizer.rubric.relative_clauses import main_clause
from summarizer.text.extract import sentences

_OTA = Path(__file__).resolve().parents[2] / "evals" / "data" / "ota"


def _plain_kind(sentence: str) -> str | None:
    """The loop sentence_kind ran before its patterns had literal clauses."""
    text = main_clause(clauses._expand(sentence))
    for kind, pattern in clauses._CUES:
        if pattern.search(text):
            return kind
    return None


def test_same_kind_on_every_bundled_sentence() -> None:
    seen: set[str] = set()
    kinds = 0
    for path in sorted(_OTA.glob("*/*.md")):
        for span in sentences(path.read_text(encoding="utf-8")):
            if span.text in seen:
                continue
            seen.add(span.text)
            kind = _plain_kind(span.text)
            assert clauses.sentence_kind.__wrapped__(span.text) == kind, span.text
            kinds += kind is not None
    assert len(seen) > 10_000 and kinds > 1_000  # the comparison covers many sentences of each outcome


_WORDS = (
    "we will not sell your data you may opt out request delete customers can ask us to we reserve the right to "
    "suspend your account indemnify hold harmless grant a perpetual licence must not shall may lead to termination "
    "subject to our policies train AI models unless you opt out no longer offer automated decisions charged "
    "subscriptions will automatically renew Examplesoft does not use cookies İt ıs ſell Kiss ’ don't won't ."
).split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14).map(" ".join))
def test_same_kind_on_sentences_of_cue_words(sentence: str) -> None:
    assert clauses.sentence_kind.__wrapped__(sentence) == _plain_kind(sentence)
