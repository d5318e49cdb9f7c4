"""Model metadata from the price table: ``litellm.model_cost``, ``get_model_info``,
``get_max_tokens``, ``register_model`` and the ``supports_*`` capability helpers.

``litellm.model_cost`` is a plain dict, built on first access from the table embedded in the
native module (never at import, never over the network). Once it exists it is the source of
truth, so a user's edits or replacement are seen at once; until then entries are read from the
embedded table one at a time. The lookup itself (LiteLLM 1.109.1's candidate names, provider
match and name stripping) is the core's (``src/cost/lookup.rs``), shared with pricing.
"""

from __future__ import annotations

import json
import re
import sys

from litellm import _core
from litellm._logging import verbose_logger
from litellm._request import raise_core_error, registered_providers

_litellm = sys.modules["litellm"]

# ModelInfo's keys in LiteLLM 1.109.1's order; `supported_openai_params` follows them.
MODEL_INFO_KEYS = (
    "key",
    "max_tokens",
    "max_input_tokens",
    "max_output_tokens",
    "input_cost_per_token",
    "input_cost_per_token_flex",
    "input_cost_per_token_priority",
    "input_cost_per_token_balanced",
    "input_cost_per_token_ultrafast",
    "cache_creation_input_token_cost",
    "cache_creation_input_token_cost_above_200k_tokens",
    "cache_creation_input_token_cost_above_272k_tokens",
    "cache_creation_input_token_cost_above_272k_tokens_priority",
    "cache_creation_input_token_cost_above_272k_tokens_flex",
    "cache_creation_input_token_cost_above_272k_tokens_ultrafast",
    "cache_creation_input_token_cost_flex",
    "cache_creation_input_token_cost_priority",
    "cache_creation_input_token_cost_ultrafast",
    "cache_read_input_token_cost",
    "cache_read_input_audio_token_cost",
    "cache_read_input_audio_token_cost_flex",
    "cache_read_input_audio_token_cost_priority",
    "cache_read_input_audio_token_cost_batches",
    "explicit_cache_read_input_token_cost",
    "prompt_cache_min_tokens",
    "cache_read_input_token_cost_above_200k_tokens",
    "cache_read_input_token_cost_above_200k_tokens_priority",
    "cache_read_input_token_cost_above_272k_tokens",
    "cache_read_input_token_cost_above_272k_tokens_priority",
    "cache_read_input_token_cost_above_272k_tokens_flex",
    "cache_read_input_token_cost_above_272k_tokens_ultrafast",
    "cache_read_input_token_cost_above_512k_tokens",
    "cache_read_input_token_cost_flex",
    "cache_read_input_token_cost_priority",
    "cache_read_input_token_cost_balanced",
    "cache_read_input_token_cost_ultrafast",
    "cache_read_input_token_cost_batches",
    "cache_read_input_token_cost_above_200k_tokens_batches",
    "cache_read_input_token_cost_above_272k_tokens_batches",
    "cache_creation_input_token_cost_batches",
    "cache_creation_input_token_cost_above_200k_tokens_batches",
    "cache_creation_input_token_cost_above_272k_tokens_batches",
    "cache_creation_input_token_cost_above_1hr",
    "cache_creation_input_token_cost_above_12hr",
    "cache_creation_input_token_cost_above_12hr_flex",
    "cache_creation_input_token_cost_above_12hr_priority",
    "cache_creation_input_token_cost_above_12hr_above_272k_tokens",
    "cache_creation_input_token_cost_above_12hr_above_272k_tokens_flex",
    "cache_creation_input_token_cost_above_12hr_above_272k_tokens_priority",
    "cache_creation_input_token_cost_above_12hr_batches",
    "cache_creation_input_token_cost_above_12hr_ultrafast",
    "cache_creation_input_token_cost_above_12hr_above_272k_tokens_batches",
    "cache_creation_input_token_cost_above_12hr_above_272k_tokens_ultrafast",
    "off_peak_pricing",
    "input_cost_per_character",
    "input_cost_per_token_above_128k_tokens",
    "input_cost_per_token_above_200k_tokens",
    "input_cost_per_token_above_200k_tokens_priority",
    "input_cost_per_token_above_272k_tokens",
    "input_cost_per_token_above_272k_tokens_priority",
    "input_cost_per_token_above_272k_tokens_flex",
    "input_cost_per_token_above_272k_tokens_ultrafast",
    "input_cost_per_token_above_512k_tokens",
    "input_cost_per_query",
    "cost_per_second",
    "input_cost_per_second",
    "input_cost_per_text_message",
    "input_cost_per_audio_token",
    "input_cost_per_audio_token_flex",
    "input_cost_per_audio_token_priority",
    "input_cost_per_image_token",
    "input_cost_per_video_token",
    "input_cost_per_audio_token_batches",
    "input_cost_per_image_token_batches",
    "input_cost_per_image",
    "input_cost_per_audio_per_second",
    "input_cost_per_video_per_second",
    "input_cost_per_token_batches",
    "input_cost_per_video_token_batches",
    "input_cost_per_token_above_200k_tokens_batches",
    "input_cost_per_token_above_272k_tokens_batches",
    "output_cost_per_token_batches",
    "output_cost_per_token_above_200k_tokens_batches",
    "output_cost_per_token_above_272k_tokens_batches",
    "output_cost_per_token",
    "output_cost_per_token_flex",
    "output_cost_per_token_priority",
    "output_cost_per_token_balanced",
    "output_cost_per_token_ultrafast",
    "regional_processing_uplift_multiplier_eu",
    "regional_processing_uplift_multiplier_us",
    "regional_endpoint_uplift_multiplier",
    "output_cost_per_audio_token",
    "output_cost_per_character",
    "output_cost_per_reasoning_token",
    "output_cost_per_reasoning_token_flex",
    "output_cost_per_reasoning_token_priority",
    "output_cost_per_token_above_128k_tokens",
    "output_cost_per_character_above_128k_tokens",
    "output_cost_per_token_above_200k_tokens",
    "output_cost_per_token_above_200k_tokens_priority",
    "output_cost_per_token_above_272k_tokens",
    "output_cost_per_token_above_272k_tokens_priority",
    "output_cost_per_token_above_272k_tokens_flex",
    "output_cost_per_token_above_272k_tokens_ultrafast",
    "output_cost_per_token_above_512k_tokens",
    "output_cost_per_second",
    "output_cost_per_second_1080p",
    "output_cost_per_second_480p",
    "output_cost_per_second_720p",
    "output_cost_per_second_768p",
    "output_cost_per_second_2k",
    "output_cost_per_second_4k",
    "output_cost_per_video_per_second",
    "output_cost_per_image",
    "output_cost_per_pixel",
    "output_cost_per_image_token",
    "output_cost_per_image_token_batches",
    "output_cost_per_video_token",
    "output_vector_size",
    "citation_cost_per_token",
    "tiered_pricing",
    "litellm_provider",
    "mode",
    "supported_endpoints",
    "supports_system_messages",
    "supports_response_schema",
    "supports_vision",
    "supports_function_calling",
    "supports_parallel_function_calling",
    "supports_tool_choice",
    "supports_assistant_prefill",
    "supports_prompt_caching",
    "supports_prompt_cache_breakpoint",
    "supports_thinking_cache_preservation",
    "supports_audio_input",
    "supports_video_input",
    "supports_box_questions",
    "supports_audio_output",
    "supports_pdf_input",
    "supports_embedding_image_input",
    "supports_native_streaming",
    "supports_native_structured_output",
    "supports_bedrock_native_structured_output",
    "supports_web_search",
    "supports_url_context",
    "supports_reasoning",
    "supports_adaptive_thinking",
    "supports_legacy_thinking",
    "thinking_always_on",
    "supports_tool_search",
    "supports_mid_conversation_system",
    "supports_anthropic_thinking_payload",
    "supports_anthropic_compaction",
    "supports_none_reasoning_effort",
    "supports_minimal_reasoning_effort",
    "supports_low_reasoning_effort",
    "supports_xhigh_reasoning_effort",
    "supports_max_reasoning_effort",
    "reasoning_effort_levels",
    "reasoning_modes",
    "reasoning_contexts",
    "default_reasoning_effort",
    "bedrock_output_config_effort_ceiling",
    "bedrock_converse_supports_strict_tools",
    "supports_regex_lookaround",
    "supports_computer_use",
    "search_context_cost_per_query",
    "search_queries_cost_per_query",
    "web_search_billing_unit",
    "search_free_requests",
    "google_maps_grounding_cost_per_query",
    "tpm",
    "rpm",
    "ocr_cost_per_page",
    "ocr_cost_per_page_batches",
    "ocr_cost_per_credit",
    "annotation_cost_per_page",
    "annotation_cost_per_page_batches",
    "provider_specific_entry",
    "uses_embed_content",
    "supports_image_size",
    "supported_audio_formats",
    "token_count_framing",
    "token_count_model",
    "token_count_tokenizer",
    "vertex_ai_audio_api",
)

