"""``get_supported_openai_params`` at LiteLLM's deep import path (CrewAI imports it here)."""

from litellm.utils import get_supported_openai_params

__all__ = ["get_supported_openai_params"]
