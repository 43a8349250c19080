#!/usr/bin/env python3
"""Seeds the fuzz corpora (fuzz/corpus/<target>/) from fixtures/.

- note: every note of fixtures/, as it is;
- edits: every note, then a 0 byte, then bytes the edit script is drawn from;
- wire: framed JSON-RPC sessions that open, hover, edit and close each note, and a few
  sessions with broken framing;
- config: every career-lsp.toml of fixtures/, and each as the JSON settings a client sends.

Seeds are named after what they come from, so running this again changes nothing.
libFuzzer adds what it finds to the same folders; they are not committed.
"""

import hashlib
import json
import pathlib
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CORPUS = ROOT / "fuzz" / "corpus"


def write(target: str, name: str, data: bytes) -> None:
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1(data).hexdigest()[:12]
    (folder / f"seed-{name}-{digest}").write_bytes(data)


def slug(path: pathlib.Path) -> str:
    relative = path.relative_to(FIXTURES).with_suffix("")
    return "".join(c if c.isalnum() else "_" for c in str(relative))[-80:]


def frame(message: dict, style: int = 0) -> bytes:
    body = json.dumps(message, ensure_ascii=bool(style % 2)).encode()
    header = "Content-Length" if style < 2 else "content-length"
    return f"{header}: {len(body)}\r\n\r\n".encode() + body


def session(uri: str, text: str, style: int) -> bytes:
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {
            "jsonrpc": "2.0",
            "method": "textDocument/didOpen",
            "params": {
                "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}
            },
        },
        {
            "jsonrpc": "2.0",
            "id": 2,
            "method": "textDocument/hover",
            "params": {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 3}},
        },
        {
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": {"uri": uri, "version": 2},
                "contentChanges": [
                    {
                        "range": {
                            "start": {"line": 0, "character": 0},
                            "end": {"line": 0, "character": 1},
                        },
                        "text": "🎯\r\n",
                    }
                ],
            },
        },
        {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 2}},
        {"jsonrpc": "2.0", "id": 3, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    return b"".join(frame(message, style) for message in messages)


def main() -> int:
    notes = sorted(FIXTURES.rglob("*.md"))
    configs = sorted(FIXTURES.rglob("career-lsp.toml"))
    for i, note in enumerate(notes):
        data = note.read_bytes()
        write("note", slug(note), data)
        # The edit script's bytes: a fixed spread, different for each note.
        script = bytes((i * 37 + j * 11) % 251 + 1 for j in range(96))
        write("edits", slug(note), data.replace(b"\0", b"") + b"\0" + script)
        uri = "file:///vault/" + note.name.replace(" ", "%20")
        # The first byte selects the wire target's mode: even bytes read raw input.
        # (A note kept in another encoding travels as an editor would send it: decoded.)
        text = data.decode("utf-8", errors="replace")
        write("wire", slug(note), bytes([2 * (i % 64)]) + session(uri, text, i % 4))
    broken = [
        b"Content-Length: 5\r\n\r\n{}{}}garbage\r\n\r\nContent-Length: 2\r\n\r\n{}",
        b"Content-Length: abc\r\n\r\nContent-Length: 99999999999\r\n\r\n",
        b"Content-Type: x\r\n\r\n" + frame({"jsonrpc": "2.0", "method": "exit"}),
        frame({"jsonrpc": "2.0", "id": True, "method": "x"}) + frame([1, 2]),
        b'Content-Length: 26\r\n\r\n{"jsonrpc":"2.0","id":"\\ud83d"}',
    ]
    for i, data in enumerate(broken):
        write("wire", f"broken{i}", b"\0" + data)
    write("wire", "resync", b"\x01" + bytes(range(1, 200)))
    seen = set()
    for config in configs:
        data = config.read_bytes()
        if data in seen:
            continue
        seen.add(data)
        write("config", slug(config), data)
        settings = tomllib.loads(data.decode())
        write("config", slug(config) + "_json", json.dumps(settings).encode())
        write("config", slug(config) + "_wrapped", json.dumps({"careerLsp": settings}).encode())
    extra_configs = [
        b'max-file-size = 0\n[cadence]\nweekly-review-days = 9223372036854775807\n',
        b'[notes]\ngoals = ["**/OKR *.md", "[bad"]\n[aliases]\n"Stuff" = "wins"\n',
        b'{"careerLsp": {"diagnosticsDelayMs": 0, "maxAnnualGoals": 5, "rules": {"empty-section": "off"}}}',
        b'today = 2026-03-15\nmax-annual-goals = -1\n',
    ]
    for i, data in enumerate(extra_configs):
        write("config", f"extra{i}", data)
    print(
        f"seeded the corpora in {CORPUS.relative_to(ROOT)}: {len(notes)} notes, "
        f"{len(seen)} configurations"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
