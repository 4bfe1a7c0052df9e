"""The account forms; Flask-WTF checks each one's CSRF token."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp

EMAIL_ADDRESS = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class RegisterForm(FlaskForm):
    email = EmailField(
        "Email address",
        validators=[
            DataRequired(),
            Length(max=254),
            Regexp(EMAIL_ADDRESS, message="Enter an email address."),
        ],
    )
    password = PasswordField("Password", validators=[DataRequired(), Length(min=8, max=128)])
    confirm = PasswordField(
        "Repeat the password",
        validators=[DataRequired(), EqualTo("password", message="The passwords differ.")],
    )


class LoginForm(FlaskForm):
    email = EmailField("Email address", validators=[DataRequired()])
    password = PasswordField("Password", validators=[DataRequired()])
    remember = BooleanField("Stay logged in")


class LogoutForm(FlaskForm):
    """No fields: logging out only needs a valid CSRF token."""
