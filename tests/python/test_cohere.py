"""Cohere v2 chat (`cohere_chat/`, `cohere/`) through completion: request translation as the mock
receives it, responses, real v2 SSE streams, tool calls and errors."""

from __future__ import annotations

import asyncio

import pytest

import litellm

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
    },
}


@pytest.fixture
def cohere(mock):
    mock.chat_url = mock.base.rsplit("/v1", 1)[0] + "/v2/chat"
    return mock


def chat(cohere, messages, model="cohere_chat/command-a-03-2025", **kwargs):
    kwargs.setdefault("api_key", "co-key")
    return litellm.completion(model=model, messages=messages, api_base=cohere.chat_url, **kwargs)


def test_request_renames_params_and_sends_the_messages(cohere):
    messages = [
        {"role": "system", "content": "sys"},
        {"role": "user", "content": "echo:hi"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}],
        },
        {"role": "tool", "tool_call_id": "c1", "content": "ok"},
    ]
    chat(
        cohere,
        messages,
        top_p=0.5,
        stop="END",
        n=1,
        max_completion_tokens=20,
        tools=[WEATHER_TOOL],
        tool_choice="auto",
    )
    sent = cohere.last_request()
    assert sent["path"] == "/v2/chat"
    assert sent["headers"]["authorization"] == "Bearer co-key"
    assert sent["headers"]["request-source"] == "unspecified:litellm"
    body = sent["body"]
    assert body["model"] == "command-a-03-2025"
    assert body["messages"][2] == {"role": "assistant", "tool_calls": messages[2]["tool_calls"]}
    assert (body["p"], body["stop_sequences"], body["num_generations"], body["max_tokens"]) == (
        0.5,
        ["END"],
        1,
        20,
    )
    assert body["tools"] == [WEATHER_TOOL]
    assert "tool_choice" not in body and "top_p" not in body


def test_text_response(cohere):
    response = chat(cohere, [{"role": "user", "content": "echo:hello there"}])
    assert response.choices[0].message.content == "hello there"
    assert response.choices[0].finish_reason == "stop"
    assert (response.usage.prompt_tokens, response.usage.completion_tokens) == (9, 2)
    assert response.model == "command-a-03-2025"


def test_tool_calls(cohere):
    """LiteLLM 1.109.1 reports finish_reason "stop" here although Cohere said TOOL_CALL."""
    response = chat(cohere, [{"role": "user", "content": "weather?"}], tools=[WEATHER_TOOL])
    choice = response.choices[0]
    assert choice.finish_reason == "tool_calls"
    call = choice.message.tool_calls[0]
    assert (call.id, call.function.name, call.function.arguments) == (
        "call_mock_1",
        "get_weather",
        '{"city":"Paris"}',
    )


def test_v2_sse_stream(cohere):
    """LiteLLM 1.109.1 cannot read Cohere's real SSE stream (it parses `event:` lines as JSON)."""
    chunks = list(
        chat(
            cohere,
            [{"role": "user", "content": "echo:one two three"}],
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "one two three"
    assert chunks[0].choices[0].delta.role == "assistant"
    assert chunks[-1].usage.total_tokens == 9 + 3
    tool_chunks = list(
        chat(cohere, [{"role": "user", "content": "weather?"}], tools=[WEATHER_TOOL], stream=True)
    )
    rebuilt = litellm.stream_chunk_builder(tool_chunks)
    assert rebuilt.choices[0].message.tool_calls[0].function.arguments == '{"city":"Paris"}'
    assert rebuilt.choices[0].finish_reason == "tool_calls"


def test_cohere_prefix_and_async(cohere):
    async def main():
        response = await litellm.acompletion(
            model="cohere/command-r-plus",
            messages=[{"role": "user", "content": "echo:async"}],
            api_base=cohere.chat_url,
            api_key="k",
        )
        return response.choices[0].message.content

    assert asyncio.run(main()) == "async"
    assert cohere.last_request()["body"]["model"] == "command-r-plus"


def test_key_from_the_environment(cohere, monkeypatch):
    monkeypatch.setenv("CO_API_KEY", "co-env")
    monkeypatch.delenv("COHERE_API_KEY", raising=False)
    litellm.completion(
        model="cohere_chat/command-a-03-2025",
        messages=[{"role": "user", "content": "hi"}],
        api_base=cohere.chat_url,
    )
    assert cohere.last_request()["headers"]["authorization"] == "Bearer co-env"


def test_response_format_is_unsupported(cohere):
    with pytest.raises(litellm.UnsupportedParamsError):
        chat(cohere, [{"role": "user", "content": "hi"}], response_format={"type": "json_object"})


@pytest.mark.parametrize(
    ("fault", "exception", "origin"),
    [
        ("400", litellm.BadRequestError, "CohereException"),
        ("401", litellm.AuthenticationError, "Cohere_chatException"),
        ("404", litellm.NotFoundError, "Cohere_chatException"),
        ("429", litellm.RateLimitError, "Cohere_chatException"),
        ("500", litellm.InternalServerError, "CohereException"),
    ],
)
def test_errors_quote_the_raw_body(cohere, fault, exception, origin):
    with pytest.raises(exception) as raised:
        chat(cohere, [{"role": "user", "content": "hi"}], extra_headers={"x-mock-fault": fault})
    assert str(raised.value).startswith(f"litellm.{type(raised.value).__name__}: {origin} - {{")
    assert "co-key" not in str(raised.value)
