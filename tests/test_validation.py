"""Bad answers are refused with one clear line each, and nothing is left behind."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from variants import available_templates, template_dir

# field, bad answer, what the message must say
BAD_ANSWERS = [
    ("project_name", "   ", "must not be blank"),
    ("project_name", 'The "Best" Shop', "without double quotes or backslashes"),
    ("project_slug", "Shop", "lowercase Python identifier"),
    ("project_slug", "my-shop", "lowercase Python identifier"),
    ("project_slug", "2shop", "not starting with a digit"),
    ("project_slug", "class", "is a Python keyword"),
    ("project_slug", "json", "standard-library module"),
    ("project_slug", "test", "does not shadow it"),
    ("project_slug", "site", "standard-library module"),
    ("project_slug", "flask", "dependencies or tools use"),
    ("project_slug", "django", "dependencies or tools use"),
    ("description", "two\nlines", "one line of text"),
    ("author_name", "", "must not be blank"),
    ("author_email", "someone", "not an email address"),
    ("author_email", "someone@localhost", "not an email address"),
    ("version", "one point oh", "not a PEP 440 version"),
    ("version", "1..0", "not a PEP 440 version"),
]


def generate(template: str, answers: dict[str, str], output: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable, "-m", "cookiecutter", "--no-input", str(template_dir(template)),
            "--output-dir", str(output), *(f"{key}={value}" for key, value in answers.items()),
        ],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize("template", available_templates())
@pytest.mark.parametrize(
    ("field", "answer", "message"), BAD_ANSWERS, ids=[f"{f}={a!r}" for f, a, _ in BAD_ANSWERS]
)
def test_bad_answer_is_refused_with_a_message_naming_the_field(
    template, field, answer, message, tmp_path, isolated_cookiecutter
) -> None:
    output = tmp_path / "out"
    answers = {field: answer} if field == "project_slug" else {field: answer, "project_slug": "shop"}
    result = generate(template, answers, output, isolated_cookiecutter)
    refusals = [line for line in result.stderr.splitlines() if line.startswith("Invalid answer for ")]
    assert result.returncode != 0, f"{field}={answer!r} was accepted"
    assert len(refusals) == 1 and refusals[0].startswith(f"Invalid answer for {field}: "), (
        f"expected one refusal naming {field}, got:\n{result.stderr}"
    )
    assert message in refusals[0], f"{refusals[0]!r} does not say {message!r}"
    assert not output.exists() or not any(output.iterdir()), f"left behind: {list(output.iterdir())}"


@pytest.mark.parametrize("template", available_templates())
def test_every_bad_answer_is_reported_at_once(template, tmp_path, isolated_cookiecutter) -> None:
    output = tmp_path / "out"
    result = generate(
        template,
        {"project_slug": "Shop", "author_email": "nobody", "version": "x"},
        output,
        isolated_cookiecutter,
    )
    fields = [line.split(":")[0].removeprefix("Invalid answer for ") for line in result.stderr.splitlines()
              if line.startswith("Invalid answer for ")]  # fmt: skip
    assert fields == ["project_slug", "author_email", "version"], result.stderr
    assert not output.exists() or not any(output.iterdir())


@pytest.mark.parametrize("template", available_templates())
def test_good_answers_generate_a_project(template, tmp_path, isolated_cookiecutter) -> None:
    answers = {
        "project_name": "Café Crème", "author_name": "Zoë O'Brien", "author_email": "zoe@example.org",
        "version": "1.0.0rc1", "description": "Coffee, tea & <cake> for 'everyone'",
    }  # fmt: skip
    result = generate(template, answers, tmp_path, isolated_cookiecutter)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "cafe_creme" / "pyproject.toml").is_file(), "the slug should fold to cafe_creme"
