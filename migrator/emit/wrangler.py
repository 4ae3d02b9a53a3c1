"""Per Worker: ``wrangler.jsonc``, the scaffold (``src/index.ts`` or ``src/entry.py``) and
``.dev.vars.example``.  Values go through JSON encoding; comments say where each came from."""

from __future__ import annotations

import itertools
import os
import re
from typing import Any, NamedTuple
from urllib.parse import quote

from migrator.emit import scaffold
from migrator.emit.document import COMPATIBILITY_DATE, guard
from migrator.emit.templating import comment, environment
from migrator.model import Analysis, Binding, Service, Span, Worker
from migrator.plan import namespace_id

PLACEHOLDER_ID = "00000000000000000000000000000000"
# The password of every local connection string: a placeholder, never a value of the project.
LOCAL_PASSWORDS = ("password", "localdev", "local-placeholder")
# An image reference as `FROM` takes it: no spaces, no newlines, nothing a Dockerfile would run.
_IMAGE_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}")


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
                {
                    "binding": b.binding,
                    "id": PLACEHOLDER_ID,
                    "localConnectionString": local_connection_string(analysis, b.service),
                },
                _binding_comment(b, analysis)
                + f"; replace the id with the one `npx wrangler hyperdrive create {b.resource} --connection-string=...`"
                " prints; `wrangler dev` connects to localConnectionString (the Compose database on localhost, a"
                f" placeholder password; override it with CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_{b.binding}"
                " in your shell or .env)",
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
        "schema": "../node_modules/wrangler/config-schema.json",
    }
    return ctx


class Database(NamedTuple):
    """What a local connection string to a Compose database needs."""

    scheme: str
    user: str
    database: str
    port: int  # on localhost: the port Compose publishes, else the server's
    server_port: int


# Per image family: scheme, default port, user and database variables (first set wins) and the
# defaults the official images use when they are unset (None: the database defaults to the user).
_ENGINES: tuple[tuple[tuple[str, ...], str, int, tuple[str, ...], tuple[str, ...], str, str | None], ...] = (
    (("cockroach",), "postgres", 26257, ("COCKROACH_USER",), ("COCKROACH_DATABASE",), "root", "defaultdb"),
    (("yugabyte",), "postgres", 5433, ("YSQL_USER",), ("YSQL_DB",), "yugabyte", None),
    (
        ("mariadb",),
        "mysql",
        3306,
        ("MARIADB_USER", "MYSQL_USER"),
        ("MARIADB_DATABASE", "MYSQL_DATABASE"),
        "root",
        "mysql",
    ),
    (("mysql", "percona"), "mysql", 3306, ("MYSQL_USER",), ("MYSQL_DATABASE",), "root", "mysql"),
    (
        ("postgres", "postgis", "timescale", "pgvector", "supabase"),
        "postgres",
        5432,
        ("POSTGRES_USER", "POSTGRESQL_USERNAME", "POSTGRESQL_USER"),
        ("POSTGRES_DB", "POSTGRESQL_DATABASE"),
        "postgres",
        None,
    ),
)


def database(service: Service | None) -> Database:
    """The scheme, user, database and localhost port of a Compose database service."""
    image = ((service.image if service else None) or "").lower()
    engine = next((e for e in _ENGINES if any(word in image for word in e[0])), _ENGINES[-1])
    _words, scheme, port, user_vars, db_vars, default_user, default_db = engine
    env = {var.name: var.value for var in service.environment if var.value} if service else {}
    user = next((env[v] for v in user_vars if v in env), default_user)
    name = next((env[v] for v in db_vars if v in env), default_db or user)
    local = port
    for item in service.ports if service else ():
        if item.target == port and item.published and item.published.isdigit():
            local = int(item.published)
            break
    return Database(scheme, user, name, local, port)


_DEFAULT = database(None)


def safe_database(analysis: Analysis, service_name: str | None) -> Database:
    """``database()`` with URL-quoted names; a name that equals a secret value of the project
    (names are not secret, but a value is never written) falls back to the image's default."""
    memo = _memo(analysis)
    found = memo.databases.get(service_name)
    if found is None:
        db = database(analysis.project.service(service_name) if service_name else None)
        user = db.user if db.user not in memo.secrets else _DEFAULT.user
        name = db.database if db.database not in memo.secrets else _DEFAULT.database
        found = memo.databases[service_name] = db._replace(user=quote(user, safe=""), database=quote(name, safe=""))
    return found


class _Memo(NamedTuple):
    analysis: Analysis
    secrets: frozenset[str]
    password: str
    databases: dict[str | None, Database]


_MEMO: list[_Memo] = []


def _memo(analysis: Analysis) -> _Memo:
    """The project's secret values and the local placeholder password, once per analysis."""
    if not _MEMO or _MEMO[0].analysis is not analysis:
        from migrator.redaction import secret_digest

        secrets = analysis.project.strong_secrets
        taken = analysis.project.secret_digests  # a placeholder is never a value of the project's secrets
        candidates = itertools.chain(LOCAL_PASSWORDS, (f"local-{i}" for i in itertools.count()))
        password = next(p for p in candidates if p not in secrets and secret_digest(p) not in taken)
        _MEMO[:] = [_Memo(analysis, secrets, password, {})]
    return _MEMO[0]


