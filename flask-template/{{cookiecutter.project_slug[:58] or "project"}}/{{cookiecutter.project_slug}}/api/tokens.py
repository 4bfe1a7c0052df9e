"""Bearer tokens for scripts: ``POST /api/token`` trades an account's email and password for one.

A token holds the user's id and a fingerprint of their password hash, signed with the
secret key and stamped with the time it was made. No table stores tokens: one expires
after API_TOKEN_MAX_AGE seconds, and a new password or a new secret key revokes it.
"""

import hashlib
from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_smorest.error_handler import ErrorSchema
from itsdangerous import BadData, URLSafeTimedSerializer
from marshmallow import Schema, fields, validate

from ..auth.forms import PASSWORD_MAX_LENGTH
from ..auth.login_limits import (
    count_failed_login,
    limit_failures_per_account,
    limit_failures_per_client,
)
from ..auth.models import EMAIL_MAX_LENGTH, User, authenticate
from ..extensions import db
from .blueprint import Blueprint, error_responses, unauthorized
from .schemas import STORABLE_TEXT

# Keeps these signatures apart from the others the secret key makes (sessions, CSRF tokens).
SALT = "api-token"

blp = Blueprint("tokens", __name__, description="Bearer tokens for scripts.")

RETRY_AFTER = {
    "description": "Seconds until the oldest of the failures leaves the window.",
    "schema": {"type": "integer", "minimum": 0},
}


class CredentialsSchema(Schema):
    email = fields.String(
        required=True, validate=[validate.Length(min=1, max=EMAIL_MAX_LENGTH), STORABLE_TEXT]
    )
    password = fields.String(
        required=True, validate=[validate.Length(min=1, max=PASSWORD_MAX_LENGTH), STORABLE_TEXT]
    )


class TokenSchema(Schema):
    token = fields.String(
        required=True, metadata={"description": "Send it as `Authorization: Bearer <token>`."}
    )
    expires_in = fields.Integer(
        required=True, metadata={"description": "Seconds until the token expires."}
    )


@blp.route("")
class Token(MethodView):
    @blp.doc(responses=error_responses(401))
    @blp.alt_response(
        429,
        schema=ErrorSchema,
        description="Too many failed log-ins for the account, or from the client.",
        headers={"Retry-After": RETRY_AFTER},
    )
    @blp.arguments(CredentialsSchema)
    @blp.response(200, TokenSchema)
    # Checked once the body is read: a body the API refuses is no attempt to log in.
    @limit_failures_per_account
    @limit_failures_per_client
    def post(self, credentials: dict[str, str]) -> dict[str, Any]:
        """Get a token for an account's email address and password.

        Wrong credentials count against the same limits as the log-in form's.
        """
        user = authenticate(credentials["email"], credentials["password"])
        if user is None:
            count_failed_login()
            raise unauthorized("Wrong email address or password.")
        return {"token": make_token(user), "expires_in": current_app.config["API_TOKEN_MAX_AGE"]}


def make_token(user: User) -> str:
    return str(serializer().dumps({"user": user.id, "password": password_fingerprint(user)}))


def user_for_token(token: str) -> User | None:
    """The user a token was made for, if it is valid, unexpired and newer than the password."""
    try:
        claims = serializer().loads(token, max_age=current_app.config["API_TOKEN_MAX_AGE"])
    except BadData:
        return None
    user = db.session.get(User, claims["user"])
    if user is None or claims["password"] != password_fingerprint(user):
        return None
    return user


def serializer() -> URLSafeTimedSerializer:
    # Signed with SECRET_KEY, and still verified with the SECRET_KEY_FALLBACKS of a key rotation.
    config = current_app.config
    return URLSafeTimedSerializer(
        [*(config["SECRET_KEY_FALLBACKS"] or []), config["SECRET_KEY"]], salt=SALT
    )


def password_fingerprint(user: User) -> str:
    """Changes whenever the password does, and tells nothing about it."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]
