#!/usr/bin/env bash
# A real editor against the language server: Neovim (headless, its built-in LSP client)
# opens a spec with a wrong instance class and a Unicode line separator in a comment, must get
# the diagnostic at the editor's line and column, then the class is fixed in the buffer and
# the diagnostic must clear. Then quick fixes, hover and completion (Tests/neovim/lsp-fixes.lua).
# Usage: scripts/test-neovim.sh DBSPEC_BINARY
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
command -v nvim >/dev/null || { echo "nvim is missing: apt-get install neovim (scripts/test.sh needs it for the editor test)" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# Line 3 holds U+2028 in a comment; line 9 (0-based 8) a class MySQL does not offer, after
# a tag value with a letter outside the BMP (U+1D400, two UTF-16 units; RDS takes letters in
# tags, not emoji) on the line before it.
printf 'dbspec: 1\nname: orders\n# note \342\200\250 with a line separator\nregion: us-west-2\ntags: { team: "\360\235\220\200" }\ndatabase:\n  engine: mysql\n  version: "8.4.8"\n  class: db.t3.micr\n  encryption: { kmsKey: create }\n' > "$work/orders.yaml"
DBSPEC_BIN="$bin" SPEC_FILE="$work/orders.yaml" RESULT="$work/result.txt" \
  timeout 60 nvim --headless --clean -n -i NONE -c "luafile Tests/neovim/lsp.lua" >/dev/null 2>"$work/nvim.err" || true
expected="diagnostic 8:9-8:19 DB104 db.t3.micr is not offered for MySQL 8.4.8
cleared"
got=$(grep -v '^exit ' "$work/result.txt" 2>/dev/null || true)
if [ "$got" != "$expected" ]; then
  echo "neovim: expected:"; echo "$expected"; echo "got:"; echo "$got"; cat "$work/nvim.err" >&2
  exit 1
fi

# Quick fixes, applied by the client: a misspelt key, then the retired version that shows once
# the key is right. Then hover and completion.
printf 'dbspec: 1\nname: orders\nregion: us-west-2\ndatabase:\n  engine: mysql\n  versoin: "8.0.23"\n  class: db.t3.micro\n  multiAz: true\n  encryption: { kmsKey: create }\n' > "$work/fixes.yaml"
DBSPEC_BIN="$bin" SPEC_FILE="$work/fixes.yaml" RESULT="$work/fixes.txt" \
  timeout 90 nvim --headless --clean -n -i NONE -c "luafile Tests/neovim/lsp-fixes.lua" >/dev/null 2>"$work/nvim-fixes.err" || true
expected_fixes='DB160 action: Rename the key to `version`
DB160 cleared
DB103 action: Change to `8.0.46`
DB103 action: Change to `8.0.45`
DB103 action: Change to `8.0.44`
DB103 action: Suppress DB103 on this line (write the reason after --)
DB103 cleared
no diagnostics left
buffer  version: "8.0.46"
hover multiAz: **`database.multiAz`**: true or false
completion class: more than 20 classes, db.r6g.large offered'
got=$(cat "$work/fixes.txt" 2>/dev/null || true)
if [ "$got" != "$expected_fixes" ]; then
  echo "neovim quick fixes: expected:"; echo "$expected_fixes"; echo "got:"; echo "$got"; cat "$work/nvim-fixes.err" >&2
  exit 1
fi
echo "neovim $(nvim --version | head -1 | cut -d' ' -f2): 4 passed, 0 failed"
