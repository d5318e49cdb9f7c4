"""Anthropic's Messages API through completion/acompletion: request translation as the mock
provider receives it, response and stream normalisation, tool calls, thinking, usage with cache
counts, errors and credentials. The mock speaks Anthropic's wire format (tests/mock_server/anthropic.rs)."""

from __future__ import annotations

import asyncio
import json

import pytest

import litellm

MODEL = "anthropic/claude-sonnet-4-5"
WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}


def call(mock, messages, model=MODEL, **kwargs):
    kwargs.setdefault("api_key", "sk-ant-test")
    return litellm.completion(model=model, messages=messages, api_base=mock.base_host, **kwargs)


@pytest.fixture
def amock(mock):
    """The mock, with its base as a bare host (Ferrolite appends /v1/messages, as LiteLLM)."""
    mock.base_host = mock.base.rsplit("/v1", 1)[0]
    return mock


# ---- request translation ----
def test_url_headers_and_body(amock):
    call(
        amock,
        [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "Hello"},
        ],
        temperature=0.2,
        top_p=0.9,
        stop="END",
        user="user-7",
    )
    sent = amock.last_request()
    assert sent["path"] == "/v1/messages"
    assert sent["headers"]["x-api-key"] == "sk-ant-test"
    assert sent["headers"]["anthropic-version"] == "2023-06-01"
    assert "authorization" not in sent["headers"]
    assert sent["body"] == {
        "model": "claude-sonnet-4-5",
        "messages": [{"role": "user", "content": [{"type": "text", "text": "Hello"}]}],
        "system": [{"type": "text", "text": "Be brief."}],
        "temperature": 0.2,
        "top_p": 0.9,
        "stop_sequences": ["END"],
        "metadata": {"user_id": "user-7"},
        "max_tokens": 64000,
    }


def test_max_tokens_from_the_call_wins(amock):
    call(amock, [{"role": "user", "content": "hi"}], max_completion_tokens=256)
    assert amock.last_request()["body"]["max_tokens"] == 256


def test_full_url_bases_are_used_as_given(amock):
    full = amock.base_host + "/v1/messages"
    litellm.completion(model=MODEL, messages=[{"role": "user", "content": "hi"}], api_base=full, api_key="k")
    assert amock.last_request()["path"] == "/v1/messages"
    # Like LiteLLM, a base ending in /v1 still gets /v1/messages appended.
    litellm.completion(
        model=MODEL, messages=[{"role": "user", "content": "hi"}], api_base=amock.base, api_key="k"
    )
    assert amock.last_request()["path"] == "/v1/v1/messages"


def test_tools_tool_choice_and_tool_turns(amock):
    messages = [
        {"role": "user", "content": "Weather in Paris?"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "toolu_1",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
                }
            ],
        },
        {"role": "tool", "tool_call_id": "toolu_1", "content": "18C"},
        {"role": "user", "content": "And tomorrow?"},
    ]
    call(
        amock,
        messages,
        tools=[WEATHER_TOOL],
        tool_choice={"type": "function", "function": {"name": "get_weather"}},
        parallel_tool_calls=False,
    )
    body = amock.last_request()["body"]
    assert body["tools"] == [
        {
            "name": "get_weather",
            "input_schema": WEATHER_TOOL["function"]["parameters"],
            "type": "custom",
            "description": "Current weather",
        }
    ]
    assert list(body["tools"][0]) == ["name", "input_schema", "type", "description"]
    assert body["tool_choice"] == {"type": "tool", "name": "get_weather", "disable_parallel_tool_use": True}
    assert body["messages"] == [
        {"role": "user", "content": [{"type": "text", "text": "Weather in Paris?"}]},
        {
            "role": "assistant",
            "content": [
                {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris"}}
            ],
        },
        {
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": "toolu_1", "content": "18C"},
                {"type": "text", "text": "And tomorrow?"},
            ],
        },
    ]


@pytest.mark.parametrize(
    ("choice", "sent"),
    [("auto", {"type": "auto"}), ("required", {"type": "any"}), ("none", {"type": "none"})],
)
def test_tool_choice_strings(amock, choice, sent):
    call(amock, [{"role": "user", "content": "hi"}], tools=[WEATHER_TOOL], tool_choice=choice)
    assert amock.last_request()["body"]["tool_choice"] == sent


