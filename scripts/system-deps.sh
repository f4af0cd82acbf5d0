#!/usr/bin/env bash
# Install the Debian packages Reviewflow needs, only those missing: `venv`, `run` or `test`.
#   venv  python3-venv (Debian's python3 cannot make a venv with pip without it)
#   run   redis-server (make run starts it when no Redis answers)
#   test  redis-server, PostgreSQL (initdb/pg_ctl for a throwaway cluster), Chromium (browser tests),
#         LibreOffice Writer without GUI and fonts (DOCX -> PDF), poppler-utils (pdftotext)
set -euo pipefail
case "${1:-run}" in
  venv) want=(python3-venv) ;;
  run) want=(redis-server) ;;
  test) want=(redis-server postgresql chromium libreoffice-writer-nogui fonts-dejavu-core
              fonts-liberation poppler-utils) ;;
  *) echo "usage: $0 venv|run|test" >&2; exit 2 ;;
esac
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
