"""Applying the server's edits to text, the way an editor does, in the negotiated encoding."""

from __future__ import annotations

from lsprotocol import types


def offset(text: str, position: types.Position, encoding: str) -> int:
    """The index into `text` of an LSP position whose character counts `encoding` units."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for index, char in enumerate(line):
        if units >= position.character:
            return start + index
        if encoding == "utf-8":
            units += len(char.encode("utf-8"))
        elif encoding == "utf-16":
            units += len(char.encode("utf-16-le")) // 2
        else:
            units += 1
    return start + len(line)


def apply_text_edits(text: str, edits, encoding: str) -> str:
    """Applies edits that all refer to the original text, last first."""
    spans = sorted(
        (
            (offset(text, e.range.start, encoding), offset(text, e.range.end, encoding), e.new_text)
            for e in edits
        ),
        key=lambda span: (span[0], span[1]),
        reverse=True,
    )
    for start, end, new_text in spans:
        text = text[:start] + new_text + text[end:]
    return text


def apply_workspace_edit(
    edit: types.WorkspaceEdit, documents: dict[str, str], encoding: str
) -> dict[str, str]:
    """Returns the documents (URI → text) after `edit`; a created file starts empty."""
    documents = dict(documents)
    for uri, edits in (edit.changes or {}).items():
        documents[uri] = apply_text_edits(documents[uri], edits, encoding)
    for change in edit.document_changes or []:
        if isinstance(change, types.CreateFile):
            documents.setdefault(change.uri, "")
        elif isinstance(change, types.TextDocumentEdit):
            uri = change.text_document.uri
            documents[uri] = apply_text_edits(documents[uri], change.edits, encoding)
        else:
            raise AssertionError(f"unexpected change {change!r}")
    return documents
