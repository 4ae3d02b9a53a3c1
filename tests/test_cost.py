"""migrator cost: prices as data, usage files, the arithmetic of the bill, and its formats."""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, ROOT, project_file, run_analysis
from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.cli import main
from migrator.cost import Usage, compute, load_pricing, load_usage
from migrator.cost.bill import (
    CONTAINER_PRICES,
    FREE_PRICES,
    KIND_BINDING,
    SERVICE_FIGURES,
    WORKER_FIGURES,
    Part,
    make_line,
)
from migrator.cost.pricing import Price
from migrator.cost.render import render_markdown, render_text, to_json
from migrator.cost.schedule import firings_per_month
from migrator.errors import MigratorError
from migrator.model import BINDING_TYPES
from migrator.resources import schema_path

SHOP = EXAMPLES / "shop" / "compose.yaml"
SHOP_USAGE = EXAMPLES / "shop" / "usage.yaml"


def _validator(name: str):  # type: ignore[no-untyped-def]
    import jsonschema

    schema = json.loads(schema_path(name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_pricing_file_follows_its_schema_and_every_price_is_dated_and_sourced() -> None:
    tree = yaml.safe_load((ROOT / "rules" / "pricing.yaml").read_text())
    errors = list(_validator("pricing.schema.json").iter_errors(tree))
    assert not errors, errors[0].message
    for pid, price in tree["prices"].items():
        assert price["date"] and price["source"].startswith("https://developers.cloudflare.com/"), pid


def test_every_billable_binding_kind_has_a_price_and_a_quantity() -> None:
    pricing = load_pricing()
    assert set(pricing.bindings) == set(BINDING_TYPES)
    for binding, ids in pricing.bindings.items():
        assert ids, binding
        for pid in ids:
            assert pid in pricing.prices, (binding, pid)
            # the bill knows where each price's quantity comes from
            assert pid in SERVICE_FIGURES or pid in WORKER_FIGURES or pid in CONTAINER_PRICES or pid in FREE_PRICES, pid
            if pid in FREE_PRICES:
                assert pricing.prices[pid].price == 0, pid
    assert set(KIND_BINDING.values()) <= set(pricing.bindings)
    for kind in ("workers-paid", "workers-requests", "workers-cpu"):
        assert kind in pricing.prices


def test_usage_files_follow_their_schema() -> None:
    tree = yaml.safe_load(SHOP_USAGE.read_text())
    assert not list(_validator("usage.schema.json").iter_errors(tree))


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        ("*/15 * * * *", "2920.00"),  # 96 a day × 365 / 12
        ("0 3 * * 2-6", "21.75"),  # Monday to Friday (Cloudflare: 1 = Sunday): 261 days / 12
        ("0 0 1 * *", "1.00"),
        ("0 * * * *", "730.00"),
        ("30 2 * * 1", "4.33"),  # Sundays of 2027: 52
        ("0 0 1,15 * 1", "6.17"),  # both day fields restricted: either matches, 24 + 52 - 2 Sundays = 74 days
        ("0 0 L * *", None),
        ("bad", None),
    ],
)
def test_cron_firings_per_month(schedule: str, expected: str | None) -> None:
    found = firings_per_month(schedule)
    assert (str(found) if found is not None else None) == expected


def _price(price: str, per: str, included: str) -> Price:
    return Price(
        "p", "Product", "item", "request", Decimal(per), Decimal(price), Decimal(included), "2026-10-02", "https://x"
    )


@settings(max_examples=300)
@given(
    quantity=st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False),
    included=st.sampled_from(["0", "1", "1000000", "10000000"]),
    price=st.sampled_from(["0.30", "0.015", "0.0000025", "4.50", "12.50"]),
    per=st.sampled_from(["1", "1000", "1000000"]),
    split=st.integers(min_value=1, max_value=4),
)
def test_a_line_is_quantity_above_the_allowance_times_the_unit_price(
    quantity: Decimal, included: str, price: str, per: str, split: int
) -> None:
    unit = _price(price, per, included)
    share = (quantity / split).quantize(Decimal("0.01"))
    parts = [Part(f"s{i}", share, "figure") for i in range(split - 1)]
    parts.append(Part("last", quantity - share * (split - 1), "figure"))
    line = make_line(unit, parts)
    assert line.quantity == quantity  # parts add up; the allowance is taken once
    assert line.billable == max(quantity - Decimal(included), Decimal(0))
    exact = line.billable / Decimal(per) * Decimal(price)
    assert line.amount == exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert line.amount is not None and line.amount.as_tuple().exponent == -2  # always cents
    assert abs(line.amount - exact) <= Decimal("0.005")
    if quantity <= Decimal(included):
        assert line.amount == 0


