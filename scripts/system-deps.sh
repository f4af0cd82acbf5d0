#!/usr/bin/env bash
# Install the Debian packages Reviewflow needs, only those missing: `run` or `test`.
set -euo pipefail
want=(redis-server)
if [ "${1:-run}" = "test" ]; then
  want+=(postgresql chromium libreoffice-writer-nogui fonts-dejavu-core poppler-utils)
fi
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
