"""Commands given as strings split exactly as shlex.split (posix) splits them."""

from __future__ import annotations

import shlex

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.compose.canonical import CanonicalError, split_command

_commands = st.text(alphabet=st.sampled_from(list("ab -=/$*#;&|\t\r\n\x0b\x0c\u00a0\u2003'\"\\é")), max_size=30)


@settings(max_examples=500)
@given(_commands)
def test_split_matches_shlex(command: str) -> None:
    try:
        expected = shlex.split(command)
    except ValueError:
        with pytest.raises(CanonicalError):
            split_command(command, None)
        return
    assert split_command(command, None) == expected
