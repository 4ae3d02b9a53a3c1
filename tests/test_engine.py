from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest
from conftest import run_analysis
from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.engine.cron import CronError, find_crons, translate
from migrator.engine.facts import parse_image
from migrator.model import Service, Span

# (case id, compose services block, service to check, expected role, expected target)
TABLE: list[tuple[str, str, str, str, str]] = [
    ("traefik", "p: {image: 'traefik:v3.1'}", "p", "proxy", "platform"),
    ("nginx-proxy", "p: {image: 'nginxproxy/nginx-proxy:1.6'}", "p", "proxy", "platform"),
    ("caddy-docker-proxy", "p: {image: 'lucaslorentz/caddy-docker-proxy:ci-alpine'}", "p", "proxy", "platform"),
    ("haproxy", "p: {image: 'haproxy:2.9'}", "p", "proxy", "platform"),
    ("certbot", "c: {image: certbot/certbot}", "c", "proxy", "platform"),
    ("acme-companion", "c: {image: 'nginxproxy/acme-companion'}", "c", "proxy", "platform"),
    (
        "nginx in front of an app",
        "web: {image: nginx, depends_on: [app]}\n  app: {image: node:22}",
        "web",
        "proxy",
        "platform",
    ),
    ("postgres", "db: {image: 'postgres:16'}", "db", "database", "hyperdrive"),
    ("postgis", "db: {image: 'postgis/postgis:16-3.4'}", "db", "database", "hyperdrive"),
    ("mysql", "db: {image: 'mysql:8'}", "db", "database", "hyperdrive"),
    ("mariadb from another registry", "db: {image: 'docker.io/library/mariadb:11'}", "db", "database", "hyperdrive"),
    (
        "unknown image with a postgres data volume",
        "db: {image: 'corp/pg:1', volumes: ['pg:/var/lib/postgresql/data']}",
        "db",
        "database",
        "hyperdrive",
    ),
    (
        "redis cache",
        "cache: {image: 'redis:7'}\n  app: {image: node, environment: {CACHE_URL: 'redis://cache:6379'}}",
        "cache",
        "cache",
        "kv",
    ),
    ("valkey cache", "cache: {image: 'valkey/valkey:8'}", "cache", "cache", "kv"),
    ("keydb", "cache: {image: 'eqalpha/keydb'}", "cache", "cache", "kv"),
    ("memcached", "mc: {image: 'memcached:1.6'}", "mc", "cache", "kv"),
    (
        "redis sessions",
        "r: {image: redis}\n  app: {image: node, environment: {SESSION_REDIS_URL: 'redis://r:6379'}}",
        "r",
        "session-store",
        "durable-object",
    ),
    (
        "redis rate limits",
        "r: {image: redis}\n  app: {image: node, environment: {RATE_LIMIT_REDIS: 'r:6379'}}",
        "r",
        "session-store",
        "durable-object",
    ),
    (
        "redis pub/sub for websockets",
        "r: {image: redis}\n  app: {image: node, environment: {SOCKET_IO_REDIS_HOST: r}}",
        "r",
        "session-store",
        "durable-object",
    ),
    (
        "redis celery broker",
        "r: {image: redis}\n  w: {image: python, command: celery -A app worker, environment: {CELERY_BROKER_URL: 'redis://r:6379/0'}}",
        "r",
        "queue",
        "queue",
    ),
    (
        "redis for rq",
        "r: {image: redis}\n  w: {image: python, command: rq worker, environment: {REDIS_URL: 'redis://r'}}",
        "r",
        "queue",
        "queue",
    ),
    (
        "redis for sidekiq",
        "r: {image: redis}\n  w: {image: ruby, command: bundle exec sidekiq, environment: {REDIS_URL: 'redis://r'}}",
        "r",
        "queue",
        "unsupported",  # Sidekiq (Ruby) runs in a Container and speaks Redis: Redis stays
    ),
    (
        "redis for sidekiq's worker",
        "r: {image: redis}\n  w: {image: ruby, command: bundle exec sidekiq, environment: {REDIS_URL: 'redis://r'}}",
        "w",
        "web",
        "container",
    ),
    (
        "redis for bullmq",
        "r: {image: redis}\n  w: {image: node, environment: {BULL_REDIS_HOST: r}}",
        "r",
        "queue",
        "queue",
    ),
    ("rabbitmq", "mq: {image: 'rabbitmq:3-management'}", "mq", "queue", "queue"),
    ("nats", "mq: {image: 'nats:2.10'}", "mq", "queue", "queue"),
    ("activemq", "mq: {image: 'apache/activemq-classic'}", "mq", "queue", "queue"),
    ("kafka", "k: {image: 'confluentinc/cp-kafka:7.6.0'}", "k", "queue", "queue"),
    ("zookeeper", "z: {image: 'confluentinc/cp-zookeeper:7.6.0'}", "z", "ops", "unsupported"),
    ("minio", "s3: {image: 'minio/minio', command: 'server /data'}", "s3", "object-store", "r2"),
    ("seaweedfs", "s3: {image: 'chrislusf/seaweedfs', command: 'server -s3'}", "s3", "object-store", "r2"),
    ("celery worker", "w: {image: python, command: 'celery -A proj worker -l info'}", "w", "queue-consumer", "worker"),
    (
        "consumer of a broker",
        "mq: {image: rabbitmq}\n  c: {image: 'python:3.12', command: [python, consume.py], environment: {AMQP_URL: 'amqp://mq'}}",
        "c",
        "queue-consumer",
        "worker",
    ),
    (
        "consumer in a third-party image",
        "mq: {image: rabbitmq}\n  c: {image: 'corp/x', command: [python, consume.py], environment: {AMQP_URL: 'amqp://mq'}}",
        "c",
        "queue-consumer",
        "container",
    ),
    (
        "broker of a third-party image",
        "mq: {image: rabbitmq}\n  c: {image: 'corp/x', command: [python, consume.py], environment: {AMQP_URL: 'amqp://mq'}}",
        "mq",
        "queue",
        "unsupported",
    ),
    (
        "redis cache of a third-party image",
        "r: {image: 'redis:7'}\n  app: {image: 'ghcr.io/acme/app:1', environment: {REDIS_URL: 'redis://r:6379'}}",
        "r",
        "cache",
        "unsupported",
    ),
    (
        "redis cache of a Worker",
        "r: {image: 'redis:7'}\n  app: {image: 'node:22', command: node server.js, environment: {REDIS_URL: 'redis://r:6379'}}",
        "r",
        "cache",
        "kv",
    ),
    (
        "postgres of a third-party image",
        "db: {image: 'postgres:16'}\n  app: {image: 'ghcr.io/acme/app:1', environment: {DATABASE_URL: 'postgres://db:5432/app'}}",
        "db",
        "database",
        "unsupported",
    ),
    (
        "postgres of a Worker",
        "db: {image: 'postgres:16'}\n  app: {image: 'node:22', command: node server.js, environment: {DATABASE_URL: 'postgres://db:5432/app'}}",
        "db",
        "database",
        "hyperdrive",
    ),
    (
        "minio of a third-party image",
        "s3: {image: 'minio/minio', command: 'server /data'}\n  app: {image: 'ghcr.io/acme/app:1', environment: {S3_ENDPOINT: 'http://s3:9000'}}",
        "s3",
        "object-store",
        "r2",
    ),
    (
        "one build, one kind",
        "web: {build: ., x-migrator: {target: container, reason: native modules}}\n  jobs: {build: ., command: 'celery -A proj worker'}",
        "jobs",
        "queue-consumer",
        "container",
    ),
    ("celery beat", "beat: {image: 'python:3.12', command: 'celery -A proj beat -l info'}", "beat", "cron", "cron"),
    ("prisma studio", "studio: {image: 'node:22', command: 'npx prisma studio'}", "studio", "ops", "platform"),
    ("mailpit", "mail: {image: 'axllent/mailpit'}", "mail", "ops", "platform"),
    ("xmpp server", "xmpp: {image: 'jitsi/prosody:stable', expose: ['5222', '5280']}", "xmpp", "media", "container"),
    ("turn server", "turn: {image: 'coturn/coturn:4.6'}", "turn", "media", "container"),
    ("restart no", "seed: {image: 'ghcr.io/acme/tool:1', restart: 'no'}", "seed", "job", "workflow"),
    ("permission fixer", "fix: {image: ubuntu, command: 'chown -R 1000:1000 /data'}", "fix", "job", "workflow"),
    (
        "job others wait for",
        "setup: {image: 'ghcr.io/acme/app:1'}\n  app: {image: 'ghcr.io/acme/app:1', ports: ['80:80'], depends_on: {setup: {condition: service_completed_successfully}}}",
        "setup",
        "job",
        "workflow",
    ),
    (
        "caddy-based front proxy of a vendor",
        "proxy: {image: 'makeplane/plane-proxy:stable', ports: ['80:80', '443:443'], depends_on: [web, api]}\n  web: {image: 'makeplane/plane-frontend:stable'}\n  api: {image: 'makeplane/plane-backend:stable'}",
        "proxy",
        "proxy",
        "platform",
    ),
    (
        "nginx paired with php-fpm",
        "web: {image: nginx, depends_on: [app], volumes: ['html:/var/www/html']}\n  app: {image: 'nextcloud:fpm', volumes: ['html:/var/www/html']}",
        "web",
        "web",
        "container",
    ),
    (
        "node image of a vendor",
        "chat: {image: 'registry.rocket.chat/rocketchat/rocket.chat:8', command: [node, main.js]}",
        "chat",
        "web",
        "container",
    ),
    ("crond", "cron: {image: alpine, command: 'crond -f'}", "cron", "cron", "cron"),
    ("supercronic", "cron: {image: 'corp/app', command: [supercronic, /etc/crontab]}", "cron", "cron", "cron"),
    ("ofelia", "o: {image: 'mcuadros/ofelia:latest', command: daemon --docker}", "o", "cron", "cron"),
    (
        "ofelia labels on a job service",
        "job: {image: alpine, labels: {ofelia.job-exec.x.schedule: '@hourly', ofelia.job-exec.x.command: date}}",
        "job",
        "cron",
        "cron",
    ),
    ("node app", "web: {image: 'node:22-alpine', command: node server.js}", "web", "web", "worker"),
    ("bun app", "web: {image: 'oven/bun:1'}", "web", "web", "worker"),
    ("deno app", "web: {image: 'denoland/deno:2.0'}", "web", "web", "worker"),
    ("python app", "web: {image: 'python:3.12', command: 'uvicorn app:app'}", "web", "web", "worker"),
    ("go app", "web: {image: 'golang:1.23'}", "web", "web", "container"),
    ("java app", "web: {image: 'eclipse-temurin:21'}", "web", "web", "container"),
    ("php app", "web: {image: 'php:8.3-apache'}", "web", "web", "container"),
    ("ruby app", "web: {image: 'ruby:3.3'}", "web", "web", "container"),
    (".net app", "web: {image: 'mcr.microsoft.com/dotnet/aspnet:8.0'}", "web", "web", "container"),
    ("wordpress", "wp: {image: 'wordpress:6'}", "wp", "web", "container"),
    (
        "static nginx",
        "site: {image: nginx, volumes: ['./public:/usr/share/nginx/html:ro']}",
        "site",
        "static",
        "assets",
    ),
    (
        "static httpd",
        "site: {image: 'httpd:2.4', volumes: ['./public:/usr/local/apache2/htdocs/']}",
        "site",
        "static",
        "assets",
    ),
    (
        "websocket app",
        "ws: {image: 'node:22', command: node ws.js, environment: {WEBSOCKET_PORT: '6001'}}",
        "ws",
        "realtime",
        "worker",
    ),
    ("websocket server of a vendor", "ws: {image: 'quay.io/soketi/soketi:1.6'}", "ws", "realtime", "container"),
    ("mongo", "m: {image: 'mongo:7'}", "m", "document-store", "unsupported"),
    (
        "elasticsearch",
        "es: {image: 'docker.elastic.co/elasticsearch/elasticsearch:8.14.0'}",
        "es",
        "document-store",
        "unsupported",
    ),
    ("opensearch", "os: {image: 'opensearchproject/opensearch:2'}", "os", "document-store", "unsupported"),
    ("clickhouse", "ch: {image: 'clickhouse/clickhouse-server'}", "ch", "document-store", "unsupported"),
    ("cassandra", "c: {image: 'cassandra:5'}", "c", "document-store", "unsupported"),
    (
        "minecraft",
        "mc: {image: 'itzg/minecraft-server', ports: ['25565:25565']}",
        "mc",
        "network-service",
        "unsupported",
    ),
    ("mail server", "mail: {image: 'mailserver/docker-mailserver:14'}", "mail", "network-service", "unsupported"),
    ("mqtt broker", "mqtt: {image: 'eclipse-mosquitto:2'}", "mqtt", "network-service", "unsupported"),
    ("prometheus", "p: {image: 'prom/prometheus'}", "p", "ops", "platform"),
    ("grafana", "g: {image: 'grafana/grafana:11.0.0'}", "g", "ops", "platform"),
    ("loki", "l: {image: 'grafana/loki'}", "l", "ops", "platform"),
    ("cadvisor", "c: {image: 'gcr.io/cadvisor/cadvisor'}", "c", "ops", "platform"),
    ("portainer", "p: {image: 'portainer/portainer-ce'}", "p", "ops", "platform"),
    ("watchtower", "w: {image: 'containrrr/watchtower'}", "w", "ops", "platform"),
    ("socket proxy", "s: {image: 'tecnativa/docker-socket-proxy'}", "s", "ops", "platform"),
    ("oauth2-proxy", "a: {image: 'quay.io/oauth2-proxy/oauth2-proxy:v7.6.0'}", "a", "auth", "platform"),
    (
        "cloudflared tunnel",
        "t: {image: 'cloudflare/cloudflared:2024.6.1', command: tunnel run}",
        "t",
        "proxy",
        "platform",
    ),
    ("adminer", "a: {image: 'adminer:4'}", "a", "ops", "platform"),
    ("sftp server", "f: {image: 'atmoz/sftp', ports: ['2222:22']}", "f", "file-server", "unsupported"),
    ("litestream sqlite", "l: {image: 'litestream/litestream:0.3'}", "l", "database", "d1"),
    ("migration job", "migrate: {image: 'flyway/flyway', command: migrate}", "migrate", "job", "workflow"),
    ("unknown image with http port", "x: {image: 'corp/thing:1', ports: ['8080:8080']}", "x", "web", "container"),
    ("unknown image, no ports", "x: {image: 'corp/daemon:1'}", "x", "worker-process", "container"),
    (
        "x-migrator override",
        "x: {image: 'corp/thing:1', x-migrator: {target: worker, reason: 'we rewrote it'}}",
        "x",
        "worker-process",
        "worker",
    ),
]


