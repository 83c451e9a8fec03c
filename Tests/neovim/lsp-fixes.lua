-- Neovim's own LSP client against `dbspec lsp`, past diagnostics: a spec with a misspelt key
-- gets a quick fix that the client applies to the buffer; the retired version that then
-- shows gets one too; the diagnostics clear. Then hover on a key and on a diagnostic, and
-- completion of the class for the spec's engine, version and Region. Writes what it saw, one
-- line each, to $RESULT; scripts/test-neovim.sh compares it. Neovim 0.7 or later.
local bin, file, result = os.getenv("DBSPEC_BIN"), os.getenv("SPEC_FILE"), os.getenv("RESULT")
local out = assert(io.open(result, "w"))
local function say(line) out:write(line, "\n"); out:flush() end

vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "dbspec",
  cmd = { bin, "lsp" },
  root_dir = vim.fn.fnamemodify(file, ":p:h"),
})
if not client_id then say("no client"); out:close(); vim.cmd("qa!") end
vim.lsp.buf_attach_client(buf, client_id)
local client = vim.lsp.get_client_by_id(client_id)

local function code_of(d) return tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)) end
local function find(code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do if code_of(d) == code then return d end end
end

-- Asks for the code actions on a diagnostic, says their titles, applies the preferred one.
local function fix(code)
  local d
  if not vim.wait(15000, function() d = find(code); return d ~= nil end, 20) then say("no " .. code); return end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } },
    context = { diagnostics = { d.user_data and d.user_data.lsp or {} } },
  }
  local response = client.request_sync("textDocument/codeAction", params, 10000, buf)
  local actions = (response and response.result) or {}
  local chosen
  for _, action in ipairs(actions) do
    say(code .. " action: " .. action.title)
    if action.isPreferred and not chosen then chosen = action end
  end
  if not chosen then say(code .. " no preferred action"); return end
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or "utf-16")
  if vim.wait(15000, function() return find(code) == nil end, 20) then say(code .. " cleared") else say(code .. " still there") end
end

fix("DB160")   -- `versoin` → `version`
fix("DB103")   -- the retired version → a current one
if vim.wait(15000, function() return #vim.diagnostic.get(buf) == 0 end, 20) then say("no diagnostics left") else
  for _, d in ipairs(vim.diagnostic.get(buf)) do say("left " .. code_of(d) .. " " .. (d.message:gsub("\n.*", ""))) end
end
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
for _, line in ipairs(lines) do if line:match("^  version:") then say("buffer" .. line) end end

local function position_of(pattern)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local s = line:find(pattern, 1, true)
    if s then return { line = i - 1, character = s - 1 } end
  end
end
local uri = vim.uri_from_bufnr(buf)

-- Hover on a key: the field's description and default.
local hover = client.request_sync("textDocument/hover", { textDocument = { uri = uri }, position = position_of("multiAz") }, 10000, buf)
local value = hover and hover.result and hover.result.contents and hover.result.contents.value or ""
say("hover multiAz: " .. (value:gsub("\n.*", "")))

-- Completion of the class value: the classes MySQL offers at this version in this Region.
local at = position_of("db.t3.micro")
local completion = client.request_sync("textDocument/completion", { textDocument = { uri = uri }, position = at }, 10000, buf)
local items = completion and completion.result and (completion.result.items or completion.result) or {}
local has = false
for _, item in ipairs(items) do if item.label == "db.r6g.large" then has = true end end
say(string.format("completion class: %s, db.r6g.large %s", #items > 20 and "more than 20 classes" or (#items .. " classes"), has and "offered" or "missing"))

vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
out:close()
vim.cmd("qa!")
