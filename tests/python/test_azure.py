"""Azure OpenAI through completion/acompletion: deployment URLs, api-version, api-key or Azure AD
credentials, OpenAI-shaped bodies, streams and Azure's errors, as the mock receives them."""

from __future__ import annotations

import asyncio
import json

import pytest

import litellm

MESSAGES = [{"role": "user", "content": "echo:hi azure"}]


@pytest.fixture
def azure(mock):
    mock.host = mock.base.rsplit("/v1", 1)[0]
    return mock


def call(azure, **kwargs):
    kwargs.setdefault("api_key", "az-key-1")
    kwargs.setdefault("api_base", azure.host)
    return litellm.completion(model="azure/my-gpt4o", messages=MESSAGES, **kwargs)


def test_deployment_url_api_version_and_key(azure):
    response = call(azure, temperature=0.1)
    sent = azure.last_request()
    assert sent["path"] == "/openai/deployments/my-gpt4o/chat/completions"
    assert sent["query"] == "api-version=2025-02-01-preview"
    assert sent["headers"]["api-key"] == "az-key-1"
    assert "authorization" not in sent["headers"]
    assert sent["body"] == {"model": "my-gpt4o", "messages": MESSAGES, "temperature": 0.1}
    assert response.choices[0].message.content == "hi azure"
    assert response._hidden_params["custom_llm_provider"] == "azure"


def test_api_version_precedence(azure, monkeypatch):
    monkeypatch.setenv("AZURE_API_VERSION", "2024-06-01")
    call(azure)
    assert azure.last_request()["query"] == "api-version=2024-06-01"
    monkeypatch.setattr(litellm, "api_version", "2024-08-01-preview")
    call(azure)
    assert azure.last_request()["query"] == "api-version=2024-08-01-preview"
    call(azure, api_version="2024-10-21")
    assert azure.last_request()["query"] == "api-version=2024-10-21"


def test_base_with_openai_suffix_and_trailing_slash(azure):
    """LiteLLM doubles the `/openai` (`/openai/openai/deployments/...`), which can only 404."""
    call(azure, api_base=azure.host + "/openai/")
    assert azure.last_request()["path"] == "/openai/deployments/my-gpt4o/chat/completions"


def test_a_base_naming_the_deployment_is_used_as_given(azure):
    call(azure, api_base=azure.host + "/openai/deployments/other-dep?api-version=2020-01-01")
    sent = azure.last_request()
    assert sent["path"] == "/openai/deployments/other-dep/chat/completions"
    assert sent["query"] == "api-version=2025-02-01-preview"
    assert sent["body"]["model"] == "my-gpt4o"


def test_azure_ad_token_and_token_provider(azure, monkeypatch):
    monkeypatch.delenv("AZURE_API_KEY", raising=False)
    call(azure, api_key=None, azure_ad_token="aad-1")
    assert azure.last_request()["headers"]["authorization"] == "Bearer aad-1"
    calls = []

    def provider():
        calls.append(1)
        return "aad-from-provider"

    call(azure, api_key=None, azure_ad_token_provider=provider)
    assert azure.last_request()["headers"]["authorization"] == "Bearer aad-from-provider"
    assert calls == [1]
    monkeypatch.setenv("AZURE_OPENAI_AD_TOKEN", "aad-env")
    call(azure, api_key=None)
    assert azure.last_request()["headers"]["authorization"] == "Bearer aad-env"


