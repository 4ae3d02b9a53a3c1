"""Short syntax to long syntax, per file, before files and ``extends`` are merged.

Each function takes the value as written (after interpolation) and returns the canonical form
Docker Compose prints with ``config --format json``.  Spans ride along on ``YMap``/``YSeq``.
"""

from __future__ import annotations

import os
import posixpath
import re
import shlex
from collections.abc import Callable
from typing import Any

from migrator import numbers
from migrator.compose.yamlread import YMap, YSeq, go_string
from migrator.model import Span


class CanonicalError(ValueError):
    """A value that cannot be read; the loader adds file and line."""

    def __init__(self, message: str, span: Span | None = None, hint: str = "") -> None:
        super().__init__(message)
        self.span = span
        self.hint = hint


def _scalar_str(value: Any) -> str:
    return go_string(value)


_SHELL_QUOTING = re.compile(r"['\"\\]")
_SHELL_WORD = re.compile(r"[^ \t\r\n]+")


def split_command(value: Any, span: Span | None) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        if _SHELL_QUOTING.search(value) is None:
            return _SHELL_WORD.findall(value)  # what shlex.split gives, without its char-by-char lexer
        try:
            return shlex.split(value)
        except ValueError as exc:
            raise CanonicalError(f"cannot split the command {value!r}: {exc}", span) from None
    if isinstance(value, list):
        return [_scalar_str(item) for item in value]
    raise CanonicalError("a command must be a string or a list of strings", span)


def key_values(value: Any, span: Span | None, *, what: str, bare_is_none: bool) -> YMap:
    """``environment``/``labels`` in list or mapping form to a mapping of strings."""
    result = YMap(span)
    if value is None:
        return result
    if isinstance(value, dict):
        spans = value.key_spans if isinstance(value, YMap) else {}
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                raise CanonicalError(f"{what} '{key}' must be a string, a number or a boolean", spans.get(key, span))
            result[str(key)] = None if item is None and bare_is_none else _scalar_str(item)
            if key in spans:
                result.key_spans[str(key)] = spans[key]
        return result
    if isinstance(value, list):
        item_spans = value.item_spans if isinstance(value, YSeq) else []
        for index, item in enumerate(value):
            item_span = item_spans[index] if index < len(item_spans) else span
            if isinstance(item, (dict, list)):
                raise CanonicalError(f"each {what} entry must be a string like KEY=VALUE", item_span)
            text = _scalar_str(item)
            key, sep, val = text.partition("=")
            if sep:
                result[key] = val
            else:
                result[key] = None if bare_is_none else ""
            if item_span is not None:
                result.key_spans[key] = item_span
        return result
    raise CanonicalError(f"{what} must be a mapping or a list", span)


MAX_PORTS = 1024  # port entries kept per service: a range of 1-65535 would be 65,535 of them
Capped = Callable[[str, "Span | None"], None]


def _port_range(text: str, span: Span | None) -> tuple[int, int]:
    low_text, dash, high_text = text.partition("-") if text == text.strip() else ("", "", "")
    low = numbers.port(low_text, allow_zero=True)
    high = numbers.port(high_text, allow_zero=True) if dash else low
    if low is None or high is None:
        raise CanonicalError(
            f"invalid port {numbers.describe(text)}",
            span,
            "a port is a number from 1 to 65535, or a range like 8000-8010",
        )
    if high < low:
        raise CanonicalError(f"invalid port range {numbers.describe(text)}", span)
    return low, high


