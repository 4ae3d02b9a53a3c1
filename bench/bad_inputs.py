"""Time and peak memory of `migrator analyze` on every case of the bad-input catalogue.

    python bench/bad_inputs.py

Each case must end with the exit code the catalogue says, in under a second and under 200 MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from bad_inputs import CASES  # noqa: E402


def main() -> None:
    worst_time = 0.0
    worst_rss = 0
    failures = 0
    for case in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            case.write(root)
            target = "project/compose.yaml" if "--project-directory" in case.args else "compose.yaml"
            cmd = [
                sys.executable,
                "-m",
                "migrator",
                "analyze",
                target,
                "--format",
                "json",
                "--fail-on",
                "never",
                *case.args,
            ]
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - start
            code = os.waitstatus_to_exitcode(status)
            rss = usage.ru_maxrss // 1024
            ok = code == case.exit_code and elapsed < 1.0 and rss < 200
            failures += not ok
            worst_time, worst_rss = max(worst_time, elapsed), max(worst_rss, rss)
            print(f"{'ok ' if ok else 'BAD'} {case.name:32} exit {code}  {elapsed:5.2f} s  {rss:4} MB")
    print(f"worst: {worst_time:.2f} s, {worst_rss} MB; {failures} case(s) over the limits")


if __name__ == "__main__":
    main()
