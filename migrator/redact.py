"""The one redaction function every output goes through.

A value is secret when its variable's name says so (passwords, tokens, keys, DSNs) or when the
value itself looks like one (URLs with credentials, private keys, well-known token formats,
long random strings).  Secret values never reach any output; their names do.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter

_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")

REDACTED = "[redacted]"

# Words that mean a secret wherever they stand in a name (DBPASSWORD, SECRET_KEY_BASE, ...).
_SECRET_WORDS = re.compile(
    r"(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|APIKEY|CREDENTIAL|PRIVATE_?KEY|WEBHOOK)", re.IGNORECASE
)
# Words that mean a secret only as a whole part of a name (DB_PASS, SMTP_AUTH, but not AUTHENTIK_HOST).
_SECRET_PARTS = frozenset({"PASS", "PWD", "AUTH", "SALT", "DSN", "HMAC", "COOKIE", "KEY", "KEYS"})
# Pairs such as API_KEY, ACCESS_KEY, SIGNING_KEY, LICENSE_KEY.
_KEY_PREFIXES = frozenset(
    {"API", "ACCESS", "SIGNING", "ENCRYPTION", "LICENSE", "SESSION", "MASTER", "CERT", "CERTIFICATE", "SSH", "SECRET"}
)
_NOT_SECRET_NAME = re.compile(
    r"(_FILE|_PATH|_DIR|_ENABLED?|_USER(NAME)?|_TYPE|_MODE|_ALGORITHM|_EXPIR\w*|_TTL|_LENGTH|_HEADER|_URL_PATH)$",
    re.IGNORECASE,
)
_CRED_URL = re.compile(r"(?<![a-zA-Z0-9+.\-])[a-zA-Z][a-zA-Z0-9+.\-]*://[^/\s:@]*:[^/\s@]+@")
_TOKEN_PREFIX = re.compile(
    r"^(ghp_|gho_|ghs_|github_pat_|glpat-|sk-|sk_live_|rk_live_|xox[abpr]-|AKIA|ASIA|AIza|eyJ)[A-Za-z0-9_\-.=]{8,}"
)
_PEM = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")
_KEYED = re.compile(r"(?i)(accountkey|password|passwd|pwd|secret|token|apikey|api_key)=[^;&\s]{4,}")
_OPAQUE = re.compile(r"[A-Za-z0-9+/=_\-]+")
_URL_CREDS_SUB = re.compile(r"(://)([^/\s:@]*):([^/\s@]+)@")


# The same two patterns, case-sensitive, for ASCII names already in upper case (the common
# case: searching without IGNORECASE lets the regex engine skip ahead to the candidates).
_SECRET_WORDS_UPPER = re.compile(_SECRET_WORDS.pattern)
_NOT_SECRET_NAME_UPPER = re.compile(_NOT_SECRET_NAME.pattern)


@functools.lru_cache(maxsize=16384)
def is_secret_name(name: str) -> bool:
    upper = name.upper()
    if name.isascii():
        text, not_secret, secret = upper, _NOT_SECRET_NAME_UPPER, _SECRET_WORDS_UPPER
    else:
        text, not_secret, secret = name, _NOT_SECRET_NAME, _SECRET_WORDS
    if not_secret.search(text):
        return False
    if secret.search(text):
        return True
    parts = [part for part in _NOT_ALNUM.split(upper) if part]
    if not parts:
        return False
    if parts[-1] in _SECRET_PARTS or any(part in ("PASS", "PWD", "AUTH", "SALT", "DSN", "HMAC") for part in parts):
        return True
    return any(a in _KEY_PREFIXES and b == "KEY" for a, b in itertools.pairwise(parts))


def _entropy(text: str) -> float:
    counts = Counter(text)
    return -sum(c / len(text) * math.log2(c / len(text)) for c in counts.values())


@functools.lru_cache(maxsize=16384)
def is_secret_value(value: str) -> bool:
    text = value.strip()
    if not text:
        return False
    if _CRED_URL.search(text) or _PEM.search(text) or _TOKEN_PREFIX.match(text) or _KEYED.search(text):
        return True
    if len(text) >= 32 and _OPAQUE.fullmatch(text) and _entropy(text) >= 4.0:
        return bool(re.search(r"[0-9]", text)) and bool(re.search(r"[A-Za-z]", text))
    return False


def is_secret(name: str, value: str | None) -> bool:
    return is_secret_name(name) or (value is not None and is_secret_value(value))


_SECRETS_CACHE: dict[frozenset[str], re.Pattern[str] | None] = {}


def trie_regex(words: list[str]) -> str:
    """One regex for many literal strings, shaped as a trie so that matching costs the depth of
    the trie at each position rather than the number of strings; the longest match wins."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            return "(?:" + body + ")?"
        return body

    return emit(trie)


def _secrets_pattern(secrets: frozenset[str]) -> re.Pattern[str] | None:
    pattern = _SECRETS_CACHE.get(secrets)
    if pattern is None and secrets not in _SECRETS_CACHE:
        ordered = sorted(s for s in secrets if len(s) >= 4)
        pattern = re.compile(trie_regex(ordered)) if ordered else None
        if len(_SECRETS_CACHE) > 64:
            _SECRETS_CACHE.clear()
        _SECRETS_CACHE[secrets] = pattern
    return pattern


def scrub_text(text: str, secrets: frozenset[str] | set[str]) -> str:
    """Remove known secret values and URL credentials from free text (messages, evidence)."""
    out = _URL_CREDS_SUB.sub(r"\1\2:" + REDACTED + "@", text) if "://" in text else text
    pattern = _secrets_pattern(frozenset(secrets))
    if pattern is not None:
        out = pattern.sub(REDACTED, out)
    return out
