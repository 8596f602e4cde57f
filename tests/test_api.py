"""The public API: every example in its documentation runs and gives what it shows."""

from __future__ import annotations

import ast
import doctest
import os
import re
from pathlib import Path
from types import ModuleType

import pytest

import eventcoder
from eventcoder import api, config, pipeline


@pytest.mark.parametrize("module", [eventcoder, api, config, pipeline], ids=lambda m: m.__name__)
def test_documented_examples_run(module: ModuleType, tmp_path: Path) -> None:
    here = Path.cwd()
    os.chdir(tmp_path)  # examples that write files write them here
    try:
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, raise_on_error=False)
    finally:
        os.chdir(here)
    assert result.attempted > 0
    assert result.failed == 0


def test_the_package_exports_the_api_functions() -> None:
    for name in ("build", "code", "places", "validate", "evaluate", "export", "push", "schema"):
        function = getattr(eventcoder, name)
        assert function is getattr(api, name) and function.__doc__
        assert ">>>" in function.__doc__, f"{name} has no example"


def _raised_strings(tree: ast.AST) -> list[str]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            for sub in ast.walk(node.exc):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                    out.append(sub.value)
    return out


def test_library_errors_name_no_command_line_flags() -> None:
    package = Path(eventcoder.__file__).parent
    flagged = [
        f"{path.relative_to(package)}: {text!r}"
        for path in sorted(package.rglob("*.py"))
        if not path.name.startswith("cli")  # the command line's own modules name its flags
        for text in _raised_strings(ast.parse(path.read_text(encoding="utf-8")))
        if re.search(r"(^|\s)--[a-z]", text)
    ]
    assert flagged == []
