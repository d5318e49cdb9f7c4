"""LiteLLM's exception types (names, constructors, attributes and messages as in litellm 1.109.1).

When the ``openai`` package is installed every HTTP-style error subclasses the matching ``openai``
exception, so ``except openai.RateLimitError`` also catches ``litellm.RateLimitError``. Without it,
small stand-ins with the same names and attributes take the place of the openai bases, and plain
response/request stand-ins replace httpx objects.

This module is only imported on first use of an exception name (``litellm.__getattr__``), so the
cost of importing openai is never paid by ``import litellm`` itself.
"""

from __future__ import annotations

import enum
from typing import Any, Mapping, Optional, Sequence

try:
    import openai as _openai
except ImportError:  # also raised when sys.modules["openai"] is None
    _openai = None


# --------------------------------------------------------------------------------------------
# HTTP objects: the library openai itself uses (httpx, or httpx2 for newer SDKs) when openai is
# importable, otherwise tiny look-alikes carrying the attributes callers read.
# --------------------------------------------------------------------------------------------


def _openai_http_module():
    import importlib
    import sys

    # The module that annotates openai's own exception signatures is the one whose objects the
    # SDK hands out; prefer it so isinstance checks against openai's responses agree with ours.
    sdk_exceptions = sys.modules.get("openai._exceptions")
    for attr in ("httpx", "httpx2"):
        candidate = getattr(sdk_exceptions, attr, None)
        if candidate is not None and hasattr(candidate, "Response"):
            return candidate
    candidate = getattr(_openai, "_httpx", None)
    if candidate is not None and hasattr(candidate, "Response"):
        return candidate
    for name in ("httpx", "httpx2"):
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    return None


_http = _openai_http_module() if _openai is not None else None


class _StandInHeaders(dict):
    """Case-insensitive header mapping (keys stored lower-cased), used when httpx is absent."""

    def __init__(self, data=None):
        super().__init__()
        if data:
            items = data.items() if hasattr(data, "items") else data
            for key, value in items:
                super().__setitem__(str(key).lower(), str(value))

    def __getitem__(self, key):
        return super().__getitem__(key.lower())

    def __setitem__(self, key, value):
        super().__setitem__(key.lower(), str(value))

    def __delitem__(self, key):
        super().__delitem__(key.lower())

    def __contains__(self, key):
        return isinstance(key, str) and super().__contains__(key.lower())

    def get(self, key, default=None):
        return super().get(key.lower(), default) if isinstance(key, str) else default


class _StandInRequest:
    """Minimal stand-in for ``httpx.Request``."""

    def __init__(self, method: str, url: str):
        self.method = method
        self.url = url
        self.headers = _StandInHeaders()

    def __repr__(self):
        return f"<Request({self.method!r}, {self.url!r})>"


class _StandInResponse:
    """Minimal stand-in for ``httpx.Response``: status, headers, body and request."""

    def __init__(self, status_code: int, headers=None, content: bytes = b"", request=None):
        self.status_code = status_code
        self.headers = _StandInHeaders(headers)
        self.content = content or b""
        self._request = request

    @property
    def request(self):
        if self._request is None:
            raise RuntimeError("The request instance has not been set on this response.")
        return self._request

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def json(self, **kwargs):
        import json

        return json.loads(self.content, **kwargs)

    def read(self) -> bytes:
        return self.content

    @property
    def is_success(self) -> bool:
        return 200 <= self.status_code < 300

    @property
    def is_error(self) -> bool:
        return self.status_code >= 400

    def __repr__(self):
        return f"<Response [{self.status_code}]>"


_REQUEST_CACHE: dict = {}


def _new_request(method: str = "POST", url: str = "https://api.openai.com/v1"):
    """A placeholder request. Placeholders are shared: building an httpx URL is the costly part."""
    key = (method, url)
    request = _REQUEST_CACHE.get(key)
    if request is None:
        request = _http.Request(method=method, url=url) if _http is not None else _StandInRequest(method, url)
        if len(_REQUEST_CACHE) < 64:
            _REQUEST_CACHE[key] = request
    return request


def _new_response(status_code: int, request=None, headers=None, content: Optional[bytes] = None):
    if request is None:
        request = _new_request("GET", "https://litellm.ai")
    if _http is None:
        return _StandInResponse(status_code, headers=headers, content=content or b"", request=request)
    if content:
        response = _http.Response(status_code=status_code, content=content, request=request)
        # keep exactly the upstream headers (no synthesized content-length)
        response.headers = _http.Headers(headers)
        return response
    return _http.Response(status_code=status_code, headers=headers, request=request)


def _is_response(obj) -> bool:
    if _http is not None and isinstance(obj, _http.Response):
        return True
    return isinstance(obj, _StandInResponse)


def _new_headers(headers):
    return _http.Headers(headers) if _http is not None else _StandInHeaders(headers)


def _response_body(response) -> bytes:
    if not _is_response(response):
        return b""
    try:
        return response.content
    except Exception:  # body not read yet (streamed response)
        return b""


def _strip_credentials(url) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(str(url))
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def _request_without_credentials(upstream, fallback_url: str):
    if not _is_response(upstream):
        return _new_request("POST", fallback_url)
    try:
        original = upstream.request
    except RuntimeError:
        return _new_request("POST", fallback_url)
    url = original.url
    if _http is not None and isinstance(original, _http.Request) and not original.headers:
        if not (getattr(url, "userinfo", b"") or getattr(url, "query", b"") or getattr(url, "fragment", "")):
            return original  # already a bare placeholder with nothing secret in it
    if _http is not None and hasattr(url, "copy_with"):
        return _http.Request(
            method=original.method, url=url.copy_with(userinfo=b"", query=None, fragment=None)
        )
    return _new_request(original.method, _strip_credentials(url))


