"""One call's arguments, merged with the ``litellm`` module settings, as the core's JSON request.

The split LiteLLM makes is kept: OpenAI parameters go to the provider (after the core checks
them), LiteLLM's own keyword arguments configure the call, and any other keyword argument is
passed through to the provider body unchanged.
"""

from __future__ import annotations

import json
import sys

from litellm import _core
from litellm._params import LITELLM_OWNED_KWARGS
from litellm._prompt_templates import template_for, tokenizer_config_for

_litellm = sys.modules["litellm"]

# completion()'s named arguments that are settings, not OpenAI request parameters.
_NOT_PARAMS = frozenset(
    {
        "model",
        "messages",
        "timeout",
        "stream",
        "base_url",
        "api_version",
        "api_key",
        "model_list",
        "shared_session",
        "enable_json_schema_validation",
        "extra_headers",
        "deployment_id",
        "include_server_side_tool_invocations",
    }
)

_MOCK_KWARGS = ("mock_response", "mock_tool_calls", "mock_timeout", "mock_delay")

# `litellm.<name>_key` settings LiteLLM consults before the environment, by provider slug.
_MODULE_KEYS = {
    "openai": "openai_key",
    "custom_openai": "openai_key",
    "openai_like": "openai_key",
    "text-completion-openai": "openai_key",
    "groq": "groq_key",
    "xai": "xai_key",
    "openrouter": "openrouter_key",
    "together_ai": "togetherai_api_key",
    "anthropic": "anthropic_key",
    "azure": "azure_key",
    "huggingface": "huggingface_key",
}


# Cloud credentials and placement the core reads for Bedrock, Vertex AI and watsonx; LiteLLM
# owns these kwargs, so they never reach a provider body.
_PROVIDER_AUTH_PREFIXES = ("aws_", "vertex_", "watsonx_")
_PROVIDER_AUTH_NAMES = frozenset({"model_id", "project_id", "space_id", "token", "zen_api_key", "apikey"})
# Module settings that stand in for a call's own (`litellm.vertex_project = ...`).
_MODULE_PROVIDER_AUTH = ("vertex_project", "vertex_location")


def _provider_auth(kwargs: dict) -> dict:
    auth = {name: getattr(_litellm, name, None) for name in _MODULE_PROVIDER_AUTH}
    for name, value in kwargs.items():
        if name.startswith(_PROVIDER_AUTH_PREFIXES) or name in _PROVIDER_AUTH_NAMES:
            auth[name] = value
    return {k: v for k, v in auth.items() if v is not None}


# Bare model names that register_model() made routable: model -> provider.
registered_providers: dict = {}


class Request:
    """A call ready for the core (``payload``) or for the mock engine (``mock``)."""

    __slots__ = ("args", "kwargs", "messages", "mock", "model", "payload", "stream", "stream_options")

    def __init__(self, args, kwargs, payload, stream, mock):
        self.args = args
        self.kwargs = kwargs
        self.model = args["model"]
        self.messages = args.get("messages") or []
        self.payload = payload
        self.stream = stream
        self.stream_options = args.get("stream_options")
        self.mock = mock


def _jsonable(value):
    """json.dumps fallback: pydantic objects (``litellm.Message``...) and other mappings."""
    dump = getattr(value, "model_dump", None)
    if dump is not None:
        return dump(exclude_none=True)
    if isinstance(value, (set, tuple)):
        return list(value)
    try:
        return dict(value)
    except (TypeError, ValueError):
        raise TypeError(f"litellm: cannot send a {type(value).__name__} to the provider") from None


def _timeout_seconds(timeout):
    """A float, a numeric string, or an ``httpx.Timeout``-like object (its longest phase)."""
    if timeout is None:
        return None
    if isinstance(timeout, (int, float)):
        return float(timeout)
    if isinstance(timeout, str):
        return float(timeout)
    phases = [getattr(timeout, p, None) for p in ("read", "connect", "write", "pool")]
    phases = [p for p in phases if p is not None]
    return float(max(phases)) if phases else None


def _response_format(value):
    """A pydantic class becomes OpenAI's json_schema response format, as LiteLLM does."""
    schema_of = getattr(value, "model_json_schema", None)
    if isinstance(value, type) and schema_of is not None:
        from litellm._schema import strict_json_schema

        return {
            "type": "json_schema",
            "json_schema": {
                "name": value.__name__,
                "schema": strict_json_schema(schema_of()),
                "strict": True,
            },
        }
    return value


def _headers(kwargs, extra_headers) -> dict:
    merged = {}
    for source in (_litellm.headers, kwargs.get("headers"), extra_headers):
        if source:
            merged.update(source)
    return merged


