"""Generate a realistic N-service Compose project: Traefik in front, web apps with routes and
env URLs, Postgres and MySQL databases, Redis caches, RabbitMQ brokers and their consumers,
MinIO, cron jobs.  Deterministic for a given N.

    python bench/generate.py 1000 /tmp/bench-1000
"""

from __future__ import annotations

import sys
from pathlib import Path

KINDS = ("web", "api", "db", "cache", "broker", "consumer", "storage", "cron", "mysql", "static")


def service(i: int) -> str:
    kind = KINDS[i % len(KINDS)]
    group = i // len(KINDS)
    name = f"{kind}{group}"
    if kind == "web":
        return f"""  {name}:
    image: node:22-alpine
    command: ["node", "server.js"]
    environment:
      API_URL: http://api{group}:8080
      PUBLIC_NAME: shop {group}
    labels:
      traefik.enable: "true"
      traefik.http.routers.{name}.rule: Host(`{name}.example.com`) || Host(`www.{name}.example.com`)
      traefik.http.routers.{name}.entrypoints: websecure
      traefik.http.routers.{name}.tls.certresolver: le
      traefik.http.services.{name}.loadbalancer.server.port: "3000"
    depends_on: [api{group}]
"""
    if kind == "api":
        return f"""  {name}:
    image: python:3.12-slim
    command: uvicorn app:app --host 0.0.0.0 --port 8080
    environment:
      DATABASE_URL: postgres://app:${{DB_PASSWORD:-secret{group}}}@db{group}:5432/app
      REDIS_URL: redis://cache{group}:6379/0
      AMQP_URL: amqp://guest:guest@broker{group}:5672
      S3_ENDPOINT: http://storage{group}:9000
      MYSQL_HOST: mysql{group}
      LOG_LEVEL: info
    labels:
      traefik.enable: "true"
      traefik.http.routers.{name}.rule: Host(`web{group}.example.com`) && PathPrefix(`/api`)
      traefik.http.routers.{name}.middlewares: {name}-strip
      traefik.http.middlewares.{name}-strip.stripprefix.prefixes: /api
    depends_on:
      db{group}: {{condition: service_healthy}}
      cache{group}: {{condition: service_started}}
"""
    if kind == "db":
        return f"""  {name}:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: ${{DB_PASSWORD:-secret{group}}}
    volumes: ["pg{group}:/var/lib/postgresql/data"]
    healthcheck:
      test: ["CMD-SHELL", "pg_isready"]
      interval: 5s
"""
    if kind == "cache":
        return f"""  {name}:
    image: redis:7-alpine
    command: redis-server --appendonly yes
"""
    if kind == "broker":
        return f"""  {name}:
    image: rabbitmq:3.13-management
    ports: ["{10000 + group}:15672"]
"""
    if kind == "consumer":
        return f"""  {name}:
    image: python:3.12-slim
    command: celery -A tasks worker --loglevel=info
    environment:
      CELERY_BROKER_URL: amqp://guest:guest@broker{group}:5672
      DATABASE_URL: postgres://app:${{DB_PASSWORD:-secret{group}}}@db{group}:5432/app
"""
    if kind == "storage":
        return f"""  {name}:
    image: minio/minio:latest
    command: server /data
    volumes: ["minio{group}:/data"]
"""
    if kind == "cron":
        return f"""  {name}:
    image: alpine:3.20
    command: ["sh", "-c", "echo '*/5 * * * 1-5 wget -qO- http://api{group}:8080/tick' | crontab - && crond -f"]
"""
    if kind == "mysql":
        return f"""  {name}:
    image: mysql:8
    environment:
      MYSQL_ROOT_PASSWORD: ${{MYSQL_PASSWORD:-root{group}}}
"""
    return f"""  {name}:
    image: nginx:1.27-alpine
    volumes: ["./site{group}:/usr/share/nginx/html:ro"]
    labels:
      traefik.enable: "true"
      traefik.http.routers.{name}.rule: Host(`static{group}.example.com`)
"""


def generate(count: int) -> str:
    parts = [
        "name: bench\n",
        "services:\n",
        """  traefik:
    image: traefik:v3.1
    command: [--providers.docker.exposedbydefault=false, --entrypoints.websecure.address=:443]
    ports: ["443:443"]
    volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"]
""",
    ]
    parts += [service(i) for i in range(count - 1)]
    groups = (count + len(KINDS) - 1) // len(KINDS)
    parts.append("volumes:\n")
    for group in range(groups):
        parts.append(f"  pg{group}: {{}}\n  minio{group}: {{}}\n")
    return "".join(parts)


def main() -> None:
    count = int(sys.argv[1])
    target = Path(sys.argv[2])
    target.mkdir(parents=True, exist_ok=True)
    (target / "compose.yaml").write_text(generate(count))
    print(target / "compose.yaml")


if __name__ == "__main__":
    main()
