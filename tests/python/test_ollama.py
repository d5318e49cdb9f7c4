"""Ollama (`ollama_chat/` → /api/chat, `ollama/` → /api/generate) through completion: request
translation as the mock receives it, NDJSON streams, tool calls, usage and errors."""

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
def ollama(mock):
    mock.host = mock.base.rsplit("/v1", 1)[0]
    return mock


def chat(ollama, messages, **kwargs):
    return litellm.completion(model="ollama_chat/llama3.1", messages=messages, api_base=ollama.host, **kwargs)


def test_chat_request_maps_params_into_options(ollama):
    chat(
        ollama,
        [{"role": "system", "content": "sys"}, {"role": "user", "content": "echo:hi"}],
        temperature=0.2,
        max_tokens=50,
        stop=["x"],
        frequency_penalty=1.1,
        num_ctx=8192,
        keep_alive="5m",
        response_format={"type": "json_object"},
    )
    sent = ollama.last_request()
    assert sent["path"] == "/api/chat"
    assert "authorization" not in sent["headers"]
    assert sent["body"] == {
        "model": "llama3.1",
        "messages": [
            {"role": "system", "content": "sys", "images": []},
            {"role": "user", "content": "echo:hi", "images": []},
        ],
        "options": {
            "temperature": 0.2,
            "num_predict": 50,
            "stop": ["x"],
            "repeat_penalty": 1.1,
            "num_ctx": 8192,
        },
        "stream": False,
        "format": "json",
        "keep_alive": "5m",
    }


def test_chat_history_with_tools_and_images(ollama):
    messages = [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "what is this"},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
            ],
        },
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": '{"a": 1}'}}
            ],
        },
        {"role": "tool", "tool_call_id": "call_1", "content": "sunny"},
    ]
    chat(ollama, messages, tools=[WEATHER_TOOL], tool_choice="auto")
    body = ollama.last_request()["body"]
    assert body["messages"] == [
        {"role": "user", "content": "what is this", "images": ["iVBORw0KGgo="]},
        {
            "role": "assistant",
            "content": "",
            "images": [],
            "tool_calls": [{"id": "call_1", "function": {"name": "f", "arguments": {"a": 1}}}],
        },
        {"role": "tool", "content": "sunny", "images": [], "tool_call_id": "call_1"},
    ]
    assert body["tools"] == [WEATHER_TOOL]
    assert "tool_choice" not in body


def test_chat_response(ollama):
    response = chat(ollama, [{"role": "user", "content": "echo:hi there"}])
    assert response.choices[0].message.content == "hi there"
    assert response.choices[0].finish_reason == "stop"
    assert response.model == "ollama_chat/llama3.1"
    assert (response.usage.prompt_tokens, response.usage.completion_tokens) == (7, 2)
    assert response.id.startswith("chatcmpl-")


def test_chat_tool_call_response(ollama):
    response = chat(ollama, [{"role": "user", "content": "weather?"}], tools=[WEATHER_TOOL])
    choice = response.choices[0]
    assert choice.finish_reason == "tool_calls"
    call = choice.message.tool_calls[0]
    assert (call.function.name, call.function.arguments) == ("get_weather", '{"city": "Paris"}')
    assert call.id


