"""The audit report: effort classes, the self-contained HTML page, and the page in a real Chromium."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLE_PROJECTS, FIXTURE_PROJECTS, IN_CI, NODE, NODE_MODULES, ROOT, project_file, run_analysis
from hypothesis import given
from hypothesis import strategies as st

from migrator import emit
from migrator.emit import html
from migrator.emit.document import build as build_document
from migrator.engine import load_catalogue
from migrator.model import EFFORT_CLASSES, TARGET_KINDS

PROJECTS = EXAMPLE_PROJECTS + FIXTURE_PROJECTS
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHECK = ROOT / "tests" / "browser" / "check_report.cjs"

HOSTILE = """\
services:
  "<script>alert(1)</script>":
    image: "nginx:1.27"
    environment:
      NOTE: "</svg><script>alert(2)</script>"
  "q\\"u'o`te":
    image: "redis:7"
  "</svg>":
    image: "node:22"
    command: ["node", "x.js"]
    environment:
      CACHE_URL: "redis://q\\"u'o`te:6379"
      LINE: "a\\u2028b"
  "sep\\u2028line":
    image: "minio/minio"
    command: server /data
"""


# --- effort ------------------------------------------------------------------------------------


def test_every_target_rule_and_every_kind_has_an_effort_class() -> None:
    catalogue = load_catalogue()
    for rule in catalogue.rules.values():
        if rule.target and rule.id != "MAP-UNKNOWN":
            assert rule.effort is not None, rule.id
            assert rule.effort[0] in EFFORT_CLASSES and len(rule.effort[1]) >= 10, rule.id
    assert set(catalogue.effort) == set(TARGET_KINDS)


def test_effort_examples_from_the_method() -> None:
    document = build_document(run_analysis(project_file("shop")))
    effort = {s["name"]: s["effort"] for s in document["services"]}
    assert effort["minio"]["class"] == "small" and effort["minio"]["reason"].startswith("drop-in")  # R2 for MinIO
    assert effort["cron"]["class"] == "small"  # Cron Triggers for a crontab
    assert effort["db"]["class"] == "small" and effort["db"]["reason"].startswith("config")  # Hyperdrive
    assert effort["api"]["class"] == "large" and effort["api"]["reason"].startswith("rewrite")  # Node to a Worker
    assert effort["traefik"]["class"] == "none"
    totals = document["effort"]["totals"]
    assert sum(totals.values()) == len(document["services"])
    per_wave: dict[str, int] = {}
    for wave in document["effort"]["waves"]:
        for level, count in wave["totals"].items():
            per_wave[level] = per_wave.get(level, 0) + count
        assert sum(wave["totals"].values()) == len(wave["services"])
    assert per_wave == totals
    assert [w["services"] for w in document["effort"]["waves"]] == document["waves"]


def test_x_migrator_sets_the_effort_or_says_it_cannot(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  cache:\n    image: redis:7\n    x-migrator: {effort: large, reason: Lua scripts everywhere}\n"
        "  store:\n    image: minio/minio\n    command: server /data\n"
        "    x-migrator: {effort: {class: medium, reason: two buckets with lifecycle rules}}\n"
        "  app:\n    image: example/app\n    x-migrator: {target: d1, reason: we rewrite it}\n"
        "  odd:\n    image: redis:7\n    x-migrator: {effort: huge}\n"
    )
    analysis = run_analysis(tmp_path / "compose.yaml")
    effort = {a.service: a.effort for a in analysis.assessments}
    assert effort["cache"] == ("large", "Lua scripts everywhere", "x-migrator")
    assert effort["store"] == ("medium", "two buckets with lifecycle rules", "x-migrator")
    assert effort["app"] is not None and effort["app"].source == "kind:d1" and effort["app"].level == "large"
    assert effort["odd"] is not None and effort["odd"].source == "MAP-CACHE"
    assert any(f.rule_id == "MIG001" and "x-migrator.effort 'huge'" in f.message for f in analysis.findings)


# --- HTML ------------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.scripts += tag == "script"


def _tags(text: str) -> _Tags:
    parser = _Tags()
    parser.feed(text)
    return parser


@pytest.mark.parametrize("name", PROJECTS)
def test_html_snapshots(name: str, snapshot: object, catalogue: object) -> None:
    assert emit.render("html", run_analysis(project_file(name)), catalogue) == snapshot


@pytest.mark.parametrize("name", PROJECTS)
def test_html_is_self_contained(name: str, catalogue: object) -> None:
    text = emit.render("html", run_analysis(project_file(name)), catalogue)
    parsed = _tags(text)
    assert parsed.scripts == 1  # ours, inline
    for tag, attrs in parsed.tags:
        assert "src" not in attrs, tag  # nothing loaded: no images, scripts or frames from elsewhere
        assert tag not in ("link", "iframe", "img", "object", "embed"), tag
        if tag == "a":
            assert (attrs.get("href") or "").startswith(("#", "https://developers.cloudflare.com/")), attrs
    assert "@import" not in text and "url(" not in text
    assert "default-src 'none'" in text  # the page's CSP forbids any request
    assert "@media print" in text


def test_html_escapes_hostile_names(tmp_path: Path, catalogue: object) -> None:
    (tmp_path / "compose.yaml").write_text(HOSTILE)
    analysis = run_analysis(tmp_path / "compose.yaml")
    text = emit.render("html", analysis, catalogue)
    parsed = _tags(text)
    assert parsed.scripts == 1
    assert text.count("<svg") == 1 and text.count("</svg>") == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script>alert" not in text and "</svg><script>" not in text
    assert "&lt;/svg&gt;" in text and "q&#34;u&#39;o`te" in text
    # every attribute value stays one value: data-service holds the whole name
    services = {attrs.get("data-service") for tag, attrs in parsed.tags if tag == "tr" and "data-service" in attrs}
    assert services == {s.name for s in analysis.project.services}
    nodes = [attrs["data-service"] for tag, attrs in parsed.tags if "svc" in (attrs.get("class") or "").split()]
    assert sorted(nodes) == sorted(s.name for s in analysis.project.services)  # type: ignore[type-var]


def test_html_readiness_is_computed_and_explained(catalogue: object) -> None:
    document = build_document(run_analysis(project_file("blockers")))
    figure = html.readiness(document)
    blocked = {f["service"] for f in document["findings"] if f["severity"] == "blocker" and f["service"]}
    movable = [s for s in document["services"] if s["name"] not in blocked and s["target"]["kind"] != "unsupported"]
    assert figure["ready"] == len(movable) and figure["total"] == len(document["services"])
    text = emit.render("html", run_analysis(project_file("blockers")), catalogue)
    assert f">{figure['percent']}%<" in text and "Readiness = services with a Cloudflare target" in text
    assert text.index('id="blockers-h"') < text.index('id="services-h"')  # blockers first


def test_the_picture_is_deterministic_and_laid_out_by_wave() -> None:
    document = build_document(run_analysis(project_file("shop")))
    first, second = html.picture(document), html.picture(document)
    assert first == second
    before = {n.service: n for n in first.nodes if n.panel == "before"}
    wave_of = {name: index for index, wave in enumerate(document["waves"]) for name in wave}
    for name, node in before.items():  # a later wave is further right
        assert node.x == html.LEFT + wave_of[name] * html.COL_W
    assert len(before) == len(document["services"])
    assert sum(1 for link in first.links if link.panel == "after") > 0


def test_out_writes_report_html(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from migrator.cli import main

    monkeypatch.chdir(ROOT)
    out = tmp_path / "plan"
    code = main(["analyze", "examples/shop/compose.yaml", "--out", str(out), "--usage", "examples/shop/usage.yaml"])
    assert code == 0
    page = (out / "report.html").read_text()
    assert "$10.01" in page and "against $48.00 today" in page
    assert json.loads((out / "report.json").read_text())["cost"]["total"] == "10.01"


# --- in a real browser ---------------------------------------------------------------------------


def _browser() -> None:
    missing = [what for what, path in (("chromium", Path(CHROMIUM)), ("Node 22", NODE)) if not path.exists()]
    if not (NODE_MODULES / "playwright-core").exists():
        missing.append("playwright-core")
    if missing:
        if IN_CI:
            pytest.fail(f"{', '.join(missing)} missing in CI: .ci/run must install them")
        pytest.skip(f"{', '.join(missing)} not installed here")


def _check(page: Path, tmp: Path, filter_text: str) -> dict[str, object]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp),
        "CHROMIUM": CHROMIUM,
        "FILTER": filter_text,
    }
    done = subprocess.run(
        [str(NODE), str(CHECK), str(page)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_the_shop_report_in_chromium(tmp_path: Path, catalogue: object) -> None:
    _browser()
    analysis = run_analysis(project_file("shop"))
    page = tmp_path / "report.html"
    page.write_text(emit.render("html", analysis, catalogue))
    result = _check(page, tmp_path, "worker")
    names = sorted(s.name for s in analysis.project.services)
    assert result["errors"] == [] and result["requests"] == []
    assert sorted(result["svgServices"]) == names  # type: ignore[arg-type]
    assert result["svgResources"] == len(names)
    assert result["sortedOnce"] == names and result["sortedTwice"] == names[::-1]
    assert result["ariaSort"] == "descending"
    rank = {c: i for i, c in enumerate(EFFORT_CLASSES)}
    efforts = result["byEffort"]
    assert efforts == sorted(efforts, key=rank.__getitem__)  # type: ignore[arg-type]
    kinds = {a.service: a.target.kind for a in analysis.assessments}
    assert sorted(result["filtered"]) == sorted(n for n in names if kinds[n] == "worker")  # type: ignore[arg-type]
    assert sorted(result["unfiltered"]) == names  # type: ignore[arg-type]


def test_a_hostile_report_in_chromium(tmp_path: Path, catalogue: object) -> None:
    _browser()
    (tmp_path / "compose.yaml").write_text(HOSTILE)
    analysis = run_analysis(tmp_path / "compose.yaml")
    page = tmp_path / "report.html"
    page.write_text(emit.render("html", analysis, catalogue))
    result = _check(page, tmp_path, "</svg>")
    assert result["errors"] == [] and result["requests"] == []
    assert sorted(result["svgServices"]) == sorted(s.name for s in analysis.project.services)  # type: ignore[arg-type]
    assert result["filtered"] == ["</svg>"]
    assert result["title"] == "migrator audit: " + analysis.project.name + " on Cloudflare"


def test_the_screenshot_in_the_docs_is_of_the_example() -> None:
    shot = ROOT / "docs" / "report.png"
    assert shot.exists() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "docs/report.png" in (ROOT / "README.md").read_text()


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_reports_do_not_import_networkx(fmt: str) -> None:
    # networkx costs a quarter of a second to import; the picture orders its waves without it.
    code = f"import sys; from migrator.cli import main; main(['analyze', 'examples/shop/compose.yaml', '--format', '{fmt}'])"
    check = "import atexit, sys; atexit.register(lambda: print('networkx' in sys.modules, file=sys.stderr)); "
    done = subprocess.run([sys.executable, "-c", check + code], cwd=ROOT, capture_output=True, text=True)
    assert done.stderr.strip().endswith("False"), done.stderr


def test_a_team_sets_effort_classes_with_rules(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "team.yaml").write_text(
        "effort:\n  kv: {class: large, reason: our cache calls are everywhere}\n"
        "rules:\n"
        "  - id: MAP-S3\n    title: MinIO becomes R2, the hard way\n    role: object-store\n    target: r2\n"
        "    effort: {class: medium, reason: presigned URLs to rewrite}\n"
        "    match: {image: minio/minio}\n    rationale: we use presigned URLs a lot\n"
        "    docs: https://developers.cloudflare.com/r2/\n"
    )
    catalogue = load_catalogue((str(rules),))
    assert catalogue.effort["kv"] == ("large", "our cache calls are everywhere")
    assert catalogue.rules["MAP-S3"].effort == ("medium", "presigned URLs to rewrite")
    (tmp_path / "compose.yaml").write_text(
        "services:\n  minio:\n    image: minio/minio\n    command: server /data\n"
        "  cache:\n    image: redis:7\n    x-migrator: {target: kv, reason: pinned}\n"
    )
    from migrator.api import AnalyzeOptions, analyze
    from migrator.compose import LoadOptions

    options = AnalyzeOptions(load=LoadOptions(files=(str(tmp_path / "compose.yaml"),), environ={}))
    effort = {a.service: a.effort for a in analyze(options, catalogue).assessments}
    assert effort["minio"] == ("medium", "presigned URLs to rewrite", "MAP-S3")
    assert effort["cache"] == ("large", "our cache calls are everywhere", "kind:kv")


def test_the_picture_stays_readable_at_50_services(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "50", str(tmp_path)], check=True)
    document = build_document(run_analysis(tmp_path / "compose.yaml"))
    drawn = html.picture(document)
    for panel in ("before", "after"):
        nodes = [n for n in drawn.nodes if n.panel == panel]
        assert len(nodes) == 50
        assert len({(n.x, n.y) for n in nodes}) == 50  # no box on another
        assert all(len(n.label) <= html.LABEL_CHARS for n in nodes)
    assert all(node.label == node.service for node in drawn.nodes if node.panel == "before")  # names fit whole
    assert drawn.width <= 1200  # three waves fit a laptop screen without scrolling sideways


@given(st.one_of(st.text(), st.integers(), st.none(), st.booleans()))
def test_the_page_escapes_as_its_templates_do(value: object) -> None:
    from markupsafe import escape

    assert html._e(value) == str(escape(value))
