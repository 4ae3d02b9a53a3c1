"""Writing --out side by side: forked tasks, their errors brought home, and the same plan."""

from __future__ import annotations

import filecmp
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from migrator import parallel
from migrator.errors import MigratorError

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here: tasks run one after the other")


def _writer(path: Path, text: str):  # type: ignore[no-untyped-def]
    return lambda: path.write_text(text)


def test_tasks_run_in_children_and_the_parent(tmp_path: Path) -> None:
    tasks = [_writer(tmp_path / f"{i}.txt", f"{i}\n") for i in range(5)]
    parallel.run(tasks, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{i}.txt" for i in range(5)]


def test_tasks_run_apart_from_the_parent(tmp_path: Path) -> None:
    def record() -> None:
        (tmp_path / "pid").write_text(str(os.getpid()))

    parallel.run([lambda: None, record], 2)
    assert int((tmp_path / "pid").read_text()) != os.getpid()  # it ran in a child
    parallel.run([lambda: None, record], 1)
    assert int((tmp_path / "pid").read_text()) == os.getpid()  # one job: here


def test_a_childs_input_error_is_raised_here() -> None:
    def refuse() -> None:
        raise MigratorError("refusing to write through the symbolic link plan/x", hint="remove the link")

    with pytest.raises(MigratorError) as raised:
        parallel.run([lambda: None, refuse], 2)
    assert raised.value.message == "refusing to write through the symbolic link plan/x"
    assert raised.value.hint == "remove the link"


def test_a_childs_bug_and_a_childs_death_are_failures() -> None:
    def bug() -> None:
        raise KeyError("oops")

    with pytest.raises(parallel.ChildFailed, match="KeyError: 'oops'"):
        parallel.run([lambda: None, bug], 2)

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(parallel.ChildFailed, match="ended with status -9"):
        parallel.run([lambda: None, die], 2)


def test_the_parents_error_stops_the_children(tmp_path: Path) -> None:
    def slow() -> None:
        import time

        time.sleep(30)
        (tmp_path / "late").write_text("written")

    def fail() -> None:
        raise MigratorError("stop")

    with pytest.raises(MigratorError):
        parallel.run([fail, slow], 2)
    assert not (tmp_path / "late").exists()


def test_the_plan_is_the_same_whichever_process_writes_it(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "130", str(tmp_path)], check=True)
    plans = {}
    for jobs in ("1", "2", "3"):
        out = tmp_path / f"plan{jobs}"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "migrator",
                "analyze",
                "compose.yaml",
                "--out",
                str(out),
                "--jobs",
                jobs,
                "--format",
                "json",
                "--fail-on",
                "never",
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert done.returncode == 0, done.stderr
        plans[jobs] = (out, done.stdout)
    for jobs in ("2", "3"):
        assert plans[jobs][1] == plans["1"][1]  # the report on standard output too
        compared = filecmp.dircmp(plans["1"][0], plans[jobs][0])
        assert _same_tree(compared), jobs
    assert len(list(plans["1"][0].iterdir())) > 60


def _same_tree(compared: filecmp.dircmp[str]) -> bool:
    if compared.left_only or compared.right_only or compared.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(compared.left, compared.right, compared.common_files, shallow=False)
    return not mismatch and not errors and all(_same_tree(sub) for sub in compared.subdirs.values())


def test_available_jobs_is_between_one_and_four() -> None:
    assert 1 <= parallel.available_jobs() <= parallel.MAX_JOBS
