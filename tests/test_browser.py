"""In a real browser, a served project's pages work, fit the screen and pass an accessibility check.

Chromium from Debian's ``chromium`` package (``.ci/run`` installs it), driven by Playwright,
opens one variant per template with accounts and an API, served by gunicorn in production mode
over HTTPS with a certificate made for the test, at a desktop and a phone width. Every page it
opens must show no console error, no Content-Security-Policy violation, no failed request,
nothing wider than the screen, no run of blank lines in its HTML, no serious or critical
finding of axe-core, and, where the site's own layout is used, one ``h1`` and a visible
keyboard focus. Each page's screenshot is saved under ``artifacts/browser/``, for people to
look at.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import trustme
from axe_playwright_python.sync_playwright import Axe
from booting import Project, Server, boot_variants_by_template, public_host, start_server
from clients import Account, create_django_superuser, new_password
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, sync_playwright
from support import unavailable
from variants import ROOT, Variant

pytestmark = pytest.mark.boot

SCREENSHOTS = ROOT / "artifacts" / "browser"
WIDTHS = {"desktop": 1280, "phone": 375}
# axe-core's two highest impacts: what keeps a person from using the page.
BLOCKING_IMPACTS = {"serious", "critical"}
# A page's own scripts (Swagger UI) may still be drawing when the load event fires.
SETTLE_MS = 10_000

# The pages a visitor reaches without an account, and the status each answers with.
PUBLIC_PAGES = {
    "flask": {
        "home": ("/", 200),
        "log-in": ("/auth/login", 200),
        "register": ("/auth/register", 200),
        "api-docs": ("/api/docs", 200),
        "missing-page": ("/no-such-page", 404),
    },
    "django": {
        "home": ("/", 200),
        "log-in": ("/accounts/login/", 200),
        "admin-log-in": ("/{DJANGO_ADMIN_URL}login/", 200),
        "api-docs": ("/api/docs/", 200),
        "missing-page": ("/no-such-page/", 404),
    },
}


def has_accounts_and_an_api(variant: Variant) -> bool:
    return bool(variant.answer("use_api") and (variant.template == "django" or variant.answer("use_auth")))


@cache
def browser_variants(config: pytest.Config) -> tuple[Variant, ...]:
    """For each template, the first boot variant with accounts and an API."""
    found = boot_variants_by_template(config, has_accounts_and_an_api, "with accounts and an API")
    return tuple(candidates[0] for candidates in found)


def is_chosen(variant: Variant, config: pytest.Config) -> bool:
    return variant in browser_variants(config)


def is_flask(variant: Variant, config: pytest.Config) -> bool:
    return is_chosen(variant, config) and variant.template == "flask"


def is_django(variant: Variant, config: pytest.Config) -> bool:
    return is_chosen(variant, config) and variant.template == "django"


ONLY_FOR = {
    "test_every_public_page_is_clean": is_chosen,
    "test_a_visitor_registers_logs_out_and_logs_in_again": is_flask,
    "test_a_user_logs_in_and_out": is_django,
    "test_a_superuser_logs_in_to_the_admin": is_django,
}


# --- The served project and the browser ---------------------------------------------------------


@pytest.fixture(scope="module")
def https_server(
    project: Project, released: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """The release served over HTTPS, with a certificate for its public host from a CA made for the test."""
    folder = tmp_path_factory.mktemp("tls")
    server = start_server(project, folder / "gunicorn.log", certificate=issue_certificate(project, folder))
    yield server
    server.stop()


def issue_certificate(project: Project, folder: Path) -> tuple[Path, Path]:
    issued = trustme.CA().issue_cert(public_host(project.production_env), "127.0.0.1")
    certificate, key = folder / "certificate.pem", folder / "key.pem"
    issued.cert_chain_pems[0].write_to_path(str(certificate))
    issued.private_key_pem.write_to_path(str(key))
    return certificate, key


@pytest.fixture(scope="module")
def browser(https_server: Server) -> Iterator[Browser]:
    """Debian's Chromium, resolving the public host name to the test's server."""
    chromium = shutil.which("chromium")
    if chromium is None:
        unavailable("Chromium is not installed (Debian's chromium package)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium, args=[f"--host-resolver-rules=MAP {https_server.host} 127.0.0.1"]
        )
        yield launched
        launched.close()


class Tab:
    """A browser tab at one width that notes every console error, CSP violation and failed request."""

    def __init__(self, browser: Browser, server: Server, width: str, variant: Variant) -> None:
        port = urlsplit(server.base_url).port
        self.origin = f"https://{server.host}:{port}"
        self.width = width
        self.folder = SCREENSHOTS / variant.id
        self.context = context = browser.new_context(
            viewport={"width": WIDTHS[width], "height": 900},
            is_mobile=width == "phone",
            has_touch=width == "phone",
            ignore_https_errors=True,
        )
        context.add_init_script(
            "document.addEventListener('securitypolicyviolation', (event) => "
            "(window.cspViolations ||= []).push(`${event.violatedDirective} blocked ${event.blockedURI}`));"
        )
        self.page: Page = context.new_page()
        self.noticed: list[str] = []
        self.page.on("console", self.on_console)
        self.page.on("pageerror", lambda error: self.noticed.append(f"script error: {error}"))
        self.page.on("requestfailed", self.on_request_failed)
        self.page.on("response", self.on_response)
        self.document_status = 200

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        # The browser reports an error page's own status too: that one is expected.
        own_status = f"status of {self.document_status}" in message.text
        if own_status and message.location.get("url") == self.page.url:
            return
        self.noticed.append(f"console error: {message.text} ({message.location.get('url')})")

    def on_request_failed(self, request: Request) -> None:
        self.noticed.append(f"request failed: {request.method} {request.url}: {request.failure}")

    def on_response(self, response: Response) -> None:
        if response.status >= 400 and not response.request.is_navigation_request():
            self.noticed.append(f"{response.status} for {response.request.method} {response.url}")

    def open(self, path: str, status: int = 200) -> None:
        self.document_status = status
        response = self.page.goto(self.origin + path)
        assert response is not None and response.status == status, (
            f"GET {path} answered {response and response.status}, not {status}"
        )
        self.settle()

    def submit(self, button: str, fields: dict[str, str], check: tuple[str, ...] = ()) -> None:
        """Fill the form's fields by their labels, tick the boxes named, and press the button."""
        self.document_status = 200
        for label, value in fields.items():
            self.page.get_by_label(label, exact=True).fill(value)
        for label in check:
            self.page.get_by_label(label).check()
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=button, exact=True).click()
        self.settle()

    def settle(self) -> None:
        self.page.wait_for_load_state("networkidle", timeout=SETTLE_MS)

    def problems(self, name: str) -> list[str]:
        """What is wrong with the page now shown, each line naming it; its screenshot is saved."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=self.folder / f"{name}-{self.width}.png", full_page=True)
        found = [*self.noticed]
        self.noticed.clear()
        found += [f"CSP violation: {line}" for line in self.page.evaluate("window.cspViolations || []")]
        # The site's own layout (Swagger UI and Django's admin have theirs): one heading names the
        # page, and the keyboard's focus shows.
        if self.page.locator(".site-header").count():
            if (headings := self.page.locator("h1").count()) != 1:
                found.append(f"it has {headings} h1 headings, not one")
            self.page.keyboard.press("Tab")
            if self.page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "none":
                found.append("the element the Tab key reaches shows no focus outline")
        main = re.search(r"<main>(.*?)</main>", self.page.content(), re.DOTALL)
        if main and re.search(r"\n[ \t]*\n[ \t]*\n", main.group(1)):
            found.append("its HTML has a run of blank lines inside <main>")
        root = "document.documentElement"
        wider = self.page.evaluate(f"{root}.scrollWidth - {root}.clientWidth")
        if wider > 0:
            found.append(f"the page is {wider}px wider than the {WIDTHS[self.width]}px screen")
        for violation in Axe().run(self.page).response["violations"]:
            if violation["impact"] in BLOCKING_IMPACTS:
                nodes = violation["nodes"]
                where = [" ".join(node["target"]) for node in nodes[:3]]
                first = " ".join(nodes[0].get("failureSummary", "").split()) if nodes else ""
                found.append(f"axe {violation['impact']}: {violation['id']} at {where}: {first}")
        return [f"{name} at {self.width} width: {problem}" for problem in found]

    def text(self, selector: str) -> str:
        return self.page.locator(selector).inner_text()


@pytest.fixture(params=WIDTHS)
def tab(
    request: pytest.FixtureRequest, browser: Browser, https_server: Server, project: Project
) -> Iterator[Tab]:
    """A new tab, with cookies of its own, at each width."""
    opened = Tab(browser, https_server, request.param, project.variant)
    yield opened
    opened.context.close()


def failure_report(problems: list[str]) -> str:
    return f"{len(problems)} problems (screenshots in {SCREENSHOTS}):\n" + "\n".join(problems)


# --- The behaviours -----------------------------------------------------------------------------


def test_every_public_page_is_clean(project: Project, tab: Tab) -> None:
    problems = []
    for name, (path, status) in PUBLIC_PAGES[project.variant.template].items():
        tab.open(path.format_map(project.production_env), status)
        problems += tab.problems(name)
    assert not problems, failure_report(problems)


def test_a_visitor_registers_logs_out_and_logs_in_again(project: Project, tab: Tab) -> None:
    email, password = f"visitor-{tab.width}@example.com", new_password()
    tab.open("/auth/register")
    tab.submit("Register", {"Email address": email, "Password": password, "Repeat the password": password})
    problems = tab.problems("registered")
    assert email in tab.text("header"), f"after registering, the header shows {tab.text('header')!r}"
    tab.submit("Log out", {})
    problems += tab.problems("logged-out")
    assert "Log in" in tab.text("header"), f"after logging out, the header shows {tab.text('header')!r}"
    tab.open("/auth/login")
    assert tab.page.title() == "Log in · " + project.context["project_name"], tab.page.title()
    tab.submit("Log in", {"Email address": email, "Password": password}, check=("Stay logged in",))
    problems += tab.problems("logged-in")
    assert email in tab.text("header"), f"after logging in, the header shows {tab.text('header')!r}"
    assert not problems, failure_report(problems)


@pytest.fixture(scope="module")
def superuser(project: Project, released: None) -> Account:
    return create_django_superuser(project, project.production_env, "admin")


def sign_in_fields(project: Project, account: Account, label_suffix: str = "") -> dict[str, str]:
    """The log-in form's fields by their labels; the admin's labels end in a colon."""
    name_label = "Email address" if project.context["username_type"] == "email" else "Username"
    return {name_label + label_suffix: account.name, "Password" + label_suffix: account.password}


def test_a_user_logs_in_and_out(project: Project, tab: Tab, superuser: Account) -> None:
    tab.open("/accounts/login/")
    assert tab.page.title() == "Log in · " + project.context["project_name"], tab.page.title()
    tab.submit("Log in", sign_in_fields(project, superuser))
    problems = tab.problems("logged-in")
    assert superuser.name in tab.text("header"), f"after logging in, the header shows {tab.text('header')!r}"
    tab.submit("Log out", {})
    problems += tab.problems("logged-out")
    assert "Log in" in tab.text("header"), f"after logging out, the header shows {tab.text('header')!r}"
    assert not problems, failure_report(problems)


def test_a_superuser_logs_in_to_the_admin(project: Project, tab: Tab, superuser: Account) -> None:
    admin = "/{DJANGO_ADMIN_URL}".format_map(project.production_env)
    tab.open(admin + "login/")
    tab.submit("Log in", sign_in_fields(project, superuser, label_suffix=":"))
    problems = tab.problems("admin")
    heading = tab.text("#site-name")
    assert "administration" in heading, f"after logging in to the admin, the page's heading is {heading!r}"
    assert urlsplit(tab.page.url).path == admin, f"the admin log-in led to {tab.page.url}"
    assert not problems, failure_report(problems)
