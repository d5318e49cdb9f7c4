"""Cost tracking: cost_per_token, completion_cost and response_cost on every response.

Expected numbers were probed on LiteLLM 1.109.1 (docs/research/litellm-cost-rules.md) and are
compared exactly: the core adds the same terms in the same order. Where Ferrolite's number
differs on purpose, the test says so and why.
"""

from __future__ import annotations

import asyncio
import json
import sys

import pytest

import litellm
from litellm import Usage

MESSAGES = [{"role": "user", "content": "hello there"}]


@pytest.fixture
def edited_model_cost():
    """A private copy of the table as ``litellm.model_cost``; the embedded one is restored after."""
    had = "model_cost" in vars(litellm)
    saved = vars(litellm).get("model_cost")
    litellm.model_cost = json.loads(litellm._core.model_map_json())
    litellm.model_cost.pop("fallback_generalizations", None)
    yield litellm.model_cost
    if had:
        litellm.model_cost = saved
    else:
        del vars(litellm)["model_cost"]
    from litellm._request import registered_providers

    registered_providers.clear()


# ---- cost_per_token: (prompt_cost, completion_cost) ----
@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        pytest.param(
            {"model": "gpt-4o", "prompt_tokens": 1000, "completion_tokens": 500}, (0.0025, 0.005), id="plain"
        ),
        pytest.param(
            {
                "model": "gpt-4o",
                "prompt_tokens": 1000,
                "completion_tokens": 500,
                "cache_read_input_tokens": 400,
            },
            (0.002, 0.005),
            id="openai-cached-read-at-its-rate",
        ),
        pytest.param(
            {
                "model": "claude-sonnet-4-5",
                "prompt_tokens": 1000,
                "completion_tokens": 100,
                "cache_read_input_tokens": 500,
            },
            (0.00165, 0.0015),
            id="anthropic-cache-read",
        ),
        pytest.param(
            {
                "model": "anthropic/claude-sonnet-4-5",
                "prompt_tokens": 1000,
                "completion_tokens": 100,
                "cache_creation_input_tokens": 500,
            },
            (0.0033750000000000004, 0.0015),
            id="anthropic-cache-write",
        ),
        pytest.param(
            {
                "model": "claude-sonnet-4-5",
                "prompt_tokens": 1000,
                "completion_tokens": 100,
                "cache_read_input_tokens": 200,
                "cache_creation_input_tokens": 300,
            },
            (0.002685, 0.0015),
            id="anthropic-read-and-write",
        ),
        pytest.param(
            {"model": "claude-sonnet-4-5", "prompt_tokens": 250000, "completion_tokens": 1000},
            (0.75, 0.015000000000000001),
            id="no-tier-keys-no-tier",
        ),
        pytest.param(
            {"model": "gemini/gemini-2.5-pro", "prompt_tokens": 250000, "completion_tokens": 1000},
            (0.625, 0.015000000000000001),
            id="above-200k-tier",
        ),
        pytest.param(
            {"model": "gemini/gemini-2.5-pro", "prompt_tokens": 200000, "completion_tokens": 1000},
            (0.25, 0.01),
            id="at-threshold-is-base",
        ),
        pytest.param(
            {"model": "gemini/gemini-2.5-pro", "prompt_tokens": 200001, "completion_tokens": 1000},
            (0.5000025, 0.015000000000000001),
            id="one-above-threshold",
        ),
        pytest.param(
            {
                "model": "gemini-2.5-pro",
                "prompt_tokens": 250000,
                "completion_tokens": 1000,
                "cache_read_input_tokens": 100000,
            },
            (0.4000000000000001, 0.015000000000000001),
            id="tier-counts-cached-tokens",
        ),
        pytest.param(
            {
                "model": "gemini/gemini-2.5-pro",
                "prompt_tokens": 250000,
                "completion_tokens": 1000,
                "service_tier": "priority",
            },
            (1.125, 0.027),
            id="tier-and-priority",
        ),
        pytest.param(
            {
                "model": "gemini/gemini-2.5-pro",
                "prompt_tokens": 250000,
                "completion_tokens": 1000,
                "service_tier": "flex",
            },
            (0.625, 0.015000000000000001),
            id="flex-without-flex-tier-key",
        ),
        pytest.param(
            {"model": "gpt-5.4", "prompt_tokens": 300000, "completion_tokens": 1000},
            (1.5000000000000002, 0.022500000000000003),
            id="above-272k",
        ),
        pytest.param(
            {"model": "gpt-5.4", "prompt_tokens": 272000, "completion_tokens": 1000},
            (0.68, 0.015000000000000001),
            id="at-272k",
        ),
        pytest.param(
            {"model": "gpt-5.4", "prompt_tokens": 300000, "completion_tokens": 1000, "service_tier": "flex"},
            (0.7500000000000001, 0.011250000000000001),
            id="above-272k-flex",
        ),
        pytest.param(
            {"model": "gpt-5", "prompt_tokens": 1000, "completion_tokens": 500, "service_tier": "priority"},
            (0.0025, 0.01),
            id="priority",
        ),
        pytest.param(
            {"model": "gpt-5", "prompt_tokens": 1000, "completion_tokens": 500, "service_tier": "PRIORITY"},
            (0.0025, 0.01),
            id="tier-case",
        ),
        pytest.param(
            {"model": "gpt-5", "prompt_tokens": 1000, "completion_tokens": 500, "service_tier": "fast"},
            (0.0025, 0.01),
            id="fast-is-priority",
        ),
        pytest.param(
            {"model": "gpt-5", "prompt_tokens": 1000, "completion_tokens": 500, "service_tier": "flex"},
            (0.000625, 0.0025),
            id="flex",
        ),
        pytest.param(
            {"model": "gpt-5", "prompt_tokens": 1000, "completion_tokens": 500, "service_tier": "auto"},
            (0.00125, 0.005),
            id="auto-is-standard",
        ),
        pytest.param(
            {
                "model": "gpt-5",
                "prompt_tokens": 1000,
                "completion_tokens": 500,
                "cache_read_input_tokens": 400,
                "service_tier": "priority",
            },
            (0.0016, 0.01),
            id="priority-cache-read",
        ),
        pytest.param(
            {"model": "gpt-4o", "prompt_tokens": 1000, "completion_tokens": 500, "service_tier": "flex"},
            (0.0025, 0.005),
            id="missing-tier-key-falls-back",
        ),
        pytest.param(
            {
                "model": "bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "prompt_tokens": 1000,
                "completion_tokens": 100,
                "cache_read_input_tokens": 200,
                "cache_creation_input_tokens": 300,
            },
            (0.0029535000000000004, 0.0016500000000000002),
            id="bedrock-regional-cache-rates",
        ),
        pytest.param(
            {
                "model": "gemini/gemini-2.5-flash",
                "prompt_tokens": 1000,
                "completion_tokens": 100,
                "cache_read_input_tokens": 400,
            },
            (0.00019199999999999998, 0.00025),
            id="gemini-cache-read",
        ),
        pytest.param(
            {"model": "text-embedding-3-small", "prompt_tokens": 1000, "call_type": "embedding"},
            (2e-05, 0.0),
            id="embedding",
        ),
        pytest.param(
            {
                "model": "bedrock/*/1-month-commitment/cohere.command-light-text-v14",
                "response_time_ms": 2000,
            },
            (0.003804, 0.0),
            id="per-second",
        ),
        pytest.param(
            {"model": "whisper-1", "call_type": "transcription", "audio_transcription_file_duration": 10},
            (0.0, 0.001),
            id="transcription-per-second",
        ),
        pytest.param(
            {"model": "tts-1", "call_type": "speech", "prompt_characters": 100},
            (0.0015, 0.0),
            id="speech-per-character",
        ),
        pytest.param(
            {"model": "x", "custom_cost_per_second": 0.01, "response_time_ms": 2500},
            (0.0, 0.025),
            id="custom-per-second",
        ),
        pytest.param(
            {
                "model": "gpt-4o",
                "prompt_tokens": 1000,
                "completion_tokens": 500,
                "custom_cost_per_token": {"input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6},
            },
            (0.001, 0.001),
            id="custom-per-token",
        ),
    ],
)
def test_cost_per_token_matches_litellm(kwargs, expected):
    assert litellm.cost_per_token(**kwargs) == expected


