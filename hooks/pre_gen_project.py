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


def check_text(value, *, required):
    if required and not value.strip():
        return "must not be blank"
    if UNSAFE_TEXT.search(value):
        return "must be one line of text without double quotes or backslashes"
    return None


def check_project_name(value):
    return check_text(value, required=True)


def check_description(value):
    return check_text(value, required=False)


def check_author_name(value):
    return check_text(value, required=True)


def check_project_slug(value):
    allowed = "use a lowercase Python identifier (letters, digits, underscores; not starting with a digit)"
    if not PYTHON_IDENTIFIER.fullmatch(value):
        return f"{value!r} is not allowed: {allowed}"
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
        if (message := check(CONTEXT[field])) is not None
    ]
    for failure in failures:
        print(f"Invalid answer for {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
