"""The exit statuses the README promises for a bug and for Ctrl-C (3 and 130)."""

from __future__ import annotations

import pytest

import relgraph.cli.validate
from support import run


def test_a_bug_exits_3_with_a_report_hint_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(relgraph.cli.validate, "builtin_vocabulary", broken)
    code, out, err = run(capsys, "vocab")
    assert (code, out) == (3, "")
    assert err == (
        "relgraph: internal error: ZeroDivisionError: division by zero\n"
        "  hint: this is a bug in relgraph; please report it with the command you ran\n"
    )


def test_ctrl_c_exits_130_and_says_so(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(relgraph.cli.validate, "builtin_vocabulary", interrupted)
    code, out, err = run(capsys, "vocab")
    # click ends the line the user typed ^C on before the message
    assert (code, out, err) == (130, "", "\nrelgraph: aborted\n")
