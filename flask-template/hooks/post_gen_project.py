{# Copied from hooks/post_gen_project.py by scripts/sync.py: edit that file, then run it. -#}
"""Finish the generated project: drop the files of options left out, write .env, say what next.

One source for every template of this repository: edit hooks/ at the top of the
repository and run scripts/sync.py. What differs between templates lives in the
template's cookiecutter.json (``__remove_paths``, ``__dotenv``, ``__next_steps``),
already rendered with the answers when this hook runs.
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
    """Delete what ``__remove_paths`` lists under each option's answer.

    Two answers may list the same path (a placeholder that either option makes
    unnecessary), so a path already gone is fine.
    """
    for option, paths_by_answer in CONTEXT["__remove_paths"].items():
        for name in paths_by_answer.get(answer_key(CONTEXT[option]), []):
            path = Path(name)
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)


def chosen_lines(entries):
    """Entries as they are, and groups of entries kept only ``when`` every answer they name matches."""
    for entry in entries:
        if not (isinstance(entry, dict) and "when" in entry):
            yield entry
        elif all(answer_key(CONTEXT[option]) == answer for option, answer in entry["when"].items()):
            yield from entry["lines"]


def dotenv_line(entry):
    """A line as written, or ``{"secret": NAME, "bytes": N}``: NAME set to a new random value."""
    if isinstance(entry, str):
        return entry
    # Cookiecutter renders every value of a __ table, numbers too, into a string.
    return f"{entry['secret']}={secrets.token_urlsafe(int(entry['bytes']))}"


def write_dotenv():
    """Write the git-ignored .env with secrets made for this project alone."""
    dotenv = Path(".env")
    dotenv.write_text("".join(dotenv_line(entry) + "\n" for entry in chosen_lines(CONTEXT["__dotenv"])))
    dotenv.chmod(0o600)


def print_next_steps():
    print(f"\nCreated {CONTEXT['project_name']} in {Path.cwd()}. Next:\n")
    for step in chosen_lines(CONTEXT["__next_steps"]):
        print(f"    {step}")
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
