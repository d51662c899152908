#!/usr/bin/env bash
# Installs Suricata 7 from Debian's bookworm-backports suite for the detection tests, when it is missing and this
# runs as root. The suite is enabled from the machine's own Debian source entry (deb822 .sources, or a one-line
# sources.list): same URIs and keyring, Suites: bookworm-backports. No mirror host is written here.
# Sourced by test.sh; can also be run on its own.

cydef_suricata_install() {
  if command -v suricata >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "suricata.sh: Suricata is missing and this is not root; the Suricata tests will be skipped (or fail under CI)" >&2
    return 1
  fi
  local target=/etc/apt/sources.list.d/cydef-bookworm-backports.sources
  if [ ! -e "$target" ]; then
    local uris="" signed=""
    if [ -r /etc/apt/sources.list.d/debian.sources ]; then
      # The stanza whose Suites name bookworm itself (not bookworm-security): its URIs and Signed-By.
      read -r uris signed < <(awk '
        BEGIN { RS = ""; FS = "\n" }
        {
          u = ""; s = ""; k = ""; ok = 0
          for (i = 1; i <= NF; i++) {
            if ($i ~ /^URIs:/) { u = $i; sub(/^URIs:[ \t]*/, "", u) }
            if ($i ~ /^Signed-By:/) { k = $i; sub(/^Signed-By:[ \t]*/, "", k) }
            if ($i ~ /^Suites:/) { s = " " $i " "; if (s ~ /[ \t]bookworm[ \t]/) ok = 1 }
          }
          if (ok && u != "") { print u, k; exit }
        }' /etc/apt/sources.list.d/debian.sources)
    fi
    if [ -z "$uris" ] && [ -r /etc/apt/sources.list ]; then
      uris=$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list)
    fi
    if [ -z "$uris" ]; then
      echo "suricata.sh: no Debian bookworm source entry to derive bookworm-backports from" >&2
      return 1
    fi
    {
      echo "Types: deb"
      echo "URIs: $uris"
      echo "Suites: bookworm-backports"
      echo "Components: main"
      [ -n "$signed" ] && echo "Signed-By: $signed"
    } > "$target"
  fi
  apt-get update -qq >/dev/null 2>&1 || apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t bookworm-backports suricata >/dev/null 2>&1 \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y -t bookworm-backports suricata
  command -v suricata >/dev/null 2>&1
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  cydef_suricata_install
fi
