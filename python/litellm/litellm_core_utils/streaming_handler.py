"""``CustomStreamWrapper``: what ``completion(stream=True)`` returns.

One object serves ``for`` and ``async for``. Chunks arrive from the Rust core already normalised
to OpenAI's ``chat.completion.chunk`` shape (or from the mock engine); this wrapper only turns
them into ``ModelResponseStream`` objects and keeps LiteLLM's bookkeeping attributes.
"""

from __future__ import annotations

import json
from typing import Any, Optional

from litellm import _async_bridge, _core
from litellm._request import core_error_info
from litellm.types.utils import ModelResponseStream


class _IterableSource:
    """Adapts a plain iterable of chunks (objects or dicts) to the source protocol."""

    def __init__(self, iterable):
        self._sync = iter(iterable) if hasattr(iterable, "__iter__") else None
        self._async = iterable.__aiter__() if self._sync is None and hasattr(iterable, "__aiter__") else None
        self.hidden = {}

    def next(self):
        if self._sync is None:
            raise TypeError("this stream can only be consumed with `async for`")
        return next(self._sync, None)

    async def anext(self):
        if self._async is None:
            return self.next()
        try:
            return await self._async.__anext__()
        except StopAsyncIteration:
            return None

    def close(self):
        close = getattr(self._sync, "close", None)
        if close is not None:
            close()


