#!/usr/bin/env bash
# Lints the API's OpenAPI document with Redocly's recommended rules (redocly.yaml: the two exceptions and why).
#   scripts/lint-openapi.sh [URL or file]     default: http://127.0.0.1:${PORT:-5080}/openapi/v1.json (a running ./run.sh)
# Installs @redocly/cli once into .tools/redocly (npm, Node.js 20+).
set -euo pipefail
cd "$(dirname "$0")/.."
source=${1:-http://127.0.0.1:${PORT:-5080}/openapi/v1.json}
tools=.tools/redocly
if [ ! -x "$tools/node_modules/.bin/redocly" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --silent @redocly/cli@2.77.0 >&2
fi
file=$source
if [[ $source == http* ]]; then
  file=$(mktemp --suffix=.json)
  trap 'rm -f "$file"' EXIT
  curl -sSf "$source" -o "$file"
fi
"$tools/node_modules/.bin/redocly" lint "$file" --config redocly.yaml
