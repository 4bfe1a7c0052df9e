"""Signed-cookie sessions that cost nothing on requests without a session cookie."""

from flask import Flask, Request, Response
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin


class CookieSessionInterface(SecureCookieSessionInterface):
    """Flask's own sessions, except that a request without the cookie skips the signer.

    Probes, API clients and first visits send no session cookie: building the
    signer and parsing cookies for them is most of a small request's cost. Saving
    a session that stayed empty and unread changes nothing, and is skipped too.
    """

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if app.secret_key and self.get_cookie_name(app) not in request.headers.get("Cookie", ""):
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if session or session.accessed or session.modified:
            super().save_session(app, session, response)