@pytest.mark.parametrize(
    ("model", "usage", "expected"),
    [
        pytest.param(
            "claude-sonnet-4-5",
            Usage(
                prompt_tokens=1000,
                completion_tokens=100,
                total_tokens=1100,
                prompt_tokens_details={
                    "cache_creation_tokens": 500,
                    "cache_creation_token_details": {
                        "ephemeral_1h_input_tokens": 300,
                        "ephemeral_5m_input_tokens": 200,
                    },
                },
            ),
            (0.00405, 0.0015),
            id="cache-write-by-ttl",
        ),
        pytest.param(
            "o3-mini",
            Usage(prompt_tokens=1000, completion_tokens=500, total_tokens=1500, reasoning_tokens=300),
            (0.0011, 0.0022),
            id="reasoning-at-output-rate",
        ),
        pytest.param(
            "dashscope/qwen-turbo",
            Usage(prompt_tokens=1000, completion_tokens=500, total_tokens=1500, reasoning_tokens=300),
            (4.9999999999999996e-05, 0.00018999999999999998),
            id="reasoning-own-rate-plus-the-rest",
        ),
        pytest.param(
            "gpt-audio",
            Usage(
                prompt_tokens=1000,
                completion_tokens=500,
                total_tokens=1500,
                prompt_tokens_details={"audio_tokens": 200},
                completion_tokens_details={"audio_tokens": 100},
            ),
            (0.0084, 0.0104),
            id="audio-tokens",
        ),
        pytest.param(
            "gpt-4o",
            Usage(
                prompt_tokens=1000,
                completion_tokens=0,
                total_tokens=1000,
                prompt_tokens_details={"image_tokens": 300},
            ),
            (0.0025, 0.0),
            id="image-tokens-at-input-rate",
        ),
        pytest.param(
            "gpt-4o",
            Usage(
                prompt_tokens=1000,
                completion_tokens=500,
                total_tokens=1500,
                prompt_tokens_details={"cached_tokens": 400},
            ),
            (0.002, 0.005),
            id="openai-cached-details",
        ),
    ],
)
def test_cost_per_token_reads_usage_details(model, usage, expected):
    assert litellm.cost_per_token(model=model, usage_object=usage) == expected


