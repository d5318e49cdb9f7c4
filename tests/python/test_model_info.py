"""Model metadata from the embedded price table: model_cost, get_model_info, get_max_tokens,
register_model and the supports_* helpers. Expected values were probed on LiteLLM 1.109.1."""

from __future__ import annotations

import json
import logging

import pytest

import litellm
from litellm import utils
from litellm._model_info import MODEL_INFO_KEYS


@pytest.fixture
def fresh_model_cost():
    saved = litellm.model_cost
    litellm.model_cost = {k: dict(v) for k, v in saved.items()}
    yield litellm.model_cost
    litellm.model_cost = saved
    from litellm._request import registered_providers

    registered_providers.clear()


def test_model_cost_is_litellms_table_as_a_plain_dict():
    table = litellm.model_cost
    assert type(table) is dict
    assert len(table) == 4552
    assert "sample_spec" in table and "fallback_generalizations" not in table
    assert table["gpt-4o"]["litellm_provider"] == "openai"
    assert table["gpt-4o"]["input_cost_per_token"] == 2.5e-06


def test_model_cost_is_not_built_at_import():
    from conftest import run_python

    result = run_python("import litellm; print('model_cost' in vars(litellm))")
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    "model,provider,key,litellm_provider,max_tokens,input_cost",
    [
        ("gpt-4o", None, "gpt-4o", "openai", 16384, 2.5e-06),
        ("openai/gpt-4o", None, "gpt-4o", "openai", 16384, 2.5e-06),
        ("claude-sonnet-4-5", None, "claude-sonnet-4-5", "anthropic", 64000, 3e-06),
        ("anthropic/claude-sonnet-4-5", None, "claude-sonnet-4-5", "anthropic", 64000, 3e-06),
        ("gemini/gemini-2.5-flash", None, "gemini/gemini-2.5-flash", "gemini", 65536, 3e-07),
        ("groq/openai/gpt-oss-120b", None, "groq/openai/gpt-oss-120b", "groq", 65536, 1.5e-07),
        ("ft:gpt-4o-mini-2024-07-18:org::abc", None, "ft:gpt-4o-mini-2024-07-18", "openai", 16384, 3e-07),
        ("gpt-4o", "azure", "azure/gpt-4o", "azure", 16384, 2.5e-06),
        ("gpt-4o-2099-01-01", None, "gpt-4o", "openai", 16384, 2.5e-06),
        ("GPT-4O", None, "gpt-4o", "openai", 16384, 2.5e-06),
        ("gemini/gemini-2.5-flash-001", None, "gemini/gemini-2.5-flash", "gemini", 65536, 3e-07),
        ("ft:gpt-3.5-turbo:my-org:custom_suffix:id", None, "ft:gpt-3.5-turbo", "openai", None, None),
    ],
)
def test_get_model_info_finds_litellms_key(model, provider, key, litellm_provider, max_tokens, input_cost):
    info = litellm.get_model_info(model, custom_llm_provider=provider)
    assert info["key"] == key
    assert info["litellm_provider"] == litellm_provider
    if max_tokens is not None:
        assert (info["max_tokens"], info["input_cost_per_token"]) == (max_tokens, input_cost)


def test_get_model_info_has_litellms_keys_in_order():
    info = litellm.get_model_info("gpt-4o")
    assert list(info)[: len(MODEL_INFO_KEYS)] == list(MODEL_INFO_KEYS)
    assert list(info)[-1] == "supported_openai_params"
    assert len(MODEL_INFO_KEYS) == 187
    assert info["mode"] == "chat" and info["supports_vision"] is True
    assert "temperature" in info["supported_openai_params"]
    embedding = litellm.get_model_info("text-embedding-3-small")
    assert embedding["max_tokens"] == 8191 and embedding["mode"] == "embedding"


@pytest.mark.parametrize(
    "model,provider,fragment",
    [
        ("unknown-xyz", None, "model=unknown-xyz, custom_llm_provider=None"),
        ("openai/unknown-xyz", None, "model=openai/unknown-xyz, custom_llm_provider=openai"),
        ("unknown-xyz", "openai", "model=unknown-xyz, custom_llm_provider=openai"),
        ("gpt-4o", "anthropic", "custom_llm_provider=anthropic"),
    ],
)
def test_unknown_models_raise_model_not_mapped(model, provider, fragment):
    with pytest.raises(litellm.ModelNotMappedError) as info:
        litellm.get_model_info(model, custom_llm_provider=provider)
    message = str(info.value)
    assert message.startswith("This model isn't mapped yet. ") and fragment in message
    assert message.endswith(
        "Add it here - https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json."
    )


