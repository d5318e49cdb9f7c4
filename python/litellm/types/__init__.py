"""LiteLLM-compatible type definitions (``litellm.types.utils`` holds the response models)."""