def test_reported_text_tokens_do_not_make_the_rest_of_the_output_free():
    """LiteLLM 1.109.1 returns (0.0, 0.001) here: it bills the reported 100 text tokens and
    drops the other 400 completion tokens. All 500 were generated, so all 500 are billed."""
    usage = Usage(
        prompt_tokens=0,
        completion_tokens=500,
        total_tokens=500,
        completion_tokens_details={"text_tokens": 100},
    )
    assert litellm.cost_per_token(model="gpt-4o", usage_object=usage) == (0.0, 0.005)


def test_custom_prices_bill_cache_counts_as_table_prices_do():
    """LiteLLM 1.109.1 gives 0.00102 here: for custom prices only it adds Anthropic-style cache
    counts on top of prompt_tokens, while table prices treat them as part of it. One meaning for
    both: 800 uncached tokens at 1e-6 plus 200 cached at 1e-7."""
    prices = {
        "input_cost_per_token": 1e-6,
        "output_cost_per_token": 2e-6,
        "cache_read_input_token_cost": 1e-7,
    }
    cost = litellm.cost_per_token(
        model="gpt-4o",
        prompt_tokens=1000,
        completion_tokens=500,
        cache_read_input_tokens=200,
        custom_cost_per_token=prices,
    )
    assert cost == (800 * 1e-6 + 200 * 1e-7, 0.001)


def test_off_peak_prices_apply_inside_their_window(edited_model_cost):
    edited_model_cost["cheap-at-night"] = {
        "litellm_provider": "openai",
        "mode": "chat",
        "input_cost_per_token": 1e-6,
        "output_cost_per_token": 2e-6,
        "off_peak_pricing": {"input_cost_per_token": 5e-7, "windows": [{"hours_utc": "00:00-00:00"}]},
    }
    assert litellm.cost_per_token(
        model="cheap-at-night", custom_llm_provider="openai", prompt_tokens=1000
    ) == (
        0.0005,
        0.0,
    )


