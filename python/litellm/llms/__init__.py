"""LiteLLM's ``litellm.llms`` import paths, kept for code that imports from them."""
