"""Bad answers are refused with one clear line each, and nothing is left behind."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from variants import available_templates, template_dir

# The longest slug the hook accepts: the PostgreSQL database named after it keeps
# its whole name with _test added (PostgreSQL cuts names at 63 bytes).
MAX_SLUG_LENGTH = 58

# field, bad answer, what the message must say
BAD_ANSWERS = [
    ("project_name", "   ", "must not be blank"),
    ("project_name", 'The "Best" Shop', "without double quotes or backslashes"),
    ("project_name", "!!!", "has no letter or digit"),
    # Given on the command line, template code reaches the hook already rendered
    # ("Shop 49"); the hook finds it in the answers as given.
    ("project_name", "Shop {{ 7*7 }}", "must be plain text, without {{, {% or {#"),
    ("description", "Tea {% if true %}and cake{% endif %}", "must be plain text"),
    ("author_name", "Ann {# the author #}", "must be plain text"),
    ("author_email", "{{ 'ann' }}@example.org", "must be plain text"),
    ("project_slug", "Shop", "lowercase Python identifier"),
    ("project_slug", "my-shop", "lowercase Python identifier"),
    ("project_slug", "2shop", "not starting with a digit"),
    ("project_slug", "class", "is a Python keyword"),
    ("project_slug", "json", "standard-library module"),
    ("project_slug", "test", "does not shadow it"),
    ("project_slug", "site", "standard-library module"),
    ("project_slug", "flask", "dependencies or tools use"),
    ("project_slug", "django", "dependencies or tools use"),
    ("project_slug", "a" * (MAX_SLUG_LENGTH + 1), f"use at most {MAX_SLUG_LENGTH}"),
    ("description", "two\nlines", "one line of text"),
    ("author_name", "", "must not be blank"),
    ("author_email", "someone", "not an email address"),
    ("author_email", "someone@localhost", "not an email address"),
    ("author_email", "zoë@example.org", "not all ASCII"),
    ("author_email", "zoe@exämple.org", "not all ASCII"),
    ("version", "one point oh", "not a PEP 440 version"),
    ("version", "1..0", "not a PEP 440 version"),
]


def generate(
    template: str, answers: dict[str, str], output: Path, env: dict, *options: str, typed: str | None = None
) -> subprocess.CompletedProcess:
    """Run cookiecutter: with ``typed``, answer its prompts with those lines and then the defaults."""
    no_input = [] if typed is not None else ["--no-input"]
    return subprocess.run(
        [
            sys.executable, "-m", "cookiecutter", *no_input, *options, str(template_dir(template)),
            "--output-dir", str(output), *(f"{key}={value}" for key, value in answers.items()),
        ],
        input=None if typed is None else typed + "\n" * 40,
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


def assert_refused(result: subprocess.CompletedProcess, field: str, message: str) -> None:
    """Exactly one refusal, naming ``field`` and saying ``message``."""
    refusals = [line for line in result.stderr.splitlines() if line.startswith("Invalid answer for ")]
    assert result.returncode != 0, f"{field} was accepted:\n{result.stdout}"
    assert len(refusals) == 1 and refusals[0].startswith(f"Invalid answer for {field}: "), (
        f"expected one refusal naming {field}, got:\n{result.stderr}"
    )
    assert message in refusals[0], f"{refusals[0]!r} does not say {message!r}"


def assert_nothing_left(output: Path) -> None:
    assert not output.exists() or not any(output.iterdir()), f"left behind: {list(output.iterdir())}"


@pytest.mark.parametrize("template", available_templates())
@pytest.mark.parametrize(
    ("field", "answer", "message"), BAD_ANSWERS, ids=[f"{f}={a[:20]!r}" for f, a, _ in BAD_ANSWERS]
)
def test_bad_answer_is_refused_with_a_message_naming_the_field(
    template, field, answer, message, tmp_path, isolated_cookiecutter
) -> None:
    output = tmp_path / "out"
    answers = {field: answer} if field == "project_slug" else {field: answer, "project_slug": "shop"}
    result = generate(template, answers, output, isolated_cookiecutter)
    assert_refused(result, field, message)
    assert_nothing_left(output)


@pytest.mark.parametrize("template", available_templates())
@pytest.mark.parametrize(
    ("name", "message"),
    [("", "must not be blank"), ("   ", "must not be blank"), ("?!", "has no letter or digit")],
)
def test_a_name_without_letters_is_refused_by_name_when_the_slug_is_made_from_it(
    template, name, message, tmp_path, isolated_cookiecutter
) -> None:
    """Such a name slugifies to nothing, so its slug falls back to ``project``.

    An empty slug would name the output folder itself, which exists, and cookiecutter
    would stop on that before any hook runs.
    """
    output = tmp_path / "out"
    output.mkdir()
    result = generate(template, {"project_name": name}, output, isolated_cookiecutter)
    assert_refused(result, "project_name", message)
    assert_nothing_left(output)


@pytest.mark.parametrize("template", available_templates())
def test_template_code_typed_at_the_prompt_is_refused(template, tmp_path, isolated_cookiecutter) -> None:
    """Typed at the prompt, an answer reaches the hook as typed, not rendered."""
    output = tmp_path / "out"
    result = generate(template, {}, output, isolated_cookiecutter, typed="Shop {{ 7*7 }}")
    assert_refused(result, "project_name", "must be plain text")
    assert_nothing_left(output)


@pytest.mark.parametrize("template", available_templates())
def test_template_code_in_an_answers_file_is_refused(template, tmp_path, isolated_cookiecutter) -> None:
    """Answers from ``--config-file`` are rendered like those on the command line."""
    output = tmp_path / "out"
    answers_file = tmp_path / "answers.yaml"
    answers_file.write_text('default_context:\n  author_name: "Ann {{ 6*7 }}"\n  project_slug: "shop"\n')
    result = generate(template, {}, output, isolated_cookiecutter, "--config-file", str(answers_file))
    assert_refused(result, "author_name", "must be plain text")
    assert_nothing_left(output)


@pytest.mark.parametrize("template", available_templates())
@pytest.mark.parametrize(
    ("slug", "message"),
    [("", "must not be empty"), ("a" * 256, f"use at most {MAX_SLUG_LENGTH}")],
    ids=["empty", "256 characters"],
)
def test_a_slug_no_folder_can_be_named_after_is_refused_by_name(
    template, slug, message, tmp_path, isolated_cookiecutter
) -> None:
    """Cookiecutter makes the project folder before the hook runs; its name falls back to one it can make."""
    output = tmp_path / "out"
    output.mkdir()
    result = generate(template, {"project_slug": slug}, output, isolated_cookiecutter)
    assert_refused(result, "project_slug", message)
    assert_nothing_left(output)


@pytest.mark.parametrize("template", available_templates())
def test_a_long_project_name_gives_a_slug_cut_at_a_word_to_the_limit(
    template, tmp_path, isolated_cookiecutter
) -> None:
    result = generate(template, {"project_name": "Shop " * 60}, tmp_path, isolated_cookiecutter)
    assert result.returncode == 0, result.stderr
    (folder,) = [path.name for path in tmp_path.iterdir() if path.name.startswith("shop")]
    assert folder == "_".join(["shop"] * 11), (
        f"expected the whole words that fit in {MAX_SLUG_LENGTH} characters, got {folder!r}"
    )


@pytest.mark.parametrize("template", available_templates())
def test_a_slug_of_the_longest_length_allowed_generates_a_project(
    template, tmp_path, isolated_cookiecutter
) -> None:
    slug = "s" * MAX_SLUG_LENGTH
    result = generate(template, {"project_slug": slug}, tmp_path, isolated_cookiecutter)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / slug / "pyproject.toml").is_file()


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
    assert_nothing_left(output)


@pytest.mark.parametrize("template", available_templates())
def test_good_answers_generate_a_project(template, tmp_path, isolated_cookiecutter) -> None:
    answers = {
        "project_name": "Café Crème", "author_name": "Zoë O'Brien", "author_email": "zoe@example.org",
        "version": "1.0.0rc1", "description": "Coffee, tea & <cake> for 'everyone'",
    }  # fmt: skip
    result = generate(template, answers, tmp_path, isolated_cookiecutter)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "cafe_creme" / "pyproject.toml").is_file(), "the slug should fold to cafe_creme"
