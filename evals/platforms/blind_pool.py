"""Make the blind labelling pools for "How other platforms handle this" (#14).

Pairs (provision, other service) are drawn by a salted hash from the bundled real documents
(evals/data/ota new.md), before and without running the ranker: one provision per category (the
provisions of labels.yaml left out), four other services each, among those with current passages in
the category. For each pair every current passage of the other service in that category is listed,
shuffled by hash, without rank or score: the labeller marks each one as treating the provision or
not. The ranker then picks one passage per service, and ``test_blind_labels.py`` scores its picks.

Usage: python evals/platforms/blind_pool.py > /tmp/pool.txt  (needs only this repository)

``--heldout`` draws the second blind set (blind_labels_heldout.yaml) with its own salt, leaving out
the provisions of labels.yaml and blind_labels.yaml: it was labelled before any tuning on the first
blind set, and is not tuned on.

``--round4`` draws the fresh blind set of round 4 (blind_labels_round4.yaml) with its own salt,
leaving out the provisions of all three earlier sets AND every (category, other service) pool any
earlier blind set labelled, so its provisions and candidate passages are all new to the labeller.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402
from sqlalchemy import text  # noqa: E402

from summarizer.store.db import open_engine  # noqa: E402
from summarizer.store.ingest import ingest_text  # noqa: E402
from summarizer.store.passage_index import category_passages  # noqa: E402

SALT = "blind-2026-12-06"
PROVISIONS = 12
OTHERS = 4
#: The held-out draw: its own salt and size (more provisions, smaller pools, so ~45 pairs stay
#: within what one person can label with care in one sitting).
HELDOUT = {"salt": "blind-heldout-2026-12-07", "provisions": 15, "max_pool": 18}
#: The round-4 fresh draw: one provision per category (all categories), smaller pools.
ROUND4 = {"salt": "blind-round4-2026-12-06", "provisions": 20, "max_pool": 12}
#: The label files whose provisions (and, for the blind ones, pools) a later draw leaves out.
EARLIER = ("labels.yaml", "blind_labels.yaml", "blind_labels_heldout.yaml")
#: Pairs whose other service has more passages than this in the category are left out (a pool of
#: 31 to 195 passages is more than one person can label with care; 5 of 48 drawn pairs).
MAX_POOL = 30
#: The first characters of a passage (whitespace folded) that identify it in the labels.
KEY_CHARS = 70


def _h(*parts: str, salt: str = SALT) -> str:
    return hashlib.sha1("|".join((salt, *parts)).encode()).hexdigest()


def key(excerpt: str) -> str:
    return " ".join(excerpt.split())[:KEY_CHARS]


def ingest_bundled(url: str) -> None:
    for folder in sorted((ROOT / "evals" / "data" / "ota").iterdir()):
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        ingest_text(
            url, meta["service"], meta["document_type"], (folder / "new.md").read_text(encoding="utf-8"),
            captured_at=datetime.fromisoformat(meta["new_date"]), source=str(folder.name),
        )  # fmt: skip


def _rows(name: str) -> list[dict]:
    return yaml.safe_load((ROOT / "evals/platforms" / name).read_text())


def draw(url: str, *, heldout: bool = False, round4: bool = False) -> list[dict]:
    """The pairs, each with its shuffled pool of the other service's passages in the category."""
    old = {tuple(r["provision"]) for r in _rows("labels.yaml")}
    salt, provisions, max_pool = SALT, PROVISIONS, MAX_POOL
    seen_pools: set[tuple[str, str]] = set()  # (category, other service) pools labelled before
    if round4:
        rows = [r for name in EARLIER for r in _rows(name)]
        old = {tuple(r["provision"]) for r in rows}
        seen_pools = {(r["provision"][2], r["other"]) for r in rows}
        salt, provisions, max_pool = ROUND4["salt"], ROUND4["provisions"], ROUND4["max_pool"]
    elif heldout:
        old |= {
            tuple(r["provision"])
            for r in yaml.safe_load((ROOT / "evals/platforms/blind_labels.yaml").read_text())
        }
        salt, provisions, max_pool = HELDOUT["salt"], HELDOUT["provisions"], HELDOUT["max_pool"]
    engine = open_engine(url)
    with engine.connect() as conn:
        provs = conn.execute(
            text(
                "SELECT DISTINCT s.name, d.doc_type, pc.category FROM passage_categories pc "
                "JOIN passages p ON p.id = pc.passage_id JOIN documents d ON d.id = p.document_id "
                "JOIN services s ON s.id = d.service_id WHERE p.is_current"
            )
        ).all()
        chosen: list[tuple[str, str, str]] = []
        seen_cats: set[str] = set()
        for p in sorted(provs, key=lambda p: _h(*p, salt=salt)):
            if tuple(p) in old or p[2] in seen_cats:
                continue
            chosen.append(tuple(p))
            seen_cats.add(p[2])
            if len(chosen) == provisions:
                break
        pairs = []
        for service, document, category in chosen:
            others = sorted(
                {h.service for h in category_passages(conn, category)}
                - {service}
                - {o for c, o in seen_pools if c == category},
                key=lambda s: _h(category, s, salt=salt),
            )[:OTHERS]
            for other in others:
                pool = category_passages(conn, category, service=other)
                if len(pool) > max_pool:
                    continue
                pool = sorted(pool, key=lambda h: _h(str(h.passage_id), h.text, salt=salt))
                pairs.append(
                    {
                        "provision": [service, document, category],
                        "other": other,
                        "pool": [{"document": h.document, "key": key(h.text), "text": h.text} for h in pool],
                    }
                )
    return pairs


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/store.db"
        ingest_bundled(url)
        pairs = draw(url, heldout="--heldout" in sys.argv[1:], round4="--round4" in sys.argv[1:])
    for i, pair in enumerate(pairs):
        print(f"=== pair {i}: provision {' / '.join(pair['provision'])}  ->  other: {pair['other']}")
        for j, p in enumerate(pair["pool"]):
            body = " ".join(p["text"].split())
            print(f"  [{j}] ({p['document']}) {body}")
        print()


if __name__ == "__main__":
    main()
