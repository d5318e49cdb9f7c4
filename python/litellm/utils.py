"""``litellm.utils``: helpers LiteLLM users import from here, backed by the Rust core."""

from __future__ import annotations

import os
from typing import Optional

from litellm import _core
from litellm._model_info import (
    get_max_tokens,
    get_model_info,
    register_model,
    supports_audio_input,
    supports_audio_output,
    supports_function_calling,
    supports_parallel_function_calling,
    supports_pdf_input,
    supports_prompt_caching,
    supports_reasoning,
    supports_response_schema,
    supports_system_messages,
    supports_tool_choice,
    supports_vision,
    supports_web_search,
)
from litellm.cost_calculator import completion_cost, cost_per_token, response_cost_calculator
from litellm.litellm_core_utils.get_llm_provider_logic import get_llm_provider
from litellm.litellm_core_utils.streaming_handler import CustomStreamWrapper
from litellm.litellm_core_utils.token_counter import (
    create_pretrained_tokenizer,
    create_tokenizer,
    decode,
    encode,
    token_counter,
)
from litellm.types.utils import (
    ChatCompletionMessageToolCall,
    Choices,
    Delta,
    Function,
    Message,
    ModelResponse,
    ModelResponseStream,
    StreamingChoices,
    Usage,
)

provider_list = list(_core.provider_list())


def get_supported_openai_params(
    model: str,
    custom_llm_provider: Optional[str] = None,
    request_type: str = "chat_completion",
    base_model: Optional[str] = None,
) -> Optional[list]:
    """The OpenAI parameters the provider accepts for ``model``; None for a provider Ferrolite
    does not speak yet."""
    if custom_llm_provider is None:
        try:
            model, custom_llm_provider, _, _ = get_llm_provider(model)
        except Exception:  # noqa: BLE001 - LiteLLM answers None for unknown models
            return None
    params = _core.supported_openai_params(model, custom_llm_provider)
    return list(params) if params is not None else None


def validate_environment(
    model: Optional[str] = None,
    api_key: Optional[str] = None,
    api_base: Optional[str] = None,
    api_version: Optional[str] = None,
) -> dict:
    """Which of the provider's key variables are missing from the environment."""
    missing: list = []
    if model is None:
        return {"keys_in_environment": False, "missing_keys": missing}
    try:
        _, provider, _, _ = get_llm_provider(model, api_base=api_base)
    except Exception:  # noqa: BLE001 - unknown model: nothing to check
        return {"keys_in_environment": False, "missing_keys": missing}
    env_names = _core.provider_key_env(provider) or []
    if api_key is None and env_names and not any(os.environ.get(name) for name in env_names):
        missing.append(env_names[0])
    return {"keys_in_environment": not missing, "missing_keys": missing}


__all__ = [
    "ChatCompletionMessageToolCall",
    "Choices",
    "CustomStreamWrapper",
    "Delta",
    "Function",
    "Message",
    "ModelResponse",
    "ModelResponseStream",
    "StreamingChoices",
    "Usage",
    "get_llm_provider",
    "completion_cost",
    "cost_per_token",
    "response_cost_calculator",
    "token_counter",
    "encode",
    "decode",
    "create_tokenizer",
    "create_pretrained_tokenizer",
    "get_supported_openai_params",
    "provider_list",
    "validate_environment",
    "get_model_info",
    "get_max_tokens",
    "register_model",
    "supports_audio_input",
    "supports_audio_output",
    "supports_function_calling",
    "supports_parallel_function_calling",
    "supports_pdf_input",
    "supports_prompt_caching",
    "supports_reasoning",
    "supports_response_schema",
    "supports_system_messages",
    "supports_tool_choice",
    "supports_vision",
    "supports_web_search",
]
