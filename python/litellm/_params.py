"""Names LiteLLM owns: keyword arguments that configure a call and are never sent to the
provider. Everything else passed to ``completion(**kwargs)`` goes to the provider body."""

LITELLM_OWNED_KWARGS = frozenset({
    # endpoint and auth
    "api_base", "base_url", "api_key", "api_version", "api_type", "custom_llm_provider", "organization",
    "headers", "extra_headers", "extra_body", "ssl_verify", "client", "shared_session", "project",
    "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "aws_region_name", "aws_profile_name",
    "aws_role_name", "aws_session_name", "aws_web_identity_token", "aws_sts_endpoint",
    "aws_bedrock_runtime_endpoint", "aws_external_id", "vertex_project", "vertex_location",
    "vertex_credentials", "vertex_ai_project", "vertex_ai_location", "vertex_ai_credentials",
    "azure_ad_token", "azure_ad_token_provider", "azure_username", "azure_password", "azure_scope",
    "tenant_id", "client_id", "client_secret", "watsonx_region_name", "region_name",
    # retries, timeouts, fallbacks
    "num_retries", "max_retries", "retry_policy", "retry_strategy", "fallbacks", "context_window_fallback_dict",
    "request_timeout", "stream_timeout", "timeout", "cooldown_time", "model_list",
    # parameter handling
    "drop_params", "additional_drop_params", "allowed_openai_params", "modify_params",
    "user_continue_message", "assistant_continue_message", "ensure_alternating_roles",
    "merge_reasoning_content_in_choices", "supports_system_message", "input_cost_per_token",
    "output_cost_per_token", "input_cost_per_second", "output_cost_per_second", "cache_read_input_token_cost",
    "cache_creation_input_token_cost", "custom_cost_per_token", "custom_cost_per_second", "base_model",
    "model_info", "custom_prompt_dict", "initial_prompt_value", "final_prompt_value", "roles", "bos_token",
    "eos_token",
    # observability
    "metadata", "litellm_metadata", "tags", "litellm_call_id", "litellm_trace_id", "litellm_session_id",
    "litellm_parent_otel_span", "logger_fn", "no-log", "litellm_disabled_callbacks", "turn_off_message_logging",
    "litellm_logging_obj", "proxy_server_request", "preset_cache_key", "callbacks", "success_callback",
    "failure_callback", "langfuse_public_key", "langfuse_secret", "langfuse_secret_key", "langfuse_host",
    "langsmith_api_key", "langsmith_project", "langsmith_base_url", "gcs_bucket_name", "gcs_path_service_account",
    "humanloop_api_key", "arize_api_key", "arize_space_key", "braintrust_api_key", "posthog_api_key",
    "standard_callback_dynamic_params", "model_group", "model_id", "litellm_request_debug",
    # caching
    "caching", "cache", "cache_key", "ttl", "namespace", "no_cache", "no_store",
    # mocking
    "mock_response", "mock_tool_calls", "mock_timeout", "mock_delay", "mock_testing_fallbacks",
    "mock_testing_context_fallbacks", "mock_testing_content_policy_fallbacks", "mock_testing_rate_limit_error",
    "prompt_tokens",
    # routing
    "rpm", "tpm", "order", "weight", "max_parallel_requests", "priority", "litellm_params",
    # prompt management
    "prompt_id", "prompt_variables", "prompt_version", "prompt_label",
    # async markers and internal plumbing
    "acompletion", "aembedding", "atext_completion", "text_completion", "async_call", "use_in_pass_through",
    "use_litellm_proxy", "text_format", "cache_control_injection_points", "stream_options_include_usage",
})
