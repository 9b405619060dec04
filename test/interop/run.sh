#!/usr/bin/env bash
# npm run test:interop: the suite against peers nobody here wrote (Mono's .NET, Chromium, Python
# websockets). Installs what it needs, quietly and only when missing, builds dist/, then runs vitest with
# test/interop/vitest.config.ts and, with AUTOBAHN_SLICE=1, the Autobahn interop slice. Called by .ci/run
# (as root on Debian 12) after npm test.
set -euo pipefail
cd "$(dirname "$0")/../.."

deps=test/interop/.deps
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
step() {
  # Runs a command with its output kept aside, shown only if it fails.
  if ! "$@" >"$log" 2>&1; then
    echo "interop: failed: $*" >&2
    cat "$log" >&2
    exit 1
  fi
}

# System packages (Debian): Mono (mcs, mono), Chromium, Python's websockets.
missing=()
for pkg in mono-devel chromium python3-websockets; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]} > 0)); then
  echo "interop: installing ${missing[*]}"
  sudo=()
  [[ "$(id -u)" -eq 0 ]] || sudo=(sudo)
  step "${sudo[@]}" apt-get update -qq
  step env DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# playwright-core drives Debian's Chromium; kept out of package.json, in a prefix of its own.
playwright=1.65.1
if [[ "$(node -p "try{require('./$deps/node_modules/playwright-core/package.json').version}catch{''}")" != "$playwright" ]]; then
  echo "interop: installing playwright-core@$playwright into $deps"
  mkdir -p "$deps"
  step npm install --prefix "$deps" --no-save --no-package-lock --no-audit --no-fund "playwright-core@$playwright"
fi

step npm run build
status=0
npx vitest run --config test/interop/vitest.config.ts "$@" || status=$?

# Autobahn|Testsuite, the interop slice (cases 1-10 and the small messages of 12.* and 13.*, both roles;
# test/autobahn/run.mjs). Off unless AUTOBAHN_SLICE=1 until the frame engine of issue 14 lands: today's
# code fails the criteria in 13.*. wstest comes from $AUTOBAHN_WSTEST or ../shared/autobahn/wstest;
# without it (or a Python 2.7) the runner says what it skipped and why.
if [[ "${AUTOBAHN_SLICE:-0}" == 1 ]]; then
  node test/autobahn/run.mjs --slice interop --no-build || status=1
else
  echo "interop: Autobahn slice not run (set AUTOBAHN_SLICE=1 to run it; npm run test:autobahn runs cases 1-13)"
fi
exit "$status"
