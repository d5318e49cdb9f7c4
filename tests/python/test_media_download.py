"""Remote media a provider cannot fetch itself, downloaded and inlined as LiteLLM does: http images
for Claude, any image URL for Gemini's AI Studio and Bedrock. Downloads of internal addresses are
refused unless the host is in `litellm.user_url_allowed_hosts` (the mock is on 127.0.0.1)."""

from __future__ import annotations

import base64
import urllib.request
from urllib.parse import urlsplit

import pytest

import litellm


@pytest.fixture
def png(mock):
    with urllib.request.urlopen(mock.url + "/media/cat.png", timeout=5) as resp:
        return base64.b64encode(resp.read()).decode()


@pytest.fixture
def allow_mock(mock):
    litellm.user_url_allowed_hosts = [urlsplit(mock.url).netloc]
    yield
    litellm.user_url_allowed_hosts = []


def picture(url):
    return [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "What is this?"},
                {"type": "image_url", "image_url": {"url": url}},
            ],
        }
    ]


def anthropic(mock, url):
    litellm.completion(
        model="anthropic/claude-sonnet-4-5", messages=picture(url), api_base=mock.url, api_key="sk-ant-test"
    )
    return mock.last_request()["body"]["messages"][0]["content"][1]


def test_claude_gets_http_images_inlined(mock, png, allow_mock):
    assert anthropic(mock, mock.url + "/media/cat.png") == {
        "type": "image",
        "source": {"type": "base64", "media_type": "image/png", "data": png},
    }
    hop = anthropic(mock, mock.url + "/media/hop")
    assert hop["source"]["data"] == png, "redirects are followed"
    sniffed = anthropic(mock, mock.url + "/media/photo")
    assert sniffed["source"]["media_type"] == "image/png", "typed by its bytes"
    https = anthropic(mock, "https://example.com/cat.png")
    assert https == {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.png"}}, (
        "Claude fetches https itself"
    )


def test_gemini_and_bedrock_get_every_image_inlined(mock, png, allow_mock):
    litellm.completion(
        model="gemini/gemini-2.5-pro",
        messages=picture(mock.url + "/media/cat.png"),
        api_base=mock.url,
        api_key="AIza",
    )
    parts = mock.last_request()["body"]["contents"][0]["parts"]
    assert parts[1] == {"inline_data": {"data": png, "mime_type": "image/png"}}

    litellm.completion(
        model="bedrock/converse/anthropic.claude-3-5-sonnet-20240620-v1:0",
        messages=picture(mock.url + "/media/cat.png"),
        api_base=mock.url,
        api_key="bedrock-key",
        aws_region_name="us-east-1",
    )
    blocks = mock.last_request()["body"]["messages"][0]["content"]
    assert blocks[1] == {"image": {"source": {"bytes": png}, "format": "png"}}


def test_internal_addresses_are_refused_before_anything_is_sent(mock):
    mock.clear()
    with pytest.raises(litellm.ImageFetchError) as caught:
        anthropic(mock, mock.url + "/media/cat.png")
    assert isinstance(caught.value, litellm.BadRequestError)
    assert "URL policy rejected it" in str(caught.value) and "user_url_allowed_hosts" in str(caught.value)
    assert caught.value.llm_provider == "anthropic"
    assert not [r for r in mock.requests() if r["method"] == "POST"], "the provider was never called"
    with pytest.raises(litellm.ImageFetchError, match="URL policy rejected it"):
        anthropic(mock, "http://169.254.169.254/latest/meta-data/iam")


def test_guard_off_and_failed_downloads(mock):
    litellm.user_url_validation = False
    try:
        assert anthropic(mock, mock.url + "/media/cat.png")["source"]["type"] == "base64"
        with pytest.raises(
            litellm.BadRequestError, match=r"Status code: 404, url=http://127\.0\.0\.1:\d+/media/x"
        ):
            anthropic(mock, mock.url + "/media/x")
    finally:
        litellm.user_url_validation = True
