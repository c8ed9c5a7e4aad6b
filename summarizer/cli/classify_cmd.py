"""``summarizer classify``: taxonomy categories for passages, JSON lines in and out."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer

from summarizer.cli.app import app


@app.command("classify")
def classify_command(
    file: str = typer.Argument(
        "-", metavar="FILE|-", help='JSON lines {"id", "text"}; \'-\' or nothing for stdin.'
    ),
    explain: bool = typer.Option(
        False, "--explain", help="Add the hits: category, score and the terms that fired."
    ),
) -> None:
    """Classify passages into taxonomy categories: one JSON line out per line in, order kept.

    Every input line is checked before anything is written: a malformed line stops the run with
    one error naming its line number (exit 2). Blank lines are skipped.
    """
    from summarizer.rubric import classifier

    records = _read_records(file)
    out = sys.stdout
    for record_id, text in records:
        row: dict[str, Any] = {"id": record_id}
        if explain:
            hits = classifier.explain(text)
            row["categories"] = [h.category for h in hits]
            row["hits"] = [{"category": h.category, "score": h.score, "terms": h.terms} for h in hits]
        else:
            row["categories"] = classifier.classify(text)
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    out.flush()


def _read_records(file: str) -> list[tuple[Any, str]]:
    """Parse and check every line; raise InputError naming the first bad line."""
    from summarizer.errors import InputError

    raw = _read_bytes(file)
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{_name(file)}: not UTF-8 text (byte {exc.start})") from None
    records: list[tuple[Any, str]] = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{_name(file)} line {number}: not valid JSON ({exc.msg})") from None
        except RecursionError:
            raise InputError(f"{_name(file)} line {number}: JSON nested too deeply") from None
        if not isinstance(item, dict):
            raise InputError(f'{_name(file)} line {number}: expected a JSON object with "id" and "text"')
        if "id" not in item:
            raise InputError(f'{_name(file)} line {number}: missing "id"')
        if not isinstance(item["id"], (str, int)) or isinstance(item["id"], bool):
            raise InputError(f'{_name(file)} line {number}: "id" must be a string or an integer')
        if not isinstance(item.get("text"), str):
            raise InputError(f'{_name(file)} line {number}: "text" must be a string')
        records.append((item["id"], item["text"]))
    return records


def _read_bytes(file: str) -> bytes:
    from pathlib import Path

    from summarizer.config import max_input_bytes
    from summarizer.diffing.load import MAX_BYTES, read_limited
    from summarizer.errors import InputError

    limit = max_input_bytes(MAX_BYTES)
    if file == "-":
        return read_limited(sys.stdin.buffer, "stdin", limit)
    path = Path(file)
    try:
        with path.open("rb") as stream:
            return read_limited(stream, file, limit)
    except FileNotFoundError:
        raise InputError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{file}: is a directory, expected a JSON lines file") from None
    except OSError as exc:
        raise InputError(f"{file}: cannot read ({exc.strerror})") from None


def _name(file: str) -> str:
    return "stdin" if file == "-" else file
