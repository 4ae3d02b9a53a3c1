"""The figures of the real-stack corpus (tests/stacks): crashes, scrubbed names, targets right,
and `wrangler deploy --dry-run` of every Worker's config (the test suite dry-runs a sample).

    python bench/stacks.py            # everything
    python bench/stacks.py --no-wrangler

A build whose Dockerfile is not in the copy gets a stand-in at the path the config points at
(BUILD-MISSING says so in the report), as a checkout of the project would have it there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
from conftest import NODE, WRANGLER, strip_jsonc  # noqa: E402
from test_stacks import (  # noqa: E402
    NAMES,
    STACKS,
    analysis,
    expectation,
    outputs,
    test_names_are_intact_in_every_output,
)


def main() -> None:
    wrangler = "--no-wrangler" not in sys.argv
    crashes = scrubbed = right = total = clean = runs = 0
    for name in NAMES:
        result = analysis(name)
        by_name = {a.service: a.target.kind for a in result.assessments}
        for service, accepted in expectation(name)["targets"].items():
            total += 1
            kinds = accepted if isinstance(accepted, list) else [accepted]
            if by_name.get(service) in kinds:
                right += 1
            else:
                print(f"{name}/{service}: {by_name.get(service)}, expected {kinds}")
        try:
            files = outputs(name)
        except Exception as error:  # a crash is a figure here, not an exit
            crashes += 1
            print(f"{name}: crash: {type(error).__name__}: {error}")
            continue
        try:
            test_names_are_intact_in_every_output(name)
        except AssertionError as error:
            scrubbed += 1
            print(f"{name}: names scrubbed: {(str(error).splitlines() or [''])[0]}")
        if wrangler:
            ok, count = _dry_run(name, files)
            clean += ok
            runs += count
    print(
        f"stacks {len(NAMES)}; crashes {crashes}; stacks with scrubbed names {scrubbed}; targets right {right}/{total}"
    )
    if wrangler:
        print(f"wrangler deploy --dry-run clean: {clean}/{runs} Worker configs")


def _dry_run(name: str, files: dict[str, str]) -> tuple[int, int]:
    ok = count = 0
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / name
        shutil.copytree(STACKS / name, project)
        out = project / "plan"
        for rel, text in files.items():
            if "/" in rel:
                (out / rel).parent.mkdir(parents=True, exist_ok=True)
                (out / rel).write_text(text)
        # The plan's package.json installs wrangler and @cloudflare/containers: here, ours.
        out.mkdir(parents=True, exist_ok=True)
        (out / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
        for config_path in sorted(out.glob("*/wrangler.jsonc")):
            config = json.loads(strip_jsonc(config_path.read_text()))
            for container in config.get("containers", []):
                dockerfile = (config_path.parent / container["image"]).resolve()
                if ":" not in container["image"] and not dockerfile.exists():
                    dockerfile.parent.mkdir(parents=True, exist_ok=True)
                    dockerfile.write_text("FROM scratch\n")
            env = {**os.environ, "HOME": tmp, "CI": "true", "WRANGLER_SEND_METRICS": "false", "NO_COLOR": "1"}
            proc = subprocess.run(
                [
                    str(NODE),
                    str(WRANGLER),
                    "deploy",
                    "--dry-run",
                    "--outdir",
                    f"{tmp}/dist",
                    "--containers-rollout=none",
                ],
                cwd=config_path.parent,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            count += 1
            output = proc.stdout + proc.stderr
            if proc.returncode == 0 and "[ERROR]" not in output and "--dry-run: exiting now." in output:
                ok += 1
            else:
                print(f"{config_path.parent.name}: dry run failed: {output.strip().splitlines()[-8:]}")
    return ok, count


if __name__ == "__main__":
    main()
