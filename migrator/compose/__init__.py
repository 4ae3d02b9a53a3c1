"""The loader stage: Compose files in, a ``Project`` (the IR) out."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from migrator import files, numbers
from migrator.compose import context as build_context
from migrator.compose.config import project_config
from migrator.compose.interpolate import recording_reads
from migrator.compose.loader import DEFAULT_MAX_FILE_SIZE, Loaded, LoadOptions, load, process_environ
from migrator.compose.yamlread import YMap, YSeq, go_string
from migrator.errors import MigratorError
from migrator.model import (
    Build,
    Dependency,
    EnvVar,
    Finding,
    Label,
    Port,
    Project,
    Resources,
    Service,
    Span,
    Volume,
    is_crontab,
    is_crontab_folder,
)

__all__ = ["DEFAULT_MAX_FILE_SIZE", "LoadOptions", "load_project", "to_project"]

# What the shell sets for every process: where it runs and who runs it, never a secret
# (`$PWD/Caddyfile` is a path, and a path is never rewritten).
SHELL_VARIABLES = frozenset(
    {"PWD", "OLDPWD", "HOME", "USER", "LOGNAME", "UID", "GID", "HOSTNAME", "SHELL", "PATH", "LANG", "TZ", "TMPDIR"}
)


def load_project(options: LoadOptions) -> Project:
    environ = process_environ(os.environ if options.environ is None else options.environ)
    allowed = frozenset(options.env_allow)
    with recording_reads() as reads:
        try:
            loaded = load(options)
            from_environ = tuple(
                sorted(
                    (name, environ[name])
                    for name in reads
                    if name in environ
                    and name not in allowed
                    and name not in SHELL_VARIABLES
                    and not name.startswith("COMPOSE_")
                    and environ[name]
                )
            )
            return to_project(loaded, from_environ)
        except MigratorError as exc:
            # A value the process environment gave quotes as no value in an error (the CI job's
            # token in an undefined volume's name).
            from migrator.redact import REDACTED

            values = [environ[n] for n in reads if n in environ and n not in allowed and n not in SHELL_VARIABLES and len(environ[n]) >= 8]
            for value in sorted(values, key=len, reverse=True):
                exc.message = exc.message.replace(value, REDACTED)
                exc.hint = exc.hint.replace(value, REDACTED) if exc.hint else exc.hint
            raise


def to_project(loaded: Loaded, from_environ: tuple[tuple[str, str], ...] = ()) -> Project:
    """The IR of a loaded project; ``from_environ`` names the values interpolated from the process
    environment (secrets unless allowed: ``LoadOptions.env_allow``)."""
    services_map = loaded.model.get("services") or YMap()
    findings = list(loaded.findings)

    def unreadable(message: str, span: Span) -> None:
        if loaded.strict:
            raise MigratorError(message, span=span, hint="write a plain number (ASCII digits, no .inf or .nan)")
        findings.append(Finding("LIM002", "warning", message, "write a plain number (ASCII digits)", None, span))

    services = tuple(
        _service(
            name, body, services_map.key_span(name) if isinstance(services_map, YMap) else None, loaded, unreadable
        )
        for name, body in sorted(services_map.items())
        if isinstance(body, dict)
    )
    volumes = tuple(sorted((loaded.model.get("volumes") or {}).keys()))
    return Project(
        name=loaded.name,
        working_dir=loaded.working_dir,
        files=tuple(loaded.files),
        services=services,
        volumes=volumes,
        findings=tuple(findings),
        inactive=loaded.inactive,
        render_config=lambda: project_config(loaded.name, loaded.model),
        from_environ=from_environ,
    )


def _rel(path: str, root: str) -> str:
    if not os.path.isabs(path):
        return path
    rel = os.path.relpath(path, root)
    return path if rel.startswith("..") else rel


def _span(value: Any, key: str, fallback: Span) -> Span:
    if isinstance(value, YMap):
        return value.key_span(key) or fallback
    return fallback


Unreadable = Callable[[str, Span], None]


def _service(
    name: str, body: dict[str, Any], span: Span | None, loaded: Loaded, unreadable: Unreadable
) -> Service:
    root = loaded.working_dir
    here = span or Span(loaded.files[0] if loaded.files else "")
    env = body.get("environment") or {}
    environment = tuple(
        EnvVar(key, None if value is None else str(value), _span(env, key, here)) for key, value in sorted(env.items())
    )
    labels = _labels(body.get("labels"), here, deploy=False)
    deploy: dict[str, Any] = body["deploy"] if isinstance(body.get("deploy"), dict) else {}
    labels += _labels(deploy.get("labels"), here, deploy=True)
    ports = tuple(
        _port(item, _item_span(body.get("ports"), index, here), unreadable)
        for index, item in enumerate(body.get("ports") or [])
    )
    volumes = tuple(
        _volume(item, _item_span(body.get("volumes"), index, here), root)
        for index, item in enumerate(body.get("volumes") or [])
    )
    deps = body.get("depends_on") or {}
    depends_on = tuple(
        Dependency(dep, str(entry.get("condition", "service_started")), entry.get("required", True) is not False)
        for dep, entry in sorted(deps.items())
        if isinstance(entry, dict)
    )
    networks_value = body.get("networks") or {}
    aliases: list[str] = []
    for net in networks_value.values() if isinstance(networks_value, dict) else []:
        if isinstance(net, dict):
            aliases.extend(str(a) for a in net.get("aliases") or [])
    build = _build(body.get("build"), root)
    extension = body.get("x-migrator")
    return Service(
        name=name,
        span=here,
        image=str(body["image"]) if body.get("image") is not None else None,
        build=build,
        command=tuple(body["command"]) if isinstance(body.get("command"), list) else None,
        entrypoint=tuple(body["entrypoint"]) if isinstance(body.get("entrypoint"), list) else None,
        environment=environment,
        labels=labels,
        ports=ports,
        expose=tuple(go_string(v) for v in body.get("expose") or []),
        volumes=volumes,
        depends_on=depends_on,
        links=tuple(str(v) for v in body.get("links") or []),
        volumes_from=tuple(str(v) for v in body.get("volumes_from") or []),
        networks=tuple(sorted(networks_value)) if isinstance(networks_value, dict) else (),
        aliases=tuple(sorted(set(aliases))),
        container_name=_str_or_none(body.get("container_name")),
        hostname=_str_or_none(body.get("hostname")),
        profiles=tuple(str(p) for p in body.get("profiles") or []),
        platform=_str_or_none(body.get("platform")),
        privileged=body.get("privileged") is True,
        cap_add=tuple(str(c) for c in body.get("cap_add") or []),
        devices=tuple(_device(d) for d in body.get("devices") or []),
        network_mode=_str_or_none(body.get("network_mode")),
        pid=_str_or_none(body.get("pid")),
        restart=_str_or_none(body.get("restart")),
        resources=_resources(deploy, body, _span(body, "deploy" if "deploy" in body else "mem_limit", here), unreadable),
        healthcheck=_healthcheck(body.get("healthcheck")),
        config_files=_config_files(body, root),
        extension=dict(extension) if isinstance(extension, dict) else None,
        extension_span=_span(body, "x-migrator", here) if extension is not None else None,
        replicas=_replicas(deploy, body),
    )


def _replicas(deploy: dict[str, Any], body: dict[str, Any]) -> int | None:
    for value in (deploy.get("replicas"), body.get("scale")):
        if isinstance(value, str):
            value = numbers.to_int(value)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
    return None


def _str_or_none(value: Any) -> str | None:
    return None if value is None else go_string(value)


def _item_span(seq: Any, index: int, fallback: Span) -> Span:
    if isinstance(seq, YSeq):
        return seq.item_span(index) or fallback
    return fallback


def _labels(value: Any, fallback: Span, *, deploy: bool) -> tuple[Label, ...]:
    if not isinstance(value, dict):
        return ()
    return tuple(Label(str(k), go_string(v), _span(value, k, fallback), deploy) for k, v in sorted(value.items()))


def _port(item: dict[str, Any], span: Span, unreadable: Unreadable) -> Port:
    target = item.get("target")
    target_int = numbers.port(target, allow_zero=True)
    if target_int is None:
        unreadable(f"invalid port: the target {numbers.describe(target)} is not a port number (1-65535)", span)
        target_int = 0
    published = item.get("published")
    return Port(
        target=target_int,
        published=None if published in (None, "") else go_string(published),
        host_ip=_str_or_none(item.get("host_ip")),
        protocol=str(item.get("protocol") or "tcp"),
        mode=str(item.get("mode") or "ingress"),
        app_protocol=_str_or_none(item.get("app_protocol")),
        span=span,
    )


def _volume(item: dict[str, Any], span: Span, root: str) -> Volume:
    source = item.get("source")
    kind = str(item.get("type") or "volume")
    if kind == "bind" and isinstance(source, str):
        source = _rel(source, root)
    return Volume(
        type=kind,
        target=str(item.get("target") or ""),
        source=None if source is None else str(source),
        read_only=item.get("read_only") is True,
        span=span,
    )


def _build(value: Any, root: str) -> Build | None:
    if not isinstance(value, dict):
        return None
    context = str(value.get("context") or ".")
    inside = None
    dockerfile = str(value.get("dockerfile") or "Dockerfile")
    if os.path.isabs(context) and "\x00" not in context + dockerfile:  # no path holds a NUL
        real = os.path.realpath(context)
        base = os.path.realpath(root)
        if (real == base or real.startswith(base + os.sep)) and os.path.isdir(real):
            inside = real
    platforms = value.get("platforms") or []
    facts = build_context.inspect(inside, dockerfile, root) if inside else None
    return Build(
        context=_rel(context, root),
        dockerfile=dockerfile,
        target=_str_or_none(value.get("target")),
        platforms=tuple(str(p) for p in platforms) if isinstance(platforms, list) else (),
        context_dir=inside,
        base_images=facts.base_images if facts else (),
        files=facts.files if facts else (),
        packages=facts.packages if facts else (),
    )


def _device(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("source") or value.get("target") or "")
    return str(value)


def _resources(deploy: dict[str, Any], body: dict[str, Any], span: Span, unreadable: Unreadable) -> Resources:
    limits = ((deploy.get("resources") or {}).get("limits") or {}) if isinstance(deploy.get("resources"), dict) else {}
    cpus_raw = limits.get("cpus", body.get("cpus"))
    cpus = None
    if cpus_raw is not None:
        cpus = numbers.to_float(cpus_raw, low=0)
        if cpus is None:
            unreadable(f"invalid cpus {numbers.describe(cpus_raw)}: not a number of CPUs", span)
    memory_raw = limits.get("memory", body.get("mem_limit"))
    memory = None
    if memory_raw is not None:
        memory = numbers.size_bytes(memory_raw)
        if memory is None:
            unreadable(f"invalid memory limit {numbers.describe(memory_raw)}: not a size such as 512m or 2g", span)
    return Resources(cpus=cpus, memory_bytes=memory)


def _healthcheck(value: Any) -> tuple[str, ...] | None:
    if not isinstance(value, dict):
        return None
    test = value.get("test")
    if isinstance(test, str):
        return ("CMD-SHELL", test)
    if isinstance(test, list):
        return tuple(go_string(t) for t in test)
    return None


def _crontab_folder(source: str, target: str, root: str) -> list[tuple[str, str]]:
    """The crontabs of a folder mounted where cron looks for them, each at its path in the container;
    hidden files (a .placeholder) are no crontabs, and a link leading out of the project is not followed."""
    try:
        names = sorted(name for name in os.listdir(source) if not name.startswith("."))[:_CRONTAB_FILES]
    except OSError:
        return []
    found: list[tuple[str, str]] = []
    for name in names:
        path = os.path.join(source, name)
        if not files.inside(path, root):
            continue
        try:
            found.append((target.rstrip("/") + "/" + name, files.read_regular(path, _CONFIG_LIMIT).decode("utf-8")))
        except (OSError, files.FileProblem, UnicodeDecodeError):
            continue
    return found


_CRONTAB_FILES = 64
_CONFIG_SUFFIXES = (".yml", ".yaml", ".toml")
_CONFIG_LIMIT = 256 * 1024


def _config_files(body: dict[str, Any], root: str) -> tuple[tuple[str, str], ...]:
    """Small config files mounted from the project that migrator reads: Traefik's static
    configuration, and crontabs (whatever the image: crond, supercronic, ...)."""
    image = str(body.get("image") or "")
    traefik = "traefik" in image.split("/")[-1]
    found: list[tuple[str, str]] = []
    for item in body.get("volumes") or []:
        if not isinstance(item, dict) or item.get("type") != "bind":
            continue
        source = str(item.get("source") or "")
        target = str(item.get("target") or "")
        if is_crontab_folder(target) and files.inside(source, root) and os.path.isdir(source):
            found.extend(_crontab_folder(source, target, root))
            continue
        wanted = is_crontab(target) or (
            traefik and (source.endswith(_CONFIG_SUFFIXES) or target.endswith(_CONFIG_SUFFIXES))
        )
        if not wanted:
            continue
        if not files.inside(source, root):
            continue
        try:
            found.append((target, files.read_regular(source, _CONFIG_LIMIT).decode("utf-8")))
        except (OSError, files.FileProblem, UnicodeDecodeError):
            continue
    return tuple(found)
