"""editors/helix/languages.toml, checked against the keys Helix defines (Helix itself does
not install here), and the server started the way Helix starts it."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
import tomllib
from pathlib import Path

import pytest

from paths import REPO, server_binary

LANGUAGES_TOML = REPO / "editors" / "helix" / "languages.toml"

# The keys of a `[language-server.NAME]` table, as Helix's languages documentation lists them.
SERVER_KEYS = {"command", "args", "environment", "config", "timeout", "required-root-patterns"}
# The keys of a `[[language]]` entry. Helix rejects any other (its parser denies unknown fields).
LANGUAGE_KEYS = {
    "name", "language-id", "scope", "injection-regex", "file-types", "shebangs", "roots",
    "comment-token", "comment-tokens", "block-comment-tokens", "text-width", "soft-wrap",
    "auto-format", "formatter", "path-completion", "word-completion", "diagnostic-severity",
    "grammar", "language-servers", "indent", "debugger", "auto-pairs", "rulers",
    "workspace-lsp-roots", "persistent-diagnostic-sources",
}  # fmt: skip
# An entry of `language-servers` written as a table.
LANGUAGE_SERVER_ENTRY_KEYS = {"name", "only-features", "except-features"}
FEATURES = {
    "format", "goto-declaration", "goto-definition", "goto-type-definition", "goto-reference",
    "goto-implementation", "signature-help", "hover", "document-highlight", "completion",
    "code-action", "workspace-command", "document-symbols", "workspace-symbols", "diagnostics",
    "rename-symbol", "inlay-hints", "document-colors",
}  # fmt: skip
# Servers Helix's built-in languages.toml defines, which a user's file may name.
BUILT_IN_SERVERS = {"marksman", "markdown-oxide"}


def problems(config: dict) -> list[str]:
    """Everything in a languages.toml that Helix would refuse or not find."""
    found = []
    unknown = set(config) - {"language", "language-server"}
    found += [f"unknown top-level key {key!r}" for key in sorted(unknown)]
    servers = config.get("language-server", {})
    for name, server in servers.items():
        found += [f"[language-server.{name}]: unknown key {k!r}" for k in sorted(set(server) - SERVER_KEYS)]
        if not isinstance(server.get("command"), str):
            found.append(f"[language-server.{name}]: command must be a string")
        if not all(isinstance(a, str) for a in server.get("args", [])):
            found.append(f"[language-server.{name}]: args must be strings")
        if not isinstance(server.get("config", {}), dict):
            found.append(f"[language-server.{name}]: config must be a table")
        if not isinstance(server.get("timeout", 20), int):
            found.append(f"[language-server.{name}]: timeout must be whole seconds")
        env = server.get("environment", {})
        if not (isinstance(env, dict) and all(isinstance(v, str) for v in env.values())):
            found.append(f"[language-server.{name}]: environment must map names to strings")
    for language in config.get("language", []):
        where = f"[[language]] {language.get('name')!r}"
        found += [f"{where}: unknown key {k!r}" for k in sorted(set(language) - LANGUAGE_KEYS)]
        if not isinstance(language.get("name"), str):
            found.append(f"{where}: name is required")
        for entry in language.get("language-servers", []):
            if isinstance(entry, dict):
                found += [
                    f"{where}: unknown key {k!r} in a language-servers entry"
                    for k in sorted(set(entry) - LANGUAGE_SERVER_ENTRY_KEYS)
                ]
                for key in ("only-features", "except-features"):
                    found += [f"{where}: unknown feature {f!r}" for f in entry.get(key, []) if f not in FEATURES]
                entry = entry.get("name")
            if entry not in servers and entry not in BUILT_IN_SERVERS:
                found.append(f"{where}: language server {entry!r} is defined nowhere")
    return found


@pytest.fixture(scope="module")
def config() -> dict:
    with LANGUAGES_TOML.open("rb") as file:
        return tomllib.load(file)


def test_only_keys_helix_defines(config):
    assert problems(config) == []


def test_the_check_rejects_what_helix_rejects():
    # The singular `language-server` key of old Helix versions, a misspelt server key,
    # an unknown feature and an undefined server are each reported.
    bad = {
        "language-server": {"career-lsp": {"command": "career-lsp", "arg": ["serve"]}},
        "language": [
            {"name": "markdown", "language-server": {"command": "career-lsp"}},
            {"name": "md", "language-servers": [{"name": "career-lsp", "only-features": ["hovers"]}, "nope"]},
        ],
    }  # fmt: skip
    assert problems(bad) == [
        "[language-server.career-lsp]: unknown key 'arg'",
        "[[language]] 'markdown': unknown key 'language-server'",
        "[[language]] 'md': unknown feature 'hovers'",
        "[[language]] 'md': language server 'nope' is defined nowhere",
    ]


def test_markdown_lists_career_lsp_beside_marksman(config):
    server = config["language-server"]["career-lsp"]
    assert server["command"] == "career-lsp"
    assert server["args"] == ["serve"]
    assert isinstance(server["config"], dict) and server["config"]
    (markdown,) = [lang for lang in config["language"] if lang["name"] == "markdown"]
    assert markdown["language-servers"] == ["marksman", "career-lsp"]


def resolve(command: str) -> str | None:
    """What Helix runs for `command` with the build folder first on PATH."""
    path = os.pathsep.join([str(server_binary().parent), os.environ.get("PATH", "")])
    return shutil.which(command, path=path)


def test_command_resolves_to_the_built_binary(config, career_lsp):
    resolved = resolve(config["language-server"]["career-lsp"]["command"])
    assert resolved is not None
    assert Path(resolved).resolve() == career_lsp.resolve()


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_message(stream) -> dict:
    length = None
    while (line := stream.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    assert length is not None, "the server closed its output"
    return json.loads(stream.read(length))


def serve(config: dict, options: dict) -> tuple[dict, list[dict]]:
    """Starts the server as Helix does (the command, its args, `config` as
    initializationOptions), initializes, waits a moment for what the server has to say,
    shuts it down; returns the initialize result and the notifications the server sent."""
    server = config["language-server"]["career-lsp"]
    process = subprocess.Popen(
        [resolve(server["command"]), *server.get("args", [])],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **server.get("environment", {})},
    )
    received: queue.Queue[dict] = queue.Queue()

    def reader():
        try:
            while True:
                received.put(read_message(process.stdout))
        except (AssertionError, ValueError, OSError):
            pass

    threading.Thread(target=reader, daemon=True).start()
    notes = []

    def until(request_id: int | None, seconds: float) -> dict | None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = received.get(timeout=left)
            except queue.Empty:
                break
            if request_id is not None and message.get("id") == request_id:
                return message
            if "method" in message and "id" not in message:
                notes.append(message)
        assert request_id is None, f"no answer to request {request_id} in {seconds}s"
        return None

    try:
        process.stdin.write(frame({
            "jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {
                "processId": os.getpid(), "rootUri": None, "capabilities": {},
                "initializationOptions": options,
                "clientInfo": {"name": "helix", "version": "25.07.1"},
            },
        }))  # fmt: skip
        process.stdin.flush()
        answer = until(1, 10)
        assert "result" in answer, answer
        process.stdin.write(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        process.stdin.flush()
        until(None, 0.5)
        process.stdin.write(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
        process.stdin.flush()
        until(2, 10)
        process.stdin.write(frame({"jsonrpc": "2.0", "method": "exit"}))
        process.stdin.close()
        assert process.wait(timeout=10) == 0
        return answer["result"], notes
    finally:
        if process.poll() is None:
            process.kill()


def settings_warnings(notes: list[dict]) -> list[str]:
    return [
        n["params"]["message"]
        for n in notes
        if n["method"] == "window/showMessage" and "settings" in n["params"]["message"]
    ]


def test_the_configured_command_serves(config):
    result, notes = serve(config, config["language-server"]["career-lsp"].get("config", {}))
    assert result["serverInfo"]["name"] == "career-lsp"
    assert result["capabilities"]["hoverProvider"]
    assert result["capabilities"]["inlayHintProvider"]
    # The shipped config is understood: the server complains about none of it ...
    assert settings_warnings(notes) == []
    # ... and it would complain about a key it does not know.
    _, notes = serve(config, {"max-anual-goals": 3})
    assert settings_warnings(notes), "a misspelt setting went unnoticed"
