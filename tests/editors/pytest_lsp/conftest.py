"""pytest-lsp drives the server as three real clients would: the client capability
profiles it ships for VS Code, Neovim 0.11 and Emacs 29. Each test gets a fresh server on
a fresh copy of the demo workspace."""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from paths import DEMO, server_binary  # noqa: E402

PROFILES = ["visual-studio-code", "neovim@v0.11", "emacs"]


class Editor:
    """A connected client, the workspace it opened, and what the server asked of it."""

    def __init__(self, client: LanguageClient, profile: str, root: Path):
        self.client = client
        self.profile = profile
        self.root = root
        self.applied_edits: list[types.WorkspaceEdit] = []
        self.refreshes: list[str] = []
        self.registrations: list[types.Registration] = []
        self.initialize_result: types.InitializeResult | None = None
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}

    @property
    def encoding(self) -> str:
        """The position encoding the server chose (UTF-16 when it names none)."""
        assert self.initialize_result is not None
        chosen = self.initialize_result.capabilities.position_encoding
        return str(chosen.value if hasattr(chosen, "value") else chosen or "utf-16")

    @property
    def capabilities(self) -> types.ClientCapabilities:
        assert self.client.capabilities is not None
        return self.client.capabilities

    @property
    def pulls_diagnostics(self) -> bool:
        # The server offers pulling only to a client that can also be asked to pull again.
        text = self.capabilities.text_document
        workspace = self.capabilities.workspace
        return (
            text is not None
            and text.diagnostic is not None
            and workspace is not None
            and workspace.diagnostics is not None
            and bool(workspace.diagnostics.refresh_support)
        )

    def uri(self, name: str) -> str:
        return (self.root / name).as_uri()

    def open(self, name: str) -> str:
        """Opens a note of the workspace as the editor would, and returns its URI."""
        uri = self.uri(name)
        self.texts[uri] = (self.root / name).read_text(encoding="utf-8")
        self.versions[uri] = 1
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri,
                    language_id="markdown",
                    version=1,
                    text=self.texts[uri],
                )
            )
        )
        return uri

    def replace(self, uri: str, text: str) -> None:
        """Sends the note's new text, as a whole-document change."""
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=uri, version=self.versions[uri]
                ),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        self.client.diagnostics.pop(uri, None)

    async def diagnostics(self, uri: str, timeout: float = 10.0) -> list[types.Diagnostic]:
        """The note's diagnostics the way this client gets them: pulled when it can pull,
        else the first non-empty push."""
        if self.pulls_diagnostics:
            report = await asyncio.wait_for(
                self.client.text_document_diagnostic_async(
                    types.DocumentDiagnosticParams(
                        text_document=types.TextDocumentIdentifier(uri=uri)
                    )
                ),
                timeout,
            )
            assert isinstance(report, types.RelatedFullDocumentDiagnosticReport), report
            return list(report.items)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self.client.diagnostics.get(uri):
            if loop.time() > deadline:
                raise AssertionError(f"no diagnostics pushed for {uri} in {timeout}s")
            await asyncio.sleep(0.05)
        return list(self.client.diagnostics[uri])


@pytest_lsp.fixture(
    params=PROFILES,
    config=ClientServerConfig(
        server_command=[str(server_binary()), "serve"]
    ),
)
async def client(lsp_client: LanguageClient, request, tmp_path: Path):
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    editor = Editor(lsp_client, request.param, root)

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register_capability(params: types.RegistrationParams):
        editor.registrations.extend(params.registrations)
        return None

    @lsp_client.feature(types.CLIENT_UNREGISTER_CAPABILITY)
    def unregister_capability(params: types.UnregistrationParams):
        return None

    # The hint and lens refreshes the profiles declare they accept (pytest-lsp answers the
    # diagnostic one itself): an editor re-asks for them; these tests ask when they look.
    @lsp_client.feature(types.WORKSPACE_INLAY_HINT_REFRESH)
    def inlay_hint_refresh(params: None):
        editor.refreshes.append("inlayHint")
        return None

    @lsp_client.feature(types.WORKSPACE_CODE_LENS_REFRESH)
    def code_lens_refresh(params: None):
        editor.refreshes.append("codeLens")
        return None

    @lsp_client.feature(types.WORKSPACE_APPLY_EDIT)
    def apply_edit(params: types.ApplyWorkspaceEditParams):
        editor.applied_edits.append(params.edit)
        return types.ApplyWorkspaceEditResult(applied=True)

    capabilities = client_capabilities(request.param)
    if request.node.get_closest_marker("without_code_action_literals"):
        # The profile as an older client would send it: code actions as commands only.
        assert capabilities.text_document and capabilities.text_document.code_action
        capabilities.text_document.code_action.code_action_literal_support = None
    editor.initialize_result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="demo")],
        )
    )
    lsp_client.editor = editor
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def editor(client: LanguageClient) -> Editor:
    """The client under test, with what the test needs to drive it."""
    return client.editor

