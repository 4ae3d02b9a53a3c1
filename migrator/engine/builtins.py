"""Predicates and finding producers written in Python, registered by name for the catalogue."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping

from migrator import numbers
from migrator.engine.facts import Builtin, ImageRef, ServiceFacts
from migrator.images import ContainerImage, container_image, pulled_image, pushed_name
from migrator.model import Assessment, Span, Volume

# Ports of protocols a Worker cannot serve (inbound TCP or UDP that is not HTTP).
NON_HTTP_PORTS: dict[int, str] = {
    21: "FTP",
    22: "SSH",
    23: "Telnet",
    25: "SMTP",
    53: "DNS",
    110: "POP3",
    143: "IMAP",
    389: "LDAP",
    465: "SMTPS",
    587: "SMTP submission",
    636: "LDAPS",
    993: "IMAPS",
    995: "POP3S",
    1433: "SQL Server",
    1521: "Oracle",
    1883: "MQTT",
    2049: "NFS",
    3306: "MySQL",
    3389: "RDP",
    3478: "STUN/TURN",
    4222: "NATS",
    5060: "SIP",
    5222: "XMPP",
    5269: "XMPP server-to-server",
    5347: "XMPP component",
    5349: "TURN over TLS",
    5432: "PostgreSQL",
    5672: "AMQP",
    6379: "Redis",
    6881: "BitTorrent",
    7687: "Bolt (Neo4j)",
    8883: "MQTT over TLS",
    9042: "Cassandra",
    9092: "Kafka",
    11211: "Memcached",
    19132: "Minecraft Bedrock",
    25565: "Minecraft",
    27015: "Source game server",
    27017: "MongoDB",
    51820: "WireGuard",
}
DATA_ROLES = frozenset({"database", "cache", "session-store", "queue", "object-store", "search", "document-store"})
CONTAINER_MEMORY_LIMIT = 12 * 1024**3
CONTAINER_CPU_LIMIT = 4.0
_SKIP_MOUNTS = ("/var/run/docker.sock", "/run/docker.sock", "/etc/localtime", "/etc/timezone")


def _docker_socket(fact: ServiceFacts, facts: Mapping[str, ServiceFacts], roles: Mapping[str, str]) -> bool:
    return any(v.source is not None and v.source.endswith("docker.sock") for v in fact.service.volumes)


def _privileged(fact: ServiceFacts, facts: Mapping[str, ServiceFacts], roles: Mapping[str, str]) -> bool:
    return fact.service.privileged


def _cap_add(fact: ServiceFacts, facts: Mapping[str, ServiceFacts], roles: Mapping[str, str]) -> bool:
    return bool(fact.service.cap_add)


def _devices(fact: ServiceFacts, facts: Mapping[str, ServiceFacts], roles: Mapping[str, str]) -> bool:
    return bool(fact.service.devices)


def _host_network(fact: ServiceFacts, facts: Mapping[str, ServiceFacts], roles: Mapping[str, str]) -> bool:
    return fact.service.network_mode == "host"


def _host_pid(fact: ServiceFacts, facts: Mapping[str, ServiceFacts], roles: Mapping[str, str]) -> bool:
    return fact.service.pid == "host"


def _static_server(fact: ServiceFacts, facts: Mapping[str, ServiceFacts], roles: Mapping[str, str]) -> bool:
    """A web server that serves files and reaches no other service of the project."""
    if fact.uses:
        return False
    docroots = ("/usr/share/nginx/html*", "/usr/local/apache2/htdocs*", "/srv*", "/var/www*", "/usr/share/caddy*")
    import fnmatch

    mounts_docroot = any(any(fnmatch.fnmatchcase(v.target, d) for d in docroots) for v in fact.service.volumes)
    builds_site = fact.service.build is not None and (
        "index.html" in fact.service.build.files or "package.json" in fact.service.build.files
    )
    return mounts_docroot or builds_site


_DATA_WORDS = (
    "redis",
    "valkey",
    "postgres",
    "mysql",
    "mariadb",
    "memcache",
    "mongo",
    "rabbit",
    "kafka",
    "minio",
    "keydb",
)
_PROXY_WORDS = ("proxy", "caddy", "nginx", "traefik", "haproxy", "gateway", "ingress", "envoy")
_COMPANIONS = ("acme-companion", "letsencrypt-nginx-proxy-companion", "docker-gen")


def _apps_reached(fact: ServiceFacts, facts: Mapping[str, ServiceFacts]) -> list[str]:
    """The services it reaches that are not data stores (by name or image)."""
    out = []
    for name in fact.uses:
        other = facts.get(name)
        words = (name.lower(), other.image.repository if other and other.image else "")
        if not any(w in text for text in words for w in _DATA_WORDS):
            out.append(name)
    return out


def _publishes_web_ports(fact: ServiceFacts) -> bool:
    """Ports 80 or 443 are in ``ports`` (published, even when the host side is an unset variable)."""
    return any(p.target in (80, 443) for p in fact.service.ports)


def _proxy_companion(fact: ServiceFacts, facts: Mapping[str, ServiceFacts]) -> bool:
    """nginx-proxy's companions (acme-companion, docker-gen) point at the proxy they serve."""
    return any(
        (other := facts.get(name)) is not None
        and other.image is not None
        and any(c in other.image.repository for c in _COMPANIONS)
        for name in fact.used_by
    )


