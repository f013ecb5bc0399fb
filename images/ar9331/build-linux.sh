#!/bin/bash
# Builds the AR9331 guest images for socemu from Debian 12 sources:
#   - a static big-endian MIPS busybox from Debian's busybox source package,
#   - an initramfs (cpio) holding it,
#   - a Linux 6.1 vmlinux (Debian's linux-source-6.1, ath79_defconfig + linux.config) with that
#     initramfs built in,
#   - the DPT-Module and TL-MR3020 DTBs from the Linux tree, plain and with socemu's additions
#     (flash partitions, watchdog node).
# Output: ${SOCEMU_IMAGES:-$HOME/.cache/socemu/images}/ar9331/. Each part is rebuilt only when it
# is missing (delete it to force a rebuild). Needs root for apt-get when packages are missing.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=${SOCEMU_IMAGES:-$HOME/.cache/socemu/images}/ar9331
WORK=$OUT/build
JOBS=${JOBS:-2}
CROSS=mips-linux-gnu-
NICE="nice -n 10"

mkdir -p "$OUT" "$WORK"
log() { printf 'build-linux: %s\n' "$*" >&2; }

need_pkgs() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -q >/dev/null || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
  fi
}

need_pkgs gcc-mips-linux-gnu libc6-dev-mips-cross linux-source-6.1 flex bison bc make gcc \
  device-tree-compiler dpkg-dev cpio xz-utils libssl-dev

# ---------------------------------------------------------------- busybox (static, big-endian)
BUSYBOX=$OUT/busybox
if [ ! -s "$BUSYBOX" ]; then
  # A private apt state whose deb-src entries are derived from this machine's own sources, so that
  # `apt-get source` works without touching the system's configuration.
  APT=$WORK/apt
  mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$APT/sources.list.d"
  : > "$APT/sources.list"
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -e "$f" ] || continue
    sed -e 's/^Types:.*/Types: deb-src/' "$f" > "$APT/sources.list.d/$(basename "$f")"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -e "$f" ] || continue
    sed -n -e 's/^deb \(.*\)/deb-src \1/p' "$f" >> "$APT/sources.list"
  done
  APTOPTS=(-o "Dir::Etc::SourceList=$APT/sources.list" -o "Dir::Etc::SourceParts=$APT/sources.list.d"
           -o "Dir::State::Lists=$APT/lists" -o "Dir::Cache=$APT/cache" -o "APT::Sandbox::User=root")
  log "fetching Debian's busybox source package"
  apt-get "${APTOPTS[@]}" update -q >/dev/null
  rm -rf "$WORK/busybox-src" && mkdir -p "$WORK/busybox-src"
  (cd "$WORK/busybox-src" && apt-get "${APTOPTS[@]}" source -q busybox >/dev/null)
  BBSRC=$(find "$WORK/busybox-src" -maxdepth 1 -mindepth 1 -type d -name 'busybox-*' | head -1)
  [ -n "$BBSRC" ] || { log "busybox source not unpacked"; exit 1; }
  log "building busybox in $BBSRC"
  T0=$(date +%s)
  (cd "$BBSRC"
   $NICE make -s defconfig >/dev/null
   # our options: drop each from the defconfig, then append ours
   while IFS= read -r line; do
     case "$line" in
       "# CONFIG_"*" is not set") opt=${line#\# }; opt=${opt%% *} ;;
       CONFIG_*=*) opt=${line%%=*} ;;
       *) continue ;;
     esac
     sed -i -e "/^$opt=/d" -e "/^# $opt is not set/d" .config
     echo "$line" >> .config
   done < "$HERE/busybox.config"
   { yes '' || true; } | $NICE make -s oldconfig >/dev/null
   $NICE make -s -j"$JOBS" busybox >/dev/null)
  cp "$BBSRC/busybox" "$BUSYBOX"
  log "busybox built in $(( $(date +%s) - T0 )) s"
fi

# ---------------------------------------------------------------- Linux source tree
LSRC=$WORK/linux-source-6.1
LOBJ=$WORK/linux-obj
if [ ! -f "$LSRC/Makefile" ]; then
  log "unpacking /usr/src/linux-source-6.1.tar.xz"
  tar -C "$WORK" -xJf /usr/src/linux-source-6.1.tar.xz
fi
KMAKE=(make -C "$LSRC" O="$LOBJ" ARCH=mips CROSS_COMPILE="$CROSS" -j"$JOBS")

# ---------------------------------------------------------------- input stamps
# A part is rebuilt when the contents of its inputs changed (file times are useless: a fresh
# clone makes every input newer than the cache). The stamp beside an output holds their hash.
inputs_hash() { cat "$@" | sha256sum | cut -d' ' -f1; }
stale() { # stale OUTPUT INPUT...: the output is missing or was made from other inputs
  local out=$1; shift
  [ ! -s "$out" ] || [ "$(cat "$out.inputs" 2>/dev/null)" != "$(inputs_hash "$@")" ]
}
stamp() { local out=$1; shift; inputs_hash "$@" > "$out.inputs"; }

