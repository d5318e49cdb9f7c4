"""token_counter, encode, decode and the tokenizer helpers. Expected numbers were printed by
LiteLLM 1.109.1 (docs/research/litellm-token-counter.md); where Ferrolite differs on purpose the
test says so and why."""

from __future__ import annotations

import base64
import json
import struct
import zlib

import pytest

import litellm
from litellm.litellm_core_utils.token_counter import UnsupportedContentTypeError

HW = "Hello world"
UNI = "こんにちは世界 🌍 café naïve"
SU = [
    {"role": "system", "content": "You are a helpful assistant."},
    {"role": "user", "content": "Hello world"},
]
UB = [{"role": "user", "content": "What's the weather like in Boston?"}]
SYSTEM_UB = [{"role": "system", "content": "You are a helpful assistant."}, *UB]
T1 = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Get the current weather in a given location",
        "parameters": {
            "type": "object",
            "properties": {
                "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
            },
            "required": ["location"],
        },
    },
}
T2 = {
    "type": "function",
    "function": {
        "name": "search_flights",
        "description": "Search for flights",
        "parameters": {
            "type": "object",
            "properties": {
                "origin": {"type": "string", "description": "IATA code"},
                "destination": {"type": "string"},
                "passengers": {
                    "type": "object",
                    "description": "Passenger counts",
                    "properties": {
                        "adults": {"type": "integer"},
                        "children": {"type": "integer", "enum": [0, 1, 2]},
                    },
                    "required": ["adults"],
                },
                "flexible": {"type": "boolean"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "max_price": {"type": "number"},
                "meta": {"type": "null"},
                "any_thing": {},
            },
            "required": ["origin", "destination", "passengers"],
        },
    },
}
TC = [
    {"role": "user", "content": "What's the weather in Paris?"},
    {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "id": "call_abc123",
                "type": "function",
                "function": {"name": "get_weather", "arguments": '{"location": "Paris"}'},
            }
        ],
    },
    {"role": "tool", "tool_call_id": "call_abc123", "content": '{"temp": 18}'},
]


def png_url(width: int, height: int) -> str:
    """A valid grayscale PNG of the given size, as a data URL (only its header size matters)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + b"\x00" * width for _ in range(height))
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )
    return "data:image/png;base64," + base64.b64encode(png).decode()


def image(url: str, detail=None) -> list:
    image_url = {"url": url} if detail is None else {"url": url, "detail": detail}
    return [{"role": "user", "content": [{"type": "image_url", "image_url": image_url}]}]


# ---- text ----
@pytest.mark.parametrize(
    "model",
    ["gpt-4o", "gpt-4.1", "gpt-5", "o3-mini", "gpt-3.5-turbo", "text-embedding-3-small", "unknown-x", ""],
)
def test_plain_text(model):
    assert litellm.token_counter(model=model, text=HW) == 2


@pytest.mark.parametrize(
    ("model", "expected"),
    [("gpt-4o", 7), ("openai/gpt-4o-mini", 7), ("gpt-3.5-turbo", 10), ("gemini/gemini-2.0-flash", 10)],
)
def test_each_model_counts_with_its_encoding(model, expected):
    assert litellm.token_counter(model=model, text=UNI) == expected


def test_text_edge_cases():
    assert litellm.token_counter(model="gpt-4o", text=["Hello", 5, " world"]) == 2
    assert litellm.token_counter(model="gpt-4o", text="<|endoftext|>") == 7
    assert litellm.token_counter(model="gpt-4o", text="") == 0
    assert litellm.token_counter(model="gpt-4o", text="a" * 3000) == 375


def test_long_text_is_counted_whole():
    """LiteLLM 1.109.1 gives 10038 here: it sums 1024-character slices, and words cut at a
    slice edge count twice. Counting the whole text gives tiktoken's own answer."""
    assert (
        litellm.token_counter(model="gpt-4o", text="The quick brown fox jumps over the lazy dog. " * 1000)
        == 10001
    )


def test_argument_errors():
    with pytest.raises(ValueError, match="text and messages cannot both be set"):
        litellm.token_counter(model="gpt-4o", text="hi", messages=UB)
    with pytest.raises(ValueError, match="Either text or messages must be provided"):
        litellm.token_counter(model="gpt-4o")
    with pytest.raises(ValueError, match="tools or tool_choice cannot be set if using text"):
        litellm.token_counter(model="gpt-4o", text="hi", tools=[T1])


