"""What the API's resources share: a blueprint class reading JSON bodies strictly, and errors."""

import json
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

import flask_smorest
from flask import Request
from flask_smorest.pagination import PaginationMetadataSchema
from marshmallow import Schema
from webargs.flaskparser import FlaskParser, is_json_request
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import BadRequest, Unauthorized, UnsupportedMediaType


def unauthorized(description: str) -> Unauthorized:
    """A 401 naming the scheme that credentials come in."""
    return Unauthorized(description, www_authenticate=WWWAuthenticate("bearer"))


def error_responses(*statuses: int) -> dict[int, str]:
    """For ``doc(responses=...)``: the error response flask-smorest defines for each status."""
    return {status: HTTPStatus(status).name for status in statuses}


# What reading a JSON body answers besides 422 for invalid fields: 400 for a body that is not
# JSON, is nested too deeply or holds a lone surrogate, 413 for one over MAX_CONTENT_LENGTH, 415
# for another content type.
BODY_ERRORS = error_responses(400, 413, 415)

# A long query string can make the request line longer than gunicorn reads (limit_request_line,
# 4094 bytes): gunicorn itself answers 414, in HTML, before the app sees the request.
URL_TOO_LONG = {
    414: {
        "description": "URI Too Long: the request line is over 4094 bytes.",
        "content": {"text/html": {"schema": {"type": "string"}}},
    }
}


class JSONBodyParser(FlaskParser):
    """webargs' parser, refusing with 4xx the bodies it would ignore or fail on with a 500."""

    def load_json(self, req: Request, schema: Schema) -> Any:
        if not is_json_request(req):
            raise UnsupportedMediaType("Send the body as JSON (Content-Type: application/json).")
        try:
            data = super().load_json(req, schema)
        except RecursionError:
            raise BadRequest("The JSON body is nested too deeply.") from None
        if holds_lone_surrogate(data):
            raise BadRequest("The JSON body holds a lone surrogate (\\ud800 to \\udfff).")
        return data


def holds_lone_surrogate(data: Any) -> bool:
    """Whether a JSON escape such as \\ud800 left half a character, which no text encoding carries.

    JSON allows such escapes but says nothing of what they mean (RFC 8259, section 8.2); schemas,
    databases and most clients have no way to hold them.
    """
    try:
        json.dumps(data, ensure_ascii=False).encode()
    except UnicodeEncodeError:
        return True
    return False


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = JSONBodyParser()

    def arguments(self, schema: type[Schema] | Schema, **kwargs: Any) -> Callable[..., Any]:
        """flask-smorest's ``arguments`` for a JSON body, documenting every error of reading it."""
        parse = super().arguments(schema, **kwargs)

        def decorator(view: Callable[..., Any]) -> Any:
            return self.doc(responses=BODY_ERRORS)(parse(view))

        return decorator

    def _document_pagination_metadata(self, spec: Any, resp_doc: dict[str, Any]) -> None:
        # The header holds JSON: a header's plain schema would mean comma-separated values.
        resp_doc.setdefault("headers", {})[self.PAGINATION_HEADER_NAME] = {
            "description": "Pagination metadata, as JSON.",
            "content": {"application/json": {"schema": PaginationMetadataSchema}},
        }
