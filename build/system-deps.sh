#!/usr/bin/env bash
# Debian packages Vigie needs beyond Python: Qt's runtime libraries, and for the tests the PDF
# checkers (poppler, qpdf), NSS tools, SoftHSM2/OpenSC (PKCS#11), hunspell (French spelling),
# Xvfb and ImageMagick (screenshots), a C compiler (the empty ICU data of the Linux executable),
# NSIS and 7-Zip (the Windows installer's script compiled and its content listed). As root,
# missing ones are installed; otherwise the exact apt-get line is printed and the script fails.
set -euo pipefail
want=${1:-run}
run_pkgs=(libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 fonts-dejavu-core)
test_pkgs=(poppler-utils qpdf libnss3-tools softhsm2 opensc hunspell hunspell-fr xvfb xauth imagemagick gcc libc6-dev nsis
  p7zip-full)
pkgs=("${run_pkgs[@]}")
[ "$want" = test ] && pkgs+=("${test_pkgs[@]}")

command -v dpkg-query >/dev/null || { echo "system-deps: not a Debian system; install the equivalents of: ${pkgs[*]}"; exit 0; }
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "system-deps: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "system-deps: missing Debian packages. Run:"
  echo "  sudo apt-get install -y ${missing[*]}"
  exit 1
fi
