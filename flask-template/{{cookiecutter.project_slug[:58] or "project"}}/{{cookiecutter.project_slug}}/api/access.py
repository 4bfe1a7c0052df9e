"""Who may write through the API.

Reads are public. Writes, the views decorated with ``write_access``, need
{%- if cookiecutter.use_auth %}
a signed-in user: scripts send ``Authorization: Bearer <token>`` with a token from
``POST /api/token``; a browser's own pages may use its session instead, with the
page's CSRF token in the ``X-CSRFToken`` header.
{%- else %}
``Authorization: Bearer <token>`` with the token the deployment sets in
{{ cookiecutter.__env_prefix }}_API_TOKEN.
{%- endif %}
"""

import functools
{%- if not cookiecutter.use_auth %}
import hmac
{%- endif %}
from collections.abc import Callable
from typing import Any

from flask import current_app, request
{%- if cookiecutter.use_auth %}
from flask_login import current_user
from flask_wtf.csrf import validate_csrf
from werkzeug.exceptions import Forbidden
from wtforms import ValidationError
{%- endif %}

from .blueprint import Blueprint, error_responses, unauthorized
{%- if cookiecutter.use_auth %}
from .tokens import user_for_token

CSRF_HEADER = "X-CSRFToken"
# The ways to write, as the OpenAPI document names them: a bearer token, or the session
# cookie together with the CSRF token.
SECURITY_SCHEMES = {
    "bearer": {"type": "http", "scheme": "bearer"},
    "session": {"type": "apiKey", "in": "cookie", "name": "session"},
    "csrfToken": {"type": "apiKey", "in": "header", "name": CSRF_HEADER},
}
WRITE_SECURITY: list[dict[str, list[str]]] = [{"bearer": []}, {"session": [], "csrfToken": []}]
# 401 without credentials or with a bad token; 403 for a session without its CSRF token.
WRITE_ERRORS = error_responses(401, 403)
{%- else %}

# The way to write, as the OpenAPI document names it.
SECURITY_SCHEMES = {"bearer": {"type": "http", "scheme": "bearer"}}
WRITE_SECURITY: list[dict[str, list[str]]] = [{"bearer": []}]
WRITE_ERRORS = error_responses(401)
{%- endif %}


def write_access(view: Callable[..., Any]) -> Callable[..., Any]:
    """Let the view run only for a client that may write, checked before its body is read."""

    @functools.wraps(view)
    def checked(*args: Any, **kwargs: Any) -> Any:
        check_write_access()
        return view(*args, **kwargs)

    document = Blueprint.doc(security=WRITE_SECURITY, responses=WRITE_ERRORS)
    documented: Callable[..., Any] = document(checked)
    return documented
{%- if cookiecutter.use_auth %}


def check_write_access() -> None:
    token = bearer_token()
    if token is not None:
        if user_for_token(token) is None:
            raise unauthorized("The token is invalid or has expired: get another from /api/token.")
    elif current_user.is_authenticated:
        check_csrf_token()
    else:
        raise unauthorized("Log in first: send a token from /api/token as a bearer token.")


def check_csrf_token() -> None:
    """Browsers send the session cookie whatever page a request comes from: ask for the page's."""
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    try:
        validate_csrf(request.headers.get(CSRF_HEADER))
    except ValidationError as error:
        raise Forbidden(f"{error} Send the page's CSRF token in {CSRF_HEADER}.") from None
{%- else %}


def check_write_access() -> None:
    token = bearer_token()
    # Unset, as it may be outside production, the token lets nobody write.
    expected = current_app.config["API_TOKEN"]
    if not (token and expected and hmac.compare_digest(token.encode(), str(expected).encode())):
        raise unauthorized("Send the API token as a bearer token.")
{%- endif %}


def bearer_token() -> str | None:
    """The token of an ``Authorization: Bearer`` header, if the request has one."""
    authorization = request.authorization
    if authorization is None or authorization.type != "bearer":
        return None
    return authorization.token
