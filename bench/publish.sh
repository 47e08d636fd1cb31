#!/usr/bin/env bash
# Upload speed of `loa publish` over SFTP (a local OpenSSH sshd) and FTP (pyftpdlib), and to a
# folder: the example ward plus one 32 MB file of random bytes (in its theme's static/ folder).
#
#   bench/publish.sh            # needs target/release/loa (cargo test --release --no-run),
#                               # ssh-keygen + sshd (apt-get install openssh-server), and
#                               # python3 -m pyftpdlib (pip install pyftpdlib)
#
# Each transfer time is (a publish to an empty destination) - (a publish with nothing to send):
# both build the site (from the product cache) and read the destination's manifest, so the
# difference is the time spent sending. Everything goes under bench/work/publish/ (git-ignored).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
LOA="$ROOT/target/release/loa"
W="$ROOT/bench/work/publish"
rm -rf "$W"
mkdir -p "$W/site" "$W/keys"
export LOA_MAT_KHAU=bench-password
tar -C "$ROOT" --exclude=./target --exclude=./output --exclude=./.git --exclude=./.loa \
  --exclude=./bench --exclude=./tests --exclude=./src --exclude=./examples -cf - . | tar -C "$W/site" -xf -
head -c 33554432 /dev/urandom > "$W/site/themes/default/static/ngau-nhien-32mb.bin"
"$LOA" build --root "$W/site" --date 2026-11-22 >/dev/null 2>&1
MB=$(du -sm --apparent-size "$W/site/output" | cut -f1)

seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
measure() { # name destination [extra args...]
  local name="$1" dest="$2"; shift 2
  local full noop
  full=$(seconds "$LOA" publish --root "$W/site" --date 2026-11-22 --dich "$dest" "$@")
  noop=$(seconds "$LOA" publish --root "$W/site" --date 2026-11-22 --dich "$dest" "$@")
  printf '%-7s %5s MB  full %6.2f s  nothing to send %5.2f s  => %6.1f MB/s\n' \
    "$name" "$MB" "$full" "$noop" "$(echo "$MB / ($full - $noop)" | bc -l)"
}

mkdir -p "$W/folder"
measure folder "$W/folder"

# SFTP: sshd unprivileged where possible (as root it needs /run/sshd).
if [[ $EUID -eq 0 ]]; then mkdir -p /run/sshd; fi
ssh-keygen -q -t ed25519 -N '' -f "$W/keys/host"
ssh-keygen -q -t ed25519 -N '' -f "$W/keys/client"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$W/keys/sshd_config" <<CONF
Port $PORT
ListenAddress 127.0.0.1
HostKey $W/keys/host
PidFile $W/keys/sshd.pid
AuthorizedKeysFile $W/keys/client.pub
PasswordAuthentication no
StrictModes no
UsePAM no
Subsystem sftp internal-sftp
CONF
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
"$SSHD" -D -f "$W/keys/sshd_config" & SSHD_PID=$!
FTP_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$W/ftp"
python3 -m pyftpdlib -i 127.0.0.1 -p "$FTP_PORT" -w -u ubnd -P "$LOA_MAT_KHAU" -d "$W/ftp" >/dev/null 2>&1 & FTP_PID=$!
trap 'kill $SSHD_PID $FTP_PID 2>/dev/null || true' EXIT
sleep 1
mkdir -p "$W/sftp"
measure sftp "sftp://$(id -un)@127.0.0.1:$PORT$W/sftp" --khoa "$W/keys/client"
measure ftp "ftp://ubnd@127.0.0.1:$FTP_PORT/"
