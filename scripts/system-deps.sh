#!/usr/bin/env bash
# Installs the Debian packages Casebase needs beyond Python: CJK fonts for PDFs
# and screenshots, Chromium for the browser tests, poppler for looking at PDFs,
# gettext (msgfmt) for checking the compiled translations in locale/, Node's npm for installing
# the checkers the tests run (axe-core, vnu.jar: package.json).
# Does nothing when they are present; needs root (or sudo) otherwise.
set -euo pipefail
PACKAGES=(fonts-noto-cjk chromium poppler-utils gettext)

missing=()
for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# Any npm will do (a machine may have Node from elsewhere); Debian packages it apart from nodejs.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "[system-deps] installing ${missing[*]}" >&2
$SUDO apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
