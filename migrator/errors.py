"""The one user-facing error type."""

from __future__ import annotations

from migrator.model import Span


class MigratorError(Exception):
    """Bad input or a bad command line: rendered as ``FILE:LINE:COL: message`` plus a hint."""

    def __init__(self, message: str, *, span: Span | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.span = span
        self.hint = hint

    def render(self) -> str:
        where = f"{self.span.where()}: " if self.span is not None else ""
        text = f"{where}{self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def __str__(self) -> str:
        return self.render()