def error_response_without_credentials(status_code: int, upstream: object, fallback_url: str):
    """A fresh response with ``status_code`` that keeps the upstream body, headers and elapsed time
    but whose request URL has no user-info, query string or fragment (they may carry API keys)."""
    request = _request_without_credentials(upstream, fallback_url)
    headers = upstream.headers if _is_response(upstream) else None
    response = _new_response(status_code, request=request, headers=headers, content=_response_body(upstream))
    if _http is not None and isinstance(upstream, _http.Response):
        try:
            response.elapsed = upstream.elapsed
        except (RuntimeError, AttributeError):
            pass
    return response


_NO_UPSTREAM_REQUEST_URL = "https://cloud.google.com/vertex-ai/"
_MINIMAL_ERROR_RESPONSE = None


def _get_minimal_error_response():
    """Shared 400 response used by BadRequestError when no usable response is given."""
    global _MINIMAL_ERROR_RESPONSE
    if _MINIMAL_ERROR_RESPONSE is None:
        _MINIMAL_ERROR_RESPONSE = _new_response(400, request=_new_request("GET", "https://litellm.ai"))
    return _MINIMAL_ERROR_RESPONSE


# --------------------------------------------------------------------------------------------
# openai exception bases (or stand-ins with the same names and constructor contracts)
# --------------------------------------------------------------------------------------------

if _openai is None:

    class _OpenAIStandIns:
        """Replacements for openai's exception classes when the SDK is not installed."""

        class OpenAIError(Exception):
            pass

        class APIError(OpenAIError):
            code = None
            param = None
            type = None

            def __init__(self, message, request, *, body):
                super().__init__(message)
                self.request = request
                self.message = message
                self.body = body
                if isinstance(body, dict):
                    code = body.get("code")
                    self.code = str(code) if code is not None else None
                    param = body.get("param")
                    self.param = param if isinstance(param, str) else None
                    kind = body.get("type")
                    self.type = kind if isinstance(kind, str) else None
                else:
                    self.code = None
                    self.param = None
                    self.type = None

        class APIResponseValidationError(APIError):
            def __init__(self, response, body, *, message=None):
                super().__init__(
                    message or "Data returned by API invalid for expected schema.",
                    response.request,
                    body=body,
                )
                self.response = response
                self.status_code = response.status_code

        class APIStatusError(APIError):
            def __init__(self, message, *, response, body):
                super().__init__(message, response.request, body=body)
                self.response = response
                self.status_code = response.status_code
                self.request_id = response.headers.get("x-request-id")

        class APIConnectionError(APIError):
            def __init__(self, *, message="Connection error.", request):
                super().__init__(message, request, body=None)

        class APITimeoutError(APIConnectionError):
            def __init__(self, request):
                super().__init__(message="Request timed out.", request=request)

        class BadRequestError(APIStatusError):
            status_code = 400

        class AuthenticationError(APIStatusError):
            status_code = 401

        class PermissionDeniedError(APIStatusError):
            status_code = 403

        class NotFoundError(APIStatusError):
            status_code = 404

        class ConflictError(APIStatusError):
            status_code = 409

        class UnprocessableEntityError(APIStatusError):
            status_code = 422

        class RateLimitError(APIStatusError):
            status_code = 429

        class InternalServerError(APIStatusError):
            pass

    _oa: Any = _OpenAIStandIns
else:
    _oa = _openai


# --------------------------------------------------------------------------------------------
# shared behaviour
# --------------------------------------------------------------------------------------------


def _message_with_retries(self) -> str:
    text = self.message
    retried = getattr(self, "num_retries", None)
    if retried:
        text += f" LiteLLM Retried: {retried} times"
    ceiling = getattr(self, "max_retries", None)
    if ceiling:
        text += f", LiteLLM Max Retries: {ceiling}"
    return text


def _restore_exception(cls, args, state):
    obj = cls.__new__(cls, *args)
    obj.args = args
    obj.__dict__.update(state)
    return obj


def _reduce_exception(self):
    # LiteLLM's constructors need more than ``self.args``; rebuild from the instance state instead
    # of re-running __init__, so pickling (multiprocessing, pools) and deepcopy both work.
    return _restore_exception, (type(self), self.args, dict(self.__dict__))


class RateLimitErrorCategory(str, enum.Enum):
    """Where a rate limit came from: the upstream vendor or LiteLLM's own limiters."""

    VENDOR_RATE_LIMIT = "vendor_rate_limit"
    VENDOR_BATCH_RATE_LIMIT = "vendor_batch_rate_limit"
    LITELLM_RATE_LIMIT = "litellm_rate_limit"
    LITELLM_BATCH_RATE_LIMIT = "litellm_batch_rate_limit"


class RateLimitType(str, enum.Enum):
    """Which limit dimension was exceeded."""

    REQUESTS = "requests"
    TOKENS = "tokens"
    CONCURRENT_REQUESTS = "concurrent_requests"
    BUDGET = "budget"
    MAX_ITERATIONS = "max_iterations"


_RATE_LIMIT_CATEGORY_VALUES = frozenset(member.value for member in RateLimitErrorCategory)
_RATE_LIMIT_TYPE_VALUES = frozenset(member.value for member in RateLimitType)


def validate_rate_limit_category(value: object) -> Optional[str]:
    """``value`` as a plain string if it names a RateLimitErrorCategory, else None."""
    if isinstance(value, RateLimitErrorCategory):
        return value.value
    if isinstance(value, str) and value in _RATE_LIMIT_CATEGORY_VALUES:
        return value
    return None


def validate_rate_limit_type(value: object) -> Optional[str]:
    """``value`` as a plain string if it names a RateLimitType, else None."""
    if isinstance(value, RateLimitType):
        return value.value
    if isinstance(value, str) and value in _RATE_LIMIT_TYPE_VALUES:
        return value
    return None


def _has_request(response) -> bool:
    return response is not None and getattr(response, "_request", None) is not None


