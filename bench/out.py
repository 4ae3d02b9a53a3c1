"""Time `migrator analyze --out DIR` beside `migrator analyze --format json` on one project.

    python bench/out.py [--size 1000] [--repeat 5]

Generates an N-service project and runs the commands in turns: `--format json`, `--out` into a
new, empty directory (as a first run writes it), and `--out` again over that plan (a re-run).
Prints the best wall time and the best CPU time (user + system of the process) of each, and their
ratios to `--format json`; the goal is `--out` within 1.5x. Creating some 1,600 files is a good
part of the cost and depends on the file system; CPU time moves less than wall time on a busy
machine. Figures are for this machine only. Run it by hand, never in the test suite.
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
        runs: dict[str, list[tuple[float, float]]] = {"json": [], "new": [], "again": []}
        files = 0
        for turn in range(args.repeat):
            runs["json"].append(measure([*base, "--format", "json"], root, env))
            out = root / f"plan{turn}"
            runs["new"].append(measure([*base, "--format", "json", "--out", str(out)], root, env))
            runs["again"].append(measure([*base, "--format", "json", "--out", str(out)], root, env))
            files = sum(len(names) for _, _, names in os.walk(out))
            shutil.rmtree(out)
    wall = {key: min(r[0] for r in values) for key, values in runs.items()}
    cpu = {key: min(r[1] for r in values) for key, values in runs.items()}
    print(f"{args.size} services, --out writes {files} files; best of {args.repeat}, the commands in turns")
    print(f"analyze --format json:               wall {wall['json']:6.3f} s   cpu {cpu['json']:6.3f} s")
    for key, label in (("new", "--out into a new directory:"), ("again", "--out over the same plan:")):
        print(
            f"{label:36} wall {wall[key]:6.3f} s   cpu {cpu[key]:6.3f} s   "
            f"ratio wall {wall[key] / wall['json']:4.2f}x  cpu {cpu[key] / cpu['json']:4.2f}x  (goal <= 1.5x)"
        )
    print(f"({os.cpu_count()} CPUs; Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
