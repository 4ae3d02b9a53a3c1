"""Redaction by position: secret values go where they stand, names and keys never change."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import project_file, run_analysis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migrator import emit
from migrator.cli import main
from migrator.emit.document import spellings
from migrator.redact import REDACTED, is_secret, redact_command, redact_text, weakness
from migrator.redaction import redact_project


def _outputs(analysis: Any, catalogue: Any, out_dir: str = "/plan") -> dict[str, str]:
    outputs = {fmt: emit.render(fmt, analysis, catalogue) for fmt in emit.FORMATS}
    outputs.update(emit.out_files(analysis, catalogue, out_dir))
    return outputs


# --- a stack whose passwords are its own names ------------------------------------------------

DEFAULTS = "default-secrets"


def test_default_passwords_leave_every_name_intact(catalogue: Any) -> None:
    analysis = run_analysis(project_file(DEFAULTS))
    outputs = _outputs(analysis, catalogue)
    document = json.loads(outputs["json"])
    assert [s["name"] for s in document["services"]] == [
        "backup",
        "mysql",
        "postgres",
        "sentry",
        "traefik",
        "wordpress",
    ]
    images = {s["name"]: s["image"] for s in document["services"]}
    assert images["postgres"] == images["backup"] == "postgres:16"
    assert images["sentry"] == "getsentry/sentry:9" and images["wordpress"] == "wordpress:6"
    assert [w["name"] for w in document["workers"]] == [
        "default-secrets-backup",  # pg_dump once: a one-shot job, a Workflow
        "default-secrets-sentry",
        "default-secrets-wordpress",
    ]
    sentry = document["workers"][1]
    # Sentry runs unchanged as a Container; its database stays a kept server, whose address is a secret.
    assert sentry["vars"] == {"SENTRY_DB_USER": "postgres"}
    assert set(sentry["secrets"]) == {
        "DATABASE_URL",
        "SECRET",
        "SENTRY_DB_PASSWORD",
        "SENTRY_JWT_SECRET",
        "SENTRY_POSTGRES_HOST",
        "SENTRY_SECRET_KEY",
    }
    assert {f["location"]["file"] for f in document["findings"] if f["location"]} == {"compose.yaml"}
    assert any(e["evidence"] == "DATABASE_URL names postgres (postgres:// URL)" for e in document["edges"])
    for where, text in outputs.items():
        assert "9fK2mQ7xL4vB8nR1tZ6wP3sY" not in text, where  # the one strong secret
        assert "123456" not in text, where  # a digits-only password, in an env value and a healthcheck
        assert f"{REDACTED}:" not in text and f"{REDACTED}-" not in text and f"/{REDACTED}" not in text, where
    assert "FROM docker.io/getsentry/sentry:9" in outputs["default-secrets-sentry/container/Dockerfile"]
    assert "`postgres:16`" in outputs["markdown"] and "`getsentry/sentry:9`" in outputs["markdown"]


def test_default_passwords_are_findings_of_their_own() -> None:
    analysis = run_analysis(project_file(DEFAULTS))
    default = sorted(
        (f.service, f.message.split(" ", 1)[0]) for f in analysis.findings if f.rule_id == "SECRET-DEFAULT"
    )
    assert default == [
        ("backup", "BACKUP_TOKEN"),
        ("mysql", "MYSQL_PASSWORD"),
        ("mysql", "MYSQL_ROOT_PASSWORD"),
        ("postgres", "POSTGRES_PASSWORD"),
        ("sentry", "DATABASE_URL"),
        ("sentry", "SECRET"),
        ("sentry", "SENTRY_DB_PASSWORD"),
        ("sentry", "SENTRY_SECRET_KEY"),
        ("wordpress", "WORDPRESS_DB_PASSWORD"),
    ]
    plain = [f.message for f in analysis.findings if f.rule_id == "SECRET-PLAIN"]
    assert plain == [
        "SENTRY_JWT_SECRET holds a secret value in the project (the Compose file or its env files); "
        "it becomes a Worker secret, never a plain var"
    ]
    for finding in analysis.findings:
        assert "postgres:" not in finding.message.replace("postgres://", "")


def test_secret_values_are_replaced_where_they_stand() -> None:
    analysis = run_analysis(project_file(DEFAULTS))
    by_name = {s.name: s for s in analysis.project.services}
    postgres = {v.name: v for v in by_name["postgres"].environment}
    assert postgres["POSTGRES_PASSWORD"] == postgres["POSTGRES_PASSWORD"]._replace(
        value=REDACTED, secret=True, weak=True
    )
    assert postgres["POSTGRES_USER"].value == "postgres" and not postgres["POSTGRES_USER"].secret
    sentry = {v.name: v.value for v in by_name["sentry"].environment}
    assert sentry["DATABASE_URL"] == f"postgres://postgres:{REDACTED}@postgres:5432/sentry"
    assert by_name["postgres"].healthcheck == ("CMD-SHELL", f"PGPASSWORD={REDACTED} pg_isready -U postgres")
    assert by_name["mysql"].healthcheck == ("CMD", "mysqladmin", "ping", "-h", "localhost", "-uroot", f"-p{REDACTED}")
    assert by_name["backup"].command == (
        "sh",
        "-c",
        f"PGPASSWORD={REDACTED} pg_dump -h postgres -U postgres postgres > /backup/postgres.sql",
    )
    assert (
        by_name["wordpress"].label("traefik.http.middlewares.wordpress-auth.basicauth.users") == f"wordpress:{REDACTED}"
    )
    rule = by_name["sentry"].label("traefik.http.routers.sentry.rule")
    assert rule == f"Host(`sentry.example.com`) && Header(`X-Api-Key`, `{REDACTED}`)"
    assert analysis.project.strong_secrets == frozenset({"9fK2mQ7xL4vB8nR1tZ6wP3sY"})


def test_redaction_runs_once() -> None:
    project = run_analysis(project_file(DEFAULTS)).project
    assert redact_project(project) is project


# --- shapes -------------------------------------------------------------------------------------

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("postgres://app:hunter22@db:5432/app", f"postgres://app:{REDACTED}@db:5432/app"),
        ("redis://:pw@cache:6379/0", f"redis://:{REDACTED}@cache:6379/0"),
        ("https://x:p@ss@host/path?a=1", f"https://x:{REDACTED}@host/path?a=1"),
        ("https://ghp_abcdefghijklmnop0123456789@github.com/o/r", f"https://{REDACTED}@github.com/o/r"),
        ("postgres://app@db/app", "postgres://app@db/app"),
        ("Authorization: Bearer abc.def-ghi_jkl012", f"Authorization: Bearer {REDACTED}"),
        ("https://hooks.slack.com/services/T000/B000/XXXXXXXX", f"https://hooks.slack.com/services/{REDACTED}"),
        ("https://discord.com/api/webhooks/123/abcDEF", f"https://discord.com/api/webhooks/{REDACTED}"),
        (
            "https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIA/x&X-Amz-Signature=abc123&X-Amz-Expires=60",
            f"https://b.s3.amazonaws.com/k?X-Amz-Credential={REDACTED}&X-Amz-Signature={REDACTED}&X-Amz-Expires=60",
        ),
        ("https://maps.example.com/api?key=AIzaSyA-123&q=x", f"https://maps.example.com/api?key={REDACTED}&q=x"),
        ("https://cdn.example.com/f?sig=abc&se=2030", f"https://cdn.example.com/f?sig={REDACTED}&se={REDACTED}"),
        ("https://api.example.com/?token=t0k3n", f"https://api.example.com/?token={REDACTED}"),
        (f"token {JWT} end", f"token {REDACTED} end"),
        ("-----BEGIN PGP PRIVATE KEY BLOCK-----\nabc\n-----END PGP PRIVATE KEY BLOCK-----\nafter", None),
        ("-----BEGIN OPENSSH PRIVATE KEY-----\nabc", None),
        ("key ghp_0123456789abcdefABCDEF0123 here", f"key {REDACTED} here"),
        ("--password=s3cret --user=bob", f"--password={REDACTED} --user=bob"),
        ("password=$DB_PASSWORD", "password=$DB_PASSWORD"),
        ("https://example.com/path", "https://example.com/path"),
        ("see postgres:16 and mysql:8", "see postgres:16 and mysql:8"),
    ],
)
def test_redact_text(text: str, expected: str | None) -> None:
    out = redact_text(text)
    if expected is None:
        assert "abc" not in out and REDACTED in out and "PRIVATE KEY" in out
    else:
        assert out == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("mysql", "-uroot", "-ps3cret", "db"), ("mysql", "-uroot", f"-p{REDACTED}", "db")),
        (("mysqladmin", "-p$MYSQL_ROOT_PASSWORD"), ("mysqladmin", "-p$MYSQL_ROOT_PASSWORD")),
        (("redis-server", "-p", "6379"), ("redis-server", "-p", "6379")),
        (("app", "--password", "s3cret", "--port", "80"), ("app", "--password", REDACTED, "--port", "80")),
        (("app", "--api-key=abc123"), ("app", f"--api-key={REDACTED}")),
        (
            ("sh", "-c", "mysqldump -u root -ps3cret db | gzip"),
            ("sh", "-c", f"mysqldump -u root -p{REDACTED} db | gzip"),
        ),
        (("sh", "-c", "curl --token abc123 https://x"), ("sh", "-c", f"curl --token {REDACTED} https://x")),
        (("sh", "-c", "PGPASSWORD=pw psql -h db"), ("sh", "-c", f"PGPASSWORD={REDACTED} psql -h db")),
        (("app", "--token-file", "/run/secrets/t"), ("app", "--token-file", "/run/secrets/t")),
        (("curl", "-u", "admin:Xk9#mP2q", "http://x"), ("curl", "-u", f"admin:{REDACTED}", "http://x")),
        (("sh", "-c", "curl -fsS -u admin:Xk9#mP2q http://x"), ("sh", "-c", f"curl -fsS -u admin:{REDACTED} http://x")),
    ],
)
def test_redact_command(words: tuple[str, ...], expected: tuple[str, ...]) -> None:
    assert redact_command(words) == expected


@pytest.mark.parametrize(
    ("name", "value", "secret"),
    [
        ("API_KEY", "abc123def456", True),
        ("STRIPE_PUBLIC_KEY", "pk_test_abc", False),
        ("API_KEY_PREFIX", "mk_", False),
        ("JWKS_KEY_URL", "https://auth.example.com/keys", False),
        ("AUTH_URL", "https://auth.example.com/", False),
        ("AUTH_URL", "https://u:pw@auth.example.com/", True),
        ("TOKEN_RATE", "100/m", False),
        ("SECRET_KEY_SIZE", "4096", False),
        ("MYSQL_ROOT_PASSWORD", "123456", True),
        ("SSH_KEY", "/run/secrets/id_ed25519", False),
        ("SSH_KEY", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI me@host", False),
        ("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X", True),
        ("NOTE", "Bearer abcdef0123456789", True),
        ("NOTE", JWT, True),
        ("NOTE", "hello world", False),
        ("POSTGRES_HOST_AUTH_METHOD", "trust", False),
        ("MYSQL_RANDOM_ROOT_PASSWORD", "1", False),
        ("WEBHOOK_URL", "https://", False),
        ("WEBHOOK_URL", "https://example.com/hooks/T0123456789", True),
        ("DB_PASSWORD", "", True),
        ("DB_PASSWORD", None, True),
    ],
)
def test_what_is_secret(name: str, value: str | None, secret: bool) -> None:
    assert is_secret(name, value) is secret


@pytest.mark.parametrize(
    ("value", "weak"),
    [
        ("postgres", True),
        ("123456789012345", True),
        ("changeme", True),
        ("minio-dev-secret", True),
        ("Password123!", True),
        ("aaaaaaaaaaaaaaaaaaaa", True),
        ("queue_consumers", True),
        ("my-project", True),
        ("9fK2mQ7xL4vB8nR1tZ6wP3sY", False),
        ("Xk9#mP2qLz", False),
        ("xk9mp2qlzw", True),
        ("ghp_0123456789abcdefABCDEF0123", False),
    ],
)
def test_weak_secrets(value: str, weak: bool) -> None:
    assert (weakness(value, frozenset({"my-project"})) is not None) is weak


# --- proxy rules --------------------------------------------------------------------------------


def test_rule_fragments_and_labels(tmp_path: Path, catalogue: Any) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  api:\n"
        "    image: node:22\n"
        "    labels:\n"
        "      traefik.http.routers.api.rule: Host(`api.example.com`) && Query(`token=Qw9rT5yU1iO3pA7s`)\n"
        "      traefik.http.routers.key.rule: Host(`k.example.com`) && Header(`Authorization`, `Basic Zm9vOmJhcg==`)\n"
        "      traefik.http.middlewares.auth.forwardauth.address: http://auth:4181\n"
        "      traefik.http.middlewares.sso.forwardauth.address: http://sso:Pw9xK2mQ7vL4nR8z@sso:4181/check\n"
        "      com.example.api-key: Lk8jH6gF4dS2aQ0w\n"
        "      ofelia.job-exec.dump.command: mysqldump -uroot -pQw9rT5yU1iO3pA7s app\n"
    )
    analysis = run_analysis(tmp_path / "compose.yaml")
    for where, text in _outputs(analysis, catalogue, str(tmp_path / "plan")).items():
        for secret in ("Qw9rT5yU1iO3pA7s", "Zm9vOmJhcg==", "Lk8jH6gF4dS2aQ0w", "Pw9xK2mQ7vL4nR8z"):
            assert secret not in text, (secret, where)
    (api,) = analysis.project.services
    assert api.label("traefik.http.middlewares.auth.forwardauth.address") == "http://auth:4181"
    assert api.label("traefik.http.middlewares.sso.forwardauth.address") == f"http://sso:{REDACTED}@sso:4181/check"
    assert api.label("traefik.http.routers.api.rule") == f"Host(`api.example.com`) && Query(`token={REDACTED}`)"
    assert {r.host for r in analysis.routing.routes} == {"api.example.com", "k.example.com"}


# --- the process environment ----------------------------------------------------------------------

COMPOSE_WITH_ENVIRON = """
services:
  app:
    image: node:22
    command: ["node", "server.js", "--mode", "${BUILD_MODE}"]
    environment:
      REPO_URL: https://x-access-token:${GITHUB_TOKEN}@github.com/o/r.git
      NOTE: "deploying with ${CLOUDFLARE_API_TOKEN}"
      MODE: ${BUILD_MODE}
      FROM_DOTENV: ${DOTENV_VALUE}
      LOG_LEVEL: info