@pytest.mark.parametrize(("case", "services", "name", "role", "target"), TABLE, ids=[row[0] for row in TABLE])
def test_mapping_table(tmp_path: Path, case: str, services: str, name: str, role: str, target: str) -> None:
    (tmp_path / "compose.yaml").write_text(f"services:\n  {services}\n")
    analysis = run_analysis(tmp_path / "compose.yaml")
    assessment = analysis.assessment(name)
    assert assessment is not None
    assert (assessment.role, assessment.target.kind) == (role, target)
    assert assessment.target.rationale


def test_the_table_is_large_and_covers_every_target() -> None:
    assert len(TABLE) >= 40
    assert {row[4] for row in TABLE} >= {
        "worker",
        "assets",
        "hyperdrive",
        "kv",
        "durable-object",
        "r2",
        "queue",
        "cron",
        "workflow",
        "container",
        "platform",
        "unsupported",
    }


def test_build_context_decides_the_runtime(tmp_path: Path) -> None:
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "package.json").write_text('{"dependencies": {"hono": "4"}}')
    (tmp_path / "go").mkdir()
    (tmp_path / "go" / "Dockerfile").write_text(
        "FROM golang:1.23 AS build\nRUN go build\nFROM gcr.io/distroless/static\n"
    )
    (tmp_path / "go" / "go.mod").write_text("module x\n\nrequire github.com/gin-gonic/gin v1.10.0\n")
    (tmp_path / "compose.yaml").write_text("services:\n  api: {build: ./api}\n  svc: {build: {context: ./go}}\n")
    analysis = run_analysis(tmp_path / "compose.yaml")
    api, svc = analysis.assessment("api"), analysis.assessment("svc")
    assert api is not None and (api.target.kind, api.runtime) == ("worker", "node")
    assert svc is not None and (svc.target.kind, svc.runtime) == ("container", "go")
    built = analysis.project.service("svc")
    assert built is not None and built.build is not None
    assert built.build.base_images == ("golang:1.23", "gcr.io/distroless/static")
    assert "github.com/gin-gonic/gin" in built.build.packages