# ---- messages ----
@pytest.mark.parametrize(
    ("messages", "kwargs", "expected"),
    [
        pytest.param([], {}, 3, id="empty"),
        pytest.param([], {"count_response_tokens": True}, 0, id="empty-response"),
        pytest.param(SU, {}, 19, id="system-user"),
        pytest.param(SU, {"count_response_tokens": True}, 16, id="no-primer"),
        pytest.param([{"role": "user", "content": HW}], {}, 9, id="one-user"),
        pytest.param(
            [{"role": "user", "content": HW}], {"count_response_tokens": None}, 6, id="none-is-not-false"
        ),
        pytest.param([{"role": "user", "content": ""}], {}, 7, id="empty-content"),
        pytest.param([{"role": "user", "content": None}], {}, 7, id="none-content"),
        pytest.param([{"role": "user", "content": HW, "name": "alice"}], {}, 11, id="name"),
        pytest.param([{"role": "system", "name": "example_user", "content": HW}], {}, 12, id="system-name"),
        pytest.param(TC, {}, 37, id="tool-conversation"),
        pytest.param([TC[1]], {}, 13, id="assistant-tool-calls"),
        pytest.param([TC[2]], {}, 17, id="tool-result"),
        pytest.param([{**TC[2], "name": "get_weather"}], {}, 20, id="tool-result-name"),
        pytest.param(
            [
                {
                    "role": "assistant",
                    "function_call": {"name": "get_weather", "arguments": '{"location": "Paris"}'},
                }
            ],
            {},
            13,
            id="function-call",
        ),
        pytest.param([{"role": "user", "content": "hi", "foo": 123, "bar": "xyz"}], {}, 9, id="extra-keys"),
        pytest.param(
            [
                {
                    "role": "user",
                    "content": [{"type": "text", "text": "Hello"}, {"type": "text", "text": " world"}],
                }
            ],
            {},
            9,
            id="text-parts",
        ),
        pytest.param(
            [{"role": "user", "content": ["Hello", {"type": "text", "text": " world"}]}],
            {},
            9,
            id="string-part",
        ),
        pytest.param(
            [{"role": "assistant", "content": [{"type": "thinking", "thinking": HW, "signature": "abc"}]}],
            {},
            9,
            id="thinking",
        ),
        pytest.param(
            [
                {
                    "role": "user",
                    "content": [
                        {
                            "type": "file",
                            "file": {
                                "filename": "a.pdf",
                                "file_data": "data:application/pdf;base64,JVBERi0xLjQK",
                            },
                        }
                    ],
                }
            ],
            {},
            94,
            id="file",
        ),
    ],
)
def test_messages(messages, kwargs, expected):
    assert litellm.token_counter(model="gpt-4o", messages=messages, **kwargs) == expected


def test_pydantic_messages_count_like_dicts():
    assert litellm.token_counter(model="gpt-4o", messages=[litellm.Message(role="user", content=HW)]) == 9


def test_content_errors():
    with pytest.raises(ValueError, match="must contain a function key"):
        litellm.token_counter(model="gpt-4o", messages=[{"role": "assistant", "tool_calls": [{"id": "c"}]}])
    audio = [
        {"role": "user", "content": [{"type": "input_audio", "input_audio": {"data": "", "format": "wav"}}]}
    ]
    with pytest.raises(UnsupportedContentTypeError):
        litellm.token_counter(model="gpt-4o", messages=audio)
    unknown = [{"role": "user", "content": [{"type": "text", "text": "hi"}, {"type": "foo"}]}]
    assert litellm.token_counter(model="gpt-4o", messages=unknown, default_token_count=42) == 49


# ---- tools ----
@pytest.mark.parametrize(
    ("model", "expected"),
    [("gpt-4o", (14, 78, 84, 157)), ("gpt-3.5-turbo", (15, 81, 87, 163))],
)
def test_tool_definitions(model, expected):
    counts = (
        litellm.token_counter(model=model, messages=UB),
        litellm.token_counter(model=model, messages=UB, tools=[T1]),
        litellm.token_counter(model=model, messages=SYSTEM_UB, tools=[T1]),
        litellm.token_counter(model=model, messages=UB, tools=[T1, T2]),
    )
    assert counts == expected


