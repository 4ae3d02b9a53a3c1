"""Cron schedules: found in commands, crontab lines, ofelia labels and env; translated to
Cloudflare's dialect, where day-of-week 1 is Sunday (Unix cron: 0 or 7 is Sunday, 1 Monday)."""

from __future__ import annotations

import re
from typing import NamedTuple

from migrator import numbers
from migrator.model import Service, Span, is_crontab

_FIELD = r"(?:[0-9*?LW#/,\-]+|[A-Za-z]{3}(?:-[A-Za-z]{3})?(?:,[A-Za-z]{3})*)"
_CRON_LINE = re.compile(
    rf"(?:^|[\s'\"\n]|\\n)((?:{_FIELD})\s+(?:{_FIELD})\s+(?:{_FIELD})\s+(?:{_FIELD})\s+(?:{_FIELD}))\s+([^\s'\"\\][^'\"\n\\]*)"
)
_MACROS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}
_RANGES = (("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12))
_DAY_NAMES = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
_ENV_NAMES = re.compile(r"(CRON|SCHEDULE)", re.IGNORECASE)


class CronError(ValueError):
    pass


class FoundCron(NamedTuple):
    """A schedule found in a service, with its translation to Cloudflare's dialect."""

    original: str  # as written
    schedule: str  # Cloudflare's dialect
    command: str
    note: str  # what the translation changed, or ""
    span: Span | None


def translate(expr: str) -> tuple[str, str]:
    """A Unix (or ofelia) schedule to Cloudflare's.  Returns (schedule, note)."""
    text = expr.strip()
    notes: list[str] = []
    lower = text.lower()
    if lower.startswith("@every"):
        return _every(text[len("@every") :].strip())
    if lower == "@reboot":
        raise CronError(
            f"{expr!r} runs a job once, when cron starts: Cloudflare has no such trigger (run it as a deploy step "
            "or when the Container starts)"
        )
    if lower in _MACROS:
        text = _MACROS[lower]
        notes.append(f"{expr} is {text}")
    fields = text.split()
    if len(fields) == 7:  # supercronic's seconds ... year
        year = fields.pop()
        if year not in ("*", "?"):
            raise CronError(f"{expr!r} runs only in the year {year}: Cloudflare's cron has no year field")
    if len(fields) == 6:
        seconds = fields.pop(0)
        if seconds not in ("0", "*"):
            notes.append(f"the seconds field {seconds!r} was dropped: Cloudflare runs at most once a minute")
        elif seconds == "*":
            notes.append("every second becomes every minute: Cloudflare runs at most once a minute")
    if len(fields) != 5:
        raise CronError(f"{expr!r} is not a cron schedule (five fields expected)")
    for value in fields:
        if not re.fullmatch(r"[0-9A-Za-z*?LW#/,\-]+", value):
            raise CronError(f"{expr!r} has an invalid field {value!r}")
        for part in value.split(","):
            if "/" in part and numbers.to_int(part.split("/", 1)[1], low=1) is None:
                raise CronError(f"{expr!r} has an invalid step in {value!r} (a step is a number from 1)")
    for (what, low, high), value in zip(_RANGES, fields, strict=False):
        for number in re.findall(r"[0-9]+", ",".join(part.split("/", 1)[0] for part in value.split(","))):
            if numbers.to_int(number, low=low, high=high) is None:
                shown = number if len(number) <= 12 else number[:12] + "..."
                raise CronError(f"{expr!r} has {what} {shown}, out of range ({low}-{high})")
    dow = fields[4]
    new_dow = _translate_dow(dow)
    if new_dow != dow:
        notes.append(f"day of week {dow} (Unix, 0 = Sunday) is {new_dow} on Cloudflare (1 = Sunday)")
    fields[4] = new_dow
    return " ".join(fields), "; ".join(notes)


def _every(duration: str) -> tuple[str, str]:
    match = re.fullmatch(r"(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?", duration.strip())
    if not match or not any(match.groups()):
        raise CronError(f"@every {duration!r} is not a duration")
    hours, minutes, seconds = (numbers.to_int(g) if g else 0 for g in match.groups())
    if hours is None or minutes is None or seconds is None:
        raise CronError(f"@every {duration[:40]!r} is not a duration migrator can read")
    total = hours * 3600 + minutes * 60 + seconds
    if total < 60:
        return "* * * * *", f"@every {duration} runs more often than Cloudflare allows; it becomes every minute"
    if total % 3600 == 0 and total // 3600 < 24:
        step = total // 3600
        return ("0 * * * *" if step == 1 else f"0 */{step} * * *"), f"@every {duration}"
    if total % 86400 == 0:
        return "0 0 * * *", f"@every {duration} becomes daily" + ("" if total == 86400 else " (check the interval)")
    if total % 60 == 0 and total // 60 < 60:
        step = total // 60
        note = (
            f"@every {duration}" if 60 % step == 0 else f"@every {duration} becomes */{step} minutes within each hour"
        )
        return (f"*/{step} * * * *" if step > 1 else "* * * * *"), note
    return "0 * * * *", f"@every {duration} has no exact cron form; it becomes hourly (check the interval)"


def _translate_dow(field: str) -> str:
    if field in ("*", "?"):
        return field
    if re.search(r"[LW#]", field):
        # Quartz extensions (5L, 2#1) already use Cloudflare's numbering when written for it; keep them.
        return field
    days: set[int] = set()
    named = False
    for part in field.split(","):
        step = 1
        if "/" in part:
            part, step_text = part.split("/", 1)
            step = numbers.to_int(step_text, low=1) or 1
        if part == "*":
            low, high = 0, 6
        elif "-" in part:
            a, b = part.split("-", 1)
            low, high = _day(a), _day(b)
            named = named or not a.isdigit()
        else:
            low = high = _day(part)
            named = named or not part.isdigit()
            if step > 1:
                high = 6
        if high < low:  # a range across Saturday: 5-1 is Fri, Sat, Sun, Mon
            span = list(range(low, 7)) + list(range(0, high + 1))
        else:
            span = list(range(low, high + 1))
        days.update(span[::step])
    if named and not any(ch.isdigit() for ch in field):
        return field.upper()
    if days == set(range(7)):
        return "*"
    return _compress(sorted(d + 1 for d in days))


def _day(text: str) -> int:
    value = numbers.to_int(text, low=0)
    if value is not None:
        if value > 7:
            raise CronError(f"day of week {value} is out of range")
        return 0 if value == 7 else value
    upper = text.upper()[:3]
    if upper not in _DAY_NAMES:
        raise CronError(f"unknown day {text!r}")
    return _DAY_NAMES.index(upper)


def _compress(values: list[int]) -> str:
    parts: list[str] = []
    start = prev = values[0]
    for value in values[1:]:
        if value == prev + 1:
            prev = value
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        start = prev = value
    parts.append(str(start) if start == prev else f"{start}-{prev}")
    return ",".join(parts)


_TIME_FIELD = re.compile(r"[0-9*?/,\-]+")  # a crontab word that is a time field, not a command


def _extra_fields(words: list[str]) -> int:
    """supercronic reads a sixth field as the year and seven as seconds ... year; busybox's crond
    would run '*' as the command, so a field-like word there is a field."""
    extra = 0
    while extra < 2 and len(words) > 6 + extra and _TIME_FIELD.fullmatch(words[5 + extra]):
        extra += 1
    if extra == 1:  # minutes ... year: the year is dropped when it is every year
        if words[5] in ("*", "?"):
            del words[5]
            return 5
        words.insert(0, "0")  # seconds, so that the year reaches translate() and is refused there
        return 7
    return 5 + extra


def crontab_lines(target: str, text: str, problems: list[str]) -> list[tuple[str, str]]:
    """(schedule, command) of each job line of a crontab; comments and variable lines skipped.  A
    line cron would refuse is added to ``problems`` (its schedule only: the command may hold a secret)."""
    system = target.startswith("/etc/cron.d/") or target == "/etc/crontab"  # these name a user first
    jobs: list[tuple[str, str]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or re.match(r"[A-Za-z_][A-Za-z0-9_]*\s*=", line):
            continue
        words = line.split()
        count = 1 if words[0].startswith("@") else 5
        if count == 5 and not system:
            count = _extra_fields(words)
        if len(words) <= count + (1 if system else 0):
            continue
        if system and count == 5 and _TIME_FIELD.fullmatch(words[5]):
            problems.append(
                f"{' '.join(words[:6])!r} in {target} has six time fields: a system crontab has five, "
                "then the user who runs the command"
            )
            continue
        schedule, rest = " ".join(words[:count]), words[count + (1 if system else 0) :]
        jobs.append((schedule, " ".join(rest)))
    return jobs


class Problem(NamedTuple):
    """A schedule that cannot be read, and where it stands (the crontab's mount, the label, ...)."""

    message: str
    span: Span | None


def find_crons(service: Service) -> tuple[list[FoundCron], list[Problem]]:
    """Schedules a service runs, and problems met while reading them."""
    found: list[FoundCron] = []
    problems: list[Problem] = []
    text = " ".join((*(service.entrypoint or ()), *(service.command or ())))
    for match in _CRON_LINE.finditer(text):
        expr, command = match.group(1), match.group(2).strip()
        _add(found, problems, expr, command, service.span)
    mounts = {volume.target.rstrip("/"): volume.span for volume in service.volumes}
    for target, content in service.config_files:
        if is_crontab(target):
            span = mounts.get(target) or mounts.get(target.rsplit("/", 1)[0]) or service.span  # a file, or its folder
            refused: list[str] = []
            for expr, command in crontab_lines(target, content, refused):
                _add(found, problems, expr, command, span)
            problems.extend(Problem(message, span) for message in refused)
    jobs: dict[str, dict[str, tuple[str, Span | None]]] = {}
    for label in service.labels:
        parts = label.key.split(".")
        if len(parts) >= 4 and parts[0] == "ofelia" and parts[1].startswith("job-"):
            jobs.setdefault(f"{parts[1]}.{parts[2]}", {})[".".join(parts[3:])] = (label.value, label.span)
    for name, props in sorted(jobs.items()):
        schedule = props.get("schedule")
        if schedule:
            command = props.get("command", ("", None))[0]
            _add(found, problems, schedule[0], command or name, schedule[1])
    for var in service.environment:
        if var.value and _ENV_NAMES.search(var.name):
            value = var.value.strip()
            if value.startswith("@") or len(value.split()) in (5, 6):
                try:
                    translate(value)
                except CronError:
                    continue
                _add(found, problems, value, f"${var.name}", var.span)
    return found, problems


def _add(found: list[FoundCron], problems: list[Problem], expr: str, command: str, span: Span | None) -> None:
    try:
        schedule, note = translate(expr)
    except CronError as exc:
        problems.append(Problem(str(exc), span))
        return
    if any(f.original == expr and f.command == command for f in found):
        return
    found.append(FoundCron(expr, schedule, command, note, span))
