# shellcheck shell=bash
# Recipe: socemu's own Linux for the i.MX7D's Cortex-A7s and its device tree, built from Debian's
# linux-source-6.1 with Debian's gcc-arm-linux-gnueabihf by images/imx7/build-linux.sh. Debian's
# armmp kernel has no i.MX MU mailbox driver, no mailbox test client and no i.MX remoteproc
# driver; this kernel has them built in, and the DTB enables the MU, adds the mailbox test client,
# the M4's reserved DDR and the remoteproc node. The build script keeps its own cache under
# $SOCEMU_IMAGES/imx7-linux and rebuilds a part only when it is missing or its inputs changed.
# Sourced by images/get.

_imx7_linux_build() {
    # One build at a time (two images/get runs would share the build tree). The script lists
    # what it made on stdout; the recipes print their own path, so that list is dropped.
    with_lock imx7-linux env SOCEMU_IMAGES="$SOCEMU_IMAGES" "$IMAGES_DIR/imx7/build-linux.sh" >/dev/null
}

_img_imx7_linux_zimage() { _imx7_linux_build; printf '%s\n' "$SOCEMU_IMAGES/imx7-linux/zImage"; }
_img_imx7d_sdb_m4_dtb() { _imx7_linux_build; printf '%s\n' "$SOCEMU_IMAGES/imx7-linux/imx7d-sdb-m4.dtb"; }

image_register imx7-linux-zimage _img_imx7_linux_zimage \
    "Linux 6.1 zImage for the i.MX7D's A7s with MU mailbox, mailbox test and remoteproc built in (built from linux-source-6.1)"
image_register imx7d-sdb-m4-dtb _img_imx7d_sdb_m4_dtb \
    "imx7d-sdb DTB with the MU, a mailbox-test client, the M4's reserved DDR and its remoteproc node"