"""
ENVIRON = {
    "GITHUB_TOKEN": "ghs_Zx8Cv6Bn4Mm2Ll0Kk9Jj7Hh5Gg3Ff1",
    "CLOUDFLARE_API_TOKEN": "Cf7uN3kW9pQ2xR5tY8vB1mZ4",
    "BUILD_MODE": "nightly",
    "UNUSED": "never-read",
}


def test_values_from_the_process_environment_are_secrets(tmp_path: Path, catalogue: Any) -> None:
    (tmp_path / "compose.yaml").write_text(COMPOSE_WITH_ENVIRON)
    (tmp_path / ".env").write_text("DOTENV_VALUE=from-dotenv\n")
    analysis = run_analysis(tmp_path / "compose.yaml", environ=ENVIRON)
    assert dict(analysis.project.from_environ) == {k: v for k, v in ENVIRON.items() if k != "UNUSED"}
    env = {v.name: v for v in analysis.project.services[0].environment}
    assert env["MODE"].secret and env["MODE"].value == REDACTED
    assert not env["FROM_DOTENV"].secret and env["FROM_DOTENV"].value == "from-dotenv"
    assert env["REPO_URL"].value == f"https://x-access-token:{REDACTED}@github.com/o/r.git"
    assert analysis.project.services[0].command == ("node", "server.js", "--mode", REDACTED)
    for where, text in _outputs(analysis, catalogue, str(tmp_path / "plan")).items():
        for name, value in ENVIRON.items():
            if name != "UNUSED":
                assert value not in text, (name, where)

    allowed = run_analysis(tmp_path / "compose.yaml", environ=ENVIRON, env_allow=("BUILD_MODE",))
    env = {v.name: v for v in allowed.project.services[0].environment}
    assert env["MODE"].value == "nightly" and not env["MODE"].secret
    assert ("MODE", "nightly") in allowed.plan.workers[0].vars if allowed.plan.workers else True


def test_env_allow_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "compose.yaml").write_text(COMPOSE_WITH_ENVIRON)
    for name, value in ENVIRON.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("DOTENV_VALUE", "x")
    assert main(["config", str(tmp_path / "compose.yaml")]) == 0
    printed = json.loads(capsys.readouterr().out)["services"]["app"]
    assert printed["environment"]["MODE"] == REDACTED
    assert printed["command"] == ["node", "server.js", "--mode", REDACTED]
    assert main(["config", str(tmp_path / "compose.yaml"), "--env-allow", "BUILD_MODE"]) == 0
    printed = json.loads(capsys.readouterr().out)["services"]["app"]
    assert printed["environment"]["MODE"] == "nightly"
    assert printed["command"] == ["node", "server.js", "--mode", "nightly"]
    assert "ghs_Zx8Cv6Bn4Mm2Ll0Kk9Jj7Hh5Gg3Ff1" not in json.dumps(printed)


def test_config_redacts_as_analyze_does(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", str(project_file(DEFAULTS))]) == 0
    config = json.loads(capsys.readouterr().out)
    postgres = config["services"]["postgres"]
    assert postgres["image"] == "postgres:16"
    assert postgres["environment"] == {
        "POSTGRES_DB": "postgres",
        "POSTGRES_PASSWORD": REDACTED,
        "POSTGRES_USER": "postgres",
    }
    assert postgres["healthcheck"]["test"] == ["CMD-SHELL", f"PGPASSWORD={REDACTED} pg_isready -U postgres"]
    assert "9fK2mQ7xL4vB8nR1tZ6wP3sY" not in json.dumps(config)


# --- the property: secrets drawn from the project's own names and the report's own keys -------------

PROJECT_NAMES = ["api", "db", "data", "node", "postgres", "16", "22", "compose", "yaml", "compose.yaml", "props", "web"]
REPORT_KEYS = [
    "secrets",
    "name",
    "services",
    "findings",
    "workers",
    "vars",
    "bindings",
    "message",
    "hint",
    "location",
    "rule_id",
    "summary",
    "schema_version",
    "queue_consumers",
    "required",
    "redacted",
    "SECRET-DEFAULT",
    "compose.yaml:9",
    "warning",
    "props-api",
]
PROPERTY_COMPOSE = """
name: props
services:
  api:
    image: node:22
    command: ["node", "server.js", "--password", {pw}]
    environment:
      API_SECRET: {a}
      DB_PASSWORD: {b}
      DATABASE_URL: postgres://api:{b_url}@db:5432/data
      SESSION_TOKEN: {strong}
      LOG_LEVEL: info
    labels:
      traefik.http.routers.api.rule: Host(`api.example.com`)
      traefik.http.middlewares.auth.basicauth.users: "api:{strong_label}"
    depends_on: [db]
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: {b}
    volumes: ["data:/var/lib/postgresql/data"]
