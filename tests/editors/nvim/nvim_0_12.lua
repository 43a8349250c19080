-- Neovim 0.11+: the shipped editors/nvim/lsp/career_lsp.lua, loaded as the README tells a
-- user (the folder on the runtimepath, then vim.lsp.enable), on a copy of fixtures/demo.
-- Run: nvim --headless --clean --cmd "set rtp^=editors/nvim" -l tests/editors/nvim/nvim_0_12.lua
local t = dofile(os.getenv("CAREER_REPO") .. "/tests/editors/nvim/harness.lua")
t.label = "nvim " .. vim.version().major .. "." .. vim.version().minor

-- The README's lines.
vim.lsp.enable("career_lsp")
vim.lsp.inlay_hint.enable()

local ws = t.env("CAREER_WS")
local goals, client

local started = t.check("career_lsp starts on 2026 Goals.md with the workspace as its root", function()
  goals = t.open("2026 Goals.md")
  t.expect(vim.bo[goals].filetype == "markdown", "filetype is " .. vim.bo[goals].filetype)
  t.wait(10000, function()
    client = vim.lsp.get_clients({ bufnr = goals, name = "career_lsp" })[1]
    return client ~= nil and client.initialized
  end, "career_lsp to attach and initialize")
  t.expect(vim.fn.exepath("career-lsp") == t.env("CAREER_BIN"), "career-lsp on PATH is " .. vim.fn.exepath("career-lsp"))
  t.expect(client.config.cmd[1] == "career-lsp", "cmd is " .. vim.inspect(client.config.cmd))
  t.expect(client.root_dir == ws, "root_dir is " .. tostring(client.root_dir) .. ", expected " .. ws)
end)
if not started then
  t.finish() -- nothing else can pass without the server
end

t.check("diagnostics: goal-not-linked on G4's row, and the note's other findings", function()
  local d = t.goal_not_linked_on_g4(goals)
  t.expect(d.severity == vim.diagnostic.severity.WARN, "severity " .. tostring(d.severity))
  t.expect(d.source == "career-lsp", "source " .. tostring(d.source))
  for _, code in ipairs({ "too-many-priorities", "invalid-status", "goal-without-metric", "unknown-goal-ref", "overdue-milestone" }) do
    t.expect(#t.diagnostics(goals, code) > 0, "no " .. code .. " diagnostic")
  end
end)

t.check("inlay hints: the goals' pillars and `not linked` on G4", function()
  t.expect(vim.lsp.inlay_hint.is_enabled({ bufnr = goals }), "inlay hints are not enabled")
  local labels = {}
  t.wait(5000, function()
    labels = {}
    for _, item in ipairs(vim.lsp.inlay_hint.get({ bufnr = goals })) do
      local label = item.inlay_hint.label
      if type(label) == "table" then
        local parts = {}
        for _, part in ipairs(label) do
          table.insert(parts, part.value)
        end
        label = table.concat(parts)
      end
      labels[item.inlay_hint.position.line] = (labels[item.inlay_hint.position.line] or "") .. label .. ";"
    end
    return next(labels) ~= nil
  end, "inlay hints")
  local g1 = t.find(goals, "^| G1 |", "G1")
  local g4 = t.find(goals, "^| G4 |", "G4")
  t.expect((labels[g1] or ""):find("→ Role", 1, true), "G1's hints: " .. tostring(labels[g1]))
  t.expect((labels[g4] or ""):find("not linked", 1, true), "G4's hints: " .. tostring(labels[g4]))
end)

t.check("hover on \"Sponsors\" in Career.md shows the definition", function()
  local career = t.open("Career.md")
  t.wait(10000, function()
    return #vim.lsp.get_clients({ bufnr = career, name = "career_lsp" }) > 0
  end, "career_lsp to attach to Career.md")
  t.expect(#vim.lsp.get_clients({ name = "career_lsp" }) == 1, "a second client started for Career.md")
  local line, col = t.find(career, "^#+ Sponsors", "Sponsors")
  vim.api.nvim_win_set_cursor(0, { line + 1, col + 2 })
  -- As a user presses K: the float Neovim opens holds the hover.
  local text = t.hover_text()
  t.expect(text:find("Sponsor", 1, true), "hover: " .. text)
  t.expect(text:find("Advocates for you when you're not in the room", 1, true), "hover: " .. text)
  t.expect(text:find("Ruud Janssen", 1, true), "hover does not list the sponsors: " .. text)
  vim.cmd("buffer " .. goals)
end)

t.check("code action for goal-not-linked, applied with apply_workspace_edit, clears it", function()
  local d = t.diagnostics(goals, "goal-not-linked")[1]
  t.expect(d, "no goal-not-linked diagnostic to fix")
  local lsp_diagnostic = d.user_data and d.user_data.lsp
  t.expect(lsp_diagnostic, "the diagnostic carries no LSP data")
  local row = d.lnum
  local before = vim.api.nvim_buf_get_lines(goals, row, row + 1, false)[1]
  local changedtick = vim.b[goals].changedtick
  local responses = vim.lsp.buf_request_sync(goals, "textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(goals) },
    range = lsp_diagnostic.range,
    context = { diagnostics = { lsp_diagnostic }, triggerKind = 1 },
  }, 5000)
  t.expect(responses and responses[client.id], "no answer to textDocument/codeAction")
  local actions = responses[client.id].result or {}
  local action = actions[1]
  t.expect(action, "no code actions")
  t.expect(action.title:match("^Link G4 to Vision: "), "first action: " .. action.title)
  t.expect(action.kind == "quickfix", "kind " .. tostring(action.kind))
  t.expect(action.edit, "the first action has no edit")
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  local after = vim.api.nvim_buf_get_lines(goals, row, row + 1, false)[1]
  local pillar = action.title:match(": (%a[%a ]*)$")
  t.expect(after ~= before and vim.b[goals].changedtick > changedtick, "the buffer did not change")
  t.expect(after:match("| " .. pillar .. " |%s*$"), "G4's row after the fix: " .. after)
  t.wait(10000, function()
    return #t.diagnostics(goals, "goal-not-linked") == 0 and #t.diagnostics(goals, "goal-without-metric") > 0
  end, "goal-not-linked to clear while goal-without-metric stays")
  t.expect(t.diagnostics(goals, "goal-without-metric")[1].lnum == row, "goal-without-metric moved")
  -- The edit is in the buffer only: the note on disk is untouched.
  t.expect(not table.concat(vim.fn.readfile(ws .. "/2026 Goals.md"), "\n"):find(after, 1, true), "the file was written")
end)

t.check("inlay hint on G4 follows the fix", function()
  local g4 = t.find(goals, "^| G4 |", "G4")
  t.wait(5000, function()
    for _, item in ipairs(vim.lsp.inlay_hint.get({ bufnr = goals, range = {
      start = { line = g4, character = 0 }, ["end"] = { line = g4 + 1, character = 0 },
    } })) do
      local label = item.inlay_hint.label
      if type(label) == "string" and label:match("^→ ") then
        return true
      end
    end
    return false
  end, "a `→ <pillar>` hint on G4's row")
end)

t.finish()
