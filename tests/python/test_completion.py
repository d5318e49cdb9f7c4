"""completion / acompletion against the mock provider: what goes on the wire, what comes back."""

from __future__ import annotations

import asyncio
import inspect
import time

import pytest

import litellm

MESSAGES = [{"role": "user", "content": "hi there"}]


def call(mock, **kwargs):
    kwargs.setdefault("model", "openai/mock-model")
    kwargs.setdefault("messages", MESSAGES)
    kwargs.setdefault("api_base", mock.base)
    kwargs.setdefault("api_key", "sk-test")
    return litellm.completion(**kwargs)


def test_sync_call_returns_a_litellm_model_response(mock):
    response = call(mock, temperature=0.3, seed=7)
    assert isinstance(response, litellm.ModelResponse)
    assert response.choices[0].message.content.startswith("Hello from the Ferrolite mock")
    assert response["choices"][0]["message"]["content"] == response.choices[0].message.content
    assert response.choices[0].finish_reason == "stop"
    assert response.usage.prompt_tokens == 2 and response.usage.total_tokens > 2
    assert response.id == "chatcmpl-mock123", "OpenAI ids are kept, as LiteLLM keeps them"
    hidden = response._hidden_params
    assert hidden["custom_llm_provider"] == "openai"
    assert hidden["api_base"] == mock.base
    assert hidden["response_cost"] is None
    assert hidden["additional_headers"]["llm_provider-x-request-id"] == "req_mock_1"
    assert hidden["additional_headers"]["x-ratelimit-remaining-requests"] == "99"
    assert isinstance(response._response_ms, float) and response._response_ms > 0


def test_request_on_the_wire_matches_openai(mock):
    call(
        mock,
        temperature=0.3,
        max_tokens=64,
        stop=["END"],
        user="u1",
        top_k=4,
        extra_headers={"X-Trace": "abc"},
        extra_body={"priority": "high"},
    )
    sent = mock.last_request()
    assert sent["path"] == "/v1/chat/completions"
    assert sent["headers"]["authorization"] == "Bearer sk-test"
    assert sent["headers"]["x-trace"] == "abc"
    assert sent["headers"]["content-type"] == "application/json"
    body = sent["body"]
    assert body == {
        "model": "mock-model",
        "messages": MESSAGES,
        "temperature": 0.3,
        "max_tokens": 64,
        "stop": ["END"],
        "user": "u1",
        "top_k": 4,
        "priority": "high",
    }


def test_positional_arguments_follow_litellms_orders(mock):
    # completion(model, messages, timeout, temperature, top_p, n, stream, stream_options, stop,
    #            max_completion_tokens, max_tokens, ...)
    litellm.completion(
        "openai/mock-model",
        MESSAGES,
        None,
        0.25,
        0.75,
        None,
        False,
        None,
        ["END"],
        None,
        64,
        api_base=mock.base,
        api_key="k",
    )
    body = mock.last_request()["body"]
    assert (body["temperature"], body["top_p"], body["stop"], body["max_tokens"]) == (0.25, 0.75, ["END"], 64)
    # acompletion(model, messages, functions, function_call, timeout, temperature, ...)
    order = list(inspect.signature(litellm.acompletion).parameters)
    assert order[:6] == ["model", "messages", "functions", "function_call", "timeout", "temperature"]
    assert list(inspect.signature(litellm.completion).parameters)[:5] == [
        "model",
        "messages",
        "timeout",
        "temperature",
        "top_p",
    ]


