"""Hugging Face (`huggingface/`) through completion: router provider selection, dedicated endpoints,
keys, OpenAI-shaped responses and streams, and LiteLLM's Hugging Face error rules."""

from __future__ import annotations

import pytest

import litellm

LLAMA = "huggingface/meta-llama/Llama-3.3-70B-Instruct"


@pytest.fixture(autouse=True)
def no_ambient_hf(monkeypatch):
    for name in ("HF_TOKEN", "HUGGINGFACE_API_KEY", "HF_API_BASE"):
        monkeypatch.delenv(name, raising=False)


def test_router_provider_suffix_and_keys(mock, monkeypatch):
    monkeypatch.setenv("HF_API_BASE", mock.base + "/chat/completions")
    monkeypatch.setenv("HF_TOKEN", "hf-env")
    litellm.completion(
        model="huggingface/together/deepseek-ai/DeepSeek-R1",
        messages=[{"role": "user", "content": "Hi"}],
        user="u1",
    )
    sent = mock.last_request()
    assert sent["path"] == "/v1/chat/completions"
    assert sent["body"]["model"] == "deepseek-ai/DeepSeek-R1:together", "the router's provider suffix"
    assert sent["headers"]["authorization"] == "Bearer hf-env"
    assert "user" not in sent["body"]

    litellm.huggingface_key = "hf-module"
    try:
        litellm.completion(model=LLAMA, messages=[{"role": "user", "content": "Hi"}])
    finally:
        litellm.huggingface_key = None
    sent = mock.last_request()
    assert sent["body"]["model"] == "meta-llama/Llama-3.3-70B-Instruct"
    assert sent["headers"]["authorization"] == "Bearer hf-module"


def test_dedicated_endpoint_response_and_stream(mock):
    response = litellm.completion(
        model="huggingface/tgi",
        messages=[{"role": "user", "content": "echo:Hello there"}],
        api_base=mock.url,
        api_key="hf-key",
        max_tokens=20,
    )
    sent = mock.last_request()
    assert sent["path"] == "/v1/chat/completions" and sent["body"]["model"] == "tgi"
    assert sent["body"]["max_tokens"] == 20
    assert response.choices[0].message.content == "Hello there"
    chunks = list(
        litellm.completion(
            model="huggingface/tgi",
            messages=[{"role": "user", "content": "echo:a b c"}],
            api_base=mock.url + "/v1",
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "a b c"
    assert chunks[-1].usage.total_tokens > 0
    with pytest.raises(litellm.UnsupportedParamsError, match="reasoning_effort"):
        litellm.completion(model=LLAMA, messages=[{"role": "user", "content": "Hi"}], reasoning_effort="low")


@pytest.mark.parametrize(
    ("fault", "error", "status"),
    [
        ("400-context", litellm.BadRequestError, 400),
        ("401", litellm.AuthenticationError, 401),
        ("404", litellm.APIError, 404),
        ("500", litellm.APIError, 500),
        ("503", litellm.ServiceUnavailableError, 503),
    ],
)
def test_errors_follow_litellms_table(mock, fault, error, status):
    with pytest.raises(error) as info:
        litellm.completion(
            model="huggingface/tgi",
            messages=[{"role": "user", "content": "Hi"}],
            api_base=mock.url,
            extra_headers={"x-mock-fault": fault},
        )
    assert type(info.value) is error
    assert info.value.status_code == status
    assert str(info.value).startswith(f"litellm.{error.__name__}: HuggingfaceException - ")