def _reverse_proxy(fact: ServiceFacts, facts: Mapping[str, ServiceFacts], roles: Mapping[str, str]) -> bool:
    """A web server in front of the project: it routes to several apps, or to one it is not paired
    with, or takes ports 80/443, or nginx-proxy drives it.  A web server paired with its one app
    (nginx serving Nextcloud's files and passing PHP to php-fpm) is part of that app instead."""
    if any(label.key.startswith("com.github.nginx-proxy") for label in fact.service.labels):
        return True
    if _proxy_companion(fact, facts):
        return True
    apps = _apps_reached(fact, facts)
    if not apps:
        return _routes_in_a_file(fact, facts)
    if len(apps) != 1:
        return True
    app = facts.get(apps[0])
    if _fastcgi(app):
        return False  # Cloudflare's proxy speaks HTTP, not FastCGI: the web server stays with php-fpm
    return _publishes_web_ports(fact) or not _paired(fact, app)


_CONTENT_DIRS = ("/srv", "/var/www", "/usr/share/nginx/html", "/usr/share/caddy", "/usr/local/apache2/htdocs")


def _routes_in_a_file(fact: ServiceFacts, facts: Mapping[str, ServiceFacts]) -> bool:
    """A web server on ports 80/443 that reaches no service by Compose (its Caddyfile or nginx
    configuration names them), serves no folder of files, and has apps beside it: their front proxy."""
    if not _publishes_web_ports(fact):
        return False
    mounts = [v for v in fact.service.volumes if v.type == "bind" and v.source]
    if not any(_route_file(v) for v in mounts):
        return False
    if any(v.target.rstrip("/").startswith(_CONTENT_DIRS) for v in fact.service.volumes):
        return False
    return any(
        name != fact.service.name
        and not any(w in text for text in (name.lower(), other.image.repository if other.image else "") for w in _DATA_WORDS)
        for name, other in facts.items()
    )


def _fastcgi(app: ServiceFacts | None) -> bool:
    """php-fpm: it answers FastCGI, which only a web server beside it can pass requests to."""
    if app is None:
        return False
    return "fpm" in app.service.name.lower() or (app.image is not None and "fpm" in app.image.tag)


def _paired(fact: ServiceFacts, app: ServiceFacts | None) -> bool:
    """A web server paired with its app: it serves the app's files (a volume or host path they
    share) or passes PHP to php-fpm."""
    if app is None:
        return False
    if _fastcgi(app):
        return True
    mine = {v.source for v in fact.service.volumes if v.source}
    return any(v.source in mine for v in app.service.volumes if v.source)


def _front_proxy(fact: ServiceFacts, facts: Mapping[str, ServiceFacts], roles: Mapping[str, str]) -> bool:
    """An image of any name built on a proxy (a Caddy- or nginx-based vendor image, nginx-proxy
    built locally) that sits in front of the project's apps."""
    words = [fact.service.name.lower()]
    if fact.image is not None:
        words.append(fact.image.repository)
    if fact.service.build is not None:
        words += [b.lower() for b in fact.service.build.base_images]
    if not any(w in text for text in words for w in _PROXY_WORDS):
        return False
    if _proxy_companion(fact, facts):
        return True
    apps = _apps_reached(fact, facts)
    if len(apps) == 1 and _fastcgi(facts.get(apps[0])):
        return False  # the web tier of one php-fpm app, even on port 80
    return _publishes_web_ports(fact) and bool(apps)