def test_env_vars_give_key_and_base(mock, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    monkeypatch.setenv("OPENAI_API_BASE", mock.base)
    litellm.completion(model="gpt-4o-mini", messages=MESSAGES)
    sent = mock.last_request()
    assert sent["headers"]["authorization"] == "Bearer sk-from-env"
    assert sent["body"]["model"] == "gpt-4o-mini"


def test_module_settings_are_read_at_call_time(mock):
    litellm.api_key = "sk-module"
    litellm.headers = {"X-Module": "1"}
    litellm.completion(model="openai/mock-model", messages=MESSAGES, api_base=mock.base)
    sent = mock.last_request()
    assert sent["headers"]["authorization"] == "Bearer sk-module"
    assert sent["headers"]["x-module"] == "1"


@pytest.mark.parametrize(
    "provider,env_key,path_model",
    [
        ("groq", "GROQ_API_KEY", "llama-3.3-70b"),
        ("together_ai", "TOGETHER_API_KEY", "meta-llama/Llama-3-70b"),
        ("deepseek", "DEEPSEEK_API_KEY", "deepseek-chat"),
        ("xai", "XAI_API_KEY", "grok-4"),
        ("fireworks_ai", "FIREWORKS_API_KEY", "accounts/fireworks/models/llama-v3"),
        ("openrouter", "OPENROUTER_API_KEY", "anthropic/claude-3.5-sonnet"),
        ("nvidia_nim", "NVIDIA_NIM_API_KEY", "meta/llama3-8b"),
        ("mistral", "MISTRAL_API_KEY", "mistral-large-latest"),
        ("perplexity", "PERPLEXITYAI_API_KEY", "sonar"),
        ("deepinfra", "DEEPINFRA_API_KEY", "meta-llama/Llama-3-8b"),
        ("cerebras", "CEREBRAS_API_KEY", "llama3.1-8b"),
        ("sambanova", "SAMBANOVA_API_KEY", "Meta-Llama-3.1-8B"),
    ],
)
def test_openai_compatible_providers_send_their_key_and_model(
    mock, monkeypatch, provider, env_key, path_model
):
    monkeypatch.setenv(env_key, f"key-{provider}")
    litellm.completion(model=f"{provider}/{path_model}", messages=MESSAGES, api_base=mock.base)
    sent = mock.last_request()
    assert sent["headers"]["authorization"] == f"Bearer key-{provider}"
    assert sent["body"]["model"] == path_model
    if provider == "openrouter":
        assert sent["headers"]["http-referer"] == "https://litellm.ai"
        assert sent["headers"]["x-title"] == "liteLLM"


@pytest.mark.parametrize("provider", ["hosted_vllm", "lm_studio", "llamafile"])
def test_local_servers_get_litellms_placeholder_key(mock, provider):
    litellm.completion(model=f"{provider}/local", messages=MESSAGES, api_base=mock.base)
    assert mock.last_request()["headers"]["authorization"] == "Bearer fake-api-key"


def test_custom_openai_and_text_completion_routes(mock):
    litellm.completion(model="custom_openai/my-model", messages=MESSAGES, api_base=mock.base, api_key="k")
    assert mock.last_request()["path"] == "/v1/chat/completions"
    response = litellm.completion(
        model="text-completion-openai/gpt-3.5-turbo-instruct",
        messages=[{"role": "user", "content": "echo:plain text"}],
        api_base=mock.base,
        api_key="k",
    )
    sent = mock.last_request()
    assert sent["path"] == "/v1/completions"
    assert sent["body"]["prompt"] == "echo:plain text"
    assert response.choices[0].message.content == "plain text"


def test_tool_calls_come_back_as_objects_with_json_string_arguments(mock):
    tools = [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}]
    response = call(mock, tools=tools, tool_choice="auto")
    message = response.choices[0].message
    assert response.choices[0].finish_reason == "tool_calls"
    call0 = message.tool_calls[0]
    assert isinstance(call0, litellm.ChatCompletionMessageToolCall)
    assert (call0.id, call0.type, call0.function.name) == ("call_mock_1", "function", "get_weather")
    assert call0.function.arguments == '{"city": "Paris"}'
    assert mock.last_request()["body"]["tools"] == tools


def test_unsupported_params_raise_unless_dropped(mock):
    with pytest.raises(litellm.UnsupportedParamsError) as info:
        litellm.completion(
            model="together_ai/m", messages=MESSAGES, api_base=mock.base, api_key="k", service_tier="flex"
        )
    assert "together_ai does not support parameters" in str(info.value)
    assert info.value.status_code == 400
    litellm.completion(
        model="together_ai/m",
        messages=MESSAGES,
        api_base=mock.base,
        api_key="k",
        service_tier="flex",
        drop_params=True,
    )
    assert "service_tier" not in mock.last_request()["body"]
    litellm.drop_params = True
    litellm.completion(
        model="together_ai/m", messages=MESSAGES, api_base=mock.base, api_key="k", service_tier="flex"
    )
    assert "service_tier" not in mock.last_request()["body"]


