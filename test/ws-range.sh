#!/usr/bin/env bash
# npm run test:ws-range: the unit and integration suite (the vitest part of `npm test`) against the lowest
# and the newest `ws` that package.json's declared range admits, as the registry lists them. Each version
# is installed into node_modules for the run only (`npm install --no-save`); on exit, whatever happened,
# package.json and package-lock.json are put back byte for byte and the locked `ws` is reinstalled.
#
# Usage: bash test/ws-range.sh [VERSION ...]     (no versions: lowest and newest of the declared range)
#        Extra vitest arguments after `--`:      bash test/ws-range.sh 8.17.0 -- test/System.Net.WebSockets
# Exit code: 0 when the suite passed on every version, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

versions=()
while (($# > 0)) && [[ "$1" != "--" ]]; do versions+=("$1"); shift; done
[[ "${1:-}" == "--" ]] && shift
vitest_args=("$@")

range="$(node -p "require('./package.json').dependencies.ws")"
locked="$(node -p "require('./package-lock.json').packages['node_modules/ws'].version")"
installed_ws() { node -p "require('ws/package.json').version"; }

if ((${#versions[@]} == 0)); then
  # Every published version in the range (npm leaves prereleases out), lowest and newest by semver order.
  if ! listing="$(npm view "ws@$range" version --json 2>/tmp/ws-range-view.$$)"; then
    echo "ws-range: cannot list the ws versions in $range from the registry:" >&2
    cat /tmp/ws-range-view.$$ >&2
    rm -f /tmp/ws-range-view.$$
    exit 1
  fi
  rm -f /tmp/ws-range-view.$$
  mapfile -t versions < <(node -e '
    const list = [].concat(JSON.parse(process.argv[1])).filter((v) => /^\d+\.\d+\.\d+$/.test(v));
    const key = (v) => v.split(".").map(Number);
    list.sort((a, b) => { const x = key(a), y = key(b); return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
    if (list.length > 0) console.log([...new Set([list[0], list.at(-1)])].join("\n"));' "$listing")
  if ((${#versions[@]} == 0)); then
    echo "ws-range: the registry listed no ws version in $range: $listing" >&2
    exit 1
  fi
  echo "ws-range: package.json declares ws $range; testing ${versions[*]} (locked: $locked)"
else
  echo "ws-range: testing ws ${versions[*]} (package.json declares $range; locked: $locked)"
fi

saved="$(mktemp -d)"
cp package.json package-lock.json "$saved/"
restore() {
  local status=$?
  cp "$saved/package.json" "$saved/package-lock.json" .
  if [[ "$(installed_ws 2>/dev/null || true)" != "$locked" ]]; then
    echo "ws-range: restoring the locked ws $locked"
    if ! npm install --no-save --no-audit --no-fund "ws@$locked" >"$saved/restore.log" 2>&1 ||
      [[ "$(installed_ws)" != "$locked" ]]; then
      echo "ws-range: restoring ws $locked failed, running npm ci" >&2
      cat "$saved/restore.log" >&2
      npm ci --no-audit --no-fund >&2 || status=1
    fi
    cp "$saved/package.json" "$saved/package-lock.json" .
  fi
  rm -rf "$saved"
  exit "$status"
}
trap restore EXIT
trap 'exit 130' INT TERM

npm run build --silent

results=()
failed=0
for version in "${versions[@]}"; do
  echo "ws-range: installing ws@$version"
  if ! npm install --no-save --no-audit --no-fund "ws@$version" >"$saved/install.log" 2>&1; then
    cat "$saved/install.log" >&2
    results+=("ws $version: install failed")
    failed=1
    continue
  fi
  actual="$(installed_ws)"
  if [[ "$actual" != "$version" ]]; then
    results+=("ws $version: node_modules has $actual instead")
    failed=1
    continue
  fi
  echo "ws-range: vitest with ws $version"
  if npx vitest run "${vitest_args[@]}"; then
    results+=("ws $version: PASS")
  else
    results+=("ws $version: FAIL")
    failed=1
  fi
done

echo "ws-range: summary (declared range $range)"
printf '  %s\n' "${results[@]}"
exit "$failed"
