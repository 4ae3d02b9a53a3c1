"""The loaded project in the shape of ``docker compose config --format json``."""

from __future__ import annotations

from typing import Any

from migrator.compose.yamlread import Tagged, go_string

_PORT_ORDER = ("name", "mode", "host_ip", "target", "published", "protocol", "app_protocol")


def plain(value: Any) -> Any:
    """YMap/YSeq/Tagged to plain JSON-able values."""
    if isinstance(value, Tagged):
        return plain(value.value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _escape(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("$", "$$")
    if isinstance(value, dict):
        return {_escape(k): _escape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escape(v) for v in value]
    return value


def service_config(service: dict[str, Any]) -> dict[str, Any]:
    out = {key: plain(value) for key, value in service.items() if not key.startswith("x-")}
    out.setdefault("command", None)
    out.setdefault("entrypoint", None)
    if "network_mode" not in out and not out.get("networks"):
        out["networks"] = {"default": None}
    for key in list(out):
        if key not in ("command", "entrypoint", "networks") and out[key] in ([], {}):
            del out[key]
    if "ports" in out:
        out["ports"] = [{k: p[k] for k in sorted(p, key=_port_rank)} for p in out["ports"]]
    if "expose" in out:
        out["expose"] = [go_string(v) for v in out["expose"]]
    return out


def _port_rank(key: str) -> int:
    return _PORT_ORDER.index(key) if key in _PORT_ORDER else len(_PORT_ORDER)


def project_config(name: str, model: dict[str, Any]) -> dict[str, Any]:
    services = model.get("services") or {}
    out: dict[str, Any] = {"name": name}
    rendered = {svc: service_config(body) for svc, body in sorted(services.items())}
    uses_default = any("default" in (body.get("networks") or {}) for body in rendered.values())
    networks = {k: plain(v) or {} for k, v in (model.get("networks") or {}).items()}
    if uses_default and "default" not in networks:
        networks["default"] = {"name": f"{name}_default", "ipam": {}}
    if networks:
        out["networks"] = dict(sorted(networks.items()))
    out["services"] = rendered
    for section in ("volumes", "secrets", "configs"):
        value = model.get(section)
        if value:
            out[section] = dict(sorted(plain(value).items()))
    return _escape(out)  # type: ignore[no-any-return]
