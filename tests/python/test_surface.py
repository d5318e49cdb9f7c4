"""The `litellm` module surface: settings, import paths, patchability, provider helpers."""

from __future__ import annotations

from unittest import mock as umock

import pytest

import litellm


def test_settings_have_litellms_defaults_and_accept_any_attribute():
    assert litellm.drop_params is False
    assert litellm.request_timeout == 6000.0
    assert litellm.success_callback == [] and litellm.callbacks == []
    litellm.telemetry = False  # DSPy writes attributes litellm 1.109 no longer has
    litellm._dspy_logging_configured = True
    assert litellm.telemetry is False


def test_patching_litellm_completion_reaches_callers():
    with umock.patch("litellm.completion", return_value="patched") as patched:
        assert litellm.completion(model="gpt-4o", messages=[]) == "patched"
        assert litellm.completion_with_retries(model="gpt-4o", messages=[]) == "patched"
    assert patched.call_count == 2
    assert patched.call_args.kwargs["num_retries"] == 3


def test_types_are_importable_from_every_path_litellm_uses():
    from litellm.litellm_core_utils.streaming_handler import CustomStreamWrapper
    from litellm.types.utils import (
        ChatCompletionDeltaToolCall,
        Choices,
        CompletionTokensDetailsWrapper,
        Delta,
        Function,
        GenericStreamingChunk,
        Message,
        ModelResponse,
        ModelResponseBase,
        ModelResponseStream,
        PromptTokensDetailsWrapper,
        StreamingChoices,
        Usage,
    )
    from litellm.utils import ModelResponse as UtilsModelResponse

    assert litellm.ModelResponse is ModelResponse is UtilsModelResponse
    assert litellm.CustomStreamWrapper is CustomStreamWrapper
    for cls in (
        Choices,
        Delta,
        Function,
        Message,
        ModelResponseBase,
        ModelResponseStream,
        StreamingChoices,
        Usage,
        ChatCompletionDeltaToolCall,
        PromptTokensDetailsWrapper,
        CompletionTokensDetailsWrapper,
    ):
        assert cls.__module__ == "litellm.types.utils"
    assert GenericStreamingChunk is not None
    assert litellm.exceptions.RateLimitError is litellm.RateLimitError


@pytest.mark.parametrize(
    "model,expected",
    [
        ("gpt-4o", ("gpt-4o", "openai", None, None)),
        (
            "groq/llama-3.3-70b-versatile",
            ("llama-3.3-70b-versatile", "groq", None, "https://api.groq.com/openai/v1"),
        ),
        ("xai/grok-4", ("grok-4", "xai", None, "https://api.x.ai/v1")),
        (
            "together_ai/meta-llama/Llama-3-70b",
            ("meta-llama/Llama-3-70b", "together_ai", None, "https://api.together.ai/v1"),
        ),
        ("hosted_vllm/my-model", ("my-model", "hosted_vllm", "fake-api-key", None)),
        ("claude-sonnet-4-5", ("claude-sonnet-4-5", "anthropic", None, None)),
        ("gemini-2.5-flash", ("gemini-2.5-flash", "vertex_ai", None, None)),
    ],
)
def test_get_llm_provider_matches_litellm(model, expected, monkeypatch):
    for var in (
        "GROQ_API_KEY",
        "XAI_API_KEY",
        "TOGETHER_API_KEY",
        "TOGETHER_AI_API_KEY",
        "TOGETHERAI_API_KEY",
        "TOGETHER_AI_TOKEN",
        "HOSTED_VLLM_API_BASE",
        "HOSTED_VLLM_API_KEY",
    ):
        monkeypatch.delenv(var, raising=False)
    assert litellm.get_llm_provider(model) == expected


def test_unknown_model_raises_litellms_bad_request():
    with pytest.raises(litellm.BadRequestError) as info:
        litellm.get_llm_provider("no-such-model-anywhere")
    assert (
        "LLM Provider NOT provided. Pass in the LLM provider you are trying to call. You passed "
        "model=no-such-model-anywhere" in str(info.value)
    )


def test_provider_list_validate_environment_and_supported_params(monkeypatch):
    assert {"openai", "groq", "anthropic", "bedrock", "hosted_vllm"} <= set(litellm.provider_list)
    monkeypatch.delenv("GROQ_API_KEY", raising=False)
    assert litellm.validate_environment("groq/llama3") == {
        "keys_in_environment": False,
        "missing_keys": ["GROQ_API_KEY"],
    }
    monkeypatch.setenv("GROQ_API_KEY", "x")
    assert litellm.validate_environment("groq/llama3") == {"keys_in_environment": True, "missing_keys": []}
    params = litellm.get_supported_openai_params("gpt-4o")
    assert {"temperature", "tools", "response_format", "stream_options", "reasoning_effort"} <= set(params)
    assert "service_tier" not in litellm.get_supported_openai_params("m", custom_llm_provider="together_ai")


def test_custom_llm_base_class():
    class Mine(litellm.CustomLLM):
        def completion(self, *args, **kwargs):
            return "mine"

    assert Mine().completion() == "mine"
    with pytest.raises(Exception, match="Not implemented"):
        litellm.CustomLLM().completion()


def test_original_litellm_beside_ferrolite_is_reported(tmp_path):
    from litellm import _shadow

    assert _shadow.check([str(tmp_path)]) is False
    (tmp_path / "litellm-1.109.1.dist-info").mkdir()
    with pytest.warns(_shadow.FerroliteShadowWarning, match="pip uninstall -y litellm"):
        assert _shadow.check([str(tmp_path)]) is True


def test_command_line_reports_version_and_build_provenance():
    import hashlib
    from pathlib import Path

    from conftest import run_python

    from litellm import _core

    result = run_python("import sys; from litellm.__main__ import main; sys.exit(main(['--version']))")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0] == f"litellm {litellm.__version__} (ferrolite {litellm.ferrolite_version})"
    assert lines[1].startswith("commit: ")
    digest = hashlib.sha256(Path(_core.__file__).read_bytes()).hexdigest()
    assert lines[2] == f"native module: {Path(_core.__file__).name} sha256={digest}"


def test_framework_typed_dicts_import_from_litellm_and_types_llms_openai():
    from litellm.types.llms.openai import ChatCompletionToolParam, ChatCompletionUserMessage

    assert litellm.ChatCompletionUserMessage is ChatCompletionUserMessage
    assert litellm.ChatCompletionToolParam is ChatCompletionToolParam
    message: ChatCompletionUserMessage = {"role": "user", "content": "hi"}
    assert message["role"] == "user"
