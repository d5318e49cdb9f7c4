"""``litellm.register_prompt_template``: custom prompt formats for routes that send one prompt
string (``ollama/``), stored in ``litellm.custom_prompt_dict`` as LiteLLM stores them."""

from __future__ import annotations

import sys

_litellm = sys.modules["litellm"]


def register_prompt_template(
    model: str,
    roles: dict | None = None,
    initial_prompt_value: str = "",
    final_prompt_value: str = "",
    tokenizer_config: dict | None = None,
) -> dict:
    """Registers ``roles`` (``{"user": {"pre_message": ..., "post_message": ...}, ...}``) and the
    prompt's opening and closing strings for ``model``, under its full name and the name without
    its provider prefix. A ``tokenizer_config`` (a Hub ``tokenizer_config.json`` as a dict) is
    kept in ``litellm.known_tokenizer_config`` instead."""
    names = [model]
    if "/" in model:
        names.append(model.split("/", 1)[1])
    if tokenizer_config:
        for name in names:
            _litellm.known_tokenizer_config[name] = {"tokenizer": tokenizer_config, "status": "success"}
        return _litellm.known_tokenizer_config
    entry = {
        "roles": dict(roles or {}),
        "initial_prompt_value": initial_prompt_value,
        "final_prompt_value": final_prompt_value,
    }
    for name in names:
        _litellm.custom_prompt_dict[name] = entry
    return _litellm.custom_prompt_dict


_TASK_PREFIX = "text-generation-inference/"


def _registered(table: dict, model: str):
    """``model``'s entry in ``table``: full name first, then without its provider prefix, then
    (for Hugging Face's TGI route) without the task segment too."""
    if not table:
        return None
    names = [model]
    if "/" in model:
        names.append(model.split("/", 1)[1])
        if names[-1].startswith(_TASK_PREFIX):
            names.append(names[-1][len(_TASK_PREFIX) :])
    return next((table[name] for name in names if name in table), None)


def template_for(model: str):
    """The template registered for ``model``, if any."""
    return _registered(_litellm.custom_prompt_dict, model)


def tokenizer_config_for(model: str):
    """The tokenizer config (with its Jinja ``chat_template``) registered for ``model``, if any."""
    entry = _registered(_litellm.known_tokenizer_config, model)
    if (
        isinstance(entry, dict)
        and entry.get("status") == "success"
        and isinstance(entry.get("tokenizer"), dict)
    ):
        return entry["tokenizer"]
    return None