def ports(value: Any, span: Span | None, capped: Capped | None = None) -> YSeq:
    result = YSeq(span)
    if value is None:
        return result
    if not isinstance(value, list):
        raise CanonicalError("ports must be a list", span)
    item_spans = value.item_spans if isinstance(value, YSeq) else []
    seen: set[tuple[Any, ...]] = set()
    for index, item in enumerate(value):
        item_span = item_spans[index] if index < len(item_spans) else span
        room = MAX_PORTS - len(result)
        entries = _port_entries(item, item_span, room)
        cut = len(entries) > room
        for entry in entries[:room]:
            key = (
                entry.get("host_ip", ""),
                entry.get("published", ""),
                entry.get("target"),
                entry.get("protocol", "tcp"),
                entry.get("mode"),
            )
            if key in seen:
                continue  # Compose keeps each port once
            seen.add(key)
            result.append(entry)
            result.item_spans.append(item_span)
        if cut:
            if capped is not None:
                capped(
                    f"the ports expand to more than {MAX_PORTS} entries (the port budget); "
                    f"the analysis keeps the first {MAX_PORTS}",
                    item_span,
                )
            break
    return result


def _port_entries(item: Any, span: Span | None, room: int = MAX_PORTS) -> list[dict[str, Any]]:
    if isinstance(item, dict):
        entry: dict[str, Any] = {"mode": "ingress", "protocol": "tcp"}
        for key, val in item.items():
            if key == "target":
                number = numbers.port(val) if isinstance(val, (int, str)) else None
                entry["target"] = number if number is not None else val
            elif key == "published":
                entry["published"] = _scalar_str(val)
            elif isinstance(val, (dict, list)):
                entry[key] = val
            else:
                entry[key] = val if isinstance(val, (bool, int)) else _scalar_str(val)
        if "target" not in entry:
            raise CanonicalError("a port in long syntax needs a target", span)
        return [entry]
    if isinstance(item, bool) or not isinstance(item, (int, str)):
        raise CanonicalError("a port must be a number, a string or a mapping", span)
    return parse_port_spec(str(item), span, room)


def parse_port_spec(text: str, span: Span | None, room: int = MAX_PORTS) -> list[dict[str, Any]]:
    spec, _, protocol = text.partition("/")
    protocol = protocol or "tcp"
    host_ip = ""
    if spec.startswith("["):
        close = spec.find("]")
        if close < 0:
            raise CanonicalError(f"invalid port {text!r}: unclosed '['", span)
        host_ip = spec[1:close]
        spec = spec[close + 1 :].lstrip(":")
        parts = spec.split(":")
        parts = ["", *parts] if len(parts) == 1 else parts
        published, container = (parts[0], parts[1]) if len(parts) == 2 else ("", parts[-1])
    else:
        parts = spec.split(":")
        if len(parts) == 1:
            published, container = "", parts[0]
        elif len(parts) == 2:
            published, container = parts
        else:
            container = parts[-1]
            published = parts[-2]
            host_ip = ":".join(parts[:-2])
    low, high = _port_range(container, span)
    if published:
        plow, phigh = _port_range(published, span)
    else:
        plow = phigh = 0
    entries: list[dict[str, Any]] = []
    count = high - low + 1
    if published and phigh - plow + 1 != count and count != 1:
        raise CanonicalError(f"invalid port {text!r}: the host and container ranges differ in length", span)
    for offset in range(min(count, max(room, 0) + 1)):  # one past the room: the caller sees the cut
        entry: dict[str, Any] = {"mode": "ingress", "target": low + offset, "protocol": protocol}
        if host_ip:
            entry["host_ip"] = host_ip
        if published:
            if count == 1:
                entry["published"] = str(plow) if plow == phigh else f"{plow}-{phigh}"
            else:
                entry["published"] = str(plow + offset)
        entries.append(entry)
    return entries


_PROPAGATION = {"shared", "rshared", "slave", "rslave", "private", "rprivate"}


def is_bind_source(source: str) -> bool:
    if not source:
        return False
    if source.startswith((".", "/", "~", "\\\\")):
        return True
    return len(source) > 1 and source[1] == ":" and source[0].isalpha()


def volumes(value: Any, span: Span | None, base_dir: str) -> YSeq:
    result = YSeq(span)
    if value is None:
        return result
    if not isinstance(value, list):
        raise CanonicalError("volumes must be a list", span)
    item_spans = value.item_spans if isinstance(value, YSeq) else []
    for index, item in enumerate(value):
        item_span = item_spans[index] if index < len(item_spans) else span
        result.append(volume(item, item_span, base_dir))
        result.item_spans.append(item_span)
    return result


