"""AWS Bedrock (Converse) through completion: the signed request as the mock receives it (checked by
an independent SigV4 verifier written here from AWS's spec), credentials, regions and ARNs,
responses, binary event-stream streams, tool calls and Bedrock's errors."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import urllib.parse

import pytest

import litellm
from litellm import _core

CLAUDE = "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0"
CREDS = {
    "aws_access_key_id": "AKIDEXAMPLE",
    "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG",
    "aws_region_name": "us-east-1",
}
WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Get weather",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}


@pytest.fixture(autouse=True)
def no_ambient_aws(monkeypatch, tmp_path):
    """Credentials and regions come only from what each test sets."""
    for name in (
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
        "AWS_PROFILE_NAME",
        "AWS_REGION",
        "AWS_REGION_NAME",
        "AWS_DEFAULT_REGION",
        "AWS_BEARER_TOKEN_BEDROCK",
        "AWS_BEDROCK_RUNTIME_ENDPOINT",
        "AWS_ROLE_NAME",
        "AWS_ROLE_ARN",
        "AWS_SESSION_NAME",
        "AWS_WEB_IDENTITY_TOKEN",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_STS_ENDPOINT",
        "AWS_ENDPOINT_URL_STS",
        "AWS_ENDPOINT_URL",
        "AWS_EXTERNAL_ID",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))


def call(mock, messages=None, model=CLAUDE, **kwargs):
    for key, value in CREDS.items():
        kwargs.setdefault(key, value)
    return litellm.completion(
        model=model, messages=messages or [{"role": "user", "content": "Hi"}], api_base=mock.url, **kwargs
    )


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def expected_signature(request: dict, secret: str) -> str:
    """SigV4 recomputed from what the mock received, per AWS's signing spec."""
    headers = request["headers"]
    auth = headers["authorization"]
    scope = auth.split("Credential=")[1].split(",")[0].split("/", 1)[1]
    date, region, service, _ = scope.split("/")
    signed = auth.split("SignedHeaders=")[1].split(",")[0].split(";")
    canonical = "\n".join(
        [
            request["method"],
            urllib.parse.quote(request["path"], safe="/-_.~"),  # the wire path, encoded again
            request["query"] or "",
            "".join(f"{name}:{headers[name].strip()}\n" for name in signed),
            ";".join(signed),
            request["body_sha256"],
        ]
    )
    to_sign = "\n".join(
        ["AWS4-HMAC-SHA256", headers["x-amz-date"], scope, hashlib.sha256(canonical.encode()).hexdigest()]
    )
    key = ("AWS4" + secret).encode()
    for part in (date, region, service, "aws4_request"):
        key = _hmac(key, part)
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


def test_request_is_signed_and_translated(mock):
    messages = [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "a"},
        {"role": "user", "content": [{"type": "text", "text": "b", "cache_control": {"type": "ephemeral"}}]},
    ]
    call(
        mock,
        messages,
        aws_session_token="SESSION",
        max_tokens=100,
        temperature=0.5,
        top_p=0.9,
        stop=["END", "STOP"],
        top_k=40,
        tools=[WEATHER_TOOL],
        tool_choice="required",
    )
    sent = mock.last_request()
    assert sent["path"] == "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse"
    headers = sent["headers"]
    assert headers["content-type"] == "application/json"
    assert headers["x-amz-security-token"] == "SESSION"
    assert headers["authorization"].startswith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
    assert (
        "/us-east-1/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,"
        in (headers["authorization"])
    )
    assert headers["authorization"].endswith(
        "Signature=" + expected_signature(sent, CREDS["aws_secret_access_key"])
    )

    body = sent["body"]
    assert list(body) == [
        "messages",
        "inferenceConfig",
        "additionalModelRequestFields",
        "system",
        "toolConfig",
    ]
    assert body["system"] == [{"text": "Be brief."}]
    assert body["messages"] == [{"role": "user", "content": [{"text": "a"}, {"text": "b"}]}], (
        "consecutive user turns merge; claude-3-5-sonnet-20240620 cannot cache, so no cache point"
    )
    assert body["inferenceConfig"] == {
        "maxTokens": 100,
        "temperature": 0.5,
        "topP": 0.9,
        "stopSequences": ["END", "STOP"],
    }
    assert body["additionalModelRequestFields"] == {"top_k": 40}
    assert body["toolConfig"] == {
        "tools": [
            {
                "toolSpec": {
                    "inputSchema": {"json": WEATHER_TOOL["function"]["parameters"]},
                    "name": "get_weather",
                    "description": "Get weather",
                }
            }
        ],
        "toolChoice": {"any": {}},
    }


