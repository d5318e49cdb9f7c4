"""``completion`` and ``acompletion``: LiteLLM's signatures, Ferrolite's engine.

Each entry point gathers its arguments into one request, hands it to the Rust core as JSON and
wraps what comes back in LiteLLM's response classes. Settings on the ``litellm`` module are read
here, at call time, as LiteLLM reads them.
"""

from __future__ import annotations

import datetime
import inspect
import json
import sys
import uuid
from typing import Any, Optional, Union

from litellm import _async_bridge, _callbacks, _core, _custom_llm, _lifecycle, _shadow  # noqa: F401 - _lifecycle registers hooks
from litellm._request import build_payload, raise_core_error, resolve_model
from litellm.cost_calculator import price_call
from litellm.litellm_core_utils.streaming_handler import CustomStreamWrapper
from litellm.types.utils import ModelResponse

_litellm = sys.modules["litellm"]
_shadow.check()


def _hidden(core_hidden: dict, response_ms: float) -> dict:
    core_hidden["litellm_call_id"] = str(uuid.uuid4())
    core_hidden["_response_ms"] = response_ms
    return core_hidden


def _wrap_response(raw: str, request, cache_hit: bool = False) -> ModelResponse:
    out = json.loads(raw)
    hidden = _hidden(out["hidden"], out["response_ms"])
    data = out["response"]
    if cache_hit:
        hidden["cache_hit"] = True
        hidden["response_cost"] = 0.0
    else:
        hidden["response_cost"] = price_call(data.get("model"), data.get("usage"), hidden, request)
    response = ModelResponse._from_core(data, hidden)
    response._response_ms = out["response_ms"]
    return response


def _cache_for(request):
    """The cache, key and controls for this call, or None when no cache applies."""
    cache = _litellm.cache
    if cache is None or request.stream or request.payload is None:
        return None
    controls = cache._controls(request.kwargs)
    if controls is None:
        return None
    return cache, cache._key(request.payload, controls), controls


def _from_cache(request):
    """(cache slot, cached response): the slot is None when no cache applies, the response None on a miss."""
    cached = _cache_for(request)
    if cached is None:
        return None, None
    hit = cached[0]._lookup(cached[1], cached[2])
    return cached, (None if hit is None else _wrap_response(hit, request, cache_hit=True))


def _remember(cached, raw: str, request) -> ModelResponse:
    """Stores a fresh answer in the cache slot (if any) and wraps it."""
    if cached is not None:
        cached[0]._store(cached[1], raw, cached[2])
    return _wrap_response(raw, request)


def split_completion_arguments(kwargs: dict):
    """Splits keyword arguments into completion()'s named parameters and the rest."""
    named = _COMPLETION_PARAMETERS
    args = {name: kwargs.get(name, default) for name, default in named.items()}
    return args, {k: v for k, v in kwargs.items() if k not in named}


def _call(request):
    """One sync call, without callbacks: mock, user provider, or the Rust core."""
    if request.mock is not None:
        from litellm._mock import mock_completion_from_request

        return mock_completion_from_request(request)
    handler, provider = _custom_llm.handler_for(request.model, request.kwargs.get("custom_llm_provider"))
    if handler is not None:
        return _custom_llm.complete(handler, provider, request)
    cached, hit = _from_cache(request)
    if hit is not None:
        return hit
    try:
        if request.stream:
            return CustomStreamWrapper._from_core(_core.stream(request.payload), request)
        raw = _core.completion(request.payload)
    except _core.CoreError as error:
        raise_core_error(error)
    return _remember(cached, raw, request)


async def _acall(request):
    if request.mock is not None:
        from litellm._mock import amock_completion_from_request

        return await amock_completion_from_request(request)
    handler, provider = _custom_llm.handler_for(request.model, request.kwargs.get("custom_llm_provider"))
    if handler is not None:
        return await _custom_llm.acomplete(handler, provider, request)
    cached, hit = _from_cache(request)
    if hit is not None:
        return hit
    try:
        if request.stream:
            return CustomStreamWrapper._from_core(await _async_bridge.stream(request.payload), request)
        raw = await _async_bridge.completion(request.payload)
    except _core.CoreError as error:
        raise_core_error(error)
    return _remember(cached, raw, request)


