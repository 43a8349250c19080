"""The server as VS Code, Neovim 0.11 and Emacs 29 see it: each test runs once per
client capability profile that pytest-lsp ships, on a fresh copy of the demo workspace."""

from __future__ import annotations

import asyncio
import re

import pytest
from lsprotocol import types

from paths import DEMO
from workspace_edits import apply_workspace_edit

GOALS = "2026 Goals.md"
CAREER = "Career.md"


def expected_findings(note: str) -> list[tuple[int, str]]:
    """(0-based line, code) of each finding `fixtures/demo/expected.txt` lists for `note`."""
    findings = []
    for line in (DEMO / "expected.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"(.+?):(\d+):\d+-\S+ \w+\[([\w-]+)\]", line)
        if match and match.group(1) == note:
            findings.append((int(match.group(2)) - 1, match.group(3)))
    assert findings, f"expected.txt lists nothing for {note}"
    return findings


def found(diagnostics: list[types.Diagnostic]) -> list[tuple[int, str]]:
    return sorted((d.range.start.line, str(d.code)) for d in diagnostics)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n")) if needle in line)


def doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


async def test_initialize(editor):
    result = editor.initialize_result
    assert result.server_info and result.server_info.name == "career-lsp"
    caps = result.capabilities
    assert caps.hover_provider
    assert caps.inlay_hint_provider
    assert caps.document_symbol_provider
    assert caps.completion_provider and "[" in caps.completion_provider.trigger_characters
    kinds = {str(getattr(k, "value", k)) for k in caps.code_action_provider.code_action_kinds}
    assert {"quickfix", "refactor.rewrite", "source"} <= kinds
    assert "career-lsp.startSessionLog" in caps.execute_command_provider.commands
    offered = (editor.capabilities.general and editor.capabilities.general.position_encodings) or []
    offered = [str(getattr(e, "value", e)) for e in offered]
    assert editor.encoding in (offered or ["utf-16"])


async def test_diagnostics_pushed_or_pulled(editor):
    for note in (CAREER, GOALS):
        uri = editor.open(note)
        diagnostics = await editor.diagnostics(uri)
        assert found(diagnostics) == sorted(expected_findings(note)), note
        assert all(d.source == "career-lsp" for d in diagnostics)
        linked = [d for d in diagnostics if d.code == "goal-not-linked"]
        for d in linked:
            assert d.code_description.href.endswith("/goal-not-linked")
    if editor.pulls_diagnostics:
        # A client that pulls is not also pushed the notes' findings.
        assert not editor.client.diagnostics.get(editor.uri(CAREER))
        assert not editor.client.diagnostics.get(editor.uri(GOALS))


async def test_hover_sponsors(editor):
    uri = editor.open(CAREER)
    line = line_of(editor.texts[uri], "### Sponsors")
    hover = await editor.client.text_document_hover_async(
        types.HoverParams(text_document=doc(uri), position=types.Position(line, 6))
    )
    assert hover is not None
    assert isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    text = hover.contents.value
    assert text.startswith("**Sponsor** — Advocates for you when you're not in the room")
    assert "a sponsor talks about you" in text
    assert "Ruud Janssen" in text
    assert hover.range.start.line == line


async def goal_not_linked(editor) -> tuple[str, types.Diagnostic]:
    uri = editor.open(GOALS)
    diagnostics = await editor.diagnostics(uri)
    (g4,) = [d for d in diagnostics if d.code == "goal-not-linked"]
    assert g4.message.startswith("G4 is not linked to your vision")
    return uri, g4


async def test_code_actions_as_literals(editor):
    uri, g4 = await goal_not_linked(editor)
    actions = await editor.client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(uri),
            range=g4.range,
            context=types.CodeActionContext(diagnostics=[g4]),
        )
    )
    assert actions and all(isinstance(a, types.CodeAction) for a in actions)
    first = actions[0]
    assert re.fullmatch(r"Link G4 to Vision: (Life|Role|Impact|Reach)", first.title), first.title
    assert first.kind == types.CodeActionKind.QuickFix
    assert first.diagnostics and first.diagnostics[0].code == "goal-not-linked"
    titles = [a.title for a in actions]
    assert "Ignore goal-not-linked here" in titles
    pillar = first.title.rsplit(" ", 1)[1]

    # Apply it as the editor would, and the finding goes away.
    after = apply_workspace_edit(first.edit, editor.texts, editor.encoding)[uri]
    g4_line = after.split("\n")[g4.range.start.line]
    assert g4_line.rstrip().endswith(f"| {pillar} |"), g4_line
    editor.replace(uri, after)
    diagnostics = await editor.diagnostics(uri)
    codes = [d.code for d in diagnostics]
    assert "goal-not-linked" not in codes
    assert "goal-without-metric" in codes  # G4 still has no metric


