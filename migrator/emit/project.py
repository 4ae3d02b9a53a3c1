"""The files of ``--out DIR`` beside the Worker folders, which make it a project that runs:
``package.json``, ``tsconfig.json``, ``.gitignore``, ``workers.json``, ``scripts/`` and the
runbook ``README.md``."""

from __future__ import annotations

import heapq
import json
import re
from typing import Any, NamedTuple

from migrator.emit.document import guard
from migrator.emit.templating import environment
from migrator.emit.wrangler import local_password, safe_database
from migrator.model import Analysis, Worker
from migrator.plan import worker_name
from migrator.resources import resource_dir

# The npm tools the plan pins: the versions migrator's own checks run (its package.json).
WRANGLER_VERSION = "4.164.0"
CONTAINERS_VERSION = "0.3.7"
TYPESCRIPT_VERSION = "5.9.3"
NODE_ENGINE = ">=22.12.0"  # what wrangler 4.164.0 declares in engines.node
CHECK_PATH = "/__migrator/check"
# A name that may stand unquoted in a shell command of the runbook.
_SHELL_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SERVICE_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")

GITIGNORE = """\
# Local state of `wrangler dev`, local secrets and installed packages: never committed.
.wrangler/
.dev.vars
.env
.secrets
node_modules/
"""


class Deployed(NamedTuple):
    """A Worker in deploy order, with its wave (1-based) and the URL of its smoke check."""

    worker: Worker
    wave: int
    check_url: str | None


