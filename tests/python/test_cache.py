"""litellm.Cache: the in-process exact-match response cache."""

from __future__ import annotations

import asyncio
import time

import pytest

import litellm
from litellm.caching.caching import Cache

MESSAGES = [{"role": "user", "content": "cache me"}]


@pytest.fixture(autouse=True)
def no_cache_after():
    yield
    litellm.cache = None


def ask(mock, **kwargs):
    kwargs.setdefault("messages", MESSAGES)
    return litellm.completion(
        model="openai/m", api_base=mock.base, api_key=kwargs.pop("api_key", "k1"), **kwargs
    )


def test_identical_requests_are_answered_from_the_cache(mock):
    litellm.cache = Cache()
    first = ask(mock)
    second = ask(mock, api_key="another-key")
    assert len(mock.requests()) == 1
    assert second.choices[0].message.content == first.choices[0].message.content
    assert second._hidden_params["cache_hit"] is True
    assert "cache_hit" not in first._hidden_params
    ask(mock, messages=[{"role": "user", "content": "something else"}])
    ask(mock, temperature=0.5)
    assert len(mock.requests()) == 3, "other messages or params miss"


def test_per_call_controls_and_ttl(mock):
    litellm.cache = Cache()
    ask(mock, cache={"no-store": True})
    ask(mock)
    assert len(mock.requests()) == 2, "no-store wrote nothing, so the second call missed"
    ask(mock, cache={"no-cache": True})
    assert len(mock.requests()) == 3, "no-cache skips the lookup"
    ask(mock, messages=[{"role": "user", "content": "short-lived"}], cache={"ttl": 0.2})
    time.sleep(0.3)
    ask(mock, messages=[{"role": "user", "content": "short-lived"}])
    assert len(mock.requests()) == 5, "the entry expired"


def test_default_off_mode_needs_caching_true(mock):
    litellm.cache = Cache(mode="default_off")
    ask(mock)
    ask(mock)
    assert len(mock.requests()) == 2
    ask(mock, caching=True)
    ask(mock, caching=True)
    assert len(mock.requests()) == 3


def test_async_calls_share_the_cache_and_streams_bypass_it(mock):
    litellm.cache = Cache()
    ask(mock)

    async def main():
        return await litellm.acompletion(model="openai/m", messages=MESSAGES, api_base=mock.base, api_key="k")

    assert asyncio.run(main())._hidden_params["cache_hit"] is True
    list(ask(mock, stream=True))
    assert len(mock.requests()) == 2


def test_unsupported_backends_say_so():
    with pytest.raises(ValueError, match="Unsupported cache type 'disk'"):
        Cache(type="disk")
    with pytest.raises(NotImplementedError, match="type='local'"):
        Cache(type="redis")


def test_cache_key_ignores_credentials():
    cache = Cache()
    a = cache.get_cache_key(model="gpt-4o", messages=MESSAGES, api_key="one")
    b = cache.get_cache_key(model="gpt-4o", messages=MESSAGES, api_key="two")
    assert a == b and len(a) == 32
    assert a != cache.get_cache_key(model="gpt-4o", messages=MESSAGES, temperature=0.1)