@pytest.mark.parametrize(
    ("tools", "tool_choice", "expected"),
    [
        pytest.param([{"type": "function", "function": {"name": "ping"}}], None, 37, id="no-parameters"),
        pytest.param([], None, 14, id="empty-list"),
        pytest.param([T1], "auto", 78, id="auto"),
        pytest.param([T1], "required", 78, id="required"),
        pytest.param([T1], {"type": "auto"}, 78, id="auto-dict"),
        pytest.param([T1], "none", 79, id="none"),
        pytest.param([T1], {"type": "none"}, 79, id="none-dict"),
        pytest.param([T1], {"type": "function", "function": {"name": "get_weather"}}, 87, id="named"),
        pytest.param([T1], {"name": "get_weather"}, 87, id="named-short"),
        pytest.param(
            [T1, T2], {"type": "function", "function": {"name": "search_flights"}}, 167, id="named-2"
        ),
        pytest.param(None, "none", 15, id="choice-without-tools"),
        pytest.param(
            [
                {
                    "name": "get_weather",
                    "description": T1["function"]["description"],
                    "input_schema": T1["function"]["parameters"],
                }
            ],
            None,
            78,
            id="anthropic-style",
        ),
    ],
)
def test_tool_choice_and_forms(tools, tool_choice, expected):
    assert (
        litellm.token_counter(model="gpt-4o", messages=UB, tools=tools, tool_choice=tool_choice) == expected
    )


def test_tools_are_ignored_when_counting_response_tokens():
    assert litellm.token_counter(model="gpt-4o", messages=UB, tools=[T1], count_response_tokens=True) == 11


# ---- images (message overhead is 7, so the image costs the result minus 7) ----
@pytest.mark.parametrize(
    ("size", "tokens"),
    [
        ((512, 512), 262),
        ((100, 100), 262),
        ((768, 768), 772),
        ((1024, 2048), 1112),
        ((800, 300), 1452),
        ((4000, 1000), 772),
        ((769, 100), 772),
    ],
)
def test_inline_images_by_tile(size, tokens):
    url = png_url(*size)
    assert litellm.token_counter(model="gpt-4o", messages=image(url, "high")) == tokens
    assert litellm.token_counter(model="gpt-4o", messages=image(url, "auto")) == tokens
    assert litellm.token_counter(model="gpt-4o", messages=image(url, "low")) == 92


def test_image_edge_cases():
    remote = "https://example.com/cat.png"
    assert litellm.token_counter(model="gpt-4o", messages=image(remote)) == 92
    assert litellm.token_counter(model="gpt-4o", messages=image(remote, "low")) == 92
    string_form = [{"role": "user", "content": [{"type": "image_url", "image_url": remote}]}]
    assert litellm.token_counter(model="gpt-4o", messages=string_form) == 92
    assert litellm.token_counter(model="gpt-4o", messages=image("data:image/png;base64,AAAA", "high")) == 262
    assert litellm.token_counter(model="gpt-4o", messages=image("data:image/png;base64,AAAA", "auto")) == 92
    assert (
        litellm.token_counter(
            model="gpt-4o", messages=image(remote, "high"), use_default_image_token_count=True
        )
        == 257
    )
    for bad in (image("nocomma", "high"), image(remote, "original"), image("", "auto")):
        with pytest.raises(ValueError):
            litellm.token_counter(model="gpt-4o", messages=bad)
    anthropic = {"type": "base64", "media_type": "image/png", "data": png_url(512, 512).split(",", 1)[1]}
    block = [{"role": "user", "content": [{"type": "image", "source": anthropic}]}]
    assert litellm.token_counter(model="gpt-4o", messages=block) == 262


