#!/usr/bin/env bash
# Makes sure Debian's chromium is at /usr/bin/chromium for the browser tests (Playwright launches it by path; the
# registries these machines reach serve no Playwright browser builds, so `playwright install` is never used).
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "[chromium] /usr/bin/chromium not found: installing Debian's chromium package" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
elif command -v sudo >/dev/null && command -v apt-get >/dev/null; then
  echo "[chromium] /usr/bin/chromium not found: installing Debian's chromium package with sudo" >&2
  sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
else
  echo "[chromium] /usr/bin/chromium is missing: install Chromium there (Debian: apt-get install chromium) for the browser tests" >&2
  exit 1
fi
