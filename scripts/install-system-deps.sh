#!/bin/sh
# LibreOffice (PDF and PNG export) and fonts with the metrics of the Office fonts, from the
# system's packages: Liberation (Arial, Times New Roman, Courier New) and Carlito (Calibri). Without them LibreOffice draws the deck's Arial with a
# wider font, table rows wrap and grow past the footer, and the PDF check refuses the PDF.
# Debian and Ubuntu (apt-get) and macOS (Homebrew, which has Arial already); on Windows, which
# has Arial and Calibri, install LibreOffice as the README says. The PDF is read back and drawn
# as PNGs by pypdfium2, a Python package: nothing else is needed.
# Does nothing when everything is already installed.
set -eu
MAC_SOFFICE=/Applications/LibreOffice.app/Contents/MacOS/soffice
have_font() {
  fc-list "$1" family 2>/dev/null | grep -q .
}
have_soffice() {
  command -v soffice >/dev/null 2>&1 || [ -x "$MAC_SOFFICE" ] \
    || [ -x "${REPORTGEN_SOFFICE:-/nonexistent}" ]
}
if [ "$(uname -s)" = Darwin ]; then
  if ! command -v brew >/dev/null 2>&1; then
    echo "install Homebrew (https://brew.sh), then run this again" >&2
    exit 1
  fi
  have_soffice || brew install --cask libreoffice
  ls "$HOME/Library/Fonts" 2>/dev/null | grep -qi carlito || brew install --cask font-carlito
  exit 0
fi
if have_soffice && command -v fc-list >/dev/null 2>&1 \
    && have_font "Liberation Sans" && have_font "Carlito"; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install LibreOffice Impress and the Liberation and Carlito fonts with" \
    "your system's package manager" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  libreoffice-impress fontconfig fonts-liberation fonts-crosextra-carlito >/dev/null
