"""Whether a reworded sentence gained an item or only a qualifier (issue 12, round 8).

The clause reader (:func:`summarizer.rubric.clauses._widening`) reads a reworded sentence that only
gains words as reaching further. That is right when the words add an item to what the clause covers,
joined to it by a comma, "or", "and" or "including" ("standard or express shipping" -> "standard,
express shipping or Click & Collect"; "HIV status, vaccination status, photos"). It is wrong when the
words qualify or name something the clause already covered: "purchased a plan" -> "purchased a
**paid** plan", "within five **business** days **of receiving the notification**", "If your **Skype to
Phone** emergency call", "You **as a seller** must", "we may share **some of** your information". A
qualifier narrows what it qualifies or names it; it does not reach further, so it is no cue either
way (the change abstains unless other sentences say which way it cuts).
"""

from __future__ import annotations

from summarizer.text.lazy_re import lazy

#: Words and marks that join an item to a list or a clause to another.
COORDINATORS = frozenset({",", ";", "or", "and", "nor", "including", "plus"})
_TOKEN = lazy(r"[a-z0-9]+(?:['’][a-z]+)?|[,;]")


def _tokens(sentence: str) -> list[str]:
    return _TOKEN.findall(sentence.lower())


def only_qualifiers(old: str, new: str) -> bool:
    """Every run of words the reworded sentence *new* gained over *old* qualifies or names what was
    there (no run holds a comma, "or", "and", "including" ..., nor follows one); False when some run
    adds an item to a list or a clause to the sentence, or when no word was gained."""
    from difflib import SequenceMatcher  # lazily: start-up time is measured

    a, b = _tokens(old), _tokens(new)
    runs = [
        (b[j1:j2], b[j1 - 1] if j1 else "")
        for op, _i1, _i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
        if op in ("insert", "replace") and any(t not in COORDINATORS for t in b[j1:j2])
    ]
    return bool(runs) and not any(
        before in COORDINATORS or COORDINATORS.intersection(run) for run, before in runs
    )
