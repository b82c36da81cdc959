#!/usr/bin/env bash
# Installs, from Debian's packages, what the full test suite needs and a fresh machine lacks:
# Chromium and a CJK font (browser tests), PostgreSQL server and client (the PostgreSQL suite, backup).
# Only acts as root with apt available; otherwise says what is missing and leaves it to the caller.
set -uo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi -E 'wqy|noto sans cjk|noto serif cjk' || need+=(fonts-wqy-microhei)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v pg_dump >/dev/null 2>&1 || need+=(postgresql-client)

[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: missing ${need[*]}; install them with your package manager (as root: apt-get install -y ${need[*]})" >&2
  exit 0
fi
echo "install-system-deps: installing ${need[*]} from Debian's packages"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${need[@]}" >/tmp/dangjian-apt.log 2>&1 || {
  echo "install-system-deps: apt-get install failed; see /tmp/dangjian-apt.log" >&2
  tail -n 20 /tmp/dangjian-apt.log >&2
  exit 1
}
# The Debian postgresql package starts a cluster of its own on 5432; the tests use throwaway clusters.
if command -v pg_lsclusters >/dev/null 2>&1; then
  pg_lsclusters -h 2>/dev/null | while read -r ver name _; do pg_ctlcluster "$ver" "$name" stop >/dev/null 2>&1 || true; done
fi
exit 0