# --------------------------------------------------------------------------------------------
# 4xx
# --------------------------------------------------------------------------------------------


class AuthenticationError(_oa.AuthenticationError):
    def __init__(
        self,
        message,
        llm_provider,
        model,
        response=None,
        litellm_debug_info: Optional[str] = None,
        max_retries: Optional[int] = None,
        num_retries: Optional[int] = None,
        body: Optional[Mapping[str, object]] = None,
    ):
        self.status_code = 401
        self.message = f"litellm.AuthenticationError: {message}"
        self.llm_provider = llm_provider
        self.model = model
        self.litellm_debug_info = litellm_debug_info
        self.max_retries = max_retries
        self.num_retries = num_retries
        self.response = response or _new_response(self.status_code)
        super().__init__(self.message, response=self.response, body=body)

    __str__ = _message_with_retries
    __repr__ = _message_with_retries
    __reduce__ = _reduce_exception


class CallerCredentialAuthenticationError(AuthenticationError):
    """401 for the calling user's own stored provider credential (not the shared deployment)."""


class NotFoundError(_oa.NotFoundError):
    def __init__(
        self,
        message,
        model,
        llm_provider,
        response=None,
        litellm_debug_info: Optional[str] = None,
        max_retries: Optional[int] = None,
        num_retries: Optional[int] = None,
        body: Optional[Mapping[str, object]] = None,
    ):
        self.status_code = 404
        self.message = f"litellm.NotFoundError: {message}"
        self.model = model
        self.llm_provider = llm_provider
        self.litellm_debug_info = litellm_debug_info
        self.max_retries = max_retries
        self.num_retries = num_retries
        self.response = response or _new_response(self.status_code)
        super().__init__(self.message, response=self.response, body=body)

    __str__ = _message_with_retries
    __repr__ = _message_with_retries
    __reduce__ = _reduce_exception


class BadRequestError(_oa.BadRequestError):
    def __init__(
        self,
        message,
        model,
        llm_provider,
        response=None,
        litellm_debug_info: Optional[str] = None,
        max_retries: Optional[int] = None,
        num_retries: Optional[int] = None,
        body: Optional[Mapping[str, object]] = None,
    ):
        self.status_code = 400
        self.message = f"litellm.BadRequestError: {message}"
        self.model = model
        self.llm_provider = llm_provider
        self.litellm_debug_info = litellm_debug_info
        self.max_retries = max_retries
        self.num_retries = num_retries
        self.response = response if _has_request(response) else _get_minimal_error_response()
        super().__init__(self.message, response=self.response, body=body)

    __str__ = _message_with_retries
    __repr__ = _message_with_retries
    __reduce__ = _reduce_exception


class ImageFetchError(BadRequestError):
    def __init__(
        self,
        message,
        model=None,
        llm_provider=None,
        response=None,
        litellm_debug_info: Optional[str] = None,
        max_retries: Optional[int] = None,
        num_retries: Optional[int] = None,
        body: Optional[Mapping[str, object]] = None,
    ):
        super().__init__(
            message=message,
            model=model,
            llm_provider=llm_provider,
            response=response,
            litellm_debug_info=litellm_debug_info,
            max_retries=max_retries,
            num_retries=num_retries,
            body=body,
        )


VECTOR_STORE_SEARCH_FAILED_CODE = "vector_store_search_failed"


class VectorStoreSearchError(BadRequestError):
    def __init__(self, failures: Sequence[Mapping[str, Any]], model=None, llm_provider=None) -> None:
        self.failures = tuple(failures)
        detail = "; ".join(f"{item['vector_store_id']}: {item['error']}" for item in self.failures)
        super().__init__(
            message=(
                "The request could not be grounded in every configured vector store. "
                f"{len(self.failures)} vector store search(es) failed: {detail}"
            ),
            model=model,
            llm_provider=llm_provider,
            body={"type": "invalid_request_error", "code": VECTOR_STORE_SEARCH_FAILED_CODE},
        )


class MalformedRequestFieldError(BadRequestError):
    pass


class UnsupportedEndpointError(BadRequestError):
    pass


class EndpointNotSupportedByModelError(BadRequestError):
    def __init__(self, message: str, model: str, llm_provider: str = "") -> None:
        super().__init__(message=message, model=model, llm_provider=llm_provider)
        self.message = message
        self.type = "invalid_request_error"
        self.param = "model"
        self.code = "400"


class UnprocessableEntityError(_oa.UnprocessableEntityError):
    def __init__(
        self,
        message,
        model,
        llm_provider,
        response,
        litellm_debug_info: Optional[str] = None,
        max_retries: Optional[int] = None,
        num_retries: Optional[int] = None,
    ):
        self.status_code = 422
        self.message = f"litellm.UnprocessableEntityError: {message}"
        self.model = model
        self.llm_provider = llm_provider
        self.litellm_debug_info = litellm_debug_info
        self.max_retries = max_retries
        self.num_retries = num_retries
        super().__init__(self.message, response=response, body=None)

    __str__ = _message_with_retries
    __repr__ = _message_with_retries
    __reduce__ = _reduce_exception


class Timeout(_oa.APITimeoutError):
    def __init__(
        self,
        message,
        model,
        llm_provider,
        litellm_debug_info: Optional[str] = None,
        max_retries: Optional[int] = None,
        num_retries: Optional[int] = None,
        headers: Optional[dict] = None,
        exception_status_code: Optional[int] = None,
        response=None,
    ):
        super().__init__(request=_new_request("POST", "https://api.openai.com/v1"))
        self.status_code = exception_status_code or 408
        self.message = f"litellm.Timeout: {message}"
        self.model = model
        self.llm_provider = llm_provider
        self.litellm_debug_info = litellm_debug_info
        self.max_retries = max_retries
        self.num_retries = num_retries
        self.headers = headers
        if response is not None:
            self.response = response

    __str__ = _message_with_retries
    __repr__ = _message_with_retries
    __reduce__ = _reduce_exception