def test_remote_high_detail_images_are_not_fetched():
    """LiteLLM downloads the image to size it (and raises ValueError when it cannot). Ferrolite
    counts offline: it raises the same ValueError, and default_token_count stands in."""
    parts = [
        {"type": "text", "text": "hi"},
        {"type": "image_url", "image_url": {"url": "http://127.0.0.1:9/x.png", "detail": "high"}},
    ]
    with pytest.raises(ValueError):
        litellm.token_counter(model="gpt-4o", messages=[{"role": "user", "content": parts}])
    assert (
        litellm.token_counter(
            model="gpt-4o", messages=[{"role": "user", "content": parts}], default_token_count=42
        )
        == 49
    )


# ---- encode / decode / tokenizers ----
def test_encode_and_decode_use_the_models_encoding():
    """LiteLLM 1.109.1 encodes every OpenAI model with cl100k_base ([9906, 1917] for gpt-4o),
    ids gpt-4o does not use; Ferrolite returns the model's own (o200k_base) ids."""
    assert litellm.encode(model="gpt-4o", text=HW) == [13225, 2375]
    assert litellm.encode(model="gpt-3.5-turbo", text=HW) == [9906, 1917]
    assert litellm.encode(model="gpt-4o", text="<|endoftext|>") == [27, 91, 419, 1440, 919, 91, 29]
    assert litellm.decode(model="gpt-3.5-turbo", tokens=[9906, 1917]) == HW
    assert litellm.decode(model="gpt-4o", tokens=litellm.encode(model="gpt-4o", text=UNI)) == UNI
    assert len(litellm.encode(model="gpt-4o", text=UNI)) == litellm.token_counter(model="gpt-4o", text=UNI)


WORD_TOKENIZER = json.dumps(
    {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [],
        "normalizer": None,
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": None,
        "decoder": None,
        "model": {
            "type": "WordLevel",
            "vocab": {"[UNK]": 0, "hello": 1, "world": 2, "user": 3},
            "unk_token": "[UNK]",
        },
    }
)


def test_custom_tokenizer_from_json():
    tokenizer = litellm.create_tokenizer(WORD_TOKENIZER)
    assert tokenizer["type"] == "huggingface_tokenizer"
    assert litellm.encode(text="hello world again", custom_tokenizer=tokenizer) == [1, 2, 0]
    assert litellm.token_counter(custom_tokenizer=tokenizer, text="hello world again") == 3
    # the message rules hold with any tokenizer: 3 + "user" (1) + "hello world" (2) + 3
    messages = [{"role": "user", "content": "hello world"}]
    assert litellm.token_counter(custom_tokenizer=tokenizer, messages=messages) == 9
    with pytest.raises(ValueError, match="Unsupported tokenizer type"):
        litellm.token_counter(custom_tokenizer={"type": "other", "tokenizer": None}, text="x")


def test_disable_token_counter(monkeypatch):
    monkeypatch.setattr(litellm, "disable_token_counter", True)
    assert litellm.token_counter(model="gpt-4o", text=HW) == 0


# ---- callers of the counter ----
def test_completion_cost_from_text_counts_tokens():
    assert (
        litellm.completion_cost(model="gpt-4o", prompt=HW, completion="Hi there friend")
        == 3.5000000000000004e-05
    )
    assert litellm.completion_cost(model="gpt-4o", messages=[{"role": "user", "content": HW}]) == 9 * 2.5e-6


def _chunk(delta: dict, finish=None):
    return {
        "id": "c1",
        "created": 1,
        "model": "gpt-4o",
        "object": "chat.completion.chunk",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def test_stream_chunk_builder_counts_when_no_usage_was_streamed():
    chunks = [
        _chunk({"role": "assistant", "content": "Hello"}),
        _chunk({"content": " there, how can I help?"}),
        _chunk({}, "stop"),
    ]
    rebuilt = litellm.stream_chunk_builder(chunks, messages=SU)
    assert (rebuilt.usage.prompt_tokens, rebuilt.usage.completion_tokens, rebuilt.usage.total_tokens) == (
        19,
        8,
        27,
    )
    assert litellm.stream_chunk_builder(chunks).usage.prompt_tokens == 0
    assert rebuilt._hidden_params["response_cost"] == 19 * 2.5e-6 + 8 * 1e-5


def test_token_functions_are_where_litellm_puts_them():
    from litellm import utils

    for name in ("token_counter", "encode", "decode", "create_tokenizer", "create_pretrained_tokenizer"):
        assert getattr(litellm, name) is getattr(utils, name)