def test_chat_ndjson_stream(ollama):
    chunks = list(
        chat(
            ollama,
            [{"role": "user", "content": "echo:one two three"}],
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "one two three"
    assert chunks[0].choices[0].delta.role == "assistant"
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    assert chunks[-1].usage.total_tokens == 7 + 3
    assert ollama.last_request()["body"]["stream"] is True
    rebuilt = litellm.stream_chunk_builder(chunks)
    assert rebuilt.choices[0].message.content == "one two three"


def test_stream_error_line_raises(ollama):
    stream = chat(
        ollama,
        [{"role": "user", "content": "hi"}],
        stream=True,
        extra_headers={"x-mock-fault": "stream-error"},
    )
    with pytest.raises(litellm.MidStreamFallbackError, match="an error was encountered"):
        list(stream)


def test_generate_renders_a_prompt(ollama):
    messages = [{"role": "system", "content": "sys"}, {"role": "user", "content": "echo:hi gen"}]
    response = litellm.completion(
        model="ollama/llama3.1",
        messages=messages,
        api_base=ollama.host,
        frequency_penalty=0.5,
        keep_alive="1m",
    )
    sent = ollama.last_request()
    assert sent["path"] == "/api/generate"
    assert sent["body"] == {
        "model": "llama3.1",
        "prompt": "### System:\nsys\n\n### User:\necho:hi gen\n\n",
        "options": {"frequency_penalty": 0.5, "keep_alive": "1m"},
        "stream": False,
        "images": [],
    }
    assert response.choices[0].message.content == "hi gen"
    assert response.model == "ollama/llama3.1"


def test_generate_stream_and_async(ollama):
    async def main():
        stream = await litellm.acompletion(
            model="ollama/llama3.1",
            messages=[{"role": "user", "content": "echo:a b"}],
            api_base=ollama.host,
            stream=True,
        )
        return "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])

    assert asyncio.run(main()) == "a b"


def test_unsupported_params_and_keys(ollama, monkeypatch):
    with pytest.raises(litellm.UnsupportedParamsError):
        chat(ollama, [{"role": "user", "content": "hi"}], presence_penalty=0.1)
    monkeypatch.setenv("OLLAMA_API_KEY", "ol-key")
    chat(ollama, [{"role": "user", "content": "hi"}])
    assert ollama.last_request()["headers"]["authorization"] == "Bearer ol-key"


@pytest.mark.parametrize(
    ("fault", "exception"),
    [
        ("404", litellm.NotFoundError),
        ("500", litellm.InternalServerError),
        ("503", litellm.ServiceUnavailableError),
    ],
)
def test_errors_quote_the_raw_body(ollama, fault, exception):
    with pytest.raises(exception) as raised:
        chat(ollama, [{"role": "user", "content": "hi"}], extra_headers={"x-mock-fault": fault})
    assert str(raised.value).startswith(f"litellm.{type(raised.value).__name__}: Ollama_chatException - {{")
    assert raised.value.llm_provider == "ollama_chat"
    assert raised.value.model == "llama3.1"


def test_registered_prompt_template_replaces_the_generate_prompt(ollama):
    registered = litellm.register_prompt_template(
        model="ollama/llama2",
        roles={
            "system": {"pre_message": "[SYS]", "post_message": "[/SYS]\n"},
            "user": {"pre_message": "[INST] ", "post_message": " [/INST]\n"},
            "assistant": {"pre_message": "", "post_message": "\n"},
        },
        initial_prompt_value="<s>",
        final_prompt_value="Answer:",
    )
    try:
        assert registered["llama2"] == registered["ollama/llama2"]
        messages = [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "Hi"},
            {"role": "assistant", "content": "Hello"},
            {"role": "user", "content": "Bye"},
        ]
        litellm.completion(model="ollama/llama2", messages=messages, api_base=ollama.host)
        assert ollama.last_request()["body"]["prompt"] == (
            "<s>[SYS]Be brief.[/SYS]\n[INST] Hi [/INST]\nHello\n[INST] Bye [/INST]\nAnswer:"
        )
        litellm.completion(model="ollama/mistral", messages=messages, api_base=ollama.host)
        assert ollama.last_request()["body"]["prompt"].startswith("### System:\nBe brief.")
    finally:
        litellm.custom_prompt_dict.clear()


# ---- ollama/ tools: LiteLLM's prompted function calling ----
INSTRUCTION = (
    'To call a function, reply with JSON ONLY in this format {"name": "function_name", '
    '"arguments":{"argument_name": "argument_value"}}. Once a function result answers the request, '
    "reply to the user in plain text instead of calling a function again. The following functions "
    "are available to you:"
)
TOOL_REPR = (
    "{'type': 'function', 'function': {'name': 'get_weather', 'parameters': {'type': 'object', "
    "'properties': {'city': {'type': 'string'}}}}}"
)


def generate(ollama, content, **kwargs):
    return litellm.completion(
        model="ollama/llama3.1",
        messages=[{"role": "user", "content": content}],
        api_base=ollama.host,
        **kwargs,
    )


def test_generate_tools_are_described_in_the_prompt_and_read_back_as_a_call(ollama):
    response = generate(ollama, "weather?", tools=[WEATHER_TOOL], tool_choice="auto")
    body = ollama.last_request()["body"]
    assert body["prompt"] == f"### User:\nweather?\n\n### System:\n{INSTRUCTION}\n{TOOL_REPR}\n\n\n"
    assert body["format"] == "json"
    assert "tools" not in body and "tool_choice" not in body
    choice = response.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.content is None
    call = choice.message.tool_calls[0]
    assert call.id.startswith("call_")
    assert (call.function.name, call.function.arguments) == ("get_weather", '{"city": "Paris"}')


def test_generate_instruction_joins_an_existing_system_turn(ollama):
    messages = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "weather?"}]
    litellm.completion(model="ollama/llama3.1", messages=messages, api_base=ollama.host, tools=[WEATHER_TOOL])
    prompt = ollama.last_request()["body"]["prompt"]
    assert prompt.startswith(f"### System:\nBe brief. {INSTRUCTION}\n{TOOL_REPR}\n\n\n### User:\nweather?")