def test_unknown_images_get_a_low_confidence_answer_and_a_finding(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text("services:\n  x: {image: 'corp/thing:1', ports: ['9000:9000']}\n")
    analysis = run_analysis(tmp_path / "compose.yaml")
    assessment = analysis.assessment("x")
    assert assessment is not None and assessment.target.confidence == "low"
    assert any(f.rule_id == "IMAGE-UNKNOWN" and f.service == "x" for f in analysis.findings)


def test_x_migrator_ignore_with_reason_and_unknown_ids(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n  a:\n    image: example/agent\n    privileged: true\n"
        "    x-migrator: {ignore: [SEC-PRIVILEGED, NOPE-1], reason: only in dev}\n"
        "  b:\n    image: example/agent\n    privileged: true\n    x-migrator: {ignore: [SEC-PRIVILEGED], bogus: 1}\n"
    )
    analysis = run_analysis(tmp_path / "compose.yaml")
    by = {(f.service, f.rule_id) for f in analysis.findings}
    assert ("a", "SEC-PRIVILEGED") not in by
    assert ("a", "MIG003") in by
    assert ("b", "MIG002") in by and ("b", "MIG001") in by


FINDING_CASES: list[tuple[str, str]] = [
    ("SEC-PRIVILEGED", "x: {image: example/app, privileged: true}"),
    ("SEC-CAP-ADD", "x: {image: example/app, cap_add: [NET_ADMIN]}"),
    ("SEC-DEVICES", "x: {image: example/app, devices: ['/dev/ttyUSB0:/dev/ttyUSB0']}"),
    ("NET-HOST", "x: {image: example/app, network_mode: host}"),
    ("PID-HOST", "x: {image: example/app, pid: host}"),
    ("DOCKER-SOCKET", "x: {image: example/app, volumes: ['/var/run/docker.sock:/var/run/docker.sock']}"),
    ("PORT-NON-HTTP", "x: {image: example/app, ports: ['2222:22']}"),
    ("PORT-NON-HTTP", "x: {image: example/app, ports: ['5000:5000/udp']}"),
    ("PORT-DATA", "db: {image: postgres, ports: ['5432:5432']}"),
    ("VOLUME-DATA", "db: {image: postgres, volumes: ['pg:/var/lib/postgresql/data']}"),
    ("SECRET-PLAIN", "x: {image: node, environment: {API_TOKEN: abcdef123456}}"),
    (
        "RT-UNREAD",
        "proxy: {image: 'nginx:1.27', ports: ['80:80'], volumes: ['./nginx.conf:/etc/nginx/nginx.conf'], depends_on: [app]}\n"
        "  app: {image: 'ghcr.io/example/app:1.0', expose: ['8080']}",
    ),
    ("CONTAINER-RUNTIME", "x: {image: golang}"),
    ("CONTAINER-LIMITS", "x: {image: golang, deploy: {resources: {limits: {memory: 16G}}}}"),
    ("IMAGE-ARM64", "x: {image: golang, platform: linux/arm64}"),
    ("IMAGE-UNKNOWN", "x: {image: example/app}"),
    ("KAFKA-SEMANTICS", "k: {image: 'bitnami/kafka:3'}"),
    ("DATASTORE-UNSUPPORTED", "m: {image: mongo}"),
    ("CRON-TRANSLATED", "c: {image: alpine, command: [sh, -c, \"echo '0 5 * * 1 run' | crontab - && crond -f\"]}"),
    ("CRON-UNKNOWN", "c: {image: alpine, command: crond -f}"),
    ("PORT-MEDIA", "xmpp: {image: 'jitsi/prosody:stable', expose: ['5222', '5280']}"),
    ("PORT-MEDIA", "jvb: {image: 'jitsi/jvb:stable', ports: ['10000:10000/udp']}"),
    ("IMAGE-UNPINNED", "x: {image: example/app}"),
    ("IMAGE-REGISTRY", "x: {image: 'ghcr.io/example/app:1.2'}"),
    ("IMAGE-INVALID", "x: {image: 'example/App:1'}"),
    ("BUILD-MISSING", "x: {build: {context: ., dockerfile: prod.Dockerfile}}"),
]


@pytest.mark.parametrize(("rule_id", "services"), FINDING_CASES, ids=[case[0] for case in FINDING_CASES])
def test_findings_fire(tmp_path: Path, rule_id: str, services: str) -> None:
    (tmp_path / "compose.yaml").write_text(f"services:\n  {services}\n")
    analysis = run_analysis(tmp_path / "compose.yaml")
    assert rule_id in {f.rule_id for f in analysis.findings}


# --- cron ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unix", "cloudflare"),
    [
        ("*/5 * * * *", "*/5 * * * *"),
        ("0 3 * * 0", "0 3 * * 1"),
        ("0 3 * * 7", "0 3 * * 1"),
        ("0 3 * * 1", "0 3 * * 2"),
        ("0 3 * * 1-5", "0 3 * * 2-6"),
        ("0 3 * * 5-7", "0 3 * * 1,6-7"),
        ("0 3 * * 0,6", "0 3 * * 1,7"),
        ("0 3 * * */2", "0 3 * * 1,3,5,7"),
        ("0 3 * * MON-FRI", "0 3 * * MON-FRI"),
        ("0 3 * * sun", "0 3 * * SUN"),
        ("@daily", "0 0 * * *"),
        ("@weekly", "0 0 * * 1"),
        ("@hourly", "0 * * * *"),
        ("0 30 2 * * 1", "30 2 * * 2"),
        ("@every 10m", "*/10 * * * *"),
        ("@every 2h", "0 */2 * * *"),
        ("@every 5s", "* * * * *"),
    ],
)
def test_cron_translation(unix: str, cloudflare: str) -> None:
    assert translate(unix)[0] == cloudflare


