"""Tests for litellm.exceptions: LiteLLM 1.109.1 names, hierarchy, constructors and messages."""

import copy
import os
import pickle
import subprocess
import sys
import textwrap

import pytest

import litellm
from litellm import exceptions as E

openai = pytest.importorskip("openai")

PYTHON_DIR = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "python"
)


def _http():
    return E._http


def _response(status, headers=None, content=b"", url="https://api.openai.com/v1/chat/completions"):
    http = _http()
    return http.Response(status, headers=headers, content=content, request=http.Request("POST", url))


def _run_isolated(code):
    env = dict(os.environ)
    env["PYTHONPATH"] = PYTHON_DIR + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


# ---------------------------------------------------------------- hierarchy

OPENAI_BASES = [
    ("AuthenticationError", "AuthenticationError"),
    ("NotFoundError", "NotFoundError"),
    ("BadRequestError", "BadRequestError"),
    ("ImageFetchError", "BadRequestError"),
    ("ContextWindowExceededError", "BadRequestError"),
    ("ContentPolicyViolationError", "BadRequestError"),
    ("UnsupportedParamsError", "BadRequestError"),
    ("RejectedRequestError", "BadRequestError"),
    ("PaymentRequiredError", "BadRequestError"),
    ("LiteLLMUnknownProvider", "BadRequestError"),
    ("InvalidRequestError", "BadRequestError"),
    ("UnprocessableEntityError", "UnprocessableEntityError"),
    ("PermissionDeniedError", "PermissionDeniedError"),
    ("RateLimitError", "RateLimitError"),
    ("Timeout", "APITimeoutError"),
    ("APIConnectionError", "APIConnectionError"),
    ("APIError", "APIError"),
    ("MockException", "APIError"),
    ("InternalServerError", "InternalServerError"),
    ("BadGatewayError", "APIStatusError"),
    ("ServiceUnavailableError", "APIStatusError"),
    ("MidStreamFallbackError", "APIStatusError"),
    ("APIResponseValidationError", "APIResponseValidationError"),
    ("JSONSchemaValidationError", "APIResponseValidationError"),
    ("OpenAIError", "OpenAIError"),
]


@pytest.mark.parametrize("name,base", OPENAI_BASES)
def test_subclasses_openai(name, base):
    assert issubclass(getattr(E, name), getattr(openai, base))


def test_direct_bases_match_litellm():
    assert E.AuthenticationError.__bases__ == (openai.AuthenticationError,)
    assert E.BadGatewayError.__bases__ == (openai.APIStatusError,)
    assert E.ServiceUnavailableError.__bases__ == (openai.APIStatusError,)
    assert E.Timeout.__bases__ == (openai.APITimeoutError,)
    assert E.MidStreamFallbackError.__bases__ == (E.ServiceUnavailableError,)
    assert E.ContextWindowExceededError.__bases__ == (E.BadRequestError,)
    assert E.JSONSchemaValidationError.__bases__ == (E.APIResponseValidationError,)
    assert E.CallerCredentialAuthenticationError.__bases__ == (E.AuthenticationError,)
    assert E.CallerCredentialRateLimitError.__bases__ == (E.RateLimitError,)
    for name in (
        "ModelNotMappedError",
        "BudgetExceededError",
        "GuardrailRaisedException",
        "BlockedPiiEntityError",
    ):
        assert getattr(E, name).__bases__ == (Exception,)
    assert issubclass(E.RouterRateLimitError, ValueError)


def test_except_openai_catches_ours():
    with pytest.raises(openai.RateLimitError):
        raise litellm.RateLimitError("slow", "openai", "gpt-4o")
    with pytest.raises(openai.APIStatusError):
        raise litellm.ServiceUnavailableError("down", "openai", "gpt-4o")
    with pytest.raises(openai.APIConnectionError):
        raise litellm.Timeout("slow", "gpt-4o", "openai")
    assert isinstance(litellm.RateLimitError("m", "openai", "gpt"), openai.RateLimitError)


ALL_NAMES = [
    "AuthenticationError",
    "CallerCredentialAuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "BadRequestError",
    "ContextWindowExceededError",
    "ContentPolicyViolationError",
    "UnsupportedParamsError",
    "ImageFetchError",
    "VectorStoreSearchError",
    "MalformedRequestFieldError",
    "UnsupportedEndpointError",
    "EndpointNotSupportedByModelError",
    "InvalidRequestError",
    "UnprocessableEntityError",
    "RateLimitError",
    "CallerCredentialRateLimitError",
    "PaymentRequiredError",
    "Timeout",
    "APIConnectionError",
    "APIError",
    "InternalServerError",
    "BadGatewayError",
    "ServiceUnavailableError",
    "MidStreamFallbackError",
    "APIResponseValidationError",
    "JSONSchemaValidationError",
    "BudgetExceededError",
    "OpenAIError",
    "MockException",
    "RouterRateLimitError",
    "RouterRateLimitErrorBasic",
    "LiteLLMUnknownProvider",
    "RejectedRequestError",
    "GuardrailRaisedException",
    "BlockedPiiEntityError",
    "ModelNotMappedError",
    "ModifyResponseException",
    "SensitiveDataRouteException",
]


