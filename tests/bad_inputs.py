"""The catalogue of bad inputs, shared by tests/test_bad_inputs.py and bench/bad_inputs.py.

Each case writes a project into a directory and says what migrator must answer: exit 2 with a
message containing ``expect`` (and, where given, the location), or an analysis with a finding.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class BadInput:
    name: str
    write: Callable[[Path], None]
    expect: str  # text the error (exit 2) or a finding must contain
    exit_code: int = 2
    location: str | None = None  # "compose.yaml:L:C" (or "compose.yaml:L") that the error must name
    args: tuple[str, ...] = field(default=())


def _text(body: str, name: str = "compose.yaml") -> Callable[[Path], None]:
    def write(root: Path) -> None:
        (root / name).write_text(body)

    return write


def _bytes(body: bytes) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        (root / "compose.yaml").write_bytes(body)

    return write


def _files(files: dict[str, str]) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        for name, body in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body)

    return write


def _bomb(root: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]")
    lines.append("services:\n  x:\n    image: *a11")
    (root / "compose.yaml").write_text("\n".join(lines) + "\n")


def _huge(root: Path) -> None:
    chunk = "# " + "x" * 1022 + "\n"
    with (root / "compose.yaml").open("w") as handle:
        handle.write("services:\n  a: {image: a}\n")
        for _ in range(50 * 1024):
            handle.write(chunk)


def _directory(root: Path) -> None:
    (root / "compose.yaml").mkdir()


def _fifo_free_symlink_loop(root: Path) -> None:
    os.symlink(root / "compose.yaml", root / "compose.yaml.tmp")
    os.rename(root / "compose.yaml.tmp", root / "compose.yaml")


CASES: list[BadInput] = [
    BadInput("not yaml", _text("services:\n  web:\n    image: [nginx\n"), "invalid YAML", location="compose.yaml:4:1"),
    BadInput("tabs", _text("services:\n\tweb: {}\n"), "invalid YAML", location="compose.yaml:2:1"),
    BadInput("binary junk", _bytes(bytes(range(256)) * 8), "binary data"),
    BadInput("empty file", _text(""), "has no 'services'"),
    BadInput("only a comment", _text("# nothing\n"), "has no 'services'"),
    BadInput("top-level list", _text("- web\n- db\n"), "top level must be a mapping"),
    BadInput("top-level scalar", _text("hello\n"), "top level must be a mapping"),
    BadInput(
        "services as a list",
        _text("services:\n  - web\n  - db\n"),
        "'services' must be a mapping",
        location="compose.yaml:1:1",
    ),
    BadInput(
        "service as a string",
        _text("services:\n  web: nginx\n"),
        "service 'web' must be a mapping",
        location="compose.yaml:2:3",
    ),
    BadInput(
        "ports as a number", _text("services:\n  web: {image: nginx, ports: 80}\n"), "services.web.ports", exit_code=0
    ),
    BadInput(
        "environment as a number",
        _text("services:\n  web: {image: nginx, environment: 5}\n"),
        "environment",
        exit_code=0,
    ),
    BadInput("image as a list", _text("services:\n  web: {image: [a, b]}\n"), "services.web.image", exit_code=0),
    BadInput(
        "volumes mapping of numbers",
        _text("services:\n  web: {image: a}\nvolumes:\n  data: 5\n"),
        "volumes.data",
        exit_code=0,
    ),
    BadInput(
        "port out of range", _text("services:\n  web: {image: a, ports: ['99999:80']}\n"), "invalid port", exit_code=0
    ),
    BadInput("depends_on a number", _text("services:\n  web: {image: a, depends_on: 3}\n"), "depends_on", exit_code=0),
    BadInput("alias bomb", _bomb, "too many aliases"),
    # Refused on line 1 whichever of migrator and libyaml (0.2.6 caps nesting itself) stops first;
    # the wording and column are theirs, so only the exit code and the line are held.
    BadInput(
        "20,000-deep nesting",
        _text("services: " + "[" * 20000 + "]" * 20000 + "\n"),
        "",
        location="compose.yaml:1",
    ),
    BadInput(
        "deep block nesting",
        _text("services:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(200)) + " " * 201 + "v: 1\n"),
        "nests deeper",
    ),
    BadInput("50 MB file", _huge, "over the limit"),
    BadInput(
        "extends cycle",
        _text("services:\n  a: {image: a, extends: b}\n  b: {image: b, extends: a}\n"),
        "extends cycle: a -> b -> a",
        location="compose.yaml:2:17",
    ),
    BadInput(
        "extends across files cycle",
        _files(
            {
                "compose.yaml": "services:\n  a: {image: a, extends: {file: other.yaml, service: b}}\n",
                "other.yaml": "services:\n  b: {image: b, extends: {file: compose.yaml, service: a}}\n",
            }
        ),
        "extends cycle",
    ),
    BadInput(
        "extends a missing service",
        _text("services:\n  a: {image: a, extends: nope}\n"),
        "extends 'nope', which is not defined",
    ),
    BadInput(
        "include cycle",
        _files(
            {
                "compose.yaml": "include: [other.yaml]\nservices:\n  a: {image: a}\n",
                "other.yaml": "include: [compose.yaml]\nservices:\n  b: {image: b}\n",
            }
        ),
        "include cycle",
    ),
    BadInput("missing file", lambda root: None, "Compose file not found"),
    BadInput("a directory instead of a file", _directory, "directory without a Compose file"),
    BadInput("symlink loop", _fifo_free_symlink_loop, "compose.yaml"),
    BadInput(
        "non-UTF-8 bytes", _bytes(b"services:\n  web:\n    image: caf\xe9\n"), "not UTF-8", location="compose.yaml:3:15"
    ),
    BadInput(
        "duplicate keys",
        _text("services:\n  web: {image: a}\n  web: {image: b}\n"),
        "duplicate key 'web'",
        location="compose.yaml:3:3",
    ),
    BadInput(
        "duplicate keys deep",
        _text("services:\n  web:\n    image: a\n    image: b\n"),
        "duplicate key 'image'",
        location="compose.yaml:4:5",
    ),
    BadInput("unknown tag", _text("services:\n  web: !!python/object {}\n"), "YAML", location="compose.yaml:2:8"),
    BadInput(
        "malformed traefik rule",
        _text("services:\n  web:\n    image: nginx\n    labels: {traefik.http.routers.r.rule: 'Host(`a.com`'}\n"),
        "invalid rule",
        exit_code=0,
    ),
    BadInput(
        "malformed v1 rule",
        _text("services:\n  web:\n    image: nginx\n    labels: ['traefik.frontend.rule=Hots:a.com']\n"),
        "Traefik v1 rule",
        exit_code=0,
    ),
    BadInput(
        "malformed caddy label",
        _text(
            "services:\n  web:\n    image: nginx\n    labels: {caddy: a.example.com, caddy.reverse_proxy: '{{upstreams'}\n"
        ),
        "unclosed",
        exit_code=0,
    ),
    BadInput(
        "malformed multiports",
        _text("services:\n  web:\n    image: nginx\n    environment: {VIRTUAL_HOST_MULTIPORTS: '{a: [b'}\n"),
        "VIRTUAL_HOST_MULTIPORTS",
        exit_code=0,
    ),
    BadInput(
        "malformed cron",
        _text(
            "services:\n  c:\n    image: mcuadros/ofelia\n    labels: {ofelia.job-run.x.schedule: 'every tuesday'}\n"
        ),
        "cannot read the schedule",
        exit_code=0,
    ),
    BadInput(
        "malformed interpolation",
        _text("services:\n  web:\n    image: nginx\n    environment:\n      A: '${oops'\n"),
        "invalid interpolation",
        location="compose.yaml:5:7",
    ),
    BadInput(
        "bad interpolation name",
        _text("services:\n  web:\n    image: '${1abc}'\n"),
        "invalid interpolation",
        location="compose.yaml:3:5",
    ),
    BadInput(
        "bad env file line",
        _files(
            {"compose.yaml": "services:\n  web: {image: a, env_file: app.env}\n", "app.env": "GOOD=1\nBAD LINE HERE\n"}
        ),
        "app.env:2:1",
    ),
    BadInput(
        "unterminated env quote",
        _files({"compose.yaml": "services:\n  web: {image: a, env_file: app.env}\n", "app.env": 'A="open\n'}),
        "never closed",
    ),
    BadInput(
        "malformed rules dir",
        _files({"compose.yaml": "services:\n  a: {image: a}\n", "rules/x.yaml": "rules:\n  - id: Bad Id\n"}),
        "invalid rule file",
        args=("--rules", "rules"),
    ),
    BadInput(
        "rules file that is not YAML",
        _files({"compose.yaml": "services:\n  a: {image: a}\n", "rules/x.yaml": "rules: [\n"}),
        "invalid YAML",
        args=("--rules", "rules"),
    ),
    BadInput(
        "rule with a broken regular expression",
        _files(
            {
                "compose.yaml": "services:\n  a: {image: a}\n",
                "rules/x.yaml": (
                    "rules:\n  - id: X-BAD\n    title: t\n    rationale: r\n    docs: https://example.com\n"
                    "    severity: warning\n    message: m\n    match:\n      any:\n        - command: ['([open']\n"
                ),
            }
        ),
        "x.yaml:10:21: invalid rule file: rules.0.match.any.0.command.0 is not a regular expression",
        args=("--rules", "rules"),
    ),
    BadInput(
        "env file outside the project",
        _files(
            {"project/compose.yaml": "services:\n  a: {image: a, env_file: ../secret.env}\n", "secret.env": "A=1\n"}
        ),
        "outside the project directory",
        args=("--project-directory", "project"),
    ),
]