def _completed_by_dependents(fact: ServiceFacts, facts: Mapping[str, ServiceFacts], roles: Mapping[str, str]) -> bool:
    """Another service waits for it to exit successfully: it is a one-shot job."""
    name = fact.service.name
    for user in fact.used_by:
        other = facts.get(user)
        if other is not None and any(
            d.service == name and d.condition == "service_completed_successfully" for d in other.service.depends_on
        ):
            return True
    return False


def _reaches_services(fact: ServiceFacts, facts: Mapping[str, ServiceFacts], roles: Mapping[str, str]) -> bool:
    return bool(fact.uses)


def _third_party_image(fact: ServiceFacts, facts: Mapping[str, ServiceFacts], roles: Mapping[str, str]) -> bool:
    from migrator.engine.capability import third_party

    return third_party(fact)


def _restart_no(fact: ServiceFacts, facts: Mapping[str, ServiceFacts], roles: Mapping[str, str]) -> bool:
    """Its restart policy says, in so many words, that it runs once."""
    return fact.service.restart == "no"


def _no_listener(fact: ServiceFacts, facts: Mapping[str, ServiceFacts], roles: Mapping[str, str]) -> bool:
    """It publishes and exposes no port and has no route."""
    return not (fact.service.ports or fact.service.expose or fact.has_route)


def _never(fact: ServiceFacts, facts: Mapping[str, ServiceFacts], roles: Mapping[str, str]) -> bool:
    return False


def _document_store(fact: ServiceFacts, facts: Mapping[str, ServiceFacts], roles: Mapping[str, str]) -> bool:
    return roles.get(fact.service.name) == "document-store"


PREDICATES: dict[str, Builtin] = {
    "never": _never,
    "document-store": _document_store,
    "docker-socket": _docker_socket,
    "privileged": _privileged,
    "cap-add": _cap_add,
    "devices": _devices,
    "host-network": _host_network,
    "host-pid": _host_pid,
    "static-server": _static_server,
    "reverse-proxy": _reverse_proxy,
    "front-proxy": _front_proxy,
    "completed-by-dependents": _completed_by_dependents,
    "no-listener": _no_listener,
    "restart-no": _restart_no,
    "reaches-services": _reaches_services,
    "third-party-image": _third_party_image,
}

Produced = Iterator[tuple[str, Span | None]]
Producer = Callable[[ServiceFacts, Assessment, Mapping[str, ServiceFacts]], Produced]


def _volumes(fact: ServiceFacts, assessment: Assessment, facts: Mapping[str, ServiceFacts]) -> Produced:
    kind = assessment.target.kind
    if kind == "platform":
        return
    for volume in fact.service.volumes:
        if (
            volume.type not in ("volume", "bind")
            or (volume.source or "").endswith(_SKIP_MOUNTS)
            or volume.target in _SKIP_MOUNTS
        ):
            continue
        if volume.type == "bind" and (volume.read_only or _is_config_mount(volume.source or "", volume.target)):
            continue  # configuration and init scripts: they ship with the code or become vars
        what = (
            f"named volume '{volume.source}'"
            if volume.type == "volume" and volume.source
            else "an anonymous volume"
            if volume.type == "volume"
            else f"the host directory {volume.source}"
        )
        where = f"{what} at {volume.target}"
        if kind in ("hyperdrive",):
            yield (
                f"{where} holds the database's data: it stays with the database, which Hyperdrive reaches (or is exported to D1 if you rewrite to SQLite)",
                volume.span,
            )
        elif kind == "d1":
            yield (
                f"{where} holds the database's data: export it and import it into D1 (wrangler d1 execute --file)",
                volume.span,
            )
        elif kind == "r2":
            yield f"{where} holds objects: copy them to R2 (rclone, or Super Slurper)", volume.span
        elif kind in ("kv", "durable-object"):
            yield (
                f"{where} holds cached or session state: it is not migrated; KV and Durable Objects start empty",
                volume.span,
            )
        elif kind == "queue":
            yield f"{where} holds queued messages: drain the broker before the switch; Queues start empty", volume.span
        elif kind in ("worker", "assets", "cron", "workflow"):
            yield (
                f"{where}: Workers have no persistent disk; keep files in R2, rows in D1, small config in KV",
                volume.span,
            )
        elif kind == "container":
            yield (
                f"{where}: a Container's disk is ephemeral; move the data to R2 or D1 (or a database behind Hyperdrive)",
                volume.span,
            )
        elif assessment.target.rule_id.endswith("-KEPT"):
            yield (
                f"{where} holds its data: it stays with the server you keep (or moves to its managed service)",
                volume.span,
            )
        else:
            yield f"{where} stays with the service, which has no home on Cloudflare", volume.span


