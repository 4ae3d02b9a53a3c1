"""Time and peak memory of `migrator analyze` on every case of the bad-input catalogue.

    python bench/bad_inputs.py

Each case must end with the exit code the catalogue says, in under a second of CPU time and
under 200 MB, with no traceback.  A case still running after 30 seconds is stopped and counted as
over.  CPU time (user + system) is the verdict because wall time on a shared machine moves with
the load; both are printed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from bad_inputs import CASES  # noqa: E402


def main() -> None:
    worst_time = 0.0
    worst_wall = 0.0
    worst_rss = 0
    failures = 0
    for case in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            case.write(root)
            cmd = [
                sys.executable,
                "-m",
                "migrator",
                "analyze",
                case.target,
                "--format",
                "json",
                "--fail-on",
                "never",
                *case.args,
            ]
            stdin = root / ".stdin"
            stdin.write_bytes(case.stdin or b"")
            err = root / ".stderr"
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            start = time.perf_counter()
            with stdin.open("rb") as given, err.open("wb") as errors:
                proc = subprocess.Popen(cmd, cwd=root, stdin=given, stdout=subprocess.DEVNULL, stderr=errors, env=env)
                timer = threading.Timer(30, proc.kill)
                timer.start()
                _, status, usage = os.wait4(proc.pid, 0)
                timer.cancel()
            elapsed = time.perf_counter() - start
            code = os.waitstatus_to_exitcode(status)
            rss = usage.ru_maxrss // 1024
            cpu = usage.ru_utime + usage.ru_stime
            clean = b"Traceback" not in err.read_bytes()
            ok = code == case.exit_code and cpu < 1.0 and rss < 200 and clean
            failures += not ok
            worst_time, worst_rss = max(worst_time, cpu), max(worst_rss, rss)
            worst_wall = max(worst_wall, elapsed)
            print(
                f"{'ok ' if ok else 'BAD'} {case.name:42} exit {code}  {cpu:5.2f} s CPU  {elapsed:5.2f} s wall  {rss:4} MB"
            )
    print(
        f"{len(CASES)} cases; worst: {worst_time:.2f} s CPU ({worst_wall:.2f} s wall), {worst_rss} MB; "
        f"{failures} case(s) over the limits"
    )


if __name__ == "__main__":
    main()
