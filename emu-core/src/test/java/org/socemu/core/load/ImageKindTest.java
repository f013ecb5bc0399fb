package org.socemu.core.load;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ImageKindTest {
    @Test
    void detectsByMagic() {
        assertEquals(ImageKind.ELF, ImageKind.detect(ElfFileTest.mipsKernel()));
        assertEquals(ImageKind.ZIMAGE, ImageKind.detect(ZImageTest.zImage(0x100, false, false)));
        assertEquals(ImageKind.UIMAGE, ImageKind.detect(UImageTest.uImage(UImage.ARCH_MIPS, UImage.TYPE_KERNEL, 0, 0, 0, "k", new byte[8])));
        assertEquals(ImageKind.FDT, ImageKind.detect(new Fdt("x").toBytes()));
        assertEquals(ImageKind.RAW, ImageKind.detect(new byte[0x400]));
        assertEquals(ImageKind.RAW, ImageKind.detect(new byte[0]));
        assertEquals(ImageKind.RAW, ImageKind.detect(new byte[] {0x7f, 'E', 'L'}));
        assertEquals("ARM zImage", ImageKind.ZIMAGE.description());
    }
}
