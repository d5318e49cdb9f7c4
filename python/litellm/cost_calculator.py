"""LiteLLM's pricing API: ``cost_per_token``, ``completion_cost`` and ``response_cost_calculator``.

The Rust core prices (``src/cost``); this module gathers each call's inputs into one query.
Until ``litellm.model_cost`` is first read, the core prices from its embedded table; after that
from the user's dict, so ``register_model`` and direct edits are priced too.

Where Ferrolite's number differs from LiteLLM 1.109.1's on purpose (see the README):
- a reported ``text_tokens`` smaller than the rest of a side does not make the rest free;
- custom per-token prices bill cache reads and writes out of ``prompt_tokens`` exactly as table
  prices do (LiteLLM adds Anthropic-style cache counts on top for custom prices only);
- ``completion(..., input_cost_per_token=...)`` prices that call, without registering the price
  for every later call of the model as LiteLLM does.
"""

from __future__ import annotations

from typing import Optional

from litellm import _core
from litellm._model_info import user_table
from litellm._request import raise_core_error, registered_providers

# completion() keyword arguments that price the call themselves.
_CUSTOM_TOKEN_PRICES = (
    "input_cost_per_token",
    "output_cost_per_token",
    "cache_read_input_token_cost",
    "cache_creation_input_token_cost",
)


def _usage_dict(usage):
    """The usage as the core reads it: a dict, or a ``Usage`` object, which the core reads by
    its fields (no ``model_dump``)."""
    return {} if usage is None else usage


