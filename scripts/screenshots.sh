#!/bin/sh
# Screenshots of every main screen with the fictional sample students (docs/screens.md).
# Usage: scripts/screenshots.sh [OUTPUT_DIR] [LANG]   (defaults: screenshots/, English)
# Each screen is a separate run of `pathplanner --demo --screenshot PATH --screen NAME`, so every
# picture starts from a fresh temporary demo database. Works without a display (offscreen Qt).
set -eu
out="${1:-screenshots}"
lang="${2:-}"
python="${PYTHON:-python3}"
[ -x /work/venv/bin/python ] && [ -z "${PYTHON:-}" ] && python=/work/venv/bin/python
mkdir -p "$out"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
for screen in caseload plan checks pathways compare meeting review first-run; do
    name="$screen"
    [ -n "$lang" ] && name="$screen-$lang"
    if [ -n "$lang" ]; then
        "$python" -m pathplanner --demo --lang "$lang" --screenshot "$out/$name.png" --screen "$screen"
    else
        "$python" -m pathplanner --demo --screenshot "$out/$name.png" --screen "$screen"
    fi
done