class CustomStreamWrapper:
    def __init__(
        self,
        completion_stream: Any = None,
        model: Optional[str] = None,
        logging_obj: Any = None,
        custom_llm_provider: Optional[str] = None,
        stream_options: Optional[dict] = None,
        make_call: Any = None,
        _response_headers: Optional[dict] = None,
    ):
        self.completion_stream = completion_stream
        self._source = (
            completion_stream
            if hasattr(completion_stream, "next")
            else _IterableSource(completion_stream or ())
        )
        self.model = model
        self.logging_obj = logging_obj
        self.custom_llm_provider = custom_llm_provider
        self.stream_options = stream_options
        self.make_call = make_call
        self._response_headers = _response_headers
        self.sent_first_chunk = False
        self.response_uptil_now = ""
        self.chunks: list = []
        self._hidden_params: dict = {
            "custom_llm_provider": custom_llm_provider,
            "model_id": None,
            "response_cost": None,
            "additional_headers": {},
        }
        self._include_usage = bool(stream_options and stream_options.get("include_usage"))
        self._closed = False
        self._request = None

    @classmethod
    def _from_core(cls, source, request) -> CustomStreamWrapper:
        hidden = source.hidden
        hidden = json.loads(hidden) if isinstance(hidden, str) else dict(hidden)
        wrapper = cls(
            source,
            model=hidden.get("litellm_model_name") or request.model,
            custom_llm_provider=hidden.get("custom_llm_provider"),
            stream_options=request.stream_options,
        )
        hidden["model_id"] = hidden.get("model_id")
        wrapper._hidden_params = hidden
        wrapper._request = request
        return wrapper

    def _notify_when_done(self, request, started, is_async: bool = False):
        """Success callbacks fire once, when the stream is exhausted, with the rebuilt response."""
        self._callback_context = (request, started, is_async)

    # ---- the two iteration protocols ----
    def __iter__(self):
        return self

    def __next__(self):
        while not self._closed:
            try:
                raw = self._source.next()
            except Exception as error:  # noqa: BLE001 - every failure is mapped, then re-raised
                self._raise_mapped(error)
            if raw is None:
                self._closed = True
                self._after_last_chunk()
                break
            chunk = self._emit(raw)
            if chunk is not None:
                return chunk
        raise StopIteration

    def __aiter__(self):
        return self

    async def __anext__(self):
        while not self._closed:
            try:
                raw = await self._next_async()
            except Exception as error:  # noqa: BLE001 - every failure is mapped, then re-raised
                self._raise_mapped(error)
            if raw is None:
                self._closed = True
                await self._after_last_chunk_async()
                break
            chunk = self._emit(raw)
            if chunk is not None:
                return chunk
        raise StopAsyncIteration

    def _next_async(self):
        if isinstance(self._source, _core.ChunkStream):
            return _async_bridge.next_chunk(self._source)
        return self._source.anext()

    # ---- closing ----
    def close(self):
        """Stops the stream and the HTTP read behind it; safe to call more than once."""
        if not self._closed:
            self._closed = True
            self._source.close()

    async def aclose(self):
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        source = self.__dict__.get("_source")
        if source is not None and not self.__dict__.get("_closed", True):
            source.close()

    # ---- callbacks ----
    def _complete_response(self):
        from litellm.main import stream_chunk_builder

        return stream_chunk_builder(self.chunks) if self.chunks else None

    def _after_last_chunk(self):
        context = self.__dict__.pop("_callback_context", None)
        if context is not None:
            from litellm import _callbacks

            _callbacks.fire(context[0], response=self._complete_response(), started=context[1])

    async def _after_last_chunk_async(self):
        context = self.__dict__.pop("_callback_context", None)
        if context is not None:
            from litellm import _callbacks

            await _callbacks.afire(context[0], response=self._complete_response(), started=context[1])

    def _failed(self, error: Exception):
        # Failure hooks of an async stream are async and cannot be awaited from here; LiteLLM
        # schedules them on its logging worker, which Ferrolite does not have yet.
        context = self.__dict__.pop("_callback_context", None)
        if context is not None and not context[2]:
            from litellm import _callbacks

            _callbacks.fire(context[0], error=error, started=context[1])

    # ---- chunk handling ----
    def _emit(self, raw):
        """The chunk to hand out for one raw item, or None when there is nothing to hand out."""
        if isinstance(raw, ModelResponseStream):
            chunk = raw
        else:
            data = json.loads(raw) if isinstance(raw, (str, bytes)) else dict(raw)
            if not self._include_usage:
                # Without include_usage LiteLLM's chunks carry no usage at all, even when the
                # provider sends it; keep it for the rebuilt response instead.
                usage = data.pop("usage", None)
                if usage:
                    self._hidden_params["_stream_usage"] = usage
            if data.get("choices") == [] and not self._include_usage:
                return None  # a usage-only chunk nobody asked for
            if data.get("usage") and self._request is not None:
                self._price(data)
            chunk = ModelResponseStream._from_core(data, dict(self._hidden_params))
        for choice in chunk.choices:
            delta = getattr(choice, "delta", None)
            content = getattr(delta, "content", None) if delta is not None else None
            if content:
                self.response_uptil_now += content
        self.sent_first_chunk = True
        self.chunks.append(chunk)
        return chunk

    def _price(self, data: dict):
        """The usage chunk carries the call's cost, in ``usage.cost`` and ``_hidden_params``,
        as LiteLLM's does; the wrapper keeps it for the chunks read afterwards."""
        from litellm.cost_calculator import price_call

        cost = price_call(data.get("model"), data["usage"], self._hidden_params, self._request)
        self._hidden_params["response_cost"] = cost
        if cost is not None:
            data["usage"]["cost"] = cost

    def _raise_mapped(self, error: Exception):
        """Maps a failure to LiteLLM's class. After the stream started, a retriable failure is
        wrapped in MidStreamFallbackError (what LiteLLM's Router falls back on); a
        non-retriable 4xx is raised as itself."""
        from litellm.exceptions import MidStreamFallbackError, _from_core

        self._closed = True
        if isinstance(error, _core.CoreError):
            error = _from_core(core_error_info(error))
        self._failed(error)
        if isinstance(error, MidStreamFallbackError):
            raise error
        status = getattr(error, "status_code", None)
        if not isinstance(status, int) or (400 <= status < 500 and status not in (408, 429)):
            raise error
        raise MidStreamFallbackError(
            message=str(error),
            model=self.model,
            llm_provider=self.custom_llm_provider or "",
            original_exception=error,
            generated_content=self.response_uptil_now,
            is_pre_first_chunk=not self.sent_first_chunk,
        ) from error
