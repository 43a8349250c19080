-- Neovim 0.11+: settings given as the README shows (vim.lsp.config before vim.lsp.enable)
-- reach the server, in a workspace without a career-lsp.toml of its own; and a change to
-- `settings` sent later with workspace/didChangeConfiguration applies at once.
-- Run: nvim --headless --clean --cmd "set rtp^=editors/nvim" -l tests/editors/nvim/settings.lua
local t = dofile(os.getenv("CAREER_REPO") .. "/tests/editors/nvim/harness.lua")
t.label = "nvim " .. vim.version().major .. "." .. vim.version().minor .. " settings"

local ws = t.env("CAREER_WS")
assert(os.remove(ws .. "/career-lsp.toml")) -- the copy's own file would win over the editor's

local messages = {}
local show_message = vim.lsp.handlers["window/showMessage"]
vim.lsp.handlers["window/showMessage"] = function(err, result, ctx, config)
  table.insert(messages, result.message)
  return show_message(err, result, ctx, config)
end

vim.lsp.config("career_lsp", {
  init_options = { today = "2026-03-15", maxAnnualGoals = 4, rules = { ["goal-not-linked"] = "off" } },
})
vim.lsp.enable("career_lsp")

local goals, client
local started = t.check("init_options: maxAnnualGoals = 4 and goal-not-linked off", function()
  goals = t.open("2026 Goals.md")
  t.wait(10000, function()
    client = vim.lsp.get_clients({ bufnr = goals, name = "career_lsp" })[1]
    return client ~= nil and client.initialized and #t.diagnostics(goals, "goal-without-metric") > 0
  end, "career_lsp's diagnostics")
  t.expect(#t.diagnostics(goals, "goal-not-linked") == 0, "goal-not-linked is reported although it is off")
  t.expect(#t.diagnostics(goals, "too-many-priorities") == 0, "too-many-priorities with 4 goals allowed")
  t.expect(#t.diagnostics(goals, "overdue-milestone") == 2, "the pinned date gives 2 overdue milestones, not "
    .. #t.diagnostics(goals, "overdue-milestone"))
end)
if not started then
  t.finish()
end

t.check("settings changed later (didChangeConfiguration): goal-not-linked as an error after the next edit", function()
  client.settings = {
    careerLsp = { today = "2026-03-15", maxAnnualGoals = 4, rules = { ["goal-not-linked"] = "error" } },
  }
  client:notify("workspace/didChangeConfiguration", { settings = client.settings })
  -- This Neovim pulls diagnostics but does not accept workspace/diagnostic/refresh, and the
  -- server pushes none to a client that pulls: the next pull, after an edit, shows the change.
  vim.api.nvim_buf_set_lines(goals, -1, -1, false, { "" })
  t.wait(10000, function()
    return #t.diagnostics(goals, "goal-not-linked") > 0
  end, "goal-not-linked after the change")
  local d = t.diagnostics(goals, "goal-not-linked")[1]
  t.expect(d.severity == vim.diagnostic.severity.ERROR, "severity " .. d.severity)
end)

t.check("the server showed no settings problem", function()
  t.expect(#messages == 0, "messages: " .. vim.inspect(messages))
end)

t.finish()
