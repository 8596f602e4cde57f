"""Print eventcoder's import graph by layer and check it: no cycles, no upward imports.

    python tools/layers.py          # the layers, each module with what it imports
    python tools/layers.py --check  # only the problems; exit 1 if there are any

Imports are read from the source (every `import`/`from` statement, at module top or inside
a function; `if TYPE_CHECKING:` blocks included). A module may import modules of its own
layer or of lower ones; an import of a higher layer, an import inside a function of an
eventcoder module, a cycle, or a module missing from LAYERS is a problem.
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
import sys
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "eventcoder"

# (layer, module patterns), lowest first; the first matching pattern places a module.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("records", ("eventcoder.about", "eventcoder.errors", "eventcoder.types")),
    ("tables", ("eventcoder.taxonomy", "eventcoder.schema")),
    (
        "readers and resources",
        (
            "eventcoder.cache",
            "eventcoder.ingest",
            "eventcoder.ingest_tables",
            "eventcoder.ingest_admit",
            "eventcoder.nlp",
            "eventcoder.nlp_speed",
            "eventcoder.patterns",
            "eventcoder.actors",
            "eventcoder.actors.*",
            "eventcoder.places",
            "eventcoder.places.*",
            "eventcoder.dates",
            "eventcoder.acled",
            "eventcoder.acled_*",
            "eventcoder.features",
            "eventcoder.rows",
            "eventcoder.coders.petrarch.records",
            "eventcoder.coders.petrarch.text",
            "eventcoder.coders.petrarch.dictionaries",
            "eventcoder.coders.petrarch.loading",
            "eventcoder.coders.petrarch.verbs",
            "eventcoder.coders.petrarch.actors",
            "eventcoder.coders.petrarch.validation",
            "eventcoder.coders.petrarch.lexicon",
            "eventcoder.gold",
        ),
    ),
    ("coders", ("eventcoder.coders", "eventcoder.coders.*")),
    ("pipeline", ("eventcoder.pipeline", "eventcoder.config")),
    ("dataset", ("eventcoder.dataset", "eventcoder.outputs")),
    (
        "stages over datasets",
        (
            "eventcoder.shards",
            "eventcoder.card",
            "eventcoder.card_*",
            "eventcoder.engines",
            "eventcoder.validate",
            "eventcoder.hub",
            "eventcoder.inspect_dataset",
        ),
    ),
    (
        "commands",
        (
            "eventcoder.build",
            "eventcoder.evaluate",
            "eventcoder.evaluate.*",
            "eventcoder.eval_*",
            "eventcoder.export",
            "eventcoder.report",
            "eventcoder.report_*",
            "eventcoder.train",
            "eventcoder.train.*",
        ),
    ),
    ("public API", ("eventcoder.api", "eventcoder")),
    ("command line", ("eventcoder.cli", "eventcoder.cli_*", "eventcoder.__main__")),
)


@dataclass
class Module:
    """A module of the package: its layer and the eventcoder modules it imports."""

    name: str
    layer: int
    imports: set[str] = field(default_factory=set)
    hidden: set[str] = field(default_factory=set)  # imported inside a function


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(name: str) -> int:
    for index, (_, patterns) in enumerate(LAYERS):
        if any(fnmatch.fnmatchcase(name, p) for p in patterns):
            return index
    return -1


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def read_modules() -> dict[str, Module]:
    """Every module of the package with its imports of other package modules."""
    modules: dict[str, Module] = {}
    paths = sorted(PACKAGE.rglob("*.py"))
    names = {module_name(p) for p in paths}
    for path in paths:
        name = module_name(path)
        found = Module(name, layer_of(name))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        _collect(tree, found, names, path.name == "__init__.py", inside=False)
        modules[name] = found
    return modules


def _collect(node: ast.AST, module: Module, names: set[str], package: bool, inside: bool) -> None:
    for child in ast.iter_child_nodes(node):
        targets: list[str] = []
        if isinstance(child, ast.Import):
            targets = [a.name for a in child.names]
        elif isinstance(child, ast.ImportFrom):
            base = _resolve(module.name, child, package)
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in names else base for a in child.names
            ]
        for target in targets:
            if target in names and target != module.name:
                (module.hidden if inside else module.imports).add(target)
        nested = inside or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
        _collect(child, module, names, package, nested)


def problems(modules: dict[str, Module]) -> list[str]:
    """Unplaced modules, upward and hidden imports, and cycles, in words."""
    out = [
        f"{m.name}: not placed in any layer (add it to LAYERS)"
        for m in modules.values()
        if m.layer < 0
    ]
    for m in modules.values():
        for target in sorted(m.imports | m.hidden):
            if m.layer >= 0 and modules[target].layer > m.layer:
                up = LAYERS[modules[target].layer][0]
                out.append(f"{m.name} ({LAYERS[m.layer][0]}) imports {target} ({up}): upward")
        out += [f"{m.name} imports {t} inside a function" for t in sorted(m.hidden)]
    out += [f"import cycle: {' -> '.join(c)}" for c in cycles(modules)]
    return out


def cycles(modules: dict[str, Module]) -> list[list[str]]:
    """One cycle through each strongly connected group of modules (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(name: str) -> None:
        index[name] = low[name] = len(index)
        stack.append(name)
        on_stack.add(name)
        for target in sorted(modules[name].imports | modules[name].hidden):
            if target not in index:
                visit(target)
                low[name] = min(low[name], low[target])
            elif target in on_stack:
                low[name] = min(low[name], index[target])
        if low[name] == index[name]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == name:
                    break
            if len(group) > 1:
                found.append(sorted(group) + [sorted(group)[0]])

    sys.setrecursionlimit(10_000)
    for name in sorted(modules):
        if name not in index:
            visit(name)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="print only the problems")
    args = parser.parse_args()
    modules = read_modules()
    if not args.check:
        for number, (title, _) in reversed(list(enumerate(LAYERS))):
            print(f"{number} {title}")
            for m in sorted(
                (m for m in modules.values() if m.layer == number), key=lambda m: m.name
            ):
                short = ", ".join(sorted(t.removeprefix("eventcoder.") for t in m.imports))
                name = m.name.removeprefix("eventcoder.") or "eventcoder"
                print(f"    {name}: {short or '-'}")
    found = problems(modules)
    for line in found:
        print(f"problem: {line}")
    if args.check and not found:
        print(f"ok: {len(modules)} modules in {len(LAYERS)} layers, no cycle, no upward import")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