def test_parallel_tool_calls_without_tool_choice(amock):
    call(amock, [{"role": "user", "content": "hi"}], tools=[WEATHER_TOOL], parallel_tool_calls=True)
    assert amock.last_request()["body"]["tool_choice"] == {"type": "auto", "disable_parallel_tool_use": False}


def test_message_rewrites_litellm_makes(amock):
    messages = [
        {"role": "system", "content": "Top."},
        {"role": "user", "content": "a"},
        {"role": "user", "content": ""},
        {"role": "system", "content": "Later sys"},
        {"role": "assistant", "content": "Sure "},
    ]
    call(amock, messages, user="someone@example.com")
    body = amock.last_request()["body"]
    assert body["system"] == [{"type": "text", "text": "Top."}]
    assert body["messages"] == [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "a"},
                {"type": "text", "text": "[System: Empty message content sanitised to satisfy protocol]"},
                {
                    "type": "text",
                    "text": "Operator note (not from the user): the following was originally a "
                    "mid-conversation system-role reminder.",
                },
                {"type": "text", "text": "Later sys"},
            ],
        },
        {"role": "assistant", "content": [{"type": "text", "text": "Sure"}]},
    ]
    assert "metadata" not in body, "e-mail-shaped user ids are not forwarded"


def test_tool_history_without_tools_gets_a_placeholder_tool(amock):
    messages = [
        {"role": "user", "content": "hi"},
        {
            "role": "assistant",
            "tool_calls": [{"id": "t1", "type": "function", "function": {"name": "f", "arguments": ""}}],
        },
        {"role": "tool", "tool_call_id": "t1", "content": "ok"},
    ]
    call(amock, messages)
    body = amock.last_request()["body"]
    assert body["messages"][1]["content"] == [{"type": "tool_use", "id": "t1", "name": "f", "input": {}}]
    assert [t["name"] for t in body["tools"]] == ["dummy_tool"]


@pytest.mark.parametrize(
    ("effort", "budget", "max_tokens"),
    [("minimal", 1024, 5120), ("low", 1024, 5120), ("medium", 2048, 6144), ("high", 4096, 8192)],
)
def test_reasoning_effort_becomes_a_thinking_budget(amock, effort, budget, max_tokens):
    call(amock, [{"role": "user", "content": "hi"}], reasoning_effort=effort)
    body = amock.last_request()["body"]
    assert body["thinking"] == {"type": "enabled", "budget_tokens": budget}
    assert body["max_tokens"] == max_tokens


def test_unknown_reasoning_effort_is_refused_before_sending(amock):
    with pytest.raises(litellm.BadRequestError, match="Unmapped reasoning effort: 'bogus'"):
        call(amock, [{"role": "user", "content": "hi"}], reasoning_effort="bogus")
    assert amock.requests() == []


def test_json_schema_uses_native_structured_output(amock):
    schema = {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}
    call(
        amock,
        [{"role": "user", "content": "hi"}],
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "p", "schema": schema, "strict": True},
        },
    )
    sent = amock.last_request()
    assert sent["body"]["output_format"] == {
        "type": "json_schema",
        "schema": {**schema, "additionalProperties": False},
    }
    assert sent["headers"]["anthropic-beta"] == "structured-outputs-2025-11-13"
    call(amock, [{"role": "user", "content": "hi"}], response_format={"type": "json_object"})
    assert "output_format" not in amock.last_request()["body"]


def test_caller_betas_go_through_litellms_allowlist(amock):
    betas = "context-1m-2025-08-07, bogus-beta-1,output-128k-2025-02-19"
    call(amock, [{"role": "user", "content": "hi"}], extra_headers={"anthropic-beta": betas, "X-Custom": "1"})
    headers = amock.last_request()["headers"]
    assert headers["anthropic-beta"] == "context-1m-2025-08-07,output-128k-2025-02-19"
    assert headers["x-custom"] == "1"
    # Joined with the request's own beta, de-duplicated and sorted.
    call(
        amock,
        [{"role": "user", "content": "hi"}],
        extra_headers={"Anthropic-Beta": "structured-outputs-2025-11-13, context-1m-2025-08-07"},
        response_format={"type": "json_schema", "json_schema": {"name": "p", "schema": {"type": "object"}}},
    )
    assert amock.last_request()["headers"]["anthropic-beta"] == (
        "context-1m-2025-08-07,structured-outputs-2025-11-13"
    )
    call(amock, [{"role": "user", "content": "hi"}], extra_headers={"anthropic-beta": "foo-bar"})
    assert "anthropic-beta" not in amock.last_request()["headers"]


