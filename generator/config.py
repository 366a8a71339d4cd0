"""One typed `Config`, built once from `[tool.docs2models]` in pyproject.toml and the
command line (which wins). Unknown keys and bad values are errors that say where.

    [tool.docs2models]
    specs = "specs"                 # the docs folder
    output = "generated"            # the package folder (its name is the package's)
    number = "float"                # documented `number` → float | int | "int | float"
    wire-names = "as-documented"    # JSON keys: as-documented | snake_case | camelCase
    allow-unknown = false           # unknown types become Any (with a warning)
    line-length = 88                # black's line length for the generated code
    target = "dataclasses"          # what the models are: dataclasses | pydantic | msgspec
    jobs = 2                        # worker processes (default: one per core)
    cache = ".docs2models-cache"    # earlier runs' results, or false
    fail-on = "any"                 # check exits 1 on any drift, or only on "breaking"
    ts-sources = "../src/models"    # the SDK's TypeScript model sources, or false

    [tool.docs2models.types]        # per-field types, in the docs' type syntax
    "TokenCreateResponse.clientId" = "integer"

    [tool.docs2models.wire]         # per-field JSON keys
    "AuthTokenApiRequest.tokenRequest" = "token_request"
"""

from __future__ import annotations

import keyword
import os
import re
import sys
import unicodedata
from dataclasses import field, replace
from pathlib import Path
from typing import Any, Literal, get_args

from generator.record import record

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

NumberPolicy = Literal["float", "int", "int | float"]
WirePolicy = Literal["as-documented", "snake_case", "camelCase"]
Target = Literal["dataclasses", "pydantic", "msgspec"]
"""What the generated models are built on: stdlib dataclasses (no dependency), pydantic v2
`BaseModel`s, or `msgspec.Struct`s."""
FailOn = Literal["any", "breaking"]

KEYS: dict[str, str] = {
    "specs": "the docs folder (default: specs)",
    "output": "the package folder; its name is the package's (default: generated)",
    "number": 'what a documented `number` is: "float" (default), "int" or "int | float"',
    "wire-names": 'JSON keys: "as-documented" (default), "snake_case" or "camelCase"',
    "allow-unknown": "type what the grammar does not know as Any, with a warning (default: false)",
    "line-length": "black's line length for the generated code (default: 88)",
    "target": (
        'what the models are: "dataclasses" (default, standard library only), '
        '"pydantic" (v2 BaseModel) or "msgspec" (Struct)'
    ),
    "types": 'table: "Model.field" = type in the docs\' syntax, e.g. "integer" or "string[]"',
    "wire": 'table: "Model.field" = the JSON key to use for that field',
    "jobs": "worker processes for parsing and rendering (default: one per core)",
    "cache": 'folder for the cache of earlier runs, or false (default: ".docs2models-cache")',
    "fail-on": '`check` exits 1 on "any" drift (default) or only on "breaking" changes',
    "ts-sources": (
        "the SDK's TypeScript model sources (JSON keys, integers, nulls), or false "
        "(default: src/models beside a Speakeasy repo's docs/models, when there)"
    ),
}
"""Every key of `[tool.docs2models]`, with what it means (for --help and the README)."""


class ConfigError(Exception):
    """A bad configuration value; the message names the file and key."""


@record
class Mode:
    """Every setting that changes the generated package, and nothing else (black's `Mode`
    plays the same part). A cache is used only by a run with an equal `Mode`: a setting
    that changes the output goes here, and so is part of the cache key by construction."""

    number: NumberPolicy = "float"
    wire_names: WirePolicy = "as-documented"
    allow_unknown: bool = False
    line_length: int = 88
    target: Target = "dataclasses"
    types: tuple[tuple[str, str], ...] = ()
    """Per-field types, `("Model.field", type text)`, sorted."""
    wire: tuple[tuple[str, str], ...] = ()
    """Per-field JSON keys, `("Model.field", key)`, sorted."""
    ts_sources: str = ""
    """The TypeScript model sources read beside the docs (an absolute path), or "" for
    none."""
    ts_stamp: str = ""
    """The sources' file names and stats, hashed: a changed source is a changed mode."""

    def fingerprint(self) -> str:
        """The mode as stable text, for the cache key."""
        return repr(self)


