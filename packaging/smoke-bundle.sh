#!/usr/bin/env bash
# Runs a frozen PathPlanner's --smoke-test with networking unavailable: in a new network
# namespace (unshare -n) when the system allows it, which has no interfaces but a down loopback,
# so any connection attempt fails. Usage: packaging/smoke-bundle.sh PATH/TO/pathplanner
set -euo pipefail
exe="${1:?usage: smoke-bundle.sh PATH/TO/pathplanner}"
export QT_QPA_PLATFORM=offscreen
if unshare -n true 2>/dev/null; then
  echo "smoke test of $exe with no network (unshare -n):"
  unshare -n "$exe" --smoke-test
elif unshare -rn true 2>/dev/null; then
  echo "smoke test of $exe with no network (unshare -rn):"
  unshare -rn "$exe" --smoke-test
else
  echo "unshare is not permitted here; running the smoke test with the network present" >&2
  "$exe" --smoke-test
fi
