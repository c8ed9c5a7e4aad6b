"""The round-5 speed-ups of the offline compliance analysis (#15) give exactly what the code they
replaced gave: the shared region scan (and its search of only the lines the other version lacks), the
batched sentence reading of the no-material-change fallback and its early exit, the ASCII fast paths,
and the verbatim-quote shortcut. Each is checked against the one-at-a-time reference on texts built to
hit the edges (links across sentence cuts, URLs, markup, CRLF and other line ends, keywords at line
edges, characters whose lower case is longer, K/İ/ſ/ı) and on a few bundled pairs. The bench
(bench/compliance_bench.py) checks every bundled pair against the round-4 code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer.compliance import analysis, fallback, table
from summarizer.compliance.regions import REGIONS, TextScan, addressing_evidence, mentioned_regions
from summarizer.compliance.signals import ChangeSignals, drop_restated
from summarizer.compliance.verify import normalise
from summarizer.model.record import Change

OTA = Path(__file__).resolve().parents[2] / "evals" / "data" / "ota"
BUNDLED = [
    "adsense-privacy-policy-2023-09-11-2023-09-28",
    "airbnb-privacy-policy-2022-01-23-2022-01-24",
    "spotify-terms-of-service-2021-02-23-2021-09-01",
]

OLD = (
    "# Privacy Policy\r\n"
    "Last updated: May 5, 2023.\r\n"
    "We share data with [our partners. See the list](https://example.com/a. B) here. And more text follows "
    "in this sentence about data.\n"
    "Residents of California may opt out. If you are in the EU, contact our Data Protection Officer.\n"
    "**EEA users**: the\u00a0Irish Data Protection Commission is our lead authority.\n"
    "Visit www.example.com/privacy or https://example.com/x?y=1 for details;  More follows here.\n"
    "\tIndented | table | row | with | several | cells | and | many | words | here |\n"
    "Virginia\u2028Colorado\x85Texas\x0cUtah\n"
    "Repeated line about sale of your personal information to advertising partners for ads.\n"
    "Repeated line about sale of your personal information to advertising partners for ads.\n"
    "ΟΔΟΣ ΣΟΦΟΚΛΕΟΥΣ. Another sentence here.\n"
)
NEW = (
    "# Privacy Policy\r\n"
    "Last updated: June 1, 2024.\r\n"
    "We share data with [our partners. See the list](https://example.com/a. B) here. And more text follows "
    "in this sentence about data.\n"
    "Residents of California may opt out. We now sell your personal information to data brokers and "
    "advertising partners for cross-context behavioral advertising across many services.\n"
    "**EEA users**: the\u00a0Irish Data Protection Commission is our lead authority.\n"
    "UK users: the Information Commissioner. Texas residents have rights under Texas law too.\n"
    "\tIndented | table | row | with | several | cells | and | many | words | here |\n"
    "Repeated line about sale of your personal information to advertising partners for ads.\n"
    "Some *marked* _up_ text with `code` and > quotes that is long enough to count as a sentence now.\n"
)
EDGE_TEXTS = [
    OLD,
    NEW,
    "",
    "\n\n",
    "EU\nEU",
    "Brazil's LGPD. brazilian users. EEA\r\nEEA",
    "\u0130stanbul office. California residents. European Union. Hong Kong.",  # lower() grows 'İ'
    "KOREA and \u212aorea, the \u017fupervisory authority, supervisory authorıty",  # K, ſ, ı
    "Member States of the European Union; the FTC and COPPA. U.S. and USA.\u2029Japan\x1cIndia",
    # Lines repeated (searched in the distinct lines first), one with a lower case that grows.
    "Table row | Brazil | 12 | Texas |\n" * 20
    + "Users in the EU: the supervisory authority.\n"
    + "ΣΟΦΟΣ row\n" * 9,
    "\u0130stanbul row | Japan\n" * 12 + "California residents may ask.\n",
]


def _texts() -> list[tuple[str, str]]:
    pairs = [(OLD, NEW), (NEW, OLD), ("", NEW), (NEW, ""), (OLD, OLD), (EDGE_TEXTS[-2], EDGE_TEXTS[-2] + OLD)]
    pairs += [(a, b) for a in EDGE_TEXTS[2:] for b in (OLD, EDGE_TEXTS[-1])]
    for name in BUNDLED:
        d = OTA / name
        pairs.append(((d / "old.md").read_text(encoding="utf-8"), (d / "new.md").read_text(encoding="utf-8")))
    return pairs


PAIRS = _texts()


def _short(text: str) -> str:
    return repr(text[:24])


@pytest.mark.parametrize(("old", "new"), PAIRS, ids=[f"pair{i}" for i in range(len(PAIRS))])
def test_sentences_pair_is_sentences_of_each(old: str, new: str) -> None:
    got = fallback._sentences_pair(old, new)
    want = (fallback._sentences(old), fallback._sentences(new))
    assert [list(d.items()) for d in got] == [list(d.items()) for d in want]


@pytest.mark.parametrize(("old", "new"), PAIRS, ids=[f"pair{i}" for i in range(len(PAIRS))])
def test_changed_sentences_early_exit_changes_nothing(old: str, new: str, monkeypatch) -> None:
    fast = fallback.changed_sentences(old, new)
    monkeypatch.setattr(fallback, "_adds_long_sentence", lambda a, b: True)
    assert [c.model_dump() for c in fast] == [c.model_dump() for c in fallback.changed_sentences(old, new)]


def test_the_fallback_still_finds_a_new_sentence() -> None:
    found = fallback.changed_sentences(OLD, NEW)
    assert any("data brokers" in c.quotes_new[0] for c in found)


@pytest.mark.parametrize("text", EDGE_TEXTS + [p[1] for p in PAIRS[-len(BUNDLED) :]], ids=_short)
def test_scan_gives_the_same_regions_and_evidence(text: str) -> None:
    scan = TextScan(text)
    assert mentioned_regions(text, scan=scan) == mentioned_regions(text)
    assert addressing_evidence(text, scan=scan) == addressing_evidence(text)


@pytest.mark.parametrize(("old", "new"), PAIRS, ids=[f"pair{i}" for i in range(len(PAIRS))])
def test_scan_with_a_peer_reads_only_what_it_must(old: str, new: str) -> None:
    new_scan = TextScan(new)
    old_scan = TextScan(old, peer=new_scan)
    # What analyze_compliance read before round 5: both texts whole.
    want = mentioned_regions(new)
    for code, mention in mentioned_regions(old).items():
        want.setdefault(code, mention)
    got = analysis._named_regions(old_scan, new_scan)
    assert list(got.items()) == list(want.items())
    codes = [c for c in REGIONS if c not in addressing_evidence(new)]
    assert addressing_evidence(old, codes, scan=old_scan) == addressing_evidence(old, codes)
    assert addressing_evidence(old, scan=old_scan) == addressing_evidence(old)


def _mostly_latin_reference(text: str, sample: int = 20000) -> bool:
    letters = [ch for ch in text[:sample] if ch.isalpha()]
    return bool(letters) and sum(ch.isascii() for ch in letters) / len(letters) > 0.9


@pytest.mark.parametrize(
    "text",
    EDGE_TEXTS
    + [
        "1234 !!",
        "é" * 10 + "a" * 91,
        "é" * 10 + "a" * 89,
        "日本語のテキスト abc",
        "²½ abc",
        "x" * 30000 + "é" * 5,
    ],
    ids=_short,
)
def test_mostly_latin_fast_path(text: str) -> None:
    assert analysis._mostly_latin(text) == _mostly_latin_reference(text)


_AUTHORITY_TEXTS = [
    *EDGE_TEXTS,
    "Our lead authority is named here. Then more.",
    "xx" * 50 + "\nthe Data Protection Commissioner. " + "commission " * 3,
    "the affiliate commission is paid. Later, the supervisory authority decides.",
    "the superviſory authority (long s) decides.",
    "the data protection \u212aommission",  # no 'k' in the pattern: still no match
    "THE DATA PROTECTION AUTHORITY.",
    "data protection authorityx is not one, but lead authority is.",
]


@pytest.mark.parametrize("text", _AUTHORITY_TEXTS, ids=_short)
def test_names_authority_fast_path(text: str) -> None:
    assert analysis._names_authority(text, TextScan(text)) == analysis._names_authority(text)


def _signals(quotes_old: list[str], quotes_new: list[str]) -> ChangeSignals:
    change = Change(
        category="third_party_sharing",
        kind="removed",
        summary="s",
        severity_before="low",
        severity_after="low",
        shift_reason="r",
        direction="up",
        section="",
        quotes_old=quotes_old,
        quotes_new=quotes_new,
    )
    return ChangeSignals(
        change, signals={"opt_out_removed": "drops 'opt out'", "sale_of_data": "adds 'sell'"}
    )


_SPACE = re.compile(r"\s+")


@pytest.mark.parametrize(
    "olds",
    [
        ["Residents of California may opt out."],
        ["Residents  of\nCalifornia may"],
        ["not there at all"],
        ["  "],
    ],
)
def test_drop_restated_shortcut(olds: list[str]) -> None:
    fast = [_signals(olds, []), _signals(olds, ["new words"])]
    drop_restated(fast, NEW)
    restated = all(_SPACE.sub(" ", q).strip() in _SPACE.sub(" ", NEW) for q in olds if q.strip())
    if restated and any(q.strip() for q in olds):
        assert fast[0].signals == {} and fast[1].signals == {"sale_of_data": "adds 'sell'"}
    else:
        assert len(fast[0].signals) == 2 and len(fast[1].signals) == 2


@pytest.mark.parametrize("text", [OLD, NEW, " a  b\t\nc \u00a0d\u2028 "])
def test_verbatim_quote_is_found_normalised(text: str) -> None:
    """The lemma behind the shortcut in verify_section and drop_restated: any piece of a text,
    normalised, is in the text normalised."""
    step = max(1, len(text) // 60)
    for i in range(0, len(text), step):
        for j in range(i, len(text) + 1, step):
            assert normalise(text[i:j]) in normalise(text)


DATA = Path(__file__).resolve().parents[2] / "summarizer" / "data"


def test_table_sidecar_holds_what_the_yaml_parses_to() -> None:
    text = (DATA / "regulations.yaml").read_text(encoding="utf-8")
    assert table._from_sidecar(text) == table.parse_table(text)
    assert table._from_sidecar(text + "\n# edited\n") is None  # stale: the YAML is read instead
    assert table._packaged() == table.parse_table(text)


def test_table_sidecar_is_up_to_date() -> None:
    want = table.sidecar_json((DATA / "regulations.yaml").read_text(encoding="utf-8"))
    assert (DATA / "regulations.json").read_text(encoding="utf-8") == want, (
        "summarizer/data/regulations.json is stale (the YAML changed): run python bench/regulations_sidecar.py"
    )
