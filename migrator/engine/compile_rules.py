"""Rebuild ``rules/catalogue.json``, the parsed packaged rules: ``python -m migrator.engine.compile_rules``.

Run it after editing a file in ``rules/``; until then that file is read from its YAML.
"""

from __future__ import annotations

from migrator.engine.catalogue import CACHE_NAME, build_cache
from migrator.resources import resource_dir


def main() -> None:
    directory = resource_dir("rules")
    (directory / CACHE_NAME).write_text(build_cache(directory), encoding="utf-8")
    print(f"wrote {directory / CACHE_NAME}")


if __name__ == "__main__":
    main()
