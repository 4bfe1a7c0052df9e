"""Finish the generated project: drop the files of options left out, write .env, say what next.

One source for every template of this repository: edit hooks/ at the top of the
repository and run scripts/sync.py. What differs between templates lives in the
template's cookiecutter.json (``_remove_paths``, ``_dotenv``, ``_next_steps``).
Only the standard library is used, and nothing here touches the network.
"""

import json
import secrets
import shutil
import sys
from pathlib import Path

# Cookiecutter renders this file with Jinja first: the answers arrive as the
# escaped body of a JSON string, so no answer can break out of the literal.
CONTEXT = json.loads("{{ (cookiecutter | jsonify | tojson)[1:-1] }}")


def answer_key(value):
    """How an answer is spelled in the removal table: JSON's true/false, or the choice itself."""
    return json.dumps(value) if isinstance(value, bool) else str(value)


def remove_paths_of_unchosen_options():
    """Delete what ``_remove_paths`` lists under each option's answer.

    Two answers may list the same path (a placeholder that either option makes
    unnecessary), so a path already gone is fine.
    """
    for option, paths_by_answer in CONTEXT["_remove_paths"].items():
        for pattern in paths_by_answer.get(answer_key(CONTEXT[option]), []):
            path = Path(pattern.format_map(CONTEXT))
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)


def chosen_lines(entries):
    """Plain lines, and groups of lines kept only ``when`` every answer they name matches."""
    for entry in entries:
        if isinstance(entry, str):
            yield entry
        elif all(answer_key(CONTEXT[option]) == answer for option, answer in entry["when"].items()):
            yield from entry["lines"]


def write_dotenv():
    """Write the git-ignored .env with secrets made for this project alone."""
    values = {
        **CONTEXT,
        "secret_key": secrets.token_urlsafe(50),
        "database_password": secrets.token_urlsafe(24),
    }
    dotenv = Path(".env")
    dotenv.write_text("".join(line.format_map(values) + "\n" for line in chosen_lines(CONTEXT["_dotenv"])))
    dotenv.chmod(0o600)


def print_next_steps():
    print(f"\nCreated {CONTEXT['project_name']} in {Path.cwd()}. Next:\n")
    for step in chosen_lines(CONTEXT["_next_steps"]):
        print(f"    {step.format_map(CONTEXT)}")
    print(
        "\nThese steps use uv (https://docs.astral.sh/uv/); if you do not have it, `pipx install uv`"
        "\ninstalls it. See README.md for the pip way, configuration, tests and deployment."
    )


def main():
    remove_paths_of_unchosen_options()
    write_dotenv()
    print_next_steps()
    return 0


if __name__ == "__main__":
    sys.exit(main())
