#!/usr/bin/env bash
# Source lines of src/: non-blank lines of C# that are not comments (// and ///), tracked by git, per folder and in total.
# Usage: scripts/sloc.sh [REV]   (default: the working tree)
set -euo pipefail
cd "$(dirname "$0")/.."
rev="${1:-}"
count() { grep -v '^\s*$' | grep -cv '^\s*//' || true; }
total=0
while read -r dir; do
  if [[ -n "$rev" ]]; then
    n=$(git ls-tree -r --name-only "$rev" "$dir" | grep '\.cs$' | while read -r f; do git show "$rev:$f"; done | count)
  else
    n=$(git ls-files "$dir" | grep '\.cs$' | while read -r f; do [[ -f "$f" ]] && cat "$f"; done | count)
  fi
  printf '%6d  %s\n' "$n" "$dir"
  total=$((total + n))
done < <(if [[ -n "$rev" ]]; then git ls-tree -d --name-only "$rev" src/; else git ls-files src | cut -d/ -f1-2 | sort -u; fi)
printf '%6d  total\n' "$total"
