"""Hugging Face's TGI text API (`huggingface/text-generation-inference/<model>`): chat rendered into
one prompt by the model family's format or its Hub chat template, TGI's `parameters`, responses and
token streams normalised, TGI's token counts as usage, and its errors."""

from __future__ import annotations

import asyncio

import pytest

import litellm

TGI = "huggingface/text-generation-inference/"
CONVERSATION = [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "Hi"},
    {"role": "assistant", "content": "Hello"},
    {"role": "user", "content": "echo:Bonjour tout le monde"},
]


@pytest.fixture(autouse=True)
def hub_on_mock(mock, monkeypatch):
    for name in ("HF_TOKEN", "HUGGINGFACE_API_KEY", "HF_API_BASE", "HUGGINGFACE_API_BASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HF_ENDPOINT", mock.url)


def tgi_requests(mock):
    return [r for r in mock.requests() if isinstance(r["body"], dict) and "inputs" in r["body"]]


def test_request_body_url_and_response(mock):
    response = litellm.completion(
        model=TGI + "meta-llama/Llama-2-7b-chat-hf",
        messages=CONVERSATION,
        api_base=mock.url,
        api_key="hf-key",
        temperature=0,
        max_tokens=50,
        stop="END",
        top_k=5,
        wait_for_model=True,
    )
    sent = tgi_requests(mock)[-1]
    assert sent["path"] == "/", "a TGI root takes the combined request"
    assert sent["headers"]["authorization"] == "Bearer hf-key"
    assert sent["body"] == {
        "inputs": "<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n [/INST]\n[INST] Hi [/INST]\nHello\n</s>"
        "[INST] echo:Bonjour tout le monde [/INST]\n",
        "parameters": {
            "temperature": 0.01,
            "max_new_tokens": 50,
            "stop": ["END"],
            "top_k": 5,
            "details": True,
            "return_full_text": False,
        },
        "stream": False,
        "options": {"wait_for_model": True},
    }
    assert response.choices[0].message.content == "Bonjour tout le monde"
    assert response.choices[0].finish_reason == "stop", "TGI's eos_token is OpenAI's stop"
    assert response.model == "meta-llama/Llama-2-7b-chat-hf"
    prompt_words = len(sent["body"]["inputs"].split())
    assert response.usage.prompt_tokens == prompt_words, "the x-prompt-tokens header"
    assert response.usage.completion_tokens == 5, "four tokens and the end-of-sequence token"


def test_generate_route_length_and_best_of(mock):
    response = litellm.completion(
        model=TGI + "tiiuae/falcon-7b-instruct",
        messages=CONVERSATION,
        api_base=mock.url + "/generate",
        max_tokens=2,
    )
    sent = tgi_requests(mock)[-1]
    assert sent["path"] == "/generate"
    assert (
        sent["body"]["inputs"] == "Be brief.user:Hi\n\nassistant:Hello\n\nuser:echo:Bonjour tout le monde\n\n"
    )
    assert response.choices[0].finish_reason == "length"
    assert response.usage.completion_tokens == 2
    with pytest.raises(litellm.UnsupportedParamsError, match="presence_penalty"):
        litellm.completion(model=TGI + "x/y", messages=CONVERSATION, api_base=mock.url, presence_penalty=0.5)
    params = litellm.get_supported_openai_params(TGI + "x/y")
    assert "n" in params and "echo" in params and "tools" not in params


