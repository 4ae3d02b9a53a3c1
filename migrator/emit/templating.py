"""One Jinja environment for the Markdown report, wrangler.jsonc and the Worker scaffold.

Generated code is built from data: every value that comes from the input reaches TypeScript or
Python as an escaped literal (``js``, ``py``), and comments carry only printable ASCII
(``comment``), so no input can end a comment, a string or a line.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from typing import Any

_NOT_COMMENT_SAFE = re.compile(r"[^\x20-\x7e]")
_JS_UNSAFE = re.compile(r"[<>\x7f]")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


# Encoders made once: json.dumps with options builds a new encoder on every call.
_TOJSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
_JS = json.JSONEncoder(ensure_ascii=True).encode


def _tojson(value: Any) -> str:
    return _TOJSON(value)


def comment(value: Any) -> str:
    """Text safe inside a ``//`` or ``#`` line comment: printable ASCII only, the rest as ``?``.

    JavaScript ends a line at U+2028 and U+2029 as well as at CR and LF, and Python refuses NUL
    in source: nothing outside printable ASCII is kept, so no input can end the comment.
    """
    return _NOT_COMMENT_SAFE.sub("?", str(value))


def js_literal(value: Any, indent: int | None = None) -> str:
    """A JSON value as a JavaScript/TypeScript literal that is pure printable ASCII.

    Non-ASCII (U+2028 and U+2029 among them), NUL and every control character are ``\\u``
    escapes; ``<``, ``>`` and DEL are escaped too, so that the text cannot close a ``</script>``
    or open an HTML-like comment anywhere it is pasted.
    """
    text = _JS(value) if indent is None else json.dumps(value, ensure_ascii=True, indent=indent)
    if "<" in text or ">" in text or "\x7f" in text:
        text = _JS_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


def js_data(value: dict[str, Any]) -> str:
    """A data object as an escaped literal laid out for people: a key, or a list item, per line."""
    return _data_lines(value, js_literal, "  ")


def py_literal(value: Any) -> str:
    """A JSON value as a Python literal of printable ASCII (``ast.literal_eval`` reads it back)."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, str):
        return ascii(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{str(k)!a}: {py_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(py_literal(v) for v in value) + "]"
    raise TypeError(f"not a literal: {type(value).__name__}")


def py_data(value: dict[str, Any]) -> str:
    """A data object as a Python literal laid out for people: a key, or a list item, per line."""
    return _data_lines(value, py_literal, "    ")


def _data_lines(value: dict[str, Any], literal: Callable[[Any], str], indent: str) -> str:
    lines = ["{"]
    for key, item in value.items():
        if isinstance(item, list) and any(isinstance(part, dict) for part in item):
            lines.append(f"{indent}{literal(key)}: [")
            lines.extend(f"{indent * 2}{literal(part)}," for part in item)
            lines.append(f"{indent}],")
        else:
            lines.append(f"{indent}{literal(key)}: {literal(item)},")
    lines.append("}")
    return "\n".join(lines)


def ident(value: Any) -> str:
    """A name the plan made an identifier (binding and class names); anything else is a bug."""
    text = str(value)
    if not _IDENT.fullmatch(text):
        raise ValueError(f"not an identifier: {text!r}")
    return text


@functools.cache
def environment() -> Any:
    from migrator import jinjaenv, mdtext

    env = jinjaenv.environment("text")
    env.filters["tojson"] = _tojson
    env.filters["md"] = mdtext.md
    env.filters["code"] = mdtext.code
    env.globals["secret_command"] = mdtext.secret_command
    env.filters["mlabel"] = mdtext.mermaid_label
    env.filters["comment"] = comment
    env.filters["js"] = js_literal
    env.filters["py"] = py_literal
    env.filters["jsdata"] = js_data
    env.filters["pydata"] = py_data
    env.filters["ident"] = ident
    return env
