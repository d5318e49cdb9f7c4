"""Gemini on Google AI Studio (`gemini/`) and Vertex AI (`vertex_ai/`) through completion: the
request as the mock receives it, responses, SSE streams, tool calls, Google's errors, and Vertex's
service-account token grant (the JWT checked here against the key's public half)."""

from __future__ import annotations

import asyncio
import base64
import json
import urllib.parse

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

import litellm
from litellm import _core

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Get weather",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}


@pytest.fixture(autouse=True)
def no_ambient_google(monkeypatch, tmp_path):
    for name in (
        "GOOGLE_API_KEY",
        "GEMINI_API_KEY",
        "PALM_API_KEY",
        "GEMINI_API_BASE",
        "VERTEXAI_PROJECT",
        "VERTEXAI_LOCATION",
        "VERTEXAI_CREDENTIALS",
        "VERTEXAI_API_BASE",
        "GOOGLE_APPLICATION_CREDENTIALS",
        "GOOGLE_CLOUD_PROJECT",
        "GCLOUD_PROJECT",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))


def gemini(mock, messages=None, model="gemini/gemini-2.5-pro", **kwargs):
    kwargs.setdefault("api_key", "AIza-test")
    return litellm.completion(
        model=model, messages=messages or [{"role": "user", "content": "Hi"}], api_base=mock.url, **kwargs
    )


def test_ai_studio_request(mock):
    gemini(
        mock,
        [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "A"},
            {
                "role": "user",
                "content": [{"type": "image_url", "image_url": "data:image/png;base64,iVBORw0KGgo="}],
            },
        ],
        temperature=0.3,
        max_tokens=50,
        stop="END",
        tools=[WEATHER_TOOL],
        tool_choice="required",
        reasoning_effort="low",
        safety_settings=[{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_NONE"}],
        user="someone",
    )
    sent = mock.last_request()
    assert sent["path"] == "/models/gemini-2.5-pro:generateContent"
    assert sent["headers"]["x-goog-api-key"] == "AIza-test"
    body = sent["body"]
    assert body["system_instruction"] == {"parts": [{"text": "Be brief."}]}
    assert body["contents"] == [
        {
            "role": "user",
            "parts": [{"text": "A"}, {"inline_data": {"data": "iVBORw0KGgo=", "mime_type": "image/png"}}],
        }
    ]
    assert body["generationConfig"] == {
        "temperature": 0.3,
        "max_output_tokens": 50,
        "stop_sequences": ["END"],
        "thinkingConfig": {"thinkingBudget": 1024, "includeThoughts": True},
    }
    assert body["tools"] == [
        {
            "function_declarations": [
                {
                    "name": "get_weather",
                    "description": "Get weather",
                    "parameters": WEATHER_TOOL["function"]["parameters"],
                }
            ]
        }
    ]
    assert body["toolConfig"] == {"functionCallingConfig": {"mode": "ANY"}}
    assert body["safetySettings"][0]["threshold"] == "BLOCK_NONE"
    assert "someone" not in json.dumps(body), "LiteLLM sends nothing for `user`"


def test_schemas_are_cleaned_for_gemini(mock):
    schema = {
        "$defs": {"Unit": {"type": "string", "enum": ["c", "f"]}},
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "unit": {"$ref": "#/$defs/Unit"},
            "note": {"anyOf": [{"type": "string"}, {"type": "null"}]},
        },
    }
    tool = {"type": "function", "function": {"name": "f", "parameters": schema, "strict": True}}
    gemini(mock, tools=[tool])
    assert mock.last_request()["body"]["tools"][0]["function_declarations"][0]["parameters"] == {
        "type": "object",
        "properties": {
            "unit": {"type": "string", "enum": ["c", "f"]},
            "note": {"anyOf": [{"type": "string", "nullable": True}]},
        },
    }


def test_keys_from_the_environment(mock, monkeypatch):
    monkeypatch.setenv("GEMINI_API_KEY", "from-gemini")
    monkeypatch.setenv("GOOGLE_API_KEY", "from-google")
    litellm.completion(
        model="gemini/gemini-2.5-pro", messages=[{"role": "user", "content": "Hi"}], api_base=mock.url
    )
    assert mock.last_request()["headers"]["x-goog-api-key"] == "from-google", (
        "LiteLLM reads GOOGLE_API_KEY first"
    )

    monkeypatch.delenv("GEMINI_API_KEY")
    monkeypatch.delenv("GOOGLE_API_KEY")
    mock.clear()
    with pytest.raises(litellm.APIConnectionError, match="Missing Gemini API key"):
        litellm.completion(
            model="gemini/gemini-2.5-pro", messages=[{"role": "user", "content": "Hi"}], api_base=mock.url
        )
    assert mock.requests() == []


