"""The apps depend on one another in one direction, as CONTRIBUTING.md draws it.

Every `import houbei.<app>...` in src/ (at module level, inside functions and under
TYPE_CHECKING alike) is read from the source; an import from a lower layer to a higher one fails
unless CONTRIBUTING.md lists it as a known exception, and a listed exception that no longer
happens fails too, so the list only shrinks.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "houbei"

# Lowest first. An app may import its own layer and the layers below it.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"lib"}),
    frozenset({"audit", "accounts", "regions", "jobs"}),
    frozenset({"people"}),
    frozenset({"rounds"}),
    frozenset({"reserves", "risk"}),
    frozenset({"cultivation"}),
    frozenset({"outcomes"}),
    frozenset({"rulebook"}),
    frozenset({"reports", "demo", "ops", "documents", "workbench"}),
    frozenset({"devtools"}),
    frozenset({"api"}),  # the REST API: above every app, imported by the project's urls only
)
# The top layer's apps are leaves: none imports another (nothing imports reports or demo).
LEAVES = frozenset({"reports", "demo", "ops", "devtools", "documents", "workbench"})
# The project's own modules (settings, urls, wsgi, views, __main__) sit above every app.
PROJECT = frozenset({"settings", "urls", "wsgi", "views", "__main__"})

# (importing module, imported app): the exceptions CONTRIBUTING.md lists, to be removed.
KNOWN_EXCEPTIONS = {
    # The village page shows the sitting committee against the round's committee size.
    ("houbei.regions.committee", "people"),
    ("houbei.regions.committee", "rounds"),
    ("houbei.regions.views", "rounds"),
    # `houbei serve` runs the WSGI application.
    ("houbei.ops.management.commands.serve", "wsgi"),
}


def layer_of(app: str) -> int:
    if app in PROJECT:
        return len(LAYERS)
    return next(index for index, apps in enumerate(LAYERS) if app in apps)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        found |= {name.split(".")[1] for name in names if name.startswith("houbei.")}
    return found


def app_imports() -> set[tuple[str, str, str]]:
    """(importing module, its app, imported app) for every import between apps."""
    edges = set()
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        module = module_name(path)
        app = module.split(".")[1] if "." in module else ""
        for imported in imported_apps(path):
            if imported != app:
                edges.add((module, app, imported))
    return edges


def is_allowed(app: str, imported: str) -> bool:
    if app in PROJECT:
        return True
    if imported in PROJECT:
        return False
    if app in LEAVES and imported in LEAVES:
        return False
    return layer_of(imported) <= layer_of(app)


def test_every_app_is_placed_in_a_layer() -> None:
    apps = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()}
    placed = set().union(*LAYERS)
    assert apps - placed == set()


def test_no_import_runs_upward_except_the_listed_ones() -> None:
    upward = {
        (module, imported)
        for module, app, imported in app_imports()
        if not is_allowed(app, imported)
    }
    unexpected = sorted(upward - KNOWN_EXCEPTIONS)
    assert unexpected == [], "imports against the layering (CONTRIBUTING.md): " + ", ".join(
        f"{module} → {imported}" for module, imported in unexpected
    )


def test_every_listed_exception_still_happens() -> None:
    happening = {(module, imported) for module, _, imported in app_imports()}
    assert sorted(KNOWN_EXCEPTIONS - happening) == []


def test_the_exceptions_are_the_ones_contributing_lists() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for module, imported in KNOWN_EXCEPTIONS:
        assert f"`{module.removeprefix('houbei.')}` → `{imported}`" in text


def test_lib_imports_no_app() -> None:
    assert {imported for _, app, imported in app_imports() if app == "lib"} == set()
