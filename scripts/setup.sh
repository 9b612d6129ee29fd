#!/usr/bin/env bash
# Sets up a fresh machine for building and testing:
#   - Chromium (to print PDFs), poppler-utils (the tests and checks read PDFs back with pdfinfo/pdffonts) and
#     zbar-tools (the tests scan the handouts' QR codes with zbarimg, an ordinary barcode scanner),
#     from Debian's packages when they are missing and we may install them; Puppeteer cannot download a browser
#     on a machine without internet access, so it is never asked to;
#   - the npm packages from the lockfile, including Node 22 (the `node` package) that npm scripts run on.
set -euo pipefail
cd "$(dirname "$0")/.."

have_browser() {
  [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ] && [ -x "${PUPPETEER_EXECUTABLE_PATH}" ] && return 0
  [ -n "${CHROME_PATH:-}" ] && [ -x "${CHROME_PATH}" ] && return 0
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome-stable /usr/bin/google-chrome; do
    [ -x "$candidate" ] && return 0
  done
  return 1
}

missing=()
have_browser || missing+=(chromium)
command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${missing[*]} from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: please install ${missing[*]} (on Debian or Ubuntu: sudo apt-get install -y ${missing[*]})," >&2
    echo "       or set PUPPETEER_EXECUTABLE_PATH to an existing Chrome or Chromium." >&2
    exit 1
  fi
fi

echo "setup: installing npm packages"
# npm itself runs on the machine's Node 20 and warns that packages want Node 22; they run on the Node 22 it installs.
# `npm ci`: exactly the lockfile, which lists Pagefind's binary for every platform (npm installs only this one's),
# so nothing is resolved afresh and package-lock.json is never rewritten (`git status` stays clean).
npm ci --no-audit --no-fund --loglevel=error
echo "setup: done ($(node_modules/.bin/node --version) for npm scripts)"
