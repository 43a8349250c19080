-- The README's snippets for Neovim before 0.11, run as a user pastes them: the snippet
-- under the README heading in $CAREER_SNIPPET, then two notes of a copy of fixtures/demo.
-- Neovim 0.7:  nvim --headless -u NONE -c "luafile tests/editors/nvim/fallback.lua"
--   (no filetype detection there: the test sets the filetype, which fires FileType)
local t = dofile(os.getenv("CAREER_REPO") .. "/tests/editors/nvim/harness.lua")
local v = vim.version()
t.label = "nvim " .. v.major .. "." .. v.minor .. ", README snippet \"" .. t.env("CAREER_SNIPPET"):gsub("^#+ ", "") .. "\""

local ws = t.env("CAREER_WS")

local function clients(bufnr)
  local found = {}
  if vim.lsp.get_clients then
    found = vim.lsp.get_clients({ bufnr = bufnr, name = "career_lsp" })
  else
    for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if client.name == "career_lsp" then
        table.insert(found, client)
      end
    end
  end
  return found
end

local function all_clients()
  return (vim.lsp.get_clients or vim.lsp.get_active_clients)()
end

local function open(name)
  local bufnr = t.open(name)
  if vim.bo[bufnr].filetype ~= "markdown" then
    vim.bo[bufnr].filetype = "markdown"
  end
  return bufnr
end

local goals, client
local started = t.check("the snippet starts career_lsp on 2026 Goals.md with the workspace as its root", function()
  t.run_snippet(t.env("CAREER_SNIPPET"))
  goals = open("2026 Goals.md")
  t.wait(10000, function()
    client = clients(goals)[1]
    return client ~= nil and client.initialized ~= false
  end, "career_lsp to attach")
  t.expect(vim.fn.exepath("career-lsp") == t.env("CAREER_BIN"), "career-lsp on PATH is " .. vim.fn.exepath("career-lsp"))
  t.expect(client.config.root_dir == ws, "root_dir is " .. tostring(client.config.root_dir) .. ", expected " .. ws)
end)
if not started then
  t.finish()
end

t.check("diagnostics: goal-not-linked on G4's row", function()
  local d = t.goal_not_linked_on_g4(goals)
  for _, code in ipairs({ "too-many-priorities", "invalid-status", "unknown-goal-ref" }) do
    t.expect(#t.diagnostics(goals, code) > 0, "no " .. code .. " diagnostic")
  end
end)

t.check("hover on \"Sponsors\" in Career.md shows the definition, from the same server", function()
  local career = open("Career.md")
  t.wait(10000, function()
    return #clients(career) > 0
  end, "career_lsp to attach to Career.md")
  t.expect(clients(career)[1].id == client.id, "Career.md got a server of its own")
  t.expect(#all_clients() == 1, #all_clients() .. " clients are running")
  local line, col = t.find(career, "^#+ Sponsors", "Sponsors")
  vim.api.nvim_win_set_cursor(0, { line + 1, col + 2 })
  local text = t.hover_text()
  t.expect(text:find("Advocates for you when you're not in the room", 1, true), "hover: " .. text)
  t.expect(text:find("Ruud Janssen", 1, true), "hover does not list the sponsors: " .. text)
end)

t.finish()
