"""LiteLLM's ``litellm_core_utils`` import paths, kept for code that imports from them."""