class PermissionDeniedError(_oa.PermissionDeniedError):
    def __init__(
        self,
        message,
        llm_provider,
        model,
        response,
        litellm_debug_info: Optional[str] = None,
        max_retries: Optional[int] = None,
        num_retries: Optional[int] = None,
    ):
        self.status_code = 403
        self.message = f"litellm.PermissionDeniedError: {message}"
        self.llm_provider = llm_provider
        self.model = model
        self.litellm_debug_info = litellm_debug_info
        self.max_retries = max_retries
        self.num_retries = num_retries
        super().__init__(self.message, response=response, body=None)

    __str__ = _message_with_retries
    __repr__ = _message_with_retries
    __reduce__ = _reduce_exception


class RateLimitError(_oa.RateLimitError):
    """Every rate-limit condition (vendor 429s and LiteLLM's own limiters); see ``category``."""

    def __init__(
        self,
        message,
        llm_provider,
        model,
        response=None,
        litellm_debug_info: Optional[str] = None,
        max_retries: Optional[int] = None,
        num_retries: Optional[int] = None,
        category=RateLimitErrorCategory.VENDOR_RATE_LIMIT,
        rate_limit_type=None,
        headers: Optional[dict] = None,
        detail: object = None,
        body: object = None,
    ):
        self.status_code = 429
        self.message = f"litellm.RateLimitError: {message}"
        self.llm_provider = llm_provider
        self.model = model
        self.litellm_debug_info = litellm_debug_info
        self.max_retries = max_retries
        self.num_retries = num_retries
        self.category = category.value if isinstance(category, RateLimitErrorCategory) else category
        self.rate_limit_type = (
            rate_limit_type.value if isinstance(rate_limit_type, RateLimitType) else rate_limit_type
        )
        # Only explicitly supplied headers land here; upstream response headers stay on
        # ``self.response.headers`` so a vendor cannot inject headers into proxy replies.
        self.headers = {key: str(value) for key, value in headers.items()} if headers else None
        self.detail = detail if detail is not None else self.message
        self.response = error_response_without_credentials(429, response, _NO_UPSTREAM_REQUEST_URL)
        super().__init__(self.message, response=self.response, body=body)
        self.code = "429"
        self.type = "throttling_error"

    __str__ = _message_with_retries
    __repr__ = _message_with_retries
    __reduce__ = _reduce_exception


class CallerCredentialRateLimitError(RateLimitError):
    """429 from a per-user credential exchange (not the shared deployment)."""


class ContextWindowExceededError(BadRequestError):
    def __init__(
        self,
        message,
        model,
        llm_provider,
        response=None,
        litellm_debug_info: Optional[str] = None,
        body: Optional[Mapping[str, object]] = None,
    ):
        self.status_code = 400
        self.model = model
        self.llm_provider = llm_provider
        self.litellm_debug_info = litellm_debug_info
        super().__init__(
            message=message,
            model=self.model,
            llm_provider=self.llm_provider,
            response=response,
            litellm_debug_info=self.litellm_debug_info,
            body=body,
        )
        # LiteLLM stacks its own prefix on top of the BadRequestError one
        self.message = f"litellm.ContextWindowExceededError: {self.message}"


class PaymentRequiredError(BadRequestError):
    def __init__(
        self,
        message: str,
        model: str,
        llm_provider: str,
        response=None,
        litellm_debug_info: Optional[str] = None,
    ) -> None:
        if not _has_request(response):
            response = _new_response(402)
        super().__init__(
            message=message,
            model=model,
            llm_provider=llm_provider,
            response=response,
            litellm_debug_info=litellm_debug_info,
        )
        self.status_code = 402
        self.message = f"litellm.PaymentRequiredError: {message}"


class RejectedRequestError(BadRequestError):
    def __init__(
        self,
        message,
        model,
        llm_provider,
        request_data: dict,
        litellm_debug_info: Optional[str] = None,
    ):
        self.status_code = 400
        self.message = f"litellm.RejectedRequestError: {message}"
        self.model = model
        self.llm_provider = llm_provider
        self.litellm_debug_info = litellm_debug_info
        self.request_data = request_data
        super().__init__(
            message=self.message,
            model=self.model,
            llm_provider=self.llm_provider,
            response=_new_response(400, request=_new_request("POST", "https://api.openai.com/v1")),
            litellm_debug_info=self.litellm_debug_info,
        )


class ContentPolicyViolationError(BadRequestError):
    def __init__(
        self,
        message,
        model,
        llm_provider,
        response=None,
        litellm_debug_info: Optional[str] = None,
        provider_specific_fields: Optional[dict] = None,
        body: Optional[Mapping[str, object]] = None,
    ):
        self.status_code = 400
        self.message = f"litellm.ContentPolicyViolationError: {message}"
        self.model = model
        self.llm_provider = llm_provider
        self.litellm_debug_info = litellm_debug_info
        self.provider_specific_fields = provider_specific_fields
        super().__init__(
            message=self.message,
            model=self.model,
            llm_provider=self.llm_provider,
            response=response,
            litellm_debug_info=self.litellm_debug_info,
            body=body,
        )

    def _transform_error_to_string(self) -> str:
        return _message_with_retries(self)


class UnsupportedParamsError(BadRequestError):
    def __init__(
        self,
        message,
        llm_provider: Optional[str] = None,
        model: Optional[str] = None,
        status_code: int = 400,
        response=None,
        litellm_debug_info: Optional[str] = None,
        max_retries: Optional[int] = None,
        num_retries: Optional[int] = None,
    ):
        # LiteLLM never runs the openai base constructor here; the request/response/body
        # attributes below are filled in anyway so generic handlers can read them.
        self.status_code = 400
        self.message = f"litellm.UnsupportedParamsError: {message}"
        self.model = model
        self.llm_provider = llm_provider
        self.litellm_debug_info = litellm_debug_info
        self.response = response or _new_response(self.status_code)
        self.request = _new_request("GET", "https://litellm.ai")
        self.body = None
        self.code = None
        self.param = None
        self.type = None
        self.request_id = None
        self.max_retries = max_retries
        self.num_retries = num_retries