_ABOVE_THRESHOLD = re.compile(r"_above_\d+k?_tokens(?:_batches)?$")


def load_model_cost() -> dict:
    """The price table as LiteLLM ships it (its rule block aside), parsed on first access."""
    table = json.loads(_core.model_map_json())
    table.pop("fallback_generalizations", None)
    return table


def get_model_cost_map(url: str = "") -> dict:
    """A fresh copy of the price table. Ferrolite never fetches it: ``url`` is accepted and
    ignored, and the copy embedded in this release is returned (refresh it with
    ``scripts/refresh_model_prices.py`` and a new build)."""
    return load_model_cost()


def _table() -> dict:
    """``litellm.model_cost``, built if needed (for writes)."""
    return _litellm.model_cost


def user_table():
    """``litellm.model_cost`` once it exists, else None: the core then reads its own table."""
    return _litellm.__dict__.get("model_cost")


def _raw(key: str):
    """The entry stored under ``key``: the user's dict once it exists, else the embedded table
    (so reading model info never builds the whole dict)."""
    table = user_table()
    if table is not None:
        return table.get(key)
    text = _core.model_entry_json(key)
    return None if text is None else json.loads(text)


def _resolve(model: str, provider=None):
    from litellm.litellm_core_utils.get_llm_provider_logic import get_llm_provider

    try:
        split, resolved, _, _ = get_llm_provider(model, provider)
    except Exception:  # noqa: BLE001 - LiteLLM looks the raw name up when routing fails
        return model, provider
    return split, resolved


