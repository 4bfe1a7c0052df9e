"""The variant sets the other tests use are complete."""

from __future__ import annotations

import itertools

import pytest
from variants import available_templates, choices, every_combination, pairwise, questions, structural_options


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
def test_every_structural_option_is_rendered_with_every_answer(template: str) -> None:
    rendered = [variant.extra_context for variant in every_combination(template)]
    expected = 1
    for answers in structural_options(template).values():
        expected *= len(answers)
    assert len({tuple(sorted(answers.items())) for answers in rendered}) == expected
