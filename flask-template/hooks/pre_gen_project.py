{# Copied from hooks/pre_gen_project.py by scripts/sync.py: edit that file, then run it. -#}
"""Refuse answers that would produce a broken project, before any file is written.

One source for every template of this repository: edit hooks/ at the top of the
repository and run scripts/sync.py. Only the standard library is used, and
nothing here touches the network.
"""

import json
import keyword
import re
import sys

# Cookiecutter renders this file with Jinja first: the answers arrive as the
# escaped body of a JSON string, so no answer can break out of the literal.
CONTEXT = json.loads("{{ (cookiecutter | jsonify | tojson)[1:-1] }}")
# An answer given on the command line or in a config file is rendered as a
# template before this hook runs (a name holding the template code for 7*7
# arrives with 49 in its place); cookiecutter keeps the answers as given in
# _cookiecutter. cruft leaves that out, and then only the answers are checked.
GIVEN = json.loads("{{ (_cookiecutter | default({}) | jsonify | tojson)[1:-1] }}")

# The public version scheme of PEP 440 (its appendix B), without local versions.
PEP_440_VERSION = re.compile(
    r"""
    (?:[1-9][0-9]*!)?                                   # epoch
    (?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))*           # release
    (?:(?:a|b|rc)(?:0|[1-9][0-9]*))?                    # pre-release
    (?:\.post(?:0|[1-9][0-9]*))?                        # post-release
    (?:\.dev(?:0|[1-9][0-9]*))?                         # development release
    """,
    re.VERBOSE,
)
EMAIL_ADDRESS = re.compile(r"[^@\s\"\\]+@[^@\s\"\\.]+(?:\.[^@\s\"\\.]+)+")
PYTHON_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
# Free text is written into TOML, Python and Markdown files, so it stays on one
# line and leaves out the two characters those files would need escaped.
UNSAFE_TEXT = re.compile(r"[\"\\\x00-\x1f\x7f]")
# What starts Jinja code: a brace followed by a brace, a percent sign or a hash.
# Written with \x7b ("{") because this file is itself rendered with Jinja.
TEMPLATE_MARKERS = ("\x7b\x7b", "\x7b%", "\x7b#")
# The slug names the project's folder, its package and its PostgreSQL database
# and user; PostgreSQL cuts names at 63 bytes, and the test database adds "_test"
# (Flask) or "test_" (Django). The slug made from a long project name is cut to
# this length in cookiecutter.json, so only a slug given outright can exceed it.
MAX_SLUG_LENGTH = 63 - len("_test")


def check_text(value, *, required):
    if required and not value.strip():
        return "must not be blank"
    if UNSAFE_TEXT.search(value):
        return "must be one line of text without double quotes or backslashes"
    return None


def check_plain_text(field):
    """Refuse Jinja code in an answer: typed at a prompt it arrives as typed, else it shows in GIVEN."""
    if field == "project_slug":  # its default is template code by design; its own check allows no braces
        return None
    forms = (CONTEXT[field], GIVEN.get(field))
    if any(isinstance(form, str) and marker in form for form in forms for marker in TEMPLATE_MARKERS):
        markers = ", ".join(TEMPLATE_MARKERS[:-1]) + " or " + TEMPLATE_MARKERS[-1]
        return f"must be plain text, without {markers}: cookiecutter would run what follows as template code"
    return None


def check_project_name(value):
    if value.strip() and not any(character.isalnum() for character in value):
        return f"{value!r} has no letter or digit: use a name with one, the package name is made from them"
    return check_text(value, required=True)


def check_description(value):
    return check_text(value, required=False)


def check_author_name(value):
    return check_text(value, required=True)


def check_project_slug(value):
    allowed = "use a lowercase Python identifier (letters, digits, underscores; not starting with a digit)"
    if not value:
        return f"must not be empty: {allowed}"
    if not PYTHON_IDENTIFIER.fullmatch(value):
        return f"{value!r} is not allowed: {allowed}"
    if len(value) > MAX_SLUG_LENGTH:
        return (
            f"is {len(value)} characters long: use at most {MAX_SLUG_LENGTH}, so that the PostgreSQL database"
            " named after it keeps its whole name with _test added (PostgreSQL cuts names at 63)"
        )
    if keyword.iskeyword(value) or keyword.issoftkeyword(value):
        return f"{value!r} is a Python keyword: {allowed} that is not a keyword"
    shadowing = "choose a name that does not shadow it"
    if value in sys.stdlib_module_names:
        return f"{value!r} is the name of a standard-library module: {shadowing}"
    if value in CONTEXT["_reserved_slugs"]:
        return f"{value!r} is a module name the project's dependencies or tools use: {shadowing}"
    return None


def check_author_email(value):
    if not EMAIL_ADDRESS.fullmatch(value):
        return f"{value!r} is not an email address: use the form name@example.com"
    if not value.isascii():
        return (
            f"{value!r} is not all ASCII: use ASCII letters, digits and punctuation (an international domain"
            " in its xn-- form); the project's build backend, hatchling, cannot package other addresses"
        )
    return None


def check_version(value):
    if not PEP_440_VERSION.fullmatch(value):
        return f"{value!r} is not a PEP 440 version: use a form such as 0.1.0, 1.0, 2.0.0rc1 or 1.0.post1"
    return None


CHECKS = {
    "project_name": check_project_name,
    "project_slug": check_project_slug,
    "description": check_description,
    "author_name": check_author_name,
    "author_email": check_author_email,
    "version": check_version,
}


def main():
    failures = [
        f"{field}: {message}"
        for field, check in CHECKS.items()
        if (message := check_plain_text(field) or check(CONTEXT[field])) is not None
    ]
    for failure in failures:
        print(f"Invalid answer for {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
