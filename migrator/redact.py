"""What is secret, how strong it is, and how to take secrets out of text.

A value is secret when its variable's name says so (passwords, tokens, keys, DSNs) or when the
value itself looks like one (URLs with credentials, private keys, bearer tokens, webhook and
signed URLs, JWTs, well-known token formats, long random strings).  A name alone is not enough
when the value is plainly something else: a URL without credentials, a number or a rate, a file
path, a public key.

Secrets are taken out by position (``migrator.redaction`` does that on the project); this
module gives the pieces: the judgements, ``redact_text`` for the secret parts of free text
(URL userinfo, keyed arguments, bearer tokens, token shapes) and ``Guard``, the last net over
emitted text for strong secret values.  Every pattern here is linear: each one can only start
at the beginning of a run of the characters it reads, and possessive quantifiers never give
back what they took.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable

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
    r"(_FILE|_PATH|_DIR|_ENABLED?|_USER(NAME)?|_TYPE|_MODE|_ALGORITHM|_EXPIR\w*|_TTL|_LENGTH|_HEADER|_URL_PATH"
    r"|PUBLIC_?KEY|_KEY_PREFIX|_KEY_URL|_KEY_ID|_SIZE|_BITS|_ROUNDS|_ITERATIONS|_TIMEOUT|_COUNT|_PORT|_HOST|_NAME"
    r"|_ISSUER|_AUDIENCE|_METHOD|_SCHEME|_PROVIDER|_BACKEND|_STRATEGY"
    # settings about a secret or a webhook, not one: durations, limits, counts, lists, addresses
    r"|_LIFETIME\w*|_(?:MILLI)?SECONDS|_SECS|_MINUTES|_MINS|_HOURS|_DAYS|_WEEKS|_MS|_AGE|_LIMIT|_MAX|_MIN"
    r"|_ENTRIES|_RETRIES|_ATTEMPTS|_FAILURES|_INTERVAL\w*|_(?:BLACK|WHITE|ALLOW|DENY|BLOCK)LIST|_ADDRESS(?:ES)?"
    r"|_REGEX|_PER_[A-Z0-9]+)$",
    re.IGNORECASE,
)
_FLAG_NAME = re.compile(r"(RANDOM|ALLOW|EMPTY|GENERATE|REQUIRE|ENABLE|DISABLE|SKIP|USE)_", re.IGNORECASE)
# Names whose digits-only values are still secrets (a PIN or a numeric password).
_PASSWORD_NAME = re.compile(r"(PASS|PWD|PIN\b|PIN_|_PIN|SECRET|TOKEN)", re.IGNORECASE)

# The same two patterns, case-sensitive, for ASCII names already in upper case (the common
# case: searching without IGNORECASE lets the regex engine skip ahead to the candidates).
_SECRET_WORDS_UPPER = re.compile(_SECRET_WORDS.pattern)
_NOT_SECRET_NAME_UPPER = re.compile(_NOT_SECRET_NAME.pattern)

MAX_SCAN = 1 << 20  # longest text the value-shape patterns read (a longer value is secret by that alone)
MAX_URLS = 256  # more URLs than this in one value make it secret by that alone (each costs a Python step)


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


# --- what a value is -----------------------------------------------------------------------------

_NUMBER_OR_RATE = re.compile(r"[0-9]++(?:[.,][0-9]++)?+\s*+(?:%|[A-Za-z]{1,8}+)?+(?:\s*+/\s*+[A-Za-z0-9]{1,8}+)?+")
_PATH = re.compile(r"(?:/|\./|\.\./|~/)[^\s:;,]*+")
_PUBLIC_KEY = re.compile(
    r"-----BEGIN (?:RSA |EC |DSA )?PUBLIC KEY-----|-----BEGIN CERTIFICATE-----|(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp[0-9]{3}) AAAA"
)
_TRIVIAL = frozenset(
    {
        "true",
        "false",
        "yes",
        "no",
        "none",
        "null",
        "on",
        "off",
        "enabled",
        "disabled",
    }
)


def _plainly_not_secret(name: str, value: str) -> bool:
    """A value that a secret-sounding name alone does not make secret."""
    text = value.strip()
    if not text:
        return False  # empty is as good as unset: the name decides
    if text.lower() in _TRIVIAL:
        return True
    if text.isdigit():
        if text in ("0", "1") and _FLAG_NAME.search(name):
            return True  # MYSQL_RANDOM_ROOT_PASSWORD=1 is a switch
        return _PASSWORD_NAME.search(name) is None
    if _NUMBER_OR_RATE.fullmatch(text):
        return True
    if "://" in text[:64]:  # a webhook's URL is its secret (its path carries the token)
        if has_url_credentials(text):
            return False
        return "WEBHOOK" not in name.upper() or len(text.split("://", 1)[1].strip("./")) < 8
    if _PATH.fullmatch(text):
        return True
    return _PUBLIC_KEY.match(text) is not None


_TOKEN_PREFIXES = (
    r"ghp_|gho_|ghs_|ghu_|ghr_|github_pat_|glpat-|xox[abposr]-|sk-|sk_live_|sk_test_|rk_live_|pk_live_|"
    r"AKIA|ASIA|AIza|SG\.|npm_|pypi-|dop_v1_|hf_|shpat_|shpss_"
)
_TOKEN_PREFIX = re.compile(r"(?<![A-Za-z0-9_\-])(?:" + _TOKEN_PREFIXES + r")[A-Za-z0-9_\-.=]{16,}+")
_TOKEN_HINT = re.compile(_TOKEN_PREFIXES)  # no look-behind: the engine skips ahead to candidates
_JWT = re.compile(r"(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]{4,}+\.eyJ[A-Za-z0-9_\-]{4,}+\.[A-Za-z0-9_\-]*+")
_PRIVATE_BEGIN = re.compile(r"-----BEGIN (?:(?!PRIVATE )[A-Z0-9]++ ){0,4}+PRIVATE KEY(?: BLOCK)?-----")
_BEARER = re.compile(r"(?i)(?<![A-Za-z0-9])(bearer|basic)(\s++)([A-Za-z0-9._~+/=\-]{8,}+)")
_OPAQUE = re.compile(r"[A-Za-z0-9+/=_\-.]++")
_DIGIT = re.compile(r"[0-9]")
_ALPHA = re.compile(r"[A-Za-z]")

# Assignments and options inside text: `password=...`, `--token=...`, `PGPASSWORD=... psql`,
# `?key=...&sig=...` (names are judged by is_secret_name or as query parameters).
_ASSIGNMENT = re.compile(r"(?<![A-Za-z0-9_.\-])([A-Za-z_\-][A-Za-z0-9_.\-]{0,63}+)(=|:[ \t]++)([^\s&;#?\"'`<>,)]++)")
# `--password secret` (the value is the next word).
_OPTION_WORD = re.compile(r"(?<![A-Za-z0-9_\-])(--?[A-Za-z][A-Za-z0-9_.\-]{0,63}+)([ \t]++)([^\s\-$][^\s]*+)")
# `-pSECRET` of mysql-style clients.
_MYSQL_P = re.compile(r"(?<!\S)-p(?![\s$])(\S++)")
_MYSQL_CLIENT = re.compile(r"(?i)mysql|mariadb")
# Query parameters that carry a credential in signed or keyed URLs.
_QUERY_SECRETS = frozenset(
    {
        "key",
        "sig",
        "signature",
        "token",
        "access_token",
        "refresh_token",
        "id_token",
        "auth",
        "code",
        "x-amz-signature",
        "x-amz-credential",
        "x-amz-security-token",
        "x-goog-signature",
        "x-goog-credential",
        "sv",
        "se",
        "sp",
        "apikey",
        "api_key",
    }
)
# Query parameters judged alone (a `sig`, `sp` outside a URL means nothing).
_QUERY_ONLY = frozenset({"sig", "code", "sv", "se", "sp", "key", "auth"})
_WEBHOOK_HOSTS = (
    "hooks.slack.com",
    "discord.com",
    "discordapp.com",
    "webhook.office.com",
    "outlook.office.com",
    "hooks.zapier.com",
    "chat.googleapis.com",
    "api.telegram.org",
    "maker.ifttt.com",
)
_WEBHOOK_PATH = re.compile(r"(?i)/(?:services|api/webhooks|webhookb2|webhook|hooks|bot)/?+")


def _entropy(text: str) -> float:
    counts = Counter(text)
    return -sum(c / len(text) * math.log2(c / len(text)) for c in counts.values())


_AUTHORITY_END = re.compile(r"[/?#\s\"'`<>]")


def _authority_end(text: str, start: int) -> int:
    limit = min(len(text), start + 1024)
    match = _AUTHORITY_END.search(text, start, limit)
    return match.start() if match else limit


def has_url_credentials(text: str) -> bool:
    if text.count("://") > MAX_URLS:
        return True
    index = text.find("://")
    while index >= 0:
        end = _authority_end(text, index + 3)
        if "@" in text[index + 3 : end]:
            userinfo = text[index + 3 : text.rindex("@", index + 3, end)]
            if userinfo.partition(":")[2] or _token_like(userinfo):
                return True
        index = text.find("://", index + 3)
    return False


def _token_like(text: str) -> bool:
    return len(text) >= 16 and _OPAQUE.fullmatch(text) is not None and _entropy(text) >= 3.5


@functools.lru_cache(maxsize=16384)
def is_secret_value(value: str) -> bool:
    """Does the value look like a secret whatever its name?"""
    text = value.strip()
    if not text:
        return False
    if len(text) > MAX_SCAN:
        return True
    if "://" in text and (has_url_credentials(text) or _secret_url(text)):
        return True
    if "-----BEGIN " in text and _PRIVATE_BEGIN.search(text):
        return True
    if (_TOKEN_HINT.search(text) and _TOKEN_PREFIX.search(text)) or ("eyJ" in text and _JWT.search(text)):
        return True
    if _BEARER.search(text):
        return True
    if "=" in text and _keyed_secret(text):
        return True
    return len(text) >= 32 and _OPAQUE.fullmatch(text) is not None and _random(text)


def _random(text: str) -> bool:
    return _entropy(text) >= 4.0 and _DIGIT.search(text) is not None and _ALPHA.search(text) is not None


def _secret_url(text: str) -> bool:
    return redact_text(text) != text


def _keyed_secret(text: str) -> bool:
    return any(
        _assignment_is_secret(m.group(1), m.group(3), m.start() > 0 and text[m.start() - 1] in "?&")
        for m in _ASSIGNMENT.finditer(text)
    )


def _assignment_is_secret(name: str, value: str, in_query: bool) -> bool:
    if value.startswith(("$", REDACTED)) or value == REDACTED:
        return False
    key = name.lstrip("-").lower()
    if key in _QUERY_SECRETS and (in_query or key not in _QUERY_ONLY):
        return True
    key = _identifier(key)
    return is_secret_name(key) and not _plainly_not_secret(key, value)


def _identifier(name: str) -> str:
    """An option or label name as a variable name (``--token-file`` reads as ``TOKEN_FILE``)."""
    return name.lstrip("-").replace("-", "_").replace(".", "_")


def is_secret(name: str, value: str | None) -> bool:
    """Is the variable ``name`` holding ``value`` a secret?  An unset variable with a secret
    name is one (the Worker still needs it)."""
    if value is None:
        return is_secret_name(name)
    if is_secret_value(value):
        return True
    return is_secret_name(name) and not _plainly_not_secret(name, value)


# --- weak and strong --------------------------------------------------------------------------

_COMMON_WORDS_TEXT = """
    password passw0rd p@ssw0rd pass secret secrets changeme change_me changeit admin administrator root
    toor user username guest test testing example default demo qwerty letmein welcome master
    postgres postgresql mysql mariadb redis mongo mongodb rabbitmq guest minio minioadmin minio123
    secretkey secret_key supersecret super_secret mysecret mysecretpassword mypassword yourpassword
    your_password your-password password123 admin123 root123 12345678 123456789 1234567890 abc123
    token apikey api_key key private public dev development prod production local localhost docker
    compose app application service database db sql cache queue worker web api server backend
    frontend none null empty todo fixme replace replaceme replace_me xxx xxxx xxxxx changeme123
