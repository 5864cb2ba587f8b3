"""The house's shape: apps import one way, no import circle, no source file over 600 lines.

Imports are read from the source with `ast`, function-local imports included, so an import
hidden in a function to dodge a circle still counts.
"""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# neighborhoods <- martyrs <- exhibition <- guests <- followup (settings.PROJECT_APPS);
# moqdad is imported by the apps and imports none.
APPS = ("moqdad", *settings.PROJECT_APPS)
FORBIDDEN = {
    app: set(settings.PROJECT_APPS[index + 1 :]) for index, app in enumerate(settings.PROJECT_APPS)
} | {"moqdad": set(settings.PROJECT_APPS)}
# The root URLconf is where the project meets its apps.
ALLOWED_TO_IMPORT_APPS = {"moqdad/urls.py"}
MAX_LINES = 600


def _sources(*, with_tests: bool = True) -> list[Path]:
    files = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0].startswith(".") or "node_modules" in parts:
            continue
        if not with_tests and (parts[0] not in APPS or "tests" in parts or "migrations" in parts):
            continue
        files.append(path)
    return files


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, anywhere in the file, as absolute dotted names."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def direction_violations() -> list[str]:
    bad = []
    for path in _sources(with_tests=False):
        name = path.relative_to(ROOT).as_posix()
        app = name.split("/")[0]
        if name in ALLOWED_TO_IMPORT_APPS:
            continue
        targets = {imported.split(".")[0] for imported in imported_modules(path)}
        bad += [
            f"{name} imports {target}" for target in sorted(targets & FORBIDDEN.get(app, set()))
        ]
    return bad


def import_circles() -> list[set[str]]:
    modules = {_module(path): path for path in _sources(with_tests=False)}
    graph = {}
    for module, path in modules.items():
        edges = set()
        for imported in imported_modules(path):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != module:
                edges.add(imported)
        graph[module] = edges
    return _strongly_connected(graph)


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative: the groups of two or more modules that import each other."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            for target in edges:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph[target]))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(group)
    return groups


def test_apps_import_one_way_and_moqdad_imports_no_app():
    assert direction_violations() == []


def test_imported_modules_sees_function_local_and_relative_imports(tmp_path, monkeypatch):
    package = tmp_path / "neighborhoods"
    package.mkdir()
    source = package / "views.py"
    source.write_text("def view():\n    from .models import X\n    import martyrs.models\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)

    assert imported_modules(source) == {
        "neighborhoods.models",
        "neighborhoods.models.X",
        "martyrs.models",
    }


def test_no_import_circle_between_the_projects_modules():
    assert import_circles() == []


def test_no_source_file_is_over_600_lines():
    long_files = {
        path.relative_to(ROOT).as_posix(): length
        for path in _sources()
        if (length := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }

    assert long_files == {}
