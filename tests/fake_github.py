"""A local stand-in for the GitHub (and GitLab) REST endpoints ``migrator comment`` uses.

It keeps comments in memory, pages lists with ``Link`` headers, checks the token, and answers
with injected errors (a fork's 403, rate limits, server errors) when told to.  It listens on
127.0.0.1 in a thread; no network.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TOKEN = "ghs_TESTtoken0123456789SECRET"


class FakeForge:
    def __init__(self, *, login: str | None = "migrator-bot", page_size: int = 100) -> None:
        self.login = login  # None: GET /user answers 403, as for the Actions token
        self.page_size = page_size
        self.comments: dict[int, list[dict[str, Any]]] = {}
        self.next_id = 1000
        self.requests: list[tuple[str, str]] = []
        self.bodies: list[Any] = []
        self.errors: list[tuple[str, str, int, dict[str, str]]] = []  # (method, path regex, status, headers)
        self.forbid_writes = False
        self.heads: dict[int, str] = {}  # a pull request's current head commit (unset: 404)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> FakeForge:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()

    def fail(self, method: str, path: str, status: int, times: int = 1, **headers: str) -> None:
        for _ in range(times):
            self.errors.append((method, path, status, headers))

    def add(self, number: int, body: str, login: str) -> dict[str, Any]:
        self.next_id += 1
        comment = {"id": self.next_id, "body": body, "user": {"login": login}, "author": {"username": login}}
        self.comments.setdefault(number, []).append(comment)
        return comment

    def count(self, method: str, pattern: str) -> int:
        return sum(1 for m, p in self.requests if m == method and re.search(pattern, p))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        forge = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(raw)

            def _handle(self, method: str) -> None:
                url = urlsplit(self.path)
                forge.requests.append((method, url.path))
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length)) if length else None
                forge.bodies.append(payload)
                auth = self.headers.get("Authorization", "") or self.headers.get("PRIVATE-TOKEN", "")
                if TOKEN not in auth:
                    return self._send(401, {"message": "Bad credentials"})
                for index, (m, pattern, status, headers) in enumerate(forge.errors):
                    if m == method and re.search(pattern, url.path):
                        del forge.errors[index]
                        headers = dict(headers)
                        message = headers.pop("_message", f"injected {status}")
                        return self._send(status, {"message": message}, headers)
                if url.path == "/user":
                    if forge.login is None:
                        return self._send(403, {"message": "Resource not accessible by integration"})
                    return self._send(200, {"login": forge.login, "username": forge.login})
                pull = re.fullmatch(r"/repos/[^/]+/[^/]+/pulls/(\d+)", url.path) or re.fullmatch(
                    r"/projects/[^/]+/merge_requests/(\d+)", url.path
                )
                if pull and method == "GET" and int(pull.group(1)) in forge.heads:
                    head = forge.heads[int(pull.group(1))]
                    return self._send(200, {"number": int(pull.group(1)), "head": {"sha": head}, "sha": head})
                github = re.fullmatch(r"/repos/[^/]+/[^/]+/issues/(\d+)/comments", url.path)
                gitlab = re.fullmatch(r"/projects/[^/]+/merge_requests/(\d+)/notes", url.path)
                listing = github or gitlab
                if listing and method == "GET":
                    items = forge.comments.get(int(listing.group(1)), [])
                    page = int(parse_qs(url.query).get("page", ["1"])[0])
                    size = forge.page_size
                    chunk = items[(page - 1) * size : page * size]
                    headers = {}
                    if page * size < len(items):
                        headers["Link"] = f'<{forge.url}{url.path}?per_page={size}&page={page + 1}>; rel="next"'
                    return self._send(200, chunk, headers)
                if listing and method == "POST":
                    if forge.forbid_writes:
                        return self._send(403, {"message": "Resource not accessible by integration"})
                    login = forge.login or "github-actions[bot]"
                    return self._send(201, forge.add(int(listing.group(1)), payload["body"], login))
                single = re.fullmatch(r"/repos/[^/]+/[^/]+/issues/comments/(\d+)", url.path) or re.fullmatch(
                    r"/projects/[^/]+/merge_requests/\d+/notes/(\d+)", url.path
                )
                if single and method in ("PATCH", "PUT"):
                    if forge.forbid_writes:
                        return self._send(403, {"message": "Resource not accessible by integration"})
                    for comments in forge.comments.values():
                        for comment in comments:
                            if comment["id"] == int(single.group(1)):
                                comment["body"] = payload["body"]
                                return self._send(200, comment)
                return self._send(404, {"message": "Not Found"})

            def do_GET(self) -> None:
                self._handle("GET")

            def do_POST(self) -> None:
                self._handle("POST")

            def do_PATCH(self) -> None:
                self._handle("PATCH")

            def do_PUT(self) -> None:
                self._handle("PUT")

        return Handler
