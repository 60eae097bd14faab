#!/bin/sh
# Screenshots of every main screen with the fictional sample students (docs/screens.md).
# Usage: scripts/screenshots.sh [OUTPUT_DIR] [LANG]   (defaults: screenshots/, English)
# Each screen is a separate run of `pathplanner --demo --screenshot PATH --screen NAME`, so every
# picture starts from a fresh temporary demo database. Works without a display (offscreen Qt).
set -eu
out="${1:-screenshots}"
lang="${2:-}"
python="${PYTHON:-python3}"
here="$(cd "$(dirname "$0")/.." && pwd)"
[ -x "$here/.venv/bin/python" ] && [ -z "${PYTHON:-}" ] && python="$here/.venv/bin/python"
mkdir -p "$out"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
langopt=""
[ -n "$lang" ] && langopt="--lang $lang"
suffix=""
[ -n "$lang" ] && suffix="-$lang"
# The first-run screen is what a new install shows: an empty database in a fresh data folder.
fresh="$(mktemp -d)"
# shellcheck disable=SC2086
PATHPLANNER_DATA_DIR="$fresh" XDG_CONFIG_HOME="$fresh/config" \
    "$python" -m pathplanner $langopt --screenshot "$out/first-run$suffix.png" --screen first-run
rm -rf "$fresh"
for screen in caseload plan checks pathways progress compare meeting review locked audit-log; do
    name="$screen"
    [ -n "$lang" ] && name="$screen-$lang"
    if [ -n "$lang" ]; then
        "$python" -m pathplanner --demo --lang "$lang" --screenshot "$out/$name.png" --screen "$screen"
    else
        "$python" -m pathplanner --demo --screenshot "$out/$name.png" --screen "$screen"
    fi
done
