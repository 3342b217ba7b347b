# Shared by bench/run.sh and bench/reference.sh (sourced from the package's root): installs GNU
# time when it is missing, builds `aviso` in release mode and sets BIN to it. $1 names the
# script in its messages on stderr.
bench_prepare() {
  local name=$1
  if [ ! -x /usr/bin/time ]; then
    echo "$name: installing GNU time" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq time >&2
  fi
  echo "$name: swift build -c release" >&2
  swift build -c release >&2
  BIN="$(swift build -c release --show-bin-path)/aviso"
}