def _secrets_of(analysis: Analysis) -> frozenset[str]:
    return _memo(analysis).secrets


def local_password(analysis: Analysis) -> str:
    return _memo(analysis).password


def local_connection_string(analysis: Analysis, service_name: str | None) -> str:
    """``scheme://user:placeholder@localhost:port/database`` for ``wrangler dev``: user and
    database of the Compose database service, a password that is no value of the project."""
    db = safe_database(analysis, service_name)
    password = local_password(analysis)
    return f"{db.scheme}://{db.user}:{password}@localhost:{db.port}/{db.database}"




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
    if "image" in info and not _IMAGE_REF.fullmatch(str(info["image"])):
        value["image"] = info["image"]
    elif "image" in info:
        # A one-line Dockerfile FROM the image rather than the reference itself: `wrangler dev`
        # then needs no Cloudflare login (it looks up the account for a registry reference), and
        # deploy pushes the image to Cloudflare's registry, whatever registry it came from.
        value["image"] = "./container/Dockerfile"
        comment += "; wrangler builds container/Dockerfile (FROM the Compose image) with your local Docker on deploy"
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


def render_config(
    worker: Worker, analysis: Analysis, *, out_dir: str | None = None, ctx: dict[str, Any] | None = None
) -> str:
    template = environment().get_template("wrangler.jsonc.j2")
    text: str = template.render(**(ctx if ctx is not None else worker_context(worker, analysis, out_dir=out_dir)))
    return text


_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def dev_vars(secrets: tuple[str, ...]) -> list[tuple[str, bool]]:
    """Secret names for ``.dev.vars.example``: (name, writable); a name that is not a variable name
    would break the file's line grammar, so it is only counted, never written."""
    return [(name, bool(_ENV_NAME.fullmatch(name))) for name in secrets]


def dev_vars_example(secrets: list[str], hyperdrive: list[Entry]) -> str:
    """``.dev.vars.example``: a line per secret for ``wrangler dev`` to read, and where each
    Hyperdrive's local connection comes from.  Names only, never a value."""
    lines = [
        "# Secrets for `wrangler dev`: copy to .dev.vars and fill in. Never commit .dev.vars.",
        "# In production set each with `npx wrangler secret put NAME`.",
        "# MIGRATOR_CHECK_TOKEN enables GET /__migrator/check (send it in the x-migrator-check header).",
    ]
    for name, writable in dev_vars(tuple(secrets)):
        lines.append(
            f"{name}="
            if writable
            else "# (a secret whose name is not a variable name: set it with `npx wrangler secret put`, see wrangler.jsonc)"
        )
    for entry in hyperdrive:
        binding = comment(entry.value["binding"])
        lines.append(
            f"# Hyperdrive {binding}: `wrangler dev` connects to localConnectionString in wrangler.jsonc. For another"
        )
        lines.append(
            f"# database set CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_{binding} in your shell or .env"
            " (not here: wrangler does not read it from .dev.vars)."
        )
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return text.replace("\n", " ").replace("\r", " ")


def dockerfile(worker: Worker) -> str | None:
    """``container/Dockerfile`` for a Container that runs a registry image, else None."""
    image = str((worker.container or {}).get("image", ""))
    if not image or not _IMAGE_REF.fullmatch(image):
        return None
    return (
        f"# The image of the Compose service '{_one_line(worker.services[0])}', unchanged. `wrangler deploy` builds this\n"
        "# with your local Docker and pushes it to Cloudflare's registry; `npx wrangler dev --enable-containers`\n"
        "# runs it locally.\n"
        f"FROM {image}\n"
    )


def render_scaffold(worker: Worker, analysis: Analysis, ctx: dict[str, Any] | None = None) -> dict[str, str]:
    ctx = dict(ctx if ctx is not None else worker_context(worker, analysis))
    env = environment()
    files: dict[str, str] = {}
    ctx["workflow_classes"] = [e.value["class_name"] for e in ctx["workflows"]]
    ctx["config"] = scaffold.config(worker, analysis)
    ctx["check_path"] = scaffold.CHECK_PATH
    if worker.language == "python":
        files["src/entry.py"] = env.get_template("entry.py.j2").render(**ctx)
    else:
        files["src/index.ts"] = env.get_template("index.ts.j2").render(**ctx)
    files[".dev.vars.example"] = dev_vars_example(ctx["secrets"], ctx["hyperdrive"])
    if ctx["assets"]:
        files["public/index.html"] = env.get_template("index.html.j2").render(**ctx)
    if ctx["d1"]:
        files["migrations/0001_init.sql"] = (
            "-- Write the schema here; apply it with `npx wrangler d1 migrations apply`.\n"
        )
    return files


def render_worker_files(worker: Worker, analysis: Analysis, *, out_dir: str | None = None) -> dict[str, str]:
    """A Worker's files (the project was redacted by position; the net runs on each text)."""
    net = guard(analysis)
    ctx = worker_context(worker, analysis, out_dir=out_dir)  # built once for the config and the scaffold
    files = {"wrangler.jsonc": render_config(worker, analysis, ctx=ctx), **render_scaffold(worker, analysis, ctx)}
    docker = dockerfile(worker)
    if docker is not None:
        files["container/Dockerfile"] = docker
    return {path: net(text) for path, text in files.items()}
