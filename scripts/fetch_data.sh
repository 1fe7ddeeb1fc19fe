#!/usr/bin/env bash
# Puts TinyShakespeare where the site serves it (web/public/data/, git-ignored), copied from
# --from PATH or downloaded from its canonical public URL, and checks its sha256.
# Without network and without PATH it says so and exits 0: the rest of NormLab still works,
# and the site tells the learner the data is missing and how to get it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

URL="https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt"
SHA256="86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed"
DEST="$REPO_ROOT/web/public/data/tinyshakespeare.txt"

from=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --from) from="${2:?--from needs a path}"; shift 2 ;;
    --from=*) from="${1#--from=}"; shift ;;
    -h|--help) echo "usage: scripts/fetch_data.sh [--from PATH]"; exit 0 ;;
    *) die "unknown argument: $1 (usage: scripts/fetch_data.sh [--from PATH])" ;;
  esac
done

sha_ok() { [[ -f "$1" ]] && [[ "$(sha256sum "$1" | cut -d' ' -f1)" == "$SHA256" ]]; }

step "TinyShakespeare -> ${DEST#$REPO_ROOT/}"
if sha_ok "$DEST"; then info "already present, sha256 verified"; exit 0; fi
mkdir -p "$(dirname "$DEST")"
tmp="$(mktemp "${DEST}.XXXXXX")"
trap 'rm -f "$tmp"' EXIT

if [[ -n "$from" ]]; then
  [[ -f "$from" ]] || die "--from $from: no such file"
  info "copying from $from"
  cp "$from" "$tmp"
  sha_ok "$tmp" || die "$from does not have the expected sha256 $SHA256"
else
  info "downloading $URL"
  if ! curl -fsSL --retry 2 --connect-timeout 10 -o "$tmp" "$URL" 2>/dev/null; then
    echo "warning: could not download TinyShakespeare (no network?). Run scripts/fetch_data.sh --from /path/to/tinyshakespeare.txt" >&2
    echo "         when you have a copy; until then the language-model experiments say the data is missing." >&2
    exit 0
  fi
  sha_ok "$tmp" || die "the download does not have the expected sha256 $SHA256"
fi
mv "$tmp" "$DEST"
trap - EXIT
info "ok ($(stat -c %s "$DEST") bytes, sha256 verified)"
