"""Response objects and request TypedDicts with LiteLLM 1.109.1's runtime behaviour.

These are plain pydantic v2 models (no openai, no httpx imports) that reproduce what LiteLLM's
classes do at runtime: attribute *and* item access, optional fields that are deleted rather than
set to None, ``usage`` living in ``model_extra``, ``json()`` returning a dict, and so on.

Each response class has two construction paths:

* the normal constructor, which follows LiteLLM's ``__init__`` logic and lets pydantic validate;
* ``_fast(data)`` / ``_from_core(data, hidden_params)``, used by the shim on dicts produced by the
  Rust core. They fill the instance state directly (no validation) and produce objects whose
  ``__dict__``, ``model_extra``, ``model_fields_set`` and private attributes are identical to the
  validated path. Any input outside the common shape is handed to the normal constructor, so
  the fast path never has to reimplement a rare rule.
"""

import json
import logging
import math
import time
import uuid
from enum import Enum
from typing import Any, Dict, Iterable, List, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator
from typing_extensions import Literal, Required, TypedDict

_logger = logging.getLogger("LiteLLM")

# BaseModel's slot descriptors: calling them directly is the cheapest way to fill an instance.
_new = object.__new__
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def generate_id() -> str:
    return "chatcmpl-" + str(uuid.uuid4())


_generate_id = generate_id


def _assemble(cls, values: dict, fields_set: set, extra: dict, private: Optional[dict] = None):
    """Build a model instance from finished state, the way pydantic's own constructors leave it."""
    obj = _new(cls)
    _set_dict(obj, values)
    _set_fields_set(obj, fields_set)
    _set_extra(obj, extra)
    _set_private(obj, private)
    return obj


def _put_extra(model: BaseModel, name: str, value) -> None:
    """Assign an undeclared attribute the way current pydantic does, on every pydantic version.

    Recent pydantic releases also record assigned extras in ``model_fields_set``; older ones do not.
    """
    model.__pydantic_extra__[name] = value
    model.__pydantic_fields_set__.add(name)


# Provider finish reasons normalised to OpenAI's vocabulary; anything unknown becomes "stop".
_FINISH_REASONS = {
    "stop": "stop",
    "length": "length",
    "tool_calls": "tool_calls",
    "function_call": "function_call",
    "content_filter": "content_filter",
    "error": "stop",
    # Anthropic
    "stop_sequence": "stop",
    "end_turn": "stop",
    "max_tokens": "length",
    "tool_use": "tool_calls",
    "refusal": "content_filter",
    "compaction": "length",
    "pause_turn": "length",
    "model_context_window_exceeded": "length",
    "content_filtered": "content_filter",
    # Cohere
    "COMPLETE": "stop",
    "STOP_SEQUENCE": "stop",
    "TOOL_CALL": "tool_calls",
    "ERROR_TOXIC": "content_filter",
    "ERROR": "stop",
    # HuggingFace / Together AI
    "eos_token": "stop",
    "eos": "stop",
    # Gemini / Vertex AI
    "STOP": "stop",
    "MAX_TOKENS": "length",
    "CONTINUATION": "length",
    "SAFETY": "content_filter",
    "RECITATION": "content_filter",
    "FINISH_REASON_UNSPECIFIED": "stop",
    "MALFORMED_FUNCTION_CALL": "stop",
    "LANGUAGE": "content_filter",
    "OTHER": "content_filter",
    "BLOCKLIST": "content_filter",
    "PROHIBITED_CONTENT": "content_filter",
    "SPII": "content_filter",
    "IMAGE_SAFETY": "content_filter",
    "IMAGE_PROHIBITED_CONTENT": "content_filter",
    "TOO_MANY_TOOL_CALLS": "stop",
    "MALFORMED_RESPONSE": "stop",
    "NO_IMAGE": "content_filter",
    "IMAGE_RECITATION": "content_filter",
    "IMAGE_OTHER": "content_filter",
    "ESCALATION": "content_filter",
    "UNEXPECTED_TOOL_CALL": "stop",
    "MISSING_THOUGHT_SIGNATURE": "stop",
    # Zhipu GLM
    "network_error": "stop",
    "sensitive": "content_filter",
    # Bedrock
    "guardrail_intervened": "content_filter",
}


def map_finish_reason(finish_reason: str) -> str:
    mapped = _FINISH_REASONS.get(finish_reason)
    if mapped is None:
        _logger.warning("Unmapped finish_reason '%s', defaulting to 'stop'", finish_reason)
        return "stop"
    return mapped


# ---------------------------------------------------------------------------------------------
# Request-side TypedDicts (what frameworks import from ``litellm`` for type hints)
# ---------------------------------------------------------------------------------------------


class ChatCompletionCachedContent(TypedDict, total=False):
    type: Required[Literal["ephemeral"]]
    ttl: Literal["5m", "1h"]


class OpenAIChatCompletionTextObject(TypedDict):
    type: Literal["text"]
    text: str


class ChatCompletionTextObject(OpenAIChatCompletionTextObject, total=False):
    cache_control: ChatCompletionCachedContent


class ChatCompletionImageUrlObject(TypedDict, total=False):
    url: Required[str]
    detail: str
    format: str
    video_metadata: Dict[str, Any]


class ChatCompletionImageObject(TypedDict):
    type: Literal["image_url"]
    image_url: Union[str, ChatCompletionImageUrlObject]


class ChatCompletionVideoUrlObject(TypedDict, total=False):
    url: Required[str]
    detail: str


class ChatCompletionVideoObject(TypedDict):
    type: Literal["video_url"]
    video_url: Union[str, ChatCompletionVideoUrlObject]


class ChatCompletionInputAudio(TypedDict):
    data: str
    format: str


class ChatCompletionAudioObject(TypedDict, total=False):
    type: Required[Literal["input_audio"]]
    input_audio: Required[ChatCompletionInputAudio]
    cache_control: ChatCompletionCachedContent


class DocumentObject(TypedDict):
    type: Literal["text"]
    media_type: str
    data: str


class CitationsObject(TypedDict):
    enabled: bool


class ChatCompletionDocumentObject(TypedDict):
    type: Literal["document"]
    source: DocumentObject
    title: str
    context: str
    citations: Optional[CitationsObject]


class ChatCompletionFileObjectFile(TypedDict, total=False):
    file_data: str
    file_id: str
    filename: str
    format: str
    detail: str
    video_metadata: Dict[str, Any]


class ChatCompletionFileObject(TypedDict):
    type: Literal["file"]
    file: ChatCompletionFileObjectFile


OpenAIMessageContentListBlock = Union[
    ChatCompletionTextObject,
    ChatCompletionImageObject,
    ChatCompletionAudioObject,
    ChatCompletionDocumentObject,
    ChatCompletionVideoObject,
    ChatCompletionFileObject,
]
OpenAIMessageContent = Union[str, Iterable[OpenAIMessageContentListBlock]]


class ChatCompletionThinkingBlock(TypedDict, total=False):
    type: Required[Literal["thinking"]]
    thinking: str
    signature: Optional[str]
    cache_control: Optional[Union[dict, ChatCompletionCachedContent]]
    index: int


class ChatCompletionRedactedThinkingBlock(TypedDict, total=False):
    type: Required[Literal["redacted_thinking"]]
    data: str
    cache_control: Optional[Union[dict, ChatCompletionCachedContent]]
    index: int


class ChatCompletionReasoningSummaryTextBlock(TypedDict, total=False):
    type: Required[Literal["summary_text"]]
    text: str


class ChatCompletionReasoningItem(TypedDict, total=False):
    type: Required[Literal["reasoning"]]
    id: str
    encrypted_content: Optional[str]
    summary: List[ChatCompletionReasoningSummaryTextBlock]


class ChatCompletionAnnotationURLCitation(TypedDict, total=False):
    end_index: int
    start_index: int
    title: str
    url: str


class ChatCompletionAnnotation(TypedDict, total=False):
    type: Literal["url_citation"]
    url_citation: ChatCompletionAnnotationURLCitation


class ImageURLObject(TypedDict, total=False):
    url: Required[str]
    detail: Optional[str]


class ImageURLListItem(TypedDict):
    image_url: ImageURLObject
    index: int
    type: Literal["image_url"]


class ChatCompletionToolCallFunctionChunk(TypedDict, total=False):
    name: Optional[str]
    arguments: str
    provider_specific_fields: Optional[Dict[str, Any]]


