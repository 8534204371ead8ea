"""Every wagtail-localize admin route that takes a translation or object id
is answered by one of our guards (home.translation), so an upgrade that adds
such a route fails here instead of opening it to every translator."""

from pathlib import Path

from django.urls import URLPattern, URLResolver, resolve, reverse
from wagtail import hooks

import home.translation

# Route parameters that name one translation, source, page or snippet.
ID_PARAMETERS = {"translation_id", "translation_source_id", "page_id", "pk"}
GUARDS = str(Path(home.translation.__file__).parent)
SAMPLE_ARGUMENTS = {"app_label": "home", "model_name": "footer", "mode": "x"}


def _localize_routes():
    """(name, parameter names) of each route wagtail-localize registers."""
    found = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.append(
                    (f"{namespace}:{pattern.name}", set(pattern.pattern.converters))
                )

    for register in hooks.get_hooks("register_admin_urls"):
        if register.__module__.startswith("wagtail_localize"):
            walk(register(), None)
    return found


def _reaches_guard(view) -> bool:
    """Whether one of the functions the admin's decorators wrap is ours."""
    while view is not None:
        code = getattr(view, "__code__", None)
        if code is not None and code.co_filename.startswith(GUARDS):
            return True
        view = getattr(view, "__wrapped__", None)
    return False


def test_wagtail_localize_routes_are_enumerated():
    names = {name for name, _parameters in _localize_routes()}
    assert "wagtail_localize:edit_override" in names
    assert "wagtail_localize:submit_page_translation" in names


def test_every_route_taking_an_id_reaches_a_guard():
    unguarded = []
    for name, parameters in _localize_routes():
        if not parameters & ID_PARAMETERS:
            continue
        kwargs = {
            parameter: SAMPLE_ARGUMENTS.get(parameter, 1) for parameter in parameters
        }
        path = reverse(name, kwargs=kwargs)
        if not _reaches_guard(resolve(path).func):
            unguarded.append((name, path))
    assert unguarded == []
