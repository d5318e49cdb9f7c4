"""``get_llm_provider``: which provider a model string names (resolved by the Rust core)."""

from __future__ import annotations

from typing import Optional

from litellm._request import resolve_model


def get_llm_provider(
    model: str,
    custom_llm_provider: Optional[str] = None,
    api_base: Optional[str] = None,
    api_key: Optional[str] = None,
    litellm_params=None,
):
    """Returns ``(model, custom_llm_provider, dynamic_api_key, api_base)`` as LiteLLM does, or
    raises ``litellm.BadRequestError`` ("LLM Provider NOT provided...")."""
    if litellm_params is not None:
        params = litellm_params if isinstance(litellm_params, dict) else vars(litellm_params)
        custom_llm_provider = custom_llm_provider or params.get("custom_llm_provider")
        api_base = api_base or params.get("api_base")
        api_key = api_key or params.get("api_key")
    model, provider, key, base = resolve_model(model, custom_llm_provider, api_base, api_key)
    return model, provider, key, base
