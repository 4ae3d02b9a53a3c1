"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request's files."""

from __future__ import annotations

import os

from migrator.emit.document import build as build_document
from migrator.model import Analysis

_LEVELS = {"blocker": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(analysis: Analysis) -> str:
    doc = build_document(analysis)
    lines: list[str] = []
    for finding in doc["findings"]:
        props: list[str] = []
        location = finding["location"]
        if location:
            # GitHub wants paths from the checkout's root, where a CI job runs migrator.
            path = os.path.relpath(os.path.join(analysis.project.working_dir, location["file"]))
            props.append(f"file={_escape_property(path)}")
            if location["line"]:
                props.append(f"line={location['line']}")
                props.append(f"col={max(1, location['column'])}")
        props.append(
            f"title={_escape_property(finding['rule_id'] + (' ' + finding['service'] if finding['service'] else ''))}"
        )
        message = finding["message"] + (f" ({finding['hint']})" if finding["hint"] else "")
        lines.append(f"::{_LEVELS[finding['severity']]} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