_CONFIG_SUFFIXES = frozenset(
    {
        ".conf",
        ".cfg",
        ".ini",
        ".toml",
        ".yml",
        ".yaml",
        ".json",
        ".xml",
        ".sql",
        ".sh",
        ".js",
        ".ts",
        ".py",
        ".rb",
        ".php",
        ".env",
        ".properties",
        ".lua",
        ".crt",
        ".pem",
        ".key",
        ".html",
        ".txt",
        ".caddyfile",
    }
)


def _is_config_mount(source: str, target: str) -> bool:
    """A single configuration file, or init scripts, bind-mounted from the project."""
    if target.startswith(("/docker-entrypoint-initdb.d", "/etc/")):
        return True
    name = source.rstrip("/").rsplit("/", 1)[-1].lower()
    return any(name.endswith(suffix) for suffix in _CONFIG_SUFFIXES) or name in ("caddyfile", "dockerfile", "crontab")


def _plain_secrets(fact: ServiceFacts, assessment: Assessment, facts: Mapping[str, ServiceFacts]) -> Produced:
    """One finding per service, listing its variables that hold a secret written in the project
    (weak or default ones have SECRET-DEFAULT instead)."""
    found = [var for var in fact.service.environment if var.secret and var.value and not var.weak]
    if not found:
        return
    names = ", ".join(var.name for var in found)
    spans = sorted(var.span for var in found if var.span is not None)
    first = spans[0] if spans else None
    several = len(found) > 1
    subject = f"{names} hold secret values" if several else f"{names} holds a secret value"
    if assessment.target.kind in ("worker", "container", "cron", "assets", "workflow"):
        where = (
            "they become Worker secrets, never plain vars"
            if several
            else "it becomes a Worker secret, never a plain var"
        )
        yield f"{subject} in the project (the Compose file or its env files); {where}", first
    else:
        yield (
            f"{subject} in the project (the Compose file or its env files); keep {'them' if several else 'it'} in a secret store, not in the file",
            first,
        )


def _default_secrets(fact: ServiceFacts, assessment: Assessment, facts: Mapping[str, ServiceFacts]) -> Produced:
    """A secret whose value is weak or a default: named where it is set, never with its value.
    The variables one line brings in (an ``env_file``) are one finding."""
    by_span: dict[Span | None, list[str]] = {}
    for var in fact.service.environment:
        if var.secret and var.weak:
            by_span.setdefault(var.span, []).append(var.name)
    for span, names in sorted(by_span.items(), key=lambda item: (item[0] is None, item[0] or (), item[1])):
        subject = (
            f"{', '.join(names)} hold weak or default secrets"
            if len(names) > 1
            else f"{names[0]} holds a weak or default secret"
        )
        yield f"{subject} (a common word, a name used in the project, digits only, short or low in entropy)", span


def _non_http(fact: ServiceFacts, assessment: Assessment, facts: Mapping[str, ServiceFacts]) -> Produced:
    if assessment.role in ("proxy", "media"):
        return  # proxies: judged router by router (RT011, RT012, RT013); media servers: PORT-MEDIA
    for port in fact.service.ports:
        if port.published is None:
            continue
        if port.protocol == "udp":
            name = NON_HTTP_PORTS.get(port.target, "a UDP service")
            yield (
                f"port {port.published}/udp ({name}) is published to the world; Workers serve only HTTP(S) and WebSockets",
                port.span,
            )
        elif port.target in NON_HTTP_PORTS and assessment.role not in DATA_ROLES:
            yield (
                f"port {port.published} ({NON_HTTP_PORTS[port.target]}) is published to the world; Workers serve only HTTP(S) and WebSockets",
                port.span,
            )


def _published_data(fact: ServiceFacts, assessment: Assessment, facts: Mapping[str, ServiceFacts]) -> Produced:
    if assessment.role not in DATA_ROLES:
        return
    for port in fact.service.ports:
        if port.published is not None and port.protocol == "tcp" and port.target in NON_HTTP_PORTS:
            yield (
                f"port {port.published} ({NON_HTTP_PORTS[port.target]}) is published on the host; on Cloudflare nothing listens there, so reach it through a Cloudflare Tunnel or keep it private",
                port.span,
            )