def test_history_tools_images_and_cache_points(mock):
    messages = [
        {
            "role": "user",
            "content": [{"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}],
        },
        {
            "role": "assistant",
            "content": "Let me check.",
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
                }
            ],
        },
        {"role": "tool", "tool_call_id": "call_1", "content": "sunny"},
        {"role": "user", "content": "thanks", "cache_control": {"type": "ephemeral"}},
        {"role": "assistant", "content": "prefill   "},
    ]
    call(mock, messages, model="bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0", tools=[WEATHER_TOOL])
    assert mock.last_request()["body"]["messages"] == [
        {"role": "user", "content": [{"image": {"source": {"bytes": "iVBORw0KGgo="}, "format": "png"}}]},
        {
            "role": "assistant",
            "content": [
                {"text": "Let me check."},
                {"toolUse": {"input": {"city": "Paris"}, "name": "get_weather", "toolUseId": "call_1"}},
            ],
        },
        {
            "role": "user",
            "content": [
                {"toolResult": {"content": [{"text": "sunny"}], "toolUseId": "call_1"}},
                {"text": "thanks"},
                {"cachePoint": {"type": "default"}},
            ],
        },
        {"role": "assistant", "content": [{"text": "prefill"}]},
    ]


def test_arns_regions_and_endpoints(mock, monkeypatch):
    arn = "arn:aws:bedrock:eu-central-1:123456789012:application-inference-profile/abc123"
    monkeypatch.setenv("AWS_REGION_NAME", "us-west-1")
    response = call(mock, model=f"bedrock/{arn}", aws_region_name=None)
    sent = mock.last_request()
    assert sent["path"] == "/model/" + urllib.parse.quote(arn, safe="") + "/converse"
    assert "/eu-central-1/bedrock/" in sent["headers"]["authorization"], (
        "the ARN's region beats the environment"
    )
    assert response.model == arn

    # aws_bedrock_runtime_endpoint beats api_base; a region path segment sets the region.
    litellm.completion(
        model="bedrock/converse/ap-south-1/meta.llama3-70b-instruct-v1:0",
        messages=[{"role": "user", "content": "Hi"}],
        api_base="http://127.0.0.1:9",
        aws_bedrock_runtime_endpoint=mock.url + "/prefix",
        aws_access_key_id="AKID",
        aws_secret_access_key="s",
    )
    sent = mock.last_request()
    assert sent["path"] == "/prefix/model/meta.llama3-70b-instruct-v1%3A0/converse"
    assert "/ap-south-1/bedrock/" in sent["headers"]["authorization"]


def test_bearer_keys_and_profiles(mock, monkeypatch, tmp_path):
    call(mock, api_key="brk-key")
    headers = mock.last_request()["headers"]
    assert headers["authorization"] == "Bearer brk-key" and "x-amz-date" not in headers

    (tmp_path / "credentials").write_text(
        "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = d\n\n"
        "[prof2]\naws_access_key_id = AKIDPROF\naws_secret_access_key = p\naws_session_token = PROFTOK\n"
    )
    litellm.completion(
        model=CLAUDE,
        messages=[{"role": "user", "content": "Hi"}],
        api_base=mock.url,
        aws_profile_name="prof2",
    )
    sent = mock.last_request()
    assert sent["headers"]["authorization"].startswith("AWS4-HMAC-SHA256 Credential=AKIDPROF/")
    assert sent["headers"]["x-amz-security-token"] == "PROFTOK"
    assert "/us-west-2/" in sent["headers"]["authorization"], "LiteLLM's default region"
    assert sent["headers"]["authorization"].endswith("Signature=" + expected_signature(sent, "p"))

    litellm.completion(model=CLAUDE, messages=[{"role": "user", "content": "Hi"}], api_base=mock.url)
    assert "Credential=AKIDDEFAULT/" in mock.last_request()["headers"]["authorization"]


