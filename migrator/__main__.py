from __future__ import annotations

from migrator.cli import entry

entry()
