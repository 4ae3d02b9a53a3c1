"""`migrator ... | head`: a reader that goes away stops migrator quietly, as SIGPIPE stops a Unix tool."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import EXAMPLES, ROOT

SHOP = str(EXAMPLES / "shop" / "compose.yaml")


def _run_into_closed_pipe(*args: str) -> subprocess.CompletedProcess[bytes]:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before migrator writes a byte
    try:
        return subprocess.run(
            [sys.executable, "-m", "migrator", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env={**os.environ, "NO_COLOR": "1"},
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)


@pytest.mark.parametrize(
    "args",
    [
        ("analyze", SHOP),
        ("analyze", SHOP, "--format", "json"),
        ("analyze", SHOP, "--format", "markdown", "--fail-on", "warning"),
        ("config", SHOP),
        ("rules", "list"),
        ("rules", "explain", "MAP-CACHE"),
        ("schema", "report"),
        ("--help",),
    ],
    ids=lambda args: " ".join(a for a in args if a != SHOP),
)
def test_a_closed_pipe_stops_quietly(args: tuple[str, ...]) -> None:
    proc = _run_into_closed_pipe(*args)
    assert proc.stderr == b""
    assert proc.returncode == 141


def test_an_open_pipe_still_gets_the_whole_report() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "migrator", "analyze", SHOP, "--format", "json"],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0 and proc.stderr == b"" and proc.stdout.rstrip().endswith(b"}")


@pytest.mark.parametrize("out", [False, True], ids=["report", "report and --out"])
def test_a_closed_standard_output_is_no_crash(tmp_path: os.PathLike[str], out: bool) -> None:
    # `migrator analyze ... >&-`: Python then has no sys.stdout at all; the plan is still
    # written, nothing is printed, and there is no traceback.
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "30", str(tmp_path)], check=True)
    args = ["analyze", "compose.yaml", "--format", "json", "--fail-on", "never"]
    if out:
        args += ["--out", "plan", "--jobs", "2"]
    proc = subprocess.run(
        [sys.executable, "-m", "migrator", *args],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert proc.stderr == b""
    assert proc.returncode == 0
    assert os.path.isfile(os.path.join(tmp_path, "plan", "report.json")) == out


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("args", [("--version",), ("--help",), ("analyze", "--help")])
def test_help_and_version_to_a_full_disk_say_so(args: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "migrator", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
    assert proc.stderr == b"migrator: error: cannot write standard output: No space left on device\n"
    assert proc.returncode == 2


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_a_report_to_a_full_disk_says_so(fmt: str) -> None:
    # A short report fails at the last flush, a long one while it is written: both say so.
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "migrator", "analyze", "examples/shop/compose.yaml", "--format", fmt],
            stdout=full,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
    assert proc.stderr == b"migrator: error: cannot write standard output: No space left on device\n"
    assert proc.returncode == 2
