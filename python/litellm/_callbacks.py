"""Success and failure callbacks: ``litellm.callbacks``, ``success_callback``, ``failure_callback``.

What fires matches LiteLLM 1.109.1: a sync call runs plain functions and the sync hooks of
``CustomLogger`` objects; an async call runs only async functions and async hooks. A callback
that raises is logged and ignored, never allowed to fail the call. Integrations named by string
("langfuse", "otel", ...) are not bundled yet and are skipped with a one-time warning.
"""

from __future__ import annotations

import datetime
import inspect
import sys
import traceback

from litellm._logging import verbose_logger

_litellm = sys.modules["litellm"]
_warned_names: set = set()


def active(failure: bool = False) -> bool:
    """Cheap check on the hot path: is there anything to call?"""
    lm = _litellm
    if failure:
        return bool(lm.callbacks or lm.failure_callback or lm._async_failure_callback)
    return bool(lm.callbacks or lm.success_callback or lm._async_success_callback)


def _targets(failure: bool) -> list:
    lm = _litellm
    lists = (
        (lm.callbacks, lm.failure_callback, lm._async_failure_callback)
        if failure
        else (lm.callbacks, lm.success_callback, lm._async_success_callback)
    )
    seen, out = set(), []
    for items in lists:
        for item in items or ():
            if id(item) not in seen:
                seen.add(id(item))
                out.append(item)
    return out


def _skip_string(name: str):
    if name not in _warned_names:
        _warned_names.add(name)
        verbose_logger.warning("litellm callback %r is not available in this Ferrolite build; skipped", name)


def build_kwargs(request, response=None, error=None, started=None, ended=None, call_type="completion"):
    """The ``kwargs`` dict LiteLLM hands to callbacks, with the keys integrations read."""
    hidden = getattr(response, "_hidden_params", None) or {}
    usage = getattr(response, "usage", None)
    metadata = request.kwargs.get("metadata") or {}
    params = {k: v for k, v in request.args.items() if v is not None and k not in ("model", "messages")}
    provider = hidden.get("custom_llm_provider") or request.kwargs.get("custom_llm_provider")
    logging_object = {
        "id": hidden.get("litellm_call_id") or getattr(response, "id", None),
        "call_type": call_type,
        "model": request.model,
        "custom_llm_provider": provider,
        "api_base": hidden.get("api_base"),
        "response_cost": hidden.get("response_cost"),
        "prompt_tokens": getattr(usage, "prompt_tokens", 0) or 0,
        "completion_tokens": getattr(usage, "completion_tokens", 0) or 0,
        "total_tokens": getattr(usage, "total_tokens", 0) or 0,
        "metadata": metadata,
        "messages": request.messages,
        "response": response.model_dump() if hasattr(response, "model_dump") else None,
        "status": "failure" if error is not None else "success",
        "error_str": str(error) if error is not None else None,
        "startTime": started.timestamp() if started else None,
        "endTime": ended.timestamp() if ended else None,
        "cache_hit": bool(hidden.get("cache_hit")),
    }
    kwargs = {
        "model": request.model,
        "messages": request.messages,
        "input": request.messages,
        "optional_params": params,
        "litellm_params": {
            "metadata": metadata,
            "api_base": hidden.get("api_base"),
            "custom_llm_provider": provider,
            "litellm_call_id": hidden.get("litellm_call_id"),
        },
        "litellm_call_id": hidden.get("litellm_call_id"),
        "custom_llm_provider": provider,
        "api_base": hidden.get("api_base"),
        "call_type": call_type,
        "stream": request.stream,
        "stream_options": request.stream_options,
        "user": request.args.get("user"),
        "start_time": started,
        "end_time": ended,
        "cache_hit": bool(hidden.get("cache_hit")),
        "response_cost": hidden.get("response_cost"),
        "standard_logging_object": logging_object,
    }
    if error is not None:
        kwargs["exception"] = error
        kwargs["traceback_exception"] = "".join(
            traceback.format_exception(type(error), error, error.__traceback__)
        )
    if request.stream and response is not None:
        kwargs["complete_streaming_response"] = response
    return kwargs


def _report(callback, error: Exception):
    verbose_logger.exception("litellm callback %r raised %s; ignored", callback, error)


def _hook_args(kwargs, response, started, ended):
    return {"kwargs": kwargs, "response_obj": response, "start_time": started, "end_time": ended}


def _invocations(request, response, error, started, ended, is_async: bool):
    """(callback, function, args, kwargs) for every callback this outcome runs: the sync hooks and
    plain functions after a sync call, the async ones after an async call, as in LiteLLM."""
    failure = error is not None
    ended = ended or datetime.datetime.now()
    kwargs = build_kwargs(
        request, response, error, started, ended, call_type="acompletion" if is_async else "completion"
    )
    hook = ("async_log_" if is_async else "log_") + ("failure_event" if failure else "success_event")
    for callback in _targets(failure):
        if isinstance(callback, str):
            _skip_string(callback)
        elif hasattr(callback, hook):
            yield callback, getattr(callback, hook), (), _hook_args(kwargs, response, started, ended)
        elif callable(callback) and inspect.iscoroutinefunction(callback) == is_async:
            yield callback, callback, (kwargs, response, started, ended), {}


def fire(request, response=None, error=None, started=None, ended=None):
    """Runs the sync callbacks for a finished sync call (or stream)."""
    for callback, function, args, kwargs in _invocations(request, response, error, started, ended, False):
        try:
            function(*args, **kwargs)
        except Exception as raised:  # noqa: BLE001 - a callback never fails the call
            _report(callback, raised)


async def afire(request, response=None, error=None, started=None, ended=None):
    """Runs the async callbacks for a finished async call (or stream)."""
    for callback, function, args, kwargs in _invocations(request, response, error, started, ended, True):
        try:
            await function(*args, **kwargs)
        except Exception as raised:  # noqa: BLE001 - a callback never fails the call
            _report(callback, raised)


def pre_call(request):
    for callback in _targets(False):
        if hasattr(callback, "log_pre_api_call"):
            try:
                callback.log_pre_api_call(
                    model=request.model, messages=request.messages, kwargs=request.kwargs
                )
            except Exception as raised:  # noqa: BLE001 - a callback never fails the call
                _report(callback, raised)