@pytest.mark.parametrize(
    "bad",
    [
        "* * *",
        "0 3 * * 8",
        "@every soon",
        "0 3 * * funday",
        "61 * * * *",
        "0 24 * * *",
        "0 3 0 * *",
        "0 3 * 13 *",
        "5-70 * * * *",
        "0 3 32 * *",
        "1" + "0" * 5000 + " * * * *",
    ],
)
def test_cron_errors(bad: str) -> None:
    with pytest.raises(CronError):
        translate(bad)


def test_a_reboot_line_is_no_schedule_and_says_why() -> None:
    service = Service(
        name="c",
        span=Span("compose.yaml", 1, 1),
        config_files=(("/etc/cron.d/app", "@reboot root curl -s http://web:8000/warmup\n@hourly root /bin/job\n"),),
    )
    found, problems = find_crons(service)
    assert [(c.original, c.command) for c in found] == [("@hourly", "/bin/job")]
    assert len(problems) == 1 and "@reboot" in problems[0].message and "once" in problems[0].message
    assert "five fields" not in problems[0].message


def test_supercronic_seconds_and_year_fields_stay_out_of_the_command() -> None:
    jobs = (
        "*/5 * * * * * * curl -fsS http://app:8080/health\n"  # seconds ... year
        "0 3 * * 0 * /bin/weekly\n"  # minutes ... year
        "0 0 1 1 * 2030 /bin/once\n"
    )
    service = Service(name="c", span=Span("compose.yaml", 1, 1), config_files=(("/etc/jobs.cron", jobs),))
    found, problems = find_crons(service)
    assert [(c.original, c.schedule, c.command) for c in found] == [
        ("*/5 * * * * * *", "* * * * *", "curl -fsS http://app:8080/health"),
        ("0 3 * * 0", "0 3 * * 1", "/bin/weekly"),
    ]
    assert "every second" in found[0].note or "seconds" in found[0].note
    assert len(problems) == 1 and "2030" in problems[0].message and "year" in problems[0].message