@pytest.mark.parametrize("name", ALL_NAMES)
def test_module_and_name(name):
    cls = getattr(E, name)
    assert cls.__module__ == "litellm.exceptions"
    assert cls.__name__ == name
    assert issubclass(cls, Exception)


def test_lazy_package_attributes_resolve_to_module_classes():
    names = getattr(litellm, "_EXCEPTIONS", ("RateLimitError", "BadRequestError", "Timeout", "APIError"))
    for name in names:
        assert getattr(litellm, name) is getattr(E, name)


def test_litellm_exception_types():
    assert E.LITELLM_EXCEPTION_TYPES[0] is E.AuthenticationError
    assert E.JSONSchemaValidationError in E.LITELLM_EXCEPTION_TYPES
    assert E.PaymentRequiredError in E.LITELLM_EXCEPTION_TYPES
    assert E.MidStreamFallbackError not in E.LITELLM_EXCEPTION_TYPES
    assert len(E.LITELLM_EXCEPTION_TYPES) == 22


# ---------------------------------------------------------------- constructors and messages

STATUS_CLASSES = [
    # (factory with LiteLLM's positional order, class name, status_code)
    (lambda: E.AuthenticationError("msg", "openai", "gpt-4o"), "AuthenticationError", 401),
    (lambda: E.NotFoundError("msg", "gpt-4o", "openai"), "NotFoundError", 404),
    (lambda: E.BadRequestError("msg", "gpt-4o", "openai"), "BadRequestError", 400),
    (
        lambda: E.UnprocessableEntityError("msg", "gpt-4o", "openai", _response(422)),
        "UnprocessableEntityError",
        422,
    ),
    (
        lambda: E.PermissionDeniedError("msg", "openai", "gpt-4o", _response(403)),
        "PermissionDeniedError",
        403,
    ),
    (lambda: E.RateLimitError("msg", "openai", "gpt-4o"), "RateLimitError", 429),
    (lambda: E.Timeout("msg", "gpt-4o", "openai"), "Timeout", 408),
    (lambda: E.ServiceUnavailableError("msg", "openai", "gpt-4o"), "ServiceUnavailableError", 503),
    (lambda: E.BadGatewayError("msg", "openai", "gpt-4o"), "BadGatewayError", 502),
    (lambda: E.InternalServerError("msg", "openai", "gpt-4o"), "InternalServerError", 500),
    (lambda: E.APIError(418, "msg", "openai", "gpt-4o"), "APIError", 418),
    (lambda: E.APIConnectionError("msg", "openai", "gpt-4o"), "APIConnectionError", 500),
    (lambda: E.UnsupportedParamsError("msg", "openai", "gpt-4o"), "UnsupportedParamsError", 400),
]


@pytest.mark.parametrize("factory,name,status", STATUS_CLASSES)
def test_prefix_status_and_attributes(factory, name, status):
    e = factory()
    assert type(e).__name__ == name
    assert e.message == f"litellm.{name}: msg"
    assert str(e) == f"litellm.{name}: msg"
    assert repr(e) == f"litellm.{name}: msg"
    assert e.status_code == status
    assert e.model == "gpt-4o"
    assert e.llm_provider == "openai"
    assert e.litellm_debug_info is None
    assert e.num_retries is None and e.max_retries is None


@pytest.mark.parametrize("factory,name,status", STATUS_CLASSES)
def test_retry_suffix(factory, name, status):
    e = factory()
    e.num_retries = 3
    assert str(e) == f"litellm.{name}: msg LiteLLM Retried: 3 times"
    e.max_retries = 5
    assert str(e) == f"litellm.{name}: msg LiteLLM Retried: 3 times, LiteLLM Max Retries: 5"
    assert repr(e) == str(e)
    e.num_retries = 0
    assert str(e) == f"litellm.{name}: msg, LiteLLM Max Retries: 5"


def test_retry_kwargs():
    e = E.AuthenticationError("bad key", "openai", "gpt", num_retries=2, max_retries=4)
    assert str(e) == "litellm.AuthenticationError: bad key LiteLLM Retried: 2 times, LiteLLM Max Retries: 4"
    assert e.args == ("litellm.AuthenticationError: bad key",)


