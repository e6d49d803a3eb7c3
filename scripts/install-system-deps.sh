#!/bin/sh
# LibreOffice (PDF export), poppler-utils (PNG export, the PDF's own check) and fonts with the
# metrics of the Office fonts, from the distribution's packages: Liberation (Arial, Times New
# Roman, Courier New) and Carlito (Calibri). Without them LibreOffice draws the deck's Arial with
# a wider font, table rows wrap and grow past the footer, and the PDF check refuses the PDF.
# Does nothing when everything is already installed.
set -eu
have_font() {
  fc-list "$1" family 2>/dev/null | grep -q .
}
if command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 \
    && command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 \
    && command -v fc-list >/dev/null 2>&1 \
    && have_font "Liberation Sans" && have_font "Carlito"; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install LibreOffice Impress, poppler-utils and the Liberation and Carlito fonts with" \
    "your system's package manager" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  libreoffice-impress poppler-utils fontconfig fonts-liberation fonts-crosextra-carlito >/dev/null
