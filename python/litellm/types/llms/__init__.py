"""LiteLLM's ``litellm.types.llms`` import paths."""
