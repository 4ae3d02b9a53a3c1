"""Per Worker: ``wrangler.jsonc``, the scaffold (``src/index.ts`` or ``src/entry.py``) and
``.dev.vars.example``.  Values go through JSON encoding; comments say where each came from."""

from __future__ import annotations

import os
import re
from typing import Any, NamedTuple

from migrator.emit import scaffold
from migrator.emit.document import COMPATIBILITY_DATE, scrub_tree, secret_values
from migrator.emit.templating import environment
from migrator.model import Analysis, Binding, Span, Worker
from migrator.plan import namespace_id

PLACEHOLDER_ID = "00000000000000000000000000000000"


class Entry(NamedTuple):
    """One item of a wrangler array, with the comment that explains it."""

    value: dict[str, Any]
    comment: str


def _where(span: Span | None) -> str:
    return span.where() if span is not None else "the project"


def _binding_comment(binding: Binding, analysis: Analysis) -> str:
    source = f"service '{binding.service}'" if binding.service else "the plan"
    via = f" (replaces {binding.variable})" if binding.variable else ""
    return f"{source}{via}, {_where(binding.origin)}"


def worker_context(worker: Worker, analysis: Analysis, *, out_dir: str | None = None) -> dict[str, Any]:
    project = analysis.project
    by_type: dict[str, list[Binding]] = {}
    for binding in worker.bindings:
        by_type.setdefault(binding.type, []).append(binding)
    do_classes = set(worker.durable_objects)
    ctx: dict[str, Any] = {
        "worker": worker,
        "project": project.name,
        "compatibility_date": COMPATIBILITY_DATE,
        "flags": ["python_workers"] if worker.language == "python" else ["nodejs_compat"],
        "routes": [
            Entry(
                {"pattern": r.pattern, "custom_domain": True}
                if r.custom_domain
                else {"pattern": r.pattern, "zone_name": r.zone_name},
                f"from the proxy rule of '{r.service}', {_where(r.origin)}",
            )
            for r in worker.routes
        ],
        "vars": dict(worker.vars),
        # The smoke check's token is a required secret: wrangler dev then loads it from .dev.vars, .env or
        # the shell for every Worker (it loads only required secrets once some are declared).
        "secrets": sorted({*worker.secrets, scaffold.CHECK_TOKEN}),
        "kv": [Entry({"binding": b.binding}, _binding_comment(b, analysis)) for b in by_type.get("kv", [])],
        "d1": [
            Entry(
                {"binding": b.binding, "database_name": b.resource, "migrations_dir": "migrations"},
                _binding_comment(b, analysis),
            )
            for b in by_type.get("d1", [])
        ],
        "r2": [
            Entry({"binding": b.binding, "bucket_name": b.resource}, _binding_comment(b, analysis))
            for b in by_type.get("r2", [])
        ],
        "hyperdrive": [
            Entry(
                {"binding": b.binding, "id": PLACEHOLDER_ID},
                _binding_comment(b, analysis)
                + f"; replace the id with the one `npx wrangler hyperdrive create {b.resource} --connection-string=...` prints",
            )
            for b in by_type.get("hyperdrive", [])
        ],
        "services": [
            Entry({"binding": b.binding, "service": b.resource}, _binding_comment(b, analysis))
            for b in by_type.get("service", [])
        ],
        "producers": [
            Entry({"binding": b.binding, "queue": b.resource}, _binding_comment(b, analysis))
            for b in by_type.get("queue", [])
        ],
        "consumers": [
            Entry(
                {
                    "queue": q,
                    "max_batch_size": 10,
                    "max_batch_timeout": 5,
                    "max_retries": 3,
                    "dead_letter_queue": f"{q}-dlq",
                },
                "replaces the consumer loop of " + ", ".join(worker.services),
            )
            for q in worker.queue_consumers
        ],
        "durable_objects": [
            Entry(
                {"name": b.binding, "class_name": b.resource}
                | ({} if b.resource in do_classes else {"script_name": _owner(analysis, b.resource)}),
                _binding_comment(b, analysis),
            )
            for b in [*by_type.get("durable_object", []), *by_type.get("container", [])]
        ],
        "sqlite_classes": sorted(do_classes),
        "workflows": [
            Entry(
                {"binding": b.binding, "name": f"{worker.name}-workflow", "class_name": b.resource},
                _binding_comment(b, analysis),
            )
            for b in by_type.get("workflow", [])
        ],
        "ratelimits": [
            Entry(
                {
                    "name": name,
                    "namespace_id": namespace_id(worker.name, name),
                    "simple": {"limit": limit, "period": period},
                },
                "from the rate-limit middleware of " + ", ".join(worker.services),
            )
            for name, limit, period in worker.ratelimits
        ],
        "crons": [
            Entry({"cron": c.schedule}, f"'{c.original}' ({c.command[:60] or 'see the service'}), {_where(c.origin)}")
            for c in worker.crons
        ],
        "assets": by_type.get("assets", []),
        "container": _container_entry(worker, analysis, out_dir),
    }
    return ctx