class InvalidRequestError(_oa.BadRequestError):
    """Deprecated LiteLLM alias kept for old callers; its message carries no prefix."""

    def __init__(self, message, model, llm_provider):
        self.status_code = 400
        self.message = message
        self.model = model
        self.llm_provider = llm_provider
        self.response = _new_response(400)
        super().__init__(message=self.message, response=self.response, body=None)

    __reduce__ = _reduce_exception


# --------------------------------------------------------------------------------------------
# 5xx and transport
# --------------------------------------------------------------------------------------------


class ServiceUnavailableError(_oa.APIStatusError):
    def __init__(
        self,
        message,
        llm_provider,
        model,
        response=None,
        litellm_debug_info: Optional[str] = None,
        max_retries: Optional[int] = None,
        num_retries: Optional[int] = None,
    ):
        self.status_code = 503
        self.message = f"litellm.ServiceUnavailableError: {message}"
        self.llm_provider = llm_provider
        self.model = model
        self.litellm_debug_info = litellm_debug_info
        self.max_retries = max_retries
        self.num_retries = num_retries
        self.response = error_response_without_credentials(503, response, _NO_UPSTREAM_REQUEST_URL)
        super().__init__(self.message, response=self.response, body=None)

    __str__ = _message_with_retries
    __repr__ = _message_with_retries
    __reduce__ = _reduce_exception


class BadGatewayError(_oa.APIStatusError):
    def __init__(
        self,
        message,
        llm_provider,
        model,
        response=None,
        litellm_debug_info: Optional[str] = None,
        max_retries: Optional[int] = None,
        num_retries: Optional[int] = None,
    ):
        self.status_code = 502
        self.message = f"litellm.BadGatewayError: {message}"
        self.llm_provider = llm_provider
        self.model = model
        self.litellm_debug_info = litellm_debug_info
        self.max_retries = max_retries
        self.num_retries = num_retries
        self.response = error_response_without_credentials(502, response, _NO_UPSTREAM_REQUEST_URL)
        super().__init__(self.message, response=self.response, body=None)

    __str__ = _message_with_retries
    __repr__ = _message_with_retries
    __reduce__ = _reduce_exception


class InternalServerError(_oa.InternalServerError):
    def __init__(
        self,
        message,
        llm_provider,
        model,
        response=None,
        litellm_debug_info: Optional[str] = None,
        max_retries: Optional[int] = None,
        num_retries: Optional[int] = None,
        body: object = None,
    ):
        self.status_code = 500
        self.message = f"litellm.InternalServerError: {message}"
        self.llm_provider = llm_provider
        self.model = model
        self.litellm_debug_info = litellm_debug_info
        self.max_retries = max_retries
        self.num_retries = num_retries
        self.response = error_response_without_credentials(500, response, _NO_UPSTREAM_REQUEST_URL)
        super().__init__(self.message, response=self.response, body=body)
        self.type = "internal_server_error"

    __str__ = _message_with_retries
    __repr__ = _message_with_retries
    __reduce__ = _reduce_exception


class APIError(_oa.APIError):
    def __init__(
        self,
        status_code: int,
        message,
        llm_provider,
        model,
        request=None,
        litellm_debug_info: Optional[str] = None,
        max_retries: Optional[int] = None,
        num_retries: Optional[int] = None,
        body: object = None,
        response=None,
    ):
        self.status_code = status_code
        self.message = f"litellm.APIError: {message}"
        self.llm_provider = llm_provider
        self.model = model
        self.litellm_debug_info = litellm_debug_info
        self.max_retries = max_retries
        self.num_retries = num_retries
        if response is not None:
            self.response = response
        if request is None:
            request = _new_request("POST", "https://api.openai.com/v1")
        super().__init__(self.message, request=request, body=body)

    __str__ = _message_with_retries
    __repr__ = _message_with_retries
    __reduce__ = _reduce_exception


class APIConnectionError(_oa.APIConnectionError):
    def __init__(
        self,
        message,
        llm_provider,
        model,
        request=None,
        litellm_debug_info: Optional[str] = None,
        max_retries: Optional[int] = None,
        num_retries: Optional[int] = None,
    ):
        self.message = f"litellm.APIConnectionError: {message}"
        self.llm_provider = llm_provider
        self.model = model
        self.status_code = 500
        self.litellm_debug_info = litellm_debug_info
        # LiteLLM always substitutes a placeholder request here, whatever was passed in
        self.request = _new_request("POST", "https://api.openai.com/v1")
        self.max_retries = max_retries
        self.num_retries = num_retries
        super().__init__(message=self.message, request=self.request)

    __str__ = _message_with_retries
    __repr__ = _message_with_retries
    __reduce__ = _reduce_exception


class APIResponseValidationError(_oa.APIResponseValidationError):
    def __init__(
        self,
        message,
        llm_provider,
        model,
        litellm_debug_info: Optional[str] = None,
        max_retries: Optional[int] = None,
        num_retries: Optional[int] = None,
    ):
        # The openai base stores the unprefixed text back into ``message``, exactly as in LiteLLM.
        self.message = f"litellm.APIResponseValidationError: {message}"
        self.llm_provider = llm_provider
        self.model = model
        response = _new_response(500, request=_new_request("POST", "https://api.openai.com/v1"))
        self.litellm_debug_info = litellm_debug_info
        self.max_retries = max_retries
        self.num_retries = num_retries
        super().__init__(response=response, body=None, message=message)

    __str__ = _message_with_retries
    __repr__ = _message_with_retries
    __reduce__ = _reduce_exception