def _find(model: str, provider):
    """(table key, raw entry, resolved provider), or raises ModelNotMappedError. The lookup
    rules (LiteLLM's candidate names, provider match, name stripping) live in the core."""
    routed = registered_providers.get(model) if provider is None else None
    try:
        key, resolved = _core.find_model(model, provider, routed, user_table())
    except _core.CoreError as error:
        raise_core_error(error)
    return key, _raw(key), resolved


def _info(key: str, raw: dict, provider) -> dict:
    info = {name: raw.get(name) for name in MODEL_INFO_KEYS}
    info["key"] = key
    info["max_tokens"] = raw.get("max_output_tokens") or raw.get("max_input_tokens")
    for cost in ("input_cost_per_token", "output_cost_per_token"):
        if info[cost] is None:
            info[cost] = 0
    info["litellm_provider"] = raw.get("litellm_provider", provider)
    for name, value in raw.items():
        if name not in info and _ABOVE_THRESHOLD.search(name):
            info[name] = value
    return info


def get_model_info(model: str, custom_llm_provider=None, api_base=None, api_key=None) -> dict:
    """LiteLLM's ModelInfo for ``model``; raises ``ModelNotMappedError`` for unknown models."""
    key, raw, provider = _find(model, custom_llm_provider)
    info = _info(key, raw, provider)
    from litellm.utils import get_supported_openai_params

    info["supported_openai_params"] = get_supported_openai_params(
        model=model, custom_llm_provider=custom_llm_provider
    )
    return info


def get_max_tokens(model: str):
    """``max_output_tokens`` from the table (exact names only, as LiteLLM), or None."""
    raw = _raw(model)
    if raw and raw.get("max_output_tokens"):
        return raw["max_output_tokens"]
    name = model
    try:
        name, _ = _resolve(model)
        raw = _raw(name)
        if raw is not None:
            return raw.get("max_output_tokens")
    except Exception:  # noqa: BLE001 - every failure becomes LiteLLM's message below
        pass
    raise Exception(  # noqa: TRY002 - LiteLLM raises a plain Exception here
        f"Model {name} isn't mapped yet. Add it here - "
        "https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json"
    )