def _resources(fact: ServiceFacts, assessment: Assessment, facts: Mapping[str, ServiceFacts]) -> Produced:
    res = fact.service.resources
    if assessment.target.kind not in ("container", "worker"):
        return
    if res.memory_bytes is not None and res.memory_bytes > CONTAINER_MEMORY_LIMIT:
        yield f"it asks for {res.memory_bytes // 1024**2} MiB of memory; the largest Container has 12 GiB", None
    if res.cpus is not None and res.cpus > CONTAINER_CPU_LIMIT:
        yield f"it asks for {res.cpus:g} CPUs; the largest Container has 4 vCPU", None


def _arm(fact: ServiceFacts, assessment: Assessment, facts: Mapping[str, ServiceFacts]) -> Produced:
    platforms = [fact.service.platform or ""]
    if fact.service.build is not None:
        platforms += list(fact.service.build.platforms)
    named = [p for p in platforms if p]
    if named and all("arm" in p for p in named) and assessment.target.kind == "container":
        yield f"it is built for {', '.join(named)} only; Cloudflare Containers run linux/amd64 images", None


def _container(fact: ServiceFacts, assessment: Assessment, facts: Mapping[str, ServiceFacts]) -> Produced:
    if assessment.target.kind == "container":
        yield (
            "it runs as a Cloudflare Container (Workers Paid): a linux/amd64 image, an ephemeral disk, started on demand by its Worker",
            None,
        )


def _unknown(fact: ServiceFacts, assessment: Assessment, facts: Mapping[str, ServiceFacts]) -> Produced:
    if assessment.target.rule_id == "MAP-UNKNOWN":
        image = fact.service.image or "its build"
        yield (
            f"migrator does not know {image}; the target '{assessment.target.kind}' is a low-confidence guess from its ports, command and build context",
            None,
        )


_HTTP_PORTS = frozenset({80, 443, 8080, 8443, 8000, 8888, 3000, 5280, 5281})


def _media_ports(fact: ServiceFacts, assessment: Assessment, facts: Mapping[str, ServiceFacts]) -> Produced:
    """Every port of a media or XMPP server that is not HTTP, published or only exposed."""
    if assessment.role != "media" or assessment.target.kind != "container":
        return
    seen: set[tuple[int, str]] = set()
    listed = [(p.target, p.protocol, p.span) for p in fact.service.ports]
    for item in fact.service.expose:
        number, _, protocol = item.partition("/")
        if number.isdigit():
            listed.append((int(number), protocol or "tcp", None))
    for port, protocol, span in listed:
        if (port, protocol) in seen or (protocol != "udp" and port in _HTTP_PORTS):
            continue
        seen.add((port, protocol))
        name = NON_HTTP_PORTS.get(port, "media" if protocol == "udp" else "a non-HTTP protocol")
        yield (
            f"port {port}/{protocol} ({name}): a Container is reached only over HTTP through its Worker, and its outbound handlers carry HTTP only",
            span,
        )


def _container_image(fact: ServiceFacts, assessment: Assessment) -> tuple[str, ContainerImage] | None:
    """The image a Container Worker pulls (not one built from a Dockerfile)."""
    image = pulled_image(fact.service)
    if assessment.target.kind != "container" or image is None:
        return None
    return image, container_image(image)


def _image_invalid(fact: ServiceFacts, assessment: Assessment, facts: Mapping[str, ServiceFacts]) -> Produced:
    if assessment.target.kind == "container" and fact.service.build is None and not fact.service.image:
        yield "it has neither an image nor a build: say which image it runs", None
    found = _container_image(fact, assessment)
    if found is not None and not found[1].valid:
        written, image = found
        yield (
            f"the image reference '{written}' is incomplete (an unset variable?): the config uses '{image.reference}'; set the variable in .env or write the image",
            None,
        )


def _image_unpinned(fact: ServiceFacts, assessment: Assessment, facts: Mapping[str, ServiceFacts]) -> Produced:
    found = _container_image(fact, assessment)
    if found is not None and found[1].untagged:
        written, image = found
        yield (
            f"the image '{written}' has no tag: the config says '{image.reference}', since wrangler needs one; pin a release (a version tag or a digest) so that a deploy does not pick up a new one",
            None,
        )
    elif found is not None and found[1].reference.endswith(":latest"):
        yield (
            f"the image '{found[0]}' is tagged latest, which moves: pin a release (a version tag or a digest) so that a deploy does not pick up a new one",
            None,
        )