def test_a_system_crontab_line_with_six_time_fields_is_refused_not_run_as_its_user() -> None:
    jobs = "*/10 * * * * * root /bin/six\n0 4 * * * root /bin/five\n"
    service = Service(name="c", span=Span("compose.yaml", 1, 1), config_files=(("/etc/cron.d/app", jobs),))
    found, problems = find_crons(service)
    assert [(c.original, c.command) for c in found] == [("0 4 * * *", "/bin/five")]
    assert len(problems) == 1 and "six time fields" in problems[0].message and "/bin/six" not in problems[0].message


def test_crons_found_in_commands_labels_and_env() -> None:
    service = Service(
        name="c",
        span=Span("compose.yaml", 1, 1),
        command=(
            "sh",
            "-c",
            "printf '*/15 * * * * /bin/job\\n0 1 * * 0 /bin/weekly\\n' > /etc/crontabs/root && crond -f",
        ),
        environment=(),
    )
    found, problems = find_crons(service)
    assert [(c.original, c.schedule, c.command) for c in found] == [
        ("*/15 * * * *", "*/15 * * * *", "/bin/job"),
        ("0 1 * * 0", "0 1 * * 1", "/bin/weekly"),
    ]
    assert problems == []


def test_image_names_are_normalized() -> None:
    ref = parse_image("registry.example.com:5000/team/app:1.2@sha256:abc")
    assert ref is not None and (ref.registry, ref.repository, ref.name, ref.tag) == (
        "registry.example.com:5000",
        "team/app",
        "app",
        "1.2",
    )
    ref = parse_image("Postgres")
    assert ref is not None and (ref.registry, ref.repository, ref.short, ref.tag) == (
        "docker.io",
        "library/postgres",
        "postgres",
        "latest",
    )


