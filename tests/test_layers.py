"""The package's layers: every module placed, imports only downward, no cycle, none hidden."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import sys
from pathlib import Path
from types import ModuleType

import eventcoder

TOOL = Path(__file__).resolve().parents[1] / "tools" / "layers.py"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("layers_tool", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_module_imports_cleanly() -> None:
    names = [m.name for m in pkgutil.walk_packages(eventcoder.__path__, "eventcoder.")]
    assert "eventcoder.pipeline" in names
    for name in names:
        importlib.import_module(name)


def test_imports_only_point_down_and_form_no_cycle() -> None:
    tool = _tool()
    assert tool.problems(tool.read_modules()) == []


def test_the_checker_flags_an_upward_import_and_a_cycle() -> None:
    tool = _tool()
    modules = tool.read_modules()
    modules["eventcoder.types"].imports.add("eventcoder.build")
    modules["eventcoder.build"].imports.add("eventcoder.types")
    found = tool.problems(modules)
    assert any("eventcoder.types (records) imports eventcoder.build" in p for p in found)
    assert any(p.startswith("import cycle:") for p in found)


def test_a_function_level_import_is_flagged() -> None:
    tool = _tool()
    modules = tool.read_modules()
    modules["eventcoder.cli"].hidden.add("eventcoder.train")
    assert "eventcoder.cli imports eventcoder.train inside a function" in tool.problems(modules)


def test_the_module_map_in_the_design_notes_names_every_module() -> None:
    readme = (Path(__file__).resolve().parents[1] / "docs" / "design.md").read_text(
        encoding="utf-8"
    )
    start = readme.index("<!-- module-map:start -->")
    block = readme[start : readme.index("<!-- module-map:end -->")]
    listed = {line.split()[0] for line in block.splitlines() if line.startswith("  ")}
    package = Path(eventcoder.__file__).parent
    modules = {str(p.relative_to(package)) for p in package.rglob("*.py")}
    assert modules - listed == set(), "modules missing from the module map in docs/design.md"
    assert listed - modules == set(), (
        "the module map in docs/design.md names modules that do not exist"
    )