def test_missing_credentials_send_nothing(mock):
    with pytest.raises(litellm.AuthenticationError) as info:
        litellm.completion(model=CLAUDE, messages=[{"role": "user", "content": "Hi"}], api_base=mock.url)
    assert str(info.value) == (
        "litellm.AuthenticationError: BedrockException Invalid Authentication - Unable to locate credentials"
    )
    assert mock.requests() == []


def test_response_text_tools_and_cache_usage(mock):
    usage = json.dumps(
        {
            "inputTokens": 5,
            "outputTokens": 2,
            "totalTokens": 1007,
            "cacheReadInputTokens": 600,
            "cacheWriteInputTokens": 400,
        }
    )
    response = call(
        mock, [{"role": "user", "content": "echo:Hello there"}], extra_headers={"x-mock-usage": usage}
    )
    assert response.choices[0].message.content == "Hello there"
    assert response.choices[0].finish_reason == "stop"
    assert response.model == "anthropic.claude-3-5-sonnet-20240620-v1:0"
    assert (response.usage.prompt_tokens, response.usage.completion_tokens, response.usage.total_tokens) == (
        1005,
        2,
        1007,
    )
    assert response.usage.prompt_tokens_details.cached_tokens == 600
    assert response._hidden_params["response_cost"] > 0

    response = call(mock, tools=[WEATHER_TOOL])
    message = response.choices[0].message
    assert response.choices[0].finish_reason == "tool_calls"
    assert message.content == "Checking."
    call_ = message.tool_calls[0]
    assert (call_.id, call_.function.name, call_.function.arguments) == (
        "tooluse_mock_1",
        "get_weather",
        '{"city": "Paris"}',
    )