def test_get_max_tokens_reads_the_table_exactly():
    assert litellm.get_max_tokens("gpt-4o") == 16384
    assert litellm.get_max_tokens("openai/gpt-4o") == 16384
    assert litellm.get_max_tokens("claude-sonnet-4-5") == 64000
    assert litellm.get_max_tokens("text-embedding-3-small") is None
    for unknown in ("unknown-xyz", "GPT-4O", "gpt-4o-2099-01-01"):
        with pytest.raises(Exception, match="isn't mapped yet"):
            litellm.get_max_tokens(unknown)


def test_edits_to_model_cost_are_seen_at_once(fresh_model_cost):
    fresh_model_cost["openai/my-x"] = {
        "litellm_provider": "openai",
        "mode": "chat",
        "supports_vision": True,
        "max_output_tokens": 77,
    }
    assert litellm.supports_vision("openai/my-x") is True
    assert litellm.get_model_info("openai/my-x")["max_tokens"] == 77
    fresh_model_cost["gpt-4o"]["max_output_tokens"] = 5
    assert litellm.get_model_info("gpt-4o")["max_tokens"] == 5


def test_register_model_adds_updates_and_routes(fresh_model_cost, mock, caplog):
    with caplog.at_level(logging.WARNING, logger="LiteLLM"):
        returned = litellm.register_model(
            {
                "my-model": {
                    "litellm_provider": "openai",
                    "mode": "chat",
                    "input_cost_per_token": "1e-6",
                    "supports_vision": True,
                }
            }
        )
    assert "register_model: model=my-model has custom pricing" in caplog.text
    assert returned["my-model"]["input_cost_per_token"] == "1e-6", "the argument comes back unchanged"
    assert litellm.model_cost["my-model"]["input_cost_per_token"] == 1e-06
    assert litellm.get_llm_provider("my-model")[1] == "openai"
    assert litellm.supports_vision("my-model") is True
    litellm.completion(
        model="my-model", messages=[{"role": "user", "content": "hi"}], api_base=mock.base, api_key="k"
    )
    assert mock.last_request()["body"]["model"] == "my-model"

    litellm.register_model(json.dumps({"openai/gpt-4o-mini": {"input_cost_per_token": 9e-07}}))
    entry = litellm.model_cost["gpt-4o-mini"]
    assert entry["input_cost_per_token"] == 9e-07 and entry["litellm_provider"] == "openai"
    assert "openai/gpt-4o-mini" not in litellm.model_cost, "updates land on the resolved key"


CAPABILITIES = {
    # helper: (gpt-4o, claude-sonnet-4-5, unknown-xyz, groq/openai/gpt-oss-120b), probed on LiteLLM 1.109.1
    "supports_function_calling": (True, True, False, True),
    "supports_parallel_function_calling": (True, False, False, True),
    "supports_vision": (True, True, False, False),
    "supports_response_schema": (True, True, False, True),
    "supports_reasoning": (False, True, False, True),
    "supports_prompt_caching": (True, True, False, True),
    "supports_audio_input": (False, False, False, False),
    "supports_audio_output": (False, False, False, False),
    "supports_pdf_input": (True, True, False, False),
    "supports_web_search": (False, False, False, True),
    "supports_tool_choice": (True, True, False, True),
}


@pytest.mark.parametrize("helper", sorted(CAPABILITIES))
def test_supports_helpers_match_litellm(helper):
    function = getattr(utils, helper)
    results = tuple(
        function(m) for m in ("gpt-4o", "claude-sonnet-4-5", "unknown-xyz", "groq/openai/gpt-oss-120b")
    )
    assert results == CAPABILITIES[helper]


def test_supports_helper_placement_and_special_cases():
    assert litellm.supports_function_calling is utils.supports_function_calling
    assert not hasattr(litellm, "supports_prompt_caching") and not hasattr(litellm, "supports_tool_choice")
    assert litellm.supports_system_messages("gpt-4o", None) is True
    assert litellm.supports_system_messages("claude-sonnet-4-5", None) is False
    with pytest.raises(TypeError):
        litellm.supports_system_messages("gpt-4o")
    assert litellm.supports_response_schema("fireworks_ai/anything") is True
    assert litellm.supports_vision("gpt-4o", "anthropic") is False
    assert litellm.supports_vision("gpt-4o", "azure") is True
