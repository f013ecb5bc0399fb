package org.socemu.core.machine;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** What the user gave to boot: images and boot-time settings (the `socemu run` options). */
public final class BootImages {
    public Path kernel;
    public Path dtb;
    public Path initrd;
    public String append;
    public Path flash;
    public boolean flashWritable;
    public Path bios;
    public Path m4Firmware;
    public Long mem;
    public Integer smp;
    public boolean noPsci;
    /** Boot a zImage by running its decompressor in the guest rather than unpacking it on the host. */
    public boolean runDecompressor;

    /** Names of the options that were given, to check them against what the boot protocol supports. */
    public Set<String> given() {
        Set<String> s = new LinkedHashSet<>();
        if (kernel != null) s.add("kernel");
        if (dtb != null) s.add("dtb");
        if (initrd != null) s.add("initrd");
        if (append != null) s.add("append");
        if (flash != null) s.add("flash");
        if (flashWritable) s.add("flash-writable");
        if (bios != null) s.add("bios");
        if (m4Firmware != null) s.add("m4-firmware");
        if (mem != null) s.add("mem");
        if (smp != null) s.add("smp");
        if (noPsci) s.add("no-psci");
        if (runDecompressor) s.add("run-decompressor");
        return s;
    }

    public boolean isEmpty() {
        return kernel == null && dtb == null && initrd == null && flash == null && bios == null && m4Firmware == null;
    }
}
