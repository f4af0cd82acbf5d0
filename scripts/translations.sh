#!/usr/bin/env bash
# Translation catalogues: extract the English source strings, update the lt and en catalogues, compile.
#
#   scripts/translations.sh            extract + update + compile (what `make translations` runs)
#   scripts/translations.sh extract F  only extract into the file F (the i18n test uses this)
#   scripts/translations.sh compile    only compile the .po files into the shipped .mo files
#
# After an update, translate every new or empty msgstr in reviewflow/translations/lt/LC_MESSAGES/messages.po
# (English msgstr may stay empty: English is the source language), then run it again to compile.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PYBABEL="${PYBABEL:-}"
if [ -z "$PYBABEL" ]; then
  if [ -x .venv/bin/pybabel ]; then PYBABEL=.venv/bin/pybabel; else PYBABEL=pybabel; fi
fi
DIR=reviewflow/translations
POT="$DIR/messages.pot"
LOCALES=(lt en)
# lazy_gettext is imported as _l; none of these are in pybabel's default keyword list.
KEYWORDS=(-k _l -k lazy_gettext -k lazy_ngettext:1,2 -k _ln:1,2)

extract() {
  "$PYBABEL" extract -F babel.cfg "${KEYWORDS[@]}" --sort-by-file --add-location=file \
    --project=Reviewflow --copyright-holder="Lietuvos savivaldybių asociacija" \
    -o "$1" reviewflow
}

update() {
  for locale in "${LOCALES[@]}"; do
    if [ -f "$DIR/$locale/LC_MESSAGES/messages.po" ]; then
      # No fuzzy matching: a guessed translation of a changed string is worse than none.
      "$PYBABEL" update -i "$POT" -d "$DIR" -l "$locale" --no-fuzzy-matching --ignore-obsolete
    else
      "$PYBABEL" init -i "$POT" -d "$DIR" -l "$locale"
    fi
  done
}

compile() {
  "$PYBABEL" compile --statistics -d "$DIR"
}

case "${1:-all}" in
  extract) extract "${2:-$POT}" ;;
  update) update ;;
  compile) compile ;;
  all) extract "$POT"; update; compile ;;
  *) echo "usage: $0 [all|extract FILE|update|compile]" >&2; exit 2 ;;
esac
