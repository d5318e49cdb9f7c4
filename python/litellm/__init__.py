"""Ferrolite: the ``litellm`` API with a Rust core.

This module is imported by every user, so it stays tiny: settings are plain globals (read at call
time by the shim), and every function and class is resolved on first access through PEP 562
``__getattr__``. Nothing here imports pydantic, openai, httpx, asyncio or touches the network.
"""

import os as _os

__version__ = "1.109.1"
ferrolite_version = "0.1.0"

# ---- module-level settings (LiteLLM 1.109.1 names and defaults), read at call time ----
drop_params = _os.environ.get("LITELLM_DROP_PARAMS", "").lower() == "true"
modify_params = _os.environ.get("LITELLM_MODIFY_PARAMS", "").lower() == "true"
num_retries = None
disable_token_counter = False
disable_hf_tokenizer_download = False
# media URLs the core downloads for a provider: internal addresses are refused unless allowlisted
user_url_validation = True
user_url_allowed_hosts = []
request_timeout = float(_os.environ.get("REQUEST_TIMEOUT", 6000.0))
max_tokens = 4096
api_key = None
api_base = None
api_version = None
organization = None
headers = None
suppress_debug_info = False
set_verbose = False
success_callback = []
failure_callback = []
callbacks = []
input_callback = []
service_callback = []
_async_success_callback = []
_async_failure_callback = []
cache = None
model_alias_map = {}
return_response_headers = False
include_cost_in_streaming_usage = False
add_function_to_prompt = False
custom_provider_map = []
fallbacks = None
context_window_fallbacks = None
content_policy_fallbacks = None
allowed_fails = 3
max_budget = 0.0
_current_cost = 0.0
ssl_verify = True
client_session = None
aclient_session = None
use_litellm_proxy = False
budget_exceeded_status_code = 422
# per-provider keys LiteLLM consults before the environment
openai_key = None
groq_key = None
xai_key = None
openrouter_key = None
togetherai_api_key = None
anthropic_key = None
azure_key = None
huggingface_key = None
# prompt templates registered with register_prompt_template (model -> template)
custom_prompt_dict = {}
known_tokenizer_config = {}
# Vertex AI placement when a call names none
vertex_project = None
vertex_location = None