class JSONSchemaValidationError(APIResponseValidationError):
    def __init__(self, model: str, llm_provider: str, raw_response: str, schema: str) -> None:
        self.raw_response = raw_response
        self.schema = schema
        self.model = model
        message = (
            f"litellm.JSONSchemaValidationError: model={model}, returned an invalid response={raw_response}, "
            f"for schema={schema}.\nAccess raw response with `e.raw_response`"
        )
        self.message = message
        super().__init__(model=model, message=message, llm_provider=llm_provider)


class OpenAIError(_oa.OpenAIError):
    def __init__(self, original_exception=None):
        super().__init__()
        self.llm_provider = "openai"

    __reduce__ = _reduce_exception


class MockException(_oa.APIError):
    """Raised by mock responses in tests."""

    def __init__(
        self,
        status_code: int,
        message,
        llm_provider,
        model,
        request=None,
        litellm_debug_info: Optional[str] = None,
        max_retries: Optional[int] = None,
        num_retries: Optional[int] = None,
    ):
        self.status_code = status_code
        self.message = f"litellm.MockException: {message}"
        self.llm_provider = llm_provider
        self.model = model
        self.litellm_debug_info = litellm_debug_info
        self.max_retries = max_retries
        self.num_retries = num_retries
        if request is None:
            request = _new_request("POST", "https://api.openai.com/v1")
        super().__init__(self.message, request=request, body=None)

    __reduce__ = _reduce_exception


class MidStreamFallbackError(ServiceUnavailableError):
    def __init__(
        self,
        message: str,
        model: str,
        llm_provider: str,
        original_exception: Optional[Exception] = None,
        response=None,
        litellm_debug_info: Optional[str] = None,
        max_retries: Optional[int] = None,
        num_retries: Optional[int] = None,
        generated_content: str = "",
        is_pre_first_chunk: bool = False,
        emitted_disqualifying_content: bool = False,
    ):
        original_status = getattr(original_exception, "status_code", None)
        status_code = int(original_status) if original_status is not None else 503
        own_message = f"litellm.MidStreamFallbackError: {message}"
        self.model = model
        self.llm_provider = llm_provider
        self.original_exception = original_exception
        self.generated_content = generated_content
        self.is_pre_first_chunk = is_pre_first_chunk
        self.emitted_disqualifying_content = emitted_disqualifying_content
        if response is None:
            response = _new_response(
                status_code, request=_new_request("POST", f"https://{llm_provider}.com/v1/")
            )
        request = getattr(response, "_request", None) or _new_request(
            "POST", f"https://{llm_provider}.com/v1/"
        )
        super().__init__(
            message=own_message,
            llm_provider=llm_provider,
            model=model,
            response=response,
            litellm_debug_info=litellm_debug_info,
            max_retries=max_retries,
            num_retries=num_retries,
        )
        # undo what ServiceUnavailableError forced (503, rebuilt response, its own prefix)
        self.status_code = status_code
        self.response = response
        self.request = request
        self.message = own_message
        self.args = (own_message,)
        upstream_headers = getattr(original_exception, "litellm_response_headers", None)
        if upstream_headers is not None:
            self.litellm_response_headers = upstream_headers

    def __str__(self):
        text = _message_with_retries(self)
        if self.original_exception:
            text += (
                f" Original exception: {type(self.original_exception).__name__}: {self.original_exception}"
            )
        return text

    def __repr__(self):
        return self.__str__()


LITELLM_EXCEPTION_TYPES = [
    AuthenticationError,
    NotFoundError,
    BadRequestError,
    UnprocessableEntityError,
    UnsupportedParamsError,
    UnsupportedEndpointError,
    Timeout,
    PermissionDeniedError,
    RateLimitError,
    ContextWindowExceededError,
    PaymentRequiredError,
    RejectedRequestError,
    ContentPolicyViolationError,
    InternalServerError,
    ServiceUnavailableError,
    BadGatewayError,
    APIError,
    APIConnectionError,
    APIResponseValidationError,
    OpenAIError,
    InternalServerError,
    JSONSchemaValidationError,
]


# --------------------------------------------------------------------------------------------
# non-HTTP errors
# --------------------------------------------------------------------------------------------

_UNMAPPED_PROVIDER_TEMPLATE = (
    "Unmapped LLM provider for this endpoint. You passed model={model}, "
    "custom_llm_provider={custom_llm_provider}. Check supported provider and route: "
    "https://docs.litellm.ai/docs/providers"
)


class LiteLLMUnknownProvider(BadRequestError):
    def __init__(self, model: str, custom_llm_provider: Optional[str] = None):
        self.message = _UNMAPPED_PROVIDER_TEMPLATE.format(
            model=model, custom_llm_provider=custom_llm_provider
        )
        super().__init__(self.message, model=model, llm_provider=custom_llm_provider, response=None)

    def __str__(self):
        return self.message


class ModelNotMappedError(Exception):
    __reduce__ = _reduce_exception


class BudgetExceededError(Exception):
    def __init__(
        self,
        current_cost: float,
        max_budget: float,
        message: Optional[str] = None,
        llm_provider: Optional[str] = None,
        entity_type: Optional[str] = None,
        entity_id: Optional[str] = None,
    ):
        import litellm

        self.current_cost = current_cost
        self.max_budget = max_budget
        self.status_code = getattr(litellm, "budget_exceeded_status_code", 422)
        self.llm_provider = llm_provider or ""
        self.entity_type = entity_type
        self.entity_id = entity_id
        self.category = RateLimitErrorCategory.LITELLM_RATE_LIMIT.value
        self.rate_limit_type = RateLimitType.BUDGET.value
        message = (
            message or f"Budget has been exceeded! Current cost: {current_cost}, Max budget: {max_budget}"
        )
        self.message = message
        super().__init__(message)

    __reduce__ = _reduce_exception