def _clean(value: dict) -> dict:
    out = {}
    for name, item in value.items():
        if item is None:
            continue
        if isinstance(item, str):
            try:
                item = int(item) if item.isdigit() else float(item)
            except ValueError:
                pass
        out[name] = item
    return out


def register_model(
    model_cost,
    *,
    persist_across_reloads=True,
    warning_display_name=None,
    custom_llm_provider=None,
    add_to_provider_model_sets=True,
):
    """Adds or updates table entries. A dict (or a JSON string of one): an existing model is
    updated field by field, a new one is stored as given; a provider makes its bare name routable."""
    entries = model_cost
    if isinstance(model_cost, str):
        try:
            entries = json.loads(model_cost)
        except json.JSONDecodeError:
            import urllib.request

            with urllib.request.urlopen(model_cost, timeout=10) as response:  # the caller's own URL
                entries = json.loads(response.read())
    table = _table()
    for name, value in entries.items():
        value = _clean(value or {})
        try:
            key, raw, _ = _find(name, custom_llm_provider)
            table[key] = {**raw, **value}
        except Exception:  # noqa: BLE001 - not in the table yet: a new entry
            table[name] = dict(value)
            priced = (
                value.get("input_cost_per_token") is not None
                or value.get("output_cost_per_token") is not None
            )
            uncached = all(
                value.get(k) is None
                for k in ("cache_creation_input_token_cost", "cache_read_input_token_cost", "tiered_pricing")
            )
            if priced and uncached:
                verbose_logger.warning(
                    "register_model: model=%s has custom pricing but not in built-in cost map and no "
                    "prefix/region variant matched; cache_creation_input_token_cost and "
                    "cache_read_input_token_cost will default to 0 for this model (input/output cost "
                    "tracking is unaffected). To track cache cost, add them to model_info",
                    warning_display_name or name,
                )
        if add_to_provider_model_sets and value.get("litellm_provider") and "/" not in name:
            registered_providers[name] = value["litellm_provider"]
    return model_cost


# ---- capability helpers ----
_ALWAYS_STRUCTURED = frozenset({"predibase", "fireworks_ai", "lm_studio", "nebius", "databricks"})


def _supports(model: str, custom_llm_provider, field: str) -> bool:
    """True only where the table says a literal True, as LiteLLM's helpers; never raises."""
    try:
        name, provider = _resolve(model, custom_llm_provider)
        if provider is None:
            return False
        _, raw, _ = _find(name, provider)
    except Exception:  # noqa: BLE001 - unknown models support nothing
        return False
    if raw.get(field) is not None:
        return raw.get(field) is True
    bare = _raw(name)
    return bare is not None and bare.get(field) is True


def _capability(field: str):
    """A LiteLLM ``supports_*`` helper reading ``field`` from the table."""

    def helper(model: str, custom_llm_provider=None) -> bool:
        return _supports(model, custom_llm_provider, field)

    helper.__name__ = helper.__qualname__ = field
    helper.__doc__ = f"Whether the model table marks ``model`` with ``{field}: true``."
    return helper


supports_function_calling = _capability("supports_function_calling")
supports_parallel_function_calling = _capability("supports_parallel_function_calling")
supports_vision = _capability("supports_vision")
supports_reasoning = _capability("supports_reasoning")
supports_prompt_caching = _capability("supports_prompt_caching")
supports_audio_input = _capability("supports_audio_input")
supports_audio_output = _capability("supports_audio_output")
supports_pdf_input = _capability("supports_pdf_input")
supports_web_search = _capability("supports_web_search")
supports_tool_choice = _capability("supports_tool_choice")


def supports_response_schema(model: str, custom_llm_provider=None) -> bool:
    _, provider = _resolve(model, custom_llm_provider)
    if provider in _ALWAYS_STRUCTURED:
        return True
    return _supports(model, custom_llm_provider, "supports_response_schema")


def supports_system_messages(model: str, custom_llm_provider) -> bool:
    return _supports(model, custom_llm_provider, "supports_system_messages")