def test_pydantic_response_format_becomes_a_strict_json_schema(mock):
    from pydantic import BaseModel

    class City(BaseModel):
        name: str
        population: int

    call(mock, response_format=City)
    sent = mock.last_request()["body"]["response_format"]
    assert sent["type"] == "json_schema"
    assert sent["json_schema"]["name"] == "City"
    schema = sent["json_schema"]["schema"]
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["name", "population"]


def test_pydantic_messages_are_serialised(mock):
    call(mock, messages=[litellm.Message(role="user", content="from a Message object")])
    assert mock.last_request()["body"]["messages"][0]["content"] == "from a Message object"


# ---- async ----


def test_acompletion_is_a_coroutine_function_and_works_under_any_loop(mock):
    assert inspect.iscoroutinefunction(litellm.acompletion)

    async def main():
        results = await asyncio.gather(
            *[
                litellm.acompletion(
                    model="openai/mock-model", messages=MESSAGES, api_base=mock.base, api_key="k"
                )
                for _ in range(20)
            ]
        )
        return results

    results = asyncio.run(main())
    assert len(results) == 20
    assert all(r.choices[0].message.content.startswith("Hello") for r in results)


def test_acompletion_cancellation_aborts_the_request(mock):
    async def main():
        task = asyncio.ensure_future(
            litellm.acompletion(
                model="openai/mock-model",
                messages=MESSAGES,
                api_base=mock.base,
                api_key="k",
                extra_headers={"x-mock-fault": "hang"},
            )
        )
        await asyncio.sleep(0.2)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    started = time.monotonic()
    asyncio.run(main())
    assert time.monotonic() - started < 5


# ---- streaming ----


def test_sync_stream_yields_model_response_stream_chunks(mock):
    stream = call(mock, stream=True, extra_headers={"x-mock-chunks": "5"})
    assert isinstance(stream, litellm.CustomStreamWrapper)
    assert iter(stream) is stream
    chunks = list(stream)
    assert all(isinstance(c, litellm.ModelResponseStream) for c in chunks)
    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert text == "Hello from the Ferrolite mock provider! This is a streamed answer."
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert len({c.id for c in chunks}) == 1
    assert not any(hasattr(c, "usage") for c in chunks), "no usage without include_usage"
    assert mock.last_request()["body"]["stream"] is True
    assert stream.model == "mock-model" and stream.custom_llm_provider == "openai"


def test_stream_include_usage_and_chunk_builder(mock):
    chunks = list(call(mock, stream=True, stream_options={"include_usage": True}))
    assert chunks[-1].choices == []
    assert (
        chunks[-1].usage.total_tokens == chunks[-1].usage.prompt_tokens + chunks[-1].usage.completion_tokens
    )
    rebuilt = litellm.stream_chunk_builder(chunks, messages=MESSAGES)
    assert isinstance(rebuilt, litellm.ModelResponse)
    assert (
        rebuilt.choices[0].message.content
        == "Hello from the Ferrolite mock provider! This is a streamed answer."
    )
    assert rebuilt.usage.total_tokens == chunks[-1].usage.total_tokens
    assert litellm.stream_chunk_builder([]) is None


def test_streamed_tool_calls_follow_openais_delta_form(mock):
    tools = [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}]
    chunks = list(call(mock, stream=True, tools=tools))
    first = chunks[0].choices[0].delta.tool_calls[0]
    assert (first.index, first.id, first.function.name) == (0, "call_mock_1", "get_weather")
    rebuilt = litellm.stream_chunk_builder(chunks)
    assert rebuilt.choices[0].message.tool_calls[0].function.arguments == '{"city": "Paris"}'
    assert rebuilt.choices[0].finish_reason == "tool_calls"


def test_async_stream_and_context_manager_close(mock):
    async def main():
        stream = await litellm.acompletion(
            model="openai/mock-model", messages=MESSAGES, api_base=mock.base, api_key="k", stream=True
        )
        return [c async for c in stream]

    chunks = asyncio.run(main())
    assert "".join(c.choices[0].delta.content or "" for c in chunks).startswith("Hello from")
    with call(mock, stream=True) as stream:
        next(stream)
    stream.close()
    stream.close()
    with pytest.raises(StopIteration):
        next(stream)


