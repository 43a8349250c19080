"""`career-lsp mcp` under the official MCP Python SDK: what it lists, every tool on the
demo, the resources, the prompts, and abuse of the protocol."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from mcp import MCPError
from mcp.types import PaginatedRequestParams

from conftest import connect, server_parameters

TOOLS = {
    "career_overview",
    "career_findings",
    "next_question",
    "blind_spot_review",
    "weekly_review",
    "propose_section_update",
}
PROMPTS = {"coaching-session", "blind-spot-analysis", "goal-cascade", "weekly-review"}


async def test_it_lists_tools_resources_and_prompts(demo: Path) -> None:
    async with connect(demo) as session:
        tools = (await session.list_tools()).tools
        assert {t.name for t in tools} == TOOLS
        for tool in tools:
            assert tool.input_schema["type"] == "object", tool.name
            assert tool.annotations is not None and tool.annotations.read_only_hint, tool.name
        propose = next(t for t in tools if t.name == "propose_section_update")
        assert set(propose.input_schema["required"]) == {"section", "answer"}
        assert set(propose.input_schema["properties"]) == {"section", "answer", "note"}

        uris = [str(r.uri) for r in (await session.list_resources()).resources]
        assert uris[0] == "career://methodology"
        assert "career://note/Career.md" in uris
        assert "career://model/2026%20Goals.md" in uris
        assert "career://rules/empty-section" in uris
        templates = (await session.list_resource_templates()).resource_templates
        assert {t.uri_template for t in templates} == {
            "career://note/{path}",
            "career://model/{path}",
            "career://rules/{code}",
        }

        prompts = (await session.list_prompts()).prompts
        assert {p.name for p in prompts} == PROMPTS
        coaching = next(p for p in prompts if p.name == "coaching-session")
        assert [a.name for a in coaching.arguments or []] == ["note"]


async def call(session, name: str, arguments: dict | None = None):
    result = await session.call_tool(name, arguments or {})
    assert not result.is_error, result.content
    assert result.content and result.content[0].type == "text"
    return result.structured_content, result.content[0].text


async def test_the_overview_has_the_demos_goals_and_what_is_overdue(demo: Path) -> None:
    async with connect(demo) as session:
        overview, text = await call(session, "career_overview")
    goals = [(g["id"], g["serves"], g["status"]) for g in overview["goals"]]
    assert goals == [
        ("G1", ["Role"], "In progress"),
        ("G2", ["Impact"], "In progress"),
        ("G3", ["Reach"], "On track"),
        ("G4", [], "Not started"),
    ]
    assert overview["career_index"] == "Career.md"
    assert overview["goals_note"] == "2026 Goals.md"
    assert overview["theme_year"] == 2026
    assert overview["quarter"]["quarter"] == 1
    overdue = [(i["text"], i["due"], i["state"]) for i in overview["overdue"]]
    assert (
        "First blog post published on the engineering blog (G3)",
        "2026-02-28",
        "overdue",
    ) in overdue
    assert overview["last_weekly_review"] == "2026-03-02"
    assert "G4 Get better at public speaking" in text and "not linked to the vision" in text


async def test_findings_name_the_overdue_milestone_with_the_coachs_question(demo: Path) -> None:
    async with connect(demo) as session:
        note, _ = await call(session, "career_findings", {"note": "2026 Goals.md"})
        everything, text = await call(session, "career_findings", {"limit": 500})
    overdue = [f for f in note["findings"] if f["code"] == "overdue-milestone"]
    assert [(f["line"], f["severity"]) for f in overdue] == [(31, "warning"), (48, "warning")]
    assert overdue[0]["question"] == "Done, moved, or dropped?"
    assert note["scope"] == "note" and note["total"] == 9
    # The workspace: every note, the demo's 33 findings.
    assert everything["scope"] == "workspace"
    assert everything["total"] == len(everything["findings"]) == 33
    assert "CLAUDE.md:1: warning[missing-section]" in text


async def test_next_question_is_the_first_empty_section(demo: Path) -> None:
    async with connect(demo) as session:
        result, text = await call(session, "next_question")
        profile, _ = await call(session, "next_question", {"note": "CLAUDE.md"})
    assert result["note"] == "Career.md" and result["line"] == 93
    assert result["next"]["section"] == "Innovation Portfolio"
    assert (
        result["next"]["question"]
        == "What experiments are testing that belief, and what have they taught you so far?"
    )
    assert "Ask: What experiments" in text
    assert profile["next"]["section"] == "Things to Avoid"


async def test_blind_spots_say_which_apply_with_evidence(demo: Path) -> None:
    async with connect(demo) as session:
        demo_index, _ = await call(session, "blind_spot_review")
        mentee, _ = await call(session, "blind_spot_review", {"note": "mentee-review/Career.md"})
    applies = {s["name"]: s["applies"] for s in demo_index["blind_spots"]}
    assert applies == {
        "No clear POV": True,
        "Internal-only visibility": False,
        "No business metrics": False,
        "Too many priorities": False,
        "No contingency": True,
    }
    contingency = next(s for s in demo_index["blind_spots"] if s["name"] == "No contingency")
    assert contingency["evidence"][0].startswith("no-contingency: ")
    assert [s["name"] for s in mentee["blind_spots"] if not s["applies"]] == ["Too many priorities"]
    assert len(demo_index["step_back_questions"]) == 3


async def test_the_weekly_review_puts_milestones_at_risk(demo: Path) -> None:
    async with connect(demo) as session:
        review, text = await call(session, "weekly_review")
    assert review["week_of"] == "2026-03-09"
    assert len(review["questions"]) == 4
    assert [r["milestone"]["goals"] for r in review["milestones_at_risk"]] == [["G2"], ["G3"]]
    assert len(review["overdue"]) == 2
    assert text.startswith("Weekly review, week of 2026-03-09:")


async def test_a_proposed_update_is_a_diff_and_nothing_is_written(demo: Path) -> None:
    before = (demo / "Career.md").read_text()
    async with connect(demo) as session:
        proposal, text = await call(
            session,
            "propose_section_update",
            {
                "section": "Wins & Artifacts",
                "answer": "Vendor consolidation — saved €180k a year by retiring three monitoring tools",
            },
        )
    assert (demo / "Career.md").read_text() == before
    assert proposal["note"] == "Career.md" and proposal["shape"] == "win bullet"
    assert "+### 2026\n+- **Vendor consolidation** — saved €180k a year" in proposal["diff"]
    # Applied as an editing tool would (replace one unique passage), it gives the note
    # with the win under 2026, above 2025.
    assert before.count(proposal["old_text"]) == 1
    after = before.replace(proposal["old_text"], proposal["new_text"])
    assert "## Wins & Artifacts\n\n### 2026\n- **Vendor consolidation**" in after
    assert "Nothing is written" in text


async def test_the_server_reads_what_changed_on_disk(demo: Path) -> None:
    async with connect(demo) as session:
        first, _ = await call(session, "next_question")
        portfolio = "| Data-job templates | Adopted without a mandate | Running | 3 teams so far |"
        career = demo / "Career.md"
        career.write_text(career.read_text().replace("| | | | |", portfolio, 1))
        second, _ = await call(session, "next_question")
    assert first["next"]["section"] == "Innovation Portfolio"
    assert second["next"] is None or second["next"]["section"] != "Innovation Portfolio"


async def test_resources_are_the_notes_their_models_and_the_methodology(demo: Path) -> None:
    async with connect(demo) as session:
        note = (await session.read_resource("career://note/2026%20Goals.md")).contents[0]
        model = (await session.read_resource("career://model/2026%20Goals.md")).contents[0]
        methodology = (await session.read_resource("career://methodology")).contents[0]
        rule = (await session.read_resource("career://rules/unquantified-win")).contents[0]
    assert note.mime_type == "text/markdown" and note.text.startswith("# 2026 Goals")
    parsed = json.loads(model.text)
    assert model.mime_type == "application/json"
    assert parsed["kind"] == "goals"
    assert [g["outcome"] for g in parsed["model"]["goals"]][0] == "Make the case for Principal Engineer"
    assert "| Sponsor | Advocates for you when you're not in the room" in methodology.text
    assert "unquantified-win" in rule.text


@pytest.mark.parametrize("name", sorted(PROMPTS))
async def test_each_prompt_renders_with_the_profiles_preferences(demo: Path, name: str) -> None:
    async with connect(demo) as session:
        prompt = await session.get_prompt(name, {})
    assert len(prompt.messages) == 1 and prompt.messages[0].role == "user"
    text = prompt.messages[0].content.text
    assert "Ask one question at a time and wait for my answer." in text
    assert "lists no things to avoid yet" in text
    expected = {
        "coaching-session": "What experiments are testing that belief",
        "blind-spot-analysis": "No contingency: applies",
        "goal-cascade": "[goal-not-linked] G4 is not linked to your vision",
        "weekly-review": "### Weekly Review — 2026-03-15",
    }[name]
    assert expected in text


async def test_bad_calls_get_errors_and_the_server_keeps_serving(demo: Path) -> None:
    async with connect(demo) as session:
        with pytest.raises(MCPError) as unknown:
            await session.call_tool("delete_everything", {})
        assert "there is no tool called" in str(unknown.value)

        with pytest.raises(MCPError) as wrong_type:
            await session.call_tool("next_question", {"note": 42})
        assert "invalid type" in str(wrong_type.value)

        escape = await session.call_tool("next_question", {"note": "../../etc/passwd"})
        assert escape.is_error and "outside the notes' folder" in escape.content[0].text

        missing = await session.call_tool("career_findings", {"note": "Nope.md"})
        assert missing.is_error and "there is no note Nope.md" in missing.content[0].text

        section = await session.call_tool(
            "propose_section_update", {"section": "Hobbies", "answer": "Sailing"}
        )
        assert section.is_error and "no section called" in section.content[0].text

        with pytest.raises(MCPError):
            await session.read_resource("career://note/..%2F..%2Fetc%2Fpasswd")
        with pytest.raises(MCPError):
            await session.read_resource("career://note/Nope.md")
        with pytest.raises(MCPError):
            await session.get_prompt("pep-talk", {})

        # Still serving.
        result, _ = await call(session, "next_question")
        assert result["next"]["section"] == "Innovation Portfolio"


def test_garbage_on_the_wire_is_skipped_and_the_session_goes_on(demo: Path) -> None:
    """Lines that are not JSON, and JSON that is no message, do not end the session."""
    params = server_parameters(demo)
    lines = [
        "{not json",
        json.dumps(
            {
                "jsonrpc": "2.0",
                "id": 1,
                "method": "initialize",
                "params": {
                    "protocolVersion": "2025-11-25",
                    "capabilities": {},
                    "clientInfo": {"name": "raw", "version": "1"},
                },
            }
        ),
        json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}),
        "[1, 2",
        "\x00\x01\x02",
        json.dumps({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": 7}}),
        json.dumps({"jsonrpc": "2.0", "id": 3, "method": "tools/list"}),
    ]
    done = subprocess.run(
        [params.command, *params.args],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=30,
        env={"CAREER_LSP_LOG": "warn", "PATH": "/usr/bin:/bin"},
    )
    answers = {m["id"]: m for m in map(json.loads, done.stdout.splitlines())}
    assert answers[1]["result"]["serverInfo"]["name"] == "career-lsp"
    assert "error" in answers[2]
    assert {t["name"] for t in answers[3]["result"]["tools"]} == TOOLS
    assert done.returncode == 0, done.stderr


async def test_resources_of_a_large_vault_come_in_pages(tmp_path: Path) -> None:
    """300 notes are 600 resources and more: the client follows the cursor to the end."""
    root = tmp_path / "vault"
    root.mkdir()
    (root / "Career.md").write_text("# Career\n\n## Vision\n\nLead platforms.\n")
    for i in range(300):
        (root / f"Note {i:03}.md").write_text(f"# Note {i}\n")
    async with connect(root) as session:
        first = await session.list_resources()
        assert first.next_cursor is not None and len(first.resources) == 500
        uris = [str(r.uri) for r in first.resources]
        cursor = first.next_cursor
        while cursor is not None:
            page = await session.list_resources(params=PaginatedRequestParams(cursor=cursor))
            uris += [str(r.uri) for r in page.resources]
            cursor = page.next_cursor
    assert len(uris) == len(set(uris))
    assert "career://note/Note%20299.md" in uris and "career://model/Note%20299.md" in uris
    assert uris.index("career://note/Note%20000.md") < uris.index("career://note/Note%20299.md")
