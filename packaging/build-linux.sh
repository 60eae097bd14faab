#!/usr/bin/env bash
# Builds the Linux bundle (dist/PathPlanner/) with PyInstaller and smoke-tests it with networking
# unavailable. Usage: packaging/build-linux.sh [--no-smoke]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/bootstrap.sh test
venv="$root/.venv"
# The packaging extra's pinned packages only: the project itself (and its compiled engine) is
# already installed by bootstrap.sh.
"$venv/bin/python" -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["packaging"]))' |
  xargs "$venv/bin/python" -m pip install --quiet --disable-pip-version-check

# Compile translations (.po -> .mo) into build/translations for the bundle.
rm -rf build/translations
if [ -f scripts/i18n.py ]; then
  "$venv/bin/python" scripts/i18n.py compile --output build/translations
fi

start=$(date +%s)
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/pathplanner.spec
echo "built dist/PathPlanner in $(( $(date +%s) - start )) s ($(du -sh dist/PathPlanner | cut -f1))"

if [ "${1:-}" != "--no-smoke" ]; then
  packaging/smoke-bundle.sh dist/PathPlanner/pathplanner | tee build/smoke-test.txt
  # The bundle carries the compiled requirement engine whenever this checkout has one (setup.py).
  engine="$("$venv/bin/python" -c 'from pathplanner.rules.compiled import running; print(running())')"
  if [ "$engine" = compiled ] && ! grep -qx "requirement engine: compiled" build/smoke-test.txt; then
    echo "the bundle runs the requirement engine from source, though the build compiled it" >&2
    exit 1
  fi
fi
