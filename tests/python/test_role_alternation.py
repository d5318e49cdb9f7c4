"""Conversations whose roles do not alternate: `ensure_alternating_roles` (any provider, with the
caller's continuation messages), and `litellm.modify_params` / `user_continue_message` on Anthropic
and Bedrock, placed as LiteLLM 1.109.1 places them (docs/research/litellm-role-alternation.md)."""

from __future__ import annotations

import pytest

import litellm

PC = "Please continue."
BEDROCK = "bedrock/converse/anthropic.claude-3-5-sonnet-20240620-v1:0"


def U(text):
    return {"role": "user", "content": text}


def A(text):
    return {"role": "assistant", "content": text}


def TOOL_TURNS():
    call = {
        "id": "c1",
        "type": "function",
        "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
    }
    return [
        U("Weather?"),
        {"role": "assistant", "content": None, "tool_calls": [call]},
        {"role": "tool", "tool_call_id": "c1", "content": "sunny"},
        U("Thanks"),
    ]


WEATHER_TOOL = {"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}


def openai_messages(mock, messages, **kwargs):
    litellm.completion(
        model="openai/gpt-4o-mini", messages=messages, api_base=mock.base, api_key="k", **kwargs
    )
    return mock.last_request()["body"]["messages"]


def bedrock_turns(mock, messages, **kwargs):
    litellm.completion(
        model=BEDROCK,
        messages=messages,
        api_base=mock.url,
        api_key="bedrock-key",
        aws_region_name="us-east-1",
        **kwargs,
    )
    return [
        (t["role"], [b.get("text", next(iter(b))) for b in t["content"]])
        for t in mock.last_request()["body"]["messages"]
    ]


def anthropic_turns(mock, messages, **kwargs):
    litellm.completion(
        model="anthropic/claude-sonnet-4-5",
        messages=messages,
        api_base=mock.base.rsplit("/v1", 1)[0],
        api_key="k",
        **kwargs,
    )
    return [
        (t["role"], [b.get("text", b["type"]) for b in t["content"]])
        for t in mock.last_request()["body"]["messages"]
    ]


def test_ensure_alternating_roles_on_any_provider(mock):
    sent = openai_messages(mock, [A("Hi"), U("Hello")], ensure_alternating_roles=True)
    assert sent[0] == {"content": PC, "role": "user"}
    assert list(sent[0]) == ["content", "role"], "LiteLLM's default turn, key order included"
    assert [m["role"] for m in sent] == ["user", "assistant", "user"]

    custom = openai_messages(
        mock,
        [U("a"), U("b"), A("c"), A("d")],
        ensure_alternating_roles=True,
        user_continue_message={"role": "user", "content": "Go on (u)"},
        assistant_continue_message={"role": "assistant", "content": "Ack (a)"},
    )
    assert [m["content"] for m in custom] == ["a", "Ack (a)", "b", "c", "Go on (u)", "d", "Go on (u)"]

    assert openai_messages(mock, [A("Hi"), U("Hello")]) == [A("Hi"), U("Hello")], "nothing without the flag"
    tools = openai_messages(mock, TOOL_TURNS(), ensure_alternating_roles=True, tools=[WEATHER_TOOL])
    assert [m["role"] for m in tools] == ["user", "assistant", "tool", "assistant", "user"]


def test_bedrock_modify_params_fills_gaps(mock):
    assert bedrock_turns(mock, [A("Hi there"), U("Hello")]) == [
        ("assistant", ["Hi there"]),
        ("user", ["Hello"]),
    ]
    with pytest.raises(litellm.BadRequestError, match="requires at least one non-system message"):
        bedrock_turns(mock, [{"role": "system", "content": "Be brief"}])

    litellm.modify_params = True
    assert bedrock_turns(mock, [A("Hi there"), U("Hello")]) == [
        ("user", [PC]),
        ("assistant", ["Hi there"]),
        ("user", ["Hello"]),
    ]
    assert bedrock_turns(mock, [U("Hello"), A("Hi there  ")]) == [
        ("user", ["Hello"]),
        ("assistant", ["Hi there  "]),
        ("user", [PC]),
    ], "the assistant is no longer a prefill, so it keeps its spaces"
    assert bedrock_turns(mock, [U("Hello"), {"role": "assistant", "content": "Sure: ", "prefix": True}]) == [
        ("user", ["Hello"]),
        ("assistant", ["Sure:"]),
    ], "a marked prefix stays last"
    assert bedrock_turns(mock, [{"role": "system", "content": "Be brief"}]) == [("user", [PC])]
    assert bedrock_turns(mock, [U("A"), A(""), U("B")]) == [
        ("user", ["A"]),
        ("assistant", [PC]),
        ("user", ["B"]),
    ]
    assert bedrock_turns(mock, [U("   ")]) == [("user", [PC])]
    assert bedrock_turns(mock, [U("A"), U("B")]) == [("user", ["A", "B"])], "plain users still merge"
    assert bedrock_turns(mock, TOOL_TURNS(), tools=[WEATHER_TOOL]) == [
        ("user", ["Weather?"]),
        ("assistant", ["toolUse"]),
        ("user", ["toolResult"]),
        ("assistant", [PC]),
        ("user", ["Thanks"]),
    ]


def test_bedrock_user_continue_message_without_modify_params(mock):
    go_on = {"role": "user", "content": "Go on (u)"}
    assert bedrock_turns(
        mock, [{"role": "system", "content": "S"}, A("Hi"), U("x")], user_continue_message=go_on
    ) == [
        ("user", ["Go on (u)"]),
        ("assistant", ["Hi"]),
        ("user", ["x"]),
    ]
    assert bedrock_turns(mock, [U("")], user_continue_message=go_on) == [("user", ["Go on (u)"])]
    tools = bedrock_turns(mock, TOOL_TURNS(), tools=[WEATHER_TOOL], user_continue_message=go_on)
    assert tools[-1] == ("user", ["toolResult", "Thanks"]), "only modify_params separates a tool result"


def test_anthropic_needs_a_non_system_turn(mock):
    with pytest.raises(litellm.BadRequestError) as caught:
        anthropic_turns(mock, [{"role": "system", "content": "Be brief"}])
    assert str(caught.value) == (
        "litellm.BadRequestError: AnthropicException - litellm.BadRequestError: Anthropic requires at least "
        "one non-system message. Either provide one, or set `litellm.modify_params = True` // "
        "`litellm_settings::modify_params: True` to add the dummy user message - "
        "{'role': 'user', 'content': 'Please continue.'}.\n"
        "Received Messages=[{'role': 'system', 'content': 'Be brief'}]"
    )
    assert caught.value.llm_provider == "anthropic"
    litellm.modify_params = True
    assert anthropic_turns(mock, [{"role": "system", "content": "Be brief"}]) == [("user", [PC])]
    assert anthropic_turns(mock, [A("Hi"), U("Hello")]) == [("assistant", ["Hi"]), ("user", ["Hello"])], (
        "Anthropic never inserts turns for order"
    )
