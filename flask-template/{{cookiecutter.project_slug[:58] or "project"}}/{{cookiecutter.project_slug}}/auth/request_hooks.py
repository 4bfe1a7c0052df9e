"""Extensions whose request hooks only the account pages need."""

from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask


def init_for_blueprints(
    app: Flask, init_app: Callable[[Flask], object], blueprints: Iterable[str]
) -> None:
    """Call an extension's ``init_app``, then move the request hooks it added to ``blueprints``.

    Flask-Login and Flask-Limiter hook into every request, at a cost as large as a probe's own
    work (Flask-Login's reads the session, so that every response varies on cookies), though only
    the views that log in and out need them.
    """
    registries: list[dict[str | None, list[Any]]] = [
        app.before_request_funcs,
        app.after_request_funcs,
        app.teardown_request_funcs,
    ]
    app_hooks = [list(registry.get(None, [])) for registry in registries]
    init_app(app)
    for registry, hooks in zip(registries, app_hooks, strict=True):
        added = [hook for hook in registry.get(None, []) if hook not in hooks]
        registry[None] = hooks
        for blueprint in blueprints:
            registry.setdefault(blueprint, []).extend(added)
