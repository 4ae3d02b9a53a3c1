"""A small JSON client on ``urllib.request``: bounded retries on rate limits and server errors,
``Link`` pagination, and errors that never carry the token."""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from migrator import __version__

MAX_ATTEMPTS = 5
MAX_WAIT = 60.0  # seconds; a longer rate-limit reset is an error, not a wait
TIMEOUT = 30.0
SLEEP_SCALE_ENV = "MIGRATOR_RETRY_SLEEP_SCALE"  # multiplies every wait (tests set 0)
_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')


class ApiError(Exception):
    """An HTTP error after retries; the message names the request and the server's words, never the token."""

    def __init__(self, status: int, method: str, path: str, detail: str) -> None:
        super().__init__(f"{method} {path} failed with HTTP {status}: {detail}")
        self.status = status


@dataclass
class Response:
    status: int
    headers: Mapping[str, str]
    body: Any


def _sleep_scale(environ: Mapping[str, str]) -> float:
    try:
        return max(0.0, float(environ.get(SLEEP_SCALE_ENV, "1")))
    except ValueError:
        return 1.0


class Client:
    def __init__(
        self,
        base_url: str,
        auth_headers: Mapping[str, str],
        secret: str,
        environ: Mapping[str, str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.auth_headers = dict(auth_headers)
        self.secret = secret
        self.scale = _sleep_scale(os.environ if environ is None else environ)
        self.sleep = sleep
        self.waits: list[float] = []  # every backoff taken, before scaling (for the record)

    def scrub(self, text: str) -> str:
        return text.replace(self.secret, "***") if self.secret else text

    def _url(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else self.base_url + path

    def request(self, method: str, path: str, payload: Any = None) -> Response:
        url = self._url(path)
        shown = self.scrub(urllib.parse.urlsplit(url).path)
        data = None if payload is None else json.dumps(payload).encode()
        headers = {
            "Accept": "application/json",
            "User-Agent": f"migrator/{__version__}",
            **self.auth_headers,
        }
        if data is not None:
            headers["Content-Type"] = "application/json"
        for attempt in range(1, MAX_ATTEMPTS + 1):
            req = urllib.request.Request(url, data=data, method=method, headers=headers)
            try:
                with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
                    raw = resp.read()
                    return Response(resp.status, dict(resp.headers.items()), json.loads(raw) if raw.strip() else None)
            except urllib.error.HTTPError as exc:
                raw = exc.read()
                status, resp_headers = exc.code, {k: v for k, v in exc.headers.items()}
                detail = self._detail(raw)
                wait = self._retry_after(status, resp_headers, detail, attempt)
                if wait is None or attempt == MAX_ATTEMPTS:
                    raise ApiError(status, method, shown, self.scrub(detail)) from None
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                reason = getattr(exc, "reason", exc)
                if attempt == MAX_ATTEMPTS:
                    raise ApiError(0, method, shown, self.scrub(f"cannot reach {self.base_url}: {reason}")) from None
                wait = float(2 ** (attempt - 1))
            self.waits.append(wait)
            self.sleep(wait * self.scale)
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _detail(raw: bytes) -> str:
        try:
            body = json.loads(raw)
            if isinstance(body, dict) and "message" in body:
                return str(body["message"])[:300]
        except ValueError:
            pass
        return raw.decode("utf-8", "replace").strip()[:300] or "(no body)"

    @staticmethod
    def _retry_after(status: int, headers: Mapping[str, str], detail: str, attempt: int) -> float | None:
        """Seconds to wait before retrying, or None when the error is final."""
        lower = {k.lower(): v for k, v in headers.items()}
        limited = status == 429 or (
            status == 403
            and ("retry-after" in lower or lower.get("x-ratelimit-remaining") == "0" or "rate limit" in detail.lower())
        )
        if not limited and status < 500:
            return None
        backoff = float(2 ** (attempt - 1))
        if "retry-after" in lower:
            with contextlib.suppress(ValueError):
                backoff = float(lower["retry-after"])
        elif limited and "x-ratelimit-reset" in lower:
            with contextlib.suppress(ValueError):
                backoff = max(1.0, float(lower["x-ratelimit-reset"]) - time.time())
        if backoff > MAX_WAIT:
            return None
        return backoff

    def pages(self, path: str) -> Iterator[Any]:
        """Every item of a paginated list, following ``Link: <...>; rel="next"``."""
        url: str | None = path
        seen = 0
        while url is not None:
            resp = self.request("GET", url)
            if not isinstance(resp.body, list):
                raise ApiError(
                    resp.status, "GET", self.scrub(urllib.parse.urlsplit(self._url(url)).path), "expected a list"
                )
            yield from resp.body
            link = {k.lower(): v for k, v in resp.headers.items()}.get("link", "")
            match = _NEXT.search(link)
            url = match.group(1) if match else None
            seen += 1
            if seen > 1000:  # 100 000 comments: a server that never stops paging
                break