def test_a_part_with_no_figure_makes_the_line_no_figure_never_zero() -> None:
    line = make_line(_price("0.30", "1000000", "10000000"), [Part("a", Decimal(5), "x"), Part("b", None, "y")])
    assert line.quantity is None and line.amount is None


def test_the_shop_bill_with_its_usage_file() -> None:
    analysis = run_analysis(SHOP)
    bill = compute(analysis, load_usage(str(SHOP_USAGE)), load_pricing())
    document = to_json(bill)
    assert not list(_validator("cost.schema.json").iter_errors(document))
    lines = {line["price_id"]: line for line in document["lines"]}
    # Every line is recomputable from the pricing file: quantity, allowance, unit price.
    for line in document["lines"]:
        if line["quantity"] is None:  # a free item with no figure: included, never billed
            assert line["unit_price"] == "0" and line["amount"] == "0.00", line["price_id"]
            continue
        billable = max(Decimal(line["quantity"]) - Decimal(line["included"]), Decimal(0))
        assert Decimal(line["billable"]) == billable
        expected = (billable / Decimal(line["per"]) * Decimal(line["unit_price"])).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )
        assert Decimal(line["amount"]) == expected, line["price_id"]
    assert Decimal(document["total"]) == sum(Decimal(line["amount"]) for line in document["lines"] if line["amount"])
    assert document["complete"] is True
    # crons per month come from the schedules; the volume's size from the usage file
    assert lines["workers-requests"]["quantity"] == "12002941.75"
    assert lines["r2-storage"]["quantity"] == "60" and lines["r2-storage"]["amount"] == "0.75"
    assert lines["queues-operations"]["quantity"] == "1800000"  # 3 operations a message
    assert lines["hyperdrive-queries"]["amount"] == "0.00"
    assert document["total"] == "10.01" and document["current_cost"] == "48.00" and document["difference"] == "-37.99"


def test_with_no_usage_the_bill_shows_what_has_no_figure_with_its_unit_price() -> None:
    bill = compute(run_analysis(SHOP), Usage(), load_pricing())
    text = render_text(bill)
    assert "at least $5.00 a month" in text
    no_figure = [line for line in bill.lines if line.amount is None]
    assert no_figure and all(line.price.price > 0 for line in no_figure)
    assert "no figure: $0.30 per 1,000,000 requests beyond 10,000,000 included" in text
    assert "no figure: $0.015 per GB-month beyond 10 included" in text


def test_containers_bill_by_instance_type_replicas_and_hours(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  app:\n    image: ghost:5\n    deploy:\n      replicas: 3\n      resources: {limits: {memory: 1g}}\n"
    )
    analysis = run_analysis(tmp_path / "compose.yaml")
    assert analysis.assessment("app").target.kind == "container"  # type: ignore[union-attr]
    usage = Usage(services={"app": {"cpu_utilization": Decimal("0.1")}})
    lines = {line.price.id: line for line in compute(analysis, usage, load_pricing()).lines}
    seconds = Decimal(3 * 730 * 3600)
    assert lines["containers-memory"].quantity == seconds * 1  # basic: 1 GiB
    assert lines["containers-disk"].quantity == seconds * 4  # basic: 4 GB
    assert lines["containers-cpu"].quantity == seconds * Decimal("0.25") * Decimal("0.1")
    # (7,884,000 − 90,000 included) GiB-s × $0.0000025 = $19.485, rounded half up to the cent
    assert lines["containers-memory"].amount == Decimal("19.49")
    assert "3 replica(s) (deploy.replicas)" in lines["containers-memory"].parts[0].basis


def test_cost_formats_snapshots(snapshot: object) -> None:
    bill = compute(run_analysis(SHOP), load_usage("examples/shop/usage.yaml"), load_pricing())
    assert {"text": render_text(bill), "markdown": render_markdown(bill), "json": to_json(bill)} == snapshot