# ---------------------------------------------------------------- initramfs
CPIO=$OUT/rootfs.cpio
if stale "$CPIO" "$BUSYBOX" "$HERE/init" "$HERE/initramfs.list"; then
  GEN=$WORK/gen_init_cpio
  [ -x "$GEN" ] || gcc -O2 -o "$GEN" "$LSRC/usr/gen_init_cpio.c"
  sed -e "s|@BUSYBOX@|$BUSYBOX|" -e "s|@INIT@|$HERE/init|" "$HERE/initramfs.list" > "$WORK/initramfs.list"
  "$GEN" "$WORK/initramfs.list" > "$CPIO.tmp" && mv "$CPIO.tmp" "$CPIO"
  stamp "$CPIO" "$BUSYBOX" "$HERE/init" "$HERE/initramfs.list"
  log "initramfs written"
fi

# ---------------------------------------------------------------- kernel
VMLINUX=$OUT/vmlinux
if stale "$VMLINUX" "$CPIO" "$HERE/linux.config"; then
  mkdir -p "$LOBJ"
  T0=$(date +%s)
  $NICE "${KMAKE[@]}" -s ath79_defconfig >/dev/null
  printf 'CONFIG_INITRAMFS_SOURCE="%s"\n' "$CPIO" > "$WORK/initramfs.config"
  (cd "$LSRC" && ARCH=mips CROSS_COMPILE=$CROSS ./scripts/kconfig/merge_config.sh -m -O "$LOBJ" \
      "$LOBJ/.config" "$HERE/linux.config" "$WORK/initramfs.config" >/dev/null)
  $NICE "${KMAKE[@]}" -s olddefconfig >/dev/null
  # The options the emulator's boot depends on must have survived Kconfig's dependency solving.
  for opt in CONFIG_ATH79 CONFIG_SERIAL_AR933X_CONSOLE CONFIG_SPI_ATH79 CONFIG_MTD_SPI_NOR \
             CONFIG_MTD_OF_PARTS CONFIG_ATH79_WDT CONFIG_DEVTMPFS_MOUNT CONFIG_MIPS_CMDLINE_FROM_DTB; do
    grep -q "^$opt=y" "$LOBJ/.config" || { log "$opt did not stick in .config"; exit 1; }
  done
  log "building vmlinux (make -j$JOBS)"
  $NICE "${KMAKE[@]}" vmlinux > "$WORK/kernel-build.log" 2>&1 || { tail -30 "$WORK/kernel-build.log"; exit 1; }
  cp "$LOBJ/vmlinux" "$VMLINUX"
  cp "$LOBJ/.config" "$OUT/linux.config"
  stamp "$VMLINUX" "$CPIO" "$HERE/linux.config"
  log "vmlinux built in $(( $(date +%s) - T0 )) s, $(stat -c %s "$VMLINUX") bytes"
fi

# ---------------------------------------------------------------- DTBs
# The boards' own DTBs come from Kbuild (the kernel is configured by now); socemu's variants
# include them with our additions and are compiled the way Kbuild does: cpp, then dtc.
dts_cpp() {
  cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp -P \
      -I "$HERE" -I "$LSRC/arch/mips/boot/dts/qca" -I "$LSRC/scripts/dtc/include-prefixes" \
      -I "$LSRC/include" "$1" | dtc -q -I dts -O dtb -o "$2" -
}
for board in ar9331_dpt_module ar9331_tl_mr3020; do
  if [ ! -s "$OUT/$board.dtb" ]; then
    $NICE "${KMAKE[@]}" -s "qca/$board.dtb" >/dev/null
    cp "$LOBJ/arch/mips/boot/dts/qca/$board.dtb" "$OUT/$board.dtb"
  fi
  if stale "$OUT/$board-socemu.dtb" "$HERE/$board-socemu.dts" "$HERE/ar9331-socemu.dtsi"; then
    dts_cpp "$HERE/$board-socemu.dts" "$OUT/$board-socemu.dtb"
    stamp "$OUT/$board-socemu.dtb" "$HERE/$board-socemu.dts" "$HERE/ar9331-socemu.dtsi"
  fi
  # the emulator's default DTBs must describe the SPI flash with partitions
  dtc -q -I dtb -O dts "$OUT/$board-socemu.dtb" | grep -q 'fixed-partitions' \
    || { log "$board-socemu.dtb has no flash partitions"; exit 1; }
done

for f in busybox rootfs.cpio vmlinux ar9331_dpt_module.dtb ar9331_dpt_module-socemu.dtb \
         ar9331_tl_mr3020.dtb ar9331_tl_mr3020-socemu.dtb; do
  echo "$OUT/$f"
done
