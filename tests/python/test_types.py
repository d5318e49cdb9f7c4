"""litellm.types.utils: LiteLLM 1.109.1's response objects, and the unvalidated ``_from_core`` path."""

from __future__ import annotations

import copy
import json
import pickle
import time

import pytest
from conftest import run_python
from pydantic import BaseModel, ValidationError

import litellm
from litellm.types import utils
from litellm.types.utils import (
    ChatCompletionDeltaToolCall,
    ChatCompletionMessageToolCall,
    ChoiceLogprobs,
    Choices,
    CompletionTokensDetailsWrapper,
    Delta,
    Function,
    FunctionCall,
    LlmProviders,
    Message,
    ModelResponse,
    ModelResponseStream,
    PromptTokensDetailsWrapper,
    StreamingChoices,
    Usage,
)

# ---- sample payloads in the shapes the Rust core hands to the shim ----

TEXT = {
    "id": "chatcmpl-abc",
    "object": "chat.completion",
    "created": 1_700_000_000,
    "model": "gpt-4o-mini-2024-07-18",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "Hello!", "refusal": None, "annotations": []},
            "logprobs": None,
            "finish_reason": "stop",
        }
    ],
    "usage": {"prompt_tokens": 9, "completion_tokens": 3, "total_tokens": 12},
    "service_tier": "default",
    "system_fingerprint": "fp_1",
}

MINIMAL = {
    "id": "chatcmpl-min",
    "created": 1_700_000_001,
    "model": "llama3",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "stop"}],
}

TOOL_CALLS = {
    "id": "chatcmpl-tools",
    "object": "chat.completion",
    "created": 1_700_000_002,
    "model": "gpt-4o",
    "choices": [
        {
            "index": 0,
            "message": {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": '{"c": "P"}'},
                    },
                    {"id": "call_2", "type": "function", "function": {"name": "get_time", "arguments": "{}"}},
                ],
            },
            "finish_reason": "tool_calls",
        }
    ],
    "usage": {"prompt_tokens": 50, "completion_tokens": 20, "total_tokens": 70},
}

USAGE_DETAILS = {
    "id": "chatcmpl-usage",
    "created": 1_700_000_003,
    "model": "o3-mini",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "42"}, "finish_reason": "length"}],
    "usage": {
        "prompt_tokens": 100,
        "completion_tokens": 50,
        "total_tokens": 150,
        "prompt_tokens_details": {"cached_tokens": 64, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 30,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    },
}

LOGPROBS = {
    "id": "chatcmpl-lp",
    "created": 1_700_000_004,
    "model": "gpt-4o",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "Hi"},
            "logprobs": {
                "content": [
                    {
                        "token": "Hi",
                        "logprob": -0.01,
                        "bytes": [72, 105],
                        "top_logprobs": [{"token": "Hi", "logprob": -0.01, "bytes": [72, 105]}],
                    }
                ],
                "refusal": None,
            },
            "finish_reason": "stop",
        }
    ],
}

MULTI = {
    "id": "chatcmpl-n2",
    "created": 1_700_000_005,
    "model": "claude-sonnet",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "a", "reasoning_content": "r"},
            "finish_reason": "end_turn",
        },
        {
            "index": 1,
            "message": {"role": "assistant", "content": "b", "provider_specific_fields": {"citations": []}},
            "finish_reason": "max_tokens",
        },
    ],
    "usage": {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7},
}

RESPONSES = {
    "text": TEXT,
    "minimal": MINIMAL,
    "tools": TOOL_CALLS,
    "usage": USAGE_DETAILS,
    "logprobs": LOGPROBS,
    "multi": MULTI,
}


def _chunk(choices, **extra):
    return {
        "id": "chatcmpl-s",
        "object": "chat.completion.chunk",
        "created": 1_700_000_010,
        "model": "m",
        "choices": choices,
        **extra,
    }


