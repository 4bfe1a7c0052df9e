"""Error responses: JSON for machine clients, HTML pages for people."""

from flask import Flask, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException
{%- if cookiecutter.use_api %}

from .api import URL_PREFIX as API_URL_PREFIX
{%- endif %}

# Paths whose clients are programs, not browsers.
JSON_PATHS = (
    {%- if cookiecutter.use_api %}
    API_URL_PREFIX,
    {%- endif %}
    "/healthz",
    "/readyz",
)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_exception)


def wants_json() -> bool:
    path = request.path
    return any(path == prefix or path.startswith(f"{prefix}/") for prefix in JSON_PATHS)


def handle_http_exception(error: HTTPException) -> ResponseReturnValue:
    """Answer 404, 500 and every other HTTP error in the format the client reads."""
    code = error.code or 500
    # The error's own headers, such as Allow on a 405 or WWW-Authenticate on a 401, but not
    # the HTML content type.
    headers = [(name, value) for name, value in error.get_headers() if name != "Content-Type"]
    if wants_json():
        body = {"code": code, "status": error.name, "message": error.description}
        {%- if cookiecutter.use_api %}
        # flask-smorest attaches the fields that failed validation to the error.
        if messages := getattr(error, "data", {}).get("messages"):
            body["errors"] = messages
        {%- endif %}
        return jsonify(body), code, headers
    return render_template("error.html", error=error), code, headers
