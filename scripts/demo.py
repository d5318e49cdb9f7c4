"""The main job: one real ``litellm.completion`` call and one streamed call.

Against the bundled mock provider by default; against OpenAI when OPENAI_API_KEY is set (model
from FERROLITE_DEMO_MODEL, default gpt-4o-mini).
"""

import os
import subprocess
import sys
from pathlib import Path

import litellm

ROOT = Path(__file__).resolve().parents[1]


def start_mock():
    binary = ROOT / "target" / "debug" / "ferrolite-mock"
    process = subprocess.Popen([str(binary), "--port", "0"], stdout=subprocess.PIPE, text=True)
    url = process.stdout.readline().split(" ", 1)[1].strip()
    return process, url


def main():
    mock = None
    if os.environ.get("OPENAI_API_KEY"):
        model, kwargs = os.environ.get("FERROLITE_DEMO_MODEL", "gpt-4o-mini"), {}
        print(f"calling OpenAI ({model})")
    else:
        mock, url = start_mock()
        model, kwargs = "openai/mock-model", {"api_base": url + "/v1", "api_key": "sk-mock"}
        print(f"calling the bundled mock provider at {url}")
    try:
        messages = [{"role": "user", "content": "Say hello in five words."}]
        response = litellm.completion(model=model, messages=messages, **kwargs)
        print("completion:", response.choices[0].message.content)
        print("usage:", dict(response.usage))
        print("streamed:", end=" ", flush=True)
        for chunk in litellm.completion(model=model, messages=messages, stream=True, **kwargs):
            print(chunk.choices[0].delta.content or "", end="", flush=True)
        print()
    finally:
        if mock is not None:
            mock.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