def _azure_ad_token(kwargs: dict):
    """The call's Azure AD token, asking its token provider (a callable) when it has one."""
    token = kwargs.get("azure_ad_token")
    provider = kwargs.get("azure_ad_token_provider")
    if token is None and callable(provider):
        token = provider()
    return token


def build_payload(args: dict, kwargs: dict) -> Request:
    kwargs = dict(kwargs)
    # LiteLLM accepts its own kwargs inside `litellm_params` too (the Router passes them so).
    nested = kwargs.pop("litellm_params", None)
    if isinstance(nested, dict):
        for key, value in nested.items():
            kwargs.setdefault(key, value)

    params = {k: v for k, v in args.items() if v is not None and k not in _NOT_PARAMS}
    if "response_format" in params:
        params["response_format"] = _response_format(params["response_format"])
    stream = bool(args.get("stream"))
    if stream and args.get("stream_options") is None:
        params.pop("stream_options", None)

    lm = _litellm
    drop_params = kwargs.get("drop_params")
    num_retries = kwargs.get("num_retries")
    if num_retries is None:
        num_retries = lm.num_retries
    timeout = args.get("timeout")
    if timeout is None:
        timeout = kwargs.get("request_timeout", lm.request_timeout)
    api_base = kwargs.get("api_base") or args.get("base_url")
    module_keys = {slug: getattr(lm, attr, None) for slug, attr in _MODULE_KEYS.items()}

    options = {
        "api_base": api_base,
        "api_key": args.get("api_key"),
        "api_version": args.get("api_version") or lm.api_version,
        "azure_ad_token": _azure_ad_token(kwargs),
        "provider_auth": _provider_auth(kwargs),
        "prompt_template": template_for(args["model"]),
        "tokenizer_config": tokenizer_config_for(args["model"]),
        "custom_llm_provider": kwargs.get("custom_llm_provider") or registered_providers.get(args["model"]),
        "timeout": _timeout_seconds(timeout),
        "headers": _headers(kwargs, args.get("extra_headers")),
        "extra_body": kwargs.get("extra_body") or {},
        "num_retries": int(num_retries or 0),
        "max_retries": kwargs.get("max_retries"),
        "drop_params": bool(lm.drop_params if drop_params is None else drop_params),
        "modify_params": bool(lm.modify_params),
        "ensure_alternating_roles": bool(kwargs.get("ensure_alternating_roles")),
        "user_continue_message": kwargs.get("user_continue_message"),
        "assistant_continue_message": kwargs.get("assistant_continue_message"),
        "user_url_allowed_hosts": list(lm.user_url_allowed_hosts or []),
        "user_url_unguarded": lm.user_url_validation is False,
        "additional_drop_params": kwargs.get("additional_drop_params") or [],
        "allowed_openai_params": kwargs.get("allowed_openai_params") or [],
        "stream": stream,
        "module_keys": {k: v for k, v in module_keys.items() if v},
        "module_api_key": lm.api_key,
        "module_api_base": lm.api_base,
    }
    extra = {k: v for k, v in kwargs.items() if k not in LITELLM_OWNED_KWARGS and v is not None}

    mock = None
    if any(kwargs.get(k) is not None for k in _MOCK_KWARGS):
        mock = {k: kwargs.get(k) for k in _MOCK_KWARGS}
        mock["custom_llm_provider"] = options["custom_llm_provider"]
        mock["api_base"] = api_base
        mock["timeout"] = _timeout_seconds(args.get("timeout"))
        mock["prompt_tokens"] = kwargs.get("prompt_tokens")
        return Request(args, kwargs, None, stream, mock)

    payload = json.dumps(
        {
            "model": args["model"],
            "messages": args.get("messages") or [],
            "params": params,
            "extra": extra,
            "options": options,
        },
        default=_jsonable,
    )
    return Request(args, kwargs, payload, stream, None)


def core_error_info(error: Exception) -> dict:
    return json.loads(error.args[0])


def raise_core_error(error: Exception):
    """Re-raises a core failure as the litellm exception class it names."""
    from litellm.exceptions import _from_core

    raise _from_core(core_error_info(error)) from None


def resolve_model(model, custom_llm_provider=None, api_base=None, api_key=None):
    """``get_llm_provider`` with LiteLLM's exception on failure."""
    try:
        return _core.get_llm_provider(
            model, custom_llm_provider or registered_providers.get(model), api_base, api_key
        )
    except _core.CoreError as error:
        raise_core_error(error)