def test_response_text_and_usage(mock):
    response = gemini(mock, [{"role": "user", "content": "echo:Hello there"}])
    assert response.id == "mock-resp-1"
    assert response.model == "gemini-2.5-pro"
    assert response.choices[0].message.content == "Hello there"
    assert response.choices[0].finish_reason == "stop"
    assert (response.usage.prompt_tokens, response.usage.completion_tokens, response.usage.total_tokens) == (
        9,
        2,
        11,
    )
    assert response._hidden_params["response_cost"] > 0

    usage = {
        "promptTokenCount": 10,
        "candidatesTokenCount": 5,
        "totalTokenCount": 35,
        "thoughtsTokenCount": 20,
    }
    response = gemini(mock, extra_headers={"x-mock-usage": json.dumps(usage)})
    assert response.usage.completion_tokens == 25, "Gemini 2.5 counts thoughts outside candidates"
    assert response.usage.completion_tokens_details.reasoning_tokens == 20


def test_tool_calls_and_history(mock):
    response = gemini(mock, tools=[WEATHER_TOOL])
    call = response.choices[0].message.tool_calls[0]
    assert response.choices[0].finish_reason == "tool_calls"
    assert (call.function.name, call.function.arguments) == ("get_weather", '{"city": "Paris"}')
    assert call.id.startswith("call_")

    history = [
        {"role": "user", "content": "weather?"},
        response.choices[0].message.model_dump(),
        {"role": "tool", "tool_call_id": call.id, "content": "sunny"},
    ]
    gemini(mock, history, tools=[WEATHER_TOOL])
    contents = mock.last_request()["body"]["contents"]
    assert contents[1] == {
        "role": "model",
        "parts": [{"function_call": {"name": "get_weather", "args": {"city": "Paris"}}}],
    }
    assert contents[2] == {
        "role": "user",
        "parts": [{"function_response": {"name": "get_weather", "response": {"content": "sunny"}}}],
    }


