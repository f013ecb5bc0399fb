#!/bin/bash
# Builds socemu's Linux for the i.MX7D's Cortex-A7s from Debian 12 packages only:
#   - zImage: Debian's linux-source-6.1, arch/arm/configs/imx_v6_v7_defconfig with every module
#     dropped and linux.config (this folder) merged over it; everything built in, no modules. It
#     has what Debian's armmp kernel lacks for the M4: the MU mailbox driver (IMX_MBOX), the
#     mailbox test client (MAILBOX_TEST) and the i.MX remoteproc driver (IMX_REMOTEPROC).
#   - imx7d-sdb-m4.dtb: imx7d-sdb-m4.dts (this folder), which includes the tree's imx7d-sdb.dts,
#     compiled with cpp and dtc as Kbuild's dtbs target does.
# Output: ${SOCEMU_IMAGES:-$HOME/.cache/socemu/images}/imx7-linux/ (zImage, vmlinux, System.map,
# linux.config, imx7d-sdb.dtb, imx7d-sdb-m4.dtb). Each output is rebuilt when it is missing or the
# contents of its inputs changed (a stamp beside it holds their hash). Lists the outputs on stdout,
# logs on stderr. Needs root for apt-get when build packages are missing (.ci/run installs them).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=${SOCEMU_IMAGES:-$HOME/.cache/socemu/images}/imx7-linux
WORK=$OUT/build
JOBS=${JOBS:-2}
CROSS=arm-linux-gnueabihf-
NICE="nice -n 10"
TARBALL=/usr/src/linux-source-6.1.tar.xz

mkdir -p "$OUT" "$WORK"
log() { printf 'imx7 build-linux: %s\n' "$*" >&2; }

need_pkgs() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { log "missing Debian packages: ${missing[*]} (install them, or run as root)"; exit 1; }
    log "installing ${missing[*]}"
    apt-get update -q >/dev/null || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
  fi
}

need_pkgs gcc-arm-linux-gnueabihf binutils-arm-linux-gnueabihf linux-source-6.1 flex bison bc make \
  gcc libc6-dev libssl-dev device-tree-compiler cpp xz-utils

# ---------------------------------------------------------------- Linux source tree
# Unpacked once per version of Debian's linux-source-6.1; a new package version gives a new tree.
SRC_VERSION=$(dpkg-query -W -f='${Version}' linux-source-6.1)
LSRC=$WORK/linux-source-6.1
LOBJ=$WORK/linux-obj
if [ "$(cat "$LSRC/.socemu-source-version" 2>/dev/null)" != "$SRC_VERSION" ]; then
  log "unpacking $TARBALL ($SRC_VERSION)"
  rm -rf "$LSRC" "$LOBJ"
  tar -C "$WORK" -xJf "$TARBALL"
  echo "$SRC_VERSION" > "$LSRC/.socemu-source-version"
fi
KMAKE=(make -C "$LSRC" O="$LOBJ" ARCH=arm CROSS_COMPILE="$CROSS" -j"$JOBS"
       KBUILD_BUILD_USER=socemu KBUILD_BUILD_HOST=socemu)

# ---------------------------------------------------------------- input stamps
# A part is rebuilt when the contents of its inputs changed (file times are useless: a fresh
# clone makes every input newer than the cache). The stamp beside an output holds their hash.
inputs_hash() { { echo "$SRC_VERSION"; cat "$@"; } | sha256sum | cut -d' ' -f1; }
stale() { # stale OUTPUT INPUT...: the output is missing or was made from other inputs
  local out=$1; shift
  [ ! -s "$out" ] || [ "$(cat "$out.inputs" 2>/dev/null)" != "$(inputs_hash "$@")" ]
}
stamp() { local out=$1; shift; inputs_hash "$@" > "$out.inputs"; }
# publish SRC DEST: copy SRC into place under a temporary name, then rename (readers never see
# half a file).
publish() { cp "$1" "$2.tmp.$$" && mv -f "$2.tmp.$$" "$2"; }