def test_keyword_constructors():
    e = E.BadRequestError(message="m", model="gpt", llm_provider="openai", litellm_debug_info="dbg")
    assert (e.model, e.llm_provider, e.litellm_debug_info) == ("gpt", "openai", "dbg")
    r = E.RateLimitError(message="m", llm_provider="anthropic", model="claude")
    assert (r.model, r.llm_provider) == ("claude", "anthropic")
    a = E.APIError(status_code=599, message="m", llm_provider="p", model="x")
    assert a.status_code == 599 and a.llm_provider == "p"
    t = E.Timeout(message="m", model="x", llm_provider="p", exception_status_code=504)
    assert t.status_code == 504 and t.model == "x"


def test_positional_orders_differ_like_litellm():
    assert E.BadRequestError("m", "MODEL", "PROV").model == "MODEL"
    assert E.NotFoundError("m", "MODEL", "PROV").model == "MODEL"
    assert E.ContextWindowExceededError("m", "MODEL", "PROV").model == "MODEL"
    assert E.ContentPolicyViolationError("m", "MODEL", "PROV").model == "MODEL"
    assert E.Timeout("m", "MODEL", "PROV").model == "MODEL"
    assert E.RateLimitError("m", "PROV", "MODEL").model == "MODEL"
    assert E.AuthenticationError("m", "PROV", "MODEL").model == "MODEL"
    assert E.ServiceUnavailableError("m", "PROV", "MODEL").model == "MODEL"
    assert E.InternalServerError("m", "PROV", "MODEL").model == "MODEL"
    assert E.APIConnectionError("m", "PROV", "MODEL").model == "MODEL"
    assert E.UnsupportedParamsError("m", "PROV", "MODEL").model == "MODEL"
    api = E.APIError(500, "m", "PROV", "MODEL")
    assert (api.status_code, api.llm_provider, api.model) == (500, "PROV", "MODEL")
    mock = E.MockException(503, "m", "PROV", "MODEL")
    assert (mock.status_code, mock.llm_provider, mock.model) == (503, "PROV", "MODEL")


def test_required_arguments():
    with pytest.raises(TypeError):
        E.PermissionDeniedError("m", "p", "x")  # response is required
    with pytest.raises(TypeError):
        E.UnprocessableEntityError("m", "x", "p")
    with pytest.raises(TypeError):
        E.BadRequestError("m")


def test_openai_base_attributes():
    body = {
        "message": "bad temp",
        "type": "invalid_request_error",
        "param": "temperature",
        "code": "bad_value",
    }
    e = E.BadRequestError("m", "gpt", "openai", response=_response(400, {"x-request-id": "req_1"}), body=body)
    assert e.body == body
    assert (e.code, e.param, e.type) == ("bad_value", "temperature", "invalid_request_error")
    assert e.request_id == "req_1"
    assert e.request is e.response.request


def test_bad_request_status_follows_given_response():
    assert E.BadRequestError("m", "x", "p", response=_response(422)).status_code == 422
    # no usable response: the shared minimal 400 response
    a = E.BadRequestError("m", "x", "p")
    b = E.BadRequestError("m", "x", "p")
    assert a.status_code == 400 and a.response is b.response
    assert str(a.response.request.url).startswith("https://litellm.ai")


def test_context_window_and_content_policy_messages():
    cw = E.ContextWindowExceededError("too long", "gpt", "openai")
    assert str(cw) == "litellm.ContextWindowExceededError: litellm.BadRequestError: too long"
    assert cw.args == ("litellm.BadRequestError: too long",)
    assert isinstance(cw, E.BadRequestError) and cw.status_code == 400
    cp = E.ContentPolicyViolationError("unsafe", "dall-e-3", "openai", provider_specific_fields={"k": 1})
    assert str(cp) == "litellm.BadRequestError: litellm.ContentPolicyViolationError: unsafe"
    assert cp.provider_specific_fields == {"k": 1}
    assert cp._transform_error_to_string() == str(cp)
    rj = E.RejectedRequestError("guard", "gpt", "openai", request_data={"a": 1})
    assert str(rj) == "litellm.BadRequestError: litellm.RejectedRequestError: guard"
    assert rj.request_data == {"a": 1}


