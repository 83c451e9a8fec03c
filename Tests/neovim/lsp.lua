-- Neovim's own LSP client against `dbspec lsp`: open a spec, wait for its diagnostics, fix
-- the spec in the buffer, wait for them to clear. Writes what it saw, one line each, to
-- $RESULT; scripts/test-neovim.sh compares it with what it expects. Neovim 0.7 or later.
local bin, file, result = os.getenv("DBSPEC_BIN"), os.getenv("SPEC_FILE"), os.getenv("RESULT")
local out = assert(io.open(result, "w"))
local function say(line) out:write(line, "\n"); out:flush() end

vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local client = vim.lsp.start_client({
  name = "dbspec",
  cmd = { bin, "lsp" },
  root_dir = vim.fn.fnamemodify(file, ":p:h"),
  on_exit = function(code) say("exit " .. code) end,
})
if not client then say("no client"); out:close(); vim.cmd("qa!") end
vim.lsp.buf_attach_client(buf, client)

local function diagnostics() return vim.diagnostic.get(buf) end
if vim.wait(15000, function() return #diagnostics() > 0 end, 20) then
  local seen = diagnostics()
  table.sort(seen, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  for _, d in ipairs(seen) do
    -- 0-based line and UTF-16 column, as the protocol sends them; the first line of the message.
    say(string.format("diagnostic %d:%d-%d:%d %s %s", d.lnum, d.col, d.end_lnum or -1, d.end_col or -1,
      tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)), (d.message:gsub("\n.*", ""))))
  end
else
  say("no diagnostics")
end

-- Fix the spec as a user would: the class line, then the version line.
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
for i, line in ipairs(lines) do
  if line:match("^  class:") then vim.api.nvim_buf_set_lines(buf, i - 1, i, false, { "  class: db.t3.micro" }) end
end
if vim.wait(15000, function() return #diagnostics() == 0 end, 20) then say("cleared") else
  for _, d in ipairs(diagnostics()) do say("left " .. d.lnum .. ":" .. d.col .. " " .. (d.message:gsub("\n.*", ""))) end
end

vim.lsp.stop_client(client)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client) == nil end, 20)
out:close()
vim.cmd("qa!")