volumes:
  data:
"""
_token = st.text(alphabet=st.sampled_from(list("abcXYZ0123456789_-")), min_size=8, max_size=16).map(
    lambda core: f"Zq9{core}W7k"
)
_drawn = st.sampled_from(PROJECT_NAMES + REPORT_KEYS)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_drawn, _drawn, _drawn, _token, _token)
def test_names_and_keys_survive_secrets_spelled_like_them(
    tmp_path: Path, catalogue: Any, a: str, b: str, pw: str, strong: str, strong_label: str
) -> None:
    from urllib.parse import quote

    text = PROPERTY_COMPOSE.format(
        a=json.dumps(a),
        b=json.dumps(b),
        b_url=quote(b, safe=""),
        pw=json.dumps(pw),
        strong=json.dumps(strong),
        strong_label=strong_label,
    )
    (tmp_path / "compose.yaml").write_text(text)
    analysis = run_analysis(tmp_path / "compose.yaml")
    outputs = _outputs(analysis, catalogue, str(tmp_path / "plan"))
    document = json.loads(outputs["json"])
    assert set(document) == {
        "cost",
        "edges",
        "effort",
        "findings",
        "project",
        "schema_version",
        "services",
        "summary",
        "waves",
        "workers",
    }
    assert document["project"] == {"files": ["compose.yaml"], "name": "props"}
    assert [(s["name"], s["image"]) for s in document["services"]] == [("api", "node:22"), ("db", "postgres:16")]
    assert [w["name"] for w in document["workers"]] == ["props-api"]
    worker = document["workers"][0]
    assert {"API_SECRET", "DB_PASSWORD", "SESSION_TOKEN"} <= set(worker["secrets"])
    assert worker["vars"] == {"LOG_LEVEL": "info"}
    assert {f["location"]["file"] for f in document["findings"] if f["location"]} == {"compose.yaml"}
    assert set(outputs) >= {"report.json", "report.md", "report.sarif", "props-api/wrangler.jsonc"}
    assert json.loads(outputs["report.json"])["workers"][0]["name"] == "props-api"
    assert json.loads(outputs["sarif"])["runs"][0]["results"]
    config = outputs["props-api/wrangler.jsonc"]
    assert '"name": "props-api"' in config and '"required": [' in config
    for where, output in outputs.items():
        if where in ("text", "json", "markdown", "sarif", "github", "report.md", "report.json", "report.sarif"):
            assert "compose.yaml" in output, where
        for secret in (strong, strong_label):
            for form in spellings(secret):
                assert form not in output, (secret, where)
    markdown = outputs["markdown"]
    assert "`node:22`" in markdown and "`postgres:16`" in markdown
    assert re.search(r"compose\.yaml:\d+", outputs["text"])


@pytest.mark.parametrize(
    "service",
    [
        "environment: {DB_URL: 'postgres://u:Sup3rS3cretPassw0rdXyz@db/${HOST'}",
        "environment: {DB_URL: 'x ${A:?postgres://u:Sup3rS3cretPassw0rdXyz@db} ${}'}",
        'command: "psql --password=Sup3rS3cretPassw0rdXyz \'unclosed"',
        "ports: ['Sup3rS3cretPassw0rdXyz:80']",
        "volumes: ['ab::Sup3rS3cretPassw0rdXyz']",
    ],
)
def test_error_messages_quote_no_secret(tmp_path: Path, service: str, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "compose.yaml").write_text(f"services:\n  app:\n    image: node:22\n    {service}\n")
    assert main(["analyze", "--strict", str(tmp_path / "compose.yaml")]) == 2
    err = capsys.readouterr().err
    assert "migrator: error: compose.yaml:" in err
    assert "Sup3rS3cretPassw0rdXyz" not in err, err


def test_a_value_of_many_urls_is_secret_by_that_alone() -> None:
    many = " ".join(f"https://u:p{i}@h{i}.example.com/" for i in range(300))
    assert redact_text(many) == REDACTED and is_secret("NOTE", many)
    few = " ".join(f"https://u:p{i}@h{i}.example.com/" for i in range(3))
    assert redact_text(few) == " ".join(f"https://u:{REDACTED}@h{i}.example.com/" for i in range(3))


def test_cron_lines_lose_their_keyed_arguments(tmp_path: Path, catalogue: Any) -> None:
    (tmp_path / "crontab").write_text(
        "0 3 * * * mysqldump --password=Kq8vX2mB7nL4 -h db app > /backup/app.sql\n"
        "*/5 * * * * curl -H 'Authorization: Bearer Tk7pR2wQ9zX4vB6n' http://api:8080/tick\n"
    )
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  cron:\n"
        "    image: alpine:3.20\n"
        "    command: crond -f\n"
        "    volumes: ['./crontab:/etc/crontabs/root:ro']\n"
        "  ofelia:\n"
        "    image: mcuadros/ofelia:0.3\n"
        "    command: daemon --docker\n"
        "    labels:\n"
        "      ofelia.job-run.dump.schedule: '0 0 4 * * *'\n"
        "      ofelia.job-run.dump.command: mysqldump -uroot -pHj5kL8mN2bV4 app\n"
    )
    analysis = run_analysis(tmp_path / "compose.yaml")
    commands = [c.command for a in analysis.assessments for c in a.crons]
    assert f"mysqldump -uroot -p{REDACTED} app" in commands, commands
    crontab = (tmp_path / "crontab").read_text()
    assert redact_text(crontab, command=True) == (
        f"0 3 * * * mysqldump --password={REDACTED} -h db app > /backup/app.sql\n"
        f"*/5 * * * * curl -H 'Authorization: Bearer {REDACTED}' http://api:8080/tick\n"
    )
    for where, text in _outputs(analysis, catalogue, str(tmp_path / "plan")).items():
        for secret in ("Kq8vX2mB7nL4", "Tk7pR2wQ9zX4vB6n", "Hj5kL8mN2bV4"):
            assert secret not in text, (secret, where)


def test_x_migrator_reason_and_build_labels_lose_their_secrets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    token = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"
    key = "Lk9Jh8Gf7Ds6Ap5Oi4Uy3Tr2Ew1Qa0Zx"
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "Dockerfile").write_text("FROM node:22\n")
    (tmp_path / "compose.yaml").write_text(
        "services:\n  app:\n    build: {context: ./app, labels: {api.key: '" + key + "'}}\n"
        "    x-migrator: {target: container, reason: 'kept as is, token " + token + "'}\n"
    )
    compose = str(tmp_path / "compose.yaml")
    for args in (
        ["analyze", compose, "--format", "json"],
        ["analyze", compose, "--format", "html"],
        ["config", compose],
    ):
        assert main(args) == 0
        printed = capsys.readouterr().out
        assert token not in printed and key not in printed, args
    assert main(["analyze", compose, "--format", "json"]) == 0
    assert "kept as is, token [redacted]" in capsys.readouterr().out


def test_a_ci_token_put_into_names_reaches_no_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    token = "Kq93jfL02mZxPw7RtY5vB8nC4hD6sE1a"  # no known format; a name of the project once interpolated
    monkeypatch.setenv("GITHUB_TOKEN", token)
    compose = tmp_path / "compose.yaml"
    compose.write_text(
        "services:\n  app:\n    image: 'someone/thing:${GITHUB_TOKEN}'\n    hostname: 'h${GITHUB_TOKEN}'\n"
        "    ports: ['9000:9000']\n    volumes: ['v${GITHUB_TOKEN}:/data']\n"
        "    networks: {default: {aliases: ['a${GITHUB_TOKEN}']}}\n"
        "volumes:\n  'v${GITHUB_TOKEN}': {}\n"
    )
    runs = [
        ["analyze", str(compose), "--format", "json"],
        ["analyze", str(compose), "--format", "markdown"],
        ["analyze", str(compose), "--out", str(tmp_path / "plan")],
        ["config", str(compose)],
        ["analyze", str(compose), "--strict"],  # an error naming the volume
    ]
    for args in runs:
        main([*args, "--fail-on", "never"] if args[0] == "analyze" else args)
        captured = capsys.readouterr()
        assert token not in captured.out + captured.err, args
    written = "".join(p.read_text() for p in (tmp_path / "plan").rglob("*") if p.is_file())
    assert written and token not in written
    (tmp_path / "compose.yaml").write_text(
        "services:\n  app:\n    image: nginx\n    volumes: ['v${GITHUB_TOKEN}:/data']\n"
    )
    assert main(["analyze", str(compose), "--strict"]) == 2
    assert "undefined volume 'v[redacted]'" in capsys.readouterr().err
    assert main(["config", str(compose), "--env-allow", "GITHUB_TOKEN"]) == 0
    assert token in capsys.readouterr().out


def test_a_secret_in_a_mounted_crontab_reaches_no_output(tmp_path: Path, catalogue: Any) -> None:
    secret = "CANARY-crontab-7d1e55aa"
    (tmp_path / "crontab").write_text(
        f"*/5 * * * * curl -fsS -u backup:{secret} http://app:8080/tasks/export\n"
        f"0 2 * * * wget -qO- https://admin:{secret}@hooks.example.com/nightly\n"
    )
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  app:\n    image: ghcr.io/example/app:1.0\n    expose: ['8080']\n"
        "  cron:\n    image: alpine:3.20\n    command: crond -f\n    volumes: ['./crontab:/etc/crontabs/root:ro']\n"
    )
    analysis = run_analysis(tmp_path / "compose.yaml")
    assert len(next(a for a in analysis.assessments if a.service == "cron").crons) == 2
    for where, text in _outputs(analysis, catalogue, str(tmp_path / "plan")).items():
        for spelling in spellings(secret):
            assert spelling not in text, where