CHUNKS = {
    "role": _chunk(
        [
            {
                "index": 0,
                "delta": {"role": "assistant", "content": "", "refusal": None},
                "logprobs": None,
                "finish_reason": None,
            }
        ],
        system_fingerprint="fp_1",
    ),
    "content": _chunk([{"index": 0, "delta": {"content": "Hel"}, "finish_reason": None}]),
    "tool_start": _chunk(
        [
            {
                "index": 0,
                "delta": {
                    "tool_calls": [
                        {
                            "index": 0,
                            "id": "call_1",
                            "type": "function",
                            "function": {"name": "f", "arguments": ""},
                        }
                    ]
                },
                "finish_reason": None,
            }
        ]
    ),
    "tool_args": _chunk(
        [
            {
                "index": 0,
                "delta": {"tool_calls": [{"index": 0, "function": {"arguments": '{"a'}}]},
                "finish_reason": None,
            }
        ]
    ),
    "tool_no_index": _chunk(
        [
            {
                "index": 0,
                "delta": {"tool_calls": [{"function": {"arguments": "1}"}}, {"function": {"name": "g"}}]},
            }
        ]
    ),
    "reasoning": _chunk([{"index": 0, "delta": {"reasoning": "hmm", "provider_specific_fields": {"k": 1}}}]),
    "finish": _chunk([{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]),
    "mapped_finish": _chunk([{"index": 0, "delta": {"content": "x"}, "finish_reason": "end_turn"}]),
    "usage_only": _chunk(
        [],
        usage={
            "prompt_tokens": 9,
            "completion_tokens": 3,
            "total_tokens": 12,
            "prompt_tokens_details": {"cached_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": 0},
        },
    ),
    "usage_null": _chunk([{"index": 0, "delta": {"content": "x"}}], usage=None),
    "logprobs": _chunk(
        [
            {
                "index": 0,
                "delta": {"content": "a"},
                "logprobs": {
                    "content": [{"token": "a", "logprob": -1.0, "bytes": None, "top_logprobs": None}]
                },
            }
        ]
    ),
}


def state(obj):
    """Everything that distinguishes two pydantic objects: types, values, key order, fields set, privates."""
    if isinstance(obj, BaseModel):
        extra = obj.__pydantic_extra__ or {}
        return (
            type(obj),
            [(k, state(v)) for k, v in obj.__dict__.items()],
            [(k, state(v)) for k, v in extra.items()],
            sorted(obj.__pydantic_fields_set__),
            obj.__pydantic_private__,
        )
    if isinstance(obj, (list, tuple)):
        return [state(item) for item in obj]
    if isinstance(obj, dict):
        return [(k, state(v)) for k, v in obj.items()]
    return obj


# ---------------------------------------------------------------------------------------------
# module surface
# ---------------------------------------------------------------------------------------------

PUBLIC = [
    "ModelResponseBase",
    "ModelResponse",
    "ModelResponseStream",
    "Choices",
    "StreamingChoices",
    "Message",
    "Delta",
    "Usage",
    "Function",
    "FunctionCall",
    "ChatCompletionMessageToolCall",
    "ChatCompletionDeltaToolCall",
    "PromptTokensDetails",
    "PromptTokensDetailsWrapper",
    "CompletionTokensDetails",
    "CompletionTokensDetailsWrapper",
    "LlmProviders",
    "GenericStreamingChunk",
    "CostPerToken",
    "ChatCompletionUserMessage",
    "ChatCompletionAssistantMessage",
    "ChatCompletionSystemMessage",
    "ChatCompletionToolMessage",
    "ChatCompletionDeveloperMessage",
    "ChatCompletionTextObject",
    "ChatCompletionImageUrlObject",
    "ChatCompletionToolParam",
    "ChatCompletionToolParamFunctionChunk",
    "ChatCompletionToolCallFunctionChunk",
]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_names_live_in_litellm_types_utils(name):
    obj = getattr(utils, name)
    assert obj.__module__ == "litellm.types.utils"


def test_openai_message_content_alias_exists():
    assert utils.OpenAIMessageContent is not None


@pytest.mark.parametrize(
    "name", ["ModelResponse", "ModelResponseStream", "Usage", "Message", "Choices", "LlmProviders"]
)
def test_top_level_names_are_the_same_objects(name):
    assert getattr(litellm, name) is getattr(utils, name)


def test_import_pulls_in_neither_openai_nor_httpx():
    result = run_python(
        "import sys, litellm.types.utils as u; u.ModelResponse(); "
        "print(sorted(m for m in ('openai', 'httpx') if m in sys.modules))"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_llm_providers_is_a_str_enum_of_slugs():
    slugs = (
        "openai custom_openai openai_like text-completion-openai groq together_ai deepseek xai "
        "fireworks_ai openrouter nvidia_nim hosted_vllm mistral perplexity lm_studio deepinfra "
        "cerebras sambanova llamafile anthropic azure bedrock vertex_ai gemini cohere cohere_chat "
        "huggingface ollama ollama_chat watsonx custom"
    ).split()
    for slug in slugs:
        assert LlmProviders(slug).value == slug
    assert LlmProviders.OPENAI == "openai"
    assert LlmProviders.TEXT_COMPLETION_OPENAI.value == "text-completion-openai"
    assert isinstance(LlmProviders.GROQ, str)


def test_typed_dicts_are_plain_dicts():
    msg: utils.ChatCompletionUserMessage = {"role": "user", "content": "hi"}
    tool: utils.ChatCompletionToolParam = {"type": "function", "function": {"name": "f", "parameters": {}}}
    chunk: utils.GenericStreamingChunk = {
        "text": "",
        "is_finished": True,
        "finish_reason": "stop",
        "usage": None,
    }
    assert type(msg) is dict and type(tool) is dict and type(chunk) is dict
    assert "input_cost_per_token" in utils.CostPerToken.__required_keys__


# ---------------------------------------------------------------------------------------------
# ModelResponse
# ---------------------------------------------------------------------------------------------


def test_empty_model_response_defaults():
    before = int(time.time())
    r = ModelResponse()
    assert r.id.startswith("chatcmpl-") and len(r.id) == len("chatcmpl-") + 36
    assert before <= r.created <= int(time.time())
    assert r.object == "chat.completion"
    assert r.model is None
    assert len(r.choices) == 1
    choice = r.choices[0]
    assert isinstance(choice, Choices)
    assert (choice.finish_reason, choice.index) == ("stop", 0)
    assert isinstance(choice.message, Message)
    assert (choice.message.content, choice.message.role) == (None, "assistant")
    # LiteLLM 1.109.1 leaves usage unset until a provider reports it (no zero Usage)
    assert not hasattr(r, "usage")
    assert r.get("usage") is None
    assert r.model_dump() == {
        "id": r.id,
        "created": r.created,
        "model": None,
        "object": "chat.completion",
        "choices": [
            {
                "finish_reason": "stop",
                "index": 0,
                "message": {"content": None, "role": "assistant", "tool_calls": None, "function_call": None},
            }
        ],
    }
    assert ModelResponse().id != r.id


def test_stream_argument_is_accepted():
    r = ModelResponse(stream=True, stream_options={"include_usage": True}, response_ms=3)
    assert not hasattr(r, "usage")
    assert "stream" not in r.model_dump()


def test_object_is_always_chat_completion():
    assert ModelResponse(object="text_completion").object == "chat.completion"


def test_response_coerces_nested_dicts():
    r = ModelResponse(**TOOL_CALLS)
    message = r.choices[0].message
    assert isinstance(r.choices[0], Choices)
    assert isinstance(message, Message)
    assert all(isinstance(tc, ChatCompletionMessageToolCall) for tc in message.tool_calls)
    assert isinstance(message.tool_calls[0].function, Function)
    assert message.tool_calls[0].function.arguments == '{"c": "P"}'
    assert isinstance(r.usage, Usage)
    assert r.usage.total_tokens == 70


def test_attribute_and_item_access_at_every_level():
    r = ModelResponse(**TOOL_CALLS)
    assert r["choices"][0]["message"]["tool_calls"][0]["function"]["name"] == "get_weather"
    assert r.choices[0].message.tool_calls[1].function.name == "get_time"
    assert r["usage"]["prompt_tokens"] == 50
    assert r.get("id") == "chatcmpl-tools" and r.get("nope", 7) == 7
    assert r.choices[0].get("finish_reason") == "tool_calls"
    assert r.choices[0].message.get("content") is None
    assert r.usage.get("completion_tokens") == 20
    assert r.choices[0].message.tool_calls[0].get("id") == "call_1"
    assert r.choices[0].message.tool_calls[0].function.get("arguments") == '{"c": "P"}'
    with pytest.raises(AttributeError):
        r["nope"]


def test_membership():
    r = ModelResponse(**TEXT)
    assert "choices" in r and "usage" in r and "nope" not in r
    assert "finish_reason" in r.choices[0] and "logprobs" not in r.choices[0]
    assert "prompt_tokens" in r.usage
    tool_call = ModelResponse(**TOOL_CALLS).choices[0].message.tool_calls[0]
    assert "function" in tool_call and "name" in tool_call.function
    # LiteLLM's Message has no __contains__: ``in`` walks pydantic's (key, value) pairs, so it is False
    assert "content" not in r.choices[0].message


def test_item_assignment():
    r = ModelResponse(**TOOL_CALLS)
    r["model"] = "changed"
    r.choices[0]["finish_reason"] = "stop"
    r.choices[0].message["content"] = "new"
    r.usage["total_tokens"] = 1
    r.choices[0].message.tool_calls[0]["id"] = "call_x"
    r.choices[0].message.tool_calls[0].function["name"] = "g"
    assert r.model == "changed" and r.choices[0].finish_reason == "stop"
    assert r.choices[0].message.content == "new" and r.usage.total_tokens == 1
    assert r.choices[0].message.tool_calls[0].id == "call_x"
    assert r.choices[0].message.tool_calls[0].function.name == "g"


def test_dict_of_usage_and_message():
    r = ModelResponse(**TEXT)
    assert dict(r.usage) == {
        "completion_tokens": 3,
        "prompt_tokens": 9,
        "total_tokens": 12,
        "completion_tokens_details": None,
        "prompt_tokens_details": None,
    }
    assert dict(r.choices[0].message)["content"] == "Hello!"


def test_usage_is_an_extra_field():
    r = ModelResponse(**TEXT)
    assert "usage" not in type(r).model_fields
    assert r.model_extra["usage"] is r.usage
    assert r.model_extra.get("usage").prompt_tokens == 9
    assert r.model_extra["service_tier"] == "default"


def test_dumps_default_to_exclude_unset():
    r = ModelResponse(**TEXT)
    dumped = r.model_dump()
    assert list(dumped) == [
        "id",
        "created",
        "model",
        "object",
        "system_fingerprint",
        "choices",
        "usage",
        "service_tier",
    ]
    assert dumped["choices"][0] == {
        "finish_reason": "stop",
        "index": 0,
        "message": {
            "content": "Hello!",
            "role": "assistant",
            "refusal": None,
            "tool_calls": None,
            "function_call": None,
            "annotations": [],
        },
    }
    # explicit choices are honoured; model_dump_json keeps pydantic's default (everything)
    assert "provider_specific_fields" in r.model_dump(exclude_unset=False)["choices"][0]["message"]
    assert "system_fingerprint" not in ModelResponse(**MINIMAL).model_dump()
    assert json.loads(ModelResponse(**MINIMAL).model_dump_json())["system_fingerprint"] is None
    assert "id" in r.model_dump(exclude_none=True)


def test_json_to_dict_and_to_json():
    r = ModelResponse(**TEXT)
    assert r.json() == r.model_dump()
    assert isinstance(r.json(), dict)
    assert r.to_dict() == r.model_dump()
    assert json.loads(r.to_json()) == r.model_dump()
    assert r.to_json().startswith("{\n  ")
    assert json.loads(r.model_dump_json())["usage"]["total_tokens"] == 12
    assert r.choices[0].message.json() == r.choices[0].message.model_dump()


def test_str_names_the_class():
    r = ModelResponse(**MINIMAL)
    assert str(r).startswith("ModelResponse(id='chatcmpl-min'")
    assert str(r.choices[0].message).startswith("Message(content='ok'")


def test_equality_deepcopy_and_pickle():
    a, b = ModelResponse(**TOOL_CALLS), ModelResponse(**TOOL_CALLS)
    assert a == b
    a._hidden_params["model_id"] = "x"
    a._response_ms = 12.5
    for clone in (copy.deepcopy(a), pickle.loads(pickle.dumps(a))):
        assert clone == a
        assert clone.model_dump() == a.model_dump()
        assert type(clone.choices[0].message.tool_calls[0]) is ChatCompletionMessageToolCall
        assert clone._hidden_params == {"model_id": "x"}
        assert clone._response_ms == 12.5
    assert copy.copy(a) == a
    assert a != b  # private state takes part in equality


def test_extra_attributes_can_be_assigned():
    r = ModelResponse(**MINIMAL)
    r.foo = 1
    r.choices[0].message.bar = 2
    assert r.foo == 1 and r.model_dump()["foo"] == 1
    assert r.choices[0].message.bar == 2


def test_hidden_params_and_response_ms():
    r = ModelResponse()
    assert r._hidden_params == {} and r.hidden_params == {}
    assert r._response_ms is None
    assert ModelResponse()._hidden_params is not r._hidden_params
    r.hidden_params = {"a": 1}
    assert r._hidden_params == {"a": 1}
    # LiteLLM assigns this before pydantic's __init__ and so loses it; we keep it
    assert ModelResponse(hidden_params={"cost": 1})._hidden_params == {"cost": 1}
    assert "_hidden_params" not in r.model_dump()


def test_response_accepts_objects_and_foreign_models():
    usage = Usage(prompt_tokens=1, completion_tokens=2, total_tokens=3)
    choice = Choices(message=Message(content="x"))
    r = ModelResponse(choices=[choice], usage=usage)
    assert r.choices[0] is choice
    # usage is rebuilt from its dump, as LiteLLM does, even when it already is a Usage
    assert r.usage == usage and r.usage is not usage

    class Foreign(BaseModel):
        index: int = 0
        message: dict = {"role": "assistant", "content": "f"}
        finish_reason: str = "stop"

    assert ModelResponse(choices=[Foreign()]).choices[0].message.content == "f"


# ---------------------------------------------------------------------------------------------
# Message
# ---------------------------------------------------------------------------------------------


def test_message_defaults_and_deleted_fields():
    m = Message(content="hi")
    assert m.model_dump() == {
        "content": "hi",
        "role": "assistant",
        "tool_calls": None,
        "function_call": None,
        "provider_specific_fields": None,
    }
    for name in (
        "audio",
        "images",
        "annotations",
        "refusal",
        "reasoning_content",
        "thinking_blocks",
        "reasoning_items",
    ):
        assert not hasattr(m, name)
        assert m.get(name) is None
        with pytest.raises(AttributeError):
            getattr(m, name)
    del m.audio  # deleting an absent field is a no-op
    assert Message(role=None).role == "assistant"


def test_message_optional_fields_when_given():
    thinking = [{"type": "thinking", "thinking": "t", "signature": "s"}]
    m = Message(content="c", refusal=None, reasoning_content="r", thinking_blocks=thinking, annotations=[])
    assert m.refusal is None and m.reasoning_content == "r" and m.annotations == []
    assert m.thinking_blocks == thinking
    assert list(m.model_dump()) == [
        "content",
        "role",
        "refusal",
        "tool_calls",
        "function_call",
        "reasoning_content",
        "thinking_blocks",
        "provider_specific_fields",
        "annotations",
    ]
    audio = Message(audio={"data": "d", "expires_at": 1, "transcript": "t"}).audio
    assert audio.transcript == "t" and audio.id


def test_message_tool_calls_as_dicts_or_objects():
    as_dict = {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
    as_obj = ChatCompletionMessageToolCall(function=Function(name="g", arguments="{}"), id="c2")
    m = Message(tool_calls=[as_dict, as_obj])
    assert [tc.id for tc in m.tool_calls] == ["c1", "c2"]
    assert m.tool_calls[1] is as_obj
    assert Message(tool_calls=[]).tool_calls is None
    dumped = m.model_dump()["tool_calls"][0]
    assert dumped == {"function": {"arguments": "{}", "name": "f"}, "id": "c1", "type": "function"}


def test_message_provider_specific_fields_and_function_call():
    m = Message(
        content="x", provider_specific_fields={"k": 1}, function_call={"name": "f", "arguments": "{}"}
    )
    assert m.provider_specific_fields == {"k": 1}
    assert isinstance(m.function_call, FunctionCall) and m.function_call.name == "f"
    assert Message(provider_specific_fields={}).provider_specific_fields is None


def test_message_validates_like_litellm():
    with pytest.raises(ValidationError):
        Message(role="robot")
    with pytest.raises(ValidationError):
        Message(content=["not", "a", "string"])


def test_tool_call_defaults():
    tc = ChatCompletionMessageToolCall(function={"name": "f", "arguments": {"a": 1}})
    assert tc.type == "function" and len(tc.id) == 36
    assert tc.function.arguments == '{"a": 1}'
    assert "function" not in type(tc).model_fields  # function/id/type are extras in LiteLLM
    assert Function(parameters={"x": 1}).arguments == '{"x": 1}'
    assert Function().model_dump() == {"arguments": "", "name": None}
    assert Function(arguments="{}", name="f", provider_specific_fields={"a": 1}).model_dump() == {
        "arguments": "{}",
        "name": "f",
    }


# ---------------------------------------------------------------------------------------------
# Choices
# ---------------------------------------------------------------------------------------------


def test_choices_defaults_and_finish_reason_mapping():
    c = Choices()
    assert c.model_dump() == {
        "finish_reason": "stop",
        "index": 0,
        "message": {
            "content": None,
            "role": "assistant",
            "tool_calls": None,
            "function_call": None,
            "provider_specific_fields": None,
        },
    }
    assert not hasattr(c, "logprobs") and not hasattr(c, "provider_specific_fields")
    mapped = Choices(finish_reason="max_tokens", index=None)
    assert mapped.finish_reason == "length" and mapped.index == 0
    assert mapped.provider_specific_fields == {"native_finish_reason": "max_tokens"}
    assert Choices(finish_reason="something-new").finish_reason == "stop"
    assert Choices(finish_reason="tool_calls").get("provider_specific_fields") is None


def test_choices_logprobs():
    c = Choices(**LOGPROBS["choices"][0])
    assert isinstance(c.logprobs, ChoiceLogprobs)
    assert c.logprobs.content[0].top_logprobs[0].logprob == -0.01
    assert c.logprobs["content"][0]["token"] == "Hi"
    assert (
        Choices(logprobs={"content": [{"token": "a", "logprob": 0, "top_logprobs": None}]})
        .logprobs.content[0]
        .top_logprobs
        == []
    )


def test_choices_enhancements_and_extras():
    c = Choices(enhancements={"e": 1}, text="legacy")
    assert c.enhancements == {"e": 1} and c.text == "legacy"


# ---------------------------------------------------------------------------------------------
# Streaming
# ---------------------------------------------------------------------------------------------


def test_delta_defaults():
    d = Delta()
    assert d.model_dump() == {
        "provider_specific_fields": None,
        "content": None,
        "role": None,
        "function_call": None,
        "tool_calls": None,
        "audio": None,
    }
    assert d.role is None
    assert not hasattr(d, "reasoning_content")
    assert "content" in d and "reasoning_content" not in d
    assert d["content"] is None


def test_delta_fields():
    d = Delta(content="x", role="assistant", reasoning="think", images=[], annotations=[])
    assert d.reasoning_content == "think" and not hasattr(d, "reasoning")
    assert d.annotations == [] and not hasattr(d, "images")
    assert Delta(reasoning_content="a", reasoning="b").reasoning == "b"


def test_delta_tool_calls_coerced_without_touching_input():
    raw = [{"function": {"arguments": "{"}}, {"index": 5, "id": "c", "function": {"name": "f"}}]
    snapshot = copy.deepcopy(raw)
    d = Delta(tool_calls=raw)
    assert raw == snapshot
    first, second = d.tool_calls
    assert isinstance(first, ChatCompletionDeltaToolCall)
    assert (first.index, first.type, first.id) == (0, "function", None)
    assert first.function.name is None and first.function.arguments == "{"
    assert (second.index, second.id, second.function.arguments) == (5, "c", "")
    assert d.model_dump()["tool_calls"][0] == {
        "id": None,
        "function": {"arguments": "{", "name": None},
        "type": "function",
        "index": 0,
    }
    assert Delta(tool_calls=[]).tool_calls == []


def test_streaming_choices():
    c = StreamingChoices()
    assert c.model_dump() == {
        "finish_reason": None,
        "index": 0,
        "delta": Delta().model_dump(),
        "logprobs": None,
    }
    mapped = StreamingChoices(finish_reason="end_turn", delta={"content": "x"}, message={"content": "dup"})
    assert mapped.finish_reason == "stop" and mapped.delta.content == "x"
    assert not hasattr(mapped, "message")
    assert mapped["delta"]["content"] == "x" and "delta" in mapped


def test_stream_chunk_defaults():
    s = ModelResponseStream()
    assert s.object == "chat.completion.chunk" and s.id.startswith("chatcmpl-")
    assert isinstance(s.choices[0], StreamingChoices) and isinstance(s.choices[0].delta, Delta)
    assert not hasattr(s, "usage")
    assert s.model_dump() == {
        "id": s.id,
        "created": s.created,
        "object": "chat.completion.chunk",
        "choices": [
            {
                "finish_reason": None,
                "index": 0,
                "delta": Delta().model_dump(exclude_unset=True),
                "logprobs": None,
            }
        ],
        "provider_specific_fields": None,
    }


def test_stream_chunk_usage_presence():
    assert not hasattr(ModelResponseStream(**CHUNKS["content"]), "usage")
    with_usage = ModelResponseStream(**CHUNKS["usage_only"])
    assert isinstance(with_usage.usage, Usage) and with_usage.choices == []
    assert with_usage.model_extra["usage"].total_tokens == 12
    # an explicit null is kept, as LiteLLM keeps it
    assert ModelResponseStream(**CHUNKS["usage_null"]).usage is None


def test_stream_chunk_access_copy_and_pickle():
    s = ModelResponseStream(**CHUNKS["tool_start"])
    assert s["choices"][0]["delta"]["tool_calls"][0]["function"]["name"] == "f"
    assert s.json() == s.model_dump()
    assert "choices" in s and s.get("usage") is None
    s._hidden_params["x"] = 1
    s._response_ms = 3.0
    for clone in (copy.deepcopy(s), pickle.loads(pickle.dumps(s))):
        assert clone == s and clone._hidden_params == {"x": 1} and clone._response_ms == 3.0
    assert ModelResponseStream(**CHUNKS["tool_start"]) == ModelResponseStream(**CHUNKS["tool_start"])


# ---------------------------------------------------------------------------------------------
# Usage
# ---------------------------------------------------------------------------------------------


def test_usage_counts():
    u = Usage(prompt_tokens=3, completion_tokens=4)
    # LiteLLM does not derive total_tokens; a missing total is 0
    assert (u.prompt_tokens, u.completion_tokens, u.total_tokens) == (3, 4, 0)
    assert Usage().model_dump() == {
        "completion_tokens": 0,
        "prompt_tokens": 0,
        "total_tokens": 0,
        "completion_tokens_details": None,
        "prompt_tokens_details": None,
    }
    assert not hasattr(u, "cost") and not hasattr(u, "server_tool_use")


def test_usage_reasoning_tokens():
    u = Usage(prompt_tokens=1, completion_tokens=10, total_tokens=11, reasoning_tokens=4)
    assert isinstance(u.completion_tokens_details, CompletionTokensDetailsWrapper)
    assert (u.completion_tokens_details.reasoning_tokens, u.completion_tokens_details.text_tokens) == (4, 6)
    assert not hasattr(u, "reasoning_tokens")
    given = Usage(completion_tokens=10, reasoning_tokens=4, completion_tokens_details={"reasoning_tokens": 5})
    assert given.completion_tokens_details.reasoning_tokens == 5
    assert given.completion_tokens_details.text_tokens == 6


def test_usage_anthropic_and_deepseek_cache_counts():
    u = Usage(prompt_tokens=10, completion_tokens=1, cache_read_input_tokens=7, cache_creation_input_tokens=3)
    details = u.prompt_tokens_details
    assert isinstance(details, PromptTokensDetailsWrapper)
    assert details.cached_tokens == 7
    assert details.cache_write_tokens == 3 and details.cache_creation_tokens == 3
    assert (u._cache_read_input_tokens, u._cache_creation_input_tokens) == (7, 3)
    assert u.cache_read_input_tokens == 7  # the provider's keys stay visible
    assert u.model_dump()["cache_creation_input_tokens"] == 3
    deepseek = Usage(prompt_tokens=5, prompt_cache_hit_tokens=2, prompt_cache_miss_tokens=3)
    assert deepseek.prompt_tokens_details.cached_tokens == 2 and deepseek._cache_read_input_tokens == 2


def test_prompt_details_drop_absent_provider_fields():
    d = PromptTokensDetailsWrapper(cached_tokens=5)
    assert d.model_dump() == {
        "audio_tokens": None,
        "cached_tokens": 5,
        "image_tokens": None,
        "text_tokens": None,
        "video_tokens": None,
        "initial_prompt_tokens": None,
    }
    assert not hasattr(d, "cache_write_tokens")
    mirrored = PromptTokensDetailsWrapper(cache_creation_tokens=4)
    assert mirrored.cache_write_tokens == 4
    nested = PromptTokensDetailsWrapper(cache_creation_input_tokens=9)
    assert nested.cache_write_tokens == 9 and nested.cache_creation_tokens == 9
    assert not hasattr(PromptTokensDetailsWrapper(cache_type=3), "cache_type")


def test_usage_details_objects_and_dicts():
    u = Usage(prompt_tokens_details=PromptTokensDetailsWrapper(cached_tokens=1), completion_tokens_details={})
    assert u.prompt_tokens_details.cached_tokens == 1
    assert u.completion_tokens_details is None  # an empty dict counts as absent


def test_usage_cost_and_server_tool_use():
    u = Usage(cost=0.5, server_tool_use={"web_search_requests": 2})
    assert u.cost == 0.5 and u.server_tool_use.web_search_requests == 2
    assert u.server_tool_use["web_search_requests"] == 2
    dropped = Usage(cost=float("inf"))
    assert not hasattr(dropped, "cost") and Usage.dropped_non_finite_cost(dropped)


# ---------------------------------------------------------------------------------------------
# _from_core: unvalidated construction indistinguishable from the constructors
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_from_core_matches_constructor(name):
    data = RESPONSES[name]
    snapshot = copy.deepcopy(data)
    fast = ModelResponse._from_core(data, {})
    assert data == snapshot  # input untouched
    slow = ModelResponse(**copy.deepcopy(data))
    assert fast.model_dump() == slow.model_dump()
    assert fast.model_dump(exclude_unset=False) == slow.model_dump(exclude_unset=False)
    assert fast.model_dump_json() == slow.model_dump_json()
    assert state(fast) == state(slow)
    assert fast == slow


@pytest.mark.parametrize("name", sorted(CHUNKS))
def test_stream_from_core_matches_constructor(name):
    data = CHUNKS[name]
    snapshot = copy.deepcopy(data)
    fast = ModelResponseStream._from_core(data, {})
    assert data == snapshot
    slow = ModelResponseStream(**copy.deepcopy(data))
    assert fast.model_dump() == slow.model_dump()
    assert fast.model_dump_json() == slow.model_dump_json()
    assert state(fast) == state(slow)
    assert fast == slow
    assert hasattr(fast, "usage") == ("usage" in data)


def test_from_core_sets_hidden_params_and_privates():
    hidden = {"custom_llm_provider": "openai", "response_cost": 0.1}
    r = ModelResponse._from_core(TEXT, hidden)
    assert r._hidden_params is hidden and r.hidden_params is hidden
    assert r._response_ms is None
    r._response_ms = 5.0
    assert pickle.loads(pickle.dumps(r))._response_ms == 5.0
    assert r.usage._cache_read_input_tokens == 0
    s = ModelResponseStream._from_core(CHUNKS["content"], hidden)
    assert s._hidden_params is hidden


def test_from_core_objects_behave_like_constructed_ones():
    r = ModelResponse._from_core(TOOL_CALLS, {})
    msg = r.choices[0].message
    assert r["choices"][0]["message"]["tool_calls"][0]["function"]["name"] == "get_weather"
    assert r.model_extra.get("usage").total_tokens == 70
    assert not hasattr(msg, "audio") and msg.get("refusal") is None
    msg.content = "set"
    r.foo = 1
    clone = copy.deepcopy(r)
    assert clone == r and pickle.loads(pickle.dumps(r)) == r
    assert ModelResponse._from_core(MINIMAL, {}).model_dump() == ModelResponse(**MINIMAL).model_dump()


def test_from_core_fills_defaults():
    r = ModelResponse._from_core({"choices": [{"message": {"content": "x"}}]}, {})
    assert r.id.startswith("chatcmpl-") and r.created > 0
    assert r.choices[0].finish_reason == "stop" and r.choices[0].message.role == "assistant"
    assert not hasattr(r, "usage")
    s = ModelResponseStream._from_core({}, {})
    assert s.id.startswith("chatcmpl-") and len(s.choices) == 1 and not hasattr(s, "usage")


@pytest.mark.parametrize(
    "data",
    [
        {"id": "x", "created": 1.0, "choices": []},
        {
            "id": "x",
            "created": 1,
            "choices": [{"message": {"role": "assistant", "content": "x", "audio": None, "x": 1}}],
        },
        {
            "id": "x",
            "created": 1,
            "choices": [
                {"index": "0", "message": {"content": "x", "thinking_blocks": [{"type": "thinking"}]}}
            ],
        },
        {
            "id": "x",
            "created": 1,
            "choices": [],
            "usage": {"prompt_tokens": 1, "cost": 0.2, "is_byok": False},
        },
        {"id": "x", "created": 1, "choices": [], "usage": {"prompt_tokens_details": {"cached_tokens": 1.0}}},
    ],
)
def test_from_core_defers_unusual_input_to_the_constructor(data):
    fast = ModelResponse._from_core(copy.deepcopy(data), {})
    slow = ModelResponse(**copy.deepcopy(data))
    assert state(fast) == state(slow)


def test_from_core_raises_what_the_constructor_raises():
    bad = {"id": "x", "created": 1, "choices": [{"message": {"content": ["a list"]}}]}
    with pytest.raises(ValidationError):
        ModelResponse(**bad)
    with pytest.raises(ValidationError):
        ModelResponse._from_core(bad, {})


def test_from_core_in_a_fresh_interpreter_serializes():
    # nothing validated before: the deferred pydantic builds must still be usable for dumping
    code = (
        "import json, pickle\n"
        "from litellm.types.utils import ModelResponse, ModelResponseStream\n"
        f"r = ModelResponse._from_core({TOOL_CALLS!r}, {{}})\n"
        f"s = ModelResponseStream._from_core({CHUNKS['usage_only']!r}, {{}})\n"
        "out = [json.loads(r.model_dump_json()), s.model_dump(), pickle.loads(pickle.dumps(r)) == r]\n"
        "print(json.dumps(out))\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    dumped_response, dumped_chunk, pickled_equal = json.loads(result.stdout)
    assert dumped_response == json.loads(ModelResponse(**TOOL_CALLS).model_dump_json())
    assert dumped_chunk == ModelResponseStream(**CHUNKS["usage_only"]).model_dump()
    assert pickled_equal
