"""``litellm.Cache``: LiteLLM's response cache. Set ``litellm.cache = Cache()`` and identical
completion requests are answered from memory.

The store and the key live in the Rust core: a key hashes the model, messages and parameters
(not credentials or headers). Per call, ``cache={"no-cache": True}`` skips the lookup,
``"no-store"`` skips the write, ``"ttl"`` sets the entry's lifetime and ``"namespace"`` prefixes the
key; in ``mode="default_off"`` only calls passing ``caching=True`` use it. Streams are not cached.
"""

from __future__ import annotations

import enum
from typing import Optional

from litellm import _core


class LiteLLMCacheType(str, enum.Enum):
    LOCAL = "local"
    REDIS = "redis"
    REDIS_SEMANTIC = "redis-semantic"
    S3 = "s3"
    DISK = "disk"
    QDRANT_SEMANTIC = "qdrant-semantic"
    GCS = "gcs"
    AZURE_BLOB = "azure-blob"


class CacheMode(str, enum.Enum):
    default_on = "default_on"
    default_off = "default_off"


DEFAULT_CALL_TYPES = [
    "completion",
    "acompletion",
    "embedding",
    "aembedding",
    "text_completion",
    "atext_completion",
    "transcription",
    "atranscription",
    "rerank",
    "arerank",
    "responses",
    "aresponses",
]


class Cache:
    def __init__(
        self,
        type: str = "local",
        mode: str = "default_on",
        host: Optional[str] = None,
        port: Optional[str] = None,
        password: Optional[str] = None,
        namespace: Optional[str] = None,
        ttl: Optional[float] = None,
        default_in_memory_ttl: Optional[float] = None,
        supported_call_types: Optional[list] = None,
        max_entries: int = 10_000,
        **kwargs,
    ):
        kind = getattr(type, "value", type)
        if kind == "disk":
            raise ValueError("Unsupported cache type 'disk'")  # as LiteLLM 1.109.1
        if kind != "local":
            raise NotImplementedError(
                f"litellm.Cache(type={kind!r}) is not available in this Ferrolite build yet; use type='local'"
            )
        self.type = kind
        self.mode = getattr(mode, "value", mode)
        self.namespace = namespace
        self.ttl = ttl
        self.supported_call_types = list(supported_call_types or DEFAULT_CALL_TYPES)
        self.cache = _core.ResponseCache(max_entries=max_entries, ttl=default_in_memory_ttl or ttl)

    # ---- what the call path uses ----
    def _controls(self, kwargs: dict) -> Optional[dict]:
        """This call's cache controls, or None when the cache does not apply to it."""
        controls = kwargs.get("cache") or {}
        if kwargs.get("caching") is False and self.mode == "default_off":
            return None
        if self.mode == "default_off" and not (kwargs.get("caching") or controls.get("use-cache")):
            return None
        return controls

    def _key(self, payload: str, controls: dict) -> str:
        namespace = controls.get("namespace") or self.namespace
        key = _core.cache_key(payload)
        return f"{namespace}:{key}" if namespace else key

    def _lookup(self, key: str, controls: dict) -> Optional[str]:
        if controls.get("no-cache"):
            return None
        return self.cache.get(key)

    def _store(self, key: str, value: str, controls: dict):
        if not controls.get("no-store"):
            self.cache.set(key, value, controls.get("ttl") or controls.get("s-maxage"))

    # ---- LiteLLM's public methods ----
    def get_cache_key(self, **kwargs) -> str:
        from litellm._request import build_payload
        from litellm.main import split_completion_arguments

        args, rest = split_completion_arguments(kwargs)
        return self._key(build_payload(args, rest).payload, {})

    def add_cache(self, result, **kwargs):
        value = result.model_dump_json() if hasattr(result, "model_dump_json") else str(result)
        self.cache.set(self.get_cache_key(**kwargs), value, kwargs.get("ttl"))

    def get_cache(self, **kwargs):
        return self.cache.get(self.get_cache_key(**kwargs))

    def flush_cache(self):
        self.cache.clear()
