#!/usr/bin/env bash
# bench/imx7d-vs-qemu.sh: wall-clock time from start to the busybox shell prompt, for the same
# Debian armmp kernel, imx7d-sdb.dtb and initramfs on socemu (imx7d-sdb) and on QEMU
# (qemu-system-arm -M mcimx7d-sabre, Debian's package qemu-system-arm), both with two A7s.
#
#   bench/imx7d-vs-qemu.sh [RUNS]     (default 1 run of each; the machine should be idle)
#
# Each figure includes the emulator's own start-up (the JVM for socemu). socemu's run is
# deterministic: its virtual time and instruction count are the same on every run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-1}
prompt='socemu:/# '

command -v qemu-system-arm >/dev/null || { echo "bench: qemu-system-arm is missing (apt-get install qemu-system-arm)" >&2; exit 2; }
mapfile -t img < <(images/get debian-armmp-zimage imx7d-sdb-dtb initramfs-armhf)
kernel=${img[0]} dtb=${img[1]} initrd=${img[2]}
append="console=ttymxc0,115200"
./socemu --version >/dev/null   # build the jar outside the measurement

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# Runs "$@" until its output shows the prompt, then kills it; prints the seconds it took.
time_to_prompt() {
    local start end log
    log=$(mktemp)
    start=$(now)
    "$@" >"$log" 2>&1 &
    local pid=$!
    while ! grep -qF "$prompt" "$log"; do
        kill -0 "$pid" 2>/dev/null || { echo "bench: '$1' ended before the prompt; its output: $log" >&2; return 1; }
        sleep 0.05
    done
    end=$(now)
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
    rm -f "$log"
    elapsed "$start" "$end"
}

for ((k = 1; k <= runs; k++)); do
    s=$(time_to_prompt ./socemu run imx7d-sdb --kernel "$kernel" --dtb "$dtb" --initrd "$initrd" \
        --append "$append" --serial stdio)
    q=$(time_to_prompt qemu-system-arm -M mcimx7d-sabre -smp 2 -m 1G -kernel "$kernel" -dtb "$dtb" \
        -initrd "$initrd" -append "$append" -display none -serial stdio -monitor none)
    echo "run $k: socemu ${s} s, qemu-system-arm ${q} s (start to '$prompt', 2x Cortex-A7)"
done