def test_config_files_and_init_scripts_are_not_data(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n  db:\n    image: postgres\n    volumes:\n"
        "      - ./init.sql:/docker-entrypoint-initdb.d/init.sql\n      - ./pg.conf:/etc/postgresql/pg.conf\n      - ./data:/var/lib/postgresql/data\n"
    )
    analysis = run_analysis(tmp_path / "compose.yaml")
    messages = [f.message for f in analysis.findings if f.rule_id == "VOLUME-DATA"]
    assert len(messages) == 1 and "./data" not in messages[0] and "/var/lib/postgresql/data" in messages[0]


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("DB_PASSWORD", True),
        ("SMTP_PASS", True),
        ("API_KEY", True),
        ("BASIC_AUTH", True),
        ("JWT_SECRET", True),
        ("GOTRUE_JWT_AUD", False),
        ("AUTHENTIK_POSTGRESQL__HOST", False),
        ("KEYCLOAK_HOST", False),
        ("POSTGRES_PASSWORD_FILE", False),
        ("BASEROW_ACCESS_TOKEN_LIFETIME_MINUTES", False),
        ("BASEROW_WEBHOOKS_REQUEST_TIMEOUT_SECONDS", False),
        ("BASEROW_WEBHOOKS_MAX_CALL_LOG_ENTRIES", False),
        ("BASEROW_WEBHOOKS_IP_BLACKLIST", False),
        ("BASEROW_WEBHOOKS_ALLOW_PRIVATE_ADDRESS", False),
        ("BASEROW_MAX_WEBHOOK_CALLS_IN_QUEUE_PER_WEBHOOK", False),
        ("SESSION_SECRET_ROTATION_DAYS", False),
        ("SLACK_WEBHOOK", True),
        ("SENTRY_DSN", True),
        ("DATABASE_READ_1_PASSWORD", True),
        ("REFRESH_TOKEN", True),
    ],
)
def test_secret_names(name: str, secret: bool) -> None:
    from migrator.redact import is_secret_name

    assert is_secret_name(name) is secret


_glob_text = st.text(alphabet=st.sampled_from(list("abAB/.-*?[]!")), max_size=8)


@settings(max_examples=600)
@given(st.lists(_glob_text, min_size=1, max_size=3), st.text(alphabet=st.sampled_from(list("abAB/.-*?[]")), max_size=8))
def test_globs_match_as_fnmatch_does(patterns: list[str], value: str) -> None:
    from migrator.engine.facts import _glob

    expected = any(fnmatch.fnmatchcase(value.lower(), p.lower()) for p in patterns)
    assert _glob(value, patterns) == expected


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("aAsSpPwWdDkKeEyYtToOnN_.-1fFiIlLhHrR")), max_size=16))
def test_secret_names_read_alike_in_any_case(name: str) -> None:
    """The upper-case fast path decides as the case-insensitive patterns do."""
    import re as regex

    from migrator.redact import _NOT_SECRET_NAME, _SECRET_WORDS, is_secret_name

    assert _NOT_SECRET_NAME.flags & regex.IGNORECASE and _SECRET_WORDS.flags & regex.IGNORECASE
    if _NOT_SECRET_NAME.search(name):
        assert is_secret_name(name) is False
    elif _SECRET_WORDS.search(name):
        assert is_secret_name(name) is True
    assert is_secret_name(name) == is_secret_name(name.lower()) == is_secret_name(name.upper())


def test_weak_secrets_one_env_file_brings_in_are_one_finding_per_service(tmp_path: Path) -> None:
    (tmp_path / ".env.app").write_text("NEXTAUTH_SECRET=secret\nSMTP_PASSWORD=password\nLOG_LEVEL=info\n")
    (tmp_path / "compose.yaml").write_text(
        "services:\n  app:\n    image: acme/app:1\n    env_file: .env.app\n    environment:\n      DB_PASSWORD: app\n"
        "  studio:\n    image: acme/app:1\n    env_file: .env.app\n"
    )
    analysis = run_analysis(tmp_path / "compose.yaml")
    found = sorted((f.service, f.message.split(" hold")[0]) for f in analysis.findings if f.rule_id == "SECRET-DEFAULT")
    assert found == [
        ("app", "DB_PASSWORD"),
        ("app", "NEXTAUTH_SECRET, SMTP_PASSWORD"),
        ("studio", "NEXTAUTH_SECRET, SMTP_PASSWORD"),
    ]


