"""Markdown text: escaping values from the project, inline code, pasteable commands, Mermaid
labels.  Used by the Markdown report, the templates' filters, the diff and the bill."""

from __future__ import annotations

import re
from typing import Any

_ESCAPE = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
# GitHub turns @name into a notification and #123 or GH-123 into a link: a zero-width space
# (as an entity, which Markdown keeps) leaves the text as it reads and makes it inert.
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")
_REFERENCE = re.compile(r"(\\#|\bGH-)(?=[0-9])", re.IGNORECASE)
_ZWSP = "&#8203;"


# Control characters other than tab and line breaks: GitHub refuses a comment body with a NUL,
# and a terminal showing the file would obey an escape sequence.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _visible(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text) if _CONTROL.search(text) else text


def md(value: Any) -> str:
    """Escape text for Markdown: no HTML, no table breaks, no formatting surprises."""
    text = _visible("" if value is None else str(value))
    text = text.replace("&", "&amp;")
    text = _ESCAPE.sub(
        lambda m: (
            "&lt;"
            if m.group(1) == "<"
            else "&gt;"
            if m.group(1) == ">"
            else "&#124;"
            if m.group(1) == "|"
            else "\\" + m.group(1)
        ),
        text,
    )
    text = _MENTION.sub("@" + _ZWSP, text) if "@" in text else text
    text = _REFERENCE.sub(lambda m: m.group(1) + _ZWSP, text)
    return text.replace("\r", " ").replace("\n", " ")


def code(value: Any) -> str:
    """Inline code that survives any content (backticks, pipes, HTML)."""
    text = _visible("" if value is None else str(value))
    text = text.replace("\r", " ").replace("\n", " ").replace("|", "\\|")
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_SHELL_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_WORKER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def secret_command(name: str, worker: str) -> str:
    """The `wrangler secret put` line of a secret, to paste into a shell: only for a name and a
    Worker that are plain words, so that no input text becomes shell syntax."""
    if _SHELL_WORD.fullmatch(name) and _WORKER_NAME.fullmatch(worker):
        return code(f"npx wrangler secret put {name} --name {worker}")
    return f"{code(name)} of {code(worker)}: a name that is not a plain identifier; set it in the dashboard"


def mermaid_label(value: Any) -> str:
    text = "" if value is None else str(value)
    return re.sub(r"[^A-Za-z0-9 ._:/@*-]", "_", text)[:60]


# What each target kind is called in reports.
KIND_NAME = {
    "worker": "Worker",
    "assets": "Static Assets",
    "d1": "D1",
    "hyperdrive": "Hyperdrive",
    "kv": "KV",
    "durable-object": "Durable Object",
    "r2": "R2",
    "queue": "Queues",
    "cron": "Cron Trigger",
    "workflow": "Workflow",
    "container": "Container",
    "platform": "Cloudflare platform",
    "unsupported": "no home",
}


def plural(number: int, word: str) -> str:
    """``1 warning``, ``2 warnings``, ``0 Workers``."""
    return f"{number} {word}{'' if number == 1 else 's'}"
