"""One Jinja environment for the Markdown report, wrangler.jsonc and the Worker scaffold."""

from __future__ import annotations

import functools
import json
from typing import Any


def _tojson(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _comment(value: Any) -> str:
    """Text safe inside a // line comment of JSONC or TypeScript."""
    return str(value).replace("\n", " ").replace("\r", " ").replace("*/", "* /")


@functools.cache
def environment() -> Any:
    import jinja2

    from migrator.emit import markdown
    from migrator.resources import resource_dir

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_dir("templates"))),
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # packaged templates do not change during a run: no stat per render
    )
    env.filters["tojson"] = _tojson
    env.filters["md"] = markdown.md
    env.filters["code"] = markdown.code
    env.filters["mlabel"] = markdown.mermaid_label
    env.filters["comment"] = _comment
    env.filters["pyrepr"] = lambda value: json.dumps(str(value))
    return env