# ---------------------------------------------------------------- kernel
ZIMAGE=$OUT/zImage
if stale "$ZIMAGE" "$HERE/linux.config"; then
  mkdir -p "$LOBJ"
  T0=$(date +%s)
  # The defconfig as written (a minimal list, so that symbols it only selects are worked out
  # again), without its modules: with CONFIG_MODULES off, Kconfig would build each "m" in.
  sed -e 's/^\(CONFIG_[A-Za-z0-9_]*\)=m$/# \1 is not set/' \
      "$LSRC/arch/arm/configs/imx_v6_v7_defconfig" > "$WORK/base.config"
  (cd "$LSRC" && ARCH=arm CROSS_COMPILE=$CROSS ./scripts/kconfig/merge_config.sh -m -O "$LOBJ" \
      "$WORK/base.config" "$HERE/linux.config" >/dev/null)
  $NICE "${KMAKE[@]}" -s olddefconfig >/dev/null
  # Every option linux.config asks for must have survived Kconfig's dependency solving.
  bad=0
  while IFS= read -r line; do
    case "$line" in
      "# CONFIG_"*" is not set")
        opt=${line#\# }; opt=${opt%% *}
        if grep -q "^$opt=" "$LOBJ/.config"; then log "$opt is still set"; bad=1; fi ;;
      CONFIG_*=*)
        if ! grep -qxF "$line" "$LOBJ/.config"; then log "$line did not stick"; bad=1; fi ;;
    esac
  done < "$HERE/linux.config"
  grep -q '^CONFIG_MODULES=y' "$LOBJ/.config" && { log "CONFIG_MODULES is on"; bad=1; }
  [ "$bad" = 0 ] || { log "linux.config does not apply to this tree (see $LOBJ/.config)"; exit 1; }
  log "building zImage (make -j$JOBS; about 5 minutes on 2 cores)"
  $NICE "${KMAKE[@]}" zImage > "$WORK/kernel-build.log" 2>&1 || { tail -30 "$WORK/kernel-build.log" >&2; exit 1; }
  publish "$LOBJ/vmlinux" "$OUT/vmlinux"
  publish "$LOBJ/System.map" "$OUT/System.map"
  publish "$LOBJ/.config" "$OUT/linux.config"
  publish "$LOBJ/arch/arm/boot/zImage" "$ZIMAGE"
  stamp "$ZIMAGE" "$HERE/linux.config"
  T1=$(date +%s)
  echo "$((T1 - T0))" > "$OUT/build-seconds"
  log "zImage built in $((T1 - T0)) s, $(stat -c %s "$ZIMAGE") bytes"
fi

# ---------------------------------------------------------------- DTBs
# Compiled the way Kbuild's dtbs target does: cpp with the tree's include paths, then dtc.
dts_compile() {
  cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp -P \
      -I "$HERE" -I "$LSRC/arch/arm/boot/dts" -I "$LSRC/scripts/dtc/include-prefixes" \
      -I "$LSRC/include" "$1" > "$WORK/$(basename "$1").pp"
  dtc -q -I dts -O dtb -b 0 -o "$2.tmp.$$" "$WORK/$(basename "$1").pp"
  mv -f "$2.tmp.$$" "$2"
}
STOCK_DTS=$LSRC/arch/arm/boot/dts
DTS_INPUTS=("$STOCK_DTS/imx7d-sdb.dts" "$STOCK_DTS/imx7d.dtsi" "$STOCK_DTS/imx7s.dtsi")
if stale "$OUT/imx7d-sdb.dtb" "${DTS_INPUTS[@]}"; then
  dts_compile "$STOCK_DTS/imx7d-sdb.dts" "$OUT/imx7d-sdb.dtb"
  stamp "$OUT/imx7d-sdb.dtb" "${DTS_INPUTS[@]}"
fi
if stale "$OUT/imx7d-sdb-m4.dtb" "$HERE/imx7d-sdb-m4.dts" "${DTS_INPUTS[@]}"; then
  dts_compile "$HERE/imx7d-sdb-m4.dts" "$OUT/imx7d-sdb-m4.dtb"
  stamp "$OUT/imx7d-sdb-m4.dtb" "$HERE/imx7d-sdb-m4.dts" "${DTS_INPUTS[@]}"
  # What the M4 needs must be in the result.
  dts=$(dtc -q -I dtb -O dts "$OUT/imx7d-sdb-m4.dtb")
  for want in '"fsl,imx7d-cm4"' '"mailbox-test"' 'm4@86000000'; do
    grep -qF "$want" <<<"$dts" || { log "imx7d-sdb-m4.dtb lacks $want"; exit 1; }
  done
fi

for f in zImage vmlinux System.map linux.config imx7d-sdb.dtb imx7d-sdb-m4.dtb; do
  echo "$OUT/$f"
done