def volume(item: Any, span: Span | None, base_dir: str) -> dict[str, Any]:
    if isinstance(item, dict):
        long = {str(k): v for k, v in item.items()}
        if "target" not in long:
            raise CanonicalError("a volume in long syntax needs a target", span)
        if long.get("type") == "bind" and isinstance(long.get("source"), str):
            long["source"] = resolve_path(long["source"], base_dir)
        if isinstance(long["target"], str):
            long["target"] = clean_target(long["target"])
        return _omit_empty(long)
    if not isinstance(item, str):
        raise CanonicalError("a volume must be a string or a mapping", span)
    if not item:
        raise CanonicalError("invalid empty volume spec", span)
    if len(item) <= 2:
        return {"type": "volume", "target": item}
    source, target, options = _volume_sections(item, span)
    entry: dict[str, Any] = {}
    bind: dict[str, Any] | None = None
    vol: dict[str, Any] | None = None
    read_only = False
    for option in options:
        if option == "ro":
            read_only = True
        elif option == "rw":
            read_only = False
        elif option == "nocopy":
            vol = {"nocopy": True}
        elif option in _PROPAGATION:
            bind = {**(bind or {}), "propagation": option}
        elif option in ("z", "Z"):
            bind = {**(bind or {}), "selinux": option}
    if source is not None and is_bind_source(source):
        entry["type"] = "bind"
        entry["source"] = resolve_path(source, base_dir)
        bind = {**(bind or {}), "create_host_path": True}
    else:
        entry["type"] = "volume"
        if source is not None:
            entry["source"] = source
        vol = vol if vol is not None else {}
    entry["target"] = clean_target(target)
    if read_only:
        entry["read_only"] = True
    if bind is not None:
        entry["bind"] = bind
    if vol is not None:
        entry["volume"] = vol
    return entry


def _omit_empty(value: dict[str, Any]) -> dict[str, Any]:
    """Compose omits false, empty and null fields of long-syntax entries."""
    out: dict[str, Any] = {}
    for key, item in value.items():
        if isinstance(item, dict):
            item = _omit_empty(item)
        if item is False or item is None or item == {} or item == "":
            continue
        out[key] = item
    return out


def _volume_sections(spec: str, span: Span | None) -> tuple[str | None, str, list[str]]:
    """Split ``SOURCE:TARGET:OPTIONS`` the way Compose does (a drive letter keeps its colon)."""
    parts: list[str] = []
    buffer = ""
    for char in spec + "\0":
        if char == ":" and len(buffer) == 1 and buffer.isalpha():
            buffer += char
        elif char in (":", "\0"):
            if not buffer:
                raise CanonicalError(f"invalid volume {spec!r}: empty section between colons", span)
            if len(parts) == 3:
                raise CanonicalError(f"invalid volume {spec!r}: too many colons", span)
            parts.append(buffer)
            buffer = ""
        else:
            buffer += char
    if len(parts) == 1:
        return None, parts[0], []
    if len(parts) == 2:
        return parts[0], parts[1], []
    return parts[0], parts[1], parts[2].split(",")


def clean_target(path: str) -> str:
    if path.startswith("/"):
        return posixpath.normpath(path).replace("//", "/")
    return path


HOME: dict[str, str] = {}  # set by the loader from the environment it was given


def resolve_path(path: str, base_dir: str) -> str:
    if path.startswith("~") and HOME.get("HOME"):
        return HOME["HOME"] + path[1:]
    if os.path.isabs(path) or (len(path) > 1 and path[1] == ":"):
        return path
    return os.path.normpath(os.path.join(base_dir, path))


