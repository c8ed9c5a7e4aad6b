"""Where versions come from: one file, a folder of dated snapshots, or an Open Terms Archive git repo.

Each source yields :class:`Candidate` versions (service, document, text, capture time); the
ingest module decides which of them are new. Nothing here touches the database.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from summarizer.diffing.load import decode, html_to_text, read_source, sniff_format
from summarizer.errors import InputError

SNAPSHOT_SUFFIXES = {".md", ".markdown", ".txt", ".text", ".html", ".htm", ".xhtml"}


@dataclass(frozen=True)
class Candidate:
    """One version as found in a source, before the store decides whether it is new."""

    service: str
    document: str
    text: str
    captured_at: datetime  # aware, UTC
    source: str


# --- dates --------------------------------------------------------------------------------------

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_ISO_IN_NAME = re.compile(
    r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?:[T_ ](\d{2})[:\-h]?(\d{2})(?:[:\-m]?(\d{2}))?)?(?!\d)"
)
_EFFECTIVE_LINE = re.compile(
    r"(last\s+(?:updated|modified|revised|changed)|effective(?:\s+date|\s+as\s+of|\s+from|\s+on)?|"
    r"updated(?:\s+on)?|revised(?:\s+on)?|version\s+date|date\s+of\s+last\s+revision)\b",
    re.I,
)
_DATE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DATE_MDY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DATE_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")


def parse_when(value: str) -> datetime:
    """An ISO date or date-time from the command line as an aware UTC datetime (InputError if not one)."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(
            f"date {value!r}: expected an ISO date such as 2021-02-23 or 2021-02-23T10:00:00Z",
            setting="date",
        ) from None
    return as_utc(parsed)


def as_utc(value: datetime) -> datetime:
    """Naive datetimes are taken as UTC; aware ones are converted to UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def date_from_name(name: str) -> datetime | None:
    """The date (and time, when present) a snapshot's file name carries, e.g. '2021-02-23.md'."""
    match = _ISO_IN_NAME.search(name)
    if not match:
        return None
    y, mo, d, h, mi, s = match.groups()
    try:
        return datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), tzinfo=UTC)
    except ValueError:
        return None


def effective_date(text: str) -> date | None:
    """The 'Effective date' / 'Last updated' a document states near its top, if it states one."""
    for line in text[:6000].splitlines()[:80]:
        if not _EFFECTIVE_LINE.search(line):
            continue
        found = _parse_date(line)
        if found:
            return found
    return None


def _parse_date(line: str) -> date | None:
    candidates: list[tuple[int, int, int]] = []
    if m := _DATE_ISO.search(line):
        candidates.append((int(m[1]), int(m[2]), int(m[3])))
    if (m := _DATE_MDY.search(line)) and m[1].lower() in _MONTHS:
        candidates.append((int(m[3]), _MONTHS[m[1].lower()], int(m[2])))
    if (m := _DATE_DMY.search(line)) and m[2].lower() in _MONTHS:
        candidates.append((int(m[3]), _MONTHS[m[2].lower()], int(m[1])))
    for y, mo, d in candidates:
        try:
            return date(y, mo, d)
        except ValueError:
            continue
    return None


# --- files and folders --------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """A snapshot file as stored text: decoded, and converted to Markdown-like text when it is HTML."""
    data = read_source(path)
    text = decode(data, str(path))
    if sniff_format(path.name, text) == "html":
        try:
            text = html_to_text(text)
        except RecursionError:
            raise InputError(f"{path}: HTML nested too deeply to read") from None
    if not text.strip():
        raise InputError(f"{path}: no text content")
    return text


def file_candidate(path: Path, service: str, document: str, when: datetime | None = None) -> Candidate:
    """One file as a version, dated by *when*, else the date in its name, else now."""
    captured = when or date_from_name(path.name) or datetime.now(UTC)
    return Candidate(service, document, read_text(path), as_utc(captured), str(path.resolve()))


def folder_candidates(folder: Path, service: str, document: str) -> list[Candidate]:
    """Every snapshot file of a folder, oldest first: dated by the date in its name, else its mtime."""
    files = [p for p in sorted(folder.iterdir()) if p.is_file() and p.suffix.lower() in SNAPSHOT_SUFFIXES]
    if not files:
        raise InputError(f"{folder}: no snapshot files (.md, .txt, .html) in this folder")
    return folder_scan(folder, service, document).candidates  # type: ignore[return-value]


def folder_scan(folder: Path, service: str, document: str) -> "Scan":
    """:func:`folder_candidates` that keeps going past a file it cannot read: the good files are
    the candidates, each bad one a line in ``failed`` (only a folder of nothing but bad files fails)."""
    files = [p for p in sorted(folder.iterdir()) if p.is_file() and p.suffix.lower() in SNAPSHOT_SUFFIXES]
    if not files:
        raise InputError(f"{folder}: no snapshot files (.md, .txt, .html) in this folder")
    found, failed = [], []
    for path in files:
        when = date_from_name(path.name) or datetime.fromtimestamp(path.stat().st_mtime, UTC)
        try:
            found.append(Candidate(service, document, read_text(path), when, str(path.resolve())))
        except InputError as exc:
            failed.append(str(exc))
    if not found:
        raise InputError(
            failed[0] if len(failed) == 1 else f"{failed[0]} (and {len(failed) - 1} more bad files)"
        )
    found.sort(key=lambda c: (c.captured_at, c.source))
    return Scan(len(found), found, failed)


