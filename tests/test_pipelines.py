"""Container files, CI pipelines and pre-commit settings are valid, and run the commands the boot tests run.

No container engine runs here, so the files are checked with the real linters:
hadolint for Dockerfiles, check-jsonschema (its vendored schemas) for compose
files and pipelines, and pre-commit's own validation.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support import INSTALL, readme_test_command, typed_steps
from variants import ROOT, Variant, available_templates, every_combination

BIN = Path(sys.executable).parent
REPOSITORY_WORKFLOW = ROOT / ".github" / "workflows" / "tests.yml"


def variants_with(template: str, **answers: object) -> list[Variant]:
    return [
        variant
        for variant in every_combination(template)
        if all(variant.extra_context.get(key) == value for key, value in answers.items())
    ]


def rendered_files(render, variants: list[Variant], relative_path: str) -> list[Path]:
    files = [render(variant).path / relative_path for variant in variants]
    missing = [str(path) for path in files if not path.is_file()]
    assert not missing, f"expected {relative_path} in: {missing}"
    return files


def lint(argv: list[str], files: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run([*argv, *map(str, files)], capture_output=True, text=True)


@pytest.mark.parametrize("template", available_templates())
def test_every_dockerfile_passes_hadolint_with_no_findings(template, render) -> None:
    files = rendered_files(render, variants_with(template, use_docker=True), "Dockerfile")
    result = lint([str(BIN / "hadolint"), "--no-color"], files)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@pytest.mark.parametrize("template", available_templates())
def test_every_compose_file_matches_the_compose_specification(template, render) -> None:
    files = rendered_files(render, variants_with(template, use_docker=True), "compose.yaml")
    result = lint([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.compose-spec"], files)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("template", available_templates())
def test_every_github_workflow_matches_the_workflow_schema(template, render) -> None:
    files = rendered_files(render, variants_with(template, ci="github"), ".github/workflows/ci.yml")
    result = lint([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows"], files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_this_repository_workflow_matches_the_workflow_schema() -> None:
    result = lint(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows"], [REPOSITORY_WORKFLOW]
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_this_repository_workflow_runs_exactly_the_readme_test_command() -> None:
    jobs = yaml.safe_load(REPOSITORY_WORKFLOW.read_text())["jobs"]
    runs = [step["run"].strip() for job in jobs.values() for step in job["steps"] if "run" in step]
    command = readme_test_command()
    assert runs[-1:] == [command], f"the workflow's last step runs {runs[-1:]}, not the README's {command!r}"


def test_this_repository_workflow_only_installs_packages_before_the_tests() -> None:
    jobs = yaml.safe_load(REPOSITORY_WORKFLOW.read_text())["jobs"]
    runs = [step["run"].strip() for job in jobs.values() for step in job["steps"] if "run" in step]
    lines = [line for run in runs[:-1] for line in run.splitlines()]
    others = [line for line in lines if "apt-get" not in line and "policy-rc.d" not in line]
    assert not others, f"steps before the tests must only install system packages, not run {others}"


@pytest.mark.parametrize("template", available_templates())
def test_every_gitlab_pipeline_matches_the_gitlab_ci_schema(template, render) -> None:
    files = rendered_files(render, variants_with(template, ci="gitlab"), ".gitlab-ci.yml")
    result = lint([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci"], files)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("template", available_templates())
def test_every_pre_commit_configuration_is_valid(template, render) -> None:
    files = rendered_files(render, every_combination(template), ".pre-commit-config.yaml")
    result = lint([str(BIN / "pre-commit"), "validate-config"], files)
    assert result.returncode == 0, result.stdout + result.stderr


def run_lines(script: list[str] | str) -> list[str]:
    """The commands of a pipeline script: no comments, no variables being exported."""
    lines = script.splitlines() if isinstance(script, str) else script
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith(("#", "export "))]


def pipeline_variants(template: str, ci: str) -> list[Variant]:
    """One pipeline per database and Celery answer: the answers that change its services and steps."""
    chosen = {}
    for variant in variants_with(template, ci=ci):
        chosen.setdefault((variant.extra_context["database"], variant.extra_context["use_celery"]), variant)
    return list(chosen.values())


@pytest.mark.parametrize("template", available_templates())
def test_github_workflow_runs_the_commands_the_boot_tests_run(template, render) -> None:
    for variant in pipeline_variants(template, "github"):
        project = render(variant)
        workflow = yaml.safe_load((project / ".github/workflows/ci.yml").read_text())
        steps = [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
        ran = [line for step in steps for line in run_lines(step)]
        expected = [INSTALL, *typed_steps(project.context, "lint", "test", "deploy_checks")]
        assert ran == expected, f"{variant.id}: the workflow runs {ran}, the boot tests run {expected}"


@pytest.mark.parametrize("template", available_templates())
def test_gitlab_pipeline_runs_the_commands_the_boot_tests_run(template, render) -> None:
    for variant in pipeline_variants(template, "gitlab"):
        project = render(variant)
        pipeline = yaml.safe_load((project / ".gitlab-ci.yml").read_text())
        ran = run_lines(pipeline["checks"]["script"])
        expected = [INSTALL, *typed_steps(project.context, "lint", "test", "deploy_checks")]
        assert ran == expected, f"{variant.id}: the pipeline runs {ran}, the boot tests run {expected}"


def dockerfile_instruction(dockerfile: Path, instruction: str) -> str:
    lines = [line for line in dockerfile.read_text().splitlines() if line.startswith(f"{instruction} ")]
    assert len(lines) == 1, f"expected one {instruction} in {dockerfile}, found {lines}"
    return lines[0].removeprefix(f"{instruction} ")


@pytest.mark.parametrize("template", available_templates())
def test_the_image_serves_with_the_command_the_boot_tests_boot(template, render) -> None:
    project = render(variants_with(template, use_docker=True)[0])
    served = json.loads(dockerfile_instruction(project / "Dockerfile", "CMD"))
    # The image's PATH starts with the project's environment: the command runs without uv.
    assert served == project.context["__commands"]["serve"]


@pytest.mark.parametrize("template", available_templates())
def test_compose_migrates_and_runs_the_worker_with_the_boot_test_commands(template, render) -> None:
    project = render(variants_with(template, use_docker=True, use_celery=True)[0])
    services = yaml.safe_load((project / "compose.yaml").read_text())["services"]
    assert services["migrate"]["command"] == project.context["__commands"]["migrate"]
    assert services["worker"]["command"] == project.context["__commands"]["worker"]


@pytest.mark.parametrize("template", available_templates())
def test_every_compose_service_states_its_health_check(template, render) -> None:
    """Left unstated, a service inherits the image's check of /healthz, which only the web server answers."""
    for variant in variants_with(template, use_docker=True):
        services = yaml.safe_load((render(variant) / "compose.yaml").read_text())["services"]
        unstated = [name for name, service in services.items() if "healthcheck" not in service]
        assert not unstated, f"{variant.id}: services without a stated health check: {unstated}"
