"""References from services to top-level resources that must be defined, as Docker Compose checks
them once the project is loaded and its profiles applied (compose-go ``checkConsistency``):
secrets, build secrets, configs, named volumes and networks.  Services that are not enabled are
not checked, and the ``default`` network always exists."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from migrator.compose.yamlread import YMap
from migrator.model import Span

# (message, span, hint) for every reference to something not defined.
Report = Callable[[str, Span | None, str], None]


def check(model: YMap, report: Report) -> None:
    services = model.get("services")
    if not isinstance(services, YMap):
        return
    defined = {section: _names(model.get(section)) for section in ("secrets", "configs", "volumes", "networks")}
    defined["networks"].add("default")
    for name, service in services.items():
        if not isinstance(service, YMap):
            continue
        for what, section, ref, key in _references(service):
            if ref not in defined[section]:
                report(
                    f"service '{name}' refers to undefined {what} '{ref}'",
                    service.key_span(key) or services.key_span(name),
                    f"define '{ref}' under the top-level '{section}:' key, or remove the reference",
                )


def _names(section: Any) -> set[str]:
    return {str(key) for key in section} if isinstance(section, dict) else set()


def _references(service: YMap) -> Iterator[tuple[str, str, str, str]]:
    """(what, top-level section, name, service key) of each reference the service makes."""
    for key, what in (("secrets", "secret"), ("configs", "config")):
        for item in _list(service.get(key)):
            source = item.get("source") if isinstance(item, dict) else item
            if isinstance(source, str):
                yield what, key, source, key
    build = service.get("build")
    if isinstance(build, dict):
        for item in _list(build.get("secrets")):
            source = item.get("source") if isinstance(item, dict) else item
            if isinstance(source, str):
                yield "build secret", "secrets", source, "build"
    for item in _list(service.get("volumes")):
        source = item.get("source") if isinstance(item, dict) else None
        if isinstance(source, str) and source and item.get("type") == "volume":
            yield "volume", "volumes", source, "volumes"
    networks = service.get("networks")
    if isinstance(networks, dict):
        for network in networks:
            yield "network", "networks", str(network), "networks"


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