def test_other_bad_request_subclasses():
    pr = E.PaymentRequiredError("pay", "gpt", "openai")
    assert (str(pr), pr.status_code, pr.response.status_code) == (
        "litellm.PaymentRequiredError: pay",
        402,
        402,
    )
    img = E.ImageFetchError("cannot fetch")
    assert str(img) == "litellm.BadRequestError: cannot fetch" and img.model is None
    assert str(E.MalformedRequestFieldError("bad", "x", "p")) == "litellm.BadRequestError: bad"
    assert str(E.UnsupportedEndpointError("bad", "x", "p")) == "litellm.BadRequestError: bad"
    ep = E.EndpointNotSupportedByModelError("no embeddings", "gpt")
    assert (str(ep), ep.type, ep.param, ep.code, ep.llm_provider) == (
        "no embeddings",
        "invalid_request_error",
        "model",
        "400",
        "",
    )
    vs = E.VectorStoreSearchError([{"vector_store_id": "vs1", "error": "boom", "custom_llm_provider": None}])
    assert vs.code == "vector_store_search_failed" and vs.type == "invalid_request_error"
    assert str(vs).endswith("1 vector store search(es) failed: vs1: boom")
    up = E.LiteLLMUnknownProvider("foo/bar", "foo")
    assert str(up) == (
        "litellm.BadRequestError: Unmapped LLM provider for this endpoint. You passed model=foo/bar, "
        "custom_llm_provider=foo. Check supported provider and route: https://docs.litellm.ai/docs/providers"
    )
    inv = E.InvalidRequestError("plain", "gpt", "openai")
    assert str(inv) == "plain" and inv.status_code == 400


def test_unsupported_params_error():
    e = E.UnsupportedParamsError("drop it", llm_provider="groq", model="llama", status_code=400)
    assert str(e) == "litellm.UnsupportedParamsError: drop it"
    assert e.status_code == 400 and e.response.status_code == 400
    assert isinstance(e, openai.BadRequestError)


def test_rate_limit_error_specifics():
    upstream = _response(
        429,
        {"retry-after": "12", "set-cookie": "x=1"},
        b'{"error": {"message": "slow"}}',
        url="https://user:secret@api.example.com/v1/chat?key=abc#frag",
    )
    e = E.RateLimitError("m", "openai", "gpt", response=upstream, body={"code": "rate_limit_exceeded"})
    assert e.headers is None  # upstream headers are not copied onto e.headers
    assert e.response.headers["retry-after"] == "12"
    assert e.response.content == upstream.content
    assert str(e.response.request.url) == "https://api.example.com/v1/chat"
    assert (e.code, e.type) == ("429", "throttling_error")
    assert e.category == "vendor_rate_limit" and e.rate_limit_type is None
    assert e.detail == e.message
    e2 = E.RateLimitError(
        "m",
        "openai",
        "gpt",
        category=E.RateLimitErrorCategory.LITELLM_RATE_LIMIT,
        rate_limit_type=E.RateLimitType.TOKENS,
        headers={"retry-after": 3},
        detail={"error": "x"},
    )
    assert e2.category == "litellm_rate_limit" and e2.rate_limit_type == "tokens"
    assert e2.headers == {"retry-after": "3"} and e2.detail == {"error": "x"}
    assert E.validate_rate_limit_category("vendor_rate_limit") == "vendor_rate_limit"
    assert E.validate_rate_limit_category("other") is None
    assert E.validate_rate_limit_type(E.RateLimitType.BUDGET) == "budget"


def test_5xx_responses_are_rebuilt_with_fixed_status():
    upstream = _response(529, {"retry-after": "2"}, b"overloaded")
    for cls, status in (
        (E.ServiceUnavailableError, 503),
        (E.BadGatewayError, 502),
        (E.InternalServerError, 500),
    ):
        e = cls("m", "anthropic", "claude", response=upstream)
        assert e.status_code == status and e.response.status_code == status
        assert e.response.headers["retry-after"] == "2"
    assert E.InternalServerError("m", "p", "x").type == "internal_server_error"


def test_timeout_specifics():
    t = E.Timeout("slow", "gpt", "openai", headers={"a": "b"})
    assert t.args == ("Request timed out.",)
    assert t.headers == {"a": "b"}
    assert not hasattr(t, "response")
    t2 = E.Timeout("slow", "gpt", "openai", exception_status_code=504, response=_response(504))
    assert t2.status_code == 504 and t2.response.status_code == 504


def test_api_error_and_connection_error():
    req = _http().Request("GET", "https://example.com")
    e = E.APIError(500, "boom", "openai", "gpt", request=req, body={"code": "x"})
    assert e.request is req and e.body == {"code": "x"} and e.code == "x"
    assert not hasattr(e, "response")
    c = E.APIConnectionError("down", "openai", "gpt", request=req)
    assert c.status_code == 500
    assert str(c.request.url).startswith("https://api.openai.com/v1")  # LiteLLM ignores the given request


def test_mock_exception():
    m = E.MockException(429, "mocked", "openai", "gpt")
    assert m.status_code == 429 and str(m) == "litellm.MockException: mocked"


