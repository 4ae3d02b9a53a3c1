"""Time `migrator analyze --out DIR` beside `migrator analyze --format json` on one project.

    python bench/out.py [--size 1000] [--repeat 5] [--source DIR]

Generates an N-service project and runs the commands in turns: `--format json`, `--out` into a
new, empty directory (as a first run writes it), and `--out` again over that plan (a re-run).
Prints the best wall time and the best CPU time (user + system of the process) of each, and their
ratios to `--format json`; the goal is `--out` within 1.5x. Creating some 1,600 files is a good
part of the cost and depends on the file system; CPU time moves less than wall time on a busy
machine. `--source` times another checkout of migrator (say, an export of an older commit) for a
before/after. Figures are for this machine only. Run it by hand, never in the test suite.

Measured 2026-12-02 on the shared 2-CPU machine (load average 8-11), 1000 services, best of 3:

                                    --format json   --out, new directory   --out over the plan
    before (f00536a, 1599 files)    0.81 s cpu      2.28 s cpu  (2.80x)    2.13 s cpu  (2.62x)
    after  (1606 files, plus the    0.82 s cpu      2.29 s cpu  (2.80x)    2.04 s cpu  (2.49x)
           project files, Dockerfiles and local connection strings)

In one process, for the same project, writing the reports and Worker files went from 0.97 s to
0.66 s of CPU (the Markdown report 0.40 -> 0.10 s, the Worker files 0.33 -> 0.26 s, the JSON
report encoded once), which pays for the new files. What is left: creating some 1,600 files
(0.5 s of CPU here, mostly in the kernel), importing and compiling the Jinja templates (0.3 s),
and rendering the reports and Workers (0.65 s); `--format json` alone is 0.82 s.
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
    parser.add_argument("--source", type=Path, default=ROOT, help="the migrator checkout to time")
    args = parser.parse_args()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "PYTHONPATH": str(args.source.resolve()),
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