def test_stream_skips_special_tokens_and_keeps_tgis_usage(mock):
    chunks = list(
        litellm.completion(
            model=TGI + "mosaicml/mpt-7b-chat",
            messages=CONVERSATION,
            api_base=mock.url + "/generate",
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    sent = tgi_requests(mock)[-1]
    assert sent["path"] == "/generate_stream", "a /generate base streams from /generate_stream"
    assert sent["body"]["inputs"].startswith("<|im_start|>systemBe brief.<|im_end|>\n")
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "Bonjour tout le monde", "no </s> in the text"
    finishes = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
    assert finishes == ["stop"]
    usage = chunks[-1].usage
    assert (usage.prompt_tokens, usage.completion_tokens) == (len(sent["body"]["inputs"].split()), 5)


def test_async_stream_on_the_combined_route(mock):
    async def run():
        stream = await litellm.acompletion(
            model=TGI + "WizardLM/WizardCoder-Python-34B-V1.0",
            messages=[{"role": "user", "content": "echo:a b c"}],
            api_base=mock.url,
            stream=True,
            stop=["b"],
        )
        text, finish = "", None
        async for chunk in stream:
            text += chunk.choices[0].delta.content or ""
            finish = chunk.choices[0].finish_reason or finish
        return text, finish

    text, finish = asyncio.run(run())
    sent = tgi_requests(mock)[-1]
    assert sent["path"] == "/" and sent["body"]["stream"] is True
    assert sent["body"]["inputs"] == "### Instruction:\necho:a b c\n\n"
    assert "b" in text and "c" not in text
    assert finish == "stop", "stop_sequence is OpenAI's stop"


def test_hub_chat_template_is_fetched_once(mock):
    for _ in range(2):
        litellm.completion(
            model=TGI + "HuggingFaceH4/zephyr-7b-beta", messages=CONVERSATION, api_base=mock.url
        )
    hub = [r for r in mock.requests() if r["method"] == "GET" and "zephyr" in r["path"]]
    assert [r["path"] for r in hub] == ["/HuggingFaceH4/zephyr-7b-beta/raw/main/tokenizer_config.json"]
    assert tgi_requests(mock)[-1]["body"]["inputs"] == (
        "\n\n<|system|>\nBe brief.</s>\n\n\n\n\n<|user|>\nHi</s>\n\n\n\n\n<|assistant|>\nHello</s>\n\n\n\n\n"
        "<|user|>\necho:Bonjour tout le monde</s>\n\n\n<|assistant|>\n\n"
    )


def test_hub_template_file_and_plain_fallback(mock):
    litellm.completion(model=TGI + "mock-org/chatml-model", messages=CONVERSATION[1:2], api_base=mock.url)
    assert (
        tgi_requests(mock)[-1]["body"]["inputs"] == "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"
    )
    litellm.completion(model=TGI + "mock-org/no-template", messages=CONVERSATION, api_base=mock.url)
    assert tgi_requests(mock)[-1]["body"]["inputs"] == "Be brief. Hi Hello echo:Bonjour tout le monde"


def test_registered_templates_win(mock):
    litellm.register_prompt_template(
        model=TGI + "my-org/custom",
        roles={"user": {"pre_message": "Q: ", "post_message": "\n"}, "assistant": {"pre_message": "A: "}},
        final_prompt_value="A:",
    )
    litellm.completion(model=TGI + "my-org/custom", messages=CONVERSATION[1:], api_base=mock.url)
    assert tgi_requests(mock)[-1]["body"]["inputs"] == "Q: Hi\nA: HelloQ: echo:Bonjour tout le monde\nA:"
    litellm.register_prompt_template(
        model="my-org/jinja",
        tokenizer_config={
            "chat_template": "{% for m in messages %}[{{ m.role }}]{{ m.content }}{% endfor %}"
        },
    )
    litellm.completion(model=TGI + "my-org/jinja", messages=CONVERSATION[:2], api_base=mock.url)
    assert tgi_requests(mock)[-1]["body"]["inputs"] == "[system]Be brief.[user]Hi"


@pytest.mark.parametrize(
    ("fault", "error", "status"),
    [
        ("422", litellm.APIError, 422),
        ("429", litellm.RateLimitError, 429),
        ("401", litellm.AuthenticationError, 401),
        ("503", litellm.ServiceUnavailableError, 503),
    ],
)
def test_errors_follow_litellms_table(mock, fault, error, status):
    with pytest.raises(error) as caught:
        litellm.completion(
            model=TGI + "x/y", messages=CONVERSATION, api_base=mock.url, extra_headers={"x-mock-fault": fault}
        )
    assert caught.value.status_code == status
    assert "HuggingfaceException" in str(caught.value)


def test_mid_stream_error_event_raises(mock):
    stream = litellm.completion(
        model=TGI + "x/y",
        messages=CONVERSATION,
        api_base=mock.url,
        stream=True,
        extra_headers={"x-mock-fault": "stream-error"},
    )
    with pytest.raises(litellm.MidStreamFallbackError, match="CUDA out of memory") as caught:
        for _ in stream:
            pass
    assert isinstance(caught.value.original_exception, litellm.APIConnectionError)
    assert caught.value.generated_content, "the tokens before the error are kept"
