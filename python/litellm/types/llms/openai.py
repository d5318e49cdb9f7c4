"""The request TypedDicts at LiteLLM's ``litellm.types.llms.openai`` path, where frameworks import them."""

from litellm.types.utils import (
    AllMessageValues,
    ChatCompletionAssistantMessage,
    ChatCompletionDeltaToolCallChunk,
    ChatCompletionDeveloperMessage,
    ChatCompletionImageUrlObject,
    ChatCompletionSystemMessage,
    ChatCompletionTextObject,
    ChatCompletionToolCallChunk,
    ChatCompletionToolCallFunctionChunk,
    ChatCompletionToolMessage,
    ChatCompletionToolParam,
    ChatCompletionToolParamFunctionChunk,
    ChatCompletionUserMessage,
    OpenAIMessageContent,
)

__all__ = [
    "AllMessageValues",
    "ChatCompletionAssistantMessage",
    "ChatCompletionDeltaToolCallChunk",
    "ChatCompletionDeveloperMessage",
    "ChatCompletionImageUrlObject",
    "ChatCompletionSystemMessage",
    "ChatCompletionTextObject",
    "ChatCompletionToolCallChunk",
    "ChatCompletionToolCallFunctionChunk",
    "ChatCompletionToolMessage",
    "ChatCompletionToolParam",
    "ChatCompletionToolParamFunctionChunk",
    "ChatCompletionUserMessage",
    "OpenAIMessageContent",
]