def test_closing_a_stream_releases_a_slow_one_at_once(mock):
    stream = call(mock, stream=True, extra_headers={"x-mock-chunks": "30"})
    next(stream)
    stream.close()
    assert list(stream) == []


# ---- faults ----


@pytest.mark.parametrize(
    "fault,cls,status",
    [
        ("429", litellm.RateLimitError, 429),
        ("500", litellm.InternalServerError, 500),
        ("503", litellm.ServiceUnavailableError, 503),
        ("401", litellm.AuthenticationError, 401),
        ("404", litellm.NotFoundError, 404),
        ("400-context", litellm.ContextWindowExceededError, 400),
        ("400-content-policy", litellm.ContentPolicyViolationError, 400),
    ],
)
def test_provider_errors_map_to_litellm_classes(mock, fault, cls, status):
    with pytest.raises(cls) as info:
        call(mock, extra_headers={"x-mock-fault": fault})
    error = info.value
    assert error.status_code == status
    assert error.llm_provider == "openai"
    assert error.model == "mock-model"
    # LiteLLM stacks class prefixes for some subclasses ("litellm.BadRequestError:
    # litellm.ContentPolicyViolationError: ..."); the class's own prefix is always there.
    assert str(error).startswith("litellm.") and f"litellm.{cls.__name__}: " in str(error)
    assert "OpenAIException - " in str(error)
    assert type(error).__module__ == "litellm.exceptions"
    assert "sk-test" not in str(error) and "sk-test" not in repr(error)


def test_context_window_errors_are_bad_requests_and_openai_errors(mock):
    openai = pytest.importorskip("openai")
    with pytest.raises(litellm.BadRequestError) as info:
        call(mock, extra_headers={"x-mock-fault": "400-context"})
    assert isinstance(info.value, openai.BadRequestError)


def test_malformed_body_is_an_api_connection_error(mock):
    with pytest.raises(litellm.APIConnectionError):
        call(mock, extra_headers={"x-mock-fault": "malformed"})


def test_timeouts_raise_litellm_timeout(mock):
    started = time.monotonic()
    with pytest.raises(litellm.Timeout):
        call(mock, timeout=0.3, extra_headers={"x-mock-fault": "hang"})
    assert time.monotonic() - started < 3
    response = call(
        mock, timeout=5, extra_headers={"x-mock-fault": "slow-first-byte", "x-mock-delay-ms": "200"}
    )
    assert response.choices[0].message.content


def test_retries_recover_from_transient_errors_and_honour_retry_after(mock):
    headers = {
        "x-mock-fault": "429",
        "x-mock-fail-times": "2",
        "x-mock-key": f"r-{time.time()}",
        "x-mock-retry-after": "0.05",
    }
    started = time.monotonic()
    response = call(mock, num_retries=3, extra_headers=headers)
    assert response.choices[0].message.content
    assert len(mock.requests()) == 3
    assert time.monotonic() - started >= 0.1, "two Retry-After waits of 50 ms"


def test_retries_stop_at_the_limit_and_say_so(mock):
    with pytest.raises(litellm.ServiceUnavailableError) as info:
        call(mock, num_retries=1, extra_headers={"x-mock-fault": "503"})
    assert len(mock.requests()) == 2
    assert info.value.num_retries == 1


def test_bad_requests_are_never_retried(mock):
    with pytest.raises(litellm.AuthenticationError):
        call(mock, num_retries=3, extra_headers={"x-mock-fault": "401"})
    assert len(mock.requests()) == 1


def test_module_num_retries_applies(mock):
    litellm.num_retries = 2
    headers = {"x-mock-fault": "500", "x-mock-fail-times": "2", "x-mock-key": f"m-{time.time()}"}
    assert call(mock, extra_headers=headers).choices[0].message.content
    assert len(mock.requests()) == 3


@pytest.mark.parametrize("fault", ["truncate", "disconnect", "stream-error", "malformed"])
def test_broken_streams_raise_mid_stream_fallback_errors(mock, fault):
    stream = call(mock, stream=True, extra_headers={"x-mock-fault": fault})
    received = []
    with pytest.raises(litellm.MidStreamFallbackError) as info:
        for chunk in stream:
            received.append(chunk)
    assert received, "chunks before the failure were delivered"
    assert info.value.is_pre_first_chunk is False
    assert info.value.original_exception is not None


