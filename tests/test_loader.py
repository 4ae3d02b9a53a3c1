from __future__ import annotations

import os
from pathlib import Path

import pytest

from migrator.compose import LoadOptions, load_project
from migrator.compose.loader import load
from migrator.errors import MigratorError


def write(tmp: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def config(tmp: Path, *files: str, **kw: object) -> dict:
    kw.setdefault("environ", {})
    if "files" not in kw:
        kw["files"] = files or ("compose.yaml",)
    return load_project(LoadOptions(cwd=str(tmp), **kw)).config  # type: ignore[arg-type]


def test_service_short_and_long_forms(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": """
services:
  web:
    image: nginx
    command: echo "a b" c
    ports: ["8080:80", "443"]
    environment: [A=1, B]
    labels: {x: "1"}
    volumes: ["./data:/data:ro", "cache:/cache"]
    depends_on: [db]
  db:
    image: postgres
    depends_on:
      cache: {condition: service_healthy}
  cache: {image: redis}
volumes: {cache: {}}
"""
        },
    )
    cfg = config(tmp_path)
    web = cfg["services"]["web"]
    assert web["command"] == ["echo", "a b", "c"]
    assert web["ports"][0] == {"mode": "ingress", "target": 80, "published": "8080", "protocol": "tcp"}
    assert web["environment"] == {"A": "1", "B": None}
    assert web["volumes"][0]["source"] == str(tmp_path / "data") and web["volumes"][0]["read_only"] is True
    assert web["depends_on"] == {"db": {"condition": "service_started", "required": True}}
    assert cfg["services"]["db"]["depends_on"]["cache"]["condition"] == "service_healthy"
    assert cfg["volumes"]["cache"]["name"] == f"{tmp_path.name.lower()}_cache".replace(".", "")


def test_env_file_precedence(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  a:\n    image: x\n    env_file: [one.env, {path: two.env, required: false}, {path: missing.env, required: false}]\n    environment:\n      C: from-environment\n",
            "one.env": "A=1\nB=one\nC=one\n",
            "two.env": "B=two\n# comment\nexport D='lit $X'\nE=\"line\\nbreak\"\n",
        },
    )
    env = config(tmp_path)["services"]["a"]["environment"]
    assert env == {"A": "1", "B": "two", "C": "from-environment", "D": "lit $$X", "E": "line\nbreak"}


def test_dotenv_and_process_environment(tmp_path: Path) -> None:
    write(
        tmp_path, {"compose.yaml": "services:\n  a:\n    image: ${IMG}:${TAG:-1}\n", ".env": "IMG=fromdotenv\nTAG=2\n"}
    )
    assert config(tmp_path)["services"]["a"]["image"] == "fromdotenv:2"
    assert config(tmp_path, environ={"TAG": "shell"})["services"]["a"]["image"] == "fromdotenv:shell"


def test_env_file_option_replaces_dotenv(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  a:\n    image: ${IMG}\n",
            ".env": "IMG=dot\n",
            "prod.env": "IMG=prod\n",
            "later.env": "IMG=later\n",
        },
    )
    assert config(tmp_path, env_files=("prod.env",))["services"]["a"]["image"] == "prod"
    assert config(tmp_path, env_files=("prod.env", "later.env"))["services"]["a"]["image"] == "later"


def test_compose_file_and_profiles_variables(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "base.yaml": "services:\n  a: {image: a}\n  dbg: {image: d, profiles: [debug]}\n",
            "extra.yaml": "services:\n  a: {image: a2}\n",
        },
    )
    cfg = config(tmp_path, files=(), environ={"COMPOSE_FILE": "base.yaml:extra.yaml", "COMPOSE_PROFILES": "debug"})
    assert cfg["services"]["a"]["image"] == "a2"
    assert "dbg" in cfg["services"]
    assert "dbg" not in config(tmp_path, "base.yaml")["services"]
    assert "dbg" in config(tmp_path, "base.yaml", profiles=("*",))["services"]


def test_project_name_sources(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": "name: My_App\nservices:\n  a: {image: x}\n"})
    assert config(tmp_path)["name"] == "my_app"
    assert config(tmp_path, project_name="Other")["name"] == "other"
    assert config(tmp_path, environ={"COMPOSE_PROJECT_NAME": "envname"})["name"] == "envname"


def test_multi_file_merge_rules(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  a:\n    image: a\n    command: [x, y]\n    ports: ['80:80']\n    environment: {A: '1', B: '1'}\n    volumes: ['./a:/data']\n    cap_add: [NET_ADMIN]\n",
            "compose.override.yaml": "services:\n  a:\n    command: [z]\n    ports: ['81:81', '80:80']\n    environment: [B=2, C=3]\n    volumes: ['./b:/data']\n    cap_add: [NET_ADMIN, SYS_TIME]\n",
        },
    )
    a = config(tmp_path, files=())["services"]["a"]
    assert a["command"] == ["z"]
    assert [p["published"] for p in a["ports"]] == ["80", "81"]
    assert a["environment"] == {"A": "1", "B": "2", "C": "3"}
    assert [v["source"] for v in a["volumes"]] == [str(tmp_path / "b")]
    assert a["cap_add"] == ["NET_ADMIN", "SYS_TIME"]


def test_reset_and_override(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  a:\n    image: a\n    ports: ['80:80']\n    environment: {A: '1', B: '2'}\n",
            "o.yaml": "services:\n  a:\n    ports: !reset []\n    environment: !override {C: '3'}\n",
        },
    )
    a = config(tmp_path, "compose.yaml", "o.yaml")["services"]["a"]
    assert "ports" not in a
    assert a["environment"] == {"C": "3"}


def test_extends_same_file_other_file_and_nested(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  base: {image: b, environment: {X: '1'}}\n  mid: {extends: base, environment: {Y: '2'}}\n  top: {extends: {service: mid}, environment: {Z: '3'}}\n  remote: {extends: {file: sub/common.yaml, service: common}}\n",
            "sub/common.yaml": "services:\n  common:\n    image: c\n    build: ./ctx\n    env_file: common.env\n",
            "sub/common.env": "FROM_FILE=yes\n",
        },
    )
    cfg = config(tmp_path)["services"]
    assert cfg["top"]["environment"] == {"X": "1", "Y": "2", "Z": "3"}
    assert cfg["remote"]["build"]["context"] == str(tmp_path / "sub" / "ctx")
    assert cfg["remote"]["environment"] == {"FROM_FILE": "yes"}


def test_extends_cycle_is_named(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": "services:\n  a: {extends: b, image: x}\n  b: {extends: a, image: y}\n"})
    with pytest.raises(MigratorError) as info:
        config(tmp_path)
    assert "extends cycle: a -> b -> a" in info.value.message
    assert info.value.span is not None and info.value.span.line == 2


def test_include_with_own_directory_and_dotenv(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": "include:\n  - lib/compose.yaml\nservices:\n  app: {image: app}\n",
            "lib/compose.yaml": "services:\n  db:\n    image: postgres:${PG:-15}\n    volumes: ['./data:/var/lib/postgresql/data']\n",
            "lib/.env": "PG=16\n",
        },
    )
    cfg = config(tmp_path)["services"]
    assert cfg["db"]["image"] == "postgres:16"
    assert cfg["db"]["volumes"][0]["source"] == str(tmp_path / "lib" / "data")


def test_include_conflict(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": "include: [other.yaml]\nservices:\n  db: {image: a}\n",
            "other.yaml": "services:\n  db: {image: b}\n",
        },
    )
    with pytest.raises(MigratorError, match="defined both here and in the included file"):
        config(tmp_path)


@pytest.mark.parametrize(
    ("key", "value"),
    [("extends", "{file: ../outside.yaml, service: x}"), ("env_file", "../outside.env")],
)
def test_paths_outside_the_project_are_refused(tmp_path: Path, key: str, value: str) -> None:
    project = tmp_path / "project"
    write(tmp_path, {"outside.yaml": "services:\n  x: {image: x}\n", "outside.env": "A=1\n"})
    write(project, {"compose.yaml": f"services:\n  a:\n    image: a\n    {key}: {value}\n"})
    with pytest.raises(MigratorError, match="outside the project directory"):
        config(project)
    config(project, allow_outside=True)


def test_include_outside_the_project_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write(tmp_path, {"outside.yaml": "services:\n  x: {image: x}\n"})
    write(project, {"compose.yaml": "include: [../outside.yaml]\nservices:\n  a: {image: a}\n"})
    with pytest.raises(MigratorError, match="outside the project directory"):
        config(project)


def test_symlink_escape_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write(tmp_path, {"secret.env": "TOKEN=1\n"})
    write(project, {"compose.yaml": "services:\n  a:\n    image: a\n    env_file: link.env\n"})
    os.symlink(tmp_path / "secret.env", project / "link.env")
    with pytest.raises(MigratorError, match="outside the project directory"):
        config(project)


def test_lenient_and_strict(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  a:\n    image: ${IMG:?IMG is needed}\n    env_file: missing.env\n    bogus: 1\n"
        },
    )
    loaded = load(LoadOptions(files=("compose.yaml",), cwd=str(tmp_path), environ={}))
    ids = sorted(f.rule_id for f in loaded.findings)
    assert ids == ["CMP001", "CMP002", "CMP003"]
    with pytest.raises(MigratorError) as info:
        load(LoadOptions(files=("compose.yaml",), cwd=str(tmp_path), environ={}, strict=True))
    assert info.value.span is not None and info.value.span.where() == "compose.yaml:3:5"


def test_schema_findings_have_locations(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": "services:\n  a:\n    image: a\n    ports: 80\n"})
    loaded = load(LoadOptions(files=("compose.yaml",), cwd=str(tmp_path), environ={}))
    finding = next(f for f in loaded.findings if f.rule_id == "CMP001")
    assert finding.span is not None and finding.span.where() == "compose.yaml:4:5"
    assert "services.a.ports" in finding.message


def test_default_file_lookup_with_override(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "docker-compose.yml": "services:\n  a: {image: a}\n",
            "docker-compose.override.yml": "services:\n  a: {image: b}\n",
        },
    )
    (tmp_path / "sub").mkdir()
    loaded = load(LoadOptions(cwd=str(tmp_path / "sub"), environ={}))
    assert loaded.files == ["docker-compose.yml", "docker-compose.override.yml"]


def test_stdin(tmp_path: Path) -> None:
    cfg = load_project(
        LoadOptions(files=("-",), stdin="services:\n  a: {image: from-stdin}\n", cwd=str(tmp_path), environ={})
    ).config
    assert cfg["services"]["a"]["image"] == "from-stdin"


def test_missing_file_and_not_a_project(tmp_path: Path) -> None:
    with pytest.raises(MigratorError, match=r"Compose file not found: nope\.yaml"):
        config(tmp_path, "nope.yaml")
    write(tmp_path, {"list.yaml": "- a\n- b\n", "plain.yaml": "hello: world\n"})
    with pytest.raises(MigratorError, match="top level must be a mapping"):
        config(tmp_path, "list.yaml")
    with pytest.raises(MigratorError, match="it has no 'services'"):
        config(tmp_path, "plain.yaml")


def test_file_size_limit(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": "services:\n  a: {image: a}\n" + "#" * 2000 + "\n"})
    with pytest.raises(MigratorError, match="over the limit of 1000"):
        config(tmp_path, max_file_size=1000)


def test_non_utf8_names_the_byte(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_bytes(b"services:\n  a:\n    image: caf\xe9\n")
    with pytest.raises(MigratorError) as info:
        config(tmp_path)
    assert info.value.render().startswith("compose.yaml:3:15: the file is not UTF-8 text (byte 0xe9)")


def test_version_one_format_is_read_leniently(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": "web:\n  image: nginx\n  links: [db]\ndb:\n  image: postgres\n"})
    loaded = load(LoadOptions(files=("compose.yaml",), cwd=str(tmp_path), environ={}))
    assert sorted(loaded.model["services"]) == ["db", "web"]
    assert any(f.rule_id == "CMP007" for f in loaded.findings)
    with pytest.raises(MigratorError):
        load(LoadOptions(files=("compose.yaml",), cwd=str(tmp_path), environ={}, strict=True))


def test_an_unset_variable_is_one_finding_at_its_first_use(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  a:\n    image: x:${TAG}\n  b:\n    image: y:${TAG}\n    environment: {T: '${TAG}'}\n"
        },
    )
    loaded = load(LoadOptions(files=("compose.yaml",), cwd=str(tmp_path), environ={}))
    (finding,) = [f for f in loaded.findings if f.rule_id == "CMP004"]
    assert finding.message == "the variable TAG is not set (3 places); it defaults to an empty string"
    assert finding.span is not None and finding.span.where() == "compose.yaml:3:5"
