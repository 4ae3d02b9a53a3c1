"""Where the time goes: each stage of `migrator analyze --format json`, in one process.

    python bench/phases.py [--size 1000] [--repeat 5]

Generates an N-service project, runs the pipeline stage by stage and prints the CPU time of each
stage in the first run (what a command pays, less imports) and the best over the repeats.
Run it by hand; it is a profiling aid, never part of the test suite.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    gc.disable()  # as the command line does

    from migrator import emit, proxy
    from migrator import graph as graph_stage
    from migrator import plan as plan_stage
    from migrator.compose import LoadOptions, load_project
    from migrator.emit import document
    from migrator.engine import evaluate, load_catalogue
    from migrator.redaction import redact_project

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "compose.yaml"
        path.write_text(generate(args.size))
        os.chdir(tmp)
        best: dict[str, float] = {}
        first: dict[str, float] = {}
        for _ in range(args.repeat):
            times: dict[str, float] = {}

            def stage(name: str, start: float, times: dict[str, float] = times) -> float:
                now = time.process_time()
                times[name] = now - start
                return now

            t = time.process_time()
            catalogue = load_catalogue(())
            t = stage("catalogue", t)
            project = load_project(LoadOptions(files=(str(path),), project_directory=tmp))
            t = stage("load", t)
            project = redact_project(project)
            t = stage("redact", t)
            routing = proxy.route(project)
            t = stage("route", t)
            graph = graph_stage.build(project, routing)
            t = stage("graph", t)
            evaluation = evaluate(project, routing, graph, catalogue)
            t = stage("evaluate", t)
            plan_stage.build(project, routing, graph, evaluation.assessments)
            t = stage("plan", t)
            from migrator.api import AnalyzeOptions, analyze

            analysis = analyze(AnalyzeOptions(load=LoadOptions(files=(str(path),), project_directory=tmp)), catalogue)
            t = time.process_time()
            document.build(analysis)
            t = stage("report document", t)
            emit.render("json", analysis, catalogue)
            t = stage("json (document + text)", t)
            for name, value in times.items():
                best[name] = min(best.get(name, value), value)
                first.setdefault(name, value)
        print(f"{'stage':24} {'first run':>12} {'best':>10}")
        for name, value in best.items():
            print(f"{name:24} {first[name] * 1000:9.1f} ms {value * 1000:7.1f} ms")
        print(f"{'total':24} {sum(first.values()) * 1000:9.1f} ms {sum(best.values()) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