def test_unknown_models_raise_litellms_errors():
    with pytest.raises(litellm.BadRequestError, match="LLM Provider NOT provided"):
        litellm.cost_per_token(model="foo-bar-unknown", prompt_tokens=1)
    with pytest.raises(
        litellm.exceptions.ModelNotMappedError, match="model=foo-bar-unknown, custom_llm_provider=openai"
    ):
        litellm.cost_per_token(model="foo-bar-unknown", custom_llm_provider="openai", prompt_tokens=1)


# ---- completion_cost ----
def test_completion_cost_from_a_response_prefers_the_served_model():
    response = litellm.ModelResponse(model="gpt-4o", usage=Usage(prompt_tokens=1000, completion_tokens=500))
    assert litellm.completion_cost(completion_response=response) == 0.0075
    assert litellm.completion_cost(completion_response=response, model="gpt-5") == 0.0075
    dated = litellm.ModelResponse(
        model="gpt-4o-2024-08-06", usage=Usage(prompt_tokens=1000, completion_tokens=500)
    )
    assert litellm.completion_cost(completion_response=dated) == 0.0075


def test_completion_cost_uses_the_stated_cost_and_base_model():
    stated = litellm.ModelResponse(
        model="gpt-4o", usage=Usage(prompt_tokens=1000, completion_tokens=500, cost=0.123)
    )
    assert litellm.completion_cost(completion_response=stated) == 0.123
    deployment = litellm.ModelResponse(
        model="my-azure-deployment", usage=Usage(prompt_tokens=1000, completion_tokens=500)
    )
    assert litellm.completion_cost(completion_response=deployment, base_model="gpt-4o") == 0.0075


def test_completion_cost_of_an_embedding_response():
    response = {"model": "text-embedding-3-small", "usage": {"prompt_tokens": 1000, "total_tokens": 1000}}
    assert litellm.completion_cost(completion_response=response, call_type="embedding") == 2e-05


def test_completion_cost_without_a_model_is_a_value_error():
    with pytest.raises(ValueError):
        litellm.completion_cost()


# ---- response_cost on responses ----
def test_mock_response_carries_litellms_cost():
    response = litellm.completion(model="gpt-4o", messages=MESSAGES, mock_response="Hello world")
    assert response._hidden_params["response_cost"] == 0.00022500000000000002
    assert litellm.completion_cost(completion_response=response) == 0.00022500000000000002


def test_cost_kwargs_price_the_call_only():
    priced = litellm.completion(
        model="gpt-4o",
        messages=MESSAGES,
        mock_response="Hello world",
        input_cost_per_token=1e-6,
        output_cost_per_token=2e-6,
    )
    assert priced._hidden_params["response_cost"] == 4.9999999999999996e-05
    # LiteLLM registers the kwargs prices globally; Ferrolite leaves later calls on the table.
    later = litellm.completion(model="gpt-4o", messages=MESSAGES, mock_response="Hello world")
    assert later._hidden_params["response_cost"] == 0.00022500000000000002


def test_provider_response_is_priced_from_its_usage(mock):
    usage = {
        "prompt_tokens": 1000,
        "completion_tokens": 500,
        "total_tokens": 1500,
        "prompt_tokens_details": {"cached_tokens": 400},
    }
    response = litellm.completion(
        model="gpt-4o",
        messages=MESSAGES,
        api_base=mock.base,
        api_key="k",
        extra_headers={"x-mock-usage": json.dumps(usage)},
    )
    assert response._hidden_params["response_cost"] == 0.007


def test_unpriced_models_have_no_cost(mock):
    response = litellm.completion(
        model="openai/my-local-model", messages=MESSAGES, api_base=mock.base, api_key="k"
    )
    assert response._hidden_params["response_cost"] is None