# --- Open Terms Archive git repositories ------------------------------------------------------


def is_git_repo(path: Path) -> bool:
    return (path / ".git").exists()


@dataclass
class Scan:
    """What a source holds: how many versions (for progress) and the versions themselves, oldest first."""

    total: int
    candidates: Iterable[Candidate]
    failed: list[str] = field(default_factory=list)  # one line per file that could not be read


@dataclass(frozen=True)
class _Change:
    commit: str
    when: datetime
    blob: str
    path: str


def git_candidates(
    repo: Path, service: str | None = None, document: str | None = None, *, batch: int = 256
) -> Scan:
    """Walk a git repository in Open Terms Archive layout (``<service>/<document type>.md``), oldest first.

    Every commit that adds or modifies such a file yields one version of that document, dated by
    the commit date. ``service`` / ``document`` restrict the walk. Blobs are read *batch* at a time
    so a long history never sits in memory whole.
    """
    changes = list(_git_changes(repo, service, document))

    def generate() -> Iterator[Candidate]:
        for start in range(0, len(changes), batch):
            chunk = changes[start : start + batch]
            blobs = _read_blobs(repo, sorted({c.blob for c in chunk}))
            for change in chunk:
                svc, doc_file = change.path.split("/", 1)
                try:
                    text = decode(blobs[change.blob], change.path)
                except InputError:
                    continue  # binary or undecodable snapshot: not a readable version
                if not text.strip():
                    continue
                yield Candidate(
                    svc,
                    doc_file.removesuffix(".md"),
                    text,
                    change.when,
                    f"{repo.resolve()}@{change.commit}:{change.path}",
                )

    return Scan(len(changes), generate())


def scan(
    path: str | Path, service: str | None = None, document: str | None = None, when: datetime | None = None
) -> Scan:
    """The versions *path* holds: a git repository in OTA layout, a folder of snapshots, or one file."""
    path = Path(path).expanduser()
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if path.is_dir() and is_git_repo(path):
        if when is not None:
            raise InputError(
                "a date does not apply to a git repository: versions are dated by their commits",
                setting="date",
            )
        return git_candidates(path, service, document)
    if not service or not document:
        kind = "folder" if path.is_dir() else "file"
        raise InputError(
            f"{path}: a {kind} needs a service and a document type (only a git repository in Open Terms "
            "Archive layout names them itself)",
            setting="service",
        )
    if path.is_dir():
        if when is not None:
            raise InputError(
                "a date applies to a single file; a folder's snapshots are dated by their names",
                setting="date",
            )
        return folder_scan(path, service, document)
    return Scan(1, [file_candidate(path, service, document, when)])


def _git(repo: Path, *args: str, input: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), "-c", "core.quotePath=false", *args],
            input=input,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise InputError("git is not installed: it is needed to ingest a git repository") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"{repo}: git {args[0]} failed: {message[-1] if message else 'unknown error'}")
    return done.stdout


def _git_changes(repo: Path, service: str | None, document: str | None) -> Iterator[_Change]:
    """(commit, date, blob, path) for every added or modified ``<service>/<doc>.md``, oldest first."""
    if service and document:
        pathspec = [f"{service}/{document}.md"]
    elif service:
        pathspec = [f"{service}/*.md"]
    elif document:
        pathspec = [f"*/{document}.md"]
    else:
        pathspec = ["*/*.md"]
    # -z: NUL-separated, paths verbatim. Each commit starts with a marker record "\x01<sha> <date>".
    out = _git(
        repo,
        "log",
        "--reverse",
        "--raw",
        "-z",
        "--no-abbrev",
        "--no-renames",
        "--first-parent",
        "--format=%x01%H %cI",
        "--",
        *[f":(glob){p}" for p in pathspec],
    )
    commit, when = "", datetime.min.replace(tzinfo=UTC)
    fields = out.split(b"\0")
    i = 0
    while i < len(fields):
        field = fields[i].strip(b"\n")
        i += 1
        if not field:
            continue
        if field.startswith(b"\x01"):
            sha, stamp = field[1:].decode().split(" ", 1)
            commit, when = sha, as_utc(datetime.fromisoformat(stamp.strip()))
            continue
        if field.startswith(b":"):  # ":100644 100644 <old> <new> M" then the path in the next field
            meta = field[1:].decode().split()
            status, new_blob = meta[4], meta[3]
            path = fields[i].decode("utf-8", "surrogateescape")
            i += 1
            if status[0] in "AMT" and path.count("/") == 1 and path.endswith(".md"):
                yield _Change(commit, when, new_blob, path)


def _read_blobs(repo: Path, shas: list[str]) -> dict[str, bytes]:
    """Every blob's content through one ``git cat-file --batch`` process."""
    if not shas:
        return {}
    out = _git(repo, "cat-file", "--batch", input=("\n".join(shas) + "\n").encode())
    blobs: dict[str, bytes] = {}
    pos = 0
    for sha in shas:
        header_end = out.index(b"\n", pos)
        header = out[pos:header_end].decode().split()
        if len(header) < 3 or header[1] != "blob":
            raise InputError(f"{repo}: git object {sha} is missing")
        size = int(header[2])
        start = header_end + 1
        blobs[sha] = out[start : start + size]
        pos = start + size + 1  # content is followed by a newline
    return blobs
