"""LiteLLM's ``litellm.caching`` import paths."""

from litellm.caching.caching import Cache, LiteLLMCacheType

__all__ = ["Cache", "LiteLLMCacheType"]
