"""Shared fixtures: one mock provider for the session, and a clean slate for litellm settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def mock_binary() -> str:
    explicit = os.environ.get("FERROLITE_MOCK_BIN")
    if explicit:
        return explicit
    for profile in ("debug", "release"):
        candidate = ROOT / "target" / profile / "ferrolite-mock"
        if candidate.exists():
            return str(candidate)
    raise RuntimeError("build the mock first: cargo build --features mock-server --bin ferrolite-mock")


class MockServer:
    def __init__(self, process: subprocess.Popen, url: str):
        self.process = process
        self.url = url
        self.base = url + "/v1"

    def requests(self) -> list:
        with urllib.request.urlopen(self.url + "/__mock/requests", timeout=5) as resp:
            return json.loads(resp.read())

    def last_request(self) -> dict:
        return self.requests()[-1]

    def clear(self):
        req = urllib.request.Request(self.url + "/__mock/requests", method="DELETE")
        urllib.request.urlopen(req, timeout=5).close()


@pytest.fixture(scope="session")
def mock_server():
    process = subprocess.Popen([mock_binary(), "--port", "0"], stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline().strip()
    assert line.startswith("FERROLITE_MOCK_LISTENING "), line
    server = MockServer(process, line.split(" ", 1)[1])
    yield server
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def mock(mock_server):
    mock_server.clear()
    return mock_server


_SETTINGS = (
    "drop_params",
    "num_retries",
    "request_timeout",
    "api_key",
    "api_base",
    "headers",
    "openai_key",
    "groq_key",
    "modify_params",
    "suppress_debug_info",
)


@pytest.fixture(autouse=True)
def restore_litellm_settings():
    import litellm

    saved = {name: getattr(litellm, name) for name in _SETTINGS}
    yield
    for name, value in saved.items():
        setattr(litellm, name, value)


def run_python(code: str, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """Runs a snippet in a fresh interpreter (for import, exit and fork behaviour)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, env=full_env
    )
