"""Load a Compose project as Docker Compose does: files, .env, interpolation, include,
extends, multi-file merge, profiles and canonical long syntax."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from migrator import files as fs
from migrator.compose import canonical as canon
from migrator.compose import casts, references
from migrator.compose.envfile import parse_env_text
from migrator.compose.interpolate import InterpolationError, Problem, interpolate_tree, note_read, substitute
from migrator.compose.merge import merge_generic, merge_services
from migrator.compose.yamlread import Tagged, YMap, YSeq, parse_documents
from migrator.errors import MigratorError
from migrator.model import Finding, Severity, Span

DEFAULT_FILES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
OVERRIDE_FILES = (
    "compose.override.yml",
    "compose.override.yaml",
    "docker-compose.override.yml",
    "docker-compose.override.yaml",
)
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
MAX_EXTENDS = 64  # services in one chain of extends
TOTAL_READ_FACTOR = 4  # all the files of a project (includes, extends, env files) read at most 4 limits


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """How to find and read a project, with Docker Compose's own option names."""

    files: tuple[str, ...] = ()
    project_directory: str | None = None
    env_files: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    project_name: str | None = None
    strict: bool = False
    allow_outside: bool = False
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    environ: Mapping[str, str] | None = None
    stdin: str | None = None
    cwd: str | None = None
    validate: bool = True
    env_allow: tuple[str, ...] = ()  # process-environment variables whose values are no secret


@dataclass
class Loaded:
    """The merged, canonical project (the shape of ``docker compose config``) plus findings."""

    name: str
    working_dir: str
    files: list[str]
    model: YMap
    findings: list[Finding] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    inactive: tuple[tuple[str, tuple[str, ...]], ...] = ()  # services left out, with their profiles
    strict: bool = False


class _Context:
    def __init__(self, options: LoadOptions, root: str) -> None:
        self.options = options
        self.root = root
        self.findings: list[Finding] = []
        self.seen_findings: set[tuple[str, str, str]] = set()
        self.unset: dict[str, list[Span | None]] = {}  # variable -> where it is used unset
        self.read_left = TOTAL_READ_FACTOR * options.max_file_size  # the read budget, in bytes

    def report_unset(self) -> None:
        """One finding per unset variable, at its first use, however often it is used."""
        for variable, spans in self.unset.items():
            places = len({s.where() for s in spans if s is not None}) or 1
            where = f" ({places} places)" if places > 1 else ""
            self.problem(
                "CMP004",
                f"the variable {variable} is not set{where}; it defaults to an empty string",
                span=spans[0],
                hint=f"set {variable} in the environment or the .env file",
                severity="info",
                fatal_when_strict=False,
            )

    def rel(self, path: str) -> str:
        if path == "-":
            return "<stdin>"
        try:
            rel = os.path.relpath(path, self.root)
        except ValueError:
            return path
        return path if rel.startswith("..") else rel

    def problem(
        self,
        rule_id: str,
        message: str,
        *,
        span: Span | None,
        hint: str = "",
        severity: Severity = "warning",
        fatal_when_strict: bool = True,
    ) -> None:
        if self.options.strict and fatal_when_strict:
            raise MigratorError(message, span=span, hint=hint or None)
        key = (rule_id, message, span.where() if span else "")
        if key in self.seen_findings:
            return
        self.seen_findings.add(key)
        self.findings.append(Finding(rule_id, severity, message, hint, None, span))

    def check_inside(self, path: str, span: Span | None, what: str, *, base: str | None = None) -> None:
        """Refuse a file that lies outside the project (``base``), symbolic links followed."""
        if self.options.allow_outside or fs.inside(path, base or self.root):
            return
        raise MigratorError(
            f"{what} {self.rel(path)!r} lies outside the project directory (symbolic links followed)",
            span=span,
            hint="pass --allow-outside-project if you trust this project",
        )

    def outside(self, path: str, span: Span | None, what: str, *, base: str | None = None) -> bool:
        """Whether to skip a file outside the project: a finding (lenient) or an error (strict)."""
        if self.options.allow_outside or fs.inside(path, base or self.root):
            return False
        message = f"{what} {self.rel(path)!r} lies outside the project directory (symbolic links followed); it is not read"
        self.problem(
            "CMP010", message, span=span, hint="pass --allow-outside-project if you trust this project"
        )
        return True


# --- files and environment --------------------------------------------------------------------


def find_default_files(cwd: str) -> list[str]:
    directory = Path(cwd).resolve()
    while True:
        for name in DEFAULT_FILES:
            candidate = directory / name
            if candidate.is_file():
                found = [str(candidate)]
                for override in OVERRIDE_FILES:
                    extra = directory / override
                    if extra.is_file():
                        found.append(str(extra))
                        break
                return found
        if directory.parent == directory:
            break
        directory = directory.parent
    raise MigratorError(
        f"no Compose file found in {cwd} or its parents",
        hint="pass a file (migrator analyze compose.yaml) or run it where compose.yaml lives",
    )


