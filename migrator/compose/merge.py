"""Compose's merge rules, for several ``-f`` files and for ``extends``.

Both sides are already in canonical (long) form.  ``!reset`` removes a key, ``!override``
replaces it wholesale; otherwise the rules of the compose-spec merge page apply.
"""

from __future__ import annotations

from typing import Any

from migrator.compose.yamlread import Tagged, YMap, YSeq

_REPLACE = frozenset({"command", "entrypoint"})
_BY_KEY = frozenset({"environment", "labels", "annotations", "sysctls", "extra_hosts", "depends_on", "networks"})
_BY_TARGET = frozenset({"volumes", "devices"})
_DEDUP = frozenset(
    {
        "expose",
        "cap_add",
        "cap_drop",
        "links",
        "profiles",
        "security_opt",
        "dns",
        "dns_search",
        "dns_opt",
        "group_add",
        "volumes_from",
        "external_links",
    }
)
_APPEND = frozenset({"env_file", "tmpfs"})


def merge_services(base: dict[str, Any], override: dict[str, Any]) -> YMap:
    span = override.span if isinstance(override, YMap) else None
    result = YMap(span or (base.span if isinstance(base, YMap) else None))
    base_spans = base.key_spans if isinstance(base, YMap) else {}
    over_spans = override.key_spans if isinstance(override, YMap) else {}
    for key, value in base.items():
        result[key] = value
        if key in base_spans:
            result.key_spans[key] = base_spans[key]
    for key, value in override.items():
        if key in over_spans:
            result.key_spans[key] = over_spans[key]
        if isinstance(value, Tagged):
            if value.tag == "!reset":
                result.pop(key, None)
            else:
                result[key] = value.value
            continue
        if key not in result:
            result[key] = value
            continue
        result[key] = merge_key(key, result[key], value)
    return result


def merge_key(key: str, base: Any, override: Any) -> Any:
    if key in _REPLACE:
        return override
    if key in _BY_KEY:
        return merge_mapping(base, override)
    if key in _BY_TARGET:
        return merge_by(base, override, lambda item: item.get("target") if isinstance(item, dict) else item)
    if key in ("secrets", "configs"):
        return merge_by(base, override, _secret_key)
    if key in _DEDUP:
        return merge_dedup(base, override)
    if key in _APPEND:
        return _concat(base, override)
    if key == "ports":
        return merge_by(base, override, _port_key, keep_first=True)
    if key == "healthcheck" and isinstance(base, dict) and isinstance(override, dict):
        merged = merge_generic(base, override)
        if "test" in override:
            merged["test"] = override["test"]
        return merged
    if key == "build" and isinstance(base, dict) and isinstance(override, dict):
        merged = merge_generic(base, override)
        for sub in ("args", "labels"):
            if sub in base and sub in override:
                merged[sub] = merge_mapping(base[sub], override[sub])
        return merged
    if key == "deploy" and isinstance(base, dict) and isinstance(override, dict):
        merged = merge_generic(base, override)
        if "labels" in base and "labels" in override:
            merged["labels"] = merge_mapping(base["labels"], override["labels"])
        return merged
    return merge_generic(base, override)


def merge_generic(base: Any, override: Any) -> Any:
    if isinstance(override, Tagged):
        return None if override.tag == "!reset" else override.value
    if isinstance(base, dict) and isinstance(override, dict):
        result = YMap(override.span if isinstance(override, YMap) else None)
        spans = {
            **(base.key_spans if isinstance(base, YMap) else {}),
            **(override.key_spans if isinstance(override, YMap) else {}),
        }
        for key, value in base.items():
            result[key] = value
        for key, value in override.items():
            if isinstance(value, Tagged):
                if value.tag == "!reset":
                    result.pop(key, None)
                else:
                    result[key] = value.value
            elif key in result:
                result[key] = merge_generic(result[key], value)
            else:
                result[key] = value
        result.key_spans.update({k: v for k, v in spans.items() if k in result})
        return result
    if isinstance(base, list) and isinstance(override, list):
        return _concat(base, override)
    return override


def merge_mapping(base: Any, override: Any) -> Any:
    if not isinstance(base, dict) or not isinstance(override, dict):
        return override
    result = YMap(override.span if isinstance(override, YMap) else None)
    for source in (base, override):
        spans = source.key_spans if isinstance(source, YMap) else {}
        for key, value in source.items():
            if isinstance(value, Tagged):
                if value.tag == "!reset":
                    result.pop(key, None)
                    continue
                value = value.value
            result[key] = value
            if key in spans:
                result.key_spans[key] = spans[key]
    return result


def merge_by(base: Any, override: Any, keyfn: Any, *, keep_first: bool = False) -> Any:
    if not isinstance(base, list) or not isinstance(override, list):
        return override
    result = YSeq(override.span if isinstance(override, YSeq) else None)
    index: dict[Any, int] = {}
    for source in (base, override):
        spans = source.item_spans if isinstance(source, YSeq) else []
        for position, item in enumerate(source):
            key = keyfn(item)
            span = spans[position] if position < len(spans) else None
            if key in index:
                if not keep_first:
                    result[index[key]] = item
                    result.item_spans[index[key]] = span
                continue
            index[key] = len(result)
            result.append(item)
            result.item_spans.append(span)
    return result


def merge_dedup(base: Any, override: Any) -> Any:
    return merge_by(base, override, lambda item: repr(item), keep_first=True)


def _concat(base: Any, override: Any) -> Any:
    if not isinstance(base, list) or not isinstance(override, list):
        return override
    result = YSeq(override.span if isinstance(override, YSeq) else None)
    for source in (base, override):
        spans = source.item_spans if isinstance(source, YSeq) else []
        for position, item in enumerate(source):
            result.append(item)
            result.item_spans.append(spans[position] if position < len(spans) else None)
    return result


def _port_key(item: Any) -> Any:
    if isinstance(item, dict):
        return (item.get("host_ip", ""), item.get("published", ""), item.get("target"), item.get("protocol", "tcp"))
    return item


def _secret_key(item: Any) -> Any:
    if isinstance(item, dict):
        return item.get("target") or item.get("source")
    return item
