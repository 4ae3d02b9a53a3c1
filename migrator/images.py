"""Container image references as Cloudflare Containers take them.

Containers pull from Cloudflare's own registry, Docker Hub, private Amazon ECR and Google
Artifact Registry (https://developers.cloudflare.com/containers/platform-details/image-management/,
changelog 2026-07-01); an image anywhere else is pulled locally and pushed with
``wrangler containers push``.  wrangler wants a fully qualified reference with a tag.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from migrator.model import Service

DOCKER_HUB = frozenset({"docker.io", "index.docker.io", "registry-1.docker.io"})
_ECR = re.compile(r"^\d+\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com$")
_GAR = re.compile(r"^[a-z0-9-]+-docker\.pkg\.dev$")
_COMPONENT = re.compile(r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*")
_TAG = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")
# A registry host (with its port) and a digest as the distribution spec writes them: nothing else
# can stand in a reference, so nothing else reaches the shell commands and files made from one.
_REGISTRY = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*(?::[0-9]{1,5})?"
)
_DIGEST = re.compile(r"[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[A-Fa-f0-9]{32,128}")


class ContainerImage(NamedTuple):
    """What a ``containers[].image`` entry becomes for an image reference of a service."""

    reference: str  # fully qualified, with an explicit tag (and the digest when there was one)
    registry: str
    untagged: bool  # no tag was written: ``latest`` is now explicit
    pullable: bool  # Cloudflare pulls from this registry (Docker Hub, ECR, Artifact Registry, its own)
    valid: bool  # every part of the reference is well formed (an unset variable leaves holes)


def container_image(image: str) -> ContainerImage:
    text = image.strip()
    digest = ""
    if "@" in text:
        text, digest = text.split("@", 1)
    parts = text.split("/")
    registry = "docker.io"
    if len(parts) > 1 and ("." in parts[0] or ":" in parts[0] or parts[0] == "localhost"):
        registry, parts = parts[0], parts[1:]
    last = parts[-1]
    tag = ""
    if ":" in last:
        last, tag = last.split(":", 1)
        parts[-1] = last
    untagged = not tag and not digest  # a digest pins it already
    if registry in DOCKER_HUB:
        registry = "docker.io"
        if len(parts) == 1:
            parts = ["library", *parts]
    valid = (
        all(_COMPONENT.fullmatch(p) for p in parts)
        and (untagged or _TAG.fullmatch(tag) is not None)
        and _REGISTRY.fullmatch(registry) is not None
        and (not digest or _DIGEST.fullmatch(digest) is not None)
    )
    reference = f"{registry}/{'/'.join(parts)}:{tag or 'latest'}" + (f"@{digest}" if digest else "")
    pullable = (
        registry in DOCKER_HUB
        or registry == "registry.cloudflare.com"
        or bool(_ECR.match(registry) or _GAR.match(registry))
    )
    return ContainerImage(reference, registry, untagged, pullable, valid)


def pushed_name(image: ContainerImage) -> str:
    """The name to push under to Cloudflare's registry: the last path part and the tag."""
    name = image.reference.split("@", 1)[0].rsplit("/", 1)[-1]
    return name


def pulled_image(service: Service) -> str | None:
    """The image reference a Container of ``service`` runs, or None when it is built from its Dockerfile.

    A service with both ``image`` and ``build`` is built from the Dockerfile when that is in the
    project (code the user owns).  When the build context is remote, the image is what runs; when
    it is not in the project, the image is what ``docker compose up`` pulls, provided it names a
    repository (a namespace or a registry host): a bare name such as ``app_backend`` is only the
    tag Compose gives the build, and no registry holds it.
    """
    image, build = service.image, service.build
    if not image:
        return None
    if build is None:
        return image
    remote = "://" in build.context or build.context.startswith("git@")
    missing = build.context_dir is None or not build.base_images
    return image if remote or (missing and "/" in image.split("@", 1)[0]) else None