def _owner(analysis: Analysis, class_name: str | None) -> str:
    for other in analysis.plan.workers:
        if class_name in other.durable_objects:
            return other.name
    return ""


def _container_entry(worker: Worker, analysis: Analysis, out_dir: str | None) -> Entry | None:
    info = worker.container
    if not info:
        return None
    value: dict[str, Any] = {
        "class_name": info["class_name"],
        "max_instances": info["max_instances"],
        "instance_type": info["instance_type"],
    }
    comment = f"runs the image of '{worker.services[0]}' unchanged"
    if "image" in info:
        value["image"] = info["image"]
    else:
        context_dir = os.path.join(analysis.project.working_dir, str(info["context"]))
        worker_dir = (
            os.path.join(out_dir, worker.name)
            if out_dir
            else os.path.join(analysis.project.working_dir, "plan", worker.name)
        )
        value["image"] = os.path.relpath(os.path.join(context_dir, str(info["dockerfile"])), worker_dir)
        value["image_build_context"] = os.path.relpath(context_dir, worker_dir)
        comment += "; wrangler builds it with your local Docker"
    return Entry(value, comment)


def render_config(worker: Worker, analysis: Analysis, *, out_dir: str | None = None) -> str:
    template = environment().get_template("wrangler.jsonc.j2")
    text: str = template.render(**worker_context(worker, analysis, out_dir=out_dir))
    return text


_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def dev_vars(secrets: tuple[str, ...]) -> list[tuple[str, bool]]:
    """Secret names for ``.dev.vars.example``: (name, writable); a name that is not a variable name
    would break the file's line grammar, so it is only counted, never written."""
    return [(name, bool(_ENV_NAME.fullmatch(name))) for name in secrets]


def render_scaffold(worker: Worker, analysis: Analysis) -> dict[str, str]:
    ctx = worker_context(worker, analysis)
    env = environment()
    files: dict[str, str] = {}
    ctx["workflow_classes"] = [e.value["class_name"] for e in ctx["workflows"]]
    ctx["config"] = scaffold.config(worker, analysis)
    ctx["check_path"] = scaffold.CHECK_PATH
    ctx["dev_vars"] = dev_vars(tuple(ctx["secrets"]))
    if worker.language == "python":
        files["src/entry.py"] = env.get_template("entry.py.j2").render(**ctx)
    else:
        files["src/index.ts"] = env.get_template("index.ts.j2").render(**ctx)
    files[".dev.vars.example"] = env.get_template("dev.vars.example.j2").render(**ctx)
    if ctx["assets"]:
        files["public/index.html"] = env.get_template("index.html.j2").render(**ctx)
    if ctx["d1"]:
        files["migrations/0001_init.sql"] = (
            "-- Write the schema here; apply it with `npx wrangler d1 migrations apply`.\n"
        )
    return files


def render_worker_files(
    worker: Worker, analysis: Analysis, *, out_dir: str | None = None, secrets: frozenset[str] | None = None
) -> dict[str, str]:
    """A Worker's files, redacted; pass ``secrets`` (``secret_values(analysis)``) when writing many."""
    secrets = secret_values(analysis) if secrets is None else secrets
    files = {"wrangler.jsonc": render_config(worker, analysis, out_dir=out_dir), **render_scaffold(worker, analysis)}
    return {path: scrub_tree(text, secrets) for path, text in files.items()}
