"""The shortcuts that make `summarizer diff --format json` fast must not change what it says.

Each test pins one shortcut against the plain computation it replaces: the Typer-free command
line, the hand-written signals dict, the line-by-line word count, the once-per-distinct-change signals,
and the line-by-line contraction pass in ``canonical``.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.diffing.engine import diff_documents
from summarizer.diffing.load import parse_document
from summarizer.diffing.signals import canonical, compute_signals
from summarizer.diffing.signals.canonical_text import PARAGRAPH_BREAK
from summarizer.model.diff import (
    EnumerationChange,
    ModalityShift,
    NegationChange,
    NumberChange,
    Signals,
    signals_to_dict,
)
from summarizer.model.document import Document
from summarizer.text.normalise import normalise


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "summarizer", *args], capture_output=True, timeout=60)


# --- the command line ---------------------------------------------------------------------------


def test_fast_and_typer_paths_print_the_same_bytes(ota_dir):
    pair = ota_dir / "wix-privacy-policy-2020-07-13-2020-07-22"
    old, new = str(pair / "old.md"), str(pair / "new.md")
    fast = run("diff", old, new, "--format", "json")
    via_typer = run("diff", old, new, "-fjson")  # a short-option cluster goes through Typer
    assert fast.returncode == via_typer.returncode == 0, fast.stderr + via_typer.stderr
    assert fast.stdout == via_typer.stdout
    assert b'"hunks": [{"id": 1' in fast.stdout


def test_the_json_diff_does_not_load_typer_or_pydantic(tmp_path):
    (tmp_path / "a.md").write_text("# T\n\nWe keep logs for 30 days.\n")
    (tmp_path / "b.md").write_text("# T\n\nWe keep logs for 90 days.\n")
    code = (
        "import sys; from summarizer.cli import main; main(sys.argv[1:]); "
        "sys.stderr.write(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'pydantic', 'rich'))))"
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "diff",
            str(tmp_path / "a.md"),
            str(tmp_path / "b.md"),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert '"numbers": [{"old": "30 days", "new": "90 days"' in proc.stdout
    assert proc.stderr == ""


# --- serialisation ------------------------------------------------------------------------------


def test_signals_dict_is_asdict():
    full = Signals(
        modality=[ModalityShift("will", "may", "weaker")],
        negation=[NegationChange("removed", "do not sell")],
        enumerations=[EnumerationChange(["advertisers"], ["partners"], "share with")],
        parties_added=["advertisers"],
        parties_removed=["partners"],
        parties=["advertisers", "partners"],
        numbers=[NumberChange("30 days", "180 days", "days")],
        reserve_right_added=True,
        reserve_right_removed=False,
    )
    assert signals_to_dict(full) == dataclasses.asdict(full)
    assert list(signals_to_dict(full)) == [f.name for f in dataclasses.fields(Signals)]
    assert signals_to_dict(Signals()) == dataclasses.asdict(Signals())


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "word",
                "mot",
                "\n",
                "\n\n",
                " ",
                "\t",
                "\u00a0",
                "\u2028",
                "\u3000",
                "\x1c",
                "\r",
                "é",
                "-",
                "word\nword",
            ]
        ),
        max_size=60,
    ).map("".join)
)
def test_word_count_is_the_number_of_whitespace_separated_words(text):
    assert Document(text=text, blocks=[]).word_count == len(text.split())


def test_word_count_on_a_real_policy(ota_dir):
    text = (ota_dir / "microsoft-privacy-policy-2020-12-08-2020-12-08" / "old.md").read_text(encoding="utf-8")
    assert Document(text=text * 3, blocks=[]).word_count == len((text * 3).split()) > 100_000


# --- signals computed once per distinct change ------------------------------------------------------


def test_a_change_repeated_verbatim_gets_equal_but_separate_signals():
    block_old = "We will not sell your personal information to advertisers."
    block_new = "We may sell your personal information to advertisers and partners for 180 days."
    old = parse_document(f"# A\n\n{block_old}\n\n# B\n\nOther text here.\n\n# C\n\n{block_old}\n")
    new = parse_document(f"# A\n\n{block_new}\n\n# B\n\nOther text here.\n\n# C\n\n{block_new}\n")
    hunks = diff_documents(old, new).hunks
    assert len(hunks) == 2 and hunks[0].section_new == ("A",) and hunks[1].section_new == ("C",)
    expected = compute_signals(normalise(block_old), normalise(block_new))
    assert not expected.is_empty()
    assert hunks[0].signals == hunks[1].signals == expected
    assert hunks[0].signals is not hunks[1].signals
    assert hunks[0].signals.parties is not hunks[1].signals.parties
    assert hunks[0].changes == hunks[1].changes and hunks[0].changes is not hunks[1].changes


# --- canonical: contractions and "not limited to" handled line by line ---------------------------

_CONTRACTION = re.compile(r"\b(won't|can't|cannot|shan't)\b|(?<=[a-z])n't\b|(?<=[a-z])('ll)\b")
_CONTRACTION_MAP = {"won't": "will not", "can't": "can not", "cannot": "can not", "shan't": "shall not"}
_FALSE_NEGATION = re.compile(r"\b(?:but )?not (?:be )?limited to\b|\bnot only\b|\b(?:whether )?or not\b")


def _canonical_whole_text(text: str) -> str:
    """The original formulation: every pattern over the whole text, then every line re-spaced."""
    if not text:
        return ""
    parts = PARAGRAPH_BREAK.split(text) if "\n" in text else [text]
    t = "\n".join(p for p in (normalise(part) for part in parts) if p).casefold()

    def expand(m: re.Match[str]) -> str:
        return _CONTRACTION_MAP[m.group(1)] if m.group(1) else (" will" if m.group(2) else " not")

    edited = False
    if "n't" in t or "cannot" in t or "'ll" in t:
        t, edited = _CONTRACTION.sub(expand, t), True
    if "not limited" in t or "not be limited" in t or "not only" in t or "or not" in t:
        t, edited = _FALSE_NEGATION.sub(" ", t), True
    if not edited:
        return t
    return "\n".join(re.sub(r"\s+", " ", line).strip() for line in t.split("\n"))


_PIECES = st.sampled_from(
    [
        "We",
        "won't",
        "can't",
        "cannot",
        "shan't",
        "don't",
        "you'll",
        "it'll",
        "not",
        "limited",
        "to",
        "but",
        "be",
        "only",
        "or",
        "whether",
        "sell",
        "share",
        "data",
        ",",
        ".",
        "  ",
        "\n",
        "\n\n",
        "- ",
        "1. ",
        "**",
        "Ä",
        "\u00a0",
        "n't",
        "'ll",
        "NOT",
        "Only",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=40).map(" ".join))
def test_canonical_matches_the_whole_text_formulation(text):
    assert canonical.__wrapped__(text) == _canonical_whole_text(text)


def test_canonical_matches_on_real_policies(ota_dir):
    for pair in sorted(ota_dir.iterdir())[:25]:
        text = (pair / "new.md").read_text(encoding="utf-8")
        assert canonical.__wrapped__(text) == _canonical_whole_text(text), pair.name


# --- loose_key and the word diff's token keys ------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["1,000", "2.5", "a,b", "Word", "don't", "x_y", "é", ",", " ", "\n", "3,5,7", "**b**", "-", "'"]
        ),
        max_size=30,
    ).map("".join)
)
def test_loose_key_matches_the_token_by_token_formulation(text):
    from summarizer.text.normalise import _LOOSE_TOKEN, loose_key

    base = normalise(text)
    expected = " ".join(m.replace(",", "") for m in _LOOSE_TOKEN.findall(base.casefold().replace("'", "")))
    assert loose_key(text) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["we", "**sell**", "`code`", "\u201cdata\u201d", "data", "—", "-", "~~x~~", "*", "\u2019s"]
        ),
        max_size=25,
    ).map(" ".join),
    st.lists(
        st.sampled_from(["we", "sell", "code", '"data"', "data", "-", "x", "**", "'s"]), max_size=25
    ).map(" ".join),
)
def test_word_changes_match_the_plain_token_keys(old, new):
    import difflib

    from summarizer.diffing.engine import _WORD, _token_key, word_changes

    ta, tb = _WORD.findall(old), _WORD.findall(new)
    sm = difflib.SequenceMatcher(
        None, [_token_key(t) for t in ta], [_token_key(t) for t in tb], autojunk=len(ta) > 2000
    )
    expected = [
        (op, " ".join(ta[i1:i2]), " ".join(tb[j1:j2]))
        for op, i1, i2, j1, j2 in sm.get_opcodes()
        if op != "equal"
    ]
    assert [(c.op, c.old, c.new) for c in word_changes(old, new)] == expected
