"""Redaction by position: the stage that runs right after loading.

It replaces secret values where they stand in the project's records, so that every later
stage and every emitter only ever sees redacted data:

- the value of an environment variable recognised as secret (by its name or the value's
  shape), flagged ``EnvVar.secret`` so that the plan still knows it is one (a URL keeps its
  scheme, user, host, port and path: only the password goes);
- URL userinfo, webhook paths, secret query parameters and assignments, bearer tokens, private
  key blocks and token formats in every other value;
- keyed arguments of commands, entrypoints, healthchecks and cron lines;
- the values of secret-bearing labels, fragments of proxy rules (``Query(`token=…`)``,
  ``Header(`X-Api-Key`, `…`)``) and basic-auth user lists (the users stay);
- a known strong secret where it stands as a whole token inside another value;
- values interpolated from the process environment (unless allowed), wherever they landed in
  a value.

Names, keys, images, paths, hosts, file locations and Worker names are never rewritten.  A weak
or default secret (a common word, a name of the project, short, digits only, low in entropy) is
flagged ``EnvVar.weak``: its own position is redacted and its other occurrences are left alone,
since searching for ``postgres`` would tear ``postgres:16`` apart.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from migrator.model import EnvVar, Finding, Label, Project, Service
from migrator.redact import (
    _TOKEN_HINT,
    REDACTED,
    Guard,
    _triggered,
    is_secret,
    is_secret_name,
    is_secret_value,
    redact_command,
    redact_text,
    secret_parts,
    weakness,
)

__all__ = ["Redactor", "redact_config", "redact_project"]

_NAME_VARS = re.compile(r"(_USER|_USERNAME|_DB|_DATABASE|_NAME|_DBNAME|_SCHEMA|_HOST|_ROLE|_OWNER)$", re.IGNORECASE)
_SPLIT_IMAGE = re.compile(r"[/:@]")
_RULE_PAIR = re.compile(
    r"(?i)\b(Headers?|HeadersRegexp|HeaderRegexp|Query|QueryRegexp)(\(\s*+`)([^`]{0,256}+)(`\s*+,\s*+`)([^`]{0,4096}+)`"
)
_RULE_QUERY = re.compile(r"(?i)\b(Query|QueryRegexp)(\(\s*+`)([^`=]{1,128}+)=([^`]{0,4096}+)`")
_V1_HEADERS = re.compile(r"(?i)\b(Headers|HeadersRegexp)(:\s*+)([^,;\s]{1,256}+),([^;\s]{1,4096}+)")
_SECRET_HEADERS = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "cookie",
        "x-api-key",
        "x-auth-token",
        "x-access-token",
        "api-key",
        "apikey",
    }
)
_MIN_ENVIRON = 3  # shorter values from the environment are redacted only where they are the whole value


def project_names(project: Project) -> frozenset[str]:
    """Names used in the project, lower-cased: a secret equal to one of them is a default."""
    names: set[str] = {project.name}
    names.update(project.volumes)
    for service in project.services:
        names.add(service.name)
        names.update(n for n in (service.container_name, service.hostname) if n)
        names.update(service.aliases)
        names.update(service.networks)
        if service.image:
            names.add(service.image)
            names.update(part for part in _SPLIT_IMAGE.split(service.image) if part)
        if service.build is not None:
            names.update(part for part in service.build.context.split("/") if part not in ("", ".", ".."))
        for volume in service.volumes:
            if volume.source:
                names.add(volume.source)
                names.update(part for part in volume.source.split("/") if part not in ("", ".", ".."))
        for var in service.environment:
            if var.value and _NAME_VARS.search(var.name) and not is_secret_name(var.name):
                names.add(var.value)
    for path in project.files:
        names.update(part for part in re.split(r"[/\\.]", path) if part)
    return frozenset(name.lower() for name in names if name)


def secret_digest(value: str) -> str:
    """A value's SHA-256, to ask later whether a text of our own is a value of the project's
    secrets (weak ones included) without keeping the values."""
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


class Redactor:
    """Knows the project's secrets and redacts values by where they stand."""

    def __init__(self, project: Project) -> None:
        self.names = project_names(project)
        # One search over every value says whether any token format can occur at all.
        self.tokens = _TOKEN_HINT.search("\n".join(_values(project))) is not None
        self.environ = {value for _name, value in project.from_environ if value}
        strong: set[str] = {value for value in self.environ if weakness(value, self.names) is None}
        self.decisions: dict[tuple[str, str], tuple[str | None, bool, bool]] = {}
        digests: set[str] = {secret_digest(value) for value in self.environ}
        for service in project.services:
            for var in service.environment:
                decision = self._decide(var.name, var.value)
                self.decisions[(service.name, var.name)] = decision
                _value, secret, _weak = decision
                if secret and var.value:
                    strong.update(self._strong_parts(var.value, whole=_value == REDACTED))
                    digests.add(secret_digest(var.value))
                    digests.update(secret_digest(part) for part in secret_parts(var.value))
            for label in service.labels:
                if self._label_is_secret(label.key, label.value):
                    strong.update(self._strong_parts(label.value, whole=True))
                elif _triggered(label.value, self.tokens):
                    strong.update(self._strong_parts(label.value, whole=False))
            for token in (*(service.command or ()), *(service.entrypoint or ()), *(service.healthcheck or ())):
                if _triggered(token, self.tokens):
                    strong.update(self._strong_parts(token, whole=False))
        self.strong = frozenset(strong)
        self.digests = frozenset(digests)
        self.known = Guard(self.strong)
        # Values from the environment, whatever their strength, in the values they landed in.
        self.landed = Guard(v for v in self.environ if len(v) >= _MIN_ENVIRON)
        self.guarded = bool(self.known) or bool(self.landed)

    def _strong_parts(self, value: str, *, whole: bool) -> list[str]:
        parts = [value] if whole else []
        parts += secret_parts(value, tokens=self.tokens)
        return [p for p in parts if weakness(p, self.names) is None]

    def _decide(self, name: str, value: str | None) -> tuple[str | None, bool, bool]:
        """(redacted value, secret, weak) for an environment variable."""
        if not value:
            return value, is_secret_name(name), False
        if value in self.environ:
            return REDACTED, True, False
        if not is_secret(name, value):
            return value, False, False
        partial = redact_text(value)
        if partial != value and "://" in value[:32]:
            # A connection string keeps its scheme, user, host, port and path (the graph reads them).
            weak = any(weakness(p, self.names) is not None for p in secret_parts(value))
            return partial, True, weak
        return REDACTED, True, weakness(value, self.names) is not None

    def _label_is_secret(self, key: str, value: str) -> bool:
        last = key.rsplit(".", 1)[-1]
        if _basic_auth_users(key):
            return False  # the users stay, their hashes go
        if not value or "rule" in last.lower():
            return False  # a rule's secret fragments go one by one (_redact_rule)
        name = last.replace("-", "_")
        if is_secret_name(name) and is_secret(name, value):
            return True
        # Secret by its shape alone: whole unless the secret part can go by itself (a URL's password).
        return is_secret_value(value) and redact_text(value, tokens=self.tokens) == value

    # -- values ---------------------------------------------------------------------------------

    def text(self, value: str, *, command: bool = False) -> str:
        """A value that is not itself a secret: its secret parts go."""
        return self._known(redact_text(value, command=command, tokens=self.tokens))

    def _known(self, value: str) -> str:
        """Known secret values where they stand as whole tokens in ``value``."""
        if not self.guarded:
            return value
        out = self.known(value)
        return self.landed(out) if self.landed else out

    def env(self, service: str, var: EnvVar) -> EnvVar:
        decision = self.decisions.get((service, var.name)) or self._decide(var.name, var.value)
        value, secret, weak = decision
        if value is not None and value != REDACTED:
            value = self.text(value)
        if value is var.value and not secret and not weak:
            return var
        return EnvVar(var.name, value, var.span, secret, weak)

    def label(self, key: str, value: str) -> str:
        if _basic_auth_users(key):
            return _redact_users(value)
        if self._label_is_secret(key, value):
            return REDACTED
        last = key.rsplit(".", 1)[-1].lower()
        if last.endswith("rule") or "rule" in last:
            value = _redact_rule(value)
        return self.text(value, command=last in ("command", "cmd", "entrypoint", "test"))

    def command(self, tokens: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if tokens is None:
            return None
        return tuple(self._known(token) for token in redact_command(tokens, token_formats=self.tokens))

    def service(self, service: Service) -> Service:
        return service._replace(
            environment=tuple(self.env(service.name, var) for var in service.environment),
            labels=tuple(self._label_item(item) for item in service.labels),
            command=self.command(service.command),
            entrypoint=self.command(service.entrypoint),
            healthcheck=self.command(service.healthcheck),
            config_files=tuple((target, self.text(text, command=True)) for target, text in service.config_files),
            # x-migrator's reason is free text that reaches every report.
            extension=None if service.extension is None else tree_strings(service.extension, self.text),
        )

    def _label_item(self, item: Label) -> Label:
        value = self.label(item.key, item.value)
        return item if value is item.value else Label(item.key, value, item.span, item.deploy)

    def finding(self, finding: Finding) -> Finding:
        return finding._replace(message=self.text(finding.message), hint=self.text(finding.hint))


def _values(project: Project) -> list[str]:
    values: list[str] = []
    for service in project.services:
        values.extend(var.value for var in service.environment if var.value)
        values.extend(label.value for label in service.labels)
        values.extend(service.command or ())
        values.extend(service.entrypoint or ())
        values.extend(service.healthcheck or ())
        values.extend(text for _target, text in service.config_files)
        if service.extension is not None:
            values.append(json.dumps(service.extension, default=str))
    values.extend(finding.message for finding in project.findings)
    return values


def _basic_auth_users(key: str) -> bool:
    lower = key.lower()
    return ("basicauth" in lower or "digestauth" in lower or "basic_auth" in lower) and not lower.endswith(
        ("usersfile", "realm", "removeheader", "headerfield")
    )


def _redact_users(value: str) -> str:
    """``user:hash,user2:hash2`` (Traefik) or ``hash`` (a Caddy user label): users stay."""
    items = []
    for item in value.split(","):
        user, colon, _hash = item.partition(":")
        items.append(f"{user}:{REDACTED}" if colon else REDACTED)
    return ",".join(items)


def _secret_header(name: str) -> bool:
    lower = name.strip().lower()
    return lower in _SECRET_HEADERS or is_secret_name(lower.replace("-", "_"))


def _redact_rule(rule: str) -> str:
    """Secret fragments of a proxy rule: header values of secret headers, secret query values."""

    def pair(match: re.Match[str]) -> str:
        kind, open_, name, middle, _value = match.groups()
        secret = _secret_header(name) if kind.lower().startswith("header") else _query_secret(name)
        if not secret:
            return match.group(0)
        return f"{kind}{open_}{name}{middle}{REDACTED}`"

    def query(match: re.Match[str]) -> str:
        kind, open_, name, _value = match.groups()
        return f"{kind}{open_}{name}={REDACTED}`" if _query_secret(name) else match.group(0)

    def v1(match: re.Match[str]) -> str:
        kind, sep, name, _value = match.groups()
        return f"{kind}{sep}{name},{REDACTED}" if _secret_header(name) else match.group(0)

    out = _RULE_PAIR.sub(pair, rule) if "`" in rule else rule
    if "`" in out and "=" in out:
        out = _RULE_QUERY.sub(query, out)
    if ":" in out:
        out = _V1_HEADERS.sub(v1, out)
    return out


def _query_secret(name: str) -> bool:
    from migrator.redact import _QUERY_SECRETS

    lower = name.strip().lower()
    return lower in _QUERY_SECRETS or is_secret_name(lower.replace("-", "_"))


def redact_project(project: Project) -> Project:
    """The project with every secret value replaced where it stands (see the module's doc)."""
    if project.redacted:
        return project
    redactor = Redactor(project)
    render = project.render_config
    return dataclasses.replace(
        project,
        services=tuple(redactor.service(service) for service in project.services),
        findings=tuple(redactor.finding(finding) for finding in project.findings),
        render_config=(lambda: redact_config(render(), redactor)) if render is not None else None,
        strong_secrets=redactor.strong,
        secret_digests=redactor.digests,
        redacted=True,
    )


# --- the normalized configuration (``migrator config``) -------------------------------------------


def redact_config(config: dict[str, Any], redactor: Redactor | Project) -> dict[str, Any]:
    """``docker compose config``'s shape with the same redaction by position as the project."""
    if isinstance(redactor, Project):
        redactor = Redactor(redactor)
    out = dict(config)
    services = config.get("services")
    if isinstance(services, dict):
        out["services"] = {name: _config_service(name, body, redactor) for name, body in services.items()}
    for section in ("configs", "secrets"):
        items = config.get(section)
        if isinstance(items, dict):
            out[section] = {
                name: _content(body, redactor) if isinstance(body, dict) else body for name, body in items.items()
            }
    return out


def _content(body: dict[str, Any], redactor: Redactor) -> dict[str, Any]:
    out = dict(body)
    if isinstance(out.get("content"), str):
        out["content"] = redactor.text(out["content"], command=True)
    return out


def _config_service(name: str, body: Any, redactor: Redactor) -> Any:
    if not isinstance(body, dict):
        return body
    out = dict(body)
    env = body.get("environment")
    if isinstance(env, dict):
        out["environment"] = {
            key: (None if value is None else redactor.env(name, EnvVar(key, str(value))).value)
            for key, value in env.items()
        }
    labels = body.get("labels")
    if isinstance(labels, dict):
        out["labels"] = {key: redactor.label(key, str(value)) for key, value in labels.items()}
    deploy = body.get("deploy")
    if isinstance(deploy, dict) and isinstance(deploy.get("labels"), dict):
        out["deploy"] = {**deploy, "labels": {k: redactor.label(k, str(v)) for k, v in deploy["labels"].items()}}
    for key in ("command", "entrypoint"):
        out[key] = _words(body.get(key), redactor)
    health = body.get("healthcheck")
    if isinstance(health, dict) and "test" in health:
        out["healthcheck"] = {**health, "test": _words(health["test"], redactor)}
    build = body.get("build")
    if isinstance(build, dict) and isinstance(build.get("args"), dict):
        out["build"] = {**build, "args": _args(build["args"], redactor)}
    if isinstance(build, dict) and isinstance(build.get("labels"), dict):
        labels = {k: redactor.label(k, str(v)) for k, v in build["labels"].items()}
        out["build"] = {**out.get("build", build), "labels": labels}
    if "command" not in body:
        out.pop("command", None)
    if "entrypoint" not in body:
        out.pop("entrypoint", None)
    return out


def _args(args: dict[str, Any], redactor: Redactor) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in args.items():
        if value is None:
            out[key] = None
        elif is_secret(key, str(value)) or str(value) in redactor.environ:
            out[key] = REDACTED
        else:
            out[key] = redactor.text(str(value))
    return out


def _words(value: Any, redactor: Redactor) -> Any:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(redactor.command(tuple(value)) or ())
    if isinstance(value, str):
        return redactor.text(value, command=True)
    return value


def tree_strings(value: Any, change: Callable[[str], str]) -> Any:
    """``value`` with ``change`` applied to every string in it, keys included."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {tree_strings(k, change): tree_strings(v, change) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [tree_strings(v, change) for v in value]
    return value