PERSON = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
LEGACY = "anthropic/claude-3-5-sonnet-20241022"  # no native structured output


def test_json_schema_without_native_output_forces_litellms_json_tool(amock):
    response = call(
        amock,
        [{"role": "user", "content": "where?"}],
        model=LEGACY,
        response_format={"type": "json_schema", "json_schema": {"name": "p", "schema": PERSON}},
    )
    body = amock.last_request()["body"]
    assert body["tools"] == [{"name": "json_tool_call", "input_schema": {"type": "object", **PERSON}}]
    assert body["tool_choice"] == {"name": "json_tool_call", "type": "tool"}
    assert "output_format" not in body
    assert "anthropic-beta" not in amock.last_request()["headers"]
    message = response.choices[0].message
    assert message.content == '{"city": "Paris"}'
    assert message.tool_calls is None
    assert response.choices[0].finish_reason == "stop"


def test_json_object_without_native_output_is_an_open_json_tool(amock):
    call(amock, [{"role": "user", "content": "hi"}], model=LEGACY, response_format={"type": "json_object"})
    body = amock.last_request()["body"]
    assert body["tools"] == [
        {
            "name": "json_tool_call",
            "input_schema": {"type": "object", "additionalProperties": True, "properties": {}},
        }
    ]
    call(amock, [{"role": "user", "content": "hi"}], model=LEGACY, response_format={"type": "text"})
    assert "tools" not in amock.last_request()["body"]


def test_json_tool_beside_callers_tools_and_choice(amock):
    # The caller's tools come first and the caller's tool_choice is kept, as in LiteLLM.
    call(
        amock,
        [{"role": "user", "content": "hi"}],
        model=LEGACY,
        tools=[WEATHER_TOOL],
        tool_choice="auto",
        response_format={"type": "json_object"},
    )
    body = amock.last_request()["body"]
    assert [t["name"] for t in body["tools"]] == ["get_weather", "json_tool_call"]
    assert body["tool_choice"] == {"type": "auto"}


def test_json_tool_is_not_forced_while_thinking(amock):
    call(
        amock,
        [{"role": "user", "content": "hi"}],
        model="anthropic/claude-3-7-sonnet-20250219",
        reasoning_effort="low",
        response_format={"type": "json_object"},
    )
    body = amock.last_request()["body"]
    assert body["tools"][0]["name"] == "json_tool_call"
    assert "tool_choice" not in body


def test_json_tool_streams_as_content(amock):
    chunks = list(
        call(
            amock,
            [{"role": "user", "content": "where?"}],
            model=LEGACY,
            stream=True,
            response_format={"type": "json_schema", "json_schema": {"name": "p", "schema": PERSON}},
        )
    )
    assert all(not (c.choices and c.choices[0].delta.tool_calls) for c in chunks)
    rebuilt = litellm.stream_chunk_builder(chunks)
    assert json.loads(rebuilt.choices[0].message.content) == {"city": "Paris"}
    assert rebuilt.choices[0].finish_reason == "stop"


CITED_DOCUMENT = {
    "type": "document",
    "source": {"type": "text", "media_type": "text/plain", "data": "The sky is blue."},
    "citations": {"enabled": True},
}


def test_citations_are_provider_specific_fields(amock):
    plain = call(amock, [{"role": "user", "content": "hi"}])
    assert plain.choices[0].message.provider_specific_fields == {"citations": None, "thinking_blocks": None}
    content = [CITED_DOCUMENT, {"type": "text", "text": "What colour is the sky?"}]
    response = call(amock, [{"role": "user", "content": content}])
    assert amock.last_request()["body"]["messages"][0]["content"][0] == CITED_DOCUMENT
    citations = response.choices[0].message.provider_specific_fields["citations"]
    assert citations == [
        [
            {
                "type": "char_location",
                "cited_text": "The sky is blue.",
                "document_index": 0,
                "document_title": None,
                "start_char_index": 0,
                "end_char_index": 16,
            }
        ]
    ]
    chunks = list(call(amock, [{"role": "user", "content": content}], stream=True))
    streamed = [
        c.choices[0].delta.provider_specific_fields["citation"]
        for c in chunks
        if c.choices and c.choices[0].delta.provider_specific_fields
    ]
    assert streamed == citations[0]