def read_text(path: str, span: Span | None, ctx: _Context, *, what: str = "file") -> str:
    """A project file: a regular file, at most --max-file-size bytes, within the read budget."""
    display = ctx.rel(path)
    limit = min(ctx.options.max_file_size, ctx.read_left)
    try:
        data = fs.read_regular(path, limit)
    except FileNotFoundError:
        raise MigratorError(f"{what} not found: {display}", span=span, hint="check the path") from None
    except IsADirectoryError:
        raise MigratorError(
            f"{display} is a directory, not {_a(what)}", span=span, hint="pass the Compose file itself"
        ) from None
    except fs.TooLarge:
        if limit < ctx.options.max_file_size:
            raise MigratorError(
                f"reading {display}, the project's files add up to more than "
                f"{TOTAL_READ_FACTOR * ctx.options.max_file_size} bytes (the read budget: "
                f"{TOTAL_READ_FACTOR} times --max-file-size)",
                span=span,
                hint="a project that includes or extends the same files many times is refused",
            ) from None
        raise MigratorError(
            f"{display} is over the limit of {ctx.options.max_file_size} bytes",
            span=span,
            hint="raise the limit with --max-file-size if this file is really a Compose file",
        ) from None
    except fs.FileProblem as exc:
        raise MigratorError(
            f"{display} is {exc}, not {_a(what)}", span=span, hint="pass a regular file"
        ) from None
    except PermissionError:
        raise MigratorError(f"cannot read {display}: permission denied", span=span) from None
    except OSError as exc:
        raise MigratorError(f"cannot read {display}: {exc.strerror}", span=span) from None
    ctx.read_left -= len(data)
    return decode(data, display)


def read_stdin(limit: int) -> str:
    """Standard input as a Compose file: at most ``limit`` bytes, counted while reading."""
    try:
        data = fs.read_stream(sys.stdin.buffer, limit)
    except fs.TooLarge:
        raise MigratorError(
            f"standard input is over the limit of {limit} bytes",
            hint="raise the limit with --max-file-size if this is really a Compose file",
        ) from None
    return decode(data, "<stdin>")


def decode(data: bytes, display: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data[:nul].count(b"\n") + 1
        raise MigratorError(
            "the file holds binary data (a NUL byte), not YAML text",
            span=Span(display, line, nul - (data.rfind(b"\n", 0, nul) + 1) + 1),
            hint="pass a Compose file (UTF-8 text)",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise MigratorError(
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})",
            span=Span(display, line, column),
            hint="save the file as UTF-8",
        ) from None


def truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "y", "on")


def load_dotenv(
    paths: list[str],
    base_env: Mapping[str, str],
    ctx: _Context,
    *,
    required: bool,
    given: bool = False,
    span: Span | None = None,
) -> dict[str, str]:
    """``.env`` files; ``given`` ones (named on the command line) may lie anywhere their own folder
    holds them, the others must lie in the project."""
    values: dict[str, str] = {}
    for path in paths:
        if not os.path.lexists(path):
            if required:
                raise MigratorError(f"env file not found: {ctx.rel(path)}", hint="check the --env-file path")
            continue
        if ctx.outside(path, span, "env file", base=os.path.dirname(path) if given else None):
            continue
        if not os.path.isfile(path) and not required:
            continue
        text = read_text(path, None, ctx, what="env file")
        parsed = parse_env_text(text, ctx.rel(path), lookup={**values, **base_env})
        values.update({k: v for k, v in parsed.items() if v is not None})
    return values


_NAME_RE = re.compile(r"[^a-z0-9_-]")


def normalize_project_name(name: str) -> str:
    return _NAME_RE.sub("", name.lower())


# --- the loader -------------------------------------------------------------------------------


