"""OpenAI's strict structured-output schema from a pydantic JSON schema: every object closes its
properties (``additionalProperties: false``) and requires all of them, as OpenAI's SDK does
when LiteLLM turns a pydantic ``response_format`` into ``json_schema``."""

from __future__ import annotations


def strict_json_schema(schema: dict) -> dict:
    return _strict(schema)


def _strict(node):
    if isinstance(node, list):
        return [_strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _strict(value) for key, value in node.items()}
    if node.get("type") == "object" and "properties" in node:
        node["additionalProperties"] = False
        node["required"] = list(node["properties"])
    # OpenAI rejects a lone $ref with siblings; pydantic adds none we must keep except these.
    if "$ref" in node and len(node) > 1:
        node = {"$ref": node["$ref"]}
    return node