def deploy_order(analysis: Analysis) -> list[Deployed]:
    """Workers in migration-wave order; a Worker that another binds to (service binding, Durable
    Object of another script) goes first, since wrangler refuses a binding to a missing Worker."""
    workers = {w.name: w for w in analysis.plan.workers}
    wave_of: dict[str, int] = {}
    for index, services in enumerate(analysis.plan.waves, start=1):
        for service in services:
            wave_of[service] = index
    last = len(analysis.plan.waves) + 1
    wave = {w.name: max((wave_of.get(s, last) for s in w.services), default=last) for w in workers.values()}
    owners = {cls: w.name for w in workers.values() for cls in w.durable_objects}
    needs: dict[str, set[str]] = {name: set() for name in workers}
    for w in workers.values():
        for b in w.bindings:
            target = b.resource if b.type == "service" else owners.get(b.resource or "")
            if target and target in workers and target != w.name:
                needs[w.name].add(target)
    users: dict[str, list[str]] = {name: [] for name in workers}
    for name, targets in needs.items():
        for target in targets:
            users[target].append(name)
    pending = {name: len(targets) for name, targets in needs.items()}
    ready = [(wave[name], name) for name, count in pending.items() if count == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _, name = heapq.heappop(ready)
        order.append(name)
        for user in users[name]:
            pending[user] -= 1
            if pending[user] == 0:
                heapq.heappush(ready, (wave[user], user))
    # Workers in a cycle of bindings: by wave; the runbook says to deploy one without its binding first.
    placed = set(order)
    order += sorted((n for n in workers if n not in placed), key=lambda n: (wave[n], n))
    return [Deployed(workers[n], wave[n], check_url(workers[n])) for n in order]


def check_url(worker: Worker) -> str | None:
    """Where the deployed Worker answers its smoke check: a route's host (and path prefix)."""
    candidates = []
    for route in worker.routes:
        host, _, path = route.pattern.partition("/")
        if not host or "*" in host:
            continue
        prefix = path.rstrip("*").rstrip("/")
        if "*" in prefix:
            continue
        candidates.append((prefix != "", len(prefix), host, prefix))
    if not candidates:
        return None
    _, _, host, prefix = min(candidates)
    return f"https://{host}{'/' + prefix if prefix else ''}{CHECK_PATH}"


def primary(order: list[Deployed]) -> Worker:
    """The Worker that answers on localhost in `npm run dev`: the one that serves a whole host,
    else one with routes, else the last to deploy (the one nothing else depends on)."""

    def serves_root(worker: Worker) -> bool:
        return any(r.custom_domain or r.pattern.partition("/")[2] in ("", "*") for r in worker.routes)

    for test in (serves_root, lambda w: bool(w.routes)):
        found = [d.worker for d in order if test(d.worker)]
        if found:
            return min(found, key=lambda w: w.name)
    return order[-1].worker


def _config(worker: Worker) -> str:
    return f"{worker.name}/wrangler.jsonc"


def package_json(analysis: Analysis, order: list[Deployed]) -> dict[str, Any]:
    first = primary(order)
    dev_order = [first] + [d.worker for d in order if d.worker.name != first.name]
    typescript = [d.worker for d in order if d.worker.language == "typescript"]
    scripts = {
        "dev": "wrangler dev " + " ".join(f"-c {_config(w)}" for w in dev_order),
        "deploy": "node scripts/deploy.mjs",
        "check": "node scripts/check.mjs",
    }
    dev_dependencies = {"wrangler": WRANGLER_VERSION}
    if typescript:
        scripts["types"] = (
            f"wrangler types -c {_config(typescript[0])} --include-env=false --include-main-module=false"
            " worker-configuration.d.ts"
        )
        scripts["typecheck"] = "npm run types && tsc -p tsconfig.json"
        dev_dependencies["typescript"] = TYPESCRIPT_VERSION
    package: dict[str, Any] = {
        "name": worker_name(analysis.project.name, "cloudflare"),
        "private": True,
        "description": "The Compose project planned for Cloudflare Workers by migrator.",
        "type": "module",
        "engines": {"node": NODE_ENGINE},
        "scripts": scripts,
    }
    if any(d.worker.container for d in order):
        package["dependencies"] = {"@cloudflare/containers": CONTAINERS_VERSION}
    package["devDependencies"] = dev_dependencies
    return package


def tsconfig() -> dict[str, Any]:
    """One TypeScript program for every Worker's ``src/``: the scaffolds declare their own ``Env``,
    so only the runtime types are shared (``worker-configuration.d.ts``, from ``npm run types``)."""
    return {
        "compilerOptions": {
            "target": "es2024",
            "lib": ["es2024"],
            "module": "es2022",
            "moduleResolution": "bundler",
            "types": [],
            "strict": True,
            "noEmit": True,
            "isolatedModules": True,
            "skipLibCheck": True,
        },
        "include": ["worker-configuration.d.ts", "*/src/**/*.ts"],
    }


class Resource(NamedTuple):
    """Something to create before the first deploy (or that deploy creates), and who binds it."""

    type: str
    name: str
    service: str
    users: tuple[tuple[str, str], ...]  # (worker, binding)
    dlq: bool = False


def resources(analysis: Analysis) -> list[Resource]:
    found: dict[tuple[str, str], Resource] = {}
    consumed = {q for w in analysis.plan.workers for q in w.queue_consumers}
    for worker in analysis.plan.workers:
        for b in worker.bindings:
            if b.type not in ("kv", "d1", "r2", "queue", "hyperdrive") or not b.resource:
                continue
            key = (b.type, b.resource)
            old = found.get(key)
            users = (*(old.users if old else ()), (worker.name, b.binding))
            found[key] = Resource(b.type, b.resource, b.service or "", users, b.resource in consumed)
        for queue in worker.queue_consumers:
            if ("queue", queue) not in found:
                found[("queue", queue)] = Resource("queue", queue, "", (), True)
    return sorted(found.values(), key=lambda r: (r.type, r.name))


def workers_json(order: list[Deployed]) -> dict[str, Any]:
    return {
        "workers": [
            {"name": d.worker.name, "config": _config(d.worker), "wave": d.wave, "check_url": d.check_url}
            for d in order
        ]
    }


def _dumps(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def readme_context(analysis: Analysis, order: list[Deployed]) -> dict[str, Any]:
    worker_of = {s: w.name for w in analysis.plan.workers for s in w.services}
    kinds = {a.service: a.target.kind for a in analysis.assessments}
    waves = [[(name, kinds.get(name, "?"), worker_of.get(name)) for name in wave] for wave in analysis.plan.waves]
    items = resources(analysis)
    databases = {}
    for item in items:
        if item.type == "hyperdrive":
            databases[item.name] = safe_database(analysis, item.service)
    package = package_json(analysis, order)
    return {
        "project": analysis.project.name,
        "order": order,
        "waves": waves,
        "resources": items,
        "databases": databases,
        "workers": sorted(analysis.plan.workers, key=lambda w: w.name),
        "primary": primary(order).name,
        "python": [d.worker.name for d in order if d.worker.language == "python"],
        "containers": [d.worker.name for d in order if d.worker.container],
        "crons": [d.worker for d in order if d.worker.crons],
        "node": NODE_ENGINE.lstrip(">="),
        "wrangler": WRANGLER_VERSION,
        "typescript": "typecheck" in package["scripts"],
        "cycles": analysis.plan.cycles,
        "local_password": local_password(analysis),
        "safe_name": _SHELL_WORD.fullmatch,
        "safe_service": _SERVICE_WORD.fullmatch,
    }


def hyperdrive_command(name: str, scheme: str, user: str, db: str, port: int) -> str:
    return f'npx wrangler hyperdrive create {name} --connection-string="{scheme}://{user}:PASSWORD@DB_HOST:{port}/{db}"'


def render(analysis: Analysis) -> dict[str, str]:
    """The plan's project files, as relative path -> content."""
    if not analysis.plan.workers:
        return {}
    order = deploy_order(analysis)
    package = package_json(analysis, order)
    files = {
        "package.json": _dumps(package),
        ".gitignore": GITIGNORE,
        "workers.json": _dumps(workers_json(order)),
        "scripts/check.mjs": (resource_dir("templates") / "plan" / "check.mjs").read_text(encoding="utf-8"),
        "scripts/deploy.mjs": (resource_dir("templates") / "plan" / "deploy.mjs").read_text(encoding="utf-8"),
    }
    if "typecheck" in package["scripts"]:
        files["tsconfig.json"] = _dumps(tsconfig())
    context = readme_context(analysis, order)
    env = environment()
    readme: str = env.get_template("plan/README.md.j2").render(**context, hyperdrive_command=hyperdrive_command)
    files["README.md"] = readme
    net = guard(analysis)  # the project was redacted by position; the net runs on each text
    return {path: net(text) for path, text in files.items()}
