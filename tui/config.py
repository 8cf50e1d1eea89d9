"""User settings: one object, built once at start-up and passed down.

The defaults live in ``Settings``; ``load_settings`` overlays the optional
TOML file in the user config directory (``BYLINE_CONFIG`` names another
file). A bad file is an error naming the line, never ignored half-read.
Nothing reads settings from a global.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from byline.extract import ENGINES, BylineError, FetchOptions
from byline.tui.data.paths import config_path

if TYPE_CHECKING:
    from http.cookiejar import MozillaCookieJar

class ConfigError(BylineError):
    """The config file (or a file it names) cannot be used: exit status 2."""

    exit_code = 2


@dataclass(slots=True, frozen=True)
class Settings:
    """Everything a user can configure."""

    #: Textual theme name; "ansi" themes use the terminal's own colours.
    theme: str | None = None
    #: Smooth scrolling is slow over SSH: off unless asked for.
    animations: bool = False
    #: Reading measure of the article pane, in columns.
    reading_width: int = 80
    #: Entity engine: "rules" (default, always installed) or "spacy".
    ner: str = "rules"
    #: The User-Agent header (None: the library's own).
    user_agent: str | None = None
    timeout: float = 30.0
    connect_timeout: float = 10.0
    max_bytes: int = 10 * 1024 * 1024
    #: Library size limit in megabytes (0: no limit).
    library_max_mb: int = 0
    #: A Netscape-format cookies file for sites the user subscribes to.
    cookies_file: str | None = None
    #: Key overrides: action name -> key(s), e.g. {"quit": "ctrl+q"}.
    keys: dict[str, str] = field(default_factory=dict)
    #: Feeds: update every feed when the app starts.
    feeds_update_on_start: bool = False
    #: Feeds: fetches in flight at once from one host.
    feeds_per_host: int = 2
    #: Feeds: item pages fetched per feed per update (newest first; the rest next time).
    feeds_max_new: int = 50

    def fetch_options(self) -> FetchOptions:
        """Fetch limits and identity, with the cookies file loaded (ConfigError if unusable)."""
        identity = {"user_agent": self.user_agent} if self.user_agent else {}
        return FetchOptions(
            timeout=self.timeout,
            connect_timeout=self.connect_timeout,
            max_bytes=self.max_bytes,
            cookies=load_cookies(self.cookies_file) if self.cookies_file else None,
            **identity,
        )

    @property
    def library_max_bytes(self) -> int:
        """The library's size limit in bytes (0: none)."""
        return self.library_max_mb * 1024 * 1024

    def overridden(self, *, timeout: float | None = None, ner: str | None = None) -> Settings:
        """These settings with the command line's ``--timeout`` and ``--ner`` on top
        (the one place they are applied, for the app and every command)."""
        changes: dict[str, Any] = {}
        if timeout:
            changes["timeout"] = timeout
        if ner:
            changes["ner"] = ner
        return dataclasses.replace(self, **changes) if changes else self


# ------------------------------------------------------------------ the file

Check = Callable[[Any], str | None]  # returns what is wrong, or None


@dataclass(slots=True, frozen=True)
class Option:
    """One key of the config file: the Settings field it sets, its type, its check."""

    field: str
    kind: type | tuple[type, ...]
    check: Check | None = None
    convert: Callable[[Any], Any] | None = None


def _positive(value: Any) -> str | None:
    return None if value > 0 else "must be more than 0"


def _not_negative(value: Any) -> str | None:
    return None if value >= 0 else "must be 0 or more"


def _width(value: Any) -> str | None:
    return None if 20 <= value <= 1000 else "must be between 20 and 1000"


def _ner(value: Any) -> str | None:
    return None if value in ENGINES else "must be one of " + ", ".join(f'"{e}"' for e in ENGINES)


def _per_host(value: Any) -> str | None:
    return None if 1 <= value <= 16 else "must be between 1 and 16"


def _non_empty(value: Any) -> str | None:
    return None if value.strip() else "must not be empty"


_NUMBER = (int, float)

#: (section, key) → option. The section "" is the top level of the file.
OPTIONS: dict[tuple[str, str], Option] = {
    ("", "theme"): Option("theme", str, _non_empty),
    ("", "animations"): Option("animations", bool),
    ("", "reading_width"): Option("reading_width", int, _width),
    ("", "ner"): Option("ner", str, _ner),
    ("network", "user_agent"): Option("user_agent", str, _non_empty),
    ("network", "timeout"): Option("timeout", _NUMBER, _positive, float),
    ("network", "connect_timeout"): Option("connect_timeout", _NUMBER, _positive, float),
    ("network", "max_mb"): Option("max_bytes", _NUMBER, _positive, lambda mb: int(mb * 1024 * 1024)),
    ("network", "cookies_file"): Option("cookies_file", str, _non_empty),
    ("library", "max_mb"): Option("library_max_mb", int, _not_negative),
    ("feeds", "update_on_start"): Option("feeds_update_on_start", bool),
    ("feeds", "per_host"): Option("feeds_per_host", int, _per_host),
    ("feeds", "max_new"): Option("feeds_max_new", int, _positive),
}
#: Tables whose keys are free-form (action name → key), with the value type.
FREE_TABLES: dict[str, type] = {"keys": str}
SECTIONS = {section for section, _ in OPTIONS if section} | set(FREE_TABLES)

_TYPE_NAMES = {str: "a string", bool: "true or false", int: "a whole number", _NUMBER: "a number"}


