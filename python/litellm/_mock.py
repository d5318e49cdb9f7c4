"""``mock_response`` and friends: LiteLLM's canned answers, which downstream test suites lean on.

Semantics follow LiteLLM 1.109.1: a string becomes the answer (streamed in 3-character chunks,
usage 10 prompt / 20 completion tokens), a dict or ModelResponse is returned as given, an
exception is raised (wrapped in MockException unless it is already an API error), and a few
magic strings raise the matching LiteLLM error.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid

from litellm._request import Request, resolve_model
from litellm.cost_calculator import price_call

DEFAULT_TEXT = "This is a mock request"
_MAGIC_ERRORS = {
    "litellm.RateLimitError": ("RateLimitError", "this is a mock rate limit error"),
    "litellm.ContextWindowExceededError": (
        "ContextWindowExceededError",
        "this is a mock context window exceeded error",
    ),
    "litellm.InternalServerError": ("InternalServerError", "this is a mock internal server error"),
}


def _token_counts(prompt_tokens):
    prompt = (
        prompt_tokens
        if prompt_tokens is not None
        else int(os.environ.get("DEFAULT_MOCK_RESPONSE_PROMPT_TOKEN_COUNT", 10))
    )
    completion = int(os.environ.get("DEFAULT_MOCK_RESPONSE_COMPLETION_TOKEN_COUNT", 20))
    return prompt, completion


def _raise_for(mock, model: str, provider: str):
    """Raises what an exception or magic-string mock stands for; returns for a plain answer."""
    if not isinstance(mock, BaseException) and not _names_an_error(mock):
        return  # a plain answer: importing the exception classes (and openai) is not needed
    from litellm import exceptions

    if isinstance(mock, BaseException):
        if isinstance(mock, exceptions.APIError) or _is_openai_api_error(mock):
            raise mock
        # LiteLLM wraps it in a MockException and maps that like a provider failure, so a plain
        # error surfaces as the class its status names (500: InternalServerError).
        raise _mapped_failure(
            getattr(mock, "llm_provider", provider or "openai"),
            model,
            getattr(mock, "status_code", 500),
            getattr(mock, "text", str(mock)),
        )
    if not isinstance(mock, str):
        return
    if mock in _MAGIC_ERRORS:
        name, message = _MAGIC_ERRORS[mock]
        raise getattr(exceptions, name)(message=message, llm_provider=provider or "openai", model=model)
    if mock.startswith("Exception: content_filter_policy"):
        raise _mapped_failure("azure", model, 400, mock)


def _mapped_failure(provider: str, model: str, status: int, text: str) -> Exception:
    import json

    from litellm import _core
    from litellm.exceptions import _from_core

    return _from_core(json.loads(_core.map_http_error(provider, model, int(status), text)))


def _names_an_error(mock) -> bool:
    return isinstance(mock, str) and (
        mock in _MAGIC_ERRORS or mock.startswith("Exception: content_filter_policy")
    )


def _is_openai_api_error(error) -> bool:
    import sys

    openai = sys.modules.get("openai")
    return openai is not None and isinstance(error, getattr(openai, "APIError", ()))


def _streaming_error(model: str):
    from litellm.exceptions import MockException

    return MockException(
        message="This is a mock error raised mid-stream",
        llm_provider="anthropic",
        model=model,
        status_code=529,
    )


def _answer(request: Request, model: str, provider: str, text: str, mock_tool_calls, prompt_tokens):
    from litellm.types.utils import ModelResponse

    n = request.args.get("n")
    message = {"role": "assistant", "content": text}
    choices = [{"index": i, "finish_reason": "stop", "message": dict(message)} for i in range(n or 1)]
    if mock_tool_calls:
        choices[0]["message"]["tool_calls"] = list(mock_tool_calls)
    prompt, completion = _token_counts(prompt_tokens)
    data = {
        "id": f"chatcmpl-{uuid.uuid4()}",
        "created": int(time.time()),
        "model": model,
        "object": "chat.completion",
        "system_fingerprint": None,
        "choices": choices,
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        },
    }
    hidden = _hidden(provider, request)
    hidden["response_cost"] = price_call(model, data["usage"], hidden, request)
    return ModelResponse._from_core(data, hidden)


def _hidden(provider: str, request: Request) -> dict:
    return {
        "custom_llm_provider": provider,
        "api_base": request.mock.get("api_base"),
        "model_id": None,
        "response_cost": None,
        "additional_headers": {},
        "litellm_call_id": str(uuid.uuid4()),
    }


def _chunks(request: Request, model: str, text, prompt_tokens):
    """The chunk dicts of a streamed string mock; raises mid-stream for the streaming-error mock."""
    if isinstance(text, BaseException):
        raise text
    n = request.args.get("n")
    base = {
        "id": f"chatcmpl-{uuid.uuid4()}",
        "created": int(time.time()),
        "model": model,
        "object": "chat.completion.chunk",
        "system_fingerprint": None,
    }
    for start in range(0, len(text), 3):
        piece = text[start : start + 3]
        choices = [
            {"index": i, "delta": {"role": "assistant", "content": piece}, "finish_reason": None}
            for i in range(n or 1)
        ]
        yield {**base, "choices": choices}
    yield {**base, "choices": [{"index": i, "delta": {}, "finish_reason": "stop"} for i in range(n or 1)]}
    options = request.stream_options or {}
    if options.get("include_usage") or prompt_tokens is not None:
        prompt, completion = _token_counts(prompt_tokens)
        yield {
            **base,
            "choices": [],
            "usage": {
                "prompt_tokens": prompt,
                "completion_tokens": completion,
                "total_tokens": prompt + completion,
            },
        }


def _prepare(request: Request):
    """What every mock path shares: provider resolution (which fails for unknown models, as in
    LiteLLM) and the checks that raise before any answer."""
    mock = request.mock
    model, provider, _, _ = resolve_model(
        request.model, mock.get("custom_llm_provider"), mock.get("api_base")
    )
    response = mock.get("mock_response")
    if response is None:
        response = DEFAULT_TEXT
    _raise_for(response, model, provider)
    if isinstance(response, str) and response.startswith("Exception: mock_streaming_error"):
        response = _streaming_error(model)
    return model, provider, response


def _finish(request: Request, model: str, provider: str, response):
    from litellm.litellm_core_utils.streaming_handler import CustomStreamWrapper
    from litellm.types.utils import ModelResponse

    mock = request.mock
    if isinstance(response, dict):
        return ModelResponse(**response)
    if isinstance(response, ModelResponse) and not request.stream:
        return response
    if request.stream:
        if isinstance(response, ModelResponse):
            response = response.choices[0].message.content or ""
        source = _chunks(request, model, response, mock.get("prompt_tokens"))
        wrapper = CustomStreamWrapper(
            source, model=model, custom_llm_provider="openai", stream_options=request.stream_options
        )
        wrapper._hidden_params = _hidden(provider, request)
        wrapper._request = request
        return wrapper
    if isinstance(response, BaseException):
        raise response
    return _answer(request, model, provider, response, mock.get("mock_tool_calls"), mock.get("prompt_tokens"))


def _timeout_error(model: str):
    from litellm.exceptions import Timeout

    return Timeout(message="This is a mock timeout error", model=model, llm_provider="openai")


def mock_completion_from_request(request: Request):
    mock = request.mock
    if mock.get("mock_timeout") is True and mock.get("timeout") is not None:
        time.sleep(mock["timeout"])
        raise _timeout_error(request.model)
    model, provider, response = _prepare(request)
    if mock.get("mock_delay"):
        time.sleep(float(mock["mock_delay"]))
    return _finish(request, model, provider, response)


async def amock_completion_from_request(request: Request):
    mock = request.mock
    if mock.get("mock_timeout") is True and mock.get("timeout") is not None:
        await asyncio.sleep(mock["timeout"])
        raise _timeout_error(request.model)
    model, provider, response = _prepare(request)
    if mock.get("mock_delay"):
        await asyncio.sleep(float(mock["mock_delay"]))
    return _finish(request, model, provider, response)