def test_a_platform_tools_own_schedule_becomes_no_cron_trigger(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n  watchtower:\n    image: containrrr/watchtower\n"
        "    command: --schedule \"0 5 * * *\" --cleanup\n"
    )
    analysis = run_analysis(tmp_path / "compose.yaml")
    watchtower = analysis.assessment("watchtower")
    assert watchtower is not None and watchtower.target.kind == "platform" and watchtower.crons == ()
    assert not [f for f in analysis.findings if f.service == "watchtower" and f.rule_id.startswith("CRON-")]


@pytest.mark.parametrize(
    ("proxy", "warned"),
    [
        ("image: nginx:1.27\n    volumes: ['./nginx.conf:/etc/nginx/nginx.conf:ro']", "nginx.conf (at /etc/nginx/nginx.conf)"),
        ("image: nginx:1.27\n    volumes: ['./sites:/etc/nginx/conf.d']", "sites (at /etc/nginx/conf.d)"),
        ("image: caddy:2.8\n    volumes: ['./Caddyfile:/etc/caddy/Caddyfile']", "Caddyfile (at /etc/caddy/Caddyfile)"),
        ("image: haproxy:3.0\n    volumes: ['./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro']", "haproxy.cfg"),
        ("build: ./proxy\n    volumes: ['./proxy/app.caddyfile:/srv/app.caddyfile']", "app.caddyfile"),
        # Routes migrator reads: labels (caddy-docker-proxy) or the environment (nginx-proxy).
        ("image: lucaslorentz/caddy-docker-proxy:2.9\n    volumes: ['./Caddyfile:/etc/caddy/Caddyfile']", None),
        ("image: nginxproxy/nginx-proxy:1.6\n    volumes: ['./custom.conf:/etc/nginx/conf.d/custom.conf']", None),
        # A proxy without a configuration file of the project.
        ("image: nginx:1.27\n    volumes: ['logs:/var/log/nginx']", None),
    ],
)
def test_a_proxy_whose_routes_are_in_a_file_says_they_are_not_read(
    tmp_path: Path, proxy: str, warned: str | None
) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        f"  proxy:\n    {proxy}\n    ports: ['80:80', '443:443']\n    depends_on: [app]\n"
        "  app:\n    image: ghcr.io/example/app:1.0\n    expose: ['8080']\n"
        "volumes:\n  logs: {}\n"
    )
    analysis = run_analysis(tmp_path / "compose.yaml")
    assert {a.service: a.target.kind for a in analysis.assessments}["proxy"] == "platform"
    found = [f for f in analysis.findings if f.rule_id == "RT-UNREAD"]
    if warned is None:
        assert found == []
    else:
        assert [f.service for f in found] == ["proxy"] and found[0].severity == "warning"
        assert warned in found[0].message and "migrator does not read" in found[0].message
        assert found[0].span is not None and found[0].span.line == 4  # the volumes line


@pytest.mark.parametrize(
    ("mounts", "ports", "kind"),
    [
        # Caddy in front of an app, as Caddy's own example and n8n's docker-caddy have it: no depends_on.
        ("['./Caddyfile:/etc/caddy/Caddyfile', 'caddy_data:/data']", "['80:80', '443:443', '443:443/udp']", "platform"),
        # The same Caddy serving a site folder: a file server.
        ("['./Caddyfile:/etc/caddy/Caddyfile', './site:/srv']", "['80:80', '443:443']", "assets"),
        # Not published: an internal web server.
        ("['./Caddyfile:/etc/caddy/Caddyfile']", "[]", "assets"),
    ],
)
def test_a_web_server_on_80_and_443_with_a_route_file_is_the_front_proxy(
    tmp_path: Path, mounts: str, ports: str, kind: str
) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        f"  caddy:\n    image: caddy:2.8\n    ports: {ports}\n    volumes: {mounts}\n"
        "  app:\n    image: ghcr.io/miniflux/miniflux:2.2.3\n    environment: {DATABASE_URL: 'postgres://m@db/m'}\n"
        "  db:\n    image: postgres:16-alpine\n"
        "volumes:\n  caddy_data: {}\n"
    )
    analysis = run_analysis(tmp_path / "compose.yaml")
    assert {a.service: a.target.kind for a in analysis.assessments}["caddy"] == kind
    rules = {f.rule_id for f in analysis.findings if f.service == "caddy"}
    assert ("RT-UNREAD" in rules) == (kind == "platform")
    if kind == "platform":
        assert "PORT-NON-HTTP" not in rules  # 443/udp is HTTP/3, which Cloudflare's edge serves


def test_a_proxy_with_label_routes_elsewhere_in_the_project_is_not_warned(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  proxy:\n    image: nginx:1.27\n    volumes: ['./nginx.conf:/etc/nginx/nginx.conf:ro']\n"
        "    ports: ['80:80']\n"
        "  app:\n    image: ghcr.io/example/app:1.0\n    environment: {VIRTUAL_HOST: app.example.com, VIRTUAL_PORT: '8080'}\n"
    )
    analysis = run_analysis(tmp_path / "compose.yaml")
    assert analysis.routing.routes, "nginx-proxy's environment gives the app its route"
    assert not [f for f in analysis.findings if f.rule_id == "RT-UNREAD"]


