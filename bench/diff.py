"""Time `migrator diff --base HEAD` beside one `migrator analyze --format json` of the same project.

    python bench/diff.py [--size 1000] [--repeat 5]

The project is bench/generate.py's (1000 services by default) in a temporary git repository;
the head differs from the base in a few services: one gains `network_mode: host` (a new
blocker), one changes image (a new target), one is removed and one added.  The two commands take
turns; the script prints the best wall and CPU time of each over the repeats and their ratios, for
`diff --format json` and for `diff --out DIR` (every format, the head's Markdown report too).
The goal is a ratio of at most 2.2.  On a shared machine the CPU times are the steadier figure.
Figures are for this machine only; run it by hand.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

ROOT = Path(__file__).resolve().parent.parent
GIT = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def head_of(text: str) -> str:
    """The base with a few services changed."""
    text = text.replace(
        "  web3:\n    image: node:22-alpine\n", "  web3:\n    image: node:22-alpine\n    network_mode: host\n", 1
    )
    text = text.replace("  cache5:\n    image: redis:7-alpine\n", "  cache5:\n    image: mongo:7\n", 1)
    start = text.index("\n  static7:\n")
    match = re.compile(r"\n  \S").search(text, start + 1)
    assert match is not None
    text = text[:start] + text[match.start() :]
    return text.replace("services:\n", "services:\n  extra:\n    image: redis:7-alpine\n", 1)


def measure(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        error = proc.stderr.read().decode()[-500:] if proc.stderr else ""
        raise SystemExit(f"{' '.join(cmd)} failed with {code}: {error}")
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
        **GIT,
    }
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "bench"
        repo.mkdir()
        base = generate(args.size)
        (repo / "compose.yaml").write_text(base)
        for step in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
            subprocess.run(["git", *step], cwd=repo, env=env, check=True)
        (repo / "compose.yaml").write_text(head_of(base))
        py = [sys.executable, "-m", "migrator"]
        commands = {
            "analyze --format json": [*py, "analyze", "compose.yaml", "--format", "json", "--fail-on", "never"],
            "diff --format json": [
                *py,
                "diff",
                "--base",
                "HEAD",
                "compose.yaml",
                "--format",
                "json",
                "--fail-on",
                "never",
            ],
            "diff --out (all formats)": [
                *py,
                "diff",
                "--base",
                "HEAD",
                "compose.yaml",
                "--format",
                "github",
                "--out",
                str(Path(tmp) / "out"),
                "--fail-on",
                "never",
            ],
        }
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, cmd in commands.items():
                times[name].append(measure(cmd, repo, env))
        wall = min(t[0] for t in times["analyze --format json"])
        cpu = min(t[1] for t in times["analyze --format json"])
        print(f"{args.size} services, best of {args.repeat} (the commands take turns):")
        for name, runs in times.items():
            best_wall, best_cpu = min(t[0] for t in runs), min(t[1] for t in runs)
            print(
                f"  {name:26} wall {best_wall:6.3f} s ({best_wall / wall:4.2f}x analyze)   "
                f"CPU {best_cpu:6.3f} s ({best_cpu / cpu:4.2f}x analyze)"
            )


if __name__ == "__main__":
    main()
