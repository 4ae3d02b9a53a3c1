"""Time `migrator analyze --out DIR` beside `migrator analyze --format json` on one project.

    python bench/out.py [--size 1000] [--repeat 5]

Generates an N-service project and runs the two commands in turns, `--out` into a new, empty
directory each time (as a first run writes it). Prints the best wall time and the best CPU time
(user + system of the process) of each, and their ratios; the goal is `--out` within 1.5x of
`--format json`. CPU time moves less than wall time on a busy machine; both are for this machine
only. Run it by hand, never in the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

ROOT = Path(__file__).resolve().parent.parent


def measure(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        stderr = proc.stderr.read().decode()[-500:] if proc.stderr else ""
        raise SystemExit(f"{' '.join(cmd)} failed with {code}: {stderr}")
    return elapsed, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "PYTHONPATH": str(ROOT),
    }
    base = [sys.executable, "-m", "migrator", "analyze", "compose.yaml", "--fail-on", "never"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "compose.yaml").write_text(generate(args.size))
        json_runs: list[tuple[float, float]] = []
        out_runs: list[tuple[float, float]] = []
        files = 0
        for turn in range(args.repeat):
            json_runs.append(measure([*base, "--format", "json"], root, env))
            out = root / f"plan{turn}"
            out_runs.append(measure([*base, "--format", "json", "--out", str(out)], root, env))
            files = sum(len(names) for _, _, names in os.walk(out))
            shutil.rmtree(out)
    json_wall, json_cpu = min(r[0] for r in json_runs), min(r[1] for r in json_runs)
    out_wall, out_cpu = min(r[0] for r in out_runs), min(r[1] for r in out_runs)
    print(f"{args.size} services, --out writes {files} files; best of {args.repeat}, the two commands in turns")
    print(f"analyze --format json:          wall {json_wall:6.3f} s   cpu {json_cpu:6.3f} s")
    print(f"analyze --format json --out:    wall {out_wall:6.3f} s   cpu {out_cpu:6.3f} s")
    print(
        f"--out / --format json:          wall {out_wall / json_wall:5.2f}x   cpu {out_cpu / json_cpu:5.2f}x   (goal <= 1.5x)"
    )
    print(f"({os.cpu_count()} CPUs; Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