@record
class Config:
    """Everything a run may be told, with its defaults: where (specs, output, cache), how
    (jobs) and what to make (`mode`)."""

    specs: Path = Path("specs")
    output: Path = Path("generated")
    mode: Mode = Mode()
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    cache_dir: Path | None = Path(".docs2models-cache")
    """Where earlier runs' results are kept (None: no cache)."""
    cache_configured: bool = False
    """The config file says where the cache is (so DOCS2MODELS_CACHE does not move it)."""
    source: str = ""
    """Where the settings came from (a pyproject.toml path), for messages."""
    fail_on: FailOn = "any"
    """When `check` fails: on any drift, or only on changes that break callers (a run
    option: it changes no output)."""
    ts_sources_setting: Path | Literal[False] | None = None
    """`ts-sources` as set (a folder, or False for none); None: look for them beside the
    docs (`sources_folder`)."""

    @property
    def number(self) -> NumberPolicy:
        return self.mode.number

    @property
    def wire_names(self) -> WirePolicy:
        return self.mode.wire_names

    @property
    def allow_unknown(self) -> bool:
        return self.mode.allow_unknown

    @property
    def line_length(self) -> int:
        return self.mode.line_length

    @property
    def target(self) -> Target:
        return self.mode.target

    @property
    def types(self) -> dict[str, str]:
        return dict(self.mode.types)

    @property
    def wire(self) -> dict[str, str]:
        return dict(self.mode.wire)

    @property
    def ts_sources(self) -> Path | None:
        return Path(self.mode.ts_sources) if self.mode.ts_sources else None

    def with_mode(self, **changes: Any) -> Config:
        """This config with some of its mode's settings changed (tables as mappings)."""
        for table in ("types", "wire"):
            if table in changes:
                changes[table] = tuple(sorted(dict(changes[table]).items()))
        return replace(self, mode=replace(self.mode, **changes))


