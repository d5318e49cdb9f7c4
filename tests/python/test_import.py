"""`import litellm` stays cheap: no heavy modules, no network, nothing built eagerly."""

from __future__ import annotations

import json

from conftest import run_python

HEAVY = ["pydantic", "openai", "httpx", "aiohttp", "tiktoken", "asyncio", "litellm._core"]


def test_import_loads_no_heavy_module():
    code = (
        f"import sys, json\nimport litellm\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_import_opens_no_socket():
    code = (
        "import socket\n"
        "def refuse(*a, **k):\n"
        "    raise AssertionError('socket opened during import')\n"
        "socket.socket = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "import litellm\n"
        "litellm.drop_params = True\n"
        "print('ok')\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_first_use_of_a_lazy_name_loads_only_what_it_needs():
    code = (
        "import sys, json, litellm\n"
        "litellm.get_llm_provider('gpt-4o')\n"
        "print(json.dumps(['openai' in sys.modules, 'httpx' in sys.modules]))\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [False, False]


def test_a_string_mock_call_does_not_import_openai():
    # Downstream suites make thousands of mock calls; the exception classes (and openai, which
    # they subclass) are only loaded when an error is raised.
    code = (
        "import sys, litellm\n"
        "messages = [{'role': 'user', 'content': 'x'}]\n"
        "litellm.completion(model='gpt-4o', messages=messages, mock_response='hi')\n"
        "print('openai' in sys.modules)\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
