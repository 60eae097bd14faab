#!/usr/bin/env bash
# Builds PathPlanner.app with PyInstaller, smoke-tests it, and wraps it in a .dmg.
# Run on macOS from the repository root with Python 3.11 installed. Signing and notarization need
# a district's Apple Developer ID: set CODESIGN_IDENTITY to sign (optional).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
[ -x .venv/bin/python ] || python3.11 -m venv .venv
.venv/bin/python -m pip install --quiet -e ".[test,packaging]"
[ -f scripts/i18n.py ] && .venv/bin/python scripts/i18n.py compile --output build/translations
.venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/pathplanner.spec
QT_QPA_PLATFORM=offscreen dist/PathPlanner.app/Contents/MacOS/pathplanner --smoke-test
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --deep --force --options runtime --sign "$CODESIGN_IDENTITY" dist/PathPlanner.app
fi
version="$(.venv/bin/python -c 'import pathplanner; print(pathplanner.__version__)')"
rm -f "dist/PathPlanner-$version.dmg"
hdiutil create -volname PathPlanner -srcfolder dist/PathPlanner.app -ov -format UDZO "dist/PathPlanner-$version.dmg"
echo "built dist/PathPlanner-$version.dmg"