def process_environ(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment as text: bytes that are not UTF-8 (which Python keeps as lone surrogates,
    unwritable to any file) become U+FFFD, as they would in any UTF-8 output."""
    return {
        name: value.encode("utf-8", "surrogateescape").decode("utf-8", "replace") if _SURROGATE.search(value) else value
        for name, value in environ.items()
    }


_SURROGATE = re.compile("[\ud800-\udfff]")


def load(options: LoadOptions) -> Loaded:
    cwd = options.cwd or os.getcwd()
    environ = process_environ(os.environ if options.environ is None else options.environ)
    files = [f for f in options.files]
    if not files and environ.get("COMPOSE_FILE"):
        sep = environ.get("COMPOSE_PATH_SEPARATOR", os.pathsep)
        files = [f for f in environ["COMPOSE_FILE"].split(sep) if f]
    if not files:
        files = find_default_files(cwd)
    for given in files:
        if given != "-" and not os.path.exists(os.path.join(cwd, given)):
            raise MigratorError(
                f"Compose file not found: {given}", hint="check the path, or run migrator where compose.yaml lives"
            )
    if len(files) == 1 and files[0] != "-" and os.path.isdir(os.path.join(cwd, files[0])):
        # A project directory: its compose.yaml (and override), as if migrator ran there.
        directory = os.path.join(cwd, files[0])
        found = [f for f in DEFAULT_FILES if os.path.isfile(os.path.join(directory, f))]
        if not found:
            raise MigratorError(
                f"{files[0]} is a directory without a Compose file",
                hint="pass the Compose file, or a directory holding compose.yaml or docker-compose.yml",
            )
        files = [os.path.join(directory, found[0])]
        files += [os.path.join(directory, f) for f in OVERRIDE_FILES if os.path.isfile(os.path.join(directory, f))][:1]
    files = [f if f == "-" else os.path.abspath(os.path.join(cwd, f)) for f in files]
    if options.project_directory:
        working_dir = os.path.abspath(os.path.join(cwd, options.project_directory))
    elif files[0] == "-":
        working_dir = os.path.abspath(cwd)
    else:
        working_dir = os.path.dirname(files[0])
    ctx = _Context(options, working_dir)

    env = dict(environ)
    if options.env_files:
        dotenv = load_dotenv(
            [os.path.abspath(os.path.join(cwd, f)) for f in options.env_files], environ, ctx, required=True, given=True
        )
    elif not truthy(environ.get("COMPOSE_DISABLE_ENV_FILE")):
        dotenv = load_dotenv([os.path.join(working_dir, ".env")], environ, ctx, required=False)
    else:
        dotenv = {}
    for key, value in dotenv.items():
        env.setdefault(key, value)

    profiles = list(options.profiles)
    if not profiles and env.get("COMPOSE_PROFILES"):
        profiles = [p.strip() for p in env["COMPOSE_PROFILES"].split(",") if p.strip()]

    canon.HOME.clear()
    if environ.get("HOME"):
        canon.HOME["HOME"] = environ["HOME"]
    texts: list[tuple[str, str, str]] = []
    for index, path in enumerate(files):
        if path == "-":
            text = options.stdin if options.stdin is not None else read_stdin(options.max_file_size)
            texts.append((path, "<stdin>", text))
            continue
        # A Compose file may be a link, but not to a place outside its own folder: a project
        # cannot make migrator read /etc/passwd or /dev/zero as its compose.yaml.
        if index == 0 or options.strict:
            ctx.check_inside(path, None, "Compose file", base=os.path.dirname(path))
        elif ctx.outside(path, None, "Compose file", base=os.path.dirname(path)):
            continue
        texts.append((path, ctx.rel(path), read_text(path, None, ctx, what="Compose file")))
    parsed = [(path, display, parse_documents(text, display)) for path, display, text in texts]
    name = _project_name(options, env, parsed, working_dir)
    env.setdefault("COMPOSE_PROJECT_NAME", name)

    model = YMap(None)
    for path, display, documents in parsed:
        doc = _load_documents(documents, display, working_dir, env, ctx, chain=(path,))
        model = _merge_models(model, doc)

    inactive = _apply_profiles(model, profiles, ctx)
    _finish(model, env, ctx, name)
    references.check(model, lambda rule_id, message, span, hint: ctx.problem(rule_id, message, span=span, hint=hint))
    ctx.report_unset()
    return Loaded(
        name=name,
        working_dir=working_dir,
        files=[ctx.rel(f) for f in files],
        model=model,
        findings=ctx.findings,
        env=env,
        inactive=inactive,
        strict=options.strict,
    )


def _project_name(
    options: LoadOptions, env: Mapping[str, str], parsed: list[tuple[str, str, list[Any]]], working_dir: str
) -> str:
    raw: Any = options.project_name or env.get("COMPOSE_PROJECT_NAME")
    if not raw:
        for _path, _display, documents in parsed:
            for doc in documents:
                if isinstance(doc, dict) and isinstance(doc.get("name"), str):
                    try:
                        raw = substitute(doc["name"], env, lambda problem: None)
                    except InterpolationError:
                        raw = doc["name"]
    if isinstance(raw, str) and raw:
        name = normalize_project_name(raw)
        if not name:
            raise MigratorError(
                f"invalid project name {raw!r}", hint="use lowercase letters, digits, dashes and underscores"
            )
        return name
    return normalize_project_name(os.path.basename(working_dir.rstrip(os.sep))) or "default"


def _load_file_text(
    text: str, display: str, base_dir: str, env: Mapping[str, str], ctx: _Context, *, chain: tuple[str, ...]
) -> YMap:
    return _load_documents(parse_documents(text, display), display, base_dir, env, ctx, chain=chain)


def _load_documents(
    documents: list[Any], display: str, base_dir: str, env: Mapping[str, str], ctx: _Context, *, chain: tuple[str, ...]
) -> YMap:
    merged = YMap(Span(display, 1, 1))
    for doc in documents:
        if doc is None:
            continue
        if not isinstance(doc, YMap):
            raise MigratorError(
                "the file is not a Compose project: its top level must be a mapping",
                span=getattr(doc, "span", None) or Span(display, 1, 1),
                hint="a Compose file starts with keys such as 'services:'",
            )
        merged = _merge_models(merged, doc) if merged else doc
    doc = merged
    _legacy_format(doc, display, ctx)
    _interpolate(doc, env, ctx)
    _cast(doc, ctx)
    if ctx.options.validate:
        _validate(doc, ctx)
    services = doc.get("services")
    if services is None and "services" in doc:
        doc["services"] = YMap(doc.key_span("services"))
    elif services is not None and not isinstance(services, YMap):
        raise MigratorError(
            "'services' must be a mapping of service names to their definitions",
            span=doc.key_span("services"),
            hint="write each service as a key under services:, not as a list item",
        )
    if not isinstance(doc.get("services", YMap()), YMap):
        raise MigratorError("'services' must be a mapping", span=doc.key_span("services"))
    _canonical_services(doc, base_dir, ctx)
    if "include" in doc:
        _include(doc, base_dir, env, ctx, chain=chain)
    _resolve_extends(doc, base_dir, env, ctx, chain=chain)
    return doc


_TOP_LEVEL = frozenset(
    {"version", "name", "services", "networks", "volumes", "secrets", "configs", "include", "models", "jobs"}
)


def _legacy_format(doc: YMap, display: str, ctx: _Context) -> None:
    """Compose file format v1 put services at the top level; Docker Compose v2 refuses it."""
    if "services" in doc:
        return
    legacy = [
        k
        for k, v in doc.items()
        if k not in _TOP_LEVEL and not k.startswith("x-") and isinstance(v, dict) and ("image" in v or "build" in v)
    ]
    if not legacy or ctx.options.strict:
        return
    ctx.problem(
        "CMP007",
        f"{display} uses the version 1 file format (services at the top level: {', '.join(legacy[:5])}{', ...' if len(legacy) > 5 else ''}); Docker Compose no longer reads it",
        span=doc.key_span(legacy[0]),
        hint="move the services under a top-level 'services:' key",
    )
    services = YMap(doc.span)
    for key in legacy:
        services[key] = doc.pop(key)
        services.key_spans[key] = doc.key_spans.get(key) or doc.span  # type: ignore[assignment]
    doc["services"] = services
    doc.key_spans["services"] = doc.span  # type: ignore[assignment]


def _interpolate(doc: YMap, env: Mapping[str, str], ctx: _Context) -> None:
    def report(problem: Problem, path: str) -> None:
        span = _span_for(doc, path)
        if problem.kind == "required":
            ctx.problem(
                "CMP003",
                problem.message,
                span=span,
                hint=f"set {problem.variable} in the environment or the .env file",
            )
        else:
            ctx.unset.setdefault(problem.variable, []).append(span)

    try:
        for key in list(doc):
            if key.startswith("x-"):
                continue  # extension fields are interpolated lazily by Compose; keep them as written
            doc[key] = interpolate_tree(doc[key], env, report, key)
    except InterpolationError as exc:
        raise MigratorError(
            str(exc), span=_span_for(doc, exc.path), hint="fix the ${...} expression (write $$ for a literal $)"
        ) from None


def _cast(doc: YMap, ctx: _Context) -> None:
    """Cast the strings Compose needs typed (``retries: ${N}``); what does not cast is refused."""

    def report(path: str, value: str, expected: str) -> None:
        # A short word shows what went wrong; a long value is not echoed (it could be a secret).
        shown = repr(value) if len(value) <= 16 else f"{len(value)} characters of text"
        ctx.problem(
            "CMP-CAST",
            f"{path} must be {expected}, but after interpolation it is {shown}"
            + ("" if ctx.options.strict else "; it is left out of the analysis"),
            span=_span_for(doc, path),
            hint="set the variable it comes from, or write the value itself",
        )

    casts.cast_document(doc, report)


def _validate(doc: YMap, ctx: _Context) -> None:
    from migrator.compose import schema

    for path, message in schema.validate(doc):
        ctx.problem(
            "CMP001",
            f"invalid Compose file: {message}",
            span=_span_for(doc, path),
            hint="see the Compose specification for this key",
        )


def _span_for(doc: YMap, path: str) -> Span | None:
    """The span of a dotted path such as ``services.web.environment[2]``."""
    node: Any = doc
    span = doc.span
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("[") and isinstance(node, YSeq):
            index = int(part[1:-1])
            span = node.item_span(index) or span
            node = node[index] if index < len(node) else None
        elif isinstance(node, YMap) and part in node:
            span = node.key_span(part) or span
            node = node[part]
        else:
            break
    return span


_SERVICE_CANON = (
    "command",
    "entrypoint",
    "environment",
    "labels",
    "ports",
    "expose",
    "volumes",
    "depends_on",
    "env_file",
    "build",
    "networks",
    "profiles",
    "links",
    "volumes_from",
    "cap_add",
    "cap_drop",
    "extends",
    "deploy",
    "secrets",
    "configs",
    "healthcheck",
)


def _canonical_services(doc: YMap, base_dir: str, ctx: _Context) -> None:
    services = doc.get("services")
    if not isinstance(services, YMap):
        return
    for name, service in list(services.items()):
        span = services.key_span(name)
        if service is None:
            service = YMap(span)
            services[name] = service
        if not isinstance(service, YMap):
            raise MigratorError(
                f"service '{name}' must be a mapping",
                span=span,
                hint="write the service's keys (image, build, ports, ...) under its name",
            )
        _canonical_service(name, service, base_dir, ctx)


def _canonical_service(name: str, service: YMap, base_dir: str, ctx: _Context) -> None:
    for key in _SERVICE_CANON:
        if key not in service:
            continue
        value = service[key]
        tagged = value if isinstance(value, Tagged) else None
        inner = tagged.value if tagged else value
        span = service.key_span(key)
        if tagged is not None and tagged.tag == "!reset":
            continue
        try:
            if key == "ports":
                new = canon.ports(inner, span, lambda message, where: _capped(ctx, name, message, where))
            else:
                new = _canonical_value(key, inner, span, base_dir)
        except canon.CanonicalError as exc:
            ctx.problem(
                "CMP001", f"service '{name}': {exc}", span=exc.span or span, hint=exc.hint or "fix or remove the value"
            )
            del service[key]
            continue
        service[key] = Tagged(tagged.tag, new) if tagged else new


def _capped(ctx: _Context, service: str, message: str, span: Span | None) -> None:
    ctx.problem(
        "LIM001",
        f"service '{service}': {message}",
        span=span,
        hint="list the ports the service really uses",
        fatal_when_strict=False,
    )


def _canonical_value(key: str, value: Any, span: Span | None, base_dir: str) -> Any:
    if key in ("command", "entrypoint"):
        return canon.split_command(value, span)
    if key == "environment":
        return canon.key_values(value, span, what="environment variable", bare_is_none=True)
    if key == "labels":
        return canon.key_values(value, span, what="label", bare_is_none=False)
    if key == "ports":
        return canon.ports(value, span)
    if key == "expose":
        return canon.string_list(value, span, "expose")
    if key == "volumes":
        return canon.volumes(value, span, base_dir)
    if key == "depends_on":
        return canon.depends_on(value, span)
    if key == "env_file":
        return canon.env_files(value, span, base_dir)
    if key == "build":
        return canon.build(value, span, base_dir)
    if key == "networks":
        return canon.networks(value, span)
    if key in ("profiles", "links", "volumes_from", "cap_add", "cap_drop"):
        return canon.string_list(value, span, key)
    if key in ("secrets", "configs"):
        return canon.file_references(value, span, key)
    if key == "healthcheck" and isinstance(value, dict) and isinstance(value.get("test"), str):
        check = YMap(getattr(value, "span", span))
        check.update(value)
        check["test"] = ["CMD-SHELL", value["test"]]
        return check
    if key == "extends":
        if isinstance(value, str):
            return {"service": value}
        if isinstance(value, dict):
            return value
        raise canon.CanonicalError("extends must be a service name or a mapping", span)
    if key == "deploy" and isinstance(value, dict) and "labels" in value:
        deploy = YMap(getattr(value, "span", span))
        deploy.update(value)
        if isinstance(value, YMap):
            deploy.key_spans.update(value.key_spans)
        deploy["labels"] = canon.key_values(
            value["labels"], deploy.key_span("labels"), what="label", bare_is_none=False
        )
        return deploy
    return value


def _merge_models(base: YMap, override: YMap) -> YMap:
    if not base:
        return override
    result = YMap(base.span)
    result.update(base)
    result.key_spans.update(base.key_spans)
    for key, value in override.items():
        if key in override.key_spans:
            result.key_spans.setdefault(key, override.key_spans[key])
        if isinstance(value, Tagged):
            if value.tag == "!reset":
                result.pop(key, None)
            else:
                result[key] = value.value
            continue
        if key == "services" and isinstance(result.get(key), YMap) and isinstance(value, YMap):
            services = YMap(result[key].span)
            services.update(result[key])
            services.key_spans.update(result[key].key_spans)
            for name, svc in value.items():
                if name in services and isinstance(services[name], dict) and isinstance(svc, dict):
                    services[name] = merge_services(services[name], svc)
                else:
                    services[name] = svc
                    services.key_spans[name] = value.key_span(name)  # type: ignore[assignment]
            result[key] = services
        elif key in result:
            result[key] = merge_generic(result[key], value)
        else:
            result[key] = value
    return result


# --- include ----------------------------------------------------------------------------------


def _include(doc: YMap, base_dir: str, env: Mapping[str, str], ctx: _Context, *, chain: tuple[str, ...]) -> None:
    entries = doc.pop("include")
    span = doc.key_span("include")
    if entries is None:
        return
    if not isinstance(entries, list):
        raise MigratorError("include must be a list", span=span)
    services = doc.get("services")
    if not isinstance(services, YMap):
        services = YMap(span)
        doc["services"] = services
    local_names = set(services)
    for entry in entries:
        paths: list[Any]
        if isinstance(entry, str):
            paths, project_dir, env_files = [entry], None, None
        elif isinstance(entry, dict):
            raw_path = entry.get("path")
            paths = raw_path if isinstance(raw_path, list) else [raw_path]
            project_dir = entry.get("project_directory")
            env_files = entry.get("env_file")
        else:
            raise MigratorError("each include entry must be a path or a mapping", span=span)
        if not paths or not all(isinstance(p, str) for p in paths):
            raise MigratorError("an include entry needs a path", span=span)
        abs_paths = [canon.resolve_path(p, base_dir) for p in paths]
        for path in abs_paths:
            ctx.check_inside(path, span, "included file")
            if path in chain:
                raise MigratorError(f"include cycle: {' -> '.join(ctx.rel(p) for p in (*chain, path))}", span=span)
        inc_dir = (
            canon.resolve_path(project_dir, base_dir) if isinstance(project_dir, str) else os.path.dirname(abs_paths[0])
        )
        if isinstance(env_files, str):
            env_files = [env_files]
        env_paths = (
            [canon.resolve_path(p, base_dir) for p in env_files]
            if isinstance(env_files, list)
            else [os.path.join(inc_dir, ".env")]
        )
        for path in env_paths:
            ctx.check_inside(path, span, "env file")
        own = load_dotenv(env_paths, env, ctx, required=isinstance(env_files, list), span=span)
        inc_env = {**own, **env}
        included = YMap(span)
        for path in abs_paths:
            if not os.path.exists(path):
                ctx.problem(
                    "CMP008",
                    f"included file not found: {ctx.rel(path)}",
                    span=span,
                    hint="check the include path; its services are left out of the analysis",
                )
                continue
            text = read_text(path, span, ctx, what="included file")
            sub = _load_file_text(text, ctx.rel(path), inc_dir, inc_env, ctx, chain=(*chain, path))
            included = _merge_models(included, sub)
        for name, svc in (included.get("services") or {}).items():
            if name in services and name in local_names:
                raise MigratorError(
                    f"service '{name}' is defined both here and in the included file {ctx.rel(abs_paths[0])}",
                    span=services.key_span(name),
                    hint="rename one of the two services",
                )
            services[name] = svc
            services.key_spans[name] = included["services"].key_span(name)
        for section in ("volumes", "networks", "secrets", "configs"):
            extra = included.get(section)
            if isinstance(extra, dict):
                target = doc.get(section)
                if not isinstance(target, YMap):
                    target = YMap(span)
                    doc[section] = target
                for key, value in extra.items():
                    target.setdefault(key, value)


# --- extends ----------------------------------------------------------------------------------


def _resolve_extends(
    doc: YMap, base_dir: str, env: Mapping[str, str], ctx: _Context, *, chain: tuple[str, ...]
) -> None:
    services = doc.get("services")
    if not isinstance(services, YMap):
        return
    cache: dict[str, YMap] = {}
    for name in list(services):
        services[name] = _extended(name, services, base_dir, env, ctx, (), cache, chain[-1])


def _extended(
    name: str,
    services: YMap,
    base_dir: str,
    env: Mapping[str, str],
    ctx: _Context,
    stack: tuple[str, ...],
    cache: dict[str, YMap],
    file_key: str,
) -> YMap:
    key = f"{file_key}#{name}"
    if key in cache:
        return cache[key]
    service = services[name]
    extends = service.get("extends") if isinstance(service, YMap) else None
    if not isinstance(extends, dict):
        return service  # type: ignore[no-any-return]
    span = service.key_span("extends")
    if key in stack:
        cycle = " -> ".join(s.split("#", 1)[1] for s in (*stack, key))
        raise MigratorError(f"extends cycle: {cycle}", span=span, hint="break the cycle of extends")
    if len(stack) >= MAX_EXTENDS:
        raise MigratorError(
            f"service '{name}' ends a chain of more than {MAX_EXTENDS} extends",
            span=span,
            hint="a service extends a few others at most; shorten the chain",
        )
    base_name = extends.get("service")
    if not isinstance(base_name, str):
        raise MigratorError("extends needs a service name", span=span)
    file = extends.get("file")
    if isinstance(file, str):
        path = canon.resolve_path(file, base_dir)
        ctx.check_inside(path, span, "extended file")
        text = read_text(path, span, ctx, what="extended file")
        other = parse_documents(text, ctx.rel(path))
        other_doc = other[0] if other else YMap()
        if not isinstance(other_doc, YMap):
            raise MigratorError("the extended file is not a Compose project", span=span)
        _interpolate(other_doc, env, ctx)
        _cast(other_doc, ctx)
        _canonical_services(other_doc, os.path.dirname(path), ctx)
        other_services = other_doc.get("services")
        if not isinstance(other_services, YMap) or base_name not in other_services:
            raise MigratorError(
                f"service '{base_name}' not found in {ctx.rel(path)}",
                span=span,
                hint="check extends.service and extends.file",
            )
        base = _extended(base_name, other_services, os.path.dirname(path), env, ctx, (*stack, key), cache, path)
    else:
        if base_name not in services:
            raise MigratorError(f"service '{name}' extends '{base_name}', which is not defined", span=span)
        base = _extended(base_name, services, base_dir, env, ctx, (*stack, key), cache, file_key)
    local = YMap(service.span)
    for k, v in service.items():
        if k != "extends":
            local[k] = v
            if k in service.key_spans:
                local.key_spans[k] = service.key_spans[k]
    merged = merge_services(_strip_for_extends(base), local)
    cache[key] = merged
    return merged


def _strip_for_extends(base: YMap) -> YMap:
    result = YMap(base.span)
    for key, value in base.items():
        if key == "extends":
            continue
        result[key] = value
        if key in base.key_spans:
            result.key_spans[key] = base.key_spans[key]
    return result


# --- profiles and finishing -------------------------------------------------------------------


def _apply_profiles(model: YMap, profiles: list[str], ctx: _Context) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Leave out the services whose profiles are not enabled; say which, and behind what."""
    services = model.get("services")
    if not isinstance(services, YMap):
        return ()
    everything = "*" in profiles
    active = set(profiles)
    disabled = []
    for name, service in list(services.items()):
        svc_profiles = service.get("profiles") if isinstance(service, dict) else None
        if svc_profiles and not everything and not active.intersection(svc_profiles):
            disabled.append((name, tuple(sorted({str(p) for p in svc_profiles})), services.key_span(name)))
    for name, _profiles, _span in disabled:
        del services[name]
    model["_disabled"] = [name for name, _profiles, _span in disabled]
    if disabled:
        _report_profiles(disabled, not services, ctx)
    return tuple((name, names) for name, names, _span in sorted(disabled))


def _report_profiles(
    disabled: list[tuple[str, tuple[str, ...], Span | None]], nothing_left: bool, ctx: _Context
) -> None:
    by_profile: dict[str, list[str]] = {}
    for name, names, _span in disabled:
        for profile in names:
            by_profile.setdefault(profile, []).append(name)
    listed = "; ".join(f"{profile}: {', '.join(sorted(names))}" for profile, names in sorted(by_profile.items()))
    first = sorted(by_profile)[0]
    count = len(disabled)
    if nothing_left:
        message = (
            f"every service sits behind a profile that is not enabled, so nothing is analyzed "
            f"({count} service{'s' if count != 1 else ''} behind {listed})"
        )
        severity: Severity = "warning"
    else:
        message = (
            f"{count} service{'s' if count != 1 else ''} behind profiles that are not enabled "
            f"{'are' if count != 1 else 'is'} left out ({listed})"
        )
        severity = "info"
    ctx.problem(
        "CMP-PROFILES",
        message,
        span=min((span for _n, _p, span in disabled if span is not None), default=None),
        hint=f"enable them with --profile {first} (repeatable), or --profile '*' for every profile",
        severity=severity,
        fatal_when_strict=False,
    )


def _finish(model: YMap, env: Mapping[str, str], ctx: _Context, name: str) -> None:
    disabled = set(model.pop("_disabled", []) or [])
    for section in ("volumes", "networks", "secrets", "configs"):
        value = model.get(section)
        if value is not None and not isinstance(value, dict):
            ctx.problem(
                "CMP001",
                f"invalid Compose file: '{section}' must be a mapping; it is left out of the analysis",
                span=model.key_span(section),
                hint="see the Compose specification for this key",
            )
            del model[section]
        elif isinstance(value, dict):
            for key in [k for k, v in value.items() if v is not None and not isinstance(v, dict)]:
                ctx.problem(
                    "CMP001",
                    f"invalid Compose file: {section}.{key} must be a mapping; it is left out of the analysis",
                    span=value.key_span(key) if isinstance(value, YMap) else model.key_span(section),
                    hint="see the Compose specification for this key",
                )
                del value[key]
    services = model.get("services")
    if not isinstance(services, YMap):
        if "services" not in model:
            span = model.span
            if not any(key in model for key in ("include", "volumes", "networks", "secrets", "configs", "name")):
                raise MigratorError(
                    "the file is not a Compose project: it has no 'services'",
                    span=span,
                    hint="a Compose file defines its containers under 'services:'",
                )
        services = YMap(model.span)
        model["services"] = services
    for svc_name, service in services.items():
        if not isinstance(service, YMap):
            continue
        _resolve_env(svc_name, service, env, ctx)
        deps = service.get("depends_on")
        if isinstance(deps, dict):
            for dep, entry in list(deps.items()):
                if dep in services:
                    continue
                required = not (isinstance(entry, dict) and entry.get("required") is False)
                where = deps.key_span(dep) if isinstance(deps, YMap) else service.span
                if dep in disabled:
                    if required:
                        ctx.problem(
                            "CMP005",
                            f"service '{svc_name}' depends on '{dep}', which is in a profile that is not enabled",
                            span=where,
                            hint=f"enable the profile of '{dep}' with --profile",
                        )
                    del deps[dep]
                elif required:
                    ctx.problem(
                        "CMP006",
                        f"service '{svc_name}' depends on undefined service '{dep}'",
                        span=where,
                        hint="define the service or remove the dependency",
                    )
                    del deps[dep]
                else:
                    del deps[dep]
        for key in ("links", "volumes_from"):
            refs = service.get(key)
            if isinstance(refs, list):
                for ref in refs:
                    target = str(ref).split(":")[0]
                    if key == "volumes_from" and target.startswith("container"):
                        continue
                    if target not in services:
                        ctx.problem(
                            "CMP006",
                            f"service '{svc_name}' refers to undefined service '{target}' in {key}",
                            span=service.key_span(key),
                            hint="define the service or remove the reference",
                        )
        service.pop("extends", None)
        _implicit_dependencies(service, services)
    _dependency_cycles(services, ctx)
    for section in ("secrets", "configs"):
        entries = model.get(section)
        if isinstance(entries, dict):
            for key, entry in list(entries.items()):
                item = dict(entry) if isinstance(entry, dict) else {}
                if not item.get("external"):
                    item.setdefault("name", f"{name}_{key}")
                if isinstance(item.get("file"), str):
                    item["file"] = canon.resolve_path(item["file"], ctx.root)
                entries[key] = item
    volumes = model.get("volumes")
    if isinstance(volumes, dict):
        for vol_name, vol in list(volumes.items()):
            entry = dict(vol) if isinstance(vol, dict) else {}
            if not entry.get("external"):
                entry.setdefault("name", f"{name}_{vol_name}")
            volumes[vol_name] = entry


def _resolve_env(name: str, service: YMap, env: Mapping[str, str], ctx: _Context) -> None:
    files = service.get("env_file")
    environment = service.get("environment")
    if not files and not isinstance(environment, dict):
        return
    merged = YMap(service.key_span("environment"))
    if isinstance(files, list):
        for entry in files:
            path = entry["path"]
            span = service.key_span("env_file")
            ctx.check_inside(path, span, "env_file")
            if not os.path.isfile(path):
                if entry.get("required", True) is not False:
                    ctx.problem(
                        "CMP002",
                        f"env_file not found: {ctx.rel(path)} (service '{name}')",
                        span=span,
                        hint="create the file, or mark it 'required: false'",
                    )
                continue
            text = read_text(path, span, ctx, what="env_file")
            raw = entry.get("format") == "raw"
            values = parse_env_text(text, ctx.rel(path), lookup=env, interpolate=not raw)
            for key, value in values.items():
                if value is None:
                    continue
                merged[key] = value
                merged.key_spans[key] = span  # type: ignore[assignment]
    if isinstance(environment, dict):
        spans = environment.key_spans if isinstance(environment, YMap) else {}
        for key, value in environment.items():
            if value is None:
                value = env.get(key)
                if value is not None:
                    note_read(key)
            merged[key] = value
            if key in spans:
                merged.key_spans[key] = spans[key]
    service["environment"] = merged
    service.pop("env_file", None)


def _implicit_dependencies(service: YMap, services: YMap) -> None:
    """Compose adds a dependency for ``volumes_from``, ``network_mode: service:x`` and ``ipc``."""
    implicit: list[tuple[str, bool]] = []
    for ref in service.get("links") or []:
        name = str(ref).split(":")[0]
        if name in services:
            implicit.append((name, True))
    for ref in service.get("volumes_from") or []:
        name = str(ref).split(":")[0]
        if not name.startswith("container") and name in services:
            implicit.append((name, False))
    for key in ("network_mode", "ipc", "pid"):
        value = service.get(key)
        if isinstance(value, str) and value.startswith("service:") and value[8:] in services:
            implicit.append((value[8:], True))
    if not implicit:
        return
    deps = service.get("depends_on")
    if not isinstance(deps, dict):
        deps = YMap(service.span)
        service["depends_on"] = deps
    for name, restart in implicit:
        if name not in deps:
            entry: dict[str, Any] = {"condition": "service_started"}
            if restart:
                entry["restart"] = True
            entry["required"] = True
            deps[name] = entry


def _dependency_cycles(services: YMap, ctx: _Context) -> None:
    """Docker Compose refuses a cycle of depends_on; report the first one it would meet.

    A depth-first search with its own stack: a chain of thousands of services is no deeper for
    it than for Docker Compose."""
    state: dict[str, int] = {}

    def deps_of(name: str) -> Iterator[str]:
        deps = services[name].get("depends_on") if isinstance(services.get(name), dict) else None
        return iter(sorted(dep for dep in deps or {} if dep in services))

    for start in sorted(services):
        if state.get(start) is not None:
            continue
        path = [start]
        state[start] = 1
        pending = [deps_of(start)]
        while pending:
            for dep in pending[-1]:
                if state.get(dep) == 1:
                    cycle = [*path[path.index(dep) :], dep]
                    ctx.problem(
                        "CMP009",
                        "dependency cycle detected: " + " -> ".join(cycle),
                        span=services.key_span(cycle[0]),
                        hint="break the cycle of depends_on; Docker Compose cannot start these services",
                    )
                    return
                if state.get(dep) is None:
                    state[dep] = 1
                    path.append(dep)
                    pending.append(deps_of(dep))
                    break
            else:
                state[path.pop()] = 2
                pending.pop()


def _a(noun: str) -> str:
    """``noun`` with its indefinite article (an env file, a Compose file)."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun
