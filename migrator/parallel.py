"""Run independent tasks side by side in forked processes, and bring their errors home.

``--out`` on a large project renders and writes thousands of files; its reports and its Worker
folders do not depend on each other.  With more than one CPU, forked children take the Worker
folders a share at a time from a common queue while this process writes the reports, then takes
shares too: whoever is free takes the next, so the processes end together whatever the disk or
the mix of the plan.  A fork shares the analysis without copying or pickling it.  Where ``fork``
is missing (Windows) or one CPU is all there is, the tasks run one after the other here, with the
same result: each task writes its own files, the same bytes whichever process writes them.

The queue is a pipe holding one byte per task, its index, written before the fork: a read of one
byte takes one task, and the end of the pipe says there is none left.  A child never prints and
never returns into the caller's code: it runs tasks until the queue is empty or one fails, writes
the outcome (nothing, or the error's kind, message and hint as JSON) to a pipe of its own and
leaves with ``os._exit``.  The parent re-raises a child's ``MigratorError`` as one of its own;
anything else becomes a ``ChildFailed`` naming the exception type, which the CLI reports as a bug.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from collections.abc import Callable, Sequence

from migrator.errors import MigratorError

MAX_JOBS = 4  # past this, the reports alone take longer than the shares of the others


class ChildFailed(RuntimeError):
    """A task in a child process raised something other than a MigratorError, or the child died."""


def available_jobs() -> int:
    """How many processes may run at once: the CPUs this process may use, at most MAX_JOBS, and
    1 where there is no ``fork``."""
    if not hasattr(os, "fork"):
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(MAX_JOBS, cpus))


MAX_TASKS = 255  # a task's index is one byte in the queue


def run(own: Callable[[], None], shared: Sequence[Callable[[], None]], jobs: int) -> None:
    """Run ``own`` in this process and every task of ``shared`` once, in this process or in one
    of ``jobs - 1`` children, whichever is free first."""
    if len(shared) > MAX_TASKS:
        raise ValueError(f"at most {MAX_TASKS} shared tasks")
    if jobs <= 1 or not shared or not hasattr(os, "fork"):
        own()
        for task in shared:
            task()
        return
    queue, filler = os.pipe()
    try:
        os.write(filler, bytes(range(len(shared))))  # far below a pipe's capacity
    finally:
        os.close(filler)  # readers then meet the end of the pipe once the queue is empty
    for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
        if stream is not None:  # None when the descriptor was closed (``>&-``)
            stream.flush()
    children: list[tuple[int, int]] = []
    failures: list[tuple[int, BaseException]] = []
    try:
        for _ in range(min(jobs - 1, len(shared))):
            try:
                children.append(_start(queue, shared))
            except OSError:  # no more processes to be had (EAGAIN, ENOMEM): fewer share the tasks
                break
        own()
        try:
            _drain(queue, shared)
        except _TaskFailed as failed:
            failures.append((failed.index, failed.error))
    except BaseException:
        _stop(children)
        raise
    finally:
        os.close(queue)
    while children:
        pid, reader = children.pop(0)
        try:
            outcome = _join(pid, reader)
            if outcome is not None:
                failures.append(outcome)
        except BaseException:  # interrupted while waiting: the others would write on, unwatched
            _end(pid)  # its reader is closed already
            _stop(children)
            raise
    if failures:  # the first task's in queue order: the same error whichever process met it
        raise min(failures, key=lambda failure: failure[0])[1]


class _TaskFailed(Exception):
    def __init__(self, index: int, error: Exception) -> None:
        super().__init__(index, error)
        self.index, self.error = index, error


def _drain(queue: int, shared: Sequence[Callable[[], None]]) -> None:
    """Run tasks from the queue until it is empty or one fails.  A failure empties the queue:
    every task before it has been taken already, and runs to its end, so that the error reported
    (the failed task first in queue order) is the one a single process would meet."""
    while taken := os.read(queue, 1):
        try:
            shared[taken[0]]()
        except Exception as exc:
            os.read(queue, MAX_TASKS)  # the tasks after it: never needed (the pipe has no writer left)
            raise _TaskFailed(taken[0], exc) from exc


def _start(queue: int, shared: Sequence[Callable[[], None]]) -> tuple[int, int]:
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        raise
    if pid == 0:  # the child: run tasks from the queue, report, leave
        code = 0
        try:
            signal.signal(signal.SIGTERM, _stopped)
            os.close(reader)
            outcome: dict[str, str | None] = {}
            try:
                _drain(queue, shared)
            except _TaskFailed as failed:
                task, exc = str(failed.index), failed.error
                if isinstance(exc, MigratorError):
                    outcome = {"kind": "input", "message": exc.message, "hint": exc.hint, "task": task}
                else:  # a bug: its type and text, for the parent to report
                    outcome = {"kind": "bug", "message": f"{type(exc).__name__}: {exc}", "task": task}
            except KeyboardInterrupt:
                outcome, code = {"kind": "interrupt"}, 130
            except BaseException as exc:
                outcome = {"kind": "bug", "message": f"{type(exc).__name__}: {exc}"}
            data = json.dumps(outcome).encode("utf-8")
            while data:
                data = data[os.write(writer, data) :]
            os.close(writer)
        except BaseException:
            code = 3
        finally:
            os._exit(code)
    os.close(writer)
    return pid, reader


def _stopped(signum: int, frame: object) -> None:
    """SIGTERM in a child (the parent failed): leave as an interrupt does, so that a file being
    written is removed rather than left half written."""
    raise KeyboardInterrupt


def _join(pid: int, reader: int) -> tuple[int, BaseException] | None:
    """Wait for a child; its error, if it had one, with the index of its task (-1: none, it
    comes first)."""
    chunks = []
    try:
        while chunk := os.read(reader, 65536):
            chunks.append(chunk)
    finally:
        os.close(reader)
    _, status = os.waitpid(pid, 0)
    try:
        outcome = json.loads(b"".join(chunks) or b"null")
    except ValueError:
        outcome = None
    if not isinstance(outcome, dict):  # it died before saying how it ended
        return -1, ChildFailed(f"a writer process ended with status {os.waitstatus_to_exitcode(status)}")
    task = outcome.get("task")
    index = int(task) if isinstance(task, str) and task.isdigit() else -1
    if outcome.get("kind") == "input":
        return index, MigratorError(str(outcome.get("message")), hint=outcome.get("hint"))
    if outcome.get("kind") == "interrupt":
        return -1, KeyboardInterrupt()
    if outcome.get("kind") == "bug":
        return index, ChildFailed(str(outcome.get("message")))
    if os.waitstatus_to_exitcode(status) != 0:
        return -1, ChildFailed(f"a writer process ended with status {os.waitstatus_to_exitcode(status)}")
    return None


def _stop(children: list[tuple[int, int]]) -> None:
    """End the children after the parent failed: they would only write more of a plan that is
    not complete."""
    for pid, reader in children:
        _end(pid)
        os.close(reader)


def _end(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGTERM)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)
