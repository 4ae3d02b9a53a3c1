"""``migrator comment``: one comment of the bot per pull request, created once, then updated in place.

The comment is found by its marker (the first line of ``migrator diff --format markdown``) among
the comments written by the token's own user.  GitHub's Actions token cannot ask who it is
(``GET /user`` answers 403), and its comments are written by ``github-actions[bot]``, so that
is the author looked for then.  GitLab merge-request notes go through the same code: only the
URLs, the auth header and the field names differ.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from migrator.comment.http import ApiError, Client
from migrator.errors import MigratorError

MARKER = "<!-- migrator-diff -->"
ACTIONS_BOT = "github-actions[bot]"
GITHUB_LIMIT = 65_536


@dataclass(frozen=True)
class Platform:
    """Where comments live and how they are named on one forge."""

    name: str
    client: Client
    list_path: str
    create_path: str
    update_path: str  # with {id}
    update_method: str
    author_field: str  # the login's key in a comment's author object
    comment_author: str  # "user" on GitHub, "author" on GitLab
    fallback_login: str | None
    where: str  # "pull request 12 of owner/repo", for messages
    pull_path: str  # the pull (merge) request itself
    run_head: str | None  # the head commit this run analyzed, when known

    def current_head(self) -> str | None:
        """The pull request's head commit now, or None when it cannot be read."""
        try:
            resp = self.client.request("GET", self.pull_path)
        except ApiError as exc:
            if exc.status in (403, 404):
                return None
            raise
        body = resp.body if isinstance(resp.body, dict) else {}
        head = (body.get("head") or {}).get("sha") if self.name == "github" else body.get("sha")
        return head if isinstance(head, str) else None

    def stale(self) -> bool:
        """This run analyzed an older commit than the pull request's head: a newer run will post."""
        if not self.run_head:
            return False
        head = self.current_head()
        return head is not None and head != self.run_head

    def login(self) -> str | None:
        try:
            resp = self.client.request("GET", "/user")
        except ApiError as exc:
            if exc.status in (401, 403, 404) and self.fallback_login:
                return self.fallback_login
            raise
        body = resp.body if isinstance(resp.body, dict) else {}
        value = body.get(self.author_field)
        return str(value) if value else self.fallback_login


def _need(environ: Mapping[str, str], name: str, hint: str) -> str:
    value = environ.get(name, "").strip()
    if not value:
        raise MigratorError(f"{name} is not set", hint=hint)
    return value


def _event(environ: Mapping[str, str], number: int | None) -> dict[str, Any]:
    path = environ.get("GITHUB_EVENT_PATH")
    if not path:
        if number is not None:
            return {}
        raise MigratorError(
            "no pull request number: GITHUB_EVENT_PATH is not set",
            hint="run in a pull_request workflow, or pass --pr N",
        )
    try:
        with open(path, encoding="utf-8") as handle:
            event = json.load(handle)
    except (OSError, ValueError) as exc:
        if number is not None:
            return {}
        raise MigratorError(f"cannot read the event payload {path}: {exc}", hint="pass --pr N") from None
    return event if isinstance(event, dict) else {}


def _pr_number(event: dict[str, Any]) -> int:
    for candidate in (
        (event.get("pull_request") or {}).get("number"),
        (event.get("issue") or {}).get("number"),
        event.get("number"),
    ):
        if isinstance(candidate, int) and candidate > 0:
            return candidate
    raise MigratorError("the event payload names no pull request", hint="run on pull_request events, or pass --pr N")


def github(environ: Mapping[str, str], number: int | None) -> Platform:
    token = _need(environ, "GITHUB_TOKEN", "pass the token: env: GITHUB_TOKEN: ${{ github.token }}")
    repo = _need(environ, "GITHUB_REPOSITORY", "set GITHUB_REPOSITORY to owner/name")
    if repo.count("/") != 1:
        raise MigratorError(f"GITHUB_REPOSITORY {repo!r} is not owner/name", hint="set GITHUB_REPOSITORY to owner/name")
    event = _event(environ, number)
    number = number or _pr_number(event)
    head = ((event.get("pull_request") or {}).get("head") or {}).get("sha")
    client = Client(
        environ.get("GITHUB_API_URL") or "https://api.github.com",
        {
            "Authorization": f"Bearer {token}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
        },
        token,
        environ,
    )
    return Platform(
        name="github",
        client=client,
        list_path=f"/repos/{repo}/issues/{number}/comments?per_page=100",
        create_path=f"/repos/{repo}/issues/{number}/comments",
        update_path=f"/repos/{repo}/issues/comments/{{id}}",
        update_method="PATCH",
        author_field="login",
        comment_author="user",
        fallback_login=ACTIONS_BOT,
        where=f"pull request #{number} of {repo}",
        pull_path=f"/repos/{repo}/pulls/{number}",
        run_head=head if isinstance(head, str) else None,
    )


