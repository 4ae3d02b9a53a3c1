"""migrator comment against a local fake of the GitHub (and GitLab) REST API: every path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_github import TOKEN, FakeForge

from migrator.cli import cli
from migrator.comment.http import Client

BODY = "<!-- migrator-diff -->\n## migrator: what this change does\n\n**1 new blocker.**\n"
UNSET = ("CI_API_V4_URL", "CI_COMMIT_SHA", "GITHUB_ACTIONS", "GITLAB_TOKEN", "GITHUB_STEP_SUMMARY")


def _env(forge: FakeForge, tmp: Path, **extra: str | None) -> dict[str, str | None]:
    event = tmp / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "head": {"sha": "a" * 40}}, "number": 7}))
    env: dict[str, str | None] = {key: None for key in UNSET}
    env.update(
        {
            "GITHUB_TOKEN": TOKEN,
            "GITHUB_REPOSITORY": "octo/shop",
            "GITHUB_API_URL": forge.url,
            "GITHUB_EVENT_PATH": str(event),
            "MIGRATOR_RETRY_SLEEP_SCALE": "0",
        }
    )
    env.update(extra)
    return env


def _comment(forge: FakeForge, tmp: Path, *args: str, body: str = BODY, **env: str | None) -> tuple[int, str, str]:
    (tmp / "diff.md").write_text(body)
    result = CliRunner().invoke(cli, ["comment", str(tmp / "diff.md"), *args], env=_env(forge, tmp, **env))
    assert TOKEN not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def _diff_json(tmp: Path, changed: bool) -> str:
    path = tmp / "diff.json"
    path.write_text(json.dumps({"summary": {"changed": changed}}))
    return str(path)


def test_created_once_then_updated_in_place_across_pages(tmp_path: Path) -> None:
    with FakeForge(page_size=2) as forge:
        for i in range(5):
            forge.add(7, f"comment {i}", "someone")
        forge.add(7, "<!-- migrator-diff -->\nsomeone else's copy", "someone")  # not the bot's
        code, _, err = _comment(forge, tmp_path)
        assert code == 0 and "created comment" in err
        code, _, err = _comment(forge, tmp_path, body=BODY + "\nsecond push\n")
        assert code == 0 and "updated comment" in err
        code, _, err = _comment(forge, tmp_path, body=BODY + "\nsecond push\n")
        assert code == 0 and "up to date" in err
        ours = [c for c in forge.comments[7] if c["user"]["login"] == "migrator-bot"]
        assert len(ours) == 1 and ours[0]["body"].endswith("second push\n")
        assert forge.count("POST", "/comments$") == 1 and forge.count("PATCH", r"/issues/comments/\d+$") == 1
        assert forge.count("GET", r"/issues/7/comments$") == 3 + 4 + 4  # every page, each time (6 comments, then 7)
        assert forge.comments[7][5]["body"] == "<!-- migrator-diff -->\nsomeone else's copy"


def test_the_actions_token_is_github_actions_bot(tmp_path: Path) -> None:
    with FakeForge(login=None) as forge:
        earlier = forge.add(7, BODY, "github-actions[bot]")
        forge.add(7, BODY, "a-human")
        code, _, err = _comment(forge, tmp_path, body=BODY + "new\n")
        assert code == 0 and f"updated comment {earlier['id']}" in err
        assert forge.count("POST", "comments") == 0
        assert forge.comments[7][1]["body"] == BODY  # the human's copy is left alone


def test_when_changed_posts_nothing_without_a_change_or_an_earlier_comment(tmp_path: Path) -> None:
    with FakeForge() as forge:
        code, _, err = _comment(forge, tmp_path, "--diff-report", _diff_json(tmp_path, False))
        assert code == 0 and "nothing posted" in err and 7 not in forge.comments
        code, _, _ = _comment(forge, tmp_path, "--diff-report", _diff_json(tmp_path, False), "--when", "always")
        assert code == 0 and len(forge.comments[7]) == 1
        # An earlier comment is kept current even when nothing changed.
        code, _, err = _comment(forge, tmp_path, "--diff-report", _diff_json(tmp_path, False), body=BODY + "later\n")
        assert code == 0 and "updated" in err and forge.comments[7][0]["body"].endswith("later\n")
        assert len(forge.comments[7]) == 1


def test_a_fork_gets_the_job_summary(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    with FakeForge() as forge:
        forge.forbid_writes = True
        code, out, err = _comment(forge, tmp_path, GITHUB_STEP_SUMMARY=str(summary))
        assert code == 0
        assert "::notice title=migrator::" in out and "job summary" in err
        assert summary.read_text() == BODY
        assert forge.count("POST", "comments") == 1  # tried once: a 403 without rate-limit signs is final


@pytest.mark.parametrize(
    ("status", "headers"),
    [
        (429, {"Retry-After": "2"}),
        (403, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "0"}),
        (403, {"Retry-After": "1"}),
        (502, {}),
        (503, {}),
    ],
)
def test_rate_limits_and_server_errors_are_retried(tmp_path: Path, status: int, headers: dict[str, str]) -> None:
    with FakeForge() as forge:
        forge.fail("POST", "/comments$", status, times=2, **headers)
        forge.fail("GET", "/comments$", status, times=1, **headers)
        code, _, err = _comment(forge, tmp_path)
        assert code == 0 and "created" in err, err
        assert forge.count("POST", "/comments$") == 3 and forge.count("GET", "/comments$") == 2
        assert len(forge.comments[7]) == 1


def test_backoff_waits_follow_the_headers() -> None:
    waits: list[float] = []
    with FakeForge() as forge:
        forge.fail("GET", "/user", 429, times=1, **{"Retry-After": "3"})
        forge.fail("GET", "/user", 500, times=2)
        client = Client(forge.url, {"Authorization": f"Bearer {TOKEN}"}, TOKEN, {}, sleep=waits.append)
        assert client.request("GET", "/user").body["login"] == "migrator-bot"
    assert waits == [3.0, 2.0, 4.0]  # Retry-After, then exponential backoff by attempt


def test_errors_are_clear_and_never_hold_the_token(tmp_path: Path) -> None:
    with FakeForge() as forge:
        forge.fail("GET", "/comments$", 500, times=10)
        code, _, err = _comment(forge, tmp_path)
        assert code == 2 and "GET /repos/octo/shop/issues/7/comments failed with HTTP 500" in err
        assert forge.count("GET", "/comments$") == 5  # bounded
        forge.errors.clear()
        forge.fail("GET", "/user", 429, times=1, **{"Retry-After": "3600"})
        code, _, err = _comment(forge, tmp_path)
        assert code == 2 and "HTTP 429" in err  # a wait of an hour is an error, not a hang
        code, _, err = _comment(forge, tmp_path, GITHUB_TOKEN="wrong-token-value")
        assert code == 2 and "HTTP 401" in err and "wrong-token-value" not in err
    code, _, err = _comment(forge, tmp_path, GITHUB_TOKEN=None)
    assert code == 2 and "GITHUB_TOKEN is not set" in err
    code, _, err = _comment(forge, tmp_path, GITHUB_EVENT_PATH=str(tmp_path / "missing.json"))
    assert code == 2 and "event payload" in err
    code, _, err = _comment(forge, tmp_path, GITHUB_API_URL="http://127.0.0.1:9")  # nothing listens
    assert code == 2 and "cannot reach" in err


def test_a_token_in_a_server_message_is_hidden(tmp_path: Path) -> None:
    with FakeForge() as forge:
        forge.fail("POST", "/comments$", 422, times=1, _message=f"Validation failed for token {TOKEN}")
        code, _, err = _comment(forge, tmp_path)  # _comment asserts the token is in no output
        assert code == 2 and "HTTP 422: Validation failed for token ***" in err


def test_gitlab_notes_through_the_same_code(tmp_path: Path) -> None:
    with FakeForge(page_size=1) as forge:
        forge.add(5, "an unrelated note", "someone")
        env = {
            "GITHUB_TOKEN": None,
            "GITLAB_TOKEN": TOKEN,
            "CI_API_V4_URL": forge.url,
            "CI_PROJECT_ID": "42",
            "CI_MERGE_REQUEST_IID": "5",
        }
        code, _, err = _comment(forge, tmp_path, **env)
        assert code == 0 and "created comment" in err and "merge request !5" in err
        code, _, err = _comment(forge, tmp_path, body=BODY + "v2\n", **env)
        assert code == 0 and "updated comment" in err
        assert forge.count("PUT", r"/projects/42/merge_requests/5/notes/\d+$") == 1
        assert len(forge.comments[5]) == 2 and forge.comments[5][1]["body"].endswith("v2\n")


def test_a_body_without_the_marker_gets_it(tmp_path: Path) -> None:
    with FakeForge() as forge:
        code, _, _ = _comment(forge, tmp_path, "--pr", "9", body="plain text\n")
        assert code == 0 and forge.comments[9][0]["body"] == "<!-- migrator-diff -->\nplain text\n"


def test_a_run_on_an_older_commit_leaves_the_comment_to_the_newer_run(tmp_path: Path) -> None:
    with FakeForge() as forge:
        forge.heads[7] = "b" * 40  # pushed again while this run analyzed "aaaa..."
        code, _, err = _comment(forge, tmp_path)
        assert code == 0 and "has moved past" in err and 7 not in forge.comments
        forge.heads[7] = "a" * 40
        code, _, err = _comment(forge, tmp_path)
        assert code == 0 and "created comment" in err


def test_gitlab_older_pipeline_is_stale_too(tmp_path: Path) -> None:
    with FakeForge() as forge:
        forge.heads[5] = "c" * 40
        env = {
            "GITHUB_TOKEN": None,
            "GITLAB_TOKEN": TOKEN,
            "CI_API_V4_URL": forge.url,
            "CI_PROJECT_ID": "42",
            "CI_MERGE_REQUEST_IID": "5",
            "CI_COMMIT_SHA": "d" * 40,
        }
        code, _, err = _comment(forge, tmp_path, **env)
        assert code == 0 and "has moved past" in err and 5 not in forge.comments