def _image_registry(fact: ServiceFacts, assessment: Assessment, facts: Mapping[str, ServiceFacts]) -> Produced:
    found = _container_image(fact, assessment)
    if found is not None and not found[1].pullable:
        image = found[1]
        name = pushed_name(image)
        if not image.valid:  # IMAGE-INVALID says what is wrong; its text never goes into a command
            yield (
                f"Cloudflare pulls Container images from Docker Hub, Amazon ECR, Google Artifact Registry and its own registry, not from {image.registry}: "
                "pull the image, push it with `npx wrangler containers push`, then set the image to registry.cloudflare.com/<ACCOUNT_ID>/NAME:TAG",
                None,
            )
            return
        yield (
            f"Cloudflare pulls Container images from Docker Hub, Amazon ECR, Google Artifact Registry and its own registry, not from {image.registry}: "
            f"`wrangler deploy` builds container/Dockerfile (FROM {image.reference}) with your local Docker and pushes it to Cloudflare's registry; "
            f"to deploy without Docker, push it once (`docker pull --platform linux/amd64 {image.reference} && docker tag {image.reference} {name} && npx wrangler containers push {name}`) "
            f"and set the image to registry.cloudflare.com/<ACCOUNT_ID>/{name}",
            None,
        )


def _build_missing(fact: ServiceFacts, assessment: Assessment, facts: Mapping[str, ServiceFacts]) -> Produced:
    build = fact.service.build
    if build is None or assessment.target.kind != "container" or pulled_image(fact.service) is not None:
        return
    if build.context_dir is None or not build.base_images:
        where = f"{build.context}/{build.dockerfile}" if build.context not in ("", ".") else build.dockerfile
        yield (
            f"its image is built from {where}, which is not in the project: the config points at that path; add the build context (or an image on a registry) before `wrangler deploy`",
            None,
        )


def _fastcgi_split(fact: ServiceFacts, assessment: Assessment, facts: Mapping[str, ServiceFacts]) -> Produced:
    """A web server and the php-fpm it passes PHP to, planned as two Containers."""
    if assessment.target.kind != "container":
        return
    apps = _apps_reached(fact, facts)
    if len(apps) == 1 and _fastcgi(facts.get(apps[0])) and apps[0] != fact.service.name:
        yield (
            f"it passes PHP to {apps[0]} over FastCGI, but a Container reaches another only through its Worker, "
            f"over HTTP: run both in one image (the web server and php-fpm), or use an image of {apps[0]} "
            "that serves HTTP itself (an Apache variant)",
            None,
        )


# Where a proxy that takes its routes from a file of its own keeps them, by image family.
_ROUTE_FILES = (
    ("caddy", ("/etc/caddy",), ("caddyfile",), (".caddyfile",)),
    ("nginx", ("/etc/nginx",), ("nginx.conf",), ()),
    ("haproxy", ("/usr/local/etc/haproxy", "/etc/haproxy"), ("haproxy.cfg",), ()),
)
# Proxies whose routes come from labels or environment, which migrator reads.
_LABEL_DRIVEN = ("caddy-docker-proxy", "nginx-proxy", "docker-gen", "traefik")


def _route_file(volume: Volume) -> bool:
    target = volume.target.rstrip("/").lower()
    name = (volume.source or target).rstrip("/").rsplit("/", 1)[-1].lower()
    for _family, folders, names, suffixes in _ROUTE_FILES:
        if any(target == folder or target.startswith(folder + "/") for folder in folders):
            return True
        if name in names or name.endswith(suffixes):
            return True
    return False


def _unread_routes(fact: ServiceFacts, assessment: Assessment, facts: Mapping[str, ServiceFacts]) -> Produced:
    """A front proxy whose routes live in a configuration file mounted from the project: migrator
    reads labels and environment, not Caddyfiles or nginx configurations, so none of those routes
    reaches the plan."""
    if assessment.role != "proxy" or assessment.target.kind != "platform":
        return
    if fact.image is not None and any(word in fact.image.repository for word in _LABEL_DRIVEN):
        return
    if any(other.has_route for other in facts.values()):
        return  # routes come from labels or environment (nginx-proxy's docker-gen, say): files are helpers
    mounted = [v for v in fact.service.volumes if v.type == "bind" and v.source and _route_file(v)]
    if not mounted:
        return
    first = mounted[0]
    files = ", ".join(f"{v.source} (at {v.target})" for v in mounted[:3]) + (", ..." if len(mounted) > 3 else "")
    yield (
        f"its routes are in {files}, which migrator does not read: no Worker route, custom domain or router "
        f"entry comes from {'them' if len(mounted) > 1 else 'it'}",
        first.span,
    )