def _run(args: dict, kwargs: dict):
    """The sync engine shared by ``completion`` and ``completion_with_retries``."""
    request = build_payload(args, kwargs)
    if not (_callbacks.active() or _callbacks.active(failure=True)):
        return _call(request)
    started = datetime.datetime.now()
    _callbacks.pre_call(request)
    try:
        result = _call(request)
    except Exception as error:
        _callbacks.fire(request, error=error, started=started)
        raise
    if isinstance(result, CustomStreamWrapper):
        result._notify_when_done(request, started)
    else:
        _callbacks.fire(request, response=result, started=started)
    return result


async def _arun(args: dict, kwargs: dict):
    request = build_payload(args, kwargs)
    if not (_callbacks.active() or _callbacks.active(failure=True)):
        return await _acall(request)
    started = datetime.datetime.now()
    try:
        result = await _acall(request)
    except Exception as error:
        await _callbacks.afire(request, error=error, started=started)
        raise
    if isinstance(result, CustomStreamWrapper):
        result._notify_when_done(request, started, is_async=True)
    else:
        await _callbacks.afire(request, response=result, started=started)
    return result


def completion(  # noqa: PLR0913 - LiteLLM's public signature, positional order included
    model: str,
    messages: list = [],  # noqa: B006 - LiteLLM's default, never mutated
    timeout: Optional[Union[float, str, Any]] = None,
    temperature: Optional[float] = None,
    top_p: Optional[float] = None,
    n: Optional[int] = None,
    stream: Optional[bool] = None,
    stream_options: Optional[dict] = None,
    stop=None,
    max_completion_tokens: Optional[int] = None,
    max_tokens: Optional[int] = None,
    modalities: Optional[list] = None,
    prediction: Optional[dict] = None,
    audio: Optional[dict] = None,
    presence_penalty: Optional[float] = None,
    frequency_penalty: Optional[float] = None,
    logit_bias: Optional[dict] = None,
    user: Optional[str] = None,
    reasoning_effort: Optional[str] = None,
    verbosity: Optional[str] = None,
    response_format: Optional[Union[dict, type]] = None,
    seed: Optional[int] = None,
    tools: Optional[list] = None,
    tool_choice: Optional[Union[str, dict]] = None,
    logprobs: Optional[bool] = None,
    top_logprobs: Optional[int] = None,
    parallel_tool_calls: Optional[bool] = None,
    web_search_options: Optional[dict] = None,
    include_server_side_tool_invocations: Optional[bool] = None,
    deployment_id=None,
    extra_headers: Optional[dict] = None,
    safety_identifier: Optional[str] = None,
    service_tier: Optional[str] = None,
    store: Optional[bool] = None,
    prompt_cache_key: Optional[str] = None,
    prompt_cache_retention: Optional[str] = None,
    functions: Optional[list] = None,
    function_call: Optional[str] = None,
    base_url: Optional[str] = None,
    api_version: Optional[str] = None,
    api_key: Optional[str] = None,
    model_list: Optional[list] = None,
    thinking: Optional[dict] = None,
    shared_session=None,
    enable_json_schema_validation: Optional[bool] = None,
    **kwargs,
):
    """Chat completion against any supported provider (LiteLLM 1.109.1 signature)."""
    args = locals()
    del args["kwargs"]
    return _run(args, kwargs)


async def acompletion(  # noqa: PLR0913 - LiteLLM's public signature; its order differs from completion's
    model: str,
    messages: list = [],  # noqa: B006 - LiteLLM's default, never mutated
    functions: Optional[list] = None,
    function_call: Optional[str] = None,
    timeout: Optional[Union[float, int, Any]] = None,
    temperature: Optional[float] = None,
    top_p: Optional[float] = None,
    n: Optional[int] = None,
    stream: Optional[bool] = None,
    stream_options: Optional[dict] = None,
    stop=None,
    max_tokens: Optional[int] = None,
    max_completion_tokens: Optional[int] = None,
    modalities: Optional[list] = None,
    prediction: Optional[dict] = None,
    audio: Optional[dict] = None,
    presence_penalty: Optional[float] = None,
    frequency_penalty: Optional[float] = None,
    logit_bias: Optional[dict] = None,
    user: Optional[str] = None,
    response_format: Optional[Union[dict, type]] = None,
    seed: Optional[int] = None,
    tools: Optional[list] = None,
    tool_choice: Optional[Union[str, dict]] = None,
    parallel_tool_calls: Optional[bool] = None,
    logprobs: Optional[bool] = None,
    top_logprobs: Optional[int] = None,
    deployment_id=None,
    reasoning_effort: Optional[str] = None,
    verbosity: Optional[str] = None,
    safety_identifier: Optional[str] = None,
    service_tier: Optional[str] = None,
    store: Optional[bool] = None,
    prompt_cache_key: Optional[str] = None,
    prompt_cache_retention: Optional[str] = None,
    base_url: Optional[str] = None,
    api_version: Optional[str] = None,
    api_key: Optional[str] = None,
    model_list: Optional[list] = None,
    extra_headers: Optional[dict] = None,
    thinking: Optional[dict] = None,
    web_search_options: Optional[dict] = None,
    include_server_side_tool_invocations: Optional[bool] = None,
    shared_session=None,
    enable_json_schema_validation: Optional[bool] = None,
    **kwargs,
):
    """Async chat completion; awaiting it gives a ModelResponse or, with stream=True, a
    CustomStreamWrapper to ``async for`` over."""
    args = locals()
    del args["kwargs"]
    return await _arun(args, kwargs)