class ChatCompletionAssistantToolCall(TypedDict):
    id: Optional[str]
    type: Literal["function"]
    function: ChatCompletionToolCallFunctionChunk


class ChatCompletionToolCallChunk(TypedDict):
    id: Optional[str]
    type: Literal["function"]
    function: ChatCompletionToolCallFunctionChunk
    index: int


class ChatCompletionDeltaToolCallChunk(TypedDict, total=False):
    id: str
    type: Literal["function"]
    function: ChatCompletionToolCallFunctionChunk
    index: int


class ChatCompletionUsageBlock(TypedDict, total=False):
    prompt_tokens: Required[int]
    completion_tokens: Required[int]
    total_tokens: Required[int]
    prompt_tokens_details: Optional[dict]
    completion_tokens_details: Optional[dict]


class ChatCompletionUserMessage(TypedDict, total=False):
    role: Required[Literal["user"]]
    content: Required[OpenAIMessageContent]
    cache_control: ChatCompletionCachedContent


class ChatCompletionAssistantMessage(TypedDict, total=False):
    role: Required[Literal["assistant"]]
    content: Optional[Union[str, Iterable[Union[ChatCompletionTextObject, ChatCompletionThinkingBlock]]]]
    name: Optional[str]
    tool_calls: Optional[List[ChatCompletionAssistantToolCall]]
    function_call: Optional[ChatCompletionToolCallFunctionChunk]
    reasoning_content: Optional[str]
    cache_control: ChatCompletionCachedContent
    thinking_blocks: Optional[List[Union[ChatCompletionThinkingBlock, ChatCompletionRedactedThinkingBlock]]]
    reasoning_items: Optional[List[ChatCompletionReasoningItem]]


class ChatCompletionToolMessage(TypedDict):
    role: Literal["tool"]
    content: Union[str, Iterable[ChatCompletionTextObject]]
    tool_call_id: str


class ChatCompletionFunctionMessage(TypedDict):
    role: Literal["function"]
    content: Optional[Union[str, Iterable[ChatCompletionTextObject]]]
    name: str
    tool_call_id: Optional[str]


class ChatCompletionSystemMessage(TypedDict, total=False):
    role: Required[Literal["system"]]
    content: Required[Union[str, list]]
    name: str
    cache_control: ChatCompletionCachedContent


class ChatCompletionDeveloperMessage(TypedDict, total=False):
    role: Required[Literal["developer"]]
    content: Required[Union[str, list]]
    name: str
    cache_control: ChatCompletionCachedContent


AllMessageValues = Union[
    ChatCompletionUserMessage,
    ChatCompletionAssistantMessage,
    ChatCompletionToolMessage,
    ChatCompletionSystemMessage,
    ChatCompletionFunctionMessage,
    ChatCompletionDeveloperMessage,
]


class ChatCompletionToolParamFunctionChunk(TypedDict, total=False):
    name: Required[str]
    description: str
    parameters: dict
    strict: bool
    eager_input_streaming: bool


class ChatCompletionToolParam(TypedDict, total=False):
    type: Required[Union[Literal["function"], str]]
    function: Required[ChatCompletionToolParamFunctionChunk]
    cache_control: ChatCompletionCachedContent
    allowed_callers: List[str]
    eager_input_streaming: bool
    defer_loading: bool


class GenericStreamingChunk(TypedDict, total=False):
    text: Required[str]
    tool_use: Optional[ChatCompletionToolCallChunk]
    is_finished: Required[bool]
    finish_reason: Required[str]
    usage: Required[Optional[ChatCompletionUsageBlock]]
    index: int
    provider_specific_fields: Optional[Dict[str, Any]]


class CostPerToken(TypedDict, total=False):
    input_cost_per_token: Required[float]
    output_cost_per_token: Required[float]
    cache_read_input_token_cost: float
    cache_creation_input_token_cost: float


# ---------------------------------------------------------------------------------------------
# Base classes
# ---------------------------------------------------------------------------------------------


