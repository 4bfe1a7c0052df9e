"""The variant sets the other tests use are complete.

The questions and their answers are read here from each template's cookiecutter.json,
not from the helpers that build the sets, so a set that leaves an answer out fails.
"""

from __future__ import annotations

import itertools
import json

import pytest
from variants import (
    available_templates,
    choices,
    every_combination,
    identity_keys,
    pairwise,
    questions,
    structural_options,
    template_dir,
)


def answers_in_cookiecutter_json(template: str) -> dict[str, list]:
    """Every question with a choice (a list, or a yes/no) and its answers, as the template's file has them."""
    asked = json.loads((template_dir(template) / "cookiecutter.json").read_text())
    return {
        key: [value, not value] if isinstance(value, bool) else list(value)
        for key, value in asked.items()
        if not key.startswith("_") and isinstance(value, bool | list)
    }


def rendered_answers(template: str) -> list[dict]:
    return [variant.extra_context for variant in every_combination(template)]


@pytest.mark.parametrize("template", available_templates())
def test_the_boot_set_holds_every_pair_of_answers(template: str) -> None:
    options = {
        "python_version": choices(questions(template)["python_version"]),
        **structural_options(template),
    }
    booted = [dict(variant.answers) for variant in pairwise(template)]
    missing = [
        f"{first}={a} with {second}={b}"
        for first, second in itertools.combinations(options, 2)
        for a, b in itertools.product(options[first], options[second])
        if not any(answers[first] == a and answers[second] == b for answers in booted)
    ]
    assert not missing, f"pairs no booted variant has: {missing}"


@pytest.mark.parametrize("template", available_templates())
def test_the_render_set_renders_every_answer_of_every_question(template: str) -> None:
    rendered = rendered_answers(template)
    missing = [
        f"{key}={answer!r}"
        for key, answers in answers_in_cookiecutter_json(template).items()
        for answer in answers
        if not any(key in variant and variant[key] == answer for variant in rendered)
    ]
    assert not missing, f"answers no rendered variant has: {missing}"


@pytest.mark.parametrize("template", available_templates())
def test_the_render_set_renders_every_pair_of_answers(template: str) -> None:
    asked = answers_in_cookiecutter_json(template)
    rendered = rendered_answers(template)
    missing = [
        f"{first}={a!r} with {second}={b!r}"
        for first, second in itertools.combinations(asked, 2)
        for a, b in itertools.product(asked[first], asked[second])
        if not any(variant.get(first) == a and variant.get(second) == b for variant in rendered)
    ]
    assert not missing, f"pairs no rendered variant has: {missing}"


@pytest.mark.parametrize("template", available_templates())
def test_the_render_set_renders_every_combination_of_the_questions_that_choose_files(template: str) -> None:
    """All but the identity questions (name, author, Python, license) decide which files a project has."""
    asked = answers_in_cookiecutter_json(template)
    structural = {key: answers for key, answers in asked.items() if key not in identity_keys()}
    rendered = {tuple(variant.get(key) for key in structural) for variant in rendered_answers(template)}
    missing = [
        dict(zip(structural, combination, strict=True))
        for combination in itertools.product(*structural.values())
        if combination not in rendered
    ]
    assert not missing, f"{len(missing)} combinations no rendered variant has, such as {missing[:3]}"


@pytest.mark.parametrize("template", available_templates())
def test_the_render_set_stays_as_small_as_the_combinations_that_choose_files(template: str) -> None:
    """Licenses and Python versions are dealt over those combinations, not multiplied into them."""
    structural = [
        answers
        for key, answers in answers_in_cookiecutter_json(template).items()
        if key not in identity_keys()
    ]
    combinations = len(list(itertools.product(*structural)))
    rendered = len(every_combination(template))
    assert rendered == combinations, f"{rendered} variants for {combinations} combinations that choose files"