def test_missing_credentials_fail_before_sending(azure, monkeypatch):
    for name in ("AZURE_API_KEY", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_AD_TOKEN", "AZURE_AD_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(litellm.APIError, match="AzureException APIError - Missing credentials"):
        call(azure, api_key=None)
    assert azure.requests() == []


def test_credentials_from_module_and_environment(azure, monkeypatch):
    monkeypatch.setenv("AZURE_API_KEY", "az-env")
    monkeypatch.setenv("AZURE_API_BASE", azure.host)
    litellm.completion(model="azure/my-gpt4o", messages=MESSAGES)
    sent = azure.last_request()
    assert sent["headers"]["api-key"] == "az-env"
    assert sent["path"] == "/openai/deployments/my-gpt4o/chat/completions"
    monkeypatch.setattr(litellm, "azure_key", "az-module")
    litellm.completion(model="azure/my-gpt4o", messages=MESSAGES)
    assert azure.last_request()["headers"]["api-key"] == "az-module"


def test_missing_base_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("AZURE_API_BASE", raising=False)
    monkeypatch.delenv("AZURE_OPENAI_ENDPOINT", raising=False)
    with pytest.raises(litellm.APIError, match="Must provide one of the `base_url` or `azure_endpoint`"):
        litellm.completion(model="azure/my-gpt4o", messages=MESSAGES, api_key="k")


def test_stream_and_async(azure):
    chunks = list(call(azure, stream=True, stream_options={"include_usage": True}))
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "hi azure"
    assert azure.last_request()["path"] == "/openai/deployments/my-gpt4o/chat/completions"

    async def main():
        response = await litellm.acompletion(
            model="azure/my-gpt4o", messages=MESSAGES, api_base=azure.host, api_key="k"
        )
        return response.choices[0].message.content

    assert asyncio.run(main()) == "hi azure"


def test_served_model_prices_the_deployment(azure):
    usage = {"prompt_tokens": 1000, "completion_tokens": 500, "total_tokens": 1500}
    response = call(azure, base_model="azure/gpt-4o", extra_headers={"x-mock-usage": json.dumps(usage)})
    assert response._hidden_params["response_cost"] == 1000 * 2.5e-6 + 500 * 1e-5


def test_content_filter_is_a_content_policy_violation(azure):
    with pytest.raises(litellm.ContentPolicyViolationError) as raised:
        call(azure, extra_headers={"x-mock-fault": "400-content-filter"})
    assert raised.value.status_code == 400
    assert "content management policy" in str(raised.value)
    assert "az-key-1" not in str(raised.value)


@pytest.mark.parametrize(
    ("fault", "exception", "label"),
    [
        ("401", litellm.AuthenticationError, "AzureException AuthenticationError - Incorrect API key"),
        ("429", litellm.RateLimitError, "AzureException RateLimitError - Rate limit reached"),
        ("500", litellm.APIError, "AzureException APIError - The server had an error"),
        ("503", litellm.ServiceUnavailableError, "AzureException ServiceUnavailableError - The engine"),
        ("400-context", litellm.ContextWindowExceededError, "AzureException ContextWindowExceededError - "),
    ],
)
def test_errors_follow_litellms_azure_rules(azure, fault, exception, label):
    with pytest.raises(exception) as raised:
        call(azure, extra_headers={"x-mock-fault": fault})
    assert label in str(raised.value)
    assert raised.value.llm_provider == "azure"


# ---- o-series and GPT-5 deployments (LiteLLM's AzureOpenAIO1Config rules) ----
def o_call(azure, model="azure/o1", **kwargs):
    kwargs.setdefault("api_key", "az-key-1")
    kwargs.setdefault("api_base", azure.host)
    return litellm.completion(model=model, messages=kwargs.pop("messages", MESSAGES), **kwargs)


def test_o_series_renames_max_tokens_and_keeps_temperature_one(azure):
    response = o_call(azure, max_tokens=64, temperature=1, reasoning_effort="low")
    sent = azure.last_request()
    assert sent["body"] == {
        "model": "o1",
        "messages": MESSAGES,
        "max_completion_tokens": 64,
        "temperature": 1,
        "reasoning_effort": "low",
    }
    # LiteLLM's o-series path names the served model with the provider in front.
    assert response.model == "azure/o1"
    assert response._hidden_params["response_cost"] > 0


@pytest.mark.parametrize("param", [{"top_p": 0.5}, {"presence_penalty": 0.1}, {"logprobs": True}])
def test_o_series_refuses_sampling_params_before_sending(azure, param):
    with pytest.raises(litellm.UnsupportedParamsError, match="azure does not support parameters"):
        o_call(azure, **param)
    assert azure.requests() == []
    o_call(azure, drop_params=True, **param)
    assert list(param)[0] not in azure.last_request()["body"]


def test_o_series_temperature_other_than_one(azure):
    with pytest.raises(litellm.UnsupportedParamsError) as raised:
        o_call(azure, temperature=0.5)
    assert str(raised.value).endswith(
        "O-series models don't support temperature=0.5. Only temperature=1 is supported. To drop "
        "unsupported openai params from the call, set `litellm.drop_params = True`"
    )
    assert raised.value.status_code == 400
    assert azure.requests() == []
    litellm.drop_params = True
    o_call(azure, temperature=0.5)
    assert "temperature" not in azure.last_request()["body"]


def test_o_series_prefix_names_a_deployment_and_system_turns_become_user_turns(azure):
    messages = [
        {"role": "system", "content": "Be brief."},
        {"role": "developer", "content": "Plain."},
        *MESSAGES,
    ]
    o_call(azure, model="azure/o_series/reasoner", messages=messages)
    sent = azure.last_request()
    assert sent["path"] == "/openai/deployments/reasoner/chat/completions"
    assert sent["body"]["model"] == "reasoner"
    assert sent["body"]["messages"][:2] == [
        {"content": "Be brief.", "role": "user"},
        {"role": "developer", "content": "Plain."},
    ]
    # o1's table entry has a system role, so its system turn stays.
    o_call(azure, messages=messages)
    assert azure.last_request()["body"]["messages"][0]["role"] == "system"


def test_o1_streams_are_faked_o3_streams_are_real(azure):
    chunks = list(o_call(azure, stream=True, stream_options={"include_usage": True}))
    body = azure.last_request()["body"]
    assert "stream" not in body and "stream_options" not in body
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "hi azure"
    assert [c.choices[0].finish_reason for c in chunks if c.choices] == ["stop"]
    assert chunks[-1].usage.total_tokens > 0
    rebuilt = litellm.stream_chunk_builder(chunks)
    assert rebuilt.choices[0].message.content == "hi azure"

    chunks = list(o_call(azure, model="azure/o3-mini", stream=True))
    assert azure.last_request()["body"]["stream"] is True
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "hi azure"

    async def main():
        stream = await litellm.acompletion(
            model="azure/o1", messages=MESSAGES, api_base=azure.host, api_key="k", stream=True
        )
        return "".join([c.choices[0].delta.content or "" async for c in stream])

    assert asyncio.run(main()) == "hi azure"


def test_reasoning_effort_needs_a_reasoning_deployment(azure):
    with pytest.raises(litellm.UnsupportedParamsError, match=r"\['reasoning_effort'\]|'reasoning_effort'"):
        call(azure, reasoning_effort="low")
    o_call(azure, model="azure/gpt5_series/my-dep", reasoning_effort="low", max_tokens=10)
    sent = azure.last_request()
    assert sent["path"] == "/openai/deployments/my-dep/chat/completions"
    assert sent["body"]["reasoning_effort"] == "low"
    assert sent["body"]["max_completion_tokens"] == 10


def test_the_sdks_two_retries_apply_unless_max_retries_says_otherwise(azure):
    import time

    def flaky(times):
        return {"x-mock-fault": "500", "x-mock-fail-times": str(times), "x-mock-key": f"az-{time.time()}"}

    # Two failures, then an answer: the openai SDK's default retries carry the call through.
    response = call(azure, extra_headers=flaky(2))
    assert response.choices[0].message.content == "hi azure"
    assert len(azure.requests()) == 3
    azure.clear()
    with pytest.raises(litellm.APIError):  # LiteLLM's class for Azure's 500
        call(azure, extra_headers=flaky(2), max_retries=0)
    assert len(azure.requests()) == 1
    azure.clear()
    # A refusal is not retried.
    with pytest.raises(litellm.AuthenticationError):
        call(azure, extra_headers={"x-mock-fault": "401"})
    assert len(azure.requests()) == 1


def test_gpt5_deployments_follow_litellms_gpt5_rules(azure):
    with pytest.raises(litellm.UnsupportedParamsError, match="doesn't support temperature=0.3"):
        o_call(azure, model="azure/gpt-5", temperature=0.3)
    # Azure grants effort "none" only where the table does (gpt-5.1, not gpt-5).
    with pytest.raises(litellm.UnsupportedParamsError, match="reasoning_effort=none is not supported"):
        o_call(azure, model="azure/gpt-5", reasoning_effort="none")
    assert azure.requests() == []
    messages = [{"role": "developer", "content": "Plain."}, *MESSAGES]
    o_call(azure, model="azure/gpt-5.1", messages=messages, temperature=0.3, reasoning_effort="none")
    body = azure.last_request()["body"]
    assert (body["temperature"], body["reasoning_effort"]) == (0.3, "none")
    assert body["messages"][0] == {"role": "system", "content": "Plain."}  # LiteLLM's rewrite