PRODUCERS: dict[str, Producer] = {
    "media-ports": _media_ports,
    "image-invalid": _image_invalid,
    "image-unpinned": _image_unpinned,
    "image-registry": _image_registry,
    "build-missing": _build_missing,
    "fastcgi-split": _fastcgi_split,
    "unread-routes": _unread_routes,
    "persistent-volumes": _volumes,
    "plain-secrets": _plain_secrets,
    "default-secrets": _default_secrets,
    "non-http-published": _non_http,
    "published-data-port": _published_data,
    "container-resources": _resources,
    "arm64-only": _arm,
    "container-runtime": _container,
    "unknown-image": _unknown,
}

_RUNTIME_IMAGES = {
    "node": "node",
    "bun": "node",
    "deno": "node",
    "python": "python",
    "pypy": "python",
    "golang": "go",
    "go": "go",
    "openjdk": "java",
    "eclipse-temurin": "java",
    "amazoncorretto": "java",
    "maven": "java",
    "gradle": "java",
    "tomcat": "java",
    "php": "php",
    "ruby": "ruby",
    "rust": "rust",
    "dotnet/aspnet": "dotnet",
    "dotnet/sdk": "dotnet",
    "elixir": "elixir",
}
_RUNTIME_FILES = {
    "package.json": "node",
    "deno.json": "node",
    "requirements.txt": "python",
    "pyproject.toml": "python",
    "Pipfile": "python",
    "manage.py": "python",
    "go.mod": "go",
    "pom.xml": "java",
    "build.gradle": "java",
    "build.gradle.kts": "java",
    "Gemfile": "ruby",
    "composer.json": "php",
    "Cargo.toml": "rust",
    "mix.exs": "elixir",
}


@functools.lru_cache(maxsize=4096)
def _image_runtime(ref: ImageRef) -> str | None:
    """Projects repeat a few images many times: each is looked up once."""
    short = ref.short
    for key, runtime in _RUNTIME_IMAGES.items():
        if short == key or short.endswith("/" + key) or ref.name == key:
            return runtime
    return None


def runtime_of(fact: ServiceFacts) -> str | None:
    images = []
    if fact.image is not None:
        images.append(fact.image)
    build = fact.service.build
    if build is not None:
        from migrator.engine.facts import parse_image

        images += [ref for ref in (parse_image(b) for b in build.base_images) if ref is not None]
    for ref in reversed(images):
        runtime = _image_runtime(ref)
        if runtime is not None:
            return runtime
    if build is not None:
        for name in build.files:
            if name in _RUNTIME_FILES:
                return _RUNTIME_FILES[name]
            if name.endswith((".csproj", ".fsproj")):
                return "dotnet"
    return None


def guess(fact: ServiceFacts) -> tuple[str, str, str]:
    """A low-confidence target for a service no rule knows, from what it shows."""
    svc = fact.service
    ports = sorted({p.target for p in svc.ports} | numbers.exposed_ports(svc.expose))
    callers = sorted(set(fact.http_callers))
    if fact.has_route or callers or any(p in (80, 443, 3000, 5000, 8000, 8080, 8443, 9000) for p in ports):
        if fact.has_route:
            how = "routed"
        elif callers:
            more = f" and {len(callers) - 3} more" if len(callers) > 3 else ""
            how = f"other services call it by an http:// URL: {', '.join(callers[:3])}{more}"
        else:
            how = ("port " if len(ports) == 1 else "ports ") + ", ".join(map(str, ports))
        return "container", "web", f"It serves HTTP ({how}), so it can run unchanged as a Container."
    if ports:
        return (
            "container",
            "service",
            f"It listens on {'port' if len(ports) == 1 else 'ports'} {', '.join(map(str, ports))}, so it can run unchanged as a Container if {'it is' if len(ports) == 1 else 'those are'} HTTP.",
        )
    return (
        "container",
        "worker-process",
        "It publishes no port and has no route: a background process, which can run as a Container (or be rewritten as a Queue consumer or Cron Trigger).",
    )
