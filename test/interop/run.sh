#!/usr/bin/env bash
# npm run test:interop: the suite against peers nobody here wrote (the .NET 10 runtime and Kestrel,
# Chromium, Python websockets). Installs what it needs, quietly and only when missing, builds dist/ and
# the .NET oracle (test/dotnet, only when its sources changed), then runs vitest with
# test/interop/vitest.config.ts and the Autobahn interop slice. Called by .ci/run (as root on Debian 12) after npm test.
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

# System packages (Debian): Chromium, Python's websockets.
missing=()
for pkg in chromium python3-websockets; do
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

# The .NET 10 SDK with ASP.NET Core's shared framework is the oracle of test/interop/dotnet.test.ts. It is
# not installed from here: without it that file is left out, and this says so.
skip=()
if why="$(node test/dotnet/build.mjs check)"; then
  step node test/dotnet/build.mjs
else
  echo "interop: SKIPPED the .NET 10 differential suite (test/interop/dotnet.test.ts): $why" >&2
  skip=(--exclude test/interop/dotnet.test.ts)
fi

# Chromium over HTTP/2 needs a TLS certificate, made at test time by openssl (test/helpers/servers.ts).
if ! command -v openssl >/dev/null; then
  echo "interop: SKIPPED Chromium over HTTP/2 (test/interop/chromium-http2.test.ts): openssl is not on PATH" >&2
  skip+=(--exclude test/interop/chromium-http2.test.ts)
fi

status=0
npx vitest run --config test/interop/vitest.config.ts "${skip[@]}" "$@" || status=$?

# Autobahn|Testsuite, the interop slice (cases 1-10 and the small messages of 12.* and 13.*, both roles,
# then the client role without compression over cases 1-10; test/autobahn/run.mjs). AUTOBAHN_SLICE=0
# leaves it out. wstest comes from $AUTOBAHN_WSTEST or ../shared/autobahn/wstest; without it (or a
# Python 2.7) the runner says what it skipped and why.
if [[ "${AUTOBAHN_SLICE:-1}" == 1 ]]; then
  node test/autobahn/run.mjs --slice interop --no-build || status=1
else
  echo "interop: Autobahn slice not run (AUTOBAHN_SLICE=0; npm run test:autobahn runs cases 1-13)"
fi
exit "$status"