def test_stream_text_usage_and_tools(mock):
    chunks = list(
        gemini(
            mock,
            [{"role": "user", "content": "echo:one two three four"}],
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    sent = mock.last_request()
    assert sent["path"] == "/models/gemini-2.5-pro:streamGenerateContent" and sent["query"] == "alt=sse"
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "one two three four"
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    assert chunks[-1].usage.total_tokens == 9 + 4

    async def run():
        stream = await litellm.acompletion(
            model="gemini/gemini-2.5-pro",
            messages=[{"role": "user", "content": "weather?"}],
            api_base=mock.url,
            api_key="k",
            tools=[WEATHER_TOOL],
            stream=True,
        )
        return [chunk async for chunk in stream]

    chunks = asyncio.run(run())
    calls = [tc for c in chunks if c.choices for tc in (c.choices[0].delta.tool_calls or [])]
    assert [(tc.function.name, tc.function.arguments) for tc in calls] == [
        ("get_weather", '{"city": "Paris"}')
    ]
    assert chunks[-1].choices[0].finish_reason == "tool_calls"


@pytest.mark.parametrize(
    ("fault", "error", "status", "start"),
    [
        (
            "400",
            litellm.BadRequestError,
            400,
            "litellm.BadRequestError: GeminiException BadRequestError - {\n",
        ),
        ("400-key", litellm.AuthenticationError, 401, "litellm.AuthenticationError: GeminiException - {"),
        ("403", litellm.BadRequestError, 403, "litellm.BadRequestError: GeminiException BadRequestError - "),
        ("404", litellm.NotFoundError, 404, "litellm.NotFoundError: GeminiException - "),
        (
            "429",
            litellm.RateLimitError,
            429,
            "litellm.RateLimitError: litellm.RateLimitError: GeminiException - ",
        ),
        (
            "500",
            litellm.InternalServerError,
            500,
            "litellm.InternalServerError: GeminiException InternalServerError - ",
        ),
        ("503", litellm.ServiceUnavailableError, 503, "litellm.ServiceUnavailableError: GeminiException - "),
    ],
)
def test_errors_map_to_litellm_classes(mock, fault, error, status, start):
    with pytest.raises(error) as info:
        gemini(mock, extra_headers={"x-mock-fault": fault})
    assert info.value.status_code == status
    assert str(info.value).startswith(start)


def test_blocked_prompts_and_stream_errors(mock):
    response = gemini(mock, extra_headers={"x-mock-fault": "blocked"})
    assert response.choices[0].finish_reason == "content_filter"
    assert response.choices[0].message.content is None
    with pytest.raises(litellm.MidStreamFallbackError, match="Internal error encountered"):
        list(gemini(mock, stream=True, extra_headers={"x-mock-fault": "stream-error"}))


def test_supported_params(mock):
    assert "reasoning_effort" in litellm.get_supported_openai_params("gemini-2.5-pro", "gemini")
    assert "reasoning_effort" not in litellm.get_supported_openai_params("gemini-2.0-flash", "gemini")
    assert "top_logprobs" in litellm.get_supported_openai_params("gemini-2.5-pro", "vertex_ai")
    with pytest.raises(litellm.UnsupportedParamsError, match="logit_bias"):
        gemini(mock, logit_bias={"1": 1})


# --------------------------------------------------------------------------- Vertex AI


@pytest.fixture(scope="module")
def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def service_account(mock, rsa_key):
    pem = rsa_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return {
        "type": "service_account",
        "project_id": "sa-project",
        "private_key_id": "kid-1",
        "private_key": pem,
        "client_email": "bot@sa-project.iam.gserviceaccount.com",
        "token_uri": mock.url + "/token",
    }


def vertex(mock, credentials, **kwargs):
    kwargs.setdefault("vertex_location", "us-east5")
    return litellm.completion(
        model="vertex_ai/gemini-2.5-pro",
        messages=[{"role": "user", "content": "echo:hi"}],
        api_base=mock.url,
        vertex_credentials=credentials,
        **kwargs,
    )


def _b64(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def test_vertex_signs_its_own_grant_and_reuses_the_token(mock, service_account, rsa_key):
    _core.clear_tokens()
    response = vertex(mock, service_account, vertex_project="my-project")
    assert response.choices[0].message.content == "hi"
    token_request, call = mock.requests()
    assert token_request["path"] == "/token"
    form = urllib.parse.parse_qs(token_request["body"])
    assert form["grant_type"] == ["urn:ietf:params:oauth:grant-type:jwt-bearer"]
    header, claims, signature = form["assertion"][0].split(".")
    assert json.loads(_b64(header)) == {"typ": "JWT", "alg": "RS256", "kid": "kid-1"}
    claims = json.loads(_b64(claims))
    assert claims["iss"] == service_account["client_email"]
    assert claims["scope"] == "https://www.googleapis.com/auth/cloud-platform"
    assert claims["aud"] == "https://oauth2.googleapis.com/token"
    assert claims["exp"] - claims["iat"] == 3600
    rsa_key.public_key().verify(  # raises if the assertion was not signed by this key
        _b64(signature),
        f"{header}.{form['assertion'][0].split('.')[1]}".encode(),
        padding.PKCS1v15(),
        hashes.SHA256(),
    )

    assert call["path"] == (
        "/v1/projects/my-project/locations/us-east5/publishers/google/models/gemini-2.5-pro:generateContent"
    )
    token = call["headers"]["authorization"]
    assert token.startswith("Bearer ya29.mock-token-")

    mock.clear()
    vertex(mock, json.dumps(service_account), vertex_project="my-project")
    (again,) = mock.requests()
    assert again["headers"]["authorization"] == token, "the cached token is reused, no second grant"


def test_vertex_placement_and_credential_sources(mock, service_account, tmp_path, monkeypatch):
    _core.clear_tokens()
    path = tmp_path / "sa.json"
    path.write_text(json.dumps(service_account))
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(path))
    litellm.completion(
        model="vertex_ai/gemini/gemini-2.5-flash",
        messages=[{"role": "user", "content": "Hi"}],
        api_base=mock.url,
        stream=True,
    ).__iter__().__next__()
    call = mock.last_request()
    assert call["path"] == (
        "/v1/projects/sa-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:streamGenerateContent"
    ), "project from the credentials, LiteLLM's default location"

    no_project = {k: v for k, v in service_account.items() if k != "project_id"}
    with pytest.raises(litellm.APIConnectionError, match="Could not resolve project_id"):
        vertex(mock, no_project)
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS")
    with pytest.raises(litellm.APIConnectionError, match="default credentials were not found"):
        litellm.completion(model="vertex_ai/gemini-2.5-pro", messages=[{"role": "user", "content": "Hi"}])


def test_vertex_refused_grant_and_errors(mock, service_account):
    _core.clear_tokens()
    refused = {**service_account, "token_uri": mock.url + "/token-fail", "private_key_id": "kid-refused"}
    with pytest.raises(litellm.AuthenticationError, match="invalid_grant"):
        vertex(mock, refused, vertex_project="p")
    with pytest.raises(litellm.RateLimitError) as info:
        vertex(mock, service_account, vertex_project="p", extra_headers={"x-mock-fault": "429"})
    assert str(info.value).startswith("litellm.RateLimitError: litellm.RateLimitError: Vertex_aiException - ")
    assert "vertex_credentials" not in str(info.value) and "PRIVATE KEY" not in str(info.value)


def test_claude_on_vertex_speaks_anthropic(mock, service_account):
    _core.clear_tokens()
    response = litellm.completion(
        model="vertex_ai/claude-sonnet-4@20250514",
        messages=[{"role": "system", "content": "Be brief."}, {"role": "user", "content": "echo:Bonjour"}],
        api_base=mock.url,
        vertex_credentials=service_account,
        vertex_project="p",
        vertex_location="us-east5",
        max_tokens=100,
    )
    _grant, call = mock.requests()
    assert (
        call["path"]
        == "/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-sonnet-4@20250514:rawPredict"
    )
    assert call["headers"]["authorization"].startswith("Bearer ya29.mock-token-")
    assert call["headers"]["anthropic-version"] == "2023-06-01"
    body = call["body"]
    assert "model" not in body and body["anthropic_version"] == "vertex-2023-10-16"
    assert body["system"] == [{"type": "text", "text": "Be brief."}] and body["max_tokens"] == 100
    assert response.choices[0].message.content == "Bonjour"

    chunks = list(
        litellm.completion(
            model="vertex_ai/claude-sonnet-4@20250514",
            messages=[{"role": "user", "content": "echo:one two"}],
            api_base=mock.url,
            vertex_credentials=service_account,
            vertex_project="p",
            stream=True,
        )
    )
    assert mock.last_request()["path"].endswith(":streamRawPredict")
    assert mock.last_request()["body"]["stream"] is True
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "one two"


# ---- Vertex partner models: OpenAI's chat format with the Vertex token ----
def partner(mock, service_account, model, **kwargs):
    kwargs.setdefault("vertex_project", "p")
    return litellm.completion(
        model=f"vertex_ai/{model}",
        messages=kwargs.pop("messages", [{"role": "user", "content": "echo:hola"}]),
        api_base=mock.url,
        vertex_credentials=service_account,
        **kwargs,
    )


def test_llama_on_vertex_uses_the_openai_compatible_endpoint(mock, service_account):
    _core.clear_tokens()
    response = partner(
        mock,
        service_account,
        "meta/llama-3.1-405b-instruct-maas",
        vertex_location="us-east5",
        max_completion_tokens=9,
    )
    _grant, call = mock.requests()
    assert call["path"] == "/v1/projects/p/locations/us-east5/endpoints/openapi/chat/completions"
    assert call["headers"]["authorization"].startswith("Bearer ya29.mock-token-")
    assert call["body"] == {
        "model": "meta/llama-3.1-405b-instruct-maas",
        "messages": [{"role": "user", "content": "echo:hola"}],
        "max_tokens": 9,
        "stream": False,
    }
    assert response.choices[0].message.content == "hola"
    assert response.model == "meta/llama-3.1-405b-instruct-maas"
    assert response._hidden_params["custom_llm_provider"] == "vertex_ai"
    usage = response.usage
    expected = usage.prompt_tokens * 5e-06 + usage.completion_tokens * 1.6e-05  # the table's price
    assert response._hidden_params["response_cost"] == pytest.approx(expected)

    chunks = list(partner(mock, service_account, "meta/llama-3.1-405b-instruct-maas", stream=True))
    assert mock.last_request()["path"].endswith("/locations/us-central1/endpoints/openapi/chat/completions")
    assert mock.last_request()["body"]["stream"] is True
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "hola"


def test_maas_models_go_to_the_regions_the_table_lists(mock, service_account):
    partner(mock, service_account, "qwen/qwen3-coder-480b-a35b-instruct-maas", vertex_location="us-east5")
    assert "/locations/global/" in mock.last_request()["path"]
    partner(mock, service_account, "qwen/qwen3-235b-a22b-instruct-2507-maas", vertex_location="us-south1")
    assert "/locations/us-south1/" in mock.last_request()["path"]


def test_mistral_and_jamba_on_vertex_use_their_publishers(mock, service_account):
    response = partner(
        mock,
        service_account,
        "mistral-large@2407",
        vertex_location="europe-west4",
        tool_choice="required",
        tools=[
            {
                "type": "function",
                "function": {"name": "f", "parameters": {"type": "object", "properties": {}}},
            }
        ],
    )
    call = mock.last_request()
    assert call["path"] == (
        "/v1/projects/p/locations/europe-west4/publishers/mistralai/models/mistral-large@2407:rawPredict"
    )
    assert call["body"]["model"] == "mistral-large" and call["body"]["tool_choice"] == "any"
    assert response.model == "vertex_ai/mistral-large"
    with pytest.raises(litellm.UnsupportedParamsError, match="frequency_penalty"):
        partner(mock, service_account, "mistral-large@2407", frequency_penalty=0.2)

    chunks = list(partner(mock, service_account, "jamba-1.5-mini@001", stream=True))
    call = mock.last_request()
    assert call["path"] == (
        "/v1beta1/projects/p/locations/us-central1/publishers/ai21/models/jamba-1.5-mini@001:streamRawPredict"
    )
    assert call["body"]["model"] == "jamba-1.5-mini@001"
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "hola"


def test_gpt_oss_on_vertex_keeps_reasoning_effort(mock, service_account):
    partner(
        mock, service_account, "openai/gpt-oss-120b-maas", reasoning_effort="high", max_completion_tokens=5
    )
    body = mock.last_request()["body"]
    assert body["reasoning_effort"] == "high" and body["max_completion_tokens"] == 5
    assert (
        litellm.get_supported_openai_params("vertex_ai/openai/gpt-oss-120b-maas").count("reasoning_effort")
        == 1
    )


def test_google_search_grounding_is_surfaced(mock):
    response = gemini(mock, [{"role": "user", "content": "echo:It is sunny."}], tools=[{"googleSearch": {}}])
    assert mock.last_request()["body"]["tools"] == [{"googleSearch": {}}]
    grounding = response.vertex_ai_grounding_metadata
    assert grounding[0]["webSearchQueries"] == ["mock query"]
    assert response._hidden_params["vertex_ai_grounding_metadata"] == grounding
    assert response.choices[0].message.annotations == [
        {
            "type": "url_citation",
            "url_citation": {
                "start_index": 0,
                "end_index": 12,
                "url": "https://b.example/",
                "title": "b.example",
            },
        }
    ]
    assert response.usage.prompt_tokens_details.web_search_requests == 1
    assert response.vertex_ai_safety_ratings == [
        [{"category": "HARM_CATEGORY_HARASSMENT", "probability": "NEGLIGIBLE"}]
    ]
    plain = gemini(mock, [{"role": "user", "content": "echo:hi"}])
    assert plain.vertex_ai_grounding_metadata == []
    assert "vertex_ai_grounding_metadata" not in plain._hidden_params


def test_builtin_tools_are_tool_objects_of_their_own(mock):
    function = {
        "type": "function",
        "function": {"name": "f", "parameters": {"type": "object", "properties": {}}},
    }
    gemini(mock, tools=[{"type": "web_search"}, {"code_execution": {}}, {"urlContext": {}}])
    assert mock.last_request()["body"]["tools"] == [
        {"googleSearch": {}},
        {"code_execution": {}},
        {"url_context": {}},
    ]
    # Search tools cannot sit beside functions; code execution can.
    gemini(mock, tools=[function, {"googleSearch": {}}, {"codeExecution": {}}])
    tools = mock.last_request()["body"]["tools"]
    assert tools == [
        {"function_declarations": [{"name": "f", "parameters": {"type": "object"}}]},
        {"code_execution": {}},
    ]


def test_streamed_grounding_rides_on_the_last_chunk(mock):
    chunks = list(
        gemini(
            mock,
            [{"role": "user", "content": "echo:It is sunny."}],
            tools=[{"googleSearch": {}}],
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    grounded = [c for c in chunks if getattr(c, "vertex_ai_grounding_metadata", None)]
    assert len(grounded) == 1 and grounded[0].choices[0].finish_reason == "stop"
    assert grounded[0].vertex_ai_grounding_metadata[0]["webSearchQueries"] == ["mock query"]
    assert chunks[-1].usage.prompt_tokens_details.web_search_requests == 1


def test_generated_images_are_message_images(mock):
    response = gemini(mock, [{"role": "user", "content": "echo:A cat."}], modalities=["image", "text"])
    assert mock.last_request()["body"]["generationConfig"]["responseModalities"] == ["IMAGE", "TEXT"]
    message = response.choices[0].message
    assert message.content == "A cat."
    assert message.images == [
        {
            "image_url": {"url": "data:image/png;base64,iVBORw0KGgo=", "detail": "auto"},
            "index": 0,
            "type": "image_url",
        }
    ]
    chunks = list(
        gemini(mock, [{"role": "user", "content": "echo:A cat."}], modalities=["image", "text"], stream=True)
    )
    streamed = [
        c.choices[0].delta.images for c in chunks if c.choices and getattr(c.choices[0].delta, "images", None)
    ]
    assert streamed == [message.images]
