"""Write each template's shared parts from their one source.

- ``<template>/cookiecutter.json`` is composed from ``options/common.json``
  (the ``project`` questions asked first, the ``infrastructure`` questions
  asked last, and the tables every template shares) and ``options/<name>.json``
  (the template's own questions and tables). Tables whose names start with
  ``__`` hold Jinja that cookiecutter renders with the answers, so hooks and
  templates read finished values.
- ``hooks/*.py`` is copied into ``<template>/hooks/``: cookiecutter runs a hook
  from a temporary file, so a hook cannot import a sibling module.
- ``project-common/`` holds the files every generated project gets alike
  (container files, CI pipelines, pre-commit, license, gunicorn settings); each
  is copied into ``<template>/<project folder>/`` and rendered there.
- ``partials/`` holds text both projects' files include (``{% include %}``);
  it is copied into ``<template>/templates/``, where cookiecutter looks for it.
- The options table of README.md is written from the composed files.

Every copy says where it comes from: a first-line Jinja comment, which
rendering drops, or ``_generated_from`` in cookiecutter.json.

Run ``python scripts/sync.py`` after editing a source; ``--check`` only reports
what is out of date, names the source to edit, and exits 1 if anything is.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"
OPTIONS = ROOT / "options"
PROJECT_COMMON = ROOT / "project-common"
# The project's folder is made before the pre-generation hook runs: a slug the hook will
# refuse (empty, or too long for a file name) must still name a folder it can make and remove.
PROJECT_FOLDER = '{{cookiecutter.project_slug[:58] or "project"}}'
PARTIALS = ROOT / "partials"
TEMPLATES = {"flask": ROOT / "flask-template", "django": ROOT / "django-template"}
README = ROOT / "README.md"
OPTIONS_TABLE = re.compile(r"(<!-- options:start -->\n).*?(<!-- options:end -->)", re.DOTALL)


def merge_private(common: object, own: object) -> object:
    """Combine a private table that both sources define: tables merge, lists add up (the template's first)."""
    if isinstance(common, dict) and isinstance(own, dict):
        merged = dict(common)
        for key, value in own.items():
            merged[key] = merge_private(common[key], value) if key in common else value
        return merged
    if isinstance(common, list) and isinstance(own, list):
        return own + common
    return own


def compose_context(common: dict, own: dict, sources: str) -> dict:
    """The template's cookiecutter.json: project questions, its own, infrastructure questions, then tables.

    The tables keep the template's order, then the shared ones: cookiecutter renders ``__`` tables in
    that order, so a table may use a name defined above it (``__env_prefix`` before ``__dotenv``).
    """
    questions = {key: value for key, value in own.items() if not key.startswith("_")}
    context = {"_generated_from": f"{sources} by scripts/sync.py: edit those, then run it"}
    context.update({key: questions.pop(key, value) for key, value in common["project"].items()})
    infrastructure = {key: questions.pop(key, value) for key, value in common["infrastructure"].items()}
    context.update(questions)
    context.update(infrastructure)
    context["__prompts__"] = {**common["__prompts__"], **own.get("__prompts__", {})}
    tables = [key for key in [*own, *common] if key.startswith("_") and key != "__prompts__"]
    for key in dict.fromkeys(tables):
        if key in common and key in own:
            context[key] = merge_private(common[key], own[key])
        else:
            context[key] = own.get(key, common.get(key))
    return context


def describe_answers(value: object) -> str:
    if isinstance(value, bool):
        return f"yes / no (default {'yes' if value else 'no'})"
    if isinstance(value, list):
        return " / ".join(f"`{choice}`" for choice in value) + f" (default `{value[0]}`)"
    if "{{" in str(value):
        return "derived from the project name"
    return f"default `{value}`"


def options_table(contexts: dict[str, dict]) -> str:
    """A Markdown table of every question, its answers, and the templates that ask it."""
    rows: dict[str, dict[str, str]] = {}
    for name, context in contexts.items():
        for key, value in context.items():
            if key.startswith("_"):
                continue
            prompt = context["__prompts__"][key]
            question = prompt["__prompt__"] if isinstance(prompt, dict) else prompt
            row = rows.setdefault(key, {"question": question, "answers": {}})
            row["answers"][name] = describe_answers(value)
    lines = ["| Option | Question | Answers |", "| --- | --- | --- |"]
    for key, row in rows.items():
        answers = set(row["answers"].values())
        if len(answers) == 1 and len(row["answers"]) == len(contexts):
            described = answers.pop()
        else:
            described = "; ".join(f"{name.title()}: {text}" for name, text in row["answers"].items())
        lines.append(f"| `{key}` | {row['question']} | {described} |")
    return "\n".join(lines) + "\n"


def copy_of(source: Path) -> str:
    """A source file's text, headed by a Jinja comment (gone once rendered) that names it."""
    mark = f"{{# Copied from {source.relative_to(ROOT)} by scripts/sync.py: edit that file, then run it. -#}}"
    return f"{mark}\n{source.read_text()}"


def expected_files() -> dict[Path, tuple[str, str]]:
    """Every written file, the text it must hold, and the source to edit instead."""
    common_source = OPTIONS / "common.json"
    common = json.loads(common_source.read_text())
    files: dict[Path, tuple[str, str]] = {}
    contexts: dict[str, dict] = {}
    for name, template in TEMPLATES.items():
        own_source = OPTIONS / f"{name}.json"
        sources = f"{common_source.relative_to(ROOT)} and {own_source.relative_to(ROOT)}"
        context = contexts[name] = compose_context(common, json.loads(own_source.read_text()), sources)
        text = json.dumps(context, indent=2, ensure_ascii=False) + "\n"
        files[template / "cookiecutter.json"] = (text, sources)
        copies = {template / "hooks" / hook.name: hook for hook in sorted(HOOKS.glob("*.py"))}
        for source in sorted(path for path in PROJECT_COMMON.rglob("*") if path.is_file()):
            copies[template / PROJECT_FOLDER / source.relative_to(PROJECT_COMMON)] = source
        for partial in sorted(PARTIALS.glob("*")):
            copies[template / "templates" / partial.name] = partial
        for path, source in copies.items():
            files[path] = (copy_of(source), str(source.relative_to(ROOT)))
    readme = README.read_text()
    table = OPTIONS_TABLE.sub(lambda match: match[1] + options_table(contexts) + match[2], readme)
    files[README] = (table, "the options/ files (the options table)")
    return files


def stale_files() -> dict[Path, str]:
    """Written files whose text differs from what their source gives, and the source of each."""
    return {
        path: source
        for path, (text, source) in expected_files().items()
        if not path.exists() or path.read_text() != text
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale files, change nothing")
    args = parser.parse_args()
    if args.check:
        stale = stale_files()
        for path, source in stale.items():
            print(f"out of date: {path.relative_to(ROOT)}: edit {source}, then run python scripts/sync.py")
        return 1 if stale else 0
    for path, (text, _source) in expected_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
