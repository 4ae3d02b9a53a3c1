"""Rebuild ``templates/_compiled``, the templates as Python modules (see migrator.jinjaenv):
``python -m migrator.emit.compile_templates``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def environments() -> dict[str, Callable[[], Any]]:
    """Each flavour's environment, with the filters its templates use."""
    from migrator.emit import html, templating

    return {"text": templating.environment, "html": html.environment}


def main() -> None:
    from migrator import jinjaenv

    for flavour, make in environments().items():
        files = jinjaenv.compiled_sources(make(), flavour)
        folder = jinjaenv.write_compiled(flavour, files)
        print(f"{folder}: {len(files) - 1} templates")


if __name__ == "__main__":
    main()