def test_generate_json_mode_plain_answers_stay_text(ollama):
    response = generate(ollama, "echo:It is sunny.", tools=[WEATHER_TOOL])
    assert response.choices[0].message.content == "It is sunny."
    assert response.choices[0].message.tool_calls is None
    assert response.choices[0].finish_reason == "stop"
    # JSON that is not a call comes back re-written as Python's json.dumps writes it.
    response = generate(ollama, 'echo:{"a":[1,2]}', response_format={"type": "json_object"})
    assert ollama.last_request()["body"]["format"] == "json"
    assert response.choices[0].message.content == '{"a": [1, 2]}'


def test_generate_streamed_call_is_held_back_until_the_end(ollama):
    chunks = list(generate(ollama, "weather?", tools=[WEATHER_TOOL], stream=True))
    assert all(not (c.choices and c.choices[0].delta.content) for c in chunks)
    rebuilt = litellm.stream_chunk_builder(chunks)
    call = rebuilt.choices[0].message.tool_calls[0]
    assert (call.function.name, call.function.arguments) == ("get_weather", '{"city": "Paris"}')
    assert rebuilt.choices[0].finish_reason == "tool_calls"
    chunks = list(generate(ollama, "echo:a b c d", tools=[WEATHER_TOOL], stream=True))
    texts = [c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content]
    assert "".join(texts) == "a b c d" and len(texts) > 1  # plain text streams as it comes


def test_function_call_param_is_still_unsupported_on_generate(ollama):
    with pytest.raises(litellm.UnsupportedParamsError, match="function_call"):
        generate(ollama, "hi", function_call="auto")


# ---- inline <think> reasoning ----
@pytest.mark.parametrize("model", ["ollama/qwen3", "ollama_chat/qwen3"])
def test_think_tags_become_reasoning_content(ollama, model):
    messages = [{"role": "user", "content": "echo:<think>Let me think</think>Hello!"}]
    response = litellm.completion(model=model, messages=messages, api_base=ollama.host)
    message = response.choices[0].message
    assert (message.reasoning_content, message.content) == ("Let me think", "Hello!")
    chunks = list(litellm.completion(model=model, messages=messages, api_base=ollama.host, stream=True))
    deltas = [c.choices[0].delta for c in chunks if c.choices]
    assert "".join(getattr(d, "reasoning_content", None) or "" for d in deltas) == "Let me think"
    assert "".join(d.content or "" for d in deltas) == "Hello!"
