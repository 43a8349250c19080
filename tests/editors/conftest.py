"""Fixtures shared by the editor tests."""

import os
import pathlib

import pytest

from paths import server_binary


@pytest.fixture(scope="session")
def career_lsp() -> pathlib.Path:
    binary = server_binary()
    if not os.access(binary, os.X_OK):
        pytest.fail(f"{binary} is not built: run `cargo build --locked` first")
    return binary