def load_settings(path: Path | None = None) -> Settings:
    """Settings from the config file at ``path`` (default: ``config_path()``); defaults if absent."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text; save the config file as UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror or exc})") from None
    return parse_settings(text, path)


def parse_settings(text: str, path: Path | str = "config.toml") -> Settings:
    """Settings from the text of a config file; ConfigError names the line of a mistake."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {_toml_message(str(exc))}") from None
    lines = _KeyLines(text)
    values: dict[str, Any] = {}
    for name, value in data.items():
        if isinstance(value, dict) and name in SECTIONS:
            for key, item in value.items():
                _take(values, name, key, item, path, lines)
        elif name in SECTIONS:
            raise ConfigError(f"{path}: {lines.where(name, '')}[{name}] must be a table")
        elif isinstance(value, dict):
            known = ", ".join(f"[{s}]" for s in sorted(SECTIONS))
            raise ConfigError(f"{path}: {lines.where(name, '')}unknown section [{name}]; known: {known}")
        else:
            _take(values, "", name, value, path, lines)
    if values.get("cookies_file"):
        values["cookies_file"] = str(_beside(Path(path), values["cookies_file"]))
    return dataclasses.replace(Settings(), **values)


def _take(values: dict[str, Any], section: str, key: str, value: Any, path: Path | str, lines: _KeyLines) -> None:
    where = lines.where(section, key)
    name = f"{section}.{key}" if section else key
    if section in FREE_TABLES:
        expected = FREE_TABLES[section]
        if not isinstance(value, expected):
            raise ConfigError(f"{path}: {where}{name} must be {_TYPE_NAMES[expected]}, not {_describe(value)}")
        values.setdefault(section, {})[key] = value
        return
    option = OPTIONS.get((section, key))
    if option is None:
        raise ConfigError(f"{path}: {where}unknown setting {name!r}{_suggest(section, key)}")
    if not isinstance(value, option.kind) or (isinstance(value, bool) and option.kind is not bool):
        raise ConfigError(f"{path}: {where}{name} must be {_TYPE_NAMES[option.kind]}, not {_describe(value)}")
    problem = option.check(value) if option.check else None
    if problem:
        raise ConfigError(f"{path}: {where}{name} {problem} (it is {value!r})")
    values[option.field] = option.convert(value) if option.convert else value


def _suggest(section: str, key: str) -> str:
    known = [k for s, k in OPTIONS if s == section]
    if not section:
        known += sorted(f"[{s}]" for s in SECTIONS)
    return f"; known here: {', '.join(known)}" if known else ""


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


def _toml_message(message: str) -> str:
    """tomllib's "Problem (at line 3, column 5)" as "line 3, column 5: problem"."""
    match = re.match(r"(?s)(.*) \(at (line \d+, column \d+|end of document)\)$", message)
    if not match:
        return f"not valid TOML ({message})"
    problem, where = match.groups()
    where = "at the end of the file" if where == "end of document" else where
    return f"{where}: {problem[0].lower() + problem[1:]} (not valid TOML)"


def _beside(config: Path, name: str) -> Path:
    """A path from the config file: ``~`` expanded, relative to the config's directory."""
    path = Path(name).expanduser()
    return path if path.is_absolute() else config.parent / path


class _KeyLines:
    """Finds the line a key was written on (tomllib reports lines only for syntax errors)."""

    _SECTION = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\"' -]+?)\s*\]\s*(#.*)?$")
    _KEY = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=""")

    def __init__(self, text: str) -> None:
        self.found: dict[tuple[str, str], int] = {}
        section = ""
        for number, line in enumerate(text.splitlines(), start=1):
            header = self._SECTION.match(line)
            if header:
                section = self._unquote(header.group(1))
                self.found.setdefault((section, ""), number)
                continue
            key = self._KEY.match(line)
            if key:
                parts = [self._unquote(part) for part in re.split(r"\s*\.\s*", key.group(1))]
                full = ".".join([section, *parts]) if section else ".".join(parts)
                head, _, last = full.rpartition(".")
                self.found.setdefault((head, last), number)
                if head == "" and len(parts) == 1:
                    self.found.setdefault((parts[0], ""), number)

    def where(self, section: str, key: str) -> str:
        number = self.found.get((section, key))
        return f"line {number}: " if number else ""

    @staticmethod
    def _unquote(part: str) -> str:
        part = part.strip()
        return part[1:-1] if len(part) >= 2 and part[0] == part[-1] and part[0] in "\"'" else part


def setting_line(section: str, key: str, path: Path | None = None) -> tuple[Path, int | None]:
    """The config file and the line ``key`` of ``section`` is set on (None if not found)."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return path, None
    return path, _KeyLines(text).found.get((section, key))


def load_cookies(path: str) -> MozillaCookieJar:
    """A Netscape-format cookies file (as browser extensions export it)."""
    from http.cookiejar import LoadError, MozillaCookieJar  # imported only when a cookies file is set

    jar = MozillaCookieJar()
    try:
        jar.load(str(Path(path).expanduser()), ignore_discard=True, ignore_expires=False)
    except FileNotFoundError:
        raise ConfigError(f"cookies_file {path}: no such file") from None
    except LoadError as exc:
        raise ConfigError(f"cookies_file {path}: not a Netscape cookies file ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cookies_file {path}: cannot read it ({getattr(exc, 'strerror', None) or exc})") from None
    return jar
