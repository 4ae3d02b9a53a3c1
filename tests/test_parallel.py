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


def _wait() -> None:
    """The parent's own task: long enough that the child takes the share."""
    import time

    time.sleep(0.5)


def test_every_task_runs_once_whoever_is_free(tmp_path: Path) -> None:
    def task(i: int):  # type: ignore[no-untyped-def]
        def run() -> None:
            (tmp_path / f"{i}.{os.getpid()}").write_text(f"{i}\n")

        return run

    parallel.run(task(-1), [task(i) for i in range(200)], 3)
    done = sorted(p.name for p in tmp_path.iterdir())
    assert sorted(int(name.split(".")[0]) for name in done) == list(range(-1, 200))  # each once
    assert f"-1.{os.getpid()}" in done  # its own task here


def test_the_parent_takes_shares_once_its_own_task_is_done(tmp_path: Path) -> None:
    import time

    def slow_share() -> None:
        time.sleep(1.5)
        (tmp_path / f"slow.{os.getpid()}").touch()

    def quick_share(i: int):  # type: ignore[no-untyped-def]
        return lambda: (tmp_path / f"quick{i}.{os.getpid()}").touch()

    parallel.run(_wait, [slow_share, *(quick_share(i) for i in range(20))], 2)
    by = {p.name.split(".")[0]: int(p.name.split(".")[1]) for p in tmp_path.iterdir()}
    assert by["slow"] != os.getpid()  # the child took the first share
    assert any(pid == os.getpid() for pid in by.values())  # and the parent, free, took others


def test_tasks_run_apart_from_the_parent(tmp_path: Path) -> None:
    def record() -> None:
        (tmp_path / "pid").write_text(str(os.getpid()))

    def own() -> None:
        import time

        time.sleep(0.5)  # long enough for the child to take the share

    parallel.run(own, [record], 2)
    assert int((tmp_path / "pid").read_text()) != os.getpid()  # it ran in a child
    parallel.run(own, [record], 1)
    assert int((tmp_path / "pid").read_text()) == os.getpid()  # one job: here


def test_a_childs_input_error_is_raised_here() -> None:
    def refuse() -> None:
        raise MigratorError("refusing to write through the symbolic link plan/x", hint="remove the link")

    with pytest.raises(MigratorError) as raised:
        parallel.run(_wait, [refuse], 2)
    assert raised.value.message == "refusing to write through the symbolic link plan/x"
    assert raised.value.hint == "remove the link"


def test_a_childs_bug_and_a_childs_death_are_failures() -> None:
    def bug() -> None:
        raise KeyError("oops")

    with pytest.raises(parallel.ChildFailed, match="KeyError: 'oops'"):
        parallel.run(_wait, [bug], 2)

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(parallel.ChildFailed, match="ended with status -9"):
        parallel.run(_wait, [die], 2)


def test_the_parents_error_stops_the_children(tmp_path: Path) -> None:
    def slow() -> None:
        import time

        time.sleep(30)
        (tmp_path / "late").write_text("written")

    def fail() -> None:
        raise MigratorError("stop")

    with pytest.raises(MigratorError):
        parallel.run(fail, [slow], 2)
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


def test_a_queue_holds_at_most_255_tasks() -> None:
    with pytest.raises(ValueError, match="at most 255"):
        parallel.run(lambda: None, [lambda: None] * 256, 2)


def test_a_child_stopped_by_the_parents_error_runs_its_cleanup(tmp_path: Path) -> None:
    # A child writing a file when the parent fails is stopped with SIGTERM: it must leave the way
    # an interrupt does, removing what it had half written, not die on the spot.
    import time

    half = tmp_path / "half"
    seen: list[bool] = []

    def writing() -> None:
        half.write_text("half a file")
        try:
            reader, _writer = os.pipe()
            os.read(reader, 1)  # nobody writes: a long write, until stopped
        finally:
            half.unlink()

    def fail() -> None:
        for _ in range(3000):
            if half.exists():
                seen.append(True)
                break
            time.sleep(0.01)
        raise MigratorError("stop")

    with pytest.raises(MigratorError):
        parallel.run(fail, [writing], 2)
    assert seen == [True]
    assert not half.exists()


def test_an_interrupt_while_waiting_for_the_children_stops_them(tmp_path: Path) -> None:
    import time

    started = tmp_path / "pid"

    def slow() -> None:
        started.write_text(str(os.getpid()))
        time.sleep(30)

    def own() -> None:  # until the child has taken the share; then Ctrl-C here alone, while waiting
        for _ in range(3000):
            if started.exists() and started.read_text():
                break
            time.sleep(0.01)
        signal.setitimer(signal.ITIMER_REAL, 0.2)

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        with pytest.raises(KeyboardInterrupt):
            parallel.run(own, [slow], 2)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    with pytest.raises(ProcessLookupError):  # stopped and reaped, not left writing
        os.kill(int(started.read_text()), 0)


def test_the_error_reported_is_the_first_tasks_whichever_process_meets_it_first(tmp_path: Path) -> None:
    # A plan with two bad Worker folders names the same one on every run and for every --jobs:
    # the first in queue order, as one process meets it, not the one met first.
    import time

    taken = tmp_path / "taken"

    def first() -> None:  # taken by the child; fails late
        taken.write_text("yes")
        time.sleep(0.3)
        raise MigratorError("the first task's error")

    def second() -> None:  # taken here; fails at once
        raise MigratorError("the second task's error")

    def own() -> None:  # until the child has taken the first task
        for _ in range(3000):
            if taken.exists():
                return
            time.sleep(0.01)

    with pytest.raises(MigratorError) as raised:
        parallel.run(own, [first, second, lambda: None], 2)
    assert raised.value.message == "the first task's error"
    with pytest.raises(MigratorError) as raised:
        parallel.run(lambda: None, [first, second, lambda: None], 1)
    assert raised.value.message == "the first task's error"


def test_a_fork_refused_leaves_the_tasks_to_the_processes_there_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # fork() fails with EAGAIN at a process limit: not a bug to report, just fewer writers.
    real_fork = os.fork
    forks: list[int] = []

    def limited() -> int:
        if forks:
            raise BlockingIOError(11, "Resource temporarily unavailable")
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", limited)

    def task(i: int):  # type: ignore[no-untyped-def]
        def run() -> None:
            (tmp_path / str(i)).write_text("done")

        return run

    parallel.run(lambda: None, [task(i) for i in range(20)], 4)
    assert sorted(int(p.name) for p in tmp_path.iterdir()) == list(range(20))