def _field(obj, name, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _core_call(function, query: dict):
    try:
        return function(query, user_table())
    except _core.CoreError as error:
        raise_core_error(error)


def cost_per_token(  # noqa: PLR0913 - LiteLLM's public signature
    model: str = "",
    prompt_tokens: int = 0,
    completion_tokens: int = 0,
    response_time_ms: Optional[float] = 0.0,
    custom_llm_provider: Optional[str] = None,
    region_name=None,
    prompt_characters: Optional[int] = None,
    completion_characters: Optional[int] = None,
    cache_creation_input_tokens: Optional[int] = 0,
    cache_read_input_tokens: Optional[int] = 0,
    custom_cost_per_token: Optional[dict] = None,
    custom_cost_per_second: Optional[float] = None,
    number_of_queries: Optional[int] = None,
    usage_object=None,
    rerank_billed_units=None,
    call_type: str = "completion",
    audio_transcription_file_duration: float = 0.0,
    service_tier: Optional[str] = None,
    data_residency: Optional[str] = None,
    vertex_location: Optional[str] = None,
    response=None,
    request_model: Optional[str] = None,
    custom_model_info=None,
    bedrock_model_info=None,
) -> tuple:
    """``(prompt_cost_usd, completion_cost_usd)`` for a model and token counts (or a Usage)."""
    if usage_object is not None:
        usage = _usage_dict(usage_object)
    else:
        usage = {
            "prompt_tokens": prompt_tokens or 0,
            "completion_tokens": completion_tokens or 0,
            "cache_read_input_tokens": cache_read_input_tokens or 0,
            "cache_creation_input_tokens": cache_creation_input_tokens or 0,
        }
    query = {
        "model": model or "",
        "custom_llm_provider": custom_llm_provider,
        "routed_provider": registered_providers.get(model) if custom_llm_provider is None else None,
        "usage": usage,
        "call_type": call_type,
        "service_tier": service_tier,
        "response_time_ms": float(response_time_ms or 0.0),
        "custom_cost_per_token": dict(custom_cost_per_token) if custom_cost_per_token else None,
        "custom_cost_per_second": custom_cost_per_second,
        "prompt_characters": prompt_characters,
        "audio_seconds": audio_transcription_file_duration or None,
    }
    return _core_call(_core.cost_per_token, query)


def completion_cost(  # noqa: PLR0913 - LiteLLM's public signature
    completion_response=None,
    model: Optional[str] = None,
    prompt: str = "",
    messages: list = [],  # noqa: B006 - LiteLLM's default, never mutated
    completion: str = "",
    total_time: Optional[float] = 0.0,
    call_type: Optional[str] = None,
    custom_llm_provider: Optional[str] = None,
    region_name=None,
    size: Optional[str] = None,
    quality: Optional[str] = None,
    n: Optional[int] = None,
    custom_cost_per_token: Optional[dict] = None,
    custom_cost_per_second: Optional[float] = None,
    optional_params: Optional[dict] = None,
    custom_pricing: Optional[bool] = None,
    base_model: Optional[str] = None,
    standard_built_in_tools_params=None,
    litellm_model_name: Optional[str] = None,
    router_model_id: Optional[str] = None,
    litellm_logging_obj=None,
    pricing_provider: Optional[str] = None,
    service_tier: Optional[str] = None,
    data_residency: Optional[str] = None,
    vertex_location: Optional[str] = None,
) -> float:
    """The cost in USD of a response, or of ``model`` with prompt/messages and completion text."""
    if completion_response is not None:
        hidden = _field(completion_response, "_hidden_params") or {}
        usage = _usage_dict(_field(completion_response, "usage"))
        response_model = _field(completion_response, "model")
        provider = pricing_provider or custom_llm_provider or hidden.get("custom_llm_provider")
        tier = service_tier or (optional_params or {}).get("service_tier")
    else:
        if not model:
            raise ValueError("completion_cost: pass completion_response, or model with prompt/messages")
        from litellm.litellm_core_utils.token_counter import token_counter

        if messages:
            prompt_tokens = token_counter(model=model, messages=messages)
        else:
            prompt_tokens = token_counter(model=model, text=prompt) if prompt else 0
        completion_tokens = token_counter(model=model, text=completion) if completion else 0
        usage = {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens}
        hidden, response_model, provider, tier = {}, None, custom_llm_provider, service_tier
    query = {
        "response_model": response_model,
        "model": model,
        "hidden_model": hidden.get("model"),
        "base_model": base_model,
        "custom_llm_provider": provider,
        "usage": usage,
        "call_type": call_type or "completion",
        "service_tier": tier,
        "response_time_ms": float(total_time or 0.0),
        "custom_cost_per_token": dict(custom_cost_per_token) if custom_cost_per_token else None,
        "custom_cost_per_second": custom_cost_per_second,
    }
    return _core_call(_core.completion_cost, query)


def response_cost_calculator(
    response_object,
    model: str,
    custom_llm_provider: Optional[str],
    call_type: str,
    optional_params: dict,
    cache_hit: Optional[bool] = None,
    base_model: Optional[str] = None,
    custom_pricing: Optional[bool] = None,
    prompt: str = "",
    **kwargs,
) -> Optional[float]:
    """The logged cost of a response: 0.0 for a cache hit, None when the model is not priced."""
    if cache_hit:
        return 0.0
    try:
        return completion_cost(
            completion_response=response_object,
            model=model,
            custom_llm_provider=custom_llm_provider,
            call_type=call_type,
            optional_params=optional_params,
            base_model=base_model,
            custom_cost_per_token=kwargs.get("custom_cost_per_token"),
            custom_cost_per_second=kwargs.get("custom_cost_per_second"),
            service_tier=kwargs.get("service_tier"),
        )
    except Exception:  # noqa: BLE001 - LiteLLM logs unpriced models and carries on
        return None


def _call_pricing(request) -> dict:
    """The pricing a call's own keyword arguments ask for."""
    kwargs = request.kwargs
    custom = {k: kwargs[k] for k in _CUSTOM_TOKEN_PRICES if kwargs.get(k) is not None}
    per_second = kwargs.get("input_cost_per_second") or kwargs.get("output_cost_per_second")
    model_info = kwargs.get("model_info") or {}
    return {
        "custom_cost_per_token": custom or None,
        "custom_cost_per_second": per_second,
        "base_model": kwargs.get("base_model") or model_info.get("base_model"),
        "service_tier": request.args.get("service_tier"),
    }


def price_call(response_model, usage: Optional[dict], hidden: dict, request, response_ms=0.0):
    """``_hidden_params["response_cost"]`` for one answer: None when the model is not priced or
    the answer has no usage (LiteLLM's behaviour inside ``completion``)."""
    if not usage:
        return None
    query = _call_pricing(request)
    query.update(
        response_model=response_model,
        model=request.model,
        custom_llm_provider=hidden.get("custom_llm_provider"),
        usage=usage,
        response_time_ms=float(response_ms or 0.0),
    )
    try:
        return _core.completion_cost(query, user_table())
    except _core.CoreError:
        return None


__all__ = ["completion_cost", "cost_per_token", "response_cost_calculator"]
