"""Where the editor tests find the repository, the demo workspace and the built server."""

import os
import pathlib

REPO = pathlib.Path(__file__).resolve().parents[2]
DEMO = REPO / "fixtures" / "demo"


def server_binary() -> pathlib.Path:
    """The server the tests drive: `CAREER_LSP_BIN`, else the debug build."""
    return pathlib.Path(
        os.environ.get("CAREER_LSP_BIN", REPO / "target" / "debug" / "career-lsp")
    )