_COMPLETION_PARAMETERS = {
    name: p.default for name, p in inspect.signature(completion).parameters.items() if name != "kwargs"
}


def completion_with_retries(*args, **kwargs):
    """Calls ``litellm.completion`` with ``num_retries`` (default 3) retries. Looked up through the
    module so patches of ``litellm.completion`` apply, as in LiteLLM."""
    kwargs.setdefault("num_retries", kwargs.pop("num_retries", None) or 3)
    kwargs.pop("retry_strategy", None)
    return _litellm.completion(*args, **kwargs)


async def acompletion_with_retries(*args, **kwargs):
    kwargs.setdefault("num_retries", kwargs.pop("num_retries", None) or 3)
    kwargs.pop("retry_strategy", None)
    return await _litellm.acompletion(*args, **kwargs)


def mock_completion(
    model: str,
    messages: list,
    stream: bool = False,
    n=None,
    mock_response="This is a mock request",
    mock_tool_calls=None,
    **kwargs,
):
    """LiteLLM's ``mock_completion``: ``completion`` with a canned answer."""
    return _litellm.completion(
        model=model,
        messages=messages,
        stream=stream,
        n=n,
        mock_response=mock_response,
        mock_tool_calls=mock_tool_calls,
        **kwargs,
    )


def stream_chunk_builder(
    chunks: list,
    messages: Optional[list] = None,
    start_time=None,
    end_time=None,
    logging_obj=None,
    count_prompt_tokens=None,
):
    """Rebuilds one ModelResponse from streamed chunks (objects or dicts); ``[]`` gives None."""
    if chunks is None:
        from litellm.exceptions import APIError

        raise APIError(
            status_code=500, message="stream_chunk_builder: chunks is None", llm_provider="", model=None
        )
    if not chunks:
        return None
    dicts = [c if isinstance(c, dict) else c.model_dump() for c in chunks]
    rebuilt = _core.stream_chunk_builder(json.dumps(dicts, default=str))
    if rebuilt is None:
        return None
    first = chunks[0]
    hidden = dict(getattr(first, "_hidden_params", None) or {})
    data = json.loads(rebuilt)
    usage = data.get("usage") or hidden.pop("_stream_usage", None)
    if not usage:
        usage = _counted_usage(data, messages)
    data["usage"] = usage
    hidden["response_cost"] = _rebuilt_cost(data, hidden)
    return ModelResponse._from_core(data, hidden)


def _counted_usage(data: dict, messages) -> dict:
    """LiteLLM's estimate when the provider streamed no usage: the prompt counted from the
    messages, the completion from the rebuilt text and tool calls."""
    from litellm.litellm_core_utils.token_counter import token_counter

    model = data.get("model") or ""
    prompt = token_counter(model=model, messages=messages) if messages else 0
    message = (data.get("choices") or [{}])[0].get("message") or {}
    text = message.get("content") or ""
    for call in message.get("tool_calls") or ():
        function = call.get("function") or {}
        text += (function.get("name") or "") + (function.get("arguments") or "")
    completion = token_counter(model=model, text=text, count_response_tokens=True) if text else 0
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def _rebuilt_cost(data: dict, hidden: dict):
    if hidden.get("cache_hit"):
        return 0.0
    from litellm.cost_calculator import completion_cost

    try:
        return completion_cost(completion_response={**data, "_hidden_params": hidden})
    except Exception:  # noqa: BLE001 - an unpriced model leaves the cost unknown, as in LiteLLM
        return None


__all__ = [
    "acompletion",
    "completion",
    "completion_with_retries",
    "mock_completion",
    "resolve_model",
    "stream_chunk_builder",
]
