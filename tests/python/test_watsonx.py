"""IBM watsonx.ai chat (`watsonx/`) through completion: the IAM token exchange and its cache, the
request as the mock receives it, responses, streams and IBM's errors."""

from __future__ import annotations

import asyncio
import urllib.parse

import pytest

import litellm
from litellm import _core

MODEL = "watsonx/ibm/granite-3-8b-instruct"
WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "strict": True,
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
            "additionalProperties": False,
        },
    },
}


@pytest.fixture(autouse=True)
def ibm_env(monkeypatch, mock):
    for name in (
        "WATSONX_API_BASE",
        "WATSONX_URL",
        "WX_URL",
        "WML_URL",
        "WATSONX_APIKEY",
        "WATSONX_API_KEY",
        "WX_API_KEY",
        "WATSONX_TOKEN",
        "WATSONX_ZENAPIKEY",
        "WATSONX_PROJECT_ID",
        "WX_PROJECT_ID",
        "PROJECT_ID",
        "WATSONX_SPACE_ID",
        "WX_SPACE_ID",
        "SPACE_ID",
        "WATSONX_DEPLOYMENT_SPACE_ID",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("WATSONX_IAM_URL", mock.url + "/identity/token")
    _core.clear_tokens()


def call(mock, messages=None, **kwargs):
    kwargs.setdefault("api_key", "ibm-key")
    kwargs.setdefault("project_id", "proj-1")
    return litellm.completion(
        model=MODEL, messages=messages or [{"role": "user", "content": "Hi"}], api_base=mock.url, **kwargs
    )


def test_iam_exchange_request_and_token_cache(mock):
    call(
        mock,
        [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}],
        temperature=0.3,
        max_tokens=50,
        stop="END",
        tools=[WEATHER_TOOL],
        tool_choice="auto",
        time_limit=1000,
        user="u1",
    )
    grant, chat = mock.requests()
    assert grant["path"] == "/identity/token"
    assert grant["headers"]["content-type"] == "application/x-www-form-urlencoded"
    assert urllib.parse.parse_qs(grant["body"]) == {
        "grant_type": ["urn:ibm:params:oauth:grant-type:apikey"],
        "apikey": ["ibm-key"],
    }
    assert chat["path"] == "/ml/v1/text/chat" and chat["query"] == "version=2024-03-13"
    assert (
        chat["headers"]["authorization"]
        == "Bearer ibm-iam-token-" + chat["headers"]["authorization"].rsplit("-", 1)[1]
    )
    body = chat["body"]
    assert body["model"] == body["model_id"] == "ibm/granite-3-8b-instruct"
    assert body["project_id"] == "proj-1"
    assert body["messages"][0] == {"role": "system", "content": "Be brief."}
    assert (body["temperature"], body["max_tokens"], body["stop"], body["time_limit"]) == (
        0.3,
        50,
        "END",
        1000,
    )
    assert body["tool_choice_option"] == "auto" and "tool_choice" not in body
    assert body["tools"][0]["function"] == {
        "name": "get_weather",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    }
    assert body["stream"] is False
    assert "user" not in body and "token" not in body and "api_key" not in body

    mock.clear()
    call(mock)
    (again,) = mock.requests()
    assert again["headers"]["authorization"] == chat["headers"]["authorization"], "the IAM token is cached"


def test_other_credentials_and_placements(mock, monkeypatch):
    call(mock, token="my-bearer")
    sent = mock.last_request()
    assert sent["headers"]["authorization"] == "Bearer my-bearer" and "token" not in sent["body"]
    call(mock, api_key=None, zen_api_key="zen-1")
    assert mock.last_request()["headers"]["authorization"] == "ZenApiKey zen-1"

    monkeypatch.setenv("WATSONX_SPACE_ID", "space-9")
    call(mock, project_id=None)
    body = mock.last_request()["body"]
    assert body["space_id"] == "space-9" and "project_id" not in body

    litellm.completion(
        model="watsonx/deployment/dep-123",
        messages=[{"role": "user", "content": "Hi"}],
        api_base=mock.url,
        api_key="k",
    )
    sent = mock.last_request()
    assert sent["path"] == "/ml/v1/deployments/dep-123/text/chat"
    assert sent["body"]["model"] == "" and "model_id" not in sent["body"]


