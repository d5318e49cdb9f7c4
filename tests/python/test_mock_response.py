"""mock_response: the canned answers downstream test suites depend on."""

from __future__ import annotations

import asyncio
import time

import pytest

import litellm

MESSAGES = [{"role": "user", "content": "hi"}]


def test_string_mock_gives_a_full_response_with_default_usage():
    r = litellm.completion(model="gpt-4o", messages=MESSAGES, mock_response="Hello world")
    assert r.choices[0].message.content == "Hello world"
    assert r.choices[0].finish_reason == "stop"
    assert (r.usage.prompt_tokens, r.usage.completion_tokens, r.usage.total_tokens) == (10, 20, 30)
    assert r.id.startswith("chatcmpl-")
    assert r._hidden_params["custom_llm_provider"] == "openai"
    assert (
        litellm.completion(model="gpt-4o", messages=MESSAGES, mock_response="x", n=3)
        .choices[2]
        .message.content
        == "x"
    )


def test_string_mock_streams_three_character_chunks():
    chunks = list(
        litellm.completion(model="gpt-4o", messages=MESSAGES, mock_response="Hello world", stream=True)
    )
    assert chunks[0].choices[0].delta.content == "Hel"
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == "Hello world"
    assert chunks[-1].choices[0].finish_reason == "stop"
    rebuilt = litellm.stream_chunk_builder(chunks)
    assert rebuilt.choices[0].message.content == "Hello world"


def test_mock_usage_chunk_with_include_usage():
    chunks = list(
        litellm.completion(
            model="gpt-4o",
            messages=MESSAGES,
            mock_response="abc",
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    assert chunks[-1].choices == [] and chunks[-1].usage.total_tokens == 30


@pytest.mark.parametrize(
    "magic,cls",
    [
        ("litellm.RateLimitError", litellm.RateLimitError),
        ("litellm.ContextWindowExceededError", litellm.ContextWindowExceededError),
        ("litellm.InternalServerError", litellm.InternalServerError),
    ],
)
def test_magic_strings_raise(magic, cls):
    with pytest.raises(cls):
        litellm.completion(model="gpt-4o", messages=MESSAGES, mock_response=magic)


def test_mock_streaming_error_is_a_mid_stream_fallback_error():
    stream = litellm.completion(
        model="gpt-4o", messages=MESSAGES, mock_response="Exception: mock_streaming_error", stream=True
    )
    with pytest.raises(litellm.MidStreamFallbackError):
        list(stream)


def test_exception_mocks():
    error = litellm.RateLimitError(message="boom", llm_provider="openai", model="gpt-4o")
    with pytest.raises(litellm.RateLimitError):
        litellm.completion(model="gpt-4o", messages=MESSAGES, mock_response=error)
    with pytest.raises(litellm.InternalServerError) as info:
        litellm.completion(model="gpt-4o", messages=MESSAGES, mock_response=ValueError("plain"))
    assert info.value.status_code == 500


def test_dict_and_model_response_mocks():
    r = litellm.completion(
        model="gpt-4o",
        messages=MESSAGES,
        mock_response={"id": "x1", "choices": [{"message": {"role": "assistant", "content": "from dict"}}]},
    )
    assert r.choices[0].message.content == "from dict" and r.id == "x1"
    given = litellm.ModelResponse(choices=[{"message": {"role": "assistant", "content": "given"}}])
    assert litellm.completion(model="gpt-4o", messages=MESSAGES, mock_response=given) is given


def test_mock_tool_calls():
    calls = [{"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}]
    r = litellm.completion(model="gpt-4o", messages=MESSAGES, mock_tool_calls=calls)
    assert r.choices[0].message.content == "This is a mock request"
    assert r.choices[0].message.tool_calls[0].function.name == "f"


def test_mock_timeout_and_delay():
    started = time.monotonic()
    with pytest.raises(litellm.Timeout):
        litellm.completion(
            model="gpt-4o", messages=MESSAGES, mock_response="x", mock_timeout=True, timeout=0.2
        )
    assert time.monotonic() - started >= 0.2
    started = time.monotonic()
    litellm.completion(model="gpt-4o", messages=MESSAGES, mock_response="x", mock_delay=0.2)
    assert time.monotonic() - started >= 0.2


def test_unresolvable_model_fails_even_with_a_mock():
    with pytest.raises(litellm.BadRequestError, match="LLM Provider NOT provided"):
        litellm.completion(model="claude-3-5-sonnet-20240620", messages=MESSAGES, mock_response="x")


def test_async_mocks():
    async def main():
        r = await litellm.acompletion(model="gpt-4o", messages=MESSAGES, mock_response="async hi")
        s = await litellm.acompletion(
            model="gpt-4o", messages=MESSAGES, mock_response="async hi", stream=True
        )
        return r, [c async for c in s]

    r, chunks = asyncio.run(main())
    assert r.choices[0].message.content == "async hi"
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == "async hi"
