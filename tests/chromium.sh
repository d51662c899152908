#!/usr/bin/env bash
# Debian's Chromium for the web UI's browser tests (tests/CyDef.Web.Tests drive it with Playwright at /usr/bin/chromium;
# Playwright never downloads a browser). Source it, then:
#   cydef_chromium_install   installs the package when missing (as root: apt-get); without it the browser tests are
#                            skipped, or fail when CI=true
cydef_chromium_install() {
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  [ -x /usr/bin/chromium ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "chromium.sh: Chromium is not installed and this is not root; the browser tests will be skipped" >&2
    return 1
  fi
  echo "chromium.sh: installing Chromium (apt-get)" >&2
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } >&2 || return 1
  [ -x /usr/bin/chromium ]
}
