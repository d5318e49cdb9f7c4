"""Success and failure callbacks, and user providers through custom_provider_map."""

from __future__ import annotations

import asyncio

import pytest

import litellm
from litellm.integrations.custom_logger import CustomLogger

MESSAGES = [{"role": "user", "content": "hi"}]


@pytest.fixture(autouse=True)
def clean_callbacks():
    saved = (
        litellm.callbacks,
        litellm.success_callback,
        litellm.failure_callback,
        litellm.custom_provider_map,
    )
    litellm.callbacks, litellm.success_callback, litellm.failure_callback = [], [], []
    litellm.custom_provider_map = []
    yield
    litellm.callbacks, litellm.success_callback, litellm.failure_callback, litellm.custom_provider_map = saved


class Recorder(CustomLogger):
    def __init__(self):
        super().__init__()
        self.events = []

    def log_pre_api_call(self, model, messages, kwargs):
        self.events.append(("pre", model))

    def log_success_event(self, kwargs, response_obj, start_time, end_time):
        self.events.append(("success", kwargs, response_obj))

    def log_failure_event(self, kwargs, response_obj, start_time, end_time):
        self.events.append(("failure", kwargs, response_obj))

    async def async_log_success_event(self, kwargs, response_obj, start_time, end_time):
        self.events.append(("async_success", kwargs, response_obj))


def test_sync_success_runs_functions_and_sync_hooks(mock):
    seen = []
    recorder = Recorder()
    litellm.success_callback = [lambda kwargs, response, start, end: seen.append((kwargs, response))]
    litellm.callbacks = [recorder]
    response = litellm.completion(
        model="openai/m", messages=MESSAGES, api_base=mock.base, api_key="k", metadata={"run": 7}
    )
    kwargs, passed = seen[0]
    assert passed is response
    assert kwargs["model"] == "openai/m" and kwargs["messages"] == MESSAGES
    assert kwargs["litellm_params"]["metadata"] == {"run": 7}
    assert kwargs["standard_logging_object"]["total_tokens"] == response.usage.total_tokens
    assert kwargs["start_time"] <= kwargs["end_time"]
    assert [e[0] for e in recorder.events] == ["pre", "success"]


def test_async_calls_run_only_async_hooks(mock):
    recorder = Recorder()
    sync_calls = []
    litellm.callbacks = [recorder]
    litellm.success_callback = [lambda *a: sync_calls.append(a)]
    asyncio.run(litellm.acompletion(model="openai/m", messages=MESSAGES, api_base=mock.base, api_key="k"))
    assert [e[0] for e in recorder.events] == ["async_success"]
    assert sync_calls == []


def test_failures_reach_failure_callbacks(mock):
    recorder = Recorder()
    litellm.callbacks = [recorder]
    with pytest.raises(litellm.RateLimitError):
        litellm.completion(
            model="openai/m",
            messages=MESSAGES,
            api_base=mock.base,
            api_key="k",
            extra_headers={"x-mock-fault": "429"},
        )
    kind, kwargs, _ = recorder.events[-1]
    assert kind == "failure"
    assert isinstance(kwargs["exception"], litellm.RateLimitError)


def test_stream_success_fires_once_with_the_complete_response(mock):
    recorder = Recorder()
    litellm.callbacks = [recorder]
    chunks = list(
        litellm.completion(model="openai/m", messages=MESSAGES, api_base=mock.base, api_key="k", stream=True)
    )
    successes = [e for e in recorder.events if e[0] == "success"]
    assert len(successes) == 1
    complete = successes[0][1]["complete_streaming_response"]
    assert complete.choices[0].message.content == "".join(c.choices[0].delta.content or "" for c in chunks)


def test_a_raising_callback_never_fails_the_call(mock):
    def broken(*args):
        raise RuntimeError("callback bug")

    litellm.success_callback = [broken, "some_integration_not_bundled"]
    assert litellm.completion(model="openai/m", messages=MESSAGES, api_base=mock.base, api_key="k").choices


def test_custom_provider_map_routes_to_a_custom_llm():
    class Echo(litellm.CustomLLM):
        def completion(self, *args, **kwargs):
            return litellm.completion(model="gpt-4o", messages=kwargs["messages"], mock_response="from Echo")

        def streaming(self, *args, **kwargs):
            yield {
                "text": "par",
                "is_finished": False,
                "finish_reason": None,
                "index": 0,
                "tool_use": None,
                "usage": None,
            }
            yield {
                "text": "tial",
                "is_finished": True,
                "finish_reason": "stop",
                "index": 0,
                "tool_use": None,
                "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3},
            }

    litellm.custom_provider_map = [{"provider": "echo", "custom_handler": Echo()}]
    assert litellm.completion(model="echo/any", messages=MESSAGES).choices[0].message.content == "from Echo"
    chunks = list(litellm.completion(model="echo/any", messages=MESSAGES, stream=True))
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == "partial"
    assert chunks[-1].choices[0].finish_reason == "stop"
