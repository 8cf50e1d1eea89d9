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
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from byline.extract import ENGINES, BylineError, FetchOptions
from byline.tui import numbers
from byline.tui.data.paths import CONFIG_ENV, config_path
from byline.tui.files import CONFIG_LIMIT, COOKIES_LIMIT, UnusableFile, check_user_file, read_user_file, user_path
from byline.tui.numbers import Number

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
        if timeout is not None:
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


def _in(number: Number) -> Check:
    """The check of a number setting: its one range (``byline.tui.numbers``)."""
    return number.problem


def _user_agent(value: Any) -> str | None:
    if not value.strip():
        return "must not be empty"
    if not all(" " <= char <= "~" for char in value):
        return "must be printable ASCII on one line (HTTP headers cannot carry accents, tabs or line breaks)"
    return None if len(value) <= 1000 else "must be at most 1,000 characters"


def _ner(value: Any) -> str | None:
    return None if value in ENGINES else "must be one of " + ", ".join(f'"{e}"' for e in ENGINES)


def _non_empty(value: Any) -> str | None:
    return None if value.strip() else "must not be empty"


_NUMBER = (int, float)

#: (section, key) → option. The section "" is the top level of the file.
OPTIONS: dict[tuple[str, str], Option] = {
    ("", "theme"): Option("theme", str, _non_empty),
    ("", "animations"): Option("animations", bool),
    ("", "reading_width"): Option("reading_width", int, _in(numbers.READING_WIDTH)),
    ("", "ner"): Option("ner", str, _ner),
    ("network", "user_agent"): Option("user_agent", str, _user_agent),
    ("network", "timeout"): Option("timeout", _NUMBER, _in(numbers.TIMEOUT), float),
    ("network", "connect_timeout"): Option("connect_timeout", _NUMBER, _in(numbers.CONNECT_TIMEOUT), float),
    ("network", "max_mb"): Option("max_bytes", _NUMBER, _in(numbers.PAGE_MB), lambda mb: int(mb * 1024 * 1024)),
    ("network", "cookies_file"): Option("cookies_file", str, _non_empty),
    ("library", "max_mb"): Option("library_max_mb", int, _in(numbers.LIBRARY_MB)),
    ("feeds", "update_on_start"): Option("feeds_update_on_start", bool),
    ("feeds", "per_host"): Option("feeds_per_host", int, _in(numbers.FEEDS_PER_HOST)),
    ("feeds", "max_new"): Option("feeds_max_new", int, _in(numbers.FEEDS_MAX_NEW)),
}
#: Tables whose keys are free-form (action name → key), with the value type.
FREE_TABLES: dict[str, type] = {"keys": str}
SECTIONS = {section for section, _ in OPTIONS if section} | set(FREE_TABLES)

_TYPE_NAMES = {str: "a string", bool: "true or false", int: "a whole number", _NUMBER: "a number"}


def load_settings(path: Path | None = None) -> Settings:
    """Settings from the config file at ``path`` (default: ``config_path()``); defaults if absent."""
    if path is None:
        try:
            path = config_path()
        except ValueError as exc:  # BYLINE_CONFIG=~nosuchuser/…
            raise ConfigError(f"{CONFIG_ENV}: {exc}") from None
    try:
        data = read_user_file(path, CONFIG_LIMIT)
    except FileNotFoundError:
        return Settings()
    except UnusableFile as exc:
        raise ConfigError(f"{path}: {exc}; the config file must be a small text file") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text; save the config file as UTF-8") from None
    return parse_settings(text, path)


def parse_settings(text: str, path: Path | str = "config.toml") -> Settings:
    """Settings from the text of a config file; ConfigError names the line of a mistake."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {_toml_message(str(exc))}") from None
    except RecursionError:  # arrays or inline tables nested thousands deep
        raise ConfigError(f"{path}: values nested too deeply (not a byline config file)") from None
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
        try:
            values["cookies_file"] = str(_beside(Path(path), values["cookies_file"]))
        except ValueError as exc:
            raise ConfigError(f"{path}: {lines.where('network', 'cookies_file')}network.cookies_file: {exc}") from None
    return dataclasses.replace(Settings(), **values)


def _take(values: dict[str, Any], section: str, key: str, value: Any, path: Path | str, lines: _KeyLines) -> None:
    where = lines.where(section, key)
    name = f"{section}.{key}" if section else key
    if section in FREE_TABLES:
        expected = FREE_TABLES[section]
        if not isinstance(value, expected):
            raise ConfigError(f"{path}: {where}{name} must be {_TYPE_NAMES[expected]}, not {_describe(value)}")
        if not value.strip() or not value.isprintable():  # key names are shown in the help and the key bar
            raise ConfigError(f'{path}: {where}{name} must be key names such as "ctrl+q" or "j,down" (it is {value!r})')
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
    """A path from the config file: ``~`` expanded, relative to the config's directory
    (``ValueError`` for a name that cannot be a path)."""
    path = user_path(name)
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
        text = read_user_file(path, CONFIG_LIMIT).decode("utf-8")
    except (OSError, UnusableFile, UnicodeDecodeError):
        return path, None
    return path, _KeyLines(text).found.get((section, key))


def load_cookies(path: str) -> MozillaCookieJar:
    """A Netscape-format cookies file (as browser extensions export it)."""
    from http.cookiejar import LoadError, MozillaCookieJar  # imported only when a cookies file is set

    jar = MozillaCookieJar()
    try:
        file = user_path(path)
        # The same protection as the config file's: a regular file of sane size
        # (a cookies file naming /dev/urandom or a FIFO read for ever).
        check_user_file(file, COOKIES_LIMIT)
        with warnings.catch_warnings():
            # http.cookiejar reports a line it cannot parse as a warning carrying
            # its own traceback, then raises LoadError: the error says it all.
            warnings.simplefilter("ignore")
            jar.load(str(file), ignore_discard=True, ignore_expires=False)
    except FileNotFoundError:
        raise ConfigError(f"cookies_file {path}: no such file") from None
    except UnicodeDecodeError:
        raise ConfigError(f"cookies_file {path}: not text; export the cookies again as cookies.txt") from None
    except (UnusableFile, ValueError) as exc:
        raise ConfigError(f"cookies_file {path}: {exc}") from None
    except LoadError as exc:
        raise ConfigError(f"cookies_file {path}: not a Netscape cookies file ({_first_line(exc)})") from None
    except OSError as exc:
        raise ConfigError(f"cookies_file {path}: cannot read it ({getattr(exc, 'strerror', None) or exc})") from None
    return jar


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
