/**
 * Image loaders: everything between a file the user named and bytes in guest memory.
 *
 * <p>Formats: {@link org.socemu.core.load.ElfFile} (ELF32, both byte orders, with its
 * {@link org.socemu.core.load.SymbolTable}), {@link org.socemu.core.load.ZImage} (ARM Linux),
 * {@link org.socemu.core.load.UImage} (U-Boot legacy), {@link org.socemu.core.load.Fdt} (device
 * tree blobs, read and written), {@link org.socemu.core.load.RawImage}; {@link
 * org.socemu.core.load.ImageKind} tells them apart. Boot protocols use {@link
 * org.socemu.core.load.LinuxBoot} for the /chosen, /memory and /psci fix-ups and {@link
 * org.socemu.core.load.Initrd} to place an initrd (or a DTB) in RAM.
 *
 * <p>Every parser checks each offset against the file, and every loader checks that the whole
 * destination is memory before writing a byte, so bad input is a one-line
 * {@link org.socemu.core.UserError} that names the file, never an exception trace.
 *
 * <p>A firmware-less MIPS boot, for example:
 * <pre>{@code
 *   ElfFile k = ElfFile.read(images.kernel);
 *   k.requireMachine(ElfFile.EM_MIPS, Endian.BIG, machine.name());
 *   List<AddressRange> kernel = k.load(view, ElfFile.MIPS_KSEG_TO_PHYSICAL);
 *   Fdt dt = Fdt.read(images.dtb);
 *   LinuxBoot.setMemory(dt, 0, ramSize, 1, 1);
 *   LinuxBoot.patchChosen(dt, images.append, null, null, null);
 *   byte[] blob = dt.toBytes();
 *   long at = Initrd.chooseAddress(images.dtb.toString(), blob.length, ram, 0x1000, kernel);
 *   RawImage.load(view, at, images.dtb.toString(), blob);
 *   // a0 = -2, a1 = 0x80000000 | at, pc = k.entry()
 * }</pre>
 */
package org.socemu.core.load;
