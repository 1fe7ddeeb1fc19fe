# Shared helpers of the NormLab scripts (sourced, not run).
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NODE_PATH=/usr/share/nodejs # Debian's Emscripten tools need it
# Each step's header says when it began, counted from the first script of this command (so CI's log
# shows where its minutes go); nested scripts inherit the start through the environment.
export NORMLAB_T0="${NORMLAB_T0:-$(date +%s)}"
elapsed() { local s=$(($(date +%s) - NORMLAB_T0)); printf '%d:%02d' $((s / 60)) $((s % 60)); }
step() { printf '\n==> %s  [at %s]\n' "$*" "$(elapsed)"; }
info() { printf '    %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $*"; fi; }
