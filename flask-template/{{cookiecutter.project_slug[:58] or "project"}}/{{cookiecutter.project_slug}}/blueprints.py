"""Register the blueprints a YAML file declares.

The file holds one key, ``blueprints``: a list of entries, each a mapping with

- ``import``: ``"module.path:attribute"`` of a :class:`flask.Blueprint` (required);
- ``url_prefix``: a string starting with ``/`` (optional);
- ``enabled``: a boolean, true when left out; a disabled entry is not imported.

Every problem, from a missing file to an attribute that is not a blueprint,
raises :class:`BlueprintConfigError`, whose message names the file, the entry
and the cause.
"""

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from flask import Blueprint, Flask

ENTRY_KEYS = {"import": str, "url_prefix": str, "enabled": bool}


class BlueprintConfigError(Exception):
    """The blueprints file cannot be used as it is."""


@dataclass(frozen=True)
class BlueprintEntry:
    """One validated entry of the blueprints file."""

    path: Path
    index: int
    import_path: str
    url_prefix: str | None = None
    enabled: bool = True

    def error(self, cause: str) -> BlueprintConfigError:
        return BlueprintConfigError(
            f"{self.path}: blueprints[{self.index}] ({self.import_path!r}): {cause}"
        )

    def load(self) -> Blueprint:
        """Import the blueprint this entry names."""
        module_name, _, attribute = self.import_path.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            raise self.error(f"module {error.name!r} not found") from error
        except Exception as error:
            raise self.error(f"importing {module_name!r} failed: {error!r}") from error
        try:
            blueprint = getattr(module, attribute)
        except AttributeError:
            raise self.error(f"module {module_name!r} has no attribute {attribute!r}") from None
        if not isinstance(blueprint, Blueprint):
            raise self.error(f"{type(blueprint).__name__} object is not a flask.Blueprint")
        return blueprint


def register_blueprints(app: Flask, path: Path) -> None:
    """Register every enabled blueprint ``path`` declares, in the file's order."""
    blueprints = load_blueprints(path)
    for entry, blueprint in blueprints:
        app.register_blueprint(blueprint, url_prefix=entry.url_prefix)


def load_blueprints(path: Path) -> list[tuple[BlueprintEntry, Blueprint]]:
    """Validate the file and import its enabled blueprints."""
    entries = [entry for entry in read_entries(path) if entry.enabled]
    url_prefixes: dict[str, BlueprintEntry] = {}
    for entry in entries:
        if entry.url_prefix is None:
            continue
        if (other := url_prefixes.get(entry.url_prefix)) is not None:
            raise entry.error(
                f"url_prefix {entry.url_prefix!r} is already used by blueprints[{other.index}]"
            )
        url_prefixes[entry.url_prefix] = entry
    loaded: list[tuple[BlueprintEntry, Blueprint]] = []
    names: dict[str, BlueprintEntry] = {}
    for entry in entries:
        blueprint = entry.load()
        if (other := names.get(blueprint.name)) is not None:
            raise entry.error(
                f"blueprint name {blueprint.name!r} is already used by blueprints[{other.index}]"
            )
        names[blueprint.name] = entry
        loaded.append((entry, blueprint))
    return loaded


def read_entries(path: Path) -> list[BlueprintEntry]:
    """Parse the file and check the shape of every entry."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BlueprintConfigError(f"{path}: cannot read the file: {error.strerror}") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or error
        raise BlueprintConfigError(f"{path}: invalid YAML{where}: {problem}") from error
    if not isinstance(document, dict) or set(document) != {"blueprints"}:
        raise BlueprintConfigError(f"{path}: expected a mapping with the one key 'blueprints'")
    items = document["blueprints"]
    if not isinstance(items, list):
        raise BlueprintConfigError(f"{path}: 'blueprints' must be a list of entries")
    return [parse_entry(path, index, item) for index, item in enumerate(items)]


def parse_entry(path: Path, index: int, item: Any) -> BlueprintEntry:
    where = f"{path}: blueprints[{index}]"
    if not isinstance(item, dict):
        raise BlueprintConfigError(f"{where}: expected a mapping with an 'import' key")
    import_path = item.get("import")
    if isinstance(import_path, str):
        where = f"{where} ({import_path!r})"
    if unknown := sorted(map(str, set(item) - set(ENTRY_KEYS))):
        raise BlueprintConfigError(
            f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(ENTRY_KEYS)}"
        )
    for key, expected in ENTRY_KEYS.items():
        if key in item and not isinstance(item[key], expected):
            raise BlueprintConfigError(
                f"{where}: {key!r} must be a {expected.__name__}, not {type(item[key]).__name__}"
            )
    if import_path is None:
        raise BlueprintConfigError(f"{where}: 'import' is required")
    module_name, colon, attribute = import_path.partition(":")
    if not (module_name and colon and attribute):
        raise BlueprintConfigError(f"{where}: 'import' must have the form 'module.path:attribute'")
    url_prefix = item.get("url_prefix")
    if url_prefix is not None and not url_prefix.startswith("/"):
        raise BlueprintConfigError(f"{where}: 'url_prefix' must start with '/'")
    return BlueprintEntry(path, index, import_path, url_prefix, item.get("enabled", True))