# name -> "module:attribute"; imported on first access and cached in globals()
_LAZY = {
    # entry points
    "completion": "litellm.main:completion",
    "acompletion": "litellm.main:acompletion",
    "completion_with_retries": "litellm.main:completion_with_retries",
    "acompletion_with_retries": "litellm.main:acompletion_with_retries",
    "mock_completion": "litellm.main:mock_completion",
    "stream_chunk_builder": "litellm.main:stream_chunk_builder",
    # provider routing
    "get_llm_provider": "litellm.litellm_core_utils.get_llm_provider_logic:get_llm_provider",
    "validate_environment": "litellm.utils:validate_environment",
    "get_supported_openai_params": "litellm.utils:get_supported_openai_params",
    "provider_list": "litellm.utils:provider_list",
    "LlmProviders": "litellm.types.utils:LlmProviders",
    # response types
    "ModelResponse": "litellm.types.utils:ModelResponse",
    "ModelResponseBase": "litellm.types.utils:ModelResponseBase",
    "ModelResponseStream": "litellm.types.utils:ModelResponseStream",
    "Choices": "litellm.types.utils:Choices",
    "StreamingChoices": "litellm.types.utils:StreamingChoices",
    "Message": "litellm.types.utils:Message",
    "Usage": "litellm.types.utils:Usage",
    "Function": "litellm.types.utils:Function",
    "ChatCompletionMessageToolCall": "litellm.types.utils:ChatCompletionMessageToolCall",
    "ChatCompletionDeltaToolCall": "litellm.types.utils:ChatCompletionDeltaToolCall",
    "GenericStreamingChunk": "litellm.types.utils:GenericStreamingChunk",
    "PromptTokensDetails": "litellm.types.utils:PromptTokensDetails",
    "PromptTokensDetailsWrapper": "litellm.types.utils:PromptTokensDetailsWrapper",
    "CompletionTokensDetails": "litellm.types.utils:CompletionTokensDetails",
    "CompletionTokensDetailsWrapper": "litellm.types.utils:CompletionTokensDetailsWrapper",
    "CustomStreamWrapper": "litellm.litellm_core_utils.streaming_handler:CustomStreamWrapper",
    "FunctionCall": "litellm.types.utils:FunctionCall",
    "CostPerToken": "litellm.types.utils:CostPerToken",
    "ChatCompletionToolCallChunk": "litellm.types.utils:ChatCompletionToolCallChunk",
    "ChatCompletionDeltaToolCallChunk": "litellm.types.utils:ChatCompletionDeltaToolCallChunk",
    "ChatCompletionToolCallFunctionChunk": "litellm.types.utils:ChatCompletionToolCallFunctionChunk",
    "ChatCompletionUserMessage": "litellm.types.utils:ChatCompletionUserMessage",
    "ChatCompletionAssistantMessage": "litellm.types.utils:ChatCompletionAssistantMessage",
    "ChatCompletionSystemMessage": "litellm.types.utils:ChatCompletionSystemMessage",
    "ChatCompletionToolMessage": "litellm.types.utils:ChatCompletionToolMessage",
    "ChatCompletionDeveloperMessage": "litellm.types.utils:ChatCompletionDeveloperMessage",
    "ChatCompletionTextObject": "litellm.types.utils:ChatCompletionTextObject",
    "ChatCompletionImageUrlObject": "litellm.types.utils:ChatCompletionImageUrlObject",
    "ChatCompletionToolParam": "litellm.types.utils:ChatCompletionToolParam",
    "ChatCompletionToolParamFunctionChunk": "litellm.types.utils:ChatCompletionToolParamFunctionChunk",
    "OpenAIMessageContent": "litellm.types.utils:OpenAIMessageContent",
    "AllMessageValues": "litellm.types.utils:AllMessageValues",
    "CustomLLM": "litellm.llms.custom_llm:CustomLLM",
    # model metadata
    "get_model_info": "litellm._model_info:get_model_info",
    "get_max_tokens": "litellm._model_info:get_max_tokens",
    "register_model": "litellm._model_info:register_model",
    "register_prompt_template": "litellm._prompt_templates:register_prompt_template",
    "get_model_cost_map": "litellm._model_info:get_model_cost_map",
    "cost_per_token": "litellm.cost_calculator:cost_per_token",
    "completion_cost": "litellm.cost_calculator:completion_cost",
    "response_cost_calculator": "litellm.cost_calculator:response_cost_calculator",
    "token_counter": "litellm.litellm_core_utils.token_counter:token_counter",
    "encode": "litellm.litellm_core_utils.token_counter:encode",
    "decode": "litellm.litellm_core_utils.token_counter:decode",
    "create_tokenizer": "litellm.litellm_core_utils.token_counter:create_tokenizer",
    "create_pretrained_tokenizer": "litellm.litellm_core_utils.token_counter:create_pretrained_tokenizer",
    "supports_function_calling": "litellm._model_info:supports_function_calling",
    "supports_parallel_function_calling": "litellm._model_info:supports_parallel_function_calling",
    "supports_vision": "litellm._model_info:supports_vision",
    "supports_response_schema": "litellm._model_info:supports_response_schema",
    "supports_reasoning": "litellm._model_info:supports_reasoning",
    "supports_audio_input": "litellm._model_info:supports_audio_input",
    "supports_audio_output": "litellm._model_info:supports_audio_output",
    "supports_pdf_input": "litellm._model_info:supports_pdf_input",
    "supports_web_search": "litellm._model_info:supports_web_search",
    "supports_system_messages": "litellm._model_info:supports_system_messages",
    "CustomLogger": "litellm.integrations.custom_logger:CustomLogger",
    "Cache": "litellm.caching.caching:Cache",
    "BudgetManager": "litellm.budget_manager:BudgetManager",
}

_EXCEPTIONS = (
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "BadRequestError",
    "ContextWindowExceededError",
    "ContentPolicyViolationError",
    "UnsupportedParamsError",
    "ImageFetchError",
    "InvalidRequestError",
    "UnprocessableEntityError",
    "RateLimitError",
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
    "LiteLLMUnknownProvider",
    "RejectedRequestError",
    "GuardrailRaisedException",
    "BlockedPiiEntityError",
    "ModelNotMappedError",
    "CallerCredentialAuthenticationError",
    "CallerCredentialRateLimitError",
    "MalformedRequestFieldError",
    "VectorStoreSearchError",
    "PaymentRequiredError",
    "UnsupportedEndpointError",
    "RateLimitErrorCategory",
    "RateLimitType",
    "LITELLM_EXCEPTION_TYPES",
)
for _name in _EXCEPTIONS:
    _LAZY[_name] = "litellm.exceptions:" + _name
del _name


# Submodules reachable as attributes after a bare `import litellm` (`litellm.exceptions.X`).
_SUBMODULES = frozenset(
    {
        "exceptions",
        "types",
        "utils",
        "main",
        "litellm_core_utils",
        "llms",
        "_logging",
        "integrations",
        "caching",
    }
)


def __getattr__(name):
    import importlib

    if name == "model_cost":
        # A plain dict users may edit or replace, built from the embedded table on first access.
        value = importlib.import_module("litellm._model_info").load_model_cost()
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module("litellm." + name)
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'litellm' has no attribute {name!r}")
    module_name, _, attr = target.partition(":")
    value = getattr(importlib.import_module(module_name), attr)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY) | {"model_cost"})
