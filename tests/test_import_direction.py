"""Imports go one way: petitions, campaigns -> supporters -> home.

Feature apps never import each other and `home` imports no feature app;
what a feature adds (home page sections, demo steps, emails, the data it
keeps about people, exports) it registers with the layer below. Every
import counts, those inside functions too, and so do the relations between
models (a foreign key is a dependency even when written as a string)."""

import ast
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent

# What each app may import, besides itself, Django, Wagtail and the rest.
ALLOWED = {
    "home": set(),
    "supporters": {"home"},
    "campaigns": {"home", "supporters"},
    "petitions": {"home", "supporters"},
}


def imported_modules(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def imports_against_the_direction() -> list[str]:
    wrong = []
    for app, allowed in ALLOWED.items():
        forbidden = set(ALLOWED) - allowed - {app}
        for path in sorted((ROOT / app).rglob("*.py")):
            tree = ast.parse(path.read_text(), filename=str(path))
            for line, module in imported_modules(tree):
                if module.split(".")[0] in forbidden:
                    wrong.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return wrong


def test_no_app_imports_against_the_direction():
    assert imports_against_the_direction() == []


def test_the_check_sees_imports_inside_functions():
    tree = ast.parse("def f():\n    from petitions.models import Signature\n")

    assert list(imported_modules(tree)) == [(2, "petitions.models")]


def test_no_model_relates_against_the_direction():
    wrong = []
    for app, allowed in ALLOWED.items():
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                related = getattr(field, "related_model", None)
                if related is None or field.auto_created:
                    continue
                label = related._meta.app_label
                if label in ALLOWED and label != app and label not in allowed:
                    wrong.append(f"{model._meta.label}.{field.name} -> {label}")
    assert wrong == []