def test_stream_text_usage_and_rebuild(mock):
    chunks = list(
        call(
            mock,
            [{"role": "user", "content": "echo:one two three four"}],
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    assert mock.last_request()["path"].endswith("/converse-stream")
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "one two three four"
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    assert chunks[-1].usage.total_tokens == 11 + 4, "Bedrock's own counts, not an estimate"
    rebuilt = litellm.stream_chunk_builder(chunks)
    assert rebuilt.choices[0].message.content == "one two three four"


def test_stream_tool_call_and_async(mock):
    async def run():
        stream = await litellm.acompletion(
            model=CLAUDE,
            messages=[{"role": "user", "content": "weather?"}],
            api_base=mock.url,
            tools=[WEATHER_TOOL],
            stream=True,
            **CREDS,
        )
        return [chunk async for chunk in stream]

    chunks = asyncio.run(run())
    calls = [tc for c in chunks if c.choices for tc in (c.choices[0].delta.tool_calls or [])]
    assert calls[0].id == "tooluse_mock_1" and calls[0].function.name == "get_weather"
    assert "".join(tc.function.arguments or "" for tc in calls) == '{"city":"Paris"}'
    assert {tc.index for tc in calls} == {0}
    assert chunks[-1].choices[0].finish_reason == "tool_calls"


@pytest.mark.parametrize(
    ("fault", "error", "status", "text"),
    [
        (
            "429",
            litellm.RateLimitError,
            429,
            'BedrockException - {"message":"Too many requests, please wait before trying again."}',
        ),
        ("500", litellm.ServiceUnavailableError, 503, 'BedrockException - {"message":"Internal error"}'),
        ("403", litellm.AuthenticationError, 403, "BedrockException Invalid Authentication - "),
        ("403-access", litellm.PermissionDeniedError, 403, "BedrockException - "),
        ("404", litellm.NotFoundError, 404, 'BedrockException - {"message":"Model not found"}'),
        ("400-context", litellm.ContextWindowExceededError, 400, "BedrockException: Context Window Error - "),
    ],
)
def test_errors_map_to_litellm_classes(mock, fault, error, status, text):
    with pytest.raises(error) as info:
        call(mock, extra_headers={"x-mock-fault": fault})
    assert info.value.status_code == status
    assert text in str(info.value)
    assert info.value.llm_provider == "bedrock"


def test_stream_faults(mock):
    """Mid-stream failures are retriable, so they come wrapped for the Router's fallbacks."""
    with pytest.raises(litellm.MidStreamFallbackError) as info:
        list(call(mock, stream=True, extra_headers={"x-mock-fault": "stream-error"}))
    assert str(info.value).startswith(
        "litellm.MidStreamFallbackError: litellm.RateLimitError: BedrockException: Rate Limit Error - "
        'throttlingException {"message": "Too many requests, please wait before trying again."}'
    )
    assert isinstance(info.value.original_exception, litellm.RateLimitError)
    with pytest.raises(litellm.MidStreamFallbackError, match="checksum mismatch"):
        list(call(mock, stream=True, extra_headers={"x-mock-fault": "malformed"}))
    with pytest.raises(litellm.MidStreamFallbackError, match="before it was complete"):
        list(call(mock, stream=True, extra_headers={"x-mock-fault": "truncate"}))


def test_supported_params_and_refusals(mock):
    assert "thinking" not in litellm.get_supported_openai_params(
        "anthropic.claude-3-5-sonnet-20240620-v1:0", "bedrock"
    )
    assert "tools" not in litellm.get_supported_openai_params("meta.llama3-70b-instruct-v1:0", "bedrock")
    with pytest.raises(litellm.UnsupportedParamsError, match="presence_penalty"):
        call(mock, presence_penalty=0.1)
    with pytest.raises(litellm.UnsupportedParamsError, match="tool_choice=none"):
        call(mock, tools=[WEATHER_TOOL], tool_choice="none")
    assert mock.requests() == []
    call(mock, presence_penalty=0.1, drop_params=True)
    assert "presence_penalty" not in str(mock.last_request()["body"])


def test_thinking_and_json_schema(mock):
    call(mock, model="bedrock/us.anthropic.claude-3-7-sonnet-20250219-v1:0", reasoning_effort="medium")
    body = mock.last_request()["body"]
    assert body["additionalModelRequestFields"] == {"thinking": {"type": "enabled", "budget_tokens": 2048}}
    assert body["inferenceConfig"] == {"maxTokens": 2048 + 4096}
    assert body["additionalModelResponseFieldPaths"] == ["/usage/output_tokens_details"]

    schema = {"type": "object", "properties": {"city": {"type": "string"}}}
    response = call(
        mock, response_format={"type": "json_schema", "json_schema": {"name": "out", "schema": schema}}
    )
    tools = mock.last_request()["body"]["toolConfig"]
    assert tools["tools"][0]["toolSpec"]["name"] == "json_tool_call"
    assert tools["toolChoice"] == {"tool": {"name": "json_tool_call"}}
    assert response.choices[0].message.content == '{"city": "Paris"}'
    assert response.choices[0].message.tool_calls is None
    assert response.choices[0].finish_reason == "stop"


def test_modify_params_drops_thinking_when_the_tool_history_never_thought(mock):
    history = [
        {"role": "user", "content": "weather?"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": "c1", "type": "function", "function": {"name": "get_weather", "arguments": "{}"}}
            ],
        },
        {"role": "tool", "tool_call_id": "c1", "content": "sunny"},
    ]
    model = "bedrock/us.anthropic.claude-3-7-sonnet-20250219-v1:0"
    call(mock, history, model=model, tools=[WEATHER_TOOL], reasoning_effort="low")
    assert "thinking" in mock.last_request()["body"]["additionalModelRequestFields"]
    litellm.modify_params = True
    call(mock, history, model=model, tools=[WEATHER_TOOL], reasoning_effort="low")
    body = mock.last_request()["body"]
    assert "thinking" not in body.get("additionalModelRequestFields", {})
    assert body["inferenceConfig"]["maxTokens"] == 1024 + 4096  # sized before the drop, as in LiteLLM


def test_tool_names_bedrock_refuses_are_sent_sanitised_and_come_back_as_given(mock):
    dotted = {**WEATHER_TOOL, "function": {**WEATHER_TOOL["function"], "name": "weather.get"}}
    response = call(mock, [{"role": "user", "content": "weather?"}], tools=[dotted])
    sent = mock.last_request()["body"]["toolConfig"]["tools"][0]["toolSpec"]["name"]
    assert sent == "weather_get"
    assert response.choices[0].message.tool_calls[0].function.name == "weather.get"
    chunks = list(call(mock, [{"role": "user", "content": "weather?"}], tools=[dotted], stream=True))
    rebuilt = litellm.stream_chunk_builder(chunks)
    assert rebuilt.choices[0].message.tool_calls[0].function.name == "weather.get"
    numbered = {**WEATHER_TOOL, "function": {**WEATHER_TOOL["function"], "name": "2fa"}}
    call(mock, [{"role": "user", "content": "code?"}], tools=[numbered])
    assert mock.last_request()["body"]["toolConfig"]["tools"][0]["toolSpec"]["name"] == "a2fa"


def test_a_guardrail_assesses_the_closing_user_turns(mock):
    guardrail = {"guardrailIdentifier": "gr-1", "guardrailVersion": "1"}
    messages = [
        {"role": "user", "content": "earlier"},
        {"role": "assistant", "content": "ok"},
        {"role": "user", "content": [{"type": "text", "text": "first"}]},
        {"role": "user", "content": "second"},
    ]
    call(mock, messages, guardrailConfig=guardrail)
    body = mock.last_request()["body"]
    assert body["guardrailConfig"] == guardrail
    assert body["messages"][0]["content"] == [{"text": "earlier"}]
    assert body["messages"][-1]["content"] == [
        {"guardContent": {"text": {"text": "first"}}},
        {"guardContent": {"text": {"text": "second"}}},
    ]
    call(mock, messages)
    assert mock.last_request()["body"]["messages"][-1]["content"] == [{"text": "first"}, {"text": "second"}]


def test_anthropic_betas_go_through_litellms_converse_allowlist(mock):
    betas = "interleaved-thinking-2025-05-14, context-1m-2025-08-07,bogus-beta"
    call(mock, extra_headers={"anthropic-beta": betas})
    sent = mock.last_request()
    assert sent["body"]["additionalModelRequestFields"]["anthropic_beta"] == ["context-1m-2025-08-07"]
    assert sent["headers"]["anthropic-beta"] == betas  # the header itself goes as given, as in LiteLLM
    call(mock, extra_headers={"anthropic-beta": "bogus-beta"})
    assert "additionalModelRequestFields" not in mock.last_request()["body"]


# ---- bedrock/invoke/: InvokeModel, each family's own body ----
def invoke(mock, model, messages=None, **kwargs):
    return call(
        mock,
        messages or [{"role": "user", "content": "echo:hola"}],
        model=f"bedrock/invoke/{model}",
        **kwargs,
    )


def test_invoke_claude_sends_anthropics_body_with_bedrocks_version(mock):
    response = invoke(
        mock,
        "anthropic.claude-3-5-sonnet-20240620-v1:0",
        [{"role": "system", "content": "SYS"}, {"role": "user", "content": "echo:hola"}],
        max_tokens=20,
        extra_headers={"anthropic-beta": "context-1m-2025-08-07,bogus"},
    )
    sent = mock.last_request()
    assert sent["path"] == "/model/anthropic.claude-3-5-sonnet-20240620-v1:0/invoke"
    assert sent["headers"]["authorization"].startswith("AWS4-HMAC-SHA256 ")
    assert sent["body"] == {
        "messages": [{"role": "user", "content": [{"type": "text", "text": "echo:hola"}]}],
        "system": [{"type": "text", "text": "SYS"}],
        "max_tokens": 20,
        "anthropic_beta": ["context-1m-2025-08-07"],
        "anthropic_version": "bedrock-2023-05-31",
    }
    assert response.choices[0].message.content == "hola"
    assert response.model == "claude-mock"  # the model Claude's reply names, as in LiteLLM
    assert response.usage.prompt_tokens > 0
    assert response._hidden_params["response_cost"] > 0  # priced by the model asked for

    chunks = list(
        invoke(mock, "anthropic.claude-3-5-sonnet-20240620-v1:0", stream=True, tools=[WEATHER_TOOL])
    )
    assert mock.last_request()["path"].endswith("/invoke-with-response-stream")
    rebuilt = litellm.stream_chunk_builder(chunks)
    call_ = rebuilt.choices[0].message.tool_calls[0]
    assert (call_.function.name, call_.function.arguments) == ("get_weather", '{"city": "Paris"}')
    assert rebuilt.choices[0].finish_reason == "tool_calls"


@pytest.mark.parametrize(
    ("model", "prompt_key", "prompt", "params"),
    [
        (
            "meta.llama3-8b-instruct-v1:0",
            "prompt",
            "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\necho:hola<|eot_id|>"
            "<|start_header_id|>assistant<|end_header_id|>\n\n",
            {"max_gen_len": 16, "temperature": 0.5, "top_p": 0.9},
        ),
        (
            "meta.llama2-13b-chat-v1",
            "prompt",
            "<s>[INST] echo:hola [/INST]\n",
            {"max_gen_len": 16, "temperature": 0.5, "top_p": 0.9},
        ),
        (
            "mistral.mistral-7b-instruct-v0:2",
            "prompt",
            "<s>[INST] echo:hola [/INST]\n",
            {"max_tokens": 16, "temperature": 0.5, "top_p": 0.9},
        ),
        (
            "amazon.titan-text-express-v1",
            "inputText",
            "\n\nUser: echo:hola\n\nBot: ",
            {"textGenerationConfig": {"maxTokenCount": 16, "temperature": 0.5, "topP": 0.9}},
        ),
        (
            "cohere.command-r-v1:0",
            "message",
            "echo:hola",
            {"max_tokens": 16, "temperature": 0.5, "p": 0.9, "chat_history": []},
        ),
    ],
)
def test_invoke_prompt_families(mock, model, prompt_key, prompt, params):
    response = invoke(mock, model, max_tokens=16, temperature=0.5, top_p=0.9)
    sent = mock.last_request()
    assert sent["path"] == f"/model/{model}/invoke"
    assert sent["body"] == {prompt_key: prompt, **params}
    assert response.choices[0].message.content == "hola"
    assert response.choices[0].finish_reason == "stop"
    assert response.model == f"invoke/{model}"
    # The counts Bedrock put in its x-amzn-bedrock-*-token-count headers.
    assert response.usage.completion_tokens == 1
    assert response.usage.prompt_tokens == len(prompt.split())
    if model != "cohere.command-r-v1:0":  # the table prices all but Command R on Bedrock
        assert response._hidden_params["response_cost"] > 0

    chunks = list(invoke(mock, model, stream=True, stream_options={"include_usage": True}))
    assert mock.last_request()["path"].endswith("/invoke-with-response-stream")
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "hola"
    assert [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason] == [
        "stop"
    ]
    # Bedrock's invocation metrics, not an estimate.
    assert chunks[-1].usage.prompt_tokens == len(prompt.split())


def test_invoke_nova_sends_a_converse_body(mock):
    response = invoke(
        mock,
        "amazon.nova-pro-v1:0",
        [{"role": "system", "content": "SYS"}, {"role": "user", "content": "echo:hola"}],
        max_tokens=9,
    )
    sent = mock.last_request()
    assert sent["path"] == "/model/amazon.nova-pro-v1:0/invoke"
    assert sent["body"] == {
        "messages": [{"role": "user", "content": [{"text": "echo:hola"}]}],
        "inferenceConfig": {"maxTokens": 9},
        "system": [{"text": "SYS"}],
    }
    assert response.choices[0].message.content == "hola"
    chunks = list(invoke(mock, "amazon.nova-pro-v1:0", stream=True))
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "hola"


def test_invoke_refuses_what_the_family_cannot_take(mock):
    with pytest.raises(litellm.UnsupportedParamsError, match="tools"):
        invoke(mock, "meta.llama3-8b-instruct-v1:0", tools=[WEATHER_TOOL])
    with pytest.raises(litellm.NotFoundError, match="Try calling via converse route"):
        invoke(mock, "ai21.j2-mid-v1")
    assert mock.requests() == []
    arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0"
    invoke(mock, arn)
    assert mock.last_request()["path"] == (
        "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2F"
        "us.anthropic.claude-3-haiku-20240307-v1%3A0/invoke"
    )


# ---- STS: assumed roles and web identities ----
ROLE = "arn:aws:iam::123456789012:role/BedrockCaller"


def sts_calls(mock):
    return [r for r in mock.requests() if r["path"].endswith("/sts")]


def form(request):
    return dict(urllib.parse.parse_qsl(request["body"]))


def test_assumed_role_signs_the_call_with_sts_credentials(mock):
    _core.clear_tokens()
    kwargs = {"aws_role_name": ROLE, "aws_sts_endpoint": mock.url + "/sts", "aws_external_id": "ext-7"}
    call(mock, **kwargs)
    call(mock, **kwargs)  # the role's credentials are reused, not asked for again
    (sts,) = sts_calls(mock)
    fields = form(sts)
    assert fields["Action"] == "AssumeRole" and fields["Version"] == "2011-06-15"
    assert fields["RoleArn"] == ROLE and fields["ExternalId"] == "ext-7"
    assert fields["RoleSessionName"].startswith("litellm-session-")
    assert sts["headers"]["authorization"].startswith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
    assert "/us-east-1/sts/aws4_request" in sts["headers"]["authorization"]
    assert sts["headers"]["authorization"].endswith(
        "Signature=" + expected_signature(sts, CREDS["aws_secret_access_key"])
    )
    sent = mock.last_request()
    assert sent["headers"]["authorization"].startswith("AWS4-HMAC-SHA256 Credential=ASIAMOCK")
    assert sent["headers"]["x-amz-security-token"].startswith("mock-session-token-litellm-session-")
    assert sent["headers"]["authorization"].endswith(
        "Signature=" + expected_signature(sent, "mock-role-secret")
    )


def test_web_identity_is_traded_unsigned(mock, monkeypatch):
    _core.clear_tokens()
    monkeypatch.setenv("MY_OIDC_TOKEN", "good-token")
    litellm.completion(
        model=CLAUDE,
        messages=[{"role": "user", "content": "Hi"}],
        api_base=mock.url,
        aws_region_name="us-east-1",
        aws_role_name=ROLE,
        aws_session_name="pod-7",
        aws_web_identity_token="oidc/env/MY_OIDC_TOKEN",
        aws_sts_endpoint=mock.url + "/sts",
    )
    (sts,) = sts_calls(mock)
    assert "authorization" not in sts["headers"]
    assert form(sts) == {
        "Action": "AssumeRoleWithWebIdentity",
        "Version": "2011-06-15",
        "RoleArn": ROLE,
        "RoleSessionName": "pod-7",
        "WebIdentityToken": "good-token",
        "DurationSeconds": "3600",
    }
    assert mock.last_request()["headers"]["x-amz-security-token"] == "mock-session-token-pod-7"


def test_a_pods_own_web_identity_is_used_without_credentials(mock, monkeypatch, tmp_path):
    _core.clear_tokens()
    token = tmp_path / "token"
    token.write_text("good-token\n")
    monkeypatch.setenv("AWS_ROLE_ARN", ROLE)
    monkeypatch.setenv("AWS_WEB_IDENTITY_TOKEN_FILE", str(token))
    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", mock.url + "/sts")
    litellm.completion(
        model=CLAUDE,
        messages=[{"role": "user", "content": "Hi"}],
        api_base=mock.url,
        aws_region_name="us-east-1",
    )
    (sts,) = sts_calls(mock)
    assert form(sts)["WebIdentityToken"] == "good-token"
    assert mock.last_request()["headers"]["authorization"].startswith("AWS4-HMAC-SHA256 Credential=ASIAMOCK")


def test_sts_refusals_are_authentication_errors(mock, monkeypatch):
    _core.clear_tokens()
    with pytest.raises(litellm.AuthenticationError, match="AccessDenied") as raised:
        call(mock, aws_role_name=ROLE + "-denied", aws_sts_endpoint=mock.url + "/sts")
    assert CREDS["aws_secret_access_key"] not in str(raised.value)
    monkeypatch.setenv("MY_OIDC_TOKEN", "bad-token")
    with pytest.raises(litellm.AuthenticationError, match="InvalidIdentityToken"):
        call(
            mock,
            aws_role_name=ROLE,
            aws_session_name="s",
            aws_web_identity_token="oidc/env/MY_OIDC_TOKEN",
            aws_sts_endpoint=mock.url + "/sts",
        )
    # A literal token is refused before anything is sent, as LiteLLM refuses it.
    with pytest.raises(litellm.AuthenticationError, match="OIDC token could not be retrieved"):
        call(
            mock,
            aws_role_name=ROLE,
            aws_session_name="s",
            aws_web_identity_token="eyJhbGciOiJSUzI1NiJ9.e30.sig",
        )
    assert all(r["path"].endswith("/sts") for r in mock.requests())


def test_json_schema_streams_as_content(mock):
    schema = {"type": "object", "properties": {"city": {"type": "string"}}}
    chunks = list(
        call(
            mock,
            stream=True,
            response_format={"type": "json_schema", "json_schema": {"name": "o", "schema": schema}},
        )
    )
    assert all(not (c.choices and c.choices[0].delta.tool_calls) for c in chunks)
    rebuilt = litellm.stream_chunk_builder(chunks)
    assert json.loads(rebuilt.choices[0].message.content) == {"city": "Paris"}
    assert rebuilt.choices[0].finish_reason == "stop"
