"""Per-object cost of building response objects: the validating constructor vs ``_from_core``
(what the shim uses for Rust-parsed responses). Run with the dev venv: ``python benches/types_cost.py``."""

import timeit

from litellm.types.utils import ModelResponse, ModelResponseStream

TEXT = {
    "id": "chatcmpl-1",
    "created": 1,
    "model": "m",
    "object": "chat.completion",
    "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "hi"}}],
    "usage": {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4},
}
TOOLS = {
    **TEXT,
    "choices": [
        {
            "index": 0,
            "finish_reason": "tool_calls",
            "message": {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {"id": f"c{i}", "type": "function", "function": {"name": "f", "arguments": "{}"}}
                    for i in range(2)
                ],
            },
        }
    ],
}
CHUNK = {
    "id": "chatcmpl-1",
    "created": 1,
    "model": "m",
    "object": "chat.completion.chunk",
    "choices": [{"index": 0, "delta": {"content": "abc"}, "finish_reason": None}],
}

for label, cls, data in (
    ("text response", ModelResponse, TEXT),
    ("2 tool calls", ModelResponse, TOOLS),
    ("content chunk", ModelResponseStream, CHUNK),
):
    cls(**data)
    cls._from_core(data, {})
    validated = min(timeit.repeat(lambda cls=cls, data=data: cls(**data), number=2000, repeat=5)) / 2000 * 1e6
    fast = (
        min(timeit.repeat(lambda cls=cls, data=data: cls._from_core(data, {}), number=2000, repeat=5))
        / 2000
        * 1e6
    )
    print(
        f"{label:>14}: constructor {validated:6.1f} us  _from_core {fast:6.1f} us  ({validated / fast:.1f}x)"
    )
