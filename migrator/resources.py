"""Where the packaged rules, templates and schemas are, in a wheel or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """``rules`` or ``templates``: packed as ``migrator/_data/<name>`` in the wheel, top level in a checkout."""
    packed = _PACKAGE / "_data" / name
    if packed.is_dir():
        return packed
    source = _PACKAGE.parent / name
    if source.is_dir():
        return source
    raise FileNotFoundError(f"migrator's {name} directory is missing; reinstall migrator")


def schema_path(name: str) -> Path:
    return _PACKAGE / "schemas" / name