def test_response_validation_errors():
    e = E.APIResponseValidationError("bad shape", "openai", "gpt")
    assert str(e) == "bad shape" and e.message == "bad shape"  # the openai base resets the message
    assert e.status_code == 500
    j = E.JSONSchemaValidationError("gpt", "openai", "{}", '{"type": "object"}')
    assert str(j) == (
        'litellm.JSONSchemaValidationError: model=gpt, returned an invalid response={}, for schema={"type": '
        '"object"}.\nAccess raw response with `e.raw_response`'
    )
    assert j.raw_response == "{}" and j.schema == '{"type": "object"}' and j.llm_provider == "openai"


def test_openai_error():
    e = E.OpenAIError()
    assert e.llm_provider == "openai" and str(e) == ""


def test_mid_stream_fallback_error():
    original = E.RateLimitError("slow", "openai", "gpt")
    original.litellm_response_headers = {"retry-after": "1"}
    e = E.MidStreamFallbackError(
        "stream broke", "gpt", "openai", original_exception=original, generated_content="hi"
    )
    assert e.status_code == 429
    assert e.message == "litellm.MidStreamFallbackError: stream broke"
    assert e.args == ("litellm.MidStreamFallbackError: stream broke",)
    assert str(e) == (
        "litellm.MidStreamFallbackError: stream broke Original exception: RateLimitError: "
        "litellm.RateLimitError: slow"
    )
    assert repr(e) == str(e)
    assert e.generated_content == "hi" and e.is_pre_first_chunk is False
    assert e.litellm_response_headers == {"retry-after": "1"}
    plain = E.MidStreamFallbackError("x", "gpt", "openai")
    assert plain.status_code == 503 and str(plain) == "litellm.MidStreamFallbackError: x"
    assert str(plain.response.request.url) == "https://openai.com/v1/"


def test_non_http_errors(monkeypatch):
    b = E.BudgetExceededError(1.5, 1.0)
    assert str(b) == "Budget has been exceeded! Current cost: 1.5, Max budget: 1.0"
    assert b.status_code == getattr(litellm, "budget_exceeded_status_code", 422)
    assert (b.category, b.rate_limit_type, b.llm_provider) == ("litellm_rate_limit", "budget", "")
    monkeypatch.setattr(litellm, "budget_exceeded_status_code", 429, raising=False)
    assert E.BudgetExceededError(2, 1, message="over").status_code == 429
    g = E.GuardrailRaisedException("pii", "found ssn")
    assert str(g) == "Guardrail raised an exception, Guardrail: pii, Message: found ssn"
    assert g.status_code == 400 and g.blocked_content is False
    assert str(E.GuardrailRaisedException("g", "raw", should_wrap_with_default_message=False)) == "raw"
    p = E.BlockedPiiEntityError("EMAIL", "presidio")
    assert str(p) == (
        "Blocked entity detected: EMAIL by Guardrail: presidio. "
        "This entity is not allowed to be used in this request."
    )
    assert str(E.ModelNotMappedError("unmapped")) == "unmapped"
    r = E.RouterRateLimitError("gpt", 5.0, False, ["a", "b"], model_ids=["a"])
    assert r.status_code == 429 and r.all_deployments_in_cooldown and r.type == "all_deployments_in_cooldown"
    assert str(r) == (
        "No deployments available for selected model, Try again in 5.0 seconds. All deployments for selected "
        "model are in cooldown. Passed model=gpt. pre-call-checks=False, cooldown_list=['a', 'b']"
    )
    r2 = E.RouterRateLimitError("gpt", 1, True, [])
    assert r2.type == "rate_limit_error" and "seconds. Passed model=gpt" in str(r2)
    s = E.SensitiveDataRouteException("local-llm", "sess", guardrail_name="g")
    assert str(s) == "Sensitive data detected by g. Routing to model: local-llm"
    m = E.ModifyResponseException("blocked", "gpt", {"messages": []})
    assert m.detection_info == {} and str(m) == "blocked"


# ---------------------------------------------------------------- pickle / deepcopy

PICKLE_CASES = [
    lambda: E.AuthenticationError("m", "openai", "gpt", num_retries=1),
    lambda: E.BadRequestError("m", "gpt", "openai", body={"code": "x"}),
    lambda: E.ContextWindowExceededError("m", "gpt", "openai"),
    lambda: E.ContentPolicyViolationError("m", "gpt", "openai", provider_specific_fields={"a": 1}),
    lambda: E.RateLimitError("m", "openai", "gpt", response=_response(429, {"retry-after": "3"})),
    lambda: E.Timeout("m", "gpt", "openai"),
    lambda: E.APIError(500, "m", "openai", "gpt"),
    lambda: E.APIConnectionError("m", "openai", "gpt"),
    lambda: E.ServiceUnavailableError("m", "openai", "gpt"),
    lambda: E.UnsupportedParamsError("m", "openai", "gpt"),
    lambda: E.BudgetExceededError(2.0, 1.0),
    lambda: E.GuardrailRaisedException("g", "m"),
    lambda: E.RouterRateLimitError("gpt", 1.0, False, []),
]


