"""How often a Cron Trigger fires in a month: its firings over the days of a common year (365
days starting on a Friday: 2027), divided by 12.  Schedules are in Cloudflare's dialect
(day of week 1 = Sunday ... 7 = Saturday)."""

from __future__ import annotations

import datetime
import functools
from decimal import Decimal

_MONTHS = {
    m: i for i, m in enumerate(("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1)
}
_DAYS = {d: i for i, d in enumerate(("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"), 1)}
_YEAR = 2027


def _field(text: str, low: int, high: int, names: dict[str, int]) -> frozenset[int] | None:
    """The values a cron field allows, or None when it uses what this count does not model (L, W, #)."""
    values: set[int] = set()
    for part in text.upper().split(","):
        step = 1
        if "/" in part:
            part, step_text = part.split("/", 1)
            if not step_text.isdigit() or int(step_text) == 0:
                return None
            step = int(step_text)
        if part in ("*", "?"):
            start, end = low, high
        elif "-" in part:
            a, b = part.split("-", 1)
            first, last = _value(a, names), _value(b, names)
            if first is None or last is None:
                return None
            start, end = first, last
        else:
            first = _value(part, names)
            if first is None:
                return None
            start, end = first, (high if step != 1 else first)
        if start < low or end > high or start > end:
            return None
        values.update(range(start, end + 1, step))
    return frozenset(values)


def _value(text: str, names: dict[str, int]) -> int | None:
    if text in names:
        return names[text]
    return int(text) if text.isdigit() else None


@functools.cache
def _days() -> tuple[tuple[int, int, int], ...]:
    """(month, day of month, day of week with Sunday 1) for every day of the reference year."""
    first = datetime.date(_YEAR, 1, 1)
    days = (first + datetime.timedelta(days=n) for n in range(365))
    return tuple((d.month, d.day, d.isoweekday() % 7 + 1) for d in days)


@functools.lru_cache(maxsize=256)
def firings_per_month(schedule: str) -> Decimal | None:
    """Firings a month (a year's firings / 12, to two places), or None when it cannot be counted."""
    fields = schedule.split()
    if len(fields) != 5:
        return None
    minute = _field(fields[0], 0, 59, {})
    hour = _field(fields[1], 0, 23, {})
    dom = _field(fields[2], 1, 31, {})
    month = _field(fields[3], 1, 12, _MONTHS)
    dow = _field(fields[4], 1, 7, _DAYS)
    if None in (minute, hour, dom, month, dow):
        return None
    assert minute is not None and hour is not None and dom is not None and month is not None and dow is not None
    dom_any = fields[2] in ("*", "?")
    dow_any = fields[4] in ("*", "?")
    days = 0
    for day_month, day_of_month, cf_dow in _days():
        by_dom, by_dow = day_of_month in dom, cf_dow in dow
        # Cron's rule: when both day fields are restricted, either one matching is enough.
        matches = (by_dom and by_dow) if dom_any or dow_any else (by_dom or by_dow)
        if day_month in month and matches:
            days += 1
    per_year = Decimal(days * len(minute) * len(hour))
    return (per_year / 12).quantize(Decimal("0.01"))
