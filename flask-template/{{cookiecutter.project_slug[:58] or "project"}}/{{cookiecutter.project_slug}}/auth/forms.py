"""The account forms; Flask-WTF checks each one's CSRF token."""

from typing import Any

from flask import request
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp

from .models import EMAIL_MAX_LENGTH

# One @, a dot in the domain, and no spaces or control characters (NUL among them).
EMAIL_ADDRESS = r"^[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f]+\.[^@\s\x00-\x1f\x7f]+$"
# Long enough for any passphrase; past it, hashing would only cost time.
PASSWORD_MAX_LENGTH = 1024


class PostedForm(FlaskForm):
    """A form filled from the text fields of a posted HTML form, and nothing else.

    Flask-WTF would also fill fields from uploaded files and JSON bodies: here a file
    or a JSON value where the form expects text is a missing field, which the form
    shows as an error, rather than an object the code cannot handle.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(formdata=request.form if self.is_submitted() else None, **kwargs)


def strip(value: str | None) -> str | None:
    return value.strip() if value else value


def email_field() -> EmailField:
    return EmailField(
        "Email address",
        # Browsers and password managers fill in the account's address.
        render_kw={"autocomplete": "email"},
        # Spaces copied in around the address are no part of it.
        filters=[strip],
        validators=[
            DataRequired(),
            Length(max=EMAIL_MAX_LENGTH),
            Regexp(EMAIL_ADDRESS, message="Enter an email address."),
        ],
    )


class RegisterForm(PostedForm):
    email = email_field()
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(min=8, max=PASSWORD_MAX_LENGTH)],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        "Repeat the password",
        render_kw={"autocomplete": "new-password"},
        validators=[DataRequired(), EqualTo("password", message="The passwords differ.")],
    )


class LoginForm(PostedForm):
    email = email_field()
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(max=PASSWORD_MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField("Stay logged in")


class LogoutForm(PostedForm):
    """No fields: logging out only needs a valid CSRF token."""