"""
COMMON_WORDS = frozenset(_COMMON_WORDS_TEXT.split())
# The report's own vocabulary: a secret spelled like one of these is no secret worth the name,
# and searching for it in the output would tear the output apart.
_VOCABULARY_TEXT = """
    schema_version project name files services image build location file line column role runtime
    target kind alternatives rule_id confidence rationale routes host path match protocol conditions
    middlewares entrypoints tls port source router rule crons schedule original command profiles edges
    evidence workers main language bindings type binding resource variable vars secrets queue_consumers
    durable_objects container router_notes waves findings severity service message hint summary targets
    blocked_services ready blocker warning info worker assets d1 hyperdrive kv durable-object r2 queue
    cron workflow platform unsupported high medium low typescript python pattern custom_domain zone_name
"""
VOCABULARY = frozenset(_VOCABULARY_TEXT.split())
_WORDLIKE = re.compile(r"[A-Za-z]{1,24}+(?:[ _.\-][A-Za-z]{1,24}+){0,7}+[0-9]{0,4}+[!@#$%^&*.?]{0,2}+")


def _classes(text: str) -> int:
    """How many of lower case, upper case, digits and other characters ``text`` mixes."""
    return (
        any(c.islower() for c in text)
        + any(c.isupper() for c in text)
        + any(c.isdigit() for c in text)
        + any(not c.isalnum() for c in text)
    )


def weakness(value: str, names: Iterable[str] = ()) -> str | None:
    """Why ``value`` is a weak or default secret, or None when it is strong.  The reason never
    quotes the value or the name it equals."""
    text = value.strip()
    if _TOKEN_PREFIX.fullmatch(text) or (text.startswith("eyJ") and _JWT.fullmatch(text)):
        return None
    if "-----BEGIN " in text:
        return None
    lower = text.lower()
    if text.isdigit():
        return "digits only"
    if lower in COMMON_WORDS or lower in VOCABULARY:
        return "a common word"
    if lower in names:
        return "a name used in the project"
    if len(text) < 8 or (len(text) < 12 and _classes(text) < 3):
        return "short"
    if _WORDLIKE.fullmatch(text):
        return "made of words"
    if _entropy(text) < 3.0:
        return "low in entropy"
    return None


# --- taking secrets out of text -----------------------------------------------------------------


def _redact_urls(text: str) -> str:
    out: list[str] = []
    last = 0
    index = text.find("://")
    while index >= 0:
        start = index + 3
        end = _authority_end(text, start)
        authority = text[start:end]
        at = authority.rfind("@")
        if at >= 0:
            userinfo = authority[:at]
            colon = userinfo.find(":")
            if colon >= 0:
                replaced = userinfo[: colon + 1] + REDACTED if userinfo[colon + 1 :] else userinfo
            else:
                replaced = REDACTED if _token_like(userinfo) or _TOKEN_PREFIX.match(userinfo) else userinfo
            if replaced != userinfo:
                out.append(text[last:start])
                out.append(replaced)
                last = start + at
        host = authority[at + 1 :].lower().split(":", 1)[0]
        if host.endswith(_WEBHOOK_HOSTS):
            match = _WEBHOOK_PATH.match(text, end)
            if match is not None:
                stop = end
                while stop < len(text) and not text[stop].isspace() and text[stop] not in "\"'`<>?#":
                    stop += 1
                if stop > match.end():
                    out.append(text[last : match.end()])
                    out.append(REDACTED)
                    last = stop
        index = text.find("://", end)
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _assignments(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name, sep, value = match.group(1), match.group(2), match.group(3)
        in_query = match.start() > 0 and text[match.start() - 1] in "?&"
        if sep != "=" and not is_secret_name(_identifier(name)):
            return match.group(0)
        if _assignment_is_secret(name, value, in_query):
            return f"{name}{sep}{REDACTED}"
        return match.group(0)

    return _ASSIGNMENT.sub(replace, text)


def _options(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name, space, value = match.groups()
        if name in ("-u", "--user") and ":" in value:  # curl -u user:password
            return f"{name}{space}{value.split(':', 1)[0]}:{REDACTED}"
        key = _identifier(name)
        if name.startswith("--") and is_secret_name(key) and not _plainly_not_secret(key, value):
            return f"{name}{space}{REDACTED}"
        return match.group(0)

    return _OPTION_WORD.sub(replace, text)


def _private_blocks(text: str) -> str:
    out: list[str] = []
    last = 0
    for match in _PRIVATE_BEGIN.finditer(text):
        if match.start() < last:
            continue
        end_marker = text.find("-----END ", match.end())
        stop = len(text)
        if end_marker >= 0:
            close = text.find("-----", end_marker + 9)
            stop = close + 5 if close >= 0 else len(text)
        out.append(text[last : match.end()])
        out.append(REDACTED)
        out.append("-----END PRIVATE KEY-----" if stop > match.end() else "")
        last = stop
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


@functools.lru_cache(maxsize=32768)
def _redact_text_cached(text: str, command: bool, tokens: bool) -> str:
    return _redact_text(text, command, tokens)


def _triggered(text: str, tokens: bool) -> bool:
    """Could any secret shape be in ``text``?  Plain substring tests first (they cost least)."""
    return (
        "=" in text
        or "://" in text
        or ": " in text
        or "eyJ" in text
        or "-----BEGIN " in text
        or "earer" in text
        or "asic" in text
        or "EARER" in text
        or "ASIC" in text
        or (tokens and _TOKEN_HINT.search(text) is not None)
    )


def redact_text(text: str, *, command: bool = False, tokens: bool = True) -> str:
    if len(text) > 2048:
        return _redact_text(text, command, tokens)
    return _redact_text_cached(text, command, tokens)  # the same values recur across services


def _redact_text(text: str, command: bool, tokens: bool) -> str:
    """``text`` with the secret parts of free text replaced: URL userinfo (the user stays),
    webhook paths, secret query parameters and assignments, bearer tokens, private key blocks,
    JWTs and well-known tokens.  ``command`` also reads options (`--password secret`,
    mysql's `-pSECRET`).  ``tokens=False`` skips the token formats (when a caller has seen
    that none of their prefixes occurs anywhere)."""
    if len(text) > MAX_SCAN:
        return REDACTED
    if not _triggered(text, tokens) and not (command and "-" in text):
        return text  # the common case: nothing any pattern below could match
    out = text
    if "://" in out:
        if out.count("://") > MAX_URLS:
            return REDACTED
        out = _redact_urls(out)
    if "=" in out or (":" in out and _SECRET_WORDS.search(out)):
        out = _assignments(out)
    if "-----BEGIN " in out:
        out = _private_blocks(out)
    if "eyJ" in out:
        out = _JWT.sub(REDACTED, out)
    if tokens and _TOKEN_HINT.search(out):
        out = _TOKEN_PREFIX.sub(REDACTED, out)
    if "earer" in out or "asic" in out or "EARER" in out or "ASIC" in out:
        out = _BEARER.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", out)
    if command and "-" in out:
        out = _options(out)
        if "-p" in out and _MYSQL_CLIENT.search(out):
            out = _MYSQL_P.sub("-p" + REDACTED, out)
    return out


def redact_command(tokens: tuple[str, ...], *, token_formats: bool = True) -> tuple[str, ...]:
    """A command, entrypoint or healthcheck as a list of words, its secret arguments replaced:
    ``--password=X``, ``--password X``, ``-pX`` (mysql-style clients), ``PGPASSWORD=X``, and
    whatever ``redact_text`` finds in each word (a shell script in one word too)."""
    mysql = any(_MYSQL_CLIENT.search(token) for token in tokens)
    out: list[str] = []
    redact_next = user_next = False
    key = ""
    for token in tokens:
        if redact_next and not token.startswith(("-", "$")) and token and not _plainly_not_secret(key, token):
            out.append(REDACTED)
            redact_next = False
            continue
        if user_next and ":" in token:  # curl -u user:password
            out.append(token.split(":", 1)[0] + ":" + REDACTED)
            user_next = False
            continue
        redact_next = user_next = False
        if token in ("-u", "--user"):
            user_next = True
            out.append(token)
            continue
        key = _identifier(token)
        if token.startswith("--") and "=" not in token and is_secret_name(key):
            redact_next = True
            out.append(token)
            continue
        if mysql and token.startswith("-p") and len(token) > 2 and not token.startswith("-p$"):
            out.append("-p" + REDACTED)
            continue
        out.append(redact_text(token, command=True, tokens=token_formats))
    return tuple(out)


# --- known values inside text -------------------------------------------------------------------


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


_ESCAPE_TAIL = re.compile(r"\\(?:[nrtbf\"\\/]|u[0-9A-Fa-f]{4})$")


def _word(char: str) -> bool:
    return char.isascii() and char.isalnum()


class Guard:
    """Replaces known values where they stand as whole tokens (not inside a longer word of
    letters and digits; a JSON or TypeScript escape right before a value counts as a boundary).

    ``forms`` gives the spellings to search for each value (its escaped forms in JSON,
    TypeScript, Markdown, ...).  One trie-shaped regex finds them all in one pass."""

    __slots__ = ("_anywhere", "_pattern")

    def __init__(
        self,
        values: Iterable[str],
        forms: Callable[[str], Iterable[str]] = lambda v: (v,),
        anywhere: Iterable[str] = (),
    ) -> None:
        spelled = sorted({form for value in values for form in forms(value) if len(form) >= 3})
        self._pattern = re.compile(trie_regex(spelled)) if spelled else None
        # Values replaced wherever they stand, inside longer words too (a CI job's token that
        # interpolation put into a volume or image name).
        inside = sorted({form for value in anywhere for form in forms(value) if len(form) >= 3})
        self._anywhere = re.compile(trie_regex(inside)) if inside else None

    def __bool__(self) -> bool:
        return self._pattern is not None or self._anywhere is not None

    def __call__(self, text: str) -> str:
        if self._anywhere is not None and text:
            text = self._anywhere.sub(lambda _match: REDACTED, text)
        if self._pattern is None or not text:
            return text
        out: list[str] = []
        last = 0
        position = 0
        search = self._pattern.search
        while True:
            match = search(text, position)
            if match is None:
                break
            start, end = match.span()
            before_ok = start == 0 or not _word(text[start - 1]) or _ESCAPE_TAIL.search(text, max(0, start - 6), start)
            after_ok = end == len(text) or not _word(text[end]) or not _word(text[end - 1])
            if before_ok and after_ok:
                out.append(text[last:start])
                out.append(REDACTED)
                last = end
                position = end
            else:
                position = start + 1
        if not out:
            return text
        out.append(text[last:])
        return "".join(out)


__all__ = [
    "COMMON_WORDS",
    "REDACTED",
    "VOCABULARY",
    "Guard",
    "has_url_credentials",
    "is_secret",
    "is_secret_name",
    "is_secret_value",
    "redact_command",
    "redact_text",
    "trie_regex",
    "weakness",
]


def secret_parts(text: str, *, tokens: bool = True) -> list[str]:
    """The secret pieces ``redact_text`` would take out of ``text`` (URL passwords, secret
    assignment values, tokens), so that they can be searched for elsewhere too."""
    parts: list[str] = []
    if not _triggered(text, tokens):
        return parts
    index = text.find("://") if text.count("://") <= MAX_URLS else -1
    while index >= 0:
        end = _authority_end(text, index + 3)
        authority = text[index + 3 : end]
        at = authority.rfind("@")
        if at >= 0:
            user, colon, password = authority[:at].partition(":")
            parts.append(password if colon else user)
        index = text.find("://", end)
    if "=" in text:
        for match in _ASSIGNMENT.finditer(text):
            in_query = match.start() > 0 and text[match.start() - 1] in "?&"
            if match.group(2) == "=" and _assignment_is_secret(match.group(1), match.group(3), in_query):
                parts.append(match.group(3))
    if tokens and _TOKEN_HINT.search(text):
        parts.extend(m.group(0) for m in _TOKEN_PREFIX.finditer(text))
    if "eyJ" in text:
        parts.extend(m.group(0) for m in _JWT.finditer(text))
    if "earer" in text or "asic" in text or "EARER" in text or "ASIC" in text:
        parts.extend(m.group(3) for m in _BEARER.finditer(text))
    return [p for p in parts if p and p != REDACTED]


_LONG_RUN = re.compile(r"[A-Za-z0-9+/=_\-.~]{20,}+")


def excerpt(value: str, limit: int = 48) -> str:
    """A short quotation of ``value`` for an error message, its secret parts redacted: error
    messages are printed before redaction has run, and must not quote a whole secret either."""
    text = redact_text(value[: limit * 8], command=True)
    if "://" not in text and is_secret_value(text):
        text = REDACTED
    text = _LONG_RUN.sub(lambda m: REDACTED if _entropy(m.group(0)) >= 3.5 else m.group(0), text)
    if len(text) > limit or len(value) > limit * 8:
        text = text[: limit - 1] + "…"
    return repr(text)
