#!/usr/bin/env bash
# Sets up what PathPlanner needs to run or test from a source checkout, and nothing else:
#  - on Debian/Ubuntu as root, the system libraries Qt needs offscreen and under X, the Noto fonts
#    the family documents embed, and poppler-utils (PDF checks in the tests), when missing;
#  - a virtual environment in .venv with the pinned packages and the requirement engine compiled
#    with mypyc (setup.py), re-done only when pyproject.toml, setup.py or the engine's source
#    changes. Without a C compiler the engine runs from source (same results, a little slower).
# Usage: scripts/bootstrap.sh [app|test]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-app}"

debian_packages=(
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
  libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0
  fonts-noto-core fonts-noto-cjk
)
if [ "$mode" = test ]; then
  debian_packages+=(poppler-utils xvfb xauth strace)
fi

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for pkg in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
      echo "Installing system packages: ${missing[*]}"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -q >/dev/null
      apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    else
      echo "Missing system packages: ${missing[*]}" >&2
      echo "Install them with: sudo apt-get install ${missing[*]}" >&2
      exit 1
    fi
  fi
fi

python="${PYTHON:-}"
if [ -z "$python" ]; then
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] < (3, 14) else 1)'; then
      python="$candidate"
      break
    fi
  done
fi
if [ -z "$python" ]; then
  echo "PathPlanner needs Python 3.11, 3.12 or 3.13 (with venv); none was found." >&2
  exit 1
fi

venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
  echo "Creating the virtual environment in .venv"
  "$python" -m venv "$venv"
fi
stamp="$venv/.pathplanner-$mode"
want="$(cd "$here" && cat pyproject.toml setup.py pathplanner/rules/*.py | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing Python packages (pinned in pyproject.toml) and compiling the requirement engine"
  extra=""
  [ "$mode" = test ] && extra="[test]"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$here$extra"
  echo "$want" >"$stamp"
  "$venv/bin/python" -c 'from pathplanner.rules.compiled import running; print("Requirement engine:", running())'
fi