def test_async_responses_are_priced(mock):
    response = asyncio.run(
        litellm.acompletion(
            model="openai/gpt-4o",
            messages=[{"role": "user", "content": "one two three four"}],
            api_base=mock.base,
            api_key="k",
        )
    )
    usage = response.usage
    expected = usage.prompt_tokens * 2.5e-6 + usage.completion_tokens * 1e-5
    assert response._hidden_params["response_cost"] == expected


def test_base_model_kwarg_prices_a_deployment_name(mock):
    response = litellm.completion(
        model="openai/my-deployment",
        messages=MESSAGES,
        api_base=mock.base,
        api_key="k",
        base_model="gpt-4o",
    )
    usage = response.usage
    assert (
        response._hidden_params["response_cost"]
        == usage.prompt_tokens * 2.5e-6 + usage.completion_tokens * 1e-5
    )


def test_stream_usage_chunk_carries_the_cost(mock):
    stream = litellm.completion(
        model="gpt-4o",
        messages=MESSAGES,
        api_base=mock.base,
        api_key="k",
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    last = chunks[-1]
    expected = last.usage.prompt_tokens * 2.5e-6 + last.usage.completion_tokens * 1e-5
    assert last.usage.cost == expected
    assert last._hidden_params["response_cost"] == expected
    rebuilt = litellm.stream_chunk_builder(chunks)
    assert rebuilt._hidden_params["response_cost"] == expected
    assert litellm.completion_cost(completion_response=rebuilt) == expected


def test_mock_stream_with_usage_matches_litellm():
    stream = litellm.completion(
        model="gpt-4o",
        messages=MESSAGES,
        mock_response="Hello world",
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    assert chunks[-1]._hidden_params["response_cost"] == pytest.approx(
        chunks[-1].usage.prompt_tokens * 2.5e-6 + chunks[-1].usage.completion_tokens * 1e-5
    )


def test_cache_hits_cost_nothing(mock):
    litellm.cache = litellm.Cache()
    try:
        kwargs = {"model": "gpt-4o", "messages": MESSAGES, "api_base": mock.base, "api_key": "k"}
        first = litellm.completion(**kwargs)
        second = litellm.completion(**kwargs)
    finally:
        litellm.cache = None
    assert first._hidden_params["response_cost"] > 0
    assert second._hidden_params["response_cost"] == 0.0


# ---- the table the prices come from ----
def test_pricing_never_builds_model_cost():
    from conftest import run_python

    out = run_python(
        "import litellm, sys\n"
        "print(litellm.cost_per_token(model='gpt-4o', prompt_tokens=1000, completion_tokens=500))\n"
        "print('model_cost' in vars(litellm), 'pydantic' in sys.modules)\n"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:2] == ["(0.0025, 0.005)", "False False"]


def test_edits_to_model_cost_are_priced(edited_model_cost):
    edited_model_cost["gpt-4o"]["input_cost_per_token"] = 1e-6
    assert litellm.cost_per_token(model="gpt-4o", prompt_tokens=1000) == (0.001, 0.0)
    response = litellm.completion(model="gpt-4o", messages=MESSAGES, mock_response="Hello world")
    assert response._hidden_params["response_cost"] == 10 * 1e-6 + 20 * 1e-5


def test_registered_models_are_priced(edited_model_cost):
    litellm.register_model(
        {
            "my-model": {
                "litellm_provider": "openai",
                "input_cost_per_token": 1e-6,
                "output_cost_per_token": 2e-6,
            }
        }
    )
    assert litellm.cost_per_token(model="my-model", prompt_tokens=1000, completion_tokens=500) == (
        0.001,
        0.001,
    )


def test_get_model_cost_map_is_offline():
    table = litellm.get_model_cost_map(url="https://example.invalid/prices.json")
    assert table["gpt-4o"]["input_cost_per_token"] == 2.5e-6
    assert "fallback_generalizations" not in table


def test_cost_functions_are_where_litellm_puts_them():
    from litellm import cost_calculator, utils

    assert litellm.completion_cost is cost_calculator.completion_cost
    assert litellm.cost_per_token is cost_calculator.cost_per_token
    assert utils.completion_cost is cost_calculator.completion_cost
    assert "litellm.cost_calculator" in sys.modules
