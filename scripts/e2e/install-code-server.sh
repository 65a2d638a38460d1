#!/usr/bin/env bash
# Installs what the end-to-end tests need, outside the project's dependencies:
#   - Debian packages: chromium (the browser), ripgrep (seeds code-server's rg),
#     libkrb5-dev + pkg-config (to build code-server's native `kerberos` module);
#   - code-server (VS Code in the browser), pinned, into .e2e/code-server/.
# Idempotent: when everything is in place it returns in well under a second.
# See /work/shared/design/E2E.md for why each step is needed.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
DEBIAN_PACKAGES=(chromium libkrb5-dev pkg-config ripgrep)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E_DIR="$ROOT/.e2e"
PREFIX="$E2E_DIR/code-server"
CODE_SERVER="$PREFIX/node_modules/.bin/code-server"
STAMP="$PREFIX/.installed-$CODE_SERVER_VERSION"

# Keep code-server, npm's scratch files and Chromium out of the home directory.
export TMPDIR="$E2E_DIR/tmp"
export XDG_CONFIG_HOME="$E2E_DIR/xdg/config"
export XDG_DATA_HOME="$E2E_DIR/xdg/data"
export XDG_CACHE_HOME="$E2E_DIR/xdg/cache"
mkdir -p "$TMPDIR" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"

START=$SECONDS
log() { echo "[install-code-server +$((SECONDS - START))s] $*"; }

# --- 1. Debian packages ------------------------------------------------------
missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "Missing Debian packages: ${missing[*]}. Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${DEBIAN_PACKAGES[*]}" >&2
    exit 1
  fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Only refresh the package lists when there are none, or when install fails on stale ones.
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then apt-get update -qq; fi
  if ! apt-get install -y -qq "${missing[@]}" >/dev/null; then
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  log "Debian packages installed"
fi

# --- Fast path ---------------------------------------------------------------
if [[ -f "$STAMP" && -x "$CODE_SERVER" ]]; then
  log "code-server $CODE_SERVER_VERSION already installed: $CODE_SERVER"
  exit 0
fi

# --- 2. Seed @vscode/ripgrep's download cache with Debian's rg ----------------
# code-server's VS Code depends on @vscode/ripgrep, whose postinstall downloads rg
# from GitHub (unreachable here) unless the archive is already in
# $TMPDIR/vscode-ripgrep-cache-<package version>/.
log "resolving @vscode/ripgrep version from code-server@$CODE_SERVER_VERSION"
PACKS="$E2E_DIR/packs"
mkdir -p "$PACKS"
tarball="$PACKS/code-server-$CODE_SERVER_VERSION.tgz"
[[ -f "$tarball" ]] || npm pack --silent --pack-destination "$PACKS" "code-server@$CODE_SERVER_VERSION" >/dev/null
rg_pkg_version="$(tar -xzOf "$tarball" package/lib/vscode/npm-shrinkwrap.json |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).packages["node_modules/@vscode/ripgrep"].version))')"
rg_tarball="$PACKS/vscode-ripgrep-$rg_pkg_version.tgz"
[[ -f "$rg_tarball" ]] || npm pack --silent --pack-destination "$PACKS" "@vscode/ripgrep@$rg_pkg_version" >/dev/null
# The rg release tag the package downloads, e.g. `const VERSION = 'v13.0.0-10';`.
rg_release="$(tar -xzOf "$rg_tarball" package/lib/postinstall.js | sed -n "s/^const VERSION = '\(.*\)';.*/\1/p")"
case "$(uname -m)" in
  x86_64) rg_target=x86_64-unknown-linux-musl ;;
  aarch64) rg_target=aarch64-unknown-linux-musl ;;
  *) echo "Unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
rg_cache="$TMPDIR/vscode-ripgrep-cache-$rg_pkg_version"
mkdir -p "$rg_cache"
tar -czf "$rg_cache/ripgrep-$rg_release-$rg_target.tar.gz" -C "$(dirname "$(command -v rg)")" rg
log "seeded $rg_cache/ripgrep-$rg_release-$rg_target.tar.gz from $(command -v rg)"

# --- 3. code-server into a private project under .e2e/ --------------------------
# A private project, not `npm install -g --prefix`: with --global, npm exports
# npm_config_global=true to code-server's postinstall, whose nested `npm install` then
# re-installs lib/vscode over code-server itself ("ENOENT: Cannot cd into .../@xterm/xterm").
# - npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it.
# - npm_config_yes: node-pty's install runs `npx node-gyp`; this machine's npm config says no to npx prompts.
# - allowScripts: npm 11.19 reviews dependency install scripts. Approving the two top-level
#   ones silences the notice. The nested installs that code-server's postinstall runs in
#   lib/vscode and lib/vscode/extensions have no policy of their own: npm 11.19 runs their
#   unreviewed scripts (it skips only denied ones) - checked below by looking for the builds.
argon2_version="$(tar -xzOf "$tarball" package/npm-shrinkwrap.json |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).packages["node_modules/argon2"].version))')"
log "npm install code-server@$CODE_SERVER_VERSION into .e2e/code-server (about 40-150 s)"
rm -rf "$PREFIX"
mkdir -p "$PREFIX"
cat >"$PREFIX/package.json" <<JSON
{
  "name": "lectern-e2e-code-server",
  "private": true,
  "description": "code-server for Lectern's end-to-end tests; written by scripts/e2e/install-code-server.sh",
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server@$CODE_SERVER_VERSION": true, "argon2@$argon2_version": true }
}
JSON
(
  cd "$PREFIX"
  npm_config_unsafe_perm=true \
  npm_config_yes=true \
  npm_config_update_notifier=false \
  npm_config_fund=false \
  npm_config_audit=false \
    npm install --no-save
) >"$E2E_DIR/install-code-server.log" 2>&1 || {
  tail -n 40 "$E2E_DIR/install-code-server.log" >&2
  echo "code-server install failed; full log: $E2E_DIR/install-code-server.log" >&2
  exit 1
}

# Native modules built by the nested installs' scripts (skipped scripts leave them missing;
# a future npm that blocks unreviewed scripts would need npm_config_dangerously_allow_all_scripts=true above).
vscode_modules="$PREFIX/node_modules/code-server/lib/vscode/node_modules"
for built in node-pty/build/Release/pty.node @vscode/spdlog/build/Release/spdlog.node \
  kerberos/build/Release/kerberos.node native-watchdog/build/Release/watchdog.node @vscode/ripgrep/bin/rg; do
  if [[ ! -e "$vscode_modules/$built" ]]; then
    echo "code-server installed without $built: its install script did not run (see $E2E_DIR/install-code-server.log)" >&2
    exit 1
  fi
done

# The first line may be "info  Wrote default config file"; the version is the last.
version="$("$CODE_SERVER" --version | tail -n 1)"
if [[ "$version" != "$CODE_SERVER_VERSION "* ]]; then
  echo "Unexpected 'code-server --version': $version" >&2
  exit 1
fi
touch "$STAMP"
log "installed code-server $version at $CODE_SERVER"