@pytest.mark.without_code_action_literals
async def test_code_actions_as_commands(editor):
    # A client without codeActionLiteralSupport gets Command[] (LSP 3.8): running one has
    # the server send its edit back through workspace/applyEdit.
    uri, g4 = await goal_not_linked(editor)
    actions = await editor.client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(uri),
            range=g4.range,
            context=types.CodeActionContext(diagnostics=[g4]),
        )
    )
    assert actions, "no code actions"
    assert all(isinstance(a, types.Command) for a in actions), [type(a).__name__ for a in actions]
    first = actions[0]
    assert re.fullmatch(r"Link G4 to Vision: (Life|Role|Impact|Reach)", first.title), first.title
    result = await editor.client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=first.command, arguments=first.arguments)
    )
    assert result is None
    for _ in range(200):
        if editor.applied_edits:
            break
        await asyncio.sleep(0.05)
    (edit,) = editor.applied_edits
    after = apply_workspace_edit(edit, editor.texts, editor.encoding)[uri]
    pillar = first.title.rsplit(" ", 1)[1]
    g4_line = after.split("\n")[g4.range.start.line]
    assert g4_line.rstrip().endswith(f"| {pillar} |"), g4_line


async def test_completion_vision_column(editor):
    uri = editor.open(GOALS)
    text = editor.texts[uri]
    line = line_of(text, "| G4 |")
    character = len(text.split("\n")[line].rstrip()) - 1  # inside the empty Vision cell
    result = await editor.client.text_document_completion_async(
        types.CompletionParams(text_document=doc(uri), position=types.Position(line, character))
    )
    items = result.items if isinstance(result, types.CompletionList) else result
    labels = [item.label for item in items or []]
    assert {"Life", "Role", "Impact", "Reach", "North Star"} <= set(labels), labels


async def test_inlay_hints(editor):
    uri = editor.open(GOALS)
    text = editor.texts[uri]
    lines = text.split("\n")
    hints = await editor.client.text_document_inlay_hint_async(
        types.InlayHintParams(
            text_document=doc(uri),
            range=types.Range(types.Position(0, 0), types.Position(len(lines), 0)),
        )
    )
    assert hints
    by_line = {}
    for hint in hints:
        label = hint.label if isinstance(hint.label, str) else "".join(p.value for p in hint.label)
        by_line.setdefault(hint.position.line, []).append(label.strip())
    assert "→ Role" in by_line.get(line_of(text, "| G1 |"), []), by_line
    assert "not linked" in by_line.get(line_of(text, "| G4 |"), []), by_line


async def test_document_symbols(editor):
    uri = editor.open(GOALS)
    symbols = await editor.client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=doc(uri))
    )
    assert symbols and all(isinstance(s, types.DocumentSymbol) for s in symbols)

    def names(symbols):
        for symbol in symbols:
            yield symbol.name, symbol
            yield from names(symbol.children or [])

    every = dict(names(symbols))
    assert "Annual Goals" in every
    goals = [child.name for child in every["Annual Goals"].children or []]
    assert "G1 — Make the case for Principal Engineer" in goals, goals
    assert len([g for g in goals if g.startswith("G")]) == 4


async def test_execute_start_session_log(editor):
    uri = editor.open(CAREER)
    result = await editor.client.workspace_execute_command_async(
        types.ExecuteCommandParams(
            command="career-lsp.startSessionLog",
            arguments=[{"uri": uri, "position": {"line": 0, "character": 0}}],
        )
    )
    assert result is None
    for _ in range(200):
        if editor.applied_edits:
            break
        await asyncio.sleep(0.05)
    (edit,) = editor.applied_edits
    after = apply_workspace_edit(edit, editor.texts, editor.encoding)
    log_uri = editor.uri("2026-03-15 Career Coaching Session.md")
    ops = editor.capabilities.workspace.workspace_edit
    can_create = bool(
        ops and ops.document_changes and types.ResourceOperationKind.Create in (ops.resource_operations or [])
    )
    # The Career Index lists the new log in its Session Logs table, in the same edit.
    row = "| [[2026-03-15 Career Coaching Session]] | | |\n"
    assert row in after[uri], after[uri]
    index = after[uri].replace(row, "", 1)
    if can_create:
        assert any(isinstance(c, types.CreateFile) and c.uri == log_uri for c in edit.document_changes)
        log = after[log_uri]
        assert index == editor.texts[uri]
    else:
        # A client that cannot create files gets the log appended to the note.
        assert log_uri not in after
        assert index.startswith(editor.texts[uri])
        log = index[len(editor.texts[uri]):]
    for heading in ("Discussed", "Decisions", "Frameworks", "Open threads"):
        assert re.search(rf"^#+ .*{heading}", log, re.MULTILINE), (heading, log)


async def test_unknown_command_is_an_error(editor):
    uri = editor.open(CAREER)
    with pytest.raises(Exception, match="unknown command"):
        await editor.client.workspace_execute_command_async(
            types.ExecuteCommandParams(command="career-lsp.nope", arguments=[{"uri": uri}])
        )
