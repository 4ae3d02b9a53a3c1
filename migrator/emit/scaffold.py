"""What a Worker scaffold knows about its Compose past, as one data object.

The scaffold's code is fixed; everything that comes from the project (hostnames, routes, cron
jobs, binding names, the container's environment) is in this object, which the templates embed
as an escaped literal (``CONFIG`` in ``src/index.ts`` and ``src/entry.py``).
"""

from __future__ import annotations

import shlex
from typing import Any
from urllib.parse import urlsplit

from migrator.emit import router
from migrator.model import Analysis, Cron, Worker
from migrator.redact import is_secret

CHECK_PATH = "/__migrator/check"
CHECK_TOKEN = "MIGRATOR_CHECK_TOKEN"

# Options of wget and curl that only change what is printed or how long to wait.
_QUIET = frozenset(
    {
        "-q",
        "-qO-",
        "-O-",
        "-O",
        "-o",
        "-s",
        "-S",
        "-f",
        "-L",
        "-sS",
        "-fsS",
        "-fsSL",
        "-sSf",
        "-sf",
        "-fs",
        "--silent",
        "--show-error",
        "--fail",
        "--location",
        "--spider",
        "--quiet",
        "-",
        "/dev/null",
    }
)
_SHELL = frozenset({";", "&&", "||", "|", "&"})


def service_hosts(analysis: Analysis, service_name: str) -> list[str]:
    """The names a service answered to on its Compose network: name, aliases, container name, hostname."""
    names = [service_name]
    service = analysis.project.service(service_name)
    if service is not None:
        names.extend(service.aliases)
        names.extend(n for n in (service.container_name, service.hostname) if n)
    out: list[str] = []
    for name in names:
        host = name.strip().lower()
        if host and host not in out:
            out.append(host)
    return out


