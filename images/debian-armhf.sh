# shellcheck shell=bash
# Images taken from Debian 12 armhf packages, fetched by name with `apt-get download` in a
# private apt state (see lib.sh), never by URL: the kernels of the armmp and armmp-lpae
# flavours with their i.MX7D device trees, and the static busybox.
#
# Results (each directory also holds SOURCE: the package name, version and .deb used):
#   $SOCEMU_IMAGES/debian-armhf/linux-image-armmp/{zImage,config,dtbs/imx7d*.dtb}
#   $SOCEMU_IMAGES/debian-armhf/linux-image-armmp-lpae/{...same...}
#   $SOCEMU_IMAGES/debian-armhf/busybox-static/busybox
# They are built once and kept; delete a directory to fetch the then-current package.

DEBIAN_ARMHF_DIR="$SOCEMU_IMAGES/debian-armhf"

# debian_kernel FLAVOUR: ensure the kernel of linux-image-FLAVOUR (armmp, armmp-lpae) is
# unpacked; print its directory.
debian_kernel() {
    with_lock "debian-armhf-linux-$1" _debian_kernel_locked "$1"
}
_debian_kernel_locked() {
    local flavour=$1 dest pkg deb tmp vmlinuz
    dest="$DEBIAN_ARMHF_DIR/linux-image-$flavour"
    if [ ! -f "$dest/zImage" ]; then
        need_cmd dpkg-deb dpkg
        # The meta package names the current ABI (linux-image-6.1.0-NN-FLAVOUR).
        pkg=$(with_lock apt-armhf _debian_resolve_kernel "$flavour")
        deb=$(deb_fetch armhf "$pkg")
        tmp=$(new_tmp_dir "linux-image-$flavour")
        log "unpacking $(basename "$deb")"
        dpkg-deb -x "$deb" "$tmp/root"
        mkdir -p "$tmp/out/dtbs"
        vmlinuz=$(find "$tmp/root/boot" -maxdepth 1 -name 'vmlinuz-*' -print -quit)
        [ -n "$vmlinuz" ] || die "$(basename "$deb") holds no /boot/vmlinuz-*"
        cp "$vmlinuz" "$tmp/out/zImage"
        # Kept for kernel developers: what is configured in. (The package's System.map is a
        # placeholder pointing at the -dbg package, so it is not kept.)
        cp "$tmp/root/boot/config-"* "$tmp/out/config"
        find "$tmp/root/usr/lib" -path '*/linux-image-*' -name 'imx7d*.dtb' -exec cp {} "$tmp/out/dtbs/" \;
        compgen -G "$tmp/out/dtbs/imx7d*.dtb" >/dev/null || die "$(basename "$deb") holds no imx7d*.dtb"
        write_source "$tmp/out/SOURCE" "$deb" "boot/$(basename "$vmlinuz")"
        rm -rf "$tmp/root"
        publish_dir "$tmp/out" "$dest"
        rmdir "$tmp" 2>/dev/null || true
    fi
    printf '%s\n' "$dest"
}
_debian_resolve_kernel() {
    apt_private_update armhf
    apt_meta_target armhf "linux-image-$1" "linux-image-[0-9.]+-[0-9]+-$1"
}

# debian_busybox: ensure the static busybox (armhf) is unpacked; print its path.
debian_busybox() {
    with_lock debian-armhf-busybox _debian_busybox_locked
}
_debian_busybox_locked() {
    local dest="$DEBIAN_ARMHF_DIR/busybox-static" deb tmp
    if [ ! -f "$dest/busybox" ]; then
        need_cmd dpkg-deb dpkg
        deb=$(deb_fetch armhf busybox-static)
        tmp=$(new_tmp_dir busybox-static)
        log "unpacking $(basename "$deb")"
        dpkg-deb -x "$deb" "$tmp/root"
        mkdir -p "$tmp/out"
        [ -f "$tmp/root/bin/busybox" ] || die "$(basename "$deb") holds no /bin/busybox"
        cp "$tmp/root/bin/busybox" "$tmp/out/busybox"
        write_source "$tmp/out/SOURCE" "$deb" "bin/busybox"
        rm -rf "$tmp/root"
        publish_dir "$tmp/out" "$dest"
        rmdir "$tmp" 2>/dev/null || true
    fi
    printf '%s\n' "$dest/busybox"
}

# write_source FILE DEB MEMBER: record where an image came from.
write_source() {
    {
        echo "package=$(deb_field "$2" Package)"
        echo "version=$(deb_field "$2" Version)"
        echo "architecture=$(deb_field "$2" Architecture)"
        echo "deb=$(basename "$2")"
        echo "sha256=$(sha256sum "$2" | cut -d' ' -f1)"
        echo "member=$3"
    } > "$1"
}

# Recipes print one path. The directory is taken first so that a failure stops here (set -e
# does not see a failing $(...) inside another command's arguments).
_img_kernel_file() { local d; d=$(debian_kernel "$1"); printf '%s\n' "$d/$2"; }
_img_armmp_zimage()       { _img_kernel_file armmp zImage; }
_img_armmp_lpae_zimage()  { _img_kernel_file armmp-lpae zImage; }
_img_imx7d_sdb_dtb()      { _img_kernel_file armmp dtbs/imx7d-sdb.dtb; }
_img_imx7d_sdb_lpae_dtb() { _img_kernel_file armmp-lpae dtbs/imx7d-sdb.dtb; }

image_register debian-armmp-zimage _img_armmp_zimage \
    "Debian 12 linux-image-*-armmp zImage (armhf)"
image_register debian-armmp-lpae-zimage _img_armmp_lpae_zimage \
    "Debian 12 linux-image-*-armmp-lpae zImage (armhf)"
image_register imx7d-sdb-dtb _img_imx7d_sdb_dtb \
    "imx7d-sdb.dtb from the armmp package (all imx7d*.dtb lie beside it)"
image_register imx7d-sdb-lpae-dtb _img_imx7d_sdb_lpae_dtb \
    "imx7d-sdb.dtb from the armmp-lpae package"
image_register busybox-armhf debian_busybox \
    "Debian 12 busybox-static (armhf), statically linked"