CRONTAB = """# jobs of the stack
SHELL=/bin/sh
MAILTO=""
*/15 * * * * wget -qO- http://app:8080/tasks/refresh
0 3 * * 1-5 /usr/local/bin/backup.sh --all
@daily curl -fsS https://hc-ping.com/abc
"""


def _cron_project(tmp_path: Path, volumes: str) -> Path:
    (tmp_path / "crontab").write_text(CRONTAB)
    (tmp_path / "cleanup").write_text("0 4 * * * root /usr/bin/cleanup --old\n")
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  app:\n    image: ghcr.io/example/app:1.0\n    expose: ['8080']\n"
        f"  cron:\n    image: alpine:3.20\n    command: crond -f -l 2\n    volumes: {volumes}\n"
    )
    return tmp_path / "compose.yaml"


def test_a_mounted_crontab_gives_its_schedules_and_calls(tmp_path: Path) -> None:
    compose = _cron_project(tmp_path, "['./crontab:/etc/crontabs/root:ro', './cleanup:/etc/cron.d/cleanup:ro']")
    analysis = run_analysis(compose)
    cron = next(a for a in analysis.assessments if a.service == "cron")
    assert cron.target.kind == "cron"
    assert [(c.original, c.schedule, c.command) for c in cron.crons] == [
        ("*/15 * * * *", "*/15 * * * *", "wget -qO- http://app:8080/tasks/refresh"),
        ("0 3 * * 1-5", "0 3 * * 2-6", "/usr/local/bin/backup.sh --all"),
        ("@daily", "0 0 * * *", "curl -fsS https://hc-ping.com/abc"),
        ("0 4 * * *", "0 4 * * *", "/usr/bin/cleanup --old"),  # a system crontab names a user first
    ]
    assert [c.origin.line for c in cron.crons if c.origin] == [8, 8, 8, 8]  # the volumes line
    assert not [f for f in analysis.findings if f.rule_id == "CRON-UNKNOWN"]
    assert any(e.kind == "cron" and (e.source, e.target) == ("cron", "app") for e in analysis.edges)
    worker = next(w for w in analysis.plan.workers if w.services == ("cron",))
    assert [(b.type, b.service) for b in worker.bindings] == [("service", "app")]  # the call reaches app's Worker


@pytest.mark.parametrize(
    ("target", "line", "command"),
    [
        ("/etc/crontabs", "0 * * * * wget -qO- http://app:8080/cron", "wget -qO- http://app:8080/cron"),
        ("/etc/cron.d/", "0 * * * * root wget -qO- http://app:8080/cron", "wget -qO- http://app:8080/cron"),
    ],
)
def test_a_crontab_folder_mounted_from_the_project_is_read(tmp_path: Path, target: str, line: str, command: str) -> None:
    (tmp_path / "cron").mkdir()
    (tmp_path / "cron" / "root").write_text(line + "\n")
    (tmp_path / "cron" / ".placeholder").write_text("* * * * * not a job\n")
    compose = _cron_project(tmp_path, f"['./cron:{target}']")
    analysis = run_analysis(compose)
    cron = next(a for a in analysis.assessments if a.service == "cron")
    assert [(c.schedule, c.command) for c in cron.crons] == [("0 * * * *", command)]
    assert [c.origin.line for c in cron.crons if c.origin] == [8]  # the volumes line
    assert not [f for f in analysis.findings if f.rule_id == "CRON-UNKNOWN"]
    assert any(e.kind == "cron" and (e.source, e.target) == ("cron", "app") for e in analysis.edges)


def test_a_crontab_outside_the_project_is_not_read(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    compose = _cron_project(project, "['../crontab:/etc/crontabs/root:ro']")
    (tmp_path / "crontab").write_text(CRONTAB)
    analysis = run_analysis(compose)
    assert next(a for a in analysis.assessments if a.service == "cron").crons == ()
    assert [f.rule_id for f in analysis.findings if f.rule_id.startswith("CRON")] == ["CRON-UNKNOWN"]


def test_an_unreadable_crontab_line_points_at_the_crontab_mount(tmp_path: Path) -> None:
    (tmp_path / "crontab").write_text("61 * * * * /bin/job\n0 4 * * * /bin/ok\n")
    (tmp_path / "compose.yaml").write_text(
        "services:\n  cron:\n    image: alpine:3.20\n    command: crond -f\n"
        "    volumes:\n      - ./crontab:/etc/crontabs/root:ro\n"
    )
    analysis = run_analysis(tmp_path / "compose.yaml")
    (invalid,) = [f for f in analysis.findings if f.rule_id == "CRON-INVALID"]
    assert invalid.span is not None and invalid.span.line == 6  # the mount, not the service
    assert [c.schedule for c in next(a for a in analysis.assessments if a.service == "cron").crons] == ["0 4 * * *"]
