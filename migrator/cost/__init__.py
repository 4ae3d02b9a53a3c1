"""The monthly Cloudflare bill of a plan: dated prices (``rules/pricing.yaml``) times usage
(a usage file, and what the project says: replicas, volume sizes, cron schedules)."""

from __future__ import annotations

from migrator.cost.bill import Bill, Line, Part, compute
from migrator.cost.pricing import Pricing, load_pricing
from migrator.cost.usage import Usage, load_usage

__all__ = ["Bill", "Line", "Part", "Pricing", "Usage", "compute", "load_pricing", "load_usage"]