def gitlab(environ: Mapping[str, str], number: int | None) -> Platform:
    token = _need(environ, "GITLAB_TOKEN", "a project or personal access token with the api scope, as GITLAB_TOKEN")
    api = _need(environ, "CI_API_V4_URL", "run in GitLab CI, or set CI_API_V4_URL")
    project = _need(environ, "CI_PROJECT_ID", "run in GitLab CI, or set CI_PROJECT_ID")
    if number is None:
        iid = _need(environ, "CI_MERGE_REQUEST_IID", "run in a merge-request pipeline, or pass --pr N")
        if not iid.isdigit():
            raise MigratorError(f"CI_MERGE_REQUEST_IID {iid!r} is not a number", hint="pass --pr N")
        number = int(iid)
    base = f"/projects/{project}/merge_requests/{number}/notes"
    return Platform(
        name="gitlab",
        client=Client(api, {"PRIVATE-TOKEN": token}, token, environ),
        list_path=f"{base}?per_page=100&sort=asc",
        create_path=base,
        update_path=base + "/{id}",
        update_method="PUT",
        author_field="username",
        comment_author="author",
        fallback_login=None,
        where=f"merge request !{number} of project {project}",
        pull_path=f"/projects/{project}/merge_requests/{number}",
        run_head=environ.get("CI_COMMIT_SHA") or None,
    )


def _with_marker(body: str) -> str:
    body = body if body.startswith(MARKER) else f"{MARKER}\n{body}"
    if len(body) > GITHUB_LIMIT:
        note = "\n\n**Cut to fit a comment.**\n"
        body = body[: GITHUB_LIMIT - len(note)].rsplit("\n", 1)[0] + note
    return body


def _summary(environ: Mapping[str, str], body: str) -> bool:
    path = environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return False
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(body if body.endswith("\n") else body + "\n")
    except OSError:
        return False
    return True


def find(platform: Platform, login: str | None) -> list[dict[str, Any]]:
    """The bot's comments holding the marker, oldest first."""
    found = []
    for item in platform.client.pages(platform.list_path):
        if not isinstance(item, dict):
            continue
        text = item.get("body") or ""
        author = (item.get(platform.comment_author) or {}).get(platform.author_field)
        if MARKER in text.split("\n", 1)[0] and (login is None or author == login) and not item.get("system"):
            found.append(item)
    return found


def post(
    body: str,
    *,
    changed: bool,
    when: str,
    number: int | None,
    platform: str,
    environ: Mapping[str, str],
    summary: bool = True,
) -> str:
    """Create or update the one comment; say what was done.  Forks (a read-only token) get the job summary."""
    if platform == "auto":
        platform = "gitlab" if environ.get("CI_API_V4_URL") and not environ.get("GITHUB_ACTIONS") else "github"
    forge = gitlab(environ, number) if platform == "gitlab" else github(environ, number)
    body = _with_marker(body)
    try:
        if forge.stale():
            return f"{forge.where} has moved past {forge.run_head}: a newer run keeps the comment; nothing posted"
        login = forge.login()
        existing = find(forge, login)
        if not existing:
            if when == "changed" and not changed:
                return f"nothing changed and no earlier comment on {forge.where}: nothing posted"
            resp = forge.client.request("POST", forge.create_path, {"body": body})
            ident = resp.body.get("id") if isinstance(resp.body, dict) else None
            return f"created comment {ident} on {forge.where}"
        current = existing[0]
        if current.get("body") == body:
            return f"comment {current.get('id')} on {forge.where} is up to date"
        forge.client.request(forge.update_method, forge.update_path.format(id=current["id"]), {"body": body})
        return f"updated comment {current.get('id')} on {forge.where}"
    except ApiError as exc:
        if exc.status == 403 and forge.name == "github":
            wrote = _summary(environ, body) if summary else bool(environ.get("GITHUB_STEP_SUMMARY"))
            print(
                "::notice title=migrator::the token cannot comment on this pull request (a fork's read-only token?); "
                + ("the diff is in the job summary" if wrote else "GITHUB_STEP_SUMMARY is not set either"),
                flush=True,
            )
            return f"read-only token ({exc}); " + ("the diff is in the job summary" if wrote else "nothing written")
        raise MigratorError(
            f"{forge.name}: {exc}",
            hint={
                401: "the token was refused: check GITHUB_TOKEN (or GITLAB_TOKEN)",
                403: "the token may not write notes: give it the api scope",
                404: "check the repository and the pull request number, and that the token can see them",
            }.get(exc.status, "try again later; migrator retried rate limits and server errors already"),
        ) from None


__all__ = ["ACTIONS_BOT", "MARKER", "find", "github", "gitlab", "post"]
