"""Calls to user-defined providers registered in ``litellm.custom_provider_map``.

LiteLLM hands a ``CustomLLM`` the call as keyword arguments and expects a ModelResponse back, or,
for streams, an iterator of ``GenericStreamingChunk`` dicts; both are honoured here.
"""

from __future__ import annotations

import sys
import time
import uuid

_litellm = sys.modules["litellm"]


def handler_for(model: str, custom_llm_provider=None):
    provider = custom_llm_provider or (model.split("/", 1)[0] if "/" in model else None)
    for entry in _litellm.custom_provider_map or ():
        if entry.get("provider") == provider:
            return entry.get("custom_handler"), provider
    return None, None


def _call_kwargs(request, provider: str) -> dict:
    from litellm.types.utils import ModelResponse

    model = request.model.split("/", 1)[1] if request.model.startswith(provider + "/") else request.model
    params = {k: v for k, v in request.args.items() if v is not None and k not in ("model", "messages")}
    return {
        "model": model,
        "messages": request.messages,
        "headers": request.kwargs.get("headers") or {},
        "model_response": ModelResponse(),
        "print_verbose": print,
        "api_key": request.args.get("api_key"),
        "api_base": request.kwargs.get("api_base") or request.args.get("base_url"),
        "acompletion": False,
        "logging_obj": None,
        "optional_params": params,
        "litellm_params": dict(request.kwargs),
        "logger_fn": None,
        "timeout": request.args.get("timeout"),
        "custom_prompt_dict": {},
        "client": None,
        "encoding": None,
    }


def _chunk(generic: dict, model: str, chunk_id: str) -> dict:
    """A GenericStreamingChunk in OpenAI's chunk shape."""
    delta = {"role": "assistant", "content": generic.get("text") or None}
    if generic.get("tool_use"):
        delta["tool_calls"] = [generic["tool_use"]]
    finish = generic.get("finish_reason") if generic.get("is_finished") else None
    chunk = {
        "id": chunk_id,
        "created": int(time.time()),
        "model": model,
        "object": "chat.completion.chunk",
        "choices": [{"index": generic.get("index", 0), "delta": delta, "finish_reason": finish}],
    }
    if generic.get("usage"):
        chunk["usage"] = dict(generic["usage"])
    return chunk


def _stream(handler_stream, model: str, provider: str, request):
    from litellm.litellm_core_utils.streaming_handler import CustomStreamWrapper

    chunk_id = f"chatcmpl-{uuid.uuid4()}"
    if hasattr(handler_stream, "__aiter__"):

        async def chunks():
            async for item in handler_stream:
                yield item if not isinstance(item, dict) else _chunk(item, model, chunk_id)

        source = chunks()
    else:
        source = (
            item if not isinstance(item, dict) else _chunk(item, model, chunk_id) for item in handler_stream
        )
    return CustomStreamWrapper(
        source, model=model, custom_llm_provider=provider, stream_options=request.stream_options
    )


def complete(handler, provider: str, request):
    kwargs = _call_kwargs(request, provider)
    if request.stream:
        return _stream(handler.streaming(**kwargs), kwargs["model"], provider, request)
    return handler.completion(**kwargs)


async def acomplete(handler, provider: str, request):
    kwargs = _call_kwargs(request, provider)
    kwargs["acompletion"] = True
    if request.stream:
        return _stream(handler.astreaming(**kwargs), kwargs["model"], provider, request)
    return await handler.acompletion(**kwargs)