def cron_action(command: str, hosts: dict[str, str]) -> dict[str, Any]:
    """What a crontab line did, as a job the scaffold runs: a service call, a fetch, or a TODO."""
    todo: dict[str, Any] = {"kind": "todo", "command": command}
    try:
        words = shlex.split(command)
    except ValueError:
        return todo
    # Drop redirections of the output (`> /dev/null 2>&1`), which change nothing the job does.
    kept: list[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
            continue
        if word in (">", ">>", "2>", "1>"):
            skip = True
            continue
        if word.startswith((">", "2>", "1>", "&>")):
            continue
        kept.append(word)
    if not kept or any(word in _SHELL for word in kept):
        return todo
    program = kept[0].rsplit("/", 1)[-1]
    if program not in ("wget", "curl"):
        return todo
    urls = [w for w in kept[1:] if w.lower().startswith(("http://", "https://"))]
    if len(urls) != 1:
        return todo
    url = urls[0]
    method = "GET"
    others: list[str] = []
    rest = [w for w in kept[1:] if w != url]
    index = 0
    while index < len(rest):
        word = rest[index]
        if word in ("-X", "--request") and index + 1 < len(rest):
            method = rest[index + 1].upper()
            index += 2
            continue
        if word.startswith("--request="):
            method = word.split("=", 1)[1].upper()
        elif word.startswith("-X") and len(word) > 2:
            method = word[2:].upper()
        elif word in ("-O", "-o", "-T", "--timeout", "--max-time", "-m") and index + 1 < len(rest):
            index += 2
            continue
        elif word not in _QUIET and not word.startswith(("--timeout=", "--max-time=", "--tries=", "-O", "-T")):
            others.append(word)
        index += 1
    if not method.isalpha():
        return todo
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return todo
    action: dict[str, Any] = {"method": method, "url": url}
    if others:
        action["note"] = "the original command had more options: check them against the command"
    if host in hosts:
        return {"kind": "service", "binding": hosts[host], **action}
    if "." not in host:
        return {**todo, "note": "the host is not a Worker of this plan"}
    return {"kind": "fetch", **action}


def _cron(cron: Cron, hosts: dict[str, str]) -> dict[str, Any]:
    return {
        "schedule": cron.schedule,
        "original": cron.original,
        "where": cron.origin.where() if cron.origin else "",
        "job": cron_action(cron.command, hosts) if cron.command else {"kind": "todo", "command": ""},
    }


# What an unmodified image needs in a variable that pointed at a Compose service which is now a
# binding: the image speaks the service's own protocol, so it gets a reachable address to set.
_NATIVE = {
    "hyperdrive": "the database where it runs outside Cloudflare, in the form Compose used, as a secret",
    "d1": "a database the image can reach (D1 has no wire protocol), in the form Compose used, as a secret",
    "kv": "the URL of a Redis the image can reach (KV has no Redis protocol), as a secret",
    "durable_object": "the URL of a Redis the image can reach, as a secret",
    "r2": "R2's S3 endpoint https://ACCOUNT_ID.r2.cloudflarestorage.com (and R2 keys), as secrets",
    "queue": "the URL of a broker the image can reach (Queues has no AMQP or Redis protocol), as a secret",
}


def _container_env(worker: Worker, analysis: Analysis) -> list[dict[str, Any]]:
    """The container's Compose environment: plain values as written; secrets, and the variables that
    pointed at a service that is now a binding, read from the Worker's env when it starts."""
    service = analysis.project.service(worker.services[0])
    if service is None:
        return []
    replaced = {b.variable: b.type for b in worker.bindings if b.variable and b.type in _NATIVE}
    secrets = set(worker.secrets)  # the plan's secrets: by name or value, and the addresses of kept servers
    out: list[dict[str, Any]] = []
    for var in service.environment:
        if var.name in replaced:
            out.append({"name": var.name, "secret": True, "set": _NATIVE[replaced[var.name]]})
        elif var.value is None or var.name in secrets or is_secret(var.name, var.value):
            out.append({"name": var.name, "secret": True})
        else:
            out.append({"name": var.name, "value": var.value})
    return out


_OWNERS: list[tuple[Analysis, dict[str, str]]] = []


def _owners(analysis: Analysis) -> dict[str, str]:
    """Durable Object class -> the Worker that defines it, indexed once per analysis."""
    if not _OWNERS or _OWNERS[0][0] is not analysis:
        _OWNERS[:] = [(analysis, {cls: w.name for w in analysis.plan.workers for cls in w.durable_objects})]
    return _OWNERS[0][1]


def config(worker: Worker, analysis: Analysis) -> dict[str, Any]:
    """The ``CONFIG`` object of a Worker's scaffold."""
    owners = _owners(analysis)
    hosts: dict[str, str] = {}
    bindings: list[dict[str, Any]] = []
    for binding in worker.bindings:
        item: dict[str, Any] = {"binding": binding.binding, "type": binding.type}
        if binding.service:
            item["service"] = binding.service
        if binding.type == "service" and binding.service:
            item["worker"] = binding.resource
            item["hosts"] = service_hosts(analysis, binding.service)
            for host in item["hosts"]:
                hosts.setdefault(host, binding.binding)
        if binding.type in ("durable_object", "container"):
            item["className"] = binding.resource
            owner = owners.get(binding.resource or "", worker.name)
            if owner != worker.name:
                item["owner"] = owner
        bindings.append(item)
    middlewares = {m.name: m for m in analysis.routing.middlewares}
    routes = tuple(r for name in worker.services for r in analysis.routing.for_service(name))
    container = None
    if worker.container:
        binding_name = next((b.binding for b in worker.bindings if b.type == "container"), "")
        container = {
            "binding": binding_name,
            "className": worker.container["class_name"],
            "port": int(worker.container.get("port", 8080)),
            "env": _container_env(worker, analysis),
        }
    return {
        "worker": worker.name,
        "services": list(worker.services),
        "hosts": [h for name in worker.services for h in service_hosts(analysis, name)],
        "routes": [entry.to_data() for entry in router.entries(routes, middlewares)],
        "ratelimits": [name for name, _limit, _period in worker.ratelimits],
        "bindings": bindings,
        "crons": [_cron(c, hosts) for c in worker.crons],
        "queues": list(worker.queue_consumers),
        "container": container,
        "notes": list(worker.router_notes),
    }