class GuardrailRaisedException(Exception):
    """A guardrail refused the request. ``blocked_content`` is True only when the guardrail actually
    judged the payload (as opposed to failing closed because it could not reach a verdict)."""

    def __init__(
        self,
        guardrail_name: Optional[str] = None,
        message: str = "",
        should_wrap_with_default_message: bool = True,
        status_code: int = 400,
        blocked_content: bool = False,
    ):
        self.guardrail_name = guardrail_name
        self.status_code = status_code
        self.blocked_content = blocked_content
        if should_wrap_with_default_message:
            message = f"Guardrail raised an exception, Guardrail: {guardrail_name}, Message: {message}"
        self.message = message
        super().__init__(self.message)

    __reduce__ = _reduce_exception


class BlockedPiiEntityError(Exception):
    def __init__(self, entity_type: str, guardrail_name: Optional[str] = None, status_code: int = 400):
        self.entity_type = entity_type
        self.guardrail_name = guardrail_name
        self.status_code = status_code
        self.message = (
            f"Blocked entity detected: {entity_type} by Guardrail: {guardrail_name}. "
            "This entity is not allowed to be used in this request."
        )
        super().__init__(self.message)

    __reduce__ = _reduce_exception


class ModifyResponseException(Exception):
    """A guardrail replaces the response; the proxy returns ``request_data``-based content with 200."""

    def __init__(
        self,
        message: str,
        model: str,
        request_data: dict,
        guardrail_name: Optional[str] = None,
        detection_info: Optional[Mapping[str, object]] = None,
        original_response: object = None,
    ):
        self.message = message
        self.model = model
        self.request_data = request_data
        self.guardrail_name = guardrail_name
        self.detection_info = detection_info or {}
        self.original_response = original_response
        super().__init__(message)

    __reduce__ = _reduce_exception


class SensitiveDataRouteException(Exception):
    """A guardrail found sensitive data and asks for the request to be re-routed to another model."""

    def __init__(
        self,
        route_to_model: str,
        session_id: str,
        guardrail_name: Optional[str] = None,
        detection_info: Optional[Mapping[str, object]] = None,
        message: Optional[str] = None,
        sticky_session_routing: bool = True,
    ):
        self.route_to_model = route_to_model
        self.session_id = session_id
        self.guardrail_name = guardrail_name
        self.detection_info = detection_info or {}
        self.sticky_session_routing = sticky_session_routing
        self.message = (
            message or f"Sensitive data detected by {guardrail_name}. Routing to model: {route_to_model}"
        )
        super().__init__(self.message)

    __reduce__ = _reduce_exception


# Router errors (LiteLLM defines these in litellm.types.router)

_NO_DEPLOYMENTS_AVAILABLE = "No deployments available for selected model"
_ALL_DEPLOYMENTS_IN_COOLDOWN = "All deployments for selected model are in cooldown"


class RouterRateLimitErrorBasic(ValueError):
    status_code = 429

    def __init__(self, model: str) -> None:
        self.model = model
        super().__init__(f"{_NO_DEPLOYMENTS_AVAILABLE}.")

    __reduce__ = _reduce_exception


class RouterRateLimitError(ValueError):
    status_code = 429
    cooldown_deployments = None

    def __init__(
        self,
        model: str,
        cooldown_time: float,
        enable_pre_call_checks: bool,
        cooldown_list: list,
        model_ids: Sequence[str] = (),
        cooldown_deployments: Optional[Sequence[Any]] = None,
    ) -> None:
        self.model = model
        self.cooldown_time = cooldown_time
        self.enable_pre_call_checks = enable_pre_call_checks
        self.cooldown_list = cooldown_list
        self.cooldown_deployments = None if cooldown_deployments is None else tuple(cooldown_deployments)
        self.all_deployments_in_cooldown = bool(model_ids) and frozenset(model_ids) <= frozenset(
            cooldown_list
        )
        self.type = "all_deployments_in_cooldown" if self.all_deployments_in_cooldown else "rate_limit_error"
        reason = f" {_ALL_DEPLOYMENTS_IN_COOLDOWN}." if self.all_deployments_in_cooldown else ""
        super().__init__(
            f"{_NO_DEPLOYMENTS_AVAILABLE}, Try again in {cooldown_time} seconds.{reason} "
            f"Passed model={model}. pre-call-checks={enable_pre_call_checks}, cooldown_list={cooldown_list}"
        )

    __reduce__ = _reduce_exception


# --------------------------------------------------------------------------------------------
# Rust core error path
# --------------------------------------------------------------------------------------------

_PLACEHOLDER_URL = "https://litellm.ai"


def _header_pairs(headers) -> list:
    """The core sends headers as a JSON object or as a list of ``[name, value]`` pairs."""
    if not headers:
        return []
    items = headers.items() if hasattr(headers, "items") else headers
    return [(str(name), str(value)) for name, value in items]


class _CoreError:
    """The Rust core's error dict, normalised once."""

    def __init__(self, info: Mapping[str, Any]):
        self.info = info
        self.name = str(info.get("exception") or "APIError")
        message = info.get("message")
        self.message = "" if message is None else str(message)
        self.provider = info.get("llm_provider") or ""
        self.model = info.get("model") or ""
        status = info.get("status_code")
        self.status = int(status) if status else 0
        self.headers = _header_pairs(info.get("headers"))
        self.raw_body = info.get("body")
        # What the openai SDK hands LiteLLM as ``e.body``: the ``error`` member when there is one.
        body = self.raw_body
        if isinstance(body, dict) and "error" in body:
            body = body["error"]
        self.body = body
        self.debug = info.get("litellm_debug_info")
        self.num_retries = info.get("num_retries")
        self.max_retries = info.get("max_retries")
        self.has_reply = (
            bool(self.headers) or self.raw_body is not None or info.get("response_body") is not None
        )

    @property
    def retries(self) -> dict:
        return {"max_retries": self.max_retries, "num_retries": self.num_retries}

    def response(self, default_status: int, force_status: Optional[int] = None):
        content = self.info.get("response_body")
        if content is None and self.raw_body is not None:
            import json

            try:
                content = json.dumps(self.raw_body)
            except (TypeError, ValueError):
                content = None
        if isinstance(content, str):
            content = content.encode("utf-8")
        request = _new_request("POST", self.info.get("url") or _PLACEHOLDER_URL)
        status = force_status or self.status or default_status
        return _new_response(status, request=request, headers=self.headers, content=content)

    def set_retries(self, exc):
        exc.num_retries, exc.max_retries = self.num_retries, self.max_retries
        return exc


