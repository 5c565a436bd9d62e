#!/usr/bin/env bash
# Fetch the vendored NL Design System packages again from npm (`npm pack`), pinned, unmodified, with their licence.
# The files land under src/stelselbeheer/kern/static/vendor/<scope>-<package>-<version>/; `make demo` needs no build step
# because they are committed. Bump a version here, run this script, and commit the new folder (remove the old one).
#
#   @utrecht/component-library-css  the Utrecht community components (EUPL-1.2): the component classes
#                                   (index.css) and the same components on plain HTML elements (html.css)
#   @nl-design-system-unstable/voorbeeld-design-tokens
#                                   the NL Design System example theme (EUPL-1.2): the design tokens the
#                                   components read. Utrecht's own tokens (@utrecht/design-tokens) are
#                                   proprietary to Gemeente Utrecht and therefore not used.
set -euo pipefail
cd "$(dirname "$0")/.."
DOEL=src/stelselbeheer/kern/static/vendor

PAKKETTEN=(
  "@utrecht/component-library-css@9.0.4 dist/index.css dist/html.css"
  "@nl-design-system-unstable/voorbeeld-design-tokens@7.4.1 dist/theme.css"
)

werk=$(mktemp -d)
trap 'rm -rf "$werk"' EXIT
for regel in "${PAKKETTEN[@]}"; do
  read -r pakket bestanden <<<"$regel"
  naam=${pakket%@*}; versie=${pakket##*@}
  (cd "$werk" && npm pack --silent "$pakket" >/dev/null)
  tgz=$(ls "$werk"/*.tgz)
  map="$DOEL/$(basename "$tgz" .tgz)"
  echo "== $naam $versie -> $map"
  mkdir -p "$werk/uit" && tar xzf "$tgz" -C "$werk/uit"
  rm -rf "$map" && mkdir -p "$map"
  for b in $bestanden LICENSE.md package.json; do
    install -m 0644 "$werk/uit/package/$b" "$map/$(basename "$b")"
  done
  sha256sum "$tgz" | sed "s|$werk/||" > "$map/PAKKET.sha256"
  rm -rf "$werk/uit" "$tgz"
done
echo "Klaar. Controleer met 'git status' en commit de map(pen) onder $DOEL."
