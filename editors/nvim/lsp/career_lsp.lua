-- career-lsp for Neovim 0.11 and later.
--
-- Put the folder that holds this `lsp/` directory on the runtimepath and write
--
--     vim.lsp.enable("career_lsp")
--
-- Neovim then starts `career-lsp serve` for Markdown buffers, in the nearest folder that
-- has a career-lsp.toml, a Career.md or a .git.
--
-- Settings take the keys of career-lsp.toml (kebab-case, snake_case or camelCase), for
-- example, before `vim.lsp.enable`:
--
--     vim.lsp.config("career_lsp", {
--       init_options = { today = "2026-03-15", maxAnnualGoals = 5, rules = { ["network-gap"] = "off" } },
--     })
--
-- `init_options` are read when the server starts. Settings under `settings = { careerLsp =
-- { ... } }` are sent right after it starts and on every change
-- (`workspace/didChangeConfiguration`), and then replace `init_options`: use one or the
-- other. A career-lsp.toml in the workspace is used instead of both.
return {
  cmd = { "career-lsp", "serve" },
  filetypes = { "markdown" },
  root_markers = { "career-lsp.toml", "Career.md", ".git" },
  -- An object even when empty (a plain `{}` would be sent as a JSON array). No `settings`
  -- here: Neovim sends non-empty settings after the start, and they would replace
  -- whatever `init_options` a user sets.
  init_options = vim.empty_dict(),
}