class _OpenAIObject(BaseModel):
    """Stand-in for ``openai._models.BaseModel``, which LiteLLM's response types derive from."""

    # extra="allow" is load-bearing: LiteLLM keeps usage, deltas and provider fields as extras.
    model_config = ConfigDict(extra="allow", protected_namespaces=(), defer_build=True)

    def to_dict(
        self,
        *,
        mode: Literal["json", "python"] = "python",
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> Dict[str, object]:
        return self.model_dump(
            mode=mode,
            by_alias=use_api_names,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            warnings=warnings,
        )

    def to_json(
        self,
        *,
        indent: Optional[int] = 2,
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> str:
        return self.model_dump_json(
            indent=indent,
            by_alias=use_api_names,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            warnings=warnings,
        )

    def __str__(self) -> str:
        # openai's models print as ``Name(field=value, ...)``; pydantic's default omits the name
        return f"{self.__repr_name__()}({self.__repr_str__(', ')})"


class _ItemAccess:
    __slots__ = ()

    def get(self, key, default=None):
        return getattr(self, key, default)

    def __getitem__(self, key):
        return getattr(self, key)

    def __setitem__(self, key, value) -> None:
        setattr(self, key, value)


class _Membership:
    # Kept apart from _ItemAccess: LiteLLM's Message and token-detail models lack __contains__,
    # so ``key in obj`` falls back to pydantic's (key, value) iteration there and is always False.
    __slots__ = ()

    def __contains__(self, key) -> bool:
        return hasattr(self, key)


class _TolerantDelete:
    """Deleting an attribute that is already gone is a no-op, as in LiteLLM's SafeAttributeModel."""

    __slots__ = ()

    def __delattr__(self, name: str) -> None:
        try:
            super().__delattr__(name)
        except AttributeError:
            pass


# ---------------------------------------------------------------------------------------------
# Functions and tool calls
# ---------------------------------------------------------------------------------------------


class FunctionCall(_OpenAIObject):
    arguments: str
    name: Optional[str] = None


class Function(_ItemAccess, _Membership, _OpenAIObject):
    arguments: str
    name: Optional[str]

    def __init__(
        self, arguments: Union[dict, str, None] = None, name: Optional[str] = None, **params
    ) -> None:
        if arguments is None:
            parameters = params.get("parameters")
            arguments = json.dumps(parameters) if isinstance(parameters, dict) else ""
        elif isinstance(arguments, dict):
            arguments = json.dumps(arguments)
        # LiteLLM drops every other key (e.g. a nested provider_specific_fields) on purpose
        super().__init__(arguments=arguments, name=name)

    @classmethod
    def _fast(cls, data: dict) -> "Function":
        arguments = data.get("arguments")
        name = data.get("name")
        if type(arguments) is not str or not (name is None or type(name) is str):
            return cls(**data)
        return _assemble(cls, {"arguments": arguments, "name": name}, {"arguments", "name"}, {})


def _is_custom_tool_call(tool_call: dict) -> bool:
    return tool_call.get("type") == "custom" or tool_call.get("custom") is not None


class ChatCompletionDeltaToolCall(_ItemAccess, _Membership, _OpenAIObject):
    id: Optional[str] = None
    function: Function
    type: Optional[str] = None
    index: int

    @classmethod
    def _fast(cls, data: dict) -> "ChatCompletionDeltaToolCall":
        function = data.get("function")
        tc_id = data.get("id")
        tc_type = data.get("type")
        index = data.get("index")
        if (
            type(index) is not int
            or not (tc_id is None or type(tc_id) is str)
            or not (tc_type is None or type(tc_type) is str)
        ):
            return cls(**data)
        if type(function) is dict:
            function = Function._fast(function)
        elif not isinstance(function, Function):
            return cls(**data)
        values = {"id": tc_id, "function": function, "type": tc_type, "index": index}
        extra = {k: v for k, v in data.items() if k not in values}
        return _assemble(cls, values, set(data), extra)


class ChatCompletionCustomToolCallPayload(_ItemAccess, _Membership, _OpenAIObject):
    name: str
    input: str


class ChatCompletionDeltaCustomToolCallPayload(_ItemAccess, _Membership, _OpenAIObject):
    name: Optional[str] = None
    input: Optional[str] = None


class ChatCompletionMessageCustomToolCall(_ItemAccess, _Membership, _OpenAIObject):
    id: str
    type: Literal["custom"] = "custom"
    custom: ChatCompletionCustomToolCallPayload


class ChatCompletionDeltaCustomToolCall(_ItemAccess, _Membership, _OpenAIObject):
    id: Optional[str] = None
    type: Optional[str] = None
    custom: ChatCompletionDeltaCustomToolCallPayload
    index: int


class ChatCompletionMessageToolCall(_ItemAccess, _Membership, _OpenAIObject):
    # No declared fields: function, id and type are extras, exactly as LiteLLM stores them.
    def __init__(
        self,
        function: Union[dict, Function],
        id: Optional[str] = None,
        type: Optional[str] = None,
        **params,
    ) -> None:
        super().__init__(**params)
        _put_extra(self, "function", Function(**function) if isinstance(function, dict) else function)
        _put_extra(self, "id", id if id is not None else str(uuid.uuid4()))
        _put_extra(self, "type", type if type is not None else "function")

    @classmethod
    def _fast(cls, data: dict) -> "ChatCompletionMessageToolCall":
        function = data.get("function")
        if type(function) is not dict:
            return cls(**data)
        extra = {k: v for k, v in data.items() if k not in ("function", "id", "type")}
        tc_id = data.get("id")
        tc_type = data.get("type")
        extra["function"] = Function._fast(function)
        extra["id"] = tc_id if tc_id is not None else str(uuid.uuid4())
        extra["type"] = tc_type if tc_type is not None else "function"
        return _assemble(cls, {}, set(extra), extra)


# The ``fast`` flags below pick the unvalidated builders (``_fast``) or the validating constructors;
# constructors always pass False so the two paths stay independent and can be tested against each other.


def _message_tool_call(
    tool_call: dict, fast: bool
) -> Union[ChatCompletionMessageToolCall, ChatCompletionMessageCustomToolCall]:
    if _is_custom_tool_call(tool_call):
        kept = {k: v for k, v in tool_call.items() if not (k in ("function", "type") and v is None)}
        return ChatCompletionMessageCustomToolCall(**kept)
    if fast:
        return ChatCompletionMessageToolCall._fast(tool_call)
    return ChatCompletionMessageToolCall(**tool_call)


def _delta_tool_calls(tool_calls: Iterable, fast: bool) -> list:
    """Coerce streamed tool-call dicts; missing indexes are numbered in order, missing type is 'function'."""
    coerced = []
    next_index = 0
    for tool_call in tool_calls:
        if isinstance(tool_call, dict):
            # LiteLLM writes the defaults into the caller's dict; a copy keeps the input untouched
            if tool_call.get("index") is None:
                tool_call = {**tool_call, "index": next_index}
                next_index += 1
            if _is_custom_tool_call(tool_call):
                kept = {k: v for k, v in tool_call.items() if not (k == "function" and v is None)}
                coerced.append(ChatCompletionDeltaCustomToolCall(**kept))
                continue
            if tool_call.get("type") is None:
                tool_call = {**tool_call, "type": "function"}
            if fast:
                coerced.append(ChatCompletionDeltaToolCall._fast(tool_call))
            else:
                coerced.append(ChatCompletionDeltaToolCall(**tool_call))
        elif isinstance(tool_call, (ChatCompletionDeltaToolCall, ChatCompletionDeltaCustomToolCall)):
            coerced.append(tool_call)
    return coerced


class ChatCompletionAudioResponse(_ItemAccess, _Membership, _OpenAIObject):
    id: str
    data: str
    expires_at: int
    transcript: str

    def __init__(
        self, data: str, expires_at: int, transcript: str, id: Optional[str] = None, **params
    ) -> None:
        super().__init__(
            data=data,
            expires_at=expires_at,
            transcript=transcript,
            id=id if id is not None else str(uuid.uuid4()),
            **params,
        )


# ---------------------------------------------------------------------------------------------
# Log probabilities
# ---------------------------------------------------------------------------------------------


class TopLogprob(_OpenAIObject):
    token: str
    bytes: Optional[List[int]] = None
    logprob: float


class ChatCompletionTokenLogprob(_Membership, _OpenAIObject):
    token: str
    bytes: Optional[List[int]] = None
    logprob: float
    top_logprobs: List[TopLogprob] = Field(default_factory=list)

    @field_validator("top_logprobs", mode="before")
    @classmethod
    def _null_top_logprobs_is_empty(cls, value):
        # some OpenAI-compatible servers send null where the spec says []
        return [] if value is None else value

    def get(self, key, default=None):
        return getattr(self, key, default)

    def __getitem__(self, key):
        return getattr(self, key)


class ChoiceLogprobs(_Membership, _OpenAIObject):
    content: Optional[List[ChatCompletionTokenLogprob]] = None
    refusal: Optional[List[ChatCompletionTokenLogprob]] = None

    def get(self, key, default=None):
        return getattr(self, key, default)

    def __getitem__(self, key):
        return getattr(self, key)


def _coerce_logprobs(value):
    """dicts (and foreign models) become ChoiceLogprobs when they fit, else stay raw JSON."""
    if isinstance(value, ChoiceLogprobs) or not isinstance(value, (dict, BaseModel)):
        return value
    if isinstance(value, BaseModel):
        value = value.model_dump(exclude_unset=True)
    try:
        return ChoiceLogprobs.model_validate(value)
    except ValidationError:
        return value


# ---------------------------------------------------------------------------------------------
# Message / Delta
# ---------------------------------------------------------------------------------------------

_MESSAGE_ROLES = frozenset(("assistant", "user", "system", "tool", "function"))
_MESSAGE_PARAMS = frozenset(
    (
        "content",
        "role",
        "function_call",
        "tool_calls",
        "audio",
        "images",
        "provider_specific_fields",
        "reasoning_content",
        "thinking_blocks",
        "reasoning_items",
        "annotations",
    )
)
# Optional fields LiteLLM removes from the instance (not just sets to None) when they are absent.
_MESSAGE_DROPPED_WHEN_NONE = (
    "audio",
    "images",
    "annotations",
    "reasoning_content",
    "thinking_blocks",
    "reasoning_items",
)


class Message(_ItemAccess, _TolerantDelete, _OpenAIObject):
    content: Optional[str]
    role: Literal["assistant", "user", "system", "tool", "function"]
    refusal: Optional[str] = None
    tool_calls: Optional[List[Union[ChatCompletionMessageToolCall, ChatCompletionMessageCustomToolCall]]]
    function_call: Optional[FunctionCall]
    audio: Optional[ChatCompletionAudioResponse] = None
    images: Optional[List[ImageURLListItem]] = None
    reasoning_content: Optional[str] = None
    thinking_blocks: Optional[
        List[Union[ChatCompletionThinkingBlock, ChatCompletionRedactedThinkingBlock]]
    ] = None
    reasoning_items: Optional[List[ChatCompletionReasoningItem]] = None
    provider_specific_fields: Optional[Dict[str, Any]] = None
    annotations: Optional[List[ChatCompletionAnnotation]] = None

    def __init__(
        self,
        content: Optional[str] = None,
        role: str = "assistant",
        function_call=None,
        tool_calls: Optional[list] = None,
        audio: Optional[ChatCompletionAudioResponse] = None,
        images: Optional[list] = None,
        provider_specific_fields: Optional[Dict[str, Any]] = None,
        reasoning_content: Optional[str] = None,
        thinking_blocks: Optional[list] = None,
        reasoning_items: Optional[list] = None,
        annotations: Optional[list] = None,
        **params,
    ) -> None:
        if isinstance(function_call, dict):
            function_call = FunctionCall(**function_call)
        if tool_calls:
            tool_calls = [_message_tool_call(tc, False) if isinstance(tc, dict) else tc for tc in tool_calls]
        else:
            tool_calls = None  # an empty list is reported as None
        values: Dict[str, Any] = {
            "content": content,
            "role": role or "assistant",
            "function_call": function_call,
            "tool_calls": tool_calls,
        }
        optional = {
            "audio": audio,
            "images": images,
            "thinking_blocks": thinking_blocks,
            "reasoning_items": reasoning_items,
            "annotations": annotations,
            "reasoning_content": reasoning_content,
        }
        values.update((k, v) for k, v in optional.items() if v is not None)
        super().__init__(**values, **params)
        state = self.__dict__
        for name in _MESSAGE_DROPPED_WHEN_NONE:
            if optional[name] is None:
                state.pop(name, None)
        # refusal survives only when the caller passed it, even as None
        if "refusal" not in params:
            state.pop("refusal", None)
        if provider_specific_fields:
            self.provider_specific_fields = provider_specific_fields

    @classmethod
    def _fast(cls, data: dict) -> "Message":
        content = data.get("content")
        role = data.get("role") or "assistant"
        refusal = data.get("refusal")
        reasoning = data.get("reasoning_content")
        annotations = data.get("annotations")
        psf = data.get("provider_specific_fields")
        tool_calls = data.get("tool_calls")
        function_call = data.get("function_call")
        if (
            not (content is None or type(content) is str)
            or role not in _MESSAGE_ROLES
            or not (refusal is None or type(refusal) is str)
            or not (reasoning is None or type(reasoning) is str)
            or not (psf is None or type(psf) is dict)
            or not (tool_calls is None or type(tool_calls) is list)
            or not (function_call is None or type(function_call) is dict)
            or annotations  # non-empty annotations need TypedDict validation
            or data.get("audio") is not None
            or data.get("images") is not None
            or data.get("thinking_blocks") is not None
            or data.get("reasoning_items") is not None
        ):
            return cls(**data)
        if annotations is not None and type(annotations) is not list:
            return cls(**data)

        values: Dict[str, Any] = {"content": content, "role": role}
        fields_set = {"content", "role", "tool_calls", "function_call"}
        if "refusal" in data:
            values["refusal"] = refusal
            fields_set.add("refusal")
        values["tool_calls"] = [_message_tool_call(tc, True) for tc in tool_calls] if tool_calls else None
        values["function_call"] = FunctionCall(**function_call) if function_call is not None else None
        if reasoning is not None:
            values["reasoning_content"] = reasoning
            fields_set.add("reasoning_content")
        values["provider_specific_fields"] = psf or None
        if psf:
            fields_set.add("provider_specific_fields")
        if annotations is not None:
            values["annotations"] = []
            fields_set.add("annotations")

        extra = {k: v for k, v in data.items() if k not in _MESSAGE_PARAMS and k != "refusal"}
        fields_set.update(extra)
        return _assemble(cls, values, fields_set, extra)

    def json(self, **kwargs):
        return self.model_dump()


_DELTA_PARAMS = frozenset(
    (
        "content",
        "role",
        "function_call",
        "tool_calls",
        "audio",
        "images",
        "reasoning_content",
        "thinking_blocks",
        "reasoning_items",
        "annotations",
    )
)
# Always recorded in model_fields_set; all but images/annotations are always stored (None included),
# which is why a Delta's model_dump lists content, role, function_call, tool_calls and audio.
_DELTA_ALWAYS = ("content", "role", "function_call", "tool_calls", "audio", "images", "annotations")


class Delta(_ItemAccess, _Membership, _TolerantDelete, _OpenAIObject):
    # content, role, function_call, tool_calls and audio are extras, not fields (as in LiteLLM)
    reasoning_content: Optional[str] = None
    thinking_blocks: Optional[
        List[Union[ChatCompletionThinkingBlock, ChatCompletionRedactedThinkingBlock]]
    ] = None
    reasoning_items: Optional[List[ChatCompletionReasoningItem]] = None
    provider_specific_fields: Optional[Dict[str, Any]] = None

    def __init__(
        self,
        content=None,
        role=None,
        function_call=None,
        tool_calls=None,
        audio: Optional[ChatCompletionAudioResponse] = None,
        images: Optional[list] = None,
        reasoning_content: Optional[str] = None,
        thinking_blocks: Optional[list] = None,
        reasoning_items: Optional[list] = None,
        annotations: Optional[list] = None,
        **params,
    ) -> None:
        # Cerebras/Groq send ``reasoning``; it must not survive as an extra
        if reasoning_content is None and "reasoning" in params:
            reasoning_content = params.pop("reasoning")
        super().__init__(**params)
        psf = params.get("provider_specific_fields")
        if psf:
            self.provider_specific_fields = psf
        self._fill(
            self.__dict__,
            self.__pydantic_fields_set__,
            self.__pydantic_extra__,
            content,
            role,
            function_call,
            tool_calls,
            audio,
            images,
            annotations,
            reasoning_content,
            thinking_blocks,
            reasoning_items,
            False,
        )

    @staticmethod
    def _fill(
        values: dict,
        fields_set: set,
        extra: dict,
        content,
        role,
        function_call,
        tool_calls,
        audio,
        images,
        annotations,
        reasoning_content,
        thinking_blocks,
        reasoning_items,
        fast: bool,
    ) -> None:
        if isinstance(function_call, dict):
            function_call = FunctionCall(**function_call)
        if isinstance(tool_calls, (list, tuple)):
            tool_calls = _delta_tool_calls(tool_calls, fast)
        fields_set.update(_DELTA_ALWAYS)
        extra["content"] = content
        extra["role"] = role
        extra["function_call"] = function_call
        extra["tool_calls"] = tool_calls
        extra["audio"] = audio
        if images:
            extra["images"] = images
        if annotations is not None:
            extra["annotations"] = annotations
        # declared fields: assigned when given, otherwise removed from the instance
        for name, value in (
            ("reasoning_content", reasoning_content),
            ("thinking_blocks", thinking_blocks),
            ("reasoning_items", reasoning_items),
        ):
            if value is None:
                del values[name]
            else:
                values[name] = value
                fields_set.add(name)

    @classmethod
    def _fast(cls, data: dict) -> "Delta":
        psf = data.get("provider_specific_fields")
        if not (psf is None or type(psf) is dict):
            return cls(**data)
        reasoning = data.get("reasoning_content")
        extra = {k: v for k, v in data.items() if k not in _DELTA_PARAMS}
        if reasoning is None and "reasoning" in extra:
            reasoning = extra.pop("reasoning")
        fields_set = set(extra)
        values = {
            "reasoning_content": None,
            "thinking_blocks": None,
            "reasoning_items": None,
            "provider_specific_fields": extra.pop("provider_specific_fields", None),
        }
        get = data.get
        cls._fill(
            values,
            fields_set,
            extra,
            get("content"),
            get("role"),
            get("function_call"),
            get("tool_calls"),
            get("audio"),
            get("images"),
            get("annotations"),
            reasoning,
            get("thinking_blocks"),
            get("reasoning_items"),
            True,
        )
        return _assemble(cls, values, fields_set, extra)


# ---------------------------------------------------------------------------------------------
# Choices
# ---------------------------------------------------------------------------------------------

_CHOICES_PARAMS = frozenset(
    ("finish_reason", "index", "message", "logprobs", "enhancements", "provider_specific_fields")
)


def _choice_finish_reason(finish_reason, provider_specific_fields):
    """Normalised finish reason, keeping the provider's own value when it had to be mapped."""
    if finish_reason is None:
        return "stop", provider_specific_fields
    mapped = map_finish_reason(finish_reason)
    if mapped != finish_reason:
        provider_specific_fields = dict(provider_specific_fields) if provider_specific_fields else {}
        provider_specific_fields["native_finish_reason"] = finish_reason
    return mapped, provider_specific_fields


class Choices(_ItemAccess, _Membership, _TolerantDelete, _OpenAIObject):
    finish_reason: Literal[
        "stop",
        "content_filter",
        "function_call",
        "tool_calls",
        "length",
        "guardrail_intervened",
        "eos",
        "finish_reason_unspecified",
        "malformed_function_call",
    ]
    index: int
    message: Message
    logprobs: Optional[Union[ChoiceLogprobs, Any]] = None
    provider_specific_fields: Optional[Dict[str, Any]] = None

    def __init__(
        self,
        finish_reason=None,
        index=0,
        message: Union[Message, dict, None] = None,
        logprobs=None,
        enhancements=None,
        provider_specific_fields: Optional[Dict[str, Any]] = None,
        **params,
    ) -> None:
        params["finish_reason"], provider_specific_fields = _choice_finish_reason(
            finish_reason, provider_specific_fields
        )
        params["index"] = 0 if index is None else index
        if message is None:
            params["message"] = Message()
        elif isinstance(message, dict):
            params["message"] = Message(**message)
        elif isinstance(message, BaseModel) and not isinstance(message, Message):
            params["message"] = Message(**message.model_dump())
        elif isinstance(message, Message):
            params["message"] = message
        params["logprobs"] = _coerce_logprobs(logprobs) if isinstance(logprobs, dict) else logprobs
        super().__init__(**params)
        if enhancements is not None:
            _put_extra(self, "enhancements", enhancements)
        self.provider_specific_fields = provider_specific_fields
        if self.logprobs is None:
            del self.logprobs
        if provider_specific_fields is None:
            del self.provider_specific_fields

    @classmethod
    def _fast(cls, data: dict) -> "Choices":
        index = data.get("index", 0)
        message = data.get("message")
        logprobs = data.get("logprobs")
        if index is None:
            index = 0
        if type(index) is not int or not (message is None or type(message) is dict):
            return cls(**data)
        finish_reason, psf = _choice_finish_reason(
            data.get("finish_reason"), data.get("provider_specific_fields")
        )
        values = {
            "finish_reason": finish_reason,
            "index": index,
            "message": Message._fast(message) if message is not None else Message(),
        }
        if logprobs is not None:
            values["logprobs"] = _coerce_logprobs(logprobs) if type(logprobs) is dict else logprobs
        if psf is not None:
            values["provider_specific_fields"] = psf
        extra = {k: v for k, v in data.items() if k not in _CHOICES_PARAMS}
        enhancements = data.get("enhancements")
        if enhancements is not None:
            extra["enhancements"] = enhancements
        fields_set = {"finish_reason", "index", "message", "logprobs", "provider_specific_fields"}
        fields_set.update(extra)
        return _assemble(cls, values, fields_set, extra)


_STREAMING_CHOICES_PARAMS = frozenset(
    ("finish_reason", "index", "delta", "logprobs", "enhancements", "message")
)


class StreamingChoices(_ItemAccess, _Membership, _OpenAIObject):
    # Every attribute is an extra (LiteLLM declares none), so all of them are always dumped.
    def __init__(
        self, finish_reason=None, index=0, delta=None, logprobs=None, enhancements=None, **params
    ) -> None:
        # Perplexity sends both delta and message; keeping message duplicates text downstream
        params.pop("message", None)
        super().__init__(**params)
        self._fill(self.__pydantic_extra__, finish_reason, index, delta, logprobs, enhancements, fast=False)
        self.__pydantic_fields_set__.update(self.__pydantic_extra__)

    @staticmethod
    def _fill(extra: dict, finish_reason, index, delta, logprobs, enhancements, fast: bool) -> None:
        extra["finish_reason"] = map_finish_reason(finish_reason) if finish_reason else None
        extra["index"] = index
        if delta is None:
            extra["delta"] = Delta()
        elif isinstance(delta, Delta):
            extra["delta"] = delta
        elif isinstance(delta, dict):
            extra["delta"] = Delta._fast(delta) if fast else Delta(**delta)
        # any other delta type is silently left unset, as LiteLLM does
        if enhancements is not None:
            extra["enhancements"] = enhancements
        extra["logprobs"] = _coerce_logprobs(logprobs)

    @classmethod
    def _fast(cls, data: dict) -> "StreamingChoices":
        extra = {k: v for k, v in data.items() if k not in _STREAMING_CHOICES_PARAMS}
        get = data.get
        cls._fill(
            extra,
            get("finish_reason"),
            get("index", 0),
            get("delta"),
            get("logprobs"),
            get("enhancements"),
            fast=True,
        )
        return _assemble(cls, {}, set(extra), extra)


# ---------------------------------------------------------------------------------------------
# Usage
# ---------------------------------------------------------------------------------------------


class CompletionTokensDetails(_OpenAIObject):
    accepted_prediction_tokens: Optional[int] = None
    audio_tokens: Optional[int] = None
    reasoning_tokens: Optional[int] = None
    rejected_prediction_tokens: Optional[int] = None
    text_tokens: Optional[int] = None


class PromptTokensDetails(_OpenAIObject):
    audio_tokens: Optional[int] = None
    cache_write_tokens: Optional[int] = None
    cached_tokens: Optional[int] = None
    image_tokens: Optional[int] = None
    text_tokens: Optional[int] = None


def _plain_ints(data: dict, allowed: frozenset) -> bool:
    """True when every key is a known int field holding an int or None (safe to skip validation)."""
    for key, value in data.items():
        if key not in allowed or not (value is None or type(value) is int):
            return False
    return True


class CompletionTokensDetailsWrapper(CompletionTokensDetails):
    text_tokens: Optional[int] = None
    image_tokens: Optional[int] = None
    video_tokens: Optional[int] = None

    @classmethod
    def _fast(cls, data: dict) -> "CompletionTokensDetailsWrapper":
        if not _plain_ints(data, _COMPLETION_DETAIL_FIELDS):
            return cls(**data)
        values = dict.fromkeys(_COMPLETION_DETAIL_FIELDS_ORDERED)
        values.update(data)
        return _assemble(cls, values, set(data), {})


_COMPLETION_DETAIL_FIELDS_ORDERED = tuple(CompletionTokensDetailsWrapper.model_fields)
_COMPLETION_DETAIL_FIELDS = frozenset(_COMPLETION_DETAIL_FIELDS_ORDERED)


class CacheCreationTokenDetails(BaseModel):
    model_config = ConfigDict(defer_build=True)

    ephemeral_5m_input_tokens: Optional[int] = None
    ephemeral_30m_input_tokens: Optional[int] = None
    ephemeral_1h_input_tokens: Optional[int] = None
    ephemeral_12h_input_tokens: Optional[int] = None


class CachedTokensDetails(BaseModel):
    model_config = ConfigDict(defer_build=True)

    text_tokens: Optional[int] = None
    audio_tokens: Optional[int] = None
    image_tokens: Optional[int] = None


# Detail fields LiteLLM deletes when None, so OpenAI-shaped dumps stay free of provider extras.
_PROMPT_DETAILS_DROPPED_WHEN_NONE = (
    "character_count",
    "image_count",
    "video_length_seconds",
    "audio_length_seconds",
    "query_count",
    "web_search_requests",
    "google_maps_grounding_requests",
    "tool_use_tokens",
    "cache_write_tokens",
    "cache_creation_tokens",
    "cache_creation_token_details",
    "cached_tokens_details",
    "cache_type",
)
_CACHE_WRITE_TWINS = {
    "cache_write_tokens": "cache_creation_tokens",
    "cache_creation_tokens": "cache_write_tokens",
}


class PromptTokensDetailsWrapper(_TolerantDelete, PromptTokensDetails):
    text_tokens: Optional[int] = None
    image_tokens: Optional[int] = None
    video_tokens: Optional[int] = None
    web_search_requests: Optional[int] = None
    google_maps_grounding_requests: Optional[int] = None
    tool_use_tokens: Optional[int] = None
    initial_prompt_tokens: Optional[int] = None
    character_count: Optional[int] = None
    image_count: Optional[int] = None
    video_length_seconds: Optional[float] = None
    audio_length_seconds: Optional[float] = None
    query_count: Optional[int] = None
    cache_write_tokens: Optional[int] = None
    cache_creation_tokens: Optional[int] = None
    cache_creation_token_details: Optional[CacheCreationTokenDetails] = None
    cached_tokens_details: Optional[CachedTokensDetails] = None
    cache_type: Optional[str] = None

    @field_validator("cache_type", mode="before")
    @classmethod
    def _cache_type_is_a_string(cls, value):
        return value if isinstance(value, str) else None

    def __init__(self, **data) -> None:
        super().__init__(**data)
        nested = (self.model_extra or {}).get("cache_creation_input_tokens")
        write = self.cache_write_tokens
        if write is None:
            write = self.cache_creation_tokens
        if write is None and isinstance(nested, int):
            write = nested
        self.cache_write_tokens = write  # also fills cache_creation_tokens
        state = self.__dict__
        for name in _PROMPT_DETAILS_DROPPED_WHEN_NONE:
            if state.get(name, 0) is None:
                del state[name]

    def __setattr__(self, name: str, value) -> None:
        # OpenAI and Anthropic names for the same count: writing one writes both
        super().__setattr__(name, value)
        twin = _CACHE_WRITE_TWINS.get(name)
        if twin is not None:
            super().__setattr__(twin, value)

    @classmethod
    def _fast(cls, data: dict) -> "PromptTokensDetailsWrapper":
        if not _plain_ints(data, _PROMPT_DETAIL_FAST_FIELDS):
            return cls(**data)
        values = dict.fromkeys(_PROMPT_DETAIL_FIELDS_ORDERED)
        values.update(data)
        write = values["cache_write_tokens"]
        if write is None:
            write = values["cache_creation_tokens"]
        values["cache_write_tokens"] = values["cache_creation_tokens"] = write
        for name in _PROMPT_DETAILS_DROPPED_WHEN_NONE:
            if values[name] is None:
                del values[name]
        fields_set = set(data)
        fields_set.update(_CACHE_WRITE_TWINS)
        return _assemble(cls, values, fields_set, {})


_PROMPT_DETAIL_FIELDS_ORDERED = tuple(PromptTokensDetailsWrapper.model_fields)
_PROMPT_DETAIL_FAST_FIELDS = frozenset(_PROMPT_DETAIL_FIELDS_ORDERED) - {
    "video_length_seconds",
    "audio_length_seconds",
    "cache_creation_token_details",
    "cached_tokens_details",
    "cache_type",
}


class ServerToolUse(BaseModel):
    model_config = ConfigDict(defer_build=True)

    web_search_requests: Optional[int] = None
    tool_search_requests: Optional[int] = None
    browser_open_requests: Optional[int] = None

    def __getitem__(self, key: str):
        if key not in type(self).model_fields:
            raise KeyError(key)
        return getattr(self, key)


def _non_finite(cost) -> bool:
    values = cost.values() if isinstance(cost, dict) else (cost,)
    return any(isinstance(v, float) and not math.isfinite(v) for v in values)


def _as_completion_details(details) -> Optional[CompletionTokensDetailsWrapper]:
    if not details:
        return None
    if isinstance(details, dict):
        return CompletionTokensDetailsWrapper(**details)
    if isinstance(details, CompletionTokensDetailsWrapper):
        return details
    if isinstance(details, BaseModel):
        return CompletionTokensDetailsWrapper(**details.model_dump())
    return None


def _as_prompt_details(details) -> Optional[PromptTokensDetailsWrapper]:
    if not details:
        return None
    if isinstance(details, dict):
        return PromptTokensDetailsWrapper(**details)
    if isinstance(details, BaseModel):
        # LiteLLM rebuilds even a wrapper it was handed, from its dump
        return PromptTokensDetailsWrapper(**details.model_dump())
    return None


_USAGE_FAST_KEYS = frozenset(
    (
        "prompt_tokens",
        "completion_tokens",
        "total_tokens",
        "prompt_tokens_details",
        "completion_tokens_details",
    )
)
_USAGE_FIELDS_SET = frozenset(
    (
        "completion_tokens",
        "prompt_tokens",
        "total_tokens",
        "completion_tokens_details",
        "prompt_tokens_details",
    )
)


class Usage(_ItemAccess, _Membership, _TolerantDelete, _OpenAIObject):
    completion_tokens: int
    prompt_tokens: int
    total_tokens: int
    completion_tokens_details: Optional[CompletionTokensDetailsWrapper] = None
    prompt_tokens_details: Optional[PromptTokensDetailsWrapper] = None
    server_tool_use: Optional[ServerToolUse] = None
    cost: Optional[float] = None

    # Anthropic/DeepSeek prompt-cache counts, read by LiteLLM's cost calculation.
    _cache_creation_input_tokens: int = PrivateAttr(0)
    _cache_read_input_tokens: int = PrivateAttr(0)
    _dropped_non_finite_cost: bool = PrivateAttr(False)

    def __init__(
        self,
        prompt_tokens: Optional[int] = None,
        completion_tokens: Optional[int] = None,
        total_tokens: Optional[int] = None,
        reasoning_tokens: Optional[int] = None,
        prompt_tokens_details=None,
        completion_tokens_details=None,
        server_tool_use=None,
        cost: Optional[float] = None,
        **params,
    ) -> None:
        completion_details = _as_completion_details(completion_tokens_details)
        if reasoning_tokens:
            if completion_details is None:
                completion_details = CompletionTokensDetailsWrapper()
            if completion_details.reasoning_tokens is None:
                completion_details.reasoning_tokens = reasoning_tokens
            if completion_details.text_tokens is None and completion_tokens is not None:
                text = completion_tokens - reasoning_tokens
                text -= completion_details.image_tokens or 0
                text -= completion_details.audio_tokens or 0
                completion_details.text_tokens = max(0, text)

        prompt_details = _as_prompt_details(prompt_tokens_details)
        # DeepSeek and Anthropic report cache hits at the top level; mirror them into the details
        for source, target in (
            ("prompt_cache_hit_tokens", "cached_tokens"),
            ("cache_read_input_tokens", "cached_tokens"),
            ("cache_creation_input_tokens", "cache_write_tokens"),
        ):
            count = params.get(source)
            if isinstance(count, int):
                if prompt_details is None:
                    prompt_details = PromptTokensDetailsWrapper(**{target: count})
                else:
                    setattr(prompt_details, target, count)

        # total_tokens is not derived from the other counts: LiteLLM reports 0 when it is missing
        super().__init__(
            prompt_tokens=prompt_tokens or 0,
            completion_tokens=completion_tokens or 0,
            total_tokens=total_tokens or 0,
            completion_tokens_details=completion_details,
            prompt_tokens_details=prompt_details,
        )
        if isinstance(server_tool_use, dict):
            server_tool_use = ServerToolUse(**server_tool_use)
        if server_tool_use is None:
            del self.server_tool_use
        else:
            self.server_tool_use = server_tool_use

        dropped = cost is not None and _non_finite(cost)
        if cost is None or dropped:
            if dropped:
                _logger.warning("Dropping a non-finite provider usage cost")
            del self.cost
        else:
            self.cost = cost

        if isinstance(params.get("cache_creation_input_tokens"), int):
            self._cache_creation_input_tokens = params["cache_creation_input_tokens"]
        if isinstance(params.get("cache_read_input_tokens"), int):
            self._cache_read_input_tokens = params["cache_read_input_tokens"]
        if isinstance(params.get("prompt_cache_hit_tokens"), int):
            self._cache_read_input_tokens = params["prompt_cache_hit_tokens"]
        # the provider's own keys stay visible as extras
        for key, value in params.items():
            _put_extra(self, key, value)
        self._dropped_non_finite_cost = dropped

    @staticmethod
    def dropped_non_finite_cost(usage: "Usage") -> bool:
        return usage._dropped_non_finite_cost

    @classmethod
    def _fast(cls, data: dict) -> "Usage":
        if not data.keys() <= _USAGE_FAST_KEYS:
            return cls(**data)
        counts = []
        for key in ("completion_tokens", "prompt_tokens", "total_tokens"):
            value = data.get(key)
            if not (value is None or type(value) is int):
                return cls(**data)
            counts.append(value or 0)
        completion = data.get("completion_tokens_details")
        prompt = data.get("prompt_tokens_details")
        if not (completion is None or type(completion) is dict) or not (
            prompt is None or type(prompt) is dict
        ):
            return cls(**data)
        values = {
            "completion_tokens": counts[0],
            "prompt_tokens": counts[1],
            "total_tokens": counts[2],
            "completion_tokens_details": CompletionTokensDetailsWrapper._fast(completion)
            if completion
            else None,
            "prompt_tokens_details": PromptTokensDetailsWrapper._fast(prompt) if prompt else None,
        }
        private = {
            "_cache_creation_input_tokens": 0,
            "_cache_read_input_tokens": 0,
            "_dropped_non_finite_cost": False,
        }
        return _assemble(cls, values, set(_USAGE_FIELDS_SET), {}, private)


def _usage_from(usage, fast: bool) -> Usage:
    """LiteLLM rebuilds usage from a dict or any model (even a Usage) rather than keeping it."""
    if isinstance(usage, dict):
        return Usage._fast(usage) if fast else Usage(**usage)
    return Usage(**usage.model_dump())


# ---------------------------------------------------------------------------------------------
# Responses
# ---------------------------------------------------------------------------------------------


# The top-level fields `_from_core` builds directly; any other type goes through validation.
_RESPONSE_TYPES = {"id": str, "created": int, "model": str, "system_fingerprint": str, "choices": list}
_CHUNK_TYPES = {
    "id": str,
    "created": int,
    "model": str,
    "system_fingerprint": str,
    "provider_specific_fields": dict,
}


def _plain_types(data: dict, expected: dict) -> bool:
    """Every listed field is absent, None, or exactly of its expected type."""
    for name, kind in expected.items():
        value = data.get(name)
        if value is not None and type(value) is not kind:
            return False
    return True


class ModelResponseBase(_OpenAIObject):
    id: str
    created: int
    model: Optional[str] = None
    object: str
    system_fingerprint: Optional[str] = None

    _hidden_params: dict = PrivateAttr(default_factory=dict)
    _response_headers: Optional[dict] = PrivateAttr(None)
    # LiteLLM only assigns this ad hoc (reading it earlier raises there); declaring it keeps it out of
    # __dict__ and makes an unset read return None.
    _response_ms: Optional[float] = PrivateAttr(None)

    @property
    def hidden_params(self) -> dict:
        return self._hidden_params

    @hidden_params.setter
    def hidden_params(self, hidden_params: dict) -> None:
        self._hidden_params = hidden_params

    def model_dump(self, **kwargs):
        # LiteLLM dumps only what was set unless the caller chose exclude_unset/exclude_none
        if "exclude_unset" not in kwargs and "exclude_none" not in kwargs:
            kwargs["exclude_unset"] = True
        return super().model_dump(**kwargs)

    def json(self, **kwargs):
        # legacy: returns the dict, not a JSON string
        return self.model_dump()

    def __contains__(self, key) -> bool:
        return hasattr(self, key)

    def get(self, key, default=None):
        return getattr(self, key, default)

    def __getitem__(self, key):
        return getattr(self, key)

    def __setitem__(self, key, value) -> None:
        setattr(self, key, value)


_schemas_built = False


def _build_schemas() -> None:
    """Finish the deferred pydantic builds before the first unvalidated instance exists.

    Objects made by ``_fast`` never pass through a validator, so nothing would trigger the build,
    and some pydantic versions cannot serialize (as an extra) a model whose build is still pending.
    """
    global _schemas_built
    for cls in (
        Function,
        FunctionCall,
        ChatCompletionDeltaToolCall,
        ChatCompletionMessageToolCall,
        Message,
        Delta,
        Choices,
        StreamingChoices,
        CompletionTokensDetailsWrapper,
        PromptTokensDetailsWrapper,
        Usage,
        ModelResponse,
        ModelResponseStream,
    ):
        if not cls.__pydantic_complete__:
            cls.model_rebuild()
    _schemas_built = True


def _private_state(hidden_params: Optional[dict]) -> dict:
    return {
        "_hidden_params": {} if hidden_params is None else hidden_params,
        "_response_headers": None,
        "_response_ms": None,
    }


_UNSET = object()
_MODEL_RESPONSE_PARAMS = frozenset(
    (
        "id",
        "choices",
        "created",
        "model",
        "object",
        "system_fingerprint",
        "usage",
        "stream",
        "stream_options",
        "response_ms",
        "hidden_params",
        "_response_headers",
    )
)


class ModelResponse(ModelResponseBase):
    choices: List[Choices]

    def __init__(
        self,
        id=None,
        choices=None,
        created=None,
        model=None,
        object=None,
        system_fingerprint=_UNSET,
        usage=None,
        stream=None,
        stream_options=None,
        response_ms=None,
        hidden_params=None,
        _response_headers=None,
        **params,
    ) -> None:
        if isinstance(choices, list):
            choices = [_to_choices(choice, False) for choice in choices]
        else:
            choices = [Choices()]
        values: Dict[str, Any] = {
            "id": generate_id() if id is None else id,
            "choices": choices,
            "created": int(time.time()) if created is None else created,
            "model": model,
            "object": "chat.completion",
        }
        # no usage at all (not a zero Usage) when none is given, streaming or not
        if usage is not None:
            values["usage"] = _usage_from(usage, False) if isinstance(usage, (dict, BaseModel)) else usage
        if system_fingerprint is not _UNSET:
            values["system_fingerprint"] = system_fingerprint
        super().__init__(**values, **params)
        # LiteLLM assigns these before pydantic initialises, which loses them; keep them instead
        if hidden_params:
            self._hidden_params = hidden_params
        if _response_headers:
            self._response_headers = _response_headers

    @classmethod
    def _from_core(cls, data: dict, hidden_params: Optional[dict] = None) -> "ModelResponse":
        """Build from a chat.completion dict made by the Rust core, skipping validation."""
        if not _schemas_built:
            _build_schemas()
        choices = data.get("choices")
        response_id = data.get("id")
        created = data.get("created")
        model = data.get("model")
        fingerprint = data.get("system_fingerprint")
        if not _plain_types(data, _RESPONSE_TYPES):
            response = cls(**data)
            response._hidden_params = {} if hidden_params is None else hidden_params
            return response
        values = {
            "id": generate_id() if response_id is None else response_id,
            "created": int(time.time()) if created is None else created,
            "model": model,
            "object": "chat.completion",
            "system_fingerprint": fingerprint,
            "choices": [_to_choices(c, True) for c in choices] if choices is not None else [Choices()],
        }
        fields_set = {"id", "choices", "created", "model", "object"}
        if "system_fingerprint" in data:
            fields_set.add("system_fingerprint")
        extra = {}
        usage = data.get("usage")
        if usage is not None:
            extra["usage"] = _usage_from(usage, True) if isinstance(usage, (dict, BaseModel)) else usage
        for key, value in data.items():
            if key not in _MODEL_RESPONSE_PARAMS:
                extra[key] = value
        fields_set.update(extra)
        return _assemble(cls, values, fields_set, extra, _private_state(hidden_params))


def _to_choices(choice, fast: bool):
    if isinstance(choice, dict):
        return Choices._fast(choice) if fast else Choices(**choice)
    if isinstance(choice, BaseModel) and not isinstance(choice, Choices):
        return Choices(**choice.model_dump())
    return choice


def _to_streaming_choices(choice, fast: bool):
    if isinstance(choice, StreamingChoices):
        return choice
    if isinstance(choice, dict):
        return StreamingChoices._fast(choice) if fast else StreamingChoices(**choice)
    if isinstance(choice, BaseModel):
        return StreamingChoices(**choice.model_dump())
    return None  # fails validation, as in LiteLLM


_STREAM_FIELDS = frozenset(
    ("id", "created", "model", "object", "system_fingerprint", "choices", "provider_specific_fields")
)


class ModelResponseStream(ModelResponseBase):
    choices: List[StreamingChoices]
    provider_specific_fields: Optional[Dict[str, Any]] = None

    def __init__(self, choices=None, id=None, created=None, provider_specific_fields=None, **kwargs) -> None:
        if isinstance(choices, list):
            kwargs["choices"] = [_to_streaming_choices(choice, False) for choice in choices]
        else:
            kwargs["choices"] = [StreamingChoices()]
        # usage is only an attribute when the chunk carries the key (an explicit None stays None)
        usage = kwargs.get("usage")
        if isinstance(usage, (dict, BaseModel)):
            kwargs["usage"] = _usage_from(usage, False)
        kwargs["id"] = generate_id() if id is None else id
        kwargs["created"] = int(time.time()) if created is None else created
        kwargs["object"] = "chat.completion.chunk"
        kwargs["provider_specific_fields"] = provider_specific_fields
        super().__init__(**kwargs)

    @classmethod
    def _from_core(cls, data: dict, hidden_params: Optional[dict] = None) -> "ModelResponseStream":
        """Build from a chat.completion.chunk dict made by the Rust core, skipping validation."""
        if not _schemas_built:
            _build_schemas()
        choices = data.get("choices")
        chunk_id = data.get("id")
        created = data.get("created")
        model = data.get("model")
        fingerprint = data.get("system_fingerprint")
        psf = data.get("provider_specific_fields")
        if not _plain_types(data, _CHUNK_TYPES):
            chunk = cls(**data)
            chunk._hidden_params = {} if hidden_params is None else hidden_params
            return chunk
        values = {
            "id": generate_id() if chunk_id is None else chunk_id,
            "created": int(time.time()) if created is None else created,
            "model": model,
            "object": "chat.completion.chunk",
            "system_fingerprint": fingerprint,
            "choices": (
                [_to_streaming_choices(c, True) for c in choices]
                if type(choices) is list
                else [StreamingChoices()]
            ),
            "provider_specific_fields": psf,
        }
        fields_set = {"id", "created", "object", "choices", "provider_specific_fields"}
        extra = {}
        for key, value in data.items():
            if key in _STREAM_FIELDS:
                fields_set.add(key)
            elif key == "usage" and isinstance(value, (dict, BaseModel)):
                extra[key] = _usage_from(value, True)
            else:
                extra[key] = value
        fields_set.update(extra)
        return _assemble(cls, values, fields_set, extra, _private_state(hidden_params))


# ---------------------------------------------------------------------------------------------
# Providers
# ---------------------------------------------------------------------------------------------


class LlmProviders(str, Enum):
    REFUSELESS = "refuseless"
    OPENAI = "openai"
    CHATGPT = "chatgpt"
    OPENAI_LIKE = "openai_like"
    JINA_AI = "jina_ai"
    XAI = "xai"
    ZAI = "zai"
    BIGMODEL = "bigmodel"
    CUSTOM_OPENAI = "custom_openai"
    TEXT_COMPLETION_OPENAI = "text-completion-openai"
    COHERE = "cohere"
    COHERE_CHAT = "cohere_chat"
    CLARIFAI = "clarifai"
    ANTHROPIC = "anthropic"
    ANTHROPIC_TEXT = "anthropic_text"
    BYTEZ = "bytez"
    REPLICATE = "replicate"
    REDUCTO = "reducto"
    AWS_TEXTRACT = "aws_textract"
    RUNWAYML = "runwayml"
    AWS_POLLY = "aws_polly"
    TRANSCRIBE = "transcribe"
    HUGGINGFACE = "huggingface"
    TOGETHER_AI = "together_ai"
    OPENROUTER = "openrouter"
    DATAROBOT = "datarobot"
    VERTEX_AI = "vertex_ai"
    VERTEX_AI_BETA = "vertex_ai_beta"
    GEMINI = "gemini"
    ABLITERATION = "abliteration"
    AI21 = "ai21"
    BASETEN = "baseten"
    BLACK_FOREST_LABS = "black_forest_labs"
    AZURE = "azure"
    AZURE_TEXT = "azure_text"
    AZURE_AI = "azure_ai"
    SAGEMAKER = "sagemaker"
    SAGEMAKER_CHAT = "sagemaker_chat"
    SAGEMAKER_NOVA = "sagemaker_nova"
    BEDROCK = "bedrock"
    VLLM = "vllm"
    NLP_CLOUD = "nlp_cloud"
    PETALS = "petals"
    OOBABOOGA = "oobabooga"
    OLLAMA = "ollama"
    OLLAMA_CHAT = "ollama_chat"
    DEEPINFRA = "deepinfra"
    CLF_AI_GATEWAY = "clf_ai_gateway"
    PERPLEXITY = "perplexity"
    TYPESAFE = "typesafe"
    NACE = "nace"
    STRANDS_DECIDER = "strands_decider"
    LAYA = "laya"
    BESPOKE = "bespoke"
    EU_JEV = "eu_jev"
    MISTRAL = "mistral"
    MILVUS = "milvus"
    GROQ = "groq"
    A2A = "a2a"
    GIGACHAT = "gigachat"
    NVIDIA_NIM = "nvidia_nim"
    NVIDIA_RIVA = "nvidia_riva"
    SONIOX = "soniox"
    CEREBRAS = "cerebras"
    NADIR = "nadir"
    AI21_CHAT = "ai21_chat"
    VOLCENGINE = "volcengine"
    CODESTRAL = "codestral"
    TEXT_COMPLETION_CODESTRAL = "text-completion-codestral"
    DASHSCOPE = "dashscope"
    QWENCLOUD = "qwencloud"
    QWEN_AI_PLATFORM = "qwen_ai_platform"
    MODELSCOPE = "modelscope"
    MOONSHOT = "moonshot"
    PUBLICAI = "publicai"
    V0 = "v0"
    MORPH = "morph"
    OPENCODE_GO = "opencode_go"
    LAMBDA_AI = "lambda_ai"
    INCEPTION = "inception"
    TEXT_COMPLETION_INCEPTION = "text-completion-inception"
    DEEPSEEK = "deepseek"
    SAMBANOVA = "sambanova"
    MARITALK = "maritalk"
    VOYAGE = "voyage"
    CLOUDFLARE = "cloudflare"
    XINFERENCE = "xinference"
    FIREWORKS_AI = "fireworks_ai"
    FRIENDLIAI = "friendliai"
    FEATHERLESS_AI = "featherless_ai"
    WATSONX = "watsonx"
    SCALEDOWN = "scaledown"
    WATSONX_TEXT = "watsonx_text"
    TRITON = "triton"
    PREDIBASE = "predibase"
    DATABRICKS = "databricks"
    DATABRICKS_AGENT = "databricks_agent"
    EMPOWER = "empower"
    GITHUB = "github"
    RAGFLOW = "ragflow"
    COMPACTIFAI = "compactifai"
    DOCKER_MODEL_RUNNER = "docker_model_runner"
    CUSTOM = "custom"
    LITELLM_PROXY = "litellm_proxy"
    HOSTED_VLLM = "hosted_vllm"
    TENCENT = "tencent"
    LLAMAFILE = "llamafile"
    LM_STUDIO = "lm_studio"
    GALADRIEL = "galadriel"
    NEBIUS = "nebius"
    INFINITY = "infinity"
    DEEPGRAM = "deepgram"
    ELEVENLABS = "elevenlabs"
    NOVITA = "novita"
    AIOHTTP_OPENAI = "aiohttp_openai"
    LANGFUSE = "langfuse"
    HUMANLOOP = "humanloop"
    TOPAZ = "topaz"
    SAP_GENERATIVE_AI_HUB = "sap"
    ASSEMBLYAI = "assemblyai"
    AZURE_SPEECH = "azure_speech"
    CHARITY_ENGINE = "charity_engine"
    GITHUB_COPILOT = "github_copilot"
    SNOWFLAKE = "snowflake"
    GRADIENT_AI = "gradient_ai"
    LLAMA = "meta_llama"
    NSCALE = "nscale"
    PG_VECTOR = "pg_vector"
    S3_VECTORS = "s3_vectors"
    VALKEY = "valkey"
    MONGODB = "mongodb"
    OPENSEARCH = "opensearch"
    HELICONE = "helicone"
    HYPERBOLIC = "hyperbolic"
    RECRAFT = "recraft"
    FAL_AI = "fal_ai"
    STABILITY = "stability"
    HEROKU = "heroku"
    AIML = "aiml"
    COMETAPI = "cometapi"
    OCI = "oci"
    AUTO_ROUTER = "auto_router"
    VERCEL_AI_GATEWAY = "vercel_ai_gateway"
    EDENAI = "edenai"
    DOTPROMPT = "dotprompt"
    MANUS = "manus"
    WANDB = "wandb"
    OVHCLOUD = "ovhcloud"
    SCALEWAY = "scaleway"
    LEMONADE = "lemonade"
    AMAZON_NOVA = "amazon_nova"
    A2A_AGENT = "a2a_agent"
    LANGGRAPH = "langgraph"
    LANGFLOW = "langflow"
    MICROSOFT_365_COPILOT = "microsoft_365_copilot"
    MINIMAX = "minimax"
    SYNTHETIC = "synthetic"
    APERTIS = "apertis"
    NANOGPT = "nano-gpt"
    POE = "poe"
    CHUTES = "chutes"
    NEOSANTARA = "neosantara"
    AIAND = "aiand"
    PARASAIL = "parasail"
    XIAOMI_MIMO = "xiaomi_mimo"
    TENSORMESH = "tensormesh"
    LIBERTAI = "libertai"
    PINSTRIPES = "pinstripes"
    COGNITION = "cognition"
    CORALBRICKS = "coralbricks"
    CORTECS = "cortecs"
    SCX_AI = "scx-ai"
    PRISM = "prism"
    OPENINFER = "openinfer"
    INFERENCEAPIS = "inferenceapis"
    HOSTINGER_ROUTER = "hostinger_router"
    ZEROGPU = "zerogpu"
    DARKBLOOM = "darkbloom"
    META = "meta"
    SAIL = "sail"
    REKA = "reka"
    STREAMLAKE = "streamlake"
    LITELLM_AGENT = "litellm_agent"
    CURSOR = "cursor"
    BEDROCK_MANTLE = "bedrock_mantle"
    GDC = "gdc"
    KYMA = "kyma"


LlmProvidersSet = {provider.value for provider in LlmProviders}
