package org.socemu.periph.ar9331;

import java.nio.ByteBuffer;

/** Builds tiny ELF32 big-endian MIPS images for the loader tests (one PT_LOAD, optional section). */
final class TestElf {
    private TestElf() {}

    /**
     * @param appendedDtb if not null, a ".appended_dtb" section with these bytes is added
     */
    static byte[] build(long entry, long vaddr, byte[] code, int memsz, byte[] appendedDtb) {
        int phoff = 52, dataOff = 0x100;
        int secDataOff = dataOff + code.length;
        byte[] secData = appendedDtb == null ? new byte[0] : appendedDtb;
        byte[] shstr = "\0.shstrtab\0.appended_dtb\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int shstrOff = secDataOff + secData.length;
        int shoff = (shstrOff + shstr.length + 3) & ~3;
        int shnum = appendedDtb == null ? 0 : 3;
        ByteBuffer b = ByteBuffer.allocate(shoff + shnum * 40);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 1, 2, 1, 0});
        b.position(16);
        b.putShort((short) 2).putShort((short) 8).putInt(1).putInt((int) entry).putInt(phoff)
                .putInt(shnum == 0 ? 0 : shoff).putInt(0x70001005).putShort((short) 52).putShort((short) 32)
                .putShort((short) 1).putShort((short) 40).putShort((short) shnum).putShort((short) (shnum == 0 ? 0 : 1));
        b.position(phoff);
        b.putInt(1).putInt(dataOff).putInt((int) vaddr).putInt((int) vaddr).putInt(code.length).putInt(memsz)
                .putInt(7).putInt(0x1000);
        b.position(dataOff);
        b.put(code);
        b.put(secData);
        b.put(shstr);
        if (shnum > 0) {
            b.position(shoff + 40); // [0] is the null section
            b.putInt(1).putInt(3).putInt(0).putInt(0).putInt(shstrOff).putInt(shstr.length).putInt(0).putInt(0)
                    .putInt(1).putInt(0);
            b.putInt(11).putInt(1).putInt(3).putInt((int) vaddr + code.length).putInt(secDataOff).putInt(secData.length)
                    .putInt(0).putInt(0).putInt(4).putInt(0);
        }
        return b.array();
    }
}