def _build_from_core(c: _CoreError):
    name, msg, provider, model, debug, body = c.name, c.message, c.provider, c.model, c.debug, c.body
    if name in ("AuthenticationError", "CallerCredentialAuthenticationError"):
        return globals()[name](msg, provider, model, c.response(401), debug, body=body, **c.retries)
    if name == "NotFoundError":
        return NotFoundError(msg, model, provider, c.response(404), debug, body=body, **c.retries)
    if name in (
        "BadRequestError",
        "ImageFetchError",
        "MalformedRequestFieldError",
        "UnsupportedEndpointError",
    ):
        return globals()[name](msg, model, provider, c.response(400), debug, body=body, **c.retries)
    if name == "ContextWindowExceededError":
        return c.set_retries(
            ContextWindowExceededError(msg, model, provider, c.response(400), debug, body=body)
        )
    if name == "ContentPolicyViolationError":
        extra = c.info.get("provider_specific_fields")
        exc = ContentPolicyViolationError(msg, model, provider, c.response(400), debug, extra, body=body)
        return c.set_retries(exc)
    if name == "PaymentRequiredError":
        return c.set_retries(PaymentRequiredError(msg, model, provider, c.response(402), debug))
    if name == "RejectedRequestError":
        exc = RejectedRequestError(msg, model, provider, c.info.get("request_data") or {}, debug)
        exc.response = c.response(400)  # its constructor always builds a bare placeholder
        return c.set_retries(exc)
    if name == "UnsupportedParamsError":
        return UnsupportedParamsError(
            msg, provider, model, c.status or 400, c.response(400), debug, **c.retries
        )
    if name == "EndpointNotSupportedByModelError":
        return EndpointNotSupportedByModelError(msg, model, provider)
    if name == "UnprocessableEntityError":
        return UnprocessableEntityError(msg, model, provider, c.response(422), debug, **c.retries)
    if name == "PermissionDeniedError":
        return PermissionDeniedError(msg, provider, model, c.response(403), debug, **c.retries)
    if name in ("RateLimitError", "CallerCredentialRateLimitError"):
        extra = {key: c.info[key] for key in ("category", "rate_limit_type") if c.info.get(key) is not None}
        return globals()[name](msg, provider, model, c.response(429), debug, body=body, **c.retries, **extra)
    if name == "Timeout":
        reply = c.response(408) if c.has_reply else None
        return Timeout(
            msg, model, provider, debug, exception_status_code=c.status or None, response=reply, **c.retries
        )
    if name == "ServiceUnavailableError":
        return ServiceUnavailableError(msg, provider, model, c.response(503), debug, **c.retries)
    if name == "MidStreamFallbackError":
        return MidStreamFallbackError(msg, model, provider, None, c.response(503), debug, **c.retries)
    if name == "BadGatewayError":
        return BadGatewayError(msg, provider, model, c.response(502), debug, **c.retries)
    if name == "InternalServerError":
        return InternalServerError(msg, provider, model, c.response(500), debug, body=body, **c.retries)
    if name == "APIConnectionError":
        return APIConnectionError(msg, provider, model, None, debug, **c.retries)
    if name == "APIResponseValidationError":
        exc = APIResponseValidationError(msg, provider, model, debug, **c.retries)
        exc.response = c.response(500, force_status=500)
        return exc
    if name == "MockException":
        exc = MockException(c.status or 500, msg, provider, model, None, debug, **c.retries)
        if c.has_reply:
            exc.response = c.response(500)
        return exc
    if name == "InvalidRequestError":
        exc = InvalidRequestError(msg, model, provider)
        exc.response = c.response(400, force_status=400)
        return exc
    if name == "LiteLLMUnknownProvider":
        return LiteLLMUnknownProvider(model, provider or None)
    if name == "ModelNotMappedError":
        return ModelNotMappedError(msg)
    return None


def _from_core(info: dict) -> Exception:
    """Build the LiteLLM exception described by the Rust core's error dict.

    Keys: ``exception`` (class name), ``status_code``, ``message`` (provider-prefixed text; the class
    adds its ``litellm.<Class>: `` prefix), ``llm_provider``, ``model``, ``body`` (parsed upstream
    body; like the openai SDK, its ``error`` member becomes ``e.body``), ``headers`` (upstream
    response headers, an object or ``[name, value]`` pairs), ``num_retries``, ``max_retries``,
    ``litellm_debug_info``. Optional: ``response_body`` (raw upstream body text), ``url``,
    ``provider_specific_fields``, ``request_data``, ``category``, ``rate_limit_type``.
    Unknown class names become ``APIError``.
    """
    core = _CoreError(info)
    try:
        exc = _build_from_core(core)
    except Exception:
        exc = None
    if exc is None:
        exc = APIError(
            core.status or 500,
            core.message,
            core.provider,
            core.model,
            None,
            core.debug,
            core.max_retries,
            core.num_retries,
            body=core.body,
            response=core.response(500) if core.has_reply else None,
        )
    # exception_type() attaches the upstream headers to every mapped error (router retry-after logic)
    exc.litellm_response_headers = _new_headers(core.headers) if core.headers else None
    return exc
