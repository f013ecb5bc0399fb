# Recipe: the AR9331 images, built from Debian's sources by images/ar9331/build-linux.sh (a Linux
# 6.1 vmlinux for the ath79 boards with a static big-endian busybox initramfs built in, and the
# boards' DTBs). The build script keeps its own cache under $SOCEMU_IMAGES/ar9331 and rebuilds a
# part only when it is missing or its inputs changed. Sourced by images/get.

_ar9331_build() {
    # The script lists what it made on stdout; the recipes print their own path, so that list is
    # dropped (it would land on the user's terminal on every run that uses a default image).
    SOCEMU_IMAGES="$SOCEMU_IMAGES" "$IMAGES_DIR/ar9331/build-linux.sh" >/dev/null
}

_img_ar9331_vmlinux() { _ar9331_build; printf '%s\n' "$SOCEMU_IMAGES/ar9331/vmlinux"; }
_img_ar9331_dpt_dtb() { _ar9331_build; printf '%s\n' "$SOCEMU_IMAGES/ar9331/ar9331_dpt_module-socemu.dtb"; }
_img_ar9331_mr3020_dtb() { _ar9331_build; printf '%s\n' "$SOCEMU_IMAGES/ar9331/ar9331_tl_mr3020-socemu.dtb"; }

image_register ar9331-vmlinux _img_ar9331_vmlinux \
    "Linux 6.1 vmlinux for the AR9331 boards, busybox initramfs built in (built from linux-source-6.1)"
image_register ar9331-dpt-module-dtb _img_ar9331_dpt_dtb \
    "DTB of the DPTechnics DPT-Module (Linux's, plus flash partitions and watchdog)"
image_register ar9331-tl-mr3020-dtb _img_ar9331_mr3020_dtb \
    "DTB of the TP-Link TL-MR3020 (Linux's, plus flash partitions and watchdog)"