def test_images_and_cache_control(amock):
    content = [
        {"type": "text", "text": "What is this?", "cache_control": {"type": "ephemeral"}},
        {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
        {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}},
    ]
    call(amock, [{"role": "user", "content": content}])
    blocks = amock.last_request()["body"]["messages"][0]["content"]
    assert blocks == [
        {"type": "text", "text": "What is this?", "cache_control": {"type": "ephemeral"}},
        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
        {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.png"}},
    ]


def test_unsupported_params_raise_unless_dropped(amock):
    with pytest.raises(litellm.UnsupportedParamsError, match="logit_bias"):
        call(amock, [{"role": "user", "content": "hi"}], logit_bias={"1": 1})
    call(amock, [{"role": "user", "content": "hi"}], logit_bias={"1": 1}, drop_params=True)
    assert "logit_bias" not in amock.last_request()["body"]


def test_reasoning_params_are_supported_for_reasoning_models():
    params = litellm.get_supported_openai_params(model="claude-sonnet-4-5", custom_llm_provider="anthropic")
    assert "thinking" in params and "reasoning_effort" in params
    assert "logit_bias" not in params


# ---- responses ----
def test_text_response_is_normalised(amock):
    response = call(amock, [{"role": "user", "content": "echo:Hi there"}])
    assert response.choices[0].message.content == "Hi there"
    assert response.choices[0].finish_reason == "stop"
    assert response.id.startswith("chatcmpl-")
    assert response.model == "claude-sonnet-4-5"
    assert response._hidden_params["custom_llm_provider"] == "anthropic"


def test_tool_use_response(amock):
    response = call(amock, [{"role": "user", "content": "weather?"}], tools=[WEATHER_TOOL])
    choice = response.choices[0]
    assert choice.finish_reason == "tool_calls"
    call_ = choice.message.tool_calls[0]
    assert (call_.id, call_.function.name, call_.function.arguments) == (
        "toolu_mock_1",
        "get_weather",
        '{"city": "Paris"}',
    )


def test_thinking_becomes_reasoning_content(amock):
    response = call(
        amock, [{"role": "user", "content": "hi"}], thinking={"type": "enabled", "budget_tokens": 1024}
    )
    message = response.choices[0].message
    assert message.reasoning_content == "Let me think."
    assert message.thinking_blocks == [
        {"type": "thinking", "thinking": "Let me think.", "signature": "sig_mock"}
    ]
    assert amock.last_request()["body"]["thinking"] == {"type": "enabled", "budget_tokens": 1024}


def test_cache_counts_join_prompt_tokens_and_are_priced(amock):
    usage = {
        "input_tokens": 20,
        "output_tokens": 10,
        "cache_read_input_tokens": 5,
        "cache_creation_input_tokens": 3,
    }
    response = call(
        amock, [{"role": "user", "content": "hi"}], extra_headers={"x-mock-usage": json.dumps(usage)}
    )
    u = response.usage
    assert (u.prompt_tokens, u.completion_tokens, u.total_tokens) == (28, 10, 38)
    assert u.prompt_tokens_details.cached_tokens == 5
    assert u.prompt_tokens_details.cache_creation_tokens == 3
    assert (u.cache_read_input_tokens, u.cache_creation_input_tokens) == (5, 3)
    # claude-sonnet-4-5: input 3e-6, cache read 3e-7, cache write 3.75e-6, output 1.5e-5
    expected = 20 * 3e-6 + 5 * 3e-7 + 3 * 3.75e-6 + 10 * 1.5e-5
    assert response._hidden_params["response_cost"] == pytest.approx(expected, rel=1e-12)


# ---- streams ----
def test_text_stream(amock):
    chunks = list(
        call(
            amock,
            [{"role": "user", "content": "echo:one two three four"}],
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "one two three four"
    assert chunks[0].choices[0].delta.role == "assistant"
    finishes = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
    assert finishes == ["stop"]
    assert len({c.id for c in chunks}) == 1
    assert chunks[-1].usage.completion_tokens == 4
    rebuilt = litellm.stream_chunk_builder(chunks)
    assert rebuilt.choices[0].message.content == "one two three four"
    assert rebuilt.usage.completion_tokens == 4


def test_tool_call_stream(amock):
    chunks = list(call(amock, [{"role": "user", "content": "weather?"}], tools=[WEATHER_TOOL], stream=True))
    first = chunks[0].choices[0].delta.tool_calls[0]
    assert (first.index, first.id, first.function.name, first.function.arguments) == (
        0,
        "toolu_mock_1",
        "get_weather",
        "",
    )
    rebuilt = litellm.stream_chunk_builder(chunks)
    assert rebuilt.choices[0].message.tool_calls[0].function.arguments == '{"city": "Paris"}'
    assert rebuilt.choices[0].finish_reason == "tool_calls"


def test_thinking_stream(amock):
    chunks = list(
        call(
            amock,
            [{"role": "user", "content": "hi"}],
            stream=True,
            thinking={"type": "enabled", "budget_tokens": 1024},
        )
    )
    reasoning = "".join(
        getattr(c.choices[0].delta, "reasoning_content", None) or "" for c in chunks if c.choices
    )
    assert reasoning == "Let me think."


def test_async_stream_and_call(amock):
    async def main():
        response = await litellm.acompletion(
            model=MODEL,
            messages=[{"role": "user", "content": "echo:async hi"}],
            api_base=amock.base_host,
            api_key="k",
        )
        stream = await litellm.acompletion(
            model=MODEL,
            messages=[{"role": "user", "content": "echo:async stream"}],
            api_base=amock.base_host,
            api_key="k",
            stream=True,
        )
        text = "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])
        return response.choices[0].message.content, text

    assert asyncio.run(main()) == ("async hi", "async stream")


def test_error_event_mid_stream_raises(amock):
    stream = call(
        amock,
        [{"role": "user", "content": "hi"}],
        stream=True,
        extra_headers={"x-mock-fault": "stream-error"},
    )
    with pytest.raises(
        litellm.MidStreamFallbackError, match="InternalServerError: AnthropicError - Overloaded"
    ):
        list(stream)


# ---- errors and credentials ----
@pytest.mark.parametrize(
    ("fault", "exception", "status", "origin"),
    [
        ("400", litellm.BadRequestError, 400, "AnthropicException"),
        ("401", litellm.AuthenticationError, 401, "AnthropicException"),
        ("403", litellm.PermissionDeniedError, 403, "AnthropicException"),
        ("404", litellm.NotFoundError, 404, "AnthropicException"),
        ("413", litellm.BadRequestError, 400, "AnthropicException"),
        ("429", litellm.RateLimitError, 429, "AnthropicException"),
        ("500", litellm.InternalServerError, 500, "AnthropicException"),
        ("529", litellm.InternalServerError, 500, "AnthropicError"),
        ("400-context", litellm.ContextWindowExceededError, 400, "litellm.BadRequestError: AnthropicError"),
    ],
)
def test_errors_map_to_litellm_classes(amock, fault, exception, status, origin):
    with pytest.raises(exception) as raised:
        call(
            amock,
            [{"role": "user", "content": "hi"}],
            extra_headers={"x-mock-fault": fault},
            api_key="sk-ant-secret-1",
        )
    error = raised.value
    assert error.status_code == status
    assert str(error).startswith(f"litellm.{type(error).__name__}: {origin} - {{")
    assert (error.llm_provider, error.model) == ("anthropic", "claude-sonnet-4-5")
    assert "sk-ant-secret-1" not in str(error)


def test_500_message_carries_litellms_hint(amock):
    with pytest.raises(litellm.InternalServerError) as raised:
        call(amock, [{"role": "user", "content": "hi"}], extra_headers={"x-mock-fault": "500"})
    assert str(raised.value).endswith(". Handle with `litellm.InternalServerError`.")


def test_missing_credentials_fail_before_sending(amock, monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.delenv("ANTHROPIC_AUTH_TOKEN", raising=False)
    with pytest.raises(litellm.AuthenticationError, match="Missing Anthropic API Key"):
        litellm.completion(
            model=MODEL, messages=[{"role": "user", "content": "hi"}], api_base=amock.base_host
        )
    assert amock.requests() == []
    monkeypatch.setenv("ANTHROPIC_AUTH_TOKEN", "tok123")
    litellm.completion(model=MODEL, messages=[{"role": "user", "content": "hi"}], api_base=amock.base_host)
    headers = amock.last_request()["headers"]
    assert headers["authorization"] == "Bearer tok123"
    assert "x-api-key" not in headers


def test_key_from_the_environment(amock, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-env")
    litellm.completion(model=MODEL, messages=[{"role": "user", "content": "hi"}], api_base=amock.base_host)
    assert amock.last_request()["headers"]["x-api-key"] == "sk-ant-env"


def test_module_key_comes_before_the_environment(amock, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-env")
    monkeypatch.setattr(litellm, "anthropic_key", "sk-ant-module")
    litellm.completion(model=MODEL, messages=[{"role": "user", "content": "hi"}], api_base=amock.base_host)
    assert amock.last_request()["headers"]["x-api-key"] == "sk-ant-module"


def test_base_from_the_environment(amock, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_BASE", amock.base_host)
    litellm.completion(model="claude-sonnet-4-5", messages=[{"role": "user", "content": "hi"}], api_key="k")
    assert amock.last_request()["path"] == "/v1/messages"


# ---- modify_params: tool-turn repair and the thinking drop (sanitize_messages_for_tool_calling) ----
def _call(call_id, name="get_weather"):
    return {"id": call_id, "type": "function", "function": {"name": name, "arguments": '{"city": "Paris"}'}}


BROKEN_TOOL_HISTORY = [
    {"role": "user", "content": "weather?"},
    {"role": "tool", "tool_call_id": "toolu_stray", "content": "answers nothing"},
    {"role": "assistant", "content": None, "tool_calls": [_call("toolu_a"), _call("toolu_b")]},
    {"role": "tool", "tool_call_id": "toolu_a", "content": "old"},
    {"role": "tool", "tool_call_id": "toolu_a", "content": "sunny"},
    {"role": "user", "content": "thanks"},
]


def test_modify_params_pairs_every_tool_call_with_one_result(amock):
    call(amock, BROKEN_TOOL_HISTORY, tools=[WEATHER_TOOL])
    unrepaired = amock.last_request()["body"]["messages"]
    assert any(b.get("tool_use_id") == "toolu_stray" for m in unrepaired for b in m["content"])
    litellm.modify_params = True
    call(amock, BROKEN_TOOL_HISTORY, tools=[WEATHER_TOOL])
    messages = amock.last_request()["body"]["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user"]
    results = [b for b in messages[2]["content"] if b["type"] == "tool_result"]
    assert results == [
        {"type": "tool_result", "tool_use_id": "toolu_a", "content": "sunny"},
        {
            "type": "tool_result",
            "tool_use_id": "toolu_b",
            "content": "[System: Tool execution skipped/interrupted by user. "
            "No result provided for tool 'get_weather'.]",
        },
    ]
    assert messages[2]["content"][-1] == {"type": "text", "text": "thanks"}
    assert all(b.get("tool_use_id") != "toolu_stray" for m in messages for b in m["content"])


def test_modify_params_drops_thinking_when_no_tool_turn_thought(amock):
    history = BROKEN_TOOL_HISTORY[2:5]
    thinking = {"type": "enabled", "budget_tokens": 1024}
    call(amock, [{"role": "user", "content": "hi"}, *history], tools=[WEATHER_TOOL], thinking=thinking)
    assert amock.last_request()["body"]["thinking"] == thinking
    litellm.modify_params = True
    call(amock, [{"role": "user", "content": "hi"}, *history], tools=[WEATHER_TOOL], thinking=thinking)
    body = amock.last_request()["body"]
    assert "thinking" not in body
    assert body["max_tokens"] == 1024 + 4096
    # With thinking blocks on the tool turn, thinking stays.
    thought = {**history[0], "thinking_blocks": [{"type": "thinking", "thinking": "x", "signature": "s"}]}
    call(
        amock,
        [{"role": "user", "content": "hi"}, thought, *history[1:]],
        tools=[WEATHER_TOOL],
        thinking=thinking,
    )
    assert amock.last_request()["body"]["thinking"] == thinking


def test_web_search_options_become_the_hosted_web_search_tool(amock):
    options = {
        "search_context_size": "medium",
        "user_location": {
            "type": "approximate",
            "approximate": {"city": "Paris", "country": "FR", "extra": "x"},
        },
    }
    call(amock, [{"role": "user", "content": "news?"}], web_search_options=options)
    body = amock.last_request()["body"]
    assert body["tools"] == [
        {
            "type": "web_search_20250305",
            "name": "web_search",
            "user_location": {"type": "approximate", "city": "Paris", "country": "FR"},
            "max_uses": 5,
        }
    ]
    assert "web_search_options" not in body
