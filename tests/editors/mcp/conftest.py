"""The official MCP Python SDK drives `career-lsp mcp` over stdio, as Claude Desktop, Claude
Code or VS Code would start it: each test gets a fresh server on a fresh copy of the demo."""

from __future__ import annotations

import contextlib
import shutil
import sys
from pathlib import Path
from typing import AsyncIterator

import pytest
from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from paths import DEMO, server_binary  # noqa: E402


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the demo notes the test may change."""
    root = tmp_path / "notes"
    shutil.copytree(DEMO, root)
    return root


def server_parameters(root: Path) -> StdioServerParameters:
    return StdioServerParameters(
        command=str(server_binary()),
        args=["mcp", "--root", str(root)],
        env={"CAREER_LSP_LOG": "warn"},
    )


@contextlib.asynccontextmanager
async def connect(root: Path) -> AsyncIterator[ClientSession]:
    """An initialised client session with a server over `root`."""
    async with stdio_client(server_parameters(root)) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            yield session