def depends_on(value: Any, span: Span | None) -> YMap:
    result = YMap(span)
    if value is None:
        return result
    if isinstance(value, list):
        item_spans = value.item_spans if isinstance(value, YSeq) else []
        for index, item in enumerate(value):
            result[_scalar_str(item)] = {"condition": "service_started", "required": True}
            if index < len(item_spans) and item_spans[index] is not None:
                result.key_spans[_scalar_str(item)] = item_spans[index]  # type: ignore[assignment]
        return result
    if isinstance(value, dict):
        spans = value.key_spans if isinstance(value, YMap) else {}
        for key, item in value.items():
            entry = {"condition": "service_started", "required": True}
            if isinstance(item, dict):
                entry.update({str(k): v for k, v in item.items()})
            result[str(key)] = entry
            if key in spans:
                result.key_spans[str(key)] = spans[key]
        return result
    raise CanonicalError("depends_on must be a list or a mapping", span)


def string_list(value: Any, span: Span | None, what: str) -> YSeq:
    result = YSeq(span)
    if value is None:
        return result
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list):
        raise CanonicalError(f"{what} must be a list", span)
    item_spans = value.item_spans if isinstance(value, YSeq) else []
    for index, item in enumerate(value):
        if isinstance(item, (dict, list)):
            raise CanonicalError(f"each entry of {what} must be a string", span)
        result.append(_scalar_str(item))
        result.item_spans.append(item_spans[index] if index < len(item_spans) else span)
    return result


def env_files(value: Any, span: Span | None, base_dir: str) -> YSeq:
    result = YSeq(span)
    if value is None:
        return result
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, dict):
            path = item.get("path")
            if not isinstance(path, str):
                raise CanonicalError("an env_file entry needs a path", span)
            entry: dict[str, Any] = {"path": resolve_path(path, base_dir), "required": item.get("required", True)}
            if "format" in item:
                entry["format"] = item["format"]
        elif isinstance(item, str):
            entry = {"path": resolve_path(item, base_dir), "required": True}
        else:
            raise CanonicalError("env_file must be a path or a list of paths", span)
        result.append(entry)
        result.item_spans.append(span)
    return result


def build(value: Any, span: Span | None, base_dir: str) -> dict[str, Any]:
    if isinstance(value, str):
        return {"context": resolve_context(value, base_dir), "dockerfile": "Dockerfile"}
    if isinstance(value, dict):
        entry = {str(k): v for k, v in value.items()}
        context = entry.get("context", ".")
        entry["context"] = resolve_context(_scalar_str(context), base_dir)
        if "dockerfile_inline" not in entry:
            entry.setdefault("dockerfile", "Dockerfile")
        if "args" in entry:
            entry["args"] = key_values(entry["args"], span, what="build argument", bare_is_none=True)
        if "labels" in entry:
            entry["labels"] = key_values(entry["labels"], span, what="label", bare_is_none=False)
        return entry
    raise CanonicalError("build must be a path or a mapping", span)


def resolve_context(context: str, base_dir: str) -> str:
    if "://" in context or context.startswith("git@"):
        return context
    return resolve_path(context, base_dir)


def networks(value: Any, span: Span | None) -> YMap:
    result = YMap(span)
    if value is None:
        return result
    if isinstance(value, list):
        for item in value:
            result[_scalar_str(item)] = None
        return result
    if isinstance(value, dict):
        for key, item in value.items():
            result[str(key)] = item
        return result
    raise CanonicalError("networks must be a list or a mapping", span)


def file_references(value: Any, span: Span | None, what: str) -> YSeq:
    """``secrets``/``configs`` of a service: short names become ``{source, target?}``."""
    result = YSeq(span)
    if value is None:
        return result
    if not isinstance(value, list):
        raise CanonicalError(f"{what} must be a list", span)
    for item in value:
        if isinstance(item, str):
            entry: dict[str, Any] = {"source": item}
            if what == "secrets":
                entry["target"] = f"/run/secrets/{item}"
        elif isinstance(item, dict):
            entry = {str(k): v for k, v in item.items()}
            if what == "secrets" and "source" in entry and "target" not in entry:
                entry["target"] = f"/run/secrets/{entry['source']}"
        else:
            raise CanonicalError(f"each entry of {what} must be a name or a mapping", span)
        result.append(entry)
        result.item_spans.append(span)
    return result
