"""The user account model, and the check of an account's credentials."""

import secrets
from datetime import datetime
from functools import cache

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import DateTime, String, select
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import Model, db, utc_now

# The longest email address there is (RFC 5321).
EMAIL_MAX_LENGTH = 254


class User(UserMixin, Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(EMAIL_MAX_LENGTH), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, password_hash_method())

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


def normalize_email(email: str) -> str:
    """The address as accounts store it: one account per address, whatever its case."""
    return email.strip().lower()


def authenticate(email: str, password: str) -> User | None:
    """The account with this email address and password, or None.

    An address without an account has the password checked all the same, against a
    hash of no one's password: as slow as a wrong password for a real account, so
    that the time a log-in takes does not tell which addresses have accounts.
    """
    user = db.session.scalar(select(User).filter_by(email=normalize_email(email)))
    password_hash = (
        user.password_hash if user is not None else no_account_password_hash(password_hash_method())
    )
    matches = check_password_hash(password_hash, password)
    return user if matches and user is not None else None


def password_hash_method() -> str:
    return str(current_app.config["PASSWORD_HASH_METHOD"])


@cache
def no_account_password_hash(method: str) -> str:
    """A hash, made by the accounts' method, of a random password that nobody knows."""
    return generate_password_hash(secrets.token_urlsafe(32), method)