def test_cost_command(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code = main(["cost", "examples/shop/compose.yaml", "--usage", "examples/shop/usage.yaml", "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0 and json.loads(out)["total"] == "10.01"
    assert main(["cost", "examples/shop/compose.yaml", "--current-cost", "$30"]) == 0
    assert "against $30.00 today" in capsys.readouterr().out
    assert main(["schema", "cost"]) == 0 and json.loads(capsys.readouterr().out)["title"].startswith("migrator cost")
    assert main(["schema", "usage"]) == 0 and "--usage" in json.loads(capsys.readouterr().out)["title"]


def test_figures_no_line_reads_are_named(tmp_path: Path) -> None:
    usage = tmp_path / "usage.yaml"
    usage.write_text(
        "services:\n  minio: {reads_per_month: 5, class_b_per_month: 7}\n  nosuch: {storage_gb: 1}\n"
        "volumes: {minio: 3, pgdata: 9, other: 1}\n"
    )
    bill = compute(run_analysis(SHOP), load_usage(str(usage)), load_pricing())
    # reads_per_month is a KV figure and minio becomes R2; Hyperdrive leaves Postgres's pgdata alone
    assert bill.unused == (
        "services.minio.reads_per_month",
        "services.nosuch.storage_gb",
        "volumes.other",
        "volumes.pgdata",
    )
    assert "Not used by this plan" in render_text(bill)


def test_bad_usage_is_a_located_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "usage.yaml"
    bad.write_text("workers:\n  requests_per_month: 100\nservices:\n  db:\n    storage_gb: lots\n")
    with pytest.raises(MigratorError) as info:
        load_usage(str(bad))
    assert info.value.span is not None and info.value.span.line == 5
    code = main(["cost", str(project_file("blockers")), "--usage", str(bad)])
    err = capsys.readouterr().err
    assert code == 2 and f"{bad}:5:" in err and "Traceback" not in err
    assert main(["cost", str(project_file("blockers")), "--current-cost", "lots"]) == 2


def test_cost_and_effort_deltas_for_a_pull_request() -> None:
    from migrator.emit.audit import cost_delta, effort_delta
    from migrator.emit.document import build

    base = build(run_analysis(SHOP))
    head = json.loads(json.dumps(base))
    head["cost"]["total"] = "7.50"
    head["effort"]["totals"] = {**base["effort"]["totals"], "large": 3, "small": 2}
    assert cost_delta(base, head) == "Cost: $5.00 → $7.50 a month (+$2.50) (lower bounds: some usage has no figure)"
    assert effort_delta(base, head) == "Effort: +1 large, −1 small (now 3 large, 3 medium, 2 small, 1 none)"
    assert effort_delta(base, base).startswith("Effort: no change")


def test_the_cost_command_imports_no_browser_or_graph_library() -> None:
    code = (
        "import sys; from migrator.cli import main; main(['cost', 'examples/shop/compose.yaml']); "
        "print(sorted(m for m in ('networkx', 'jinja2') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")


@functools.cache
def _shop() -> object:
    return run_analysis(SHOP)


_figure = st.one_of(st.none(), st.integers(min_value=0, max_value=10**10), st.decimals(0, 10**6, places=3))


@settings(max_examples=60, deadline=None)
@given(
    requests=_figure,
    cpu=_figure,
    reads=_figure,
    writes=_figure,
    storage=_figure,
    messages=_figure,
    volume=_figure,
)
def test_any_usage_gives_a_bill_a_reader_recomputes(
    requests: object, cpu: object, reads: object, writes: object, storage: object, messages: object, volume: object
) -> None:
    def given_(figures: dict[str, object]) -> dict[str, Decimal]:
        return {k: Decimal(str(v)) for k, v in figures.items() if v is not None}

    usage = Usage(
        workers=given_({"requests_per_month": requests, "cpu_ms_per_request": cpu}),
        services={
            "cache": given_({"reads_per_month": reads, "writes_per_month": writes, "storage_gb": storage}),
            "rabbitmq": given_({"messages_per_month": messages}),
        },
        volumes=given_({"minio": volume}),
    )
    document = to_json(compute(_shop(), usage, load_pricing()))  # type: ignore[arg-type]
    total = Decimal(0)
    for line in document["lines"]:
        if line["amount"] is None:  # no figure: never a silent $0, and the unit price is shown
            assert line["quantity"] is None and line["formula"].startswith("no figure: $")
            continue
        total += Decimal(line["amount"])
        if line["quantity"] is None or line["unit_price"] == "0":
            assert line["amount"] == "0.00"
            continue
        billable = max(Decimal(line["quantity"]) - Decimal(line["included"]), Decimal(0))
        exact = billable / Decimal(line["per"]) * Decimal(line["unit_price"])
        assert Decimal(line["amount"]) == exact.quantize(Decimal("0.01"), ROUND_HALF_UP), line["price_id"]
        assert re.fullmatch(r"\d+\.\d\d", line["amount"])
    assert Decimal(document["total"]) == total
    assert document["complete"] == (document["missing"] == 0)


@settings(max_examples=100)
@given(
    minutes=st.sets(st.integers(0, 59), min_size=1, max_size=5),
    hours=st.sets(st.integers(0, 23), min_size=1, max_size=4),
)
def test_a_daily_schedule_fires_its_times_a_day_365_times_a_year(minutes: set[int], hours: set[int]) -> None:
    schedule = f"{','.join(map(str, sorted(minutes)))} {','.join(map(str, sorted(hours)))} * * *"
    expected = (Decimal(len(minutes) * len(hours) * 365) / 12).quantize(Decimal("0.01"))
    assert firings_per_month(schedule) == expected
