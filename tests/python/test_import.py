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
