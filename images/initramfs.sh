# shellcheck shell=bash
# The test initramfs: busybox from Debian's busybox-static, /init and /etc files from
# images/initramfs/, packed with the project's own initramfs builder (the classes behind
# `socemu mkinitramfs`, compiled here with javac alone so that no Maven build is needed first).
#
# Result: $SOCEMU_IMAGES/initramfs-<arch>/<key>/initramfs.cpio.gz, where <key> is a hash of
# every input (spec, files, busybox, builder sources): editing images/initramfs/ gives a new
# archive on the next `images/get`. initramfs-<arch>/initramfs.cpio.gz links to the newest.

INITRAMFS_SRC="$IMAGES_DIR/initramfs"
BUILDER_SOURCES=(
    "$REPO_ROOT/emu-core/src/main/java/org/socemu/core/UserError.java"
    "$REPO_ROOT"/emu-core/src/main/java/org/socemu/core/load/Cpio*.java
    "$REPO_ROOT"/emu-core/src/main/java/org/socemu/core/load/InitramfsSpec*.java
)

# initramfs_build ARCH BUSYBOX: ensure the initramfs for ARCH around BUSYBOX exists; print its path.
initramfs_build() {
    with_lock "initramfs-$1" _initramfs_build_locked "$@"
}
_initramfs_build_locked() {
    local arch=$1 busybox=$2 key dir dest tmp
    key=$( (cd "$INITRAMFS_SRC" && sha256sum -- *; sha256sum "$busybox" | cut -d' ' -f1; cat "${BUILDER_SOURCES[@]}") \
        | sha256sum | cut -c1-16)
    dir="$SOCEMU_IMAGES/initramfs-$arch"
    dest="$dir/$key"
    if [ ! -f "$dest/initramfs.cpio.gz" ]; then
        need_cmd javac openjdk-17-jdk-headless
        tmp=$(new_tmp_dir "initramfs-$arch")
        log "building initramfs-$arch ($key) from $INITRAMFS_SRC/busybox.spec"
        javac -nowarn -d "$tmp/classes" "${BUILDER_SOURCES[@]}" >&2
        mkdir -p "$tmp/out"
        BUSYBOX="$busybox" java -cp "$tmp/classes" org.socemu.core.load.InitramfsSpecMain \
            "$INITRAMFS_SRC/busybox.spec" "$tmp/out/initramfs.cpio.gz" --gzip >&2
        cp "$(dirname "$busybox")/SOURCE" "$tmp/out/BUSYBOX-SOURCE" 2>/dev/null || true
        rm -rf "$tmp/classes"
        publish_dir "$tmp/out" "$dest"
        rmdir "$tmp" 2>/dev/null || true
        # Point the stable name at the new archive (a rename, so readers never see it missing),
        # and drop the archives of older inputs.
        ln -sfn "$key/initramfs.cpio.gz" "$dir/.initramfs.cpio.gz.$$"
        mv -T "$dir/.initramfs.cpio.gz.$$" "$dir/initramfs.cpio.gz"
        find "$dir" -mindepth 1 -maxdepth 1 -type d ! -name "$key" -exec rm -rf {} +
    fi
    printf '%s\n' "$dest/initramfs.cpio.gz"
}

_img_initramfs_armhf() { local bb; bb=$(debian_busybox); initramfs_build armhf "$bb"; }

image_register initramfs-armhf _img_initramfs_armhf \
    "gzip cpio initramfs: Debian's static busybox (armhf), /init, shell on the console"
