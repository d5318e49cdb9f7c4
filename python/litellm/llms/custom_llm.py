"""``CustomLLM``: the base class for user-defined providers (``litellm.custom_provider_map``)."""

from __future__ import annotations


class CustomLLMError(Exception):
    def __init__(self, status_code: int, message: str):
        self.status_code = status_code
        self.message = message
        super().__init__(message)


class CustomLLM:
    """Subclass and override the calls your provider supports; the rest raise as LiteLLM's do."""

    def __init__(self) -> None:
        pass

    def _unsupported(self, name: str):
        raise CustomLLMError(status_code=500, message=f"Not implemented yet! ({name})")

    def completion(self, *args, **kwargs):
        self._unsupported("completion")

    async def acompletion(self, *args, **kwargs):
        self._unsupported("acompletion")

    def streaming(self, *args, **kwargs):
        self._unsupported("streaming")

    async def astreaming(self, *args, **kwargs):
        self._unsupported("astreaming")

    def embedding(self, *args, **kwargs):
        self._unsupported("embedding")

    async def aembedding(self, *args, **kwargs):
        self._unsupported("aembedding")

    def image_generation(self, *args, **kwargs):
        self._unsupported("image_generation")

    async def aimage_generation(self, *args, **kwargs):
        self._unsupported("aimage_generation")
