"""The tutorial ("Start here") tells the truth about what it teaches: every export format
`reader export` offers is named in it."""

from __future__ import annotations

import re

import pytest

from reader.cli import main
from reader.resources import seeds_dir


def test_the_tutorial_names_every_export_format(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    choices = re.findall(r"--format \{([a-z0-9,]+)\}", capsys.readouterr().out)[0]
    tutorial = (seeds_dir() / "start-here.md").read_text(encoding="utf-8")
    export_step = tutorial.split("## 8.")[1]
    missing = [name for name in choices.split(",") if f"`{name}`" not in export_step]
    assert not missing, missing