@pytest.mark.parametrize("factory", PICKLE_CASES)
def test_pickle_and_deepcopy_round_trip(factory):
    e = factory()
    for clone in (pickle.loads(pickle.dumps(e)), copy.deepcopy(e), copy.copy(e)):
        assert type(clone) is type(e)
        assert str(clone) == str(e)
        assert clone.args == e.args
        assert getattr(clone, "status_code", None) == getattr(e, "status_code", None)
        assert getattr(clone, "model", None) == getattr(e, "model", None)
    restored = pickle.loads(pickle.dumps(e))
    if hasattr(e, "response"):
        assert restored.response.status_code == e.response.status_code


# ---------------------------------------------------------------- _from_core

CORE_CASES = [
    # name, status, expected class, expected status_code
    ("AuthenticationError", 401, "AuthenticationError", 401),
    ("PermissionDeniedError", 403, "PermissionDeniedError", 403),
    ("NotFoundError", 404, "NotFoundError", 404),
    ("BadRequestError", 400, "BadRequestError", 400),
    ("BadRequestError", 422, "BadRequestError", 422),
    ("ContextWindowExceededError", 400, "ContextWindowExceededError", 400),
    ("ContentPolicyViolationError", 400, "ContentPolicyViolationError", 400),
    ("UnsupportedParamsError", 400, "UnsupportedParamsError", 400),
    ("ImageFetchError", 400, "ImageFetchError", 400),
    ("UnprocessableEntityError", 422, "UnprocessableEntityError", 422),
    ("PaymentRequiredError", 402, "PaymentRequiredError", 402),
    ("RejectedRequestError", 400, "RejectedRequestError", 400),
    ("RateLimitError", 429, "RateLimitError", 429),
    ("Timeout", 408, "Timeout", 408),
    ("Timeout", 504, "Timeout", 504),
    ("APIConnectionError", 0, "APIConnectionError", 500),
    ("APIError", 418, "APIError", 418),
    ("InternalServerError", 500, "InternalServerError", 500),
    ("BadGatewayError", 502, "BadGatewayError", 502),
    ("ServiceUnavailableError", 503, "ServiceUnavailableError", 503),
    ("MidStreamFallbackError", 503, "MidStreamFallbackError", 503),
    ("APIResponseValidationError", 500, "APIResponseValidationError", 500),
    ("MockException", 500, "MockException", 500),
    ("InvalidRequestError", 400, "InvalidRequestError", 400),
    ("CallerCredentialAuthenticationError", 401, "CallerCredentialAuthenticationError", 401),
    ("CallerCredentialRateLimitError", 429, "CallerCredentialRateLimitError", 429),
    ("MalformedRequestFieldError", 400, "MalformedRequestFieldError", 400),
    ("UnsupportedEndpointError", 400, "UnsupportedEndpointError", 400),
    ("SomethingNew", 599, "APIError", 599),
]


CORE_PREFIXES = {
    "ImageFetchError": "litellm.BadRequestError: ",
    "MalformedRequestFieldError": "litellm.BadRequestError: ",
    "UnsupportedEndpointError": "litellm.BadRequestError: ",
    "CallerCredentialAuthenticationError": "litellm.AuthenticationError: ",
    "CallerCredentialRateLimitError": "litellm.RateLimitError: ",
    "ContextWindowExceededError": "litellm.ContextWindowExceededError: litellm.BadRequestError: ",
    "ContentPolicyViolationError": "litellm.BadRequestError: litellm.ContentPolicyViolationError: ",
    "RejectedRequestError": "litellm.BadRequestError: litellm.RejectedRequestError: ",
}


def _core_info(name, status, **extra):
    info = {
        "exception": name,
        "status_code": status,
        "message": "OpenAIException - something failed",
        "llm_provider": "openai",
        "model": "gpt-4o",
        "body": {"message": "something failed", "type": "server_error", "code": "boom"},
        "headers": {"retry-after": "7", "x-request-id": "req_9"},
        "num_retries": 2,
        "max_retries": 3,
        "litellm_debug_info": "\nModel: gpt-4o",
    }
    info.update(extra)
    return info


