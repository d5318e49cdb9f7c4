"""``token_counter``, ``encode``, ``decode`` and the tokenizer helpers, counted by the Rust core
(``src/tokens``) with the tiktoken encodings bundled in the binary: nothing is downloaded.

Where Ferrolite differs from LiteLLM 1.109.1 on purpose (see the README):
- text is counted in one piece; LiteLLM sums 1024-character slices, which overcounts long
  texts (10,038 instead of 10,001 tokens for 45,000 characters on gpt-4o);
- ``encode``/``decode`` use the model's own encoding (o200k_base for gpt-4o), the one
  ``token_counter`` counts with; LiteLLM encodes every OpenAI model with cl100k_base;
- models LiteLLM counts with a Hugging Face tokenizer (a few bare Claude names, DeepSeek, and
  Llama/Cohere ones it downloads) are counted with cl100k_base unless a ``custom_tokenizer``
  is given, as LiteLLM itself does when offline;
- a high-detail image at an http(s) URL is not downloaded to be sized: it raises ValueError
  (LiteLLM's error when the download fails) unless ``default_token_count`` is set.
"""

from __future__ import annotations

import sys
from typing import Optional

from litellm import _core

_litellm = sys.modules["litellm"]

UnsupportedContentTypeError = _core.UnsupportedContentTypeError


def _as_dict(message):
    if isinstance(message, dict):
        return message
    dump = getattr(message, "model_dump", None)
    return dump(exclude_none=True) if dump is not None else dict(message)


def _hf_counter(custom_tokenizer):
    """A count function for a Hugging Face tokenizer dict; None means the model's encoding
    (LiteLLM also counts with the model's encoding when given an ``openai_tokenizer`` dict)."""
    if not custom_tokenizer:
        return None
    kind = custom_tokenizer.get("type")
    if kind == "huggingface_tokenizer":
        tokenizer = custom_tokenizer["tokenizer"]
        return lambda text: len(tokenizer.encode(text).ids)
    if kind == "openai_tokenizer":
        return None
    raise ValueError("Unsupported tokenizer type")


def token_counter(  # noqa: PLR0913 - LiteLLM's public signature
    model: str = "",
    custom_tokenizer: Optional[dict] = None,
    text=None,
    messages=None,
    count_response_tokens: Optional[bool] = False,
    tools: Optional[list] = None,
    tool_choice=None,
    use_default_image_token_count: Optional[bool] = False,
    default_token_count: Optional[int] = None,
) -> int:
    """The number of tokens in ``text`` or ``messages`` (with OpenAI's per-message framing,
    tool definitions and images), as LiteLLM counts them."""
    if getattr(_litellm, "disable_token_counter", False):
        return 0
    request = {
        "text": text,
        "messages": None if messages is None else [_as_dict(m) for m in messages],
        "count_response_tokens": count_response_tokens,
        "tools": tools,
        "tool_choice": tool_choice,
        "use_default_image_token_count": bool(use_default_image_token_count),
        "default_token_count": default_token_count,
    }
    return _core.token_counter(model or "", request, _hf_counter(custom_tokenizer))


def _encoding_name(model) -> str:
    return _core.encoding_for_model(model or "")


def encode(model: str = "", text: str = "", custom_tokenizer: Optional[dict] = None) -> list:
    """Token ids of ``text`` for ``model`` (or a tokenizer from ``create_tokenizer``)."""
    if custom_tokenizer:
        tokenizer = custom_tokenizer["tokenizer"]
        if custom_tokenizer.get("type") == "openai_tokenizer":
            return list(tokenizer.encode(text, disallowed_special=()))
        encoded = tokenizer.encode(text)
        return list(getattr(encoded, "ids", encoded))
    return _core.encode(_encoding_name(model), text)


def decode(
    model: str = "", tokens=(), custom_tokenizer: Optional[dict] = None, skip_special_tokens: bool = True
):
    """Text for token ids of ``model`` (or of a tokenizer from ``create_tokenizer``)."""
    if custom_tokenizer:
        tokenizer = custom_tokenizer["tokenizer"]
        if custom_tokenizer.get("type") == "huggingface_tokenizer":
            return tokenizer.decode(list(tokens), skip_special_tokens=skip_special_tokens)
        return tokenizer.decode(list(tokens))
    return _core.decode(_encoding_name(model), list(tokens))


def _tokenizers():
    try:
        from tokenizers import Tokenizer
    except ImportError:
        raise ImportError(
            "create_tokenizer and create_pretrained_tokenizer need the `tokenizers` package: "
            "pip install tokenizers"
        ) from None
    return Tokenizer


def create_pretrained_tokenizer(identifier: str, revision: str = "main", auth_token: Optional[str] = None):
    """A Hugging Face Hub tokenizer for ``custom_tokenizer=``; downloads it, as LiteLLM does."""
    tokenizer = _tokenizers().from_pretrained(identifier, revision=revision, token=auth_token)
    return {"type": "huggingface_tokenizer", "tokenizer": tokenizer}


def create_tokenizer(json: str):
    """A tokenizer from a Hugging Face ``tokenizer.json`` text, for ``custom_tokenizer=``."""
    return {"type": "huggingface_tokenizer", "tokenizer": _tokenizers().from_str(json)}


__all__ = [
    "UnsupportedContentTypeError",
    "create_pretrained_tokenizer",
    "create_tokenizer",
    "decode",
    "encode",
    "token_counter",
]
