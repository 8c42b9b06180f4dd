#!/usr/bin/env bash
# Installs whatever is missing for building (and, with --browser, testing) Waymark
# on a Debian machine, and is quick when everything is there. Sourced by ./run and
# ./test. Nothing is downloaded from anywhere but the package registries.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
TRUNK_VERSION="0.21.14"
want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
apt_updated=0
apt_install() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ $apt_updated -eq 0 ]; then $sudo apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Rust target for the browser.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown Rust target"
  rustup target add wasm32-unknown-unknown
fi
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt

# Trunk, pinned (0.22 needs a newer rustc).
if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  say "Installing Trunk $TRUNK_VERSION (a few minutes, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock.
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' "$ROOT/Cargo.lock")"
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB_VERSION\$"; then
  say "Installing wasm-bindgen-cli $WB_VERSION (a few minutes, once)"
  # Not --locked: the registry mirror lacks one of its locked dependencies.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi
if ! grep -q "wasm_bindgen = \"$WB_VERSION\"" "$ROOT/Trunk.toml"; then
  echo "Trunk.toml pins a wasm-bindgen other than Cargo.lock's $WB_VERSION: update [tools] in Trunk.toml." >&2
  exit 1
fi

# Node.js for the npm packages (ECharts, wasm-opt, Playwright).
if ! command -v npm >/dev/null 2>&1; then
  say "Installing Node.js and npm"
  apt_install nodejs npm
fi
# puppeteer-core and selenium-webdriver (the smoke suite in Firefox and WebKitGTK)
# have no install scripts: npm ci downloads no browser and no driver.
if [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ] || [ ! -f "$ROOT/node_modules/echarts/dist/echarts.min.js" ] \
   || [ ! -f "$ROOT/node_modules/puppeteer-core/package.json" ] || [ ! -f "$ROOT/node_modules/selenium-webdriver/package.json" ] \
   || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
  say "Installing npm packages from package-lock.json"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
fi

# Debian's Chromium for the browser tests (never a browser download of Playwright's own).
if [ $want_browser -eq 1 ] && { ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; }; then
  say "Installing Debian's Chromium and ChromeDriver"
  apt_install chromium chromium-driver fonts-dejavu-core poppler-utils
fi

# Debian's Firefox ESR, and WebKitGTK's WebKitWebDriver (webkit2gtk-driver) with the
# GTK MiniBrowser (shipped by libwebkit2gtk-4.1-0, a dependency), under Xvfb: the
# smoke suite in the other engines (tests/engines/run.mjs).
if [ $want_browser -eq 1 ] && { ! command -v firefox-esr >/dev/null 2>&1 || ! command -v WebKitWebDriver >/dev/null 2>&1 \
   || ! ls /usr/lib/*/webkit2gtk-4.1/MiniBrowser >/dev/null 2>&1 || ! command -v Xvfb >/dev/null 2>&1; }; then
  say "Installing Debian's Firefox ESR, WebKitGTK's WebDriver and MiniBrowser, and Xvfb"
  apt_install firefox-esr webkit2gtk-driver libwebkit2gtk-4.1-0 xvfb
fi
