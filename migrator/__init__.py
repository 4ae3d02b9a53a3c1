"""migrator: plan the move of a Docker Compose project to Cloudflare."""

from __future__ import annotations

__version__ = "0.1.0"