def test_missing_settings_fail_before_sending(mock, monkeypatch):
    with pytest.raises(litellm.AuthenticationError, match="Watsonx project_id and space_id not set"):
        call(mock, project_id=None)
    with pytest.raises(litellm.AuthenticationError, match="Watsonx URL not set"):
        litellm.completion(
            model=MODEL, messages=[{"role": "user", "content": "Hi"}], api_key="k", project_id="p"
        )
    with pytest.raises(litellm.APIConnectionError, match="API key is required"):
        call(mock, api_key=None)
    assert mock.requests() == []
    with pytest.raises(litellm.AuthenticationError, match="Provided API key could not be found"):
        call(mock, api_key="bad-key")
    assert [r["path"] for r in mock.requests()] == ["/identity/token"]


def test_responses_tools_and_streams(mock):
    response = call(mock, [{"role": "user", "content": "echo:Hello there"}])
    assert response.choices[0].message.content == "Hello there"
    assert response.model == "watsonx/ibm/granite-3-8b-instruct"
    assert (response.usage.prompt_tokens, response.usage.completion_tokens) == (12, 2)

    response = call(mock, tools=[WEATHER_TOOL])
    tool_call = response.choices[0].message.tool_calls[0]
    assert (tool_call.id, tool_call.function.arguments) == ("H6KoCbaZV", '{"city": "Paris"}')
    assert response.choices[0].finish_reason == "tool_calls"

    chunks = list(
        call(
            mock,
            [{"role": "user", "content": "echo:one two three"}],
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    assert mock.last_request()["path"] == "/ml/v1/text/chat_stream"
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "one two three"
    assert chunks[-1].usage.prompt_tokens == 12, "IBM's own usage, not an estimate"

    async def run():
        return await litellm.acompletion(
            model=MODEL,
            messages=[{"role": "user", "content": "echo:async"}],
            api_base=mock.url,
            api_key="k",
            project_id="p",
        )

    assert asyncio.run(run()).choices[0].message.content == "async"


@pytest.mark.parametrize(
    ("fault", "error", "status", "start"),
    [
        ("400", litellm.BadRequestError, 400, 'litellm.BadRequestError: WatsonxException - {"errors":'),
        ("401", litellm.AuthenticationError, 401, "litellm.AuthenticationError: WatsonxException - "),
        ("404", litellm.NotFoundError, 404, "litellm.NotFoundError: WatsonxException - "),
        ("422", litellm.BadRequestError, 400, "litellm.BadRequestError: WatsonxException - "),
        ("429", litellm.RateLimitError, 429, "litellm.RateLimitError: WatsonxException: Rate Limit Error - "),
        ("500", litellm.InternalServerError, 500, "litellm.InternalServerError: WatsonxException - "),
    ],
)
def test_errors(mock, fault, error, status, start):
    with pytest.raises(error) as info:
        call(mock, extra_headers={"x-mock-fault": fault})
    assert info.value.status_code == status
    assert str(info.value).startswith(start)
    assert "ibm-key" not in str(info.value)


def test_supported_params(mock):
    params = litellm.get_supported_openai_params("ibm/granite-3-8b-instruct", "watsonx")
    assert "tools" in params and "max_completion_tokens" not in params
    with pytest.raises(litellm.UnsupportedParamsError, match="max_completion_tokens"):
        call(mock, max_completion_tokens=10)


# watsonx_text/: IBM's text-generation API with a rendered prompt.

CONVERSATION = [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "Hi"},
    {"role": "assistant", "content": "Hello"},
    {"role": "user", "content": "echo:Bonjour tout le monde"},
]


def text_call(mock, model="watsonx_text/ibm/granite-13b-chat-v2", messages=CONVERSATION, **kwargs):
    kwargs.setdefault("token", "tok")
    kwargs.setdefault("project_id", "proj-1")
    return litellm.completion(model=model, messages=messages, api_base=mock.url, **kwargs)


def test_text_generation_request_and_response(mock):
    response = text_call(
        mock,
        temperature=0.3,
        max_tokens=50,
        stop="END",
        seed=7,
        decoding_method="greedy",
        moderations={"hap": {}},
    )
    sent = mock.last_request()
    assert sent["path"] == "/ml/v1/text/generation" and sent["query"] == "version=2024-03-13"
    assert sent["headers"]["authorization"] == "Bearer tok"
    assert sent["body"] == {
        "input": "<|system|>\nBe brief.\n<|user|>\nHi\n<|assistant|>\nHello\n"
        "<|user|>\necho:Bonjour tout le monde\n<|assistant|>",
        "moderations": {"hap": {}},
        "parameters": {
            "temperature": 0.3,
            "max_new_tokens": 50,
            "stop_sequences": ["END"],
            "random_seed": 7,
            "decoding_method": "greedy",
        },
        "model_id": "ibm/granite-13b-chat-v2",
        "project_id": "proj-1",
    }, "LiteLLM 1.109.1 sends input: null for this model and leaks token into parameters"
    assert response.choices[0].message.content == "Bonjour tout le monde"
    assert response.choices[0].finish_reason == "stop"
    assert response.model == "ibm/granite-13b-chat-v2"
    assert response.usage.prompt_tokens == len(sent["body"]["input"].split())
    assert response.usage.completion_tokens == 4


def test_text_prompts_by_family_and_registered(mock):
    text_call(mock, model="watsonx_text/mistralai/mixtral-8x7b-instruct-v01")
    assert mock.last_request()["body"]["input"].startswith(
        "<s>[INST] \nBe brief. [/INST]\n[INST] Hi [/INST]\n Hello</s>"
    )
    text_call(mock, model="watsonx_text/meta-llama/llama-3-8b-instruct")
    assert mock.last_request()["body"]["input"].startswith(
        "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\nBe brief.<|eot_id|>"
    )
    litellm.register_prompt_template(
        model="watsonx_text/google/flan-t5-xxl", roles={"user": {"pre_message": "Q: ", "post_message": "\n"}}
    )
    text_call(mock, model="watsonx_text/google/flan-t5-xxl", messages=CONVERSATION[3:])
    assert mock.last_request()["body"]["input"] == "Q: echo:Bonjour tout le monde\n"
    with pytest.raises(litellm.UnsupportedParamsError, match="presence_penalty"):
        text_call(mock, presence_penalty=0.1)


def test_text_stream_deltas_finish_and_usage(mock):
    chunks = list(text_call(mock, stream=True, max_tokens=2, stream_options={"include_usage": True}))
    sent = mock.last_request()
    assert sent["path"] == "/ml/v1/text/generation_stream"
    assert "stream" not in sent["body"]
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "Bonjour tout"
    assert [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason] == [
        "length"
    ]
    assert chunks[-1].usage.completion_tokens == 2


def test_text_stream_error_event_raises(mock):
    stream = text_call(mock, stream=True, extra_headers={"x-mock-fault": "stream-error"})
    with pytest.raises(litellm.MidStreamFallbackError, match="Model failed mid-generation"):
        for _ in stream:
            pass


@pytest.mark.parametrize(
    ("fault", "error", "status"),
    [
        ("400", litellm.BadRequestError, 400),
        ("401", litellm.AuthenticationError, 401),
        ("404", litellm.NotFoundError, 404),
        ("422", litellm.BadRequestError, 422),
        ("429", litellm.RateLimitError, 429),
    ],
)
def test_text_errors(mock, fault, error, status):
    with pytest.raises(error) as caught:
        text_call(mock, extra_headers={"x-mock-fault": fault})
    assert caught.value.status_code == status
    assert str(caught.value).startswith(f"litellm.{error.__name__}: Watsonx_textException - {{")


def test_text_needs_a_project(mock):
    with pytest.raises(
        litellm.AuthenticationError, match="Watsonx_textException - Error: Watsonx project_id"
    ):
        text_call(mock, project_id=None)