def test_async_calls_fall_back_when_the_loop_cannot_watch_sockets(mock):
    # Windows' proactor loop has no add_reader; the core's coroutines are awaited directly then.
    class NoReaderLoop(asyncio.SelectorEventLoop):
        def add_reader(self, *args):
            raise NotImplementedError

    async def main():
        response = await litellm.acompletion(
            model="openai/m", messages=MESSAGES, api_base=mock.base, api_key="k"
        )
        stream = await litellm.acompletion(
            model="openai/m", messages=MESSAGES, api_base=mock.base, api_key="k", stream=True
        )
        return response, [c async for c in stream]

    loop = NoReaderLoop()
    try:
        response, chunks = loop.run_until_complete(main())
    finally:
        loop.close()
    assert response.choices[0].message.content.startswith("Hello")
    assert "".join(c.choices[0].delta.content or "" for c in chunks).startswith("Hello")


def test_openai_o_series_rules(mock):
    """openai/o-series: LiteLLM's OpenAIOSeriesConfig (sampling params refused, temperature only 1,
    max_tokens renamed, the table's capability flags, system turns as user turns without a system role)."""
    messages = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "hi"}]
    kwargs = {"api_base": mock.base, "api_key": "sk-test"}
    with pytest.raises(litellm.UnsupportedParamsError, match="openai does not support parameters"):
        litellm.completion(model="openai/o3-mini", messages=messages, top_p=0.2, **kwargs)
    with pytest.raises(litellm.UnsupportedParamsError, match="O-series models don't support temperature=0.2"):
        litellm.completion(model="openai/o3-mini", messages=messages, temperature=0.2, **kwargs)
    # o1's table entry refuses parallel tool calls.
    with pytest.raises(litellm.UnsupportedParamsError, match="parallel_tool_calls"):
        litellm.completion(model="openai/o1", messages=messages, parallel_tool_calls=False, **kwargs)
    assert mock.requests() == []
    litellm.completion(
        model="openai/o3-mini", messages=messages, max_tokens=9, reasoning_effort="high", **kwargs
    )
    body = mock.last_request()["body"]
    assert body["max_completion_tokens"] == 9 and "max_tokens" not in body
    assert body["messages"][0] == {"content": "Be brief.", "role": "user"}
    litellm.completion(model="openai/o1", messages=messages, **kwargs)
    assert mock.last_request()["body"]["messages"][0]["role"] == "system"


def test_gpt5_rules(mock):
    """GPT-5 (LiteLLM's reasoning config): temperature only at 1 while it reasons, sampling
    parameters only at effort "none", effort levels only as the table grants them."""
    messages = [{"role": "user", "content": "hi"}]
    kwargs = {"api_base": mock.base, "api_key": "sk-test"}
    with pytest.raises(litellm.UnsupportedParamsError, match="gpt-5 doesn't support temperature=0.2"):
        litellm.completion(model="openai/gpt-5", messages=messages, temperature=0.2, **kwargs)
    with pytest.raises(litellm.UnsupportedParamsError, match="stop"):
        litellm.completion(model="openai/gpt-5", messages=messages, stop=["x"], **kwargs)
    with pytest.raises(litellm.UnsupportedParamsError, match="reasoning_effort=xhigh is not supported"):
        litellm.completion(model="openai/gpt-5", messages=messages, reasoning_effort="xhigh", **kwargs)
    assert mock.requests() == []
    litellm.completion(model="openai/gpt-5", messages=messages, temperature=0.2, drop_params=True, **kwargs)
    assert "temperature" not in mock.last_request()["body"]
    # gpt-5.1 reasons at "none" by default, so a temperature passes, until it is asked to reason.
    litellm.completion(model="openai/gpt-5.1", messages=messages, temperature=0.2, top_p=0.5, **kwargs)
    assert mock.last_request()["body"]["temperature"] == 0.2
    with pytest.raises(litellm.UnsupportedParamsError, match="only supports logprobs, top_p"):
        litellm.completion(
            model="openai/gpt-5.1", messages=messages, top_p=0.5, reasoning_effort="high", **kwargs
        )
    # gpt-5-chat is not a reasoning model.
    litellm.completion(model="openai/gpt-5-chat-latest", messages=messages, temperature=0.2, **kwargs)
    assert mock.last_request()["body"]["temperature"] == 0.2