@pytest.mark.parametrize("name,status,expected,expected_status", CORE_CASES)
def test_from_core_each_class(name, status, expected, expected_status):
    e = E._from_core(_core_info(name, status))
    assert type(e) is getattr(E, expected)
    assert e.status_code == expected_status
    assert e.model == "gpt-4o"
    assert e.llm_provider == "openai"
    assert "OpenAIException - something failed" in e.message
    assert e.litellm_response_headers["Retry-After"] == "7"
    if expected not in ("InvalidRequestError", "APIResponseValidationError"):
        prefix = CORE_PREFIXES.get(expected, f"litellm.{expected}: ")
        assert e.message == prefix + "OpenAIException - something failed"
        assert e.num_retries == 2 and e.max_retries == 3
        if expected != "MockException":  # LiteLLM's MockException keeps Exception.__str__
            assert str(e).endswith("LiteLLM Retried: 2 times, LiteLLM Max Retries: 3")
        assert e.litellm_debug_info == "\nModel: gpt-4o"
    if hasattr(e, "response"):
        assert e.response.headers["retry-after"] == "7"


def test_from_core_response_for_dspy():
    e = E._from_core(_core_info("RateLimitError", 429))
    assert e.response.status_code == 429
    assert e.response.headers["retry-after"] == "7"
    assert e.response.json() == {"message": "something failed", "type": "server_error", "code": "boom"}
    assert e.body["code"] == "boom"
    assert e.request_id == "req_9"
    assert e.headers is None  # as in LiteLLM: only explicit headers= land on RateLimitError.headers


def test_from_core_body_sets_openai_fields():
    e = E._from_core(
        _core_info(
            "BadRequestError",
            400,
            body={"message": "bad", "type": "invalid_request_error", "param": "temperature", "code": "x"},
        )
    )
    assert (e.type, e.param, e.code) == ("invalid_request_error", "temperature", "x")


def test_from_core_exact_message():
    e = E._from_core(
        _core_info(
            "AuthenticationError",
            401,
            message="AuthenticationError: OpenAIException - Incorrect API key provided",
            num_retries=None,
            max_retries=None,
        )
    )
    assert (
        str(e)
        == "litellm.AuthenticationError: AuthenticationError: OpenAIException - Incorrect API key provided"
    )
    cw = E._from_core(
        _core_info(
            "ContextWindowExceededError", 400, message="ContextWindowExceededError: OpenAIException - x"
        )
    )
    assert cw.message == (
        "litellm.ContextWindowExceededError: litellm.BadRequestError: "
        "ContextWindowExceededError: OpenAIException - x"
    )


def test_from_core_timeout_without_reply_has_no_response():
    e = E._from_core(_core_info("Timeout", 408, headers={}, body=None))
    assert not hasattr(e, "response")
    assert e.litellm_response_headers is None
    c = E._from_core(_core_info("APIConnectionError", 0, headers={}, body=None))
    assert not hasattr(c, "response") and c.status_code == 500


def test_from_core_optional_fields():
    e = E._from_core(
        _core_info(
            "ContentPolicyViolationError",
            400,
            provider_specific_fields={"innererror": {"code": "ResponsibleAIPolicyViolation"}},
            response_body='{"error": {"code": "content_filter"}}',
            url="https://my-resource.openai.azure.com/openai/deployments/x/chat/completions",
        )
    )
    assert e.provider_specific_fields == {"innererror": {"code": "ResponsibleAIPolicyViolation"}}
    assert e.response.json() == {"error": {"code": "content_filter"}}
    assert "my-resource.openai.azure.com" in str(e.response.request.url)
    r = E._from_core(
        _core_info("RateLimitError", 429, category="litellm_rate_limit", rate_limit_type="tokens")
    )
    assert r.category == "litellm_rate_limit" and r.rate_limit_type == "tokens"


def test_from_core_minimal_dict_and_unknown():
    e = E._from_core({"exception": "Nope", "message": "x"})
    assert type(e) is E.APIError and e.status_code == 500 and str(e) == "litellm.APIError: x"
    assert e.litellm_response_headers is None
    u = E._from_core({"exception": "RateLimitError", "status_code": 429, "message": "m"})
    assert type(u) is E.RateLimitError and u.model == "" and u.llm_provider == ""


# ---------------------------------------------------------------- isolation: no openai, lazy import


def test_import_litellm_does_not_import_openai():
    out = _run_isolated(
        """
        import sys
        import litellm
        print(sorted(m for m in ("openai", "httpx", "httpx2", "litellm.exceptions") if m in sys.modules))
        """
    )
    assert out.strip() == "[]"


