"""The optional config file: read when present, and a mistake names its line."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from byline.extract import fetch_url
from byline.tui.cli.main import main
from byline.tui.config import ConfigError, Settings, load_settings, parse_settings

EXAMPLE = '''\
# byline's config file
theme = "nord"
animations = false
reading_width = 72
ner = "rules"

[network]
user_agent = "byline-test/1.0"
timeout = 12.5
connect_timeout = 4
max_mb = 2
cookies_file = "cookies.txt"

[library]
max_mb = 300

[keys]
quit = "ctrl+q"
next_mention = "n,right"
'''

COOKIES = (
    "# Netscape HTTP Cookie File\n"
    ".paper.example\tTRUE\t/\tTRUE\t4102444800\tsubscriber\tyes-42\n"
    "other.example\tFALSE\t/\tFALSE\t4102444800\tnope\t1\n"
)


def write_config(private_user_dirs: Path, text: str) -> Path:
    path = private_user_dirs / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_without_a_config_file_the_defaults_apply():
    assert load_settings() == Settings()


def test_every_setting_is_read_from_the_file(private_user_dirs):
    write_config(private_user_dirs, EXAMPLE)
    (private_user_dirs / "cookies.txt").write_text(COOKIES)

    settings = load_settings()

    assert settings.theme == "nord" and settings.reading_width == 72 and settings.ner == "rules"
    assert settings.user_agent == "byline-test/1.0"
    assert settings.timeout == 12.5 and settings.connect_timeout == 4.0
    assert settings.max_bytes == 2 * 1024 * 1024
    assert settings.library_max_mb == 300
    assert settings.keys == {"quit": "ctrl+q", "next_mention": "n,right"}
    assert settings.cookies_file == str(private_user_dirs / "cookies.txt")
    options = settings.fetch_options()
    assert options.timeout == 12.5 and options.user_agent == "byline-test/1.0"
    assert {cookie.name for cookie in options.cookies} == {"subscriber", "nope"}


def test_the_readme_example_is_a_valid_config():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.index("```toml\n") + len("```toml\n")
    example = readme[start : readme.index("```", start)]
    settings = parse_settings(example)
    assert settings != Settings()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('theme = "nord"\nreading_width = "wide"\n', "line 2: reading_width must be a whole number, not the string 'wide'"),
        ("[network]\ntimeout = 0\n", "line 2: network.timeout must be more than 0"),
        ("[network]\n\ntimout = 3\n", "line 3: unknown setting 'network.timout'; known here: user_agent, timeout"),
        ('ner = "bert"\n', 'line 1: ner must be one of "rules", "spacy"'),
        ("animations = 1\n", "line 1: animations must be true or false, not int 1"),
        ("[librar]\nmax_mb = 3\n", "line 1: unknown section [librar]"),
        ("[keys]\nquit = 3\n", "line 2: keys.quit must be a string"),
        ("library = 5\n", "line 1: [library] must be a table"),
        ('theme = "nord"\n[network\ntimeout = 3\n', "line 2, column 9: "),
        ('theme = "nord\n', "line 1, column 14: "),
        ("[library]\nmax_mb = 2.5\n", "line 2: library.max_mb must be a whole number"),
    ],
)
def test_a_mistake_is_one_line_naming_the_line(private_user_dirs, text, expected):
    path = write_config(private_user_dirs, text)
    with pytest.raises(ConfigError) as error:
        load_settings()
    message = error.value.message
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert "\n" not in message


def test_a_config_that_is_not_utf8_is_named(private_user_dirs):
    (private_user_dirs / "config.toml").write_bytes(b'theme = "\xff"\n')
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_settings()


def test_a_missing_cookies_file_is_a_clear_error(private_user_dirs):
    write_config(private_user_dirs, '[network]\ncookies_file = "~/nowhere/cookies.txt"\n')
    settings = load_settings()
    with pytest.raises(ConfigError, match="cookies_file .*nowhere/cookies.txt: no such file"):
        settings.fetch_options()


def test_a_cookies_file_in_another_format_is_a_clear_error(private_user_dirs):
    (private_user_dirs / "cookies.json").write_text('[{"name": "a", "value": "b"}]')
    write_config(private_user_dirs, '[network]\ncookies_file = "cookies.json"\n')
    with pytest.raises(ConfigError, match="not a Netscape cookies file"):
        load_settings().fetch_options()


def test_cookies_from_the_file_are_sent_to_their_site_only(private_user_dirs):
    (private_user_dirs / "cookies.txt").write_text(COOKIES)
    write_config(private_user_dirs, '[network]\ncookies_file = "cookies.txt"\n')
    options = load_settings().fetch_options()
    seen: dict[str, str] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen[request.url.host] = request.headers.get("cookie", "")
        body = b"<html><body><p>Members only.</p></body></html>"
        return httpx.Response(200, headers={"content-type": "text/html"}, stream=httpx.ByteStream(body))

    transport = httpx.MockTransport(handler)
    asyncio.run(fetch_url("https://www.paper.example/story", options, transport=transport))
    asyncio.run(fetch_url("https://elsewhere.example/story", options, transport=transport))

    assert seen["www.paper.example"] == "subscriber=yes-42"
    assert seen["elsewhere.example"] == ""


def test_config_path_prints_where_the_file_is_read_from(private_user_dirs, capsys):
    assert main(["--config-path"]) == 0
    assert capsys.readouterr().out.strip() == str(private_user_dirs / "config.toml")


def test_a_bad_config_stops_the_cli_with_one_line_and_status_2(private_user_dirs, capsys, fixture_path):
    path = write_config(private_user_dirs, "[network]\ntimeout = -3\n")

    status = main(["--dump", str(fixture_path("harbour.html"))])

    err = capsys.readouterr().err
    assert status == 2
    assert err == f"byline: {path}: line 2: network.timeout must be more than 0 (it is -3)\n"


def test_config_path_works_even_when_the_config_is_broken(private_user_dirs, capsys):
    write_config(private_user_dirs, "this is = = not toml")
    assert main(["--config-path"]) == 0
