-- Shared by the headless Neovim tests: PASS/FAIL lines, bounded waits, the README's snippets.
-- Runs on LuaJIT under Neovim 0.7 as well as 0.12, so it uses only APIs both have.
local M = { failures = 0, label = "nvim" }

function M.out(line)
  io.stdout:write(line .. "\n")
  io.stdout:flush()
end

-- Runs one check; an error inside it (an assertion or a time-out) makes it a FAIL.
function M.check(name, fn)
  local ok, err = pcall(fn)
  if ok then
    M.out("PASS " .. M.label .. ": " .. name)
  else
    M.failures = M.failures + 1
    M.out("FAIL " .. M.label .. ": " .. name .. ": " .. tostring(err))
  end
  return ok
end

function M.wait(ms, condition, what)
  if not vim.wait(ms, condition, 20) then
    error("timed out after " .. ms .. " ms waiting for " .. what, 0)
  end
end

function M.expect(condition, message)
  if not condition then
    error(message, 0)
  end
end

function M.env(name)
  local value = os.getenv(name)
  M.expect(value and value ~= "", "environment variable " .. name .. " is not set")
  return value
end

-- The first ```lua block after the line `heading` in editors/nvim/README.md, so that the
-- tests run the snippets exactly as a reader copies them.
function M.readme_snippet(heading)
  local path = M.env("CAREER_REPO") .. "/editors/nvim/README.md"
  local lines = vim.fn.readfile(path)
  local state, code = "heading", {}
  for _, line in ipairs(lines) do
    if state == "heading" and line == heading then
      state = "fence"
    elseif state == "fence" and line == "```lua" then
      state = "code"
    elseif state == "code" and line == "```" then
      return table.concat(code, "\n")
    elseif state == "code" then
      table.insert(code, line)
    end
  end
  error("no ```lua block under " .. heading .. " in " .. path, 0)
end

function M.run_snippet(heading)
  local chunk, err = loadstring(M.readme_snippet(heading), heading)
  M.expect(chunk, tostring(err))
  chunk()
end

-- Opens a note of the workspace copy.
function M.open(name)
  vim.cmd("edit " .. vim.fn.fnameescape(M.env("CAREER_WS") .. "/" .. name))
  return vim.api.nvim_get_current_buf()
end

function M.diagnostics(bufnr, code)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if code == nil or d.code == code then
      table.insert(found, d)
    end
  end
  return found
end

-- Where `word` first occurs on a line that `pattern` matches (0-based line and column).
function M.find(bufnr, pattern, word)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if line:match(pattern) then
      local col = line:find(word, 1, true)
      if col then
        return i - 1, col - 1
      end
    end
  end
  error("no line matching " .. pattern .. " with " .. word, 0)
end

--- Hovers at the cursor as a user pressing K does, and returns the text of the floating
--- window Neovim opens (closing it).
function M.hover_text()
  vim.lsp.buf.hover()
  local float
  M.wait(5000, function()
    for _, win in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(win).relative ~= "" then
        float = win
        return true
      end
    end
    return false
  end, "the hover window")
  local text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false), "\n")
  vim.api.nvim_win_close(float, true)
  return text
end

--- Waits for goal-not-linked in the demo's Goals note and checks it is G4's row, with the
--- rule's message; returns the diagnostic.
function M.goal_not_linked_on_g4(bufnr)
  M.wait(10000, function()
    return #M.diagnostics(bufnr, "goal-not-linked") > 0
  end, "a goal-not-linked diagnostic")
  local d = M.diagnostics(bufnr, "goal-not-linked")[1]
  local row = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]
  M.expect(row:match("^| G4 |"), "goal-not-linked is on line " .. (d.lnum + 1) .. ": " .. row)
  M.expect(d.message:match("^G4 is not linked to your vision"), "message: " .. d.message)
  return d
end

function M.finish()
  -- Shut the servers down before quitting: a client still writing to a server that exits
  -- with Neovim can end Neovim on SIGPIPE (status 141) after every check has passed.
  local clients = vim.lsp.get_clients or vim.lsp.get_active_clients
  for _, client in ipairs(clients()) do
    vim.lsp.stop_client(client.id)
  end
  vim.wait(5000, function()
    return #clients() == 0
  end, 50)
  if M.failures > 0 then
    vim.cmd("cquit " .. M.failures)
  end
  vim.cmd("qall!")
end

return M
