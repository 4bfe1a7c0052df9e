"""The option space of each template, read from its cookiecutter.json.

Nothing here lists an option by hand: a question added to a template is
rendered, and paired in the boot set, the day it is added.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from allpairspy import AllPairs

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_NAMES = ("flask", "django")


def template_dir(name: str) -> Path:
    return ROOT / f"{name}-template"


def project_folder(name: str) -> Path:
    """The template's folder of the generated project, named by template code."""
    (folder,) = (path for path in template_dir(name).iterdir() if path.name.startswith("{{"))
    return folder


def available_templates() -> list[str]:
    """The templates the root menu offers."""
    menu = json.loads((ROOT / "cookiecutter.json").read_text())["templates"]
    return [name for name in TEMPLATE_NAMES if name in menu]


@cache
def context(name: str) -> dict:
    return json.loads((template_dir(name) / "cookiecutter.json").read_text())


@cache
def identity_keys() -> tuple[str, ...]:
    """The questions every template asks about the project itself (name, author, Python, license)."""
    return tuple(json.loads((ROOT / "options" / "common.json").read_text())["project"])


def questions(name: str) -> dict:
    return {key: value for key, value in context(name).items() if not key.startswith("_")}


def choices(value: object) -> list:
    """The answers a question allows: both booleans, every listed choice, or the one default."""
    if isinstance(value, bool):
        return [value, not value]
    if isinstance(value, list):
        return list(value)
    return [value]


def structural_options(name: str) -> dict[str, list]:
    """Questions that decide which files and code the project gets (everything but identity)."""
    return {
        key: choices(value)
        for key, value in questions(name).items()
        if key not in identity_keys() and isinstance(value, bool | list)
    }


@dataclass(frozen=True)
class Variant:
    """A template with answers to its structural questions, and optionally a name of its own.

    ``label`` replaces the id made from the answers (an answers file is named for its file).
    """

    template: str
    answers: tuple[tuple[str, object], ...]
    project_name: str | None = None
    label: str | None = None

    def answer(self, question: str) -> object:
        """The variant's answer to a question, or None where it gives none."""
        return dict(self.answers).get(question)

    @property
    def extra_context(self) -> dict:
        named = {"project_name": self.project_name} if self.project_name else {}
        return {**named, **dict(self.answers)}

    @property
    def id(self) -> str:
        if self.label:
            return self.label
        parts = [self.template]
        for key, value in self.answers:
            if isinstance(value, bool):
                parts.append(key.removeprefix("use_") if value else f"no_{key.removeprefix('use_')}")
            else:
                parts.append(str(value))
        return "-".join(parts)


def spread_options(name: str) -> dict[str, list]:
    """Questions with a choice that change what files say, not which files there are (license, Python)."""
    return {
        key: choices(value)
        for key, value in questions(name).items()
        if key in identity_keys() and isinstance(value, list)
    }


Pair = tuple[tuple[str, object], tuple[str, object]]


def answer_pairs(answers: dict) -> set[Pair]:
    return set(itertools.combinations(answers.items(), 2))


def every_combination(name: str) -> list[Variant]:
    """Every combination of the structural answers, with the spread questions' answers dealt over them.

    Each spread answer goes where it meets answers it has not met yet, else where
    it meets them least often, so every spread answer meets every other answer,
    about equally often, without multiplying the number of variants.
    """
    structural, spread = structural_options(name), spread_options(name)
    everything = {**structural, **spread}
    unmet = {
        pair
        for first, second in itertools.combinations(everything, 2)
        if second in spread
        for pair in itertools.product(
            [(first, answer) for answer in everything[first]],
            [(second, answer) for answer in everything[second]],
        )
    }
    met: Counter[Pair] = Counter()
    variants = []
    for values in itertools.product(*structural.values()):
        answers = dict(zip(structural, values, strict=True))
        for key, allowed in spread.items():
            pairs = {answer: answer_pairs({**answers, key: answer}) for answer in allowed}
            # Pairs not met yet first; then pairs met the fewest times, to spread the answers evenly.
            worth = {
                answer: (len(pairs[answer] & unmet), -sum(met[pair] for pair in pairs[answer]))
                for answer in allowed
            }
            answers[key] = max(allowed, key=worth.__getitem__)
        unmet -= answer_pairs(answers)
        met.update(answer_pairs(answers))
        variants.append(Variant(name, tuple(answers.items())))
    return variants


def pairwise(name: str) -> list[Variant]:
    """A small set of variants in which every pair of answers appears at least once.

    The Python version takes part, so every option meets every interpreter. Each
    variant has a project name of its own, so the databases its README creates
    by name never meet another variant's.
    """
    options = {"python_version": choices(questions(name)["python_version"]), **structural_options(name)}
    domains = list(options.values())
    rows = fewest_pairwise_rows(domains) or [tuple(row) for row in AllPairs(domains)]
    return [
        Variant(name, tuple(zip(options, values, strict=True)), project_name=f"Boot {name} {number}")
        for number, values in enumerate(rows, start=1)
    ]


def covers(first: tuple[int, ...], first_size: int, second: tuple[int, ...], second_size: int) -> bool:
    """Whether two columns of answer indexes hold every pair of their answers."""
    return len(set(zip(first, second, strict=True))) == first_size * second_size


def fewest_pairwise_rows(domains: list[list]) -> list[tuple] | None:
    """Rows holding every pair of answers, as few as can be: one per pair of the two largest domains.

    Those two domains make the rows; every other domain gets a column of answers
    found by search. Each boot variant costs about a minute, so the lower bound is
    worth a search (AllPairs, a greedy method, takes 11 rows where 9 do). None when
    no such columns exist.
    """
    if len(domains) < 2:
        return None
    order = sorted(range(len(domains)), key=lambda index: -len(domains[index]))
    first, second, rest = order[0], order[1], order[2:]
    grid = list(itertools.product(range(len(domains[first])), range(len(domains[second]))))
    columns = {first: tuple(row[0] for row in grid), second: tuple(row[1] for row in grid)}
    size = {index: len(domain) for index, domain in enumerate(domains)}
    candidates = {
        index: [
            column
            for column in itertools.product(range(size[index]), repeat=len(grid))
            if all(covers(column, size[index], columns[axis], size[axis]) for axis in (first, second))
        ]
        for index in rest
    }

    def search(position: int) -> bool:
        if position == len(rest):
            return True
        index = rest[position]
        for column in candidates[index]:
            if all(covers(column, size[index], columns[other], size[other]) for other in rest[:position]):
                columns[index] = column
                if search(position + 1):
                    return True
        return False

    if not search(0):
        return None
    return [
        tuple(domain[columns[index][row]] for index, domain in enumerate(domains)) for row in range(len(grid))
    ]


def covering(variants: list[Variant], ignoring: Collection[str] = ()) -> list[Variant]:
    """The fewest of ``variants`` that between them hold every answer any of them holds.

    Answers to the questions named in ``ignoring`` need not be held.
    """

    def answers(variant: Variant) -> set[tuple[str, object]]:
        return {(question, answer) for question, answer in variant.answers if question not in ignoring}

    wanted = {answer for variant in variants for answer in answers(variant)}
    for size in range(1, len(variants) + 1):
        for chosen in itertools.combinations(variants, size):
            if wanted <= {answer for variant in chosen for answer in answers(variant)}:
                return list(chosen)
    return []
