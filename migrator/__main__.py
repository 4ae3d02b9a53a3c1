from __future__ import annotations

from migrator.cli import main

raise SystemExit(main())
