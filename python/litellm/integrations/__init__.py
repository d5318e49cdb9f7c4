"""LiteLLM's ``litellm.integrations`` import paths."""