def load(pyproject: Path | None) -> Config:
    """The config in `pyproject` (`[tool.docs2models]`), or the defaults without one.
    Relative paths in it are relative to the file's folder."""
    if pyproject is None or not pyproject.is_file():
        return Config()
    where = str(pyproject)
    data = _read_toml(pyproject)
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{where}: `tool` must be a table ([tool.docs2models]), got {tool!r}")
    table = tool.get("docs2models", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [tool.docs2models] must be a table, got {table!r}")
    return from_table(table, where, pyproject.parent)


def _read_toml(path: Path) -> dict[str, Any]:
    """The TOML document in `path`; an error gives the line where tomllib knows it."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        at = data[: exc.start].count(b"\n") + 1
        bad = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
        raise ConfigError(f"{path}:{at}: not valid UTF-8 ({bad})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = re.search(r" \(at line (\d+), column (\d+)\)$", message)
        if found is None:
            raise ConfigError(f"{path}: not valid TOML: {message}") from None
        reason = message[: found.start()]
        line, column = found.groups()
        raise ConfigError(f"{path}:{line}: not valid TOML: {reason} (column {column})") from None


def from_table(table: dict[str, Any], where: str, base: Path) -> Config:
    """A Config from the `[tool.docs2models]` table of the file `where`."""
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(
            f"{where}: [tool.docs2models] has unknown key `{unknown[0]}`; "
            f"known keys: {', '.join(KEYS)}"
        )
    config = Config(source=where, cache_dir=base / ".docs2models-cache")
    for key, value in table.items():
        config = _set(config, key, value, f"{where}: [tool.docs2models] {key}", base)
    return config


def package_name(output: Path) -> str:
    """The package OUT makes: its folder's name, which must be importable as a package of
    its own (a Python identifier, not a keyword, not a standard-library module)."""
    name = Path(os.path.abspath(output)).name
    problem = ""
    if not name.isidentifier() or unicodedata.normalize("NFKC", name) != name:
        problem = "is not a Python identifier (letters, digits and _, not starting with a digit)"
    elif keyword.iskeyword(name):
        problem = "is a Python keyword"
    elif name in sys.stdlib_module_names:
        problem = "is the name of a standard-library module, which the package would hide"
    if problem:
        raise ConfigError(
            f"{output}: the output folder's name is the package's name; `{name}` {problem}. "
            "Choose a folder name such as my_models"
        )
    return name


def _set(config: Config, key: str, value: Any, where: str, base: Path) -> Config:
    if key in ("specs", "output"):
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}: expected a folder path as a string, got {value!r}")
        if key == "specs":
            return replace(config, specs=base / value)
        return replace(config, output=base / value)
    if key == "number":
        return config.with_mode(number=_choice(value, NumberPolicy, where))
    if key == "wire-names":
        return config.with_mode(wire_names=_choice(value, WirePolicy, where))
    if key == "allow-unknown":
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false, got {value!r}")
        return config.with_mode(allow_unknown=value)
    if key == "line-length":
        if not isinstance(value, int) or isinstance(value, bool) or not 40 <= value <= 320:
            raise ConfigError(f"{where}: expected a whole number from 40 to 320, got {value!r}")
        return config.with_mode(line_length=value)
    if key == "target":
        return config.with_mode(target=_choice(value, Target, where))
    if key == "types":
        return config.with_mode(types=_field_table(value, where))
    if key == "jobs":
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 256:
            raise ConfigError(f"{where}: expected a whole number from 1 to 256, got {value!r}")
        return replace(config, jobs=value)
    if key == "fail-on":
        return replace(config, fail_on=_choice(value, FailOn, where))
    if key == "ts-sources":
        if value is False:
            return replace(config, ts_sources_setting=False)
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}: expected a folder path or false, got {value!r}")
        return replace(config, ts_sources_setting=base / value)
    if key == "cache":
        if value is False:
            return replace(config, cache_dir=None, cache_configured=True)
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}: expected a folder path or false, got {value!r}")
        return replace(config, cache_dir=base / value, cache_configured=True)
    return config.with_mode(wire=_field_table(value, where))


def _choice(value: Any, options: Any, where: str) -> Any:
    allowed = get_args(options)
    if value not in allowed:
        shown = ", ".join(f'"{a}"' for a in allowed)
        raise ConfigError(f"{where}: expected one of {shown}, got {value!r}")
    return value


def _field_table(value: Any, where: str) -> dict[str, str]:
    """A `"Model.field" = "text"` table."""
    if not isinstance(value, dict):
        raise ConfigError(f'{where}: expected a table of "Model.field" = "value"')
    for key, item in value.items():
        parse_field_key(key, where)
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(f"{where}: `{key}` needs a non-empty string, got {item!r}")
    return dict(value)


SOURCE_LAYOUTS = (
    (("docs", "models"), ("src", "models")),
    (("docs", "sdk", "models"), ("src", "sdk", "models")),
)
"""Where a Speakeasy TypeScript repo keeps its model docs, and its model sources."""


def sources_folder(config: Config) -> tuple[Path | None, bool]:
    """The TypeScript sources to read, and whether they were found rather than given: the
    `ts-sources` setting, or `src/models` of the Speakeasy repo whose `docs/models` SPECS
    is (`src/sdk/models` for `docs/sdk/models`), when that folder is there."""
    setting = config.ts_sources_setting
    if setting is False:
        return None, False
    if setting is not None:
        if not setting.is_dir():
            raise ConfigError(f"ts-sources: {setting} is not a folder")
        return Path(os.path.abspath(setting)), False
    specs = Path(os.path.abspath(config.specs))
    for docs, src in SOURCE_LAYOUTS:
        if specs.parts[-len(docs) :] == docs:
            found = specs.parents[len(docs) - 1].joinpath(*src)
            if found.is_dir():
                return found, True
    return None, False


def parse_field_key(key: str, where: str) -> tuple[str, str]:
    """`Model.field` → (model, field); the model is the doc's `# Name`, the text before
    the first dot, so a field name may hold dots (`Event.meta.id`)."""
    model, dot, name = key.partition(".")
    if not dot or not model or not name:
        raise ConfigError(f"{where}: `{key}` must be written Model.field")
    return model, name


def parse_assignment(text: str, flag: str) -> tuple[str, str]:
    """`Model.field=value` from a command-line flag."""
    key, eq, value = text.partition("=")
    if not eq or not value.strip():
        raise ConfigError(f"{flag} {text}: expected Model.field=value")
    parse_field_key(key.strip(), flag)
    return key.strip(), value.strip()