def test_works_without_openai():
    out = _run_isolated(
        """
        import sys
        sys.modules["openai"] = None
        import litellm
        from litellm import exceptions as E
        assert E._openai is None and E._http is None
        assert "httpx" not in sys.modules and "httpx2" not in sys.modules

        e = litellm.RateLimitError("slow", "openai", "gpt-4o", num_retries=1)
        assert str(e) == "litellm.RateLimitError: slow LiteLLM Retried: 1 times", str(e)
        assert e.status_code == 429 and e.response.status_code == 429
        assert (e.code, e.type, e.message) == ("429", "throttling_error", "litellm.RateLimitError: slow")
        assert type(e).__module__ == "litellm.exceptions"

        b = litellm.BadRequestError("m", "gpt", "openai", body={"code": "c", "param": "p", "type": "t"})
        assert (b.status_code, b.code, b.param, b.type, b.body["code"]) == (400, "c", "p", "t", "c")
        assert isinstance(litellm.ContextWindowExceededError("m", "x", "p"), litellm.BadRequestError)
        assert isinstance(litellm.Timeout("m", "x", "p"), litellm.exceptions._oa.APIConnectionError)
        assert litellm.Timeout("m", "x", "p").status_code == 408
        assert not isinstance(litellm.RateLimitError("m", "p", "x"), litellm.BadRequestError)
        assert issubclass(litellm.RateLimitError, litellm.exceptions._oa.APIStatusError)
        assert issubclass(litellm.APIConnectionError, litellm.exceptions._oa.APIError)
        assert litellm.APIError(500, "m", "p", "x").request.url == "https://api.openai.com/v1"
        assert litellm.InternalServerError("m", "p", "x").status_code == 500
        assert str(litellm.ContextWindowExceededError("m", "x", "p")) == (
            "litellm.ContextWindowExceededError: litellm.BadRequestError: m"
        )

        x = E._from_core({"exception": "RateLimitError", "status_code": 429, "message": "OpenAIException - m",
                          "llm_provider": "openai", "model": "gpt", "body": {"message": "m"},
                          "headers": {"Retry-After": "4"}, "num_retries": None, "max_retries": None,
                          "litellm_debug_info": None})
        assert x.response.headers["retry-after"] == "4" and x.response.headers.get("RETRY-AFTER") == "4"
        assert x.response.json() == {"message": "m"}
        assert x.litellm_response_headers["retry-after"] == "4"
        p = E._from_core({"exception": "ServiceUnavailableError", "status_code": 503, "message": "busy",
                          "headers": [["Retry-After", "9"]]})
        assert p.response.headers["retry-after"] == "9" and p.status_code == 503
        n = E._from_core({"exception": "NotFoundError", "status_code": 404, "message": "nope"})
        assert type(n) is E.NotFoundError and n.status_code == 404

        import pickle, copy
        assert str(pickle.loads(pickle.dumps(x))) == str(x)
        assert copy.deepcopy(n).status_code == 404
        assert "openai" not in [m for m, v in sys.modules.items() if v is not None]
        print("ok")
        """
    )
    assert out.strip() == "ok"


def test_from_core_rust_llm_error_json_shape():
    # serde form of src/error.rs LlmError: headers are [name, value] pairs, body is the parsed upstream body
    import json

    payload = json.dumps(
        {
            "exception": "RateLimitError",
            "status_code": 429,
            "message": "RateLimitError: OpenAIException - Rate limit reached for gpt-4o",
            "llm_provider": "openai",
            "model": "gpt-4o",
            "body": {
                "error": {
                    "message": "Rate limit reached for gpt-4o",
                    "type": "tokens",
                    "code": "rate_limit_exceeded",
                }
            },
            "headers": [
                ["retry-after", "20"],
                ["x-request-id", "req_1"],
                ["set-cookie", "a=1"],
                ["set-cookie", "b=2"],
            ],
            "num_retries": None,
        }
    )
    e = E._from_core(json.loads(payload))
    assert str(e) == "litellm.RateLimitError: RateLimitError: OpenAIException - Rate limit reached for gpt-4o"
    assert e.status_code == 429 and e.response.status_code == 429
    assert e.response.headers["retry-after"] == "20"
    assert e.litellm_response_headers["x-request-id"] == "req_1"
    # e.body is the inner ``error`` object, as the openai SDK hands it to LiteLLM
    assert e.body == {
        "message": "Rate limit reached for gpt-4o",
        "type": "tokens",
        "code": "rate_limit_exceeded",
    }
    assert e.response.json()["error"]["code"] == "rate_limit_exceeded"
    assert e.request_id == "req_1"


def test_from_core_body_without_error_member_is_kept():
    e = E._from_core(_core_info("BadRequestError", 400, body={"detail": "nope"}))
    assert e.body == {"detail": "nope"}
    s = E._from_core(_core_info("BadRequestError", 400, body={"error": "plain string"}))
    assert s.body == "plain string" and s.code is None
