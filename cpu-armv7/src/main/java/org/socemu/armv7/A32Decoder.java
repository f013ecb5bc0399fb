package org.socemu.armv7;

import java.util.ArrayList;
import java.util.List;

/**
 * The A32 decode table (ARM ARM A5): an ordered list of (mask, value) patterns, the first match
 * wins, so more specific encodings come before the general ones they carve out of. Decoding happens
 * once per instruction per physical page (see {@link CodeCache}); the handlers run every time.
 */
final class A32Decoder {
    private A32Decoder() {}

    private record Pattern(int mask, int value, String name, A32Op op) {}

    private static final List<Pattern> TABLE = new ArrayList<>();

    private static void p(int mask, int value, String name, A32Op op) {
        TABLE.add(new Pattern(mask, value, name, op));
    }

    static {
        // ---- unconditional space (cond = 1111) ----
        p(0xfff10020, 0xf1000000, "CPS", A32System::cps);
        p(0xfffffdff, 0xf1010000, "SETEND", A32System::undefined); // big-endian data is not supported
        p(0xffffffff, 0xf57ff01f, "CLREX", A32System::clrex);
        p(0xfffffff0, 0xf57ff040, "DSB", A32System::nop);
        p(0xfffffff0, 0xf57ff050, "DMB", A32System::nop);
        p(0xfffffff0, 0xf57ff060, "ISB", A32System::nop);
        p(0xfc300000, 0xf4100000, "PLD/PLI", A32System::nop);
        p(0xff100000, 0xf4000000, "Advanced SIMD load/store", Neon::loadStore);
        p(0xfe000000, 0xf2000000, "Advanced SIMD data-processing", Neon::dataProcessing);
        p(0xfe5fffe0, 0xf84d0500, "SRS", A32System::srs);
        p(0xfe50ffff, 0xf8100a00, "RFE", A32System::rfe);
        p(0xfe000000, 0xfa000000, "BLX(imm)", A32System::blxImm);
        p(0xf0000000, 0xf0000000, "unconditional-undefined", A32System::undefined);

        // ---- data processing and miscellaneous (bits 27:25 = 00x) ----
        p(0x0fb000f0, 0x01000090, "SWP", A32System::undefined); // SCTLR.SW is RAZ on the A7
        p(0x0f8000f0, 0x01800090, "STREX/LDREX", (c, i) -> {
            if ((i & (1 << 20)) != 0) A32LoadStore.loadExclusive(c, i);
            else A32LoadStore.storeExclusive(c, i);
        });
        p(0x0f0000f0, 0x00000090, "MUL/MLA/UMULL/...", A32DataProcessing::multiply);
        p(0x0e000090, 0x00000090, "LDRH/STRH/LDRD/STRD/LDRSB/LDRSH", A32LoadStore::extra);
        p(0x0fb002f0, 0x01000000, "MRS", A32System::mrs);
        p(0x0fb002f0, 0x01000200, "MRS(banked)", A32System::mrs);
        p(0x0fb000f0, 0x01200000, "MSR(reg)", A32System::msrReg);
        p(0x0ff000f0, 0x01200010, "BX", A32System::bx);
        p(0x0ff000f0, 0x01200020, "BXJ", A32System::bx); // no Jazelle: BXJ behaves as BX
        p(0x0ff000f0, 0x01200030, "BLX(reg)", A32System::blxReg);
        p(0x0ff000f0, 0x01600010, "CLZ", A32DataProcessing::clz);
        p(0x0f9000f0, 0x01000050, "QADD/QSUB/QDADD/QDSUB", A32DataProcessing::saturating);
        p(0x0ff000f0, 0x01200070, "BKPT", A32System::bkpt);
        p(0x0ff000f0, 0x01600070, "SMC", A32System::smc);
        p(0x0f900090, 0x01000080, "SMLAxy/SMULWy/SMLALxy/SMULxy", A32DataProcessing::halfwordMultiply);
        p(0x0f900080, 0x01000000, "misc-undefined", A32System::undefined);
        p(0x0ff00000, 0x03000000, "MOVW", A32DataProcessing::movw);
        p(0x0ff00000, 0x03400000, "MOVT", A32DataProcessing::movt);
        p(0x0fff0000, 0x03200000, "NOP/YIELD/WFE/WFI/SEV", A32System::hint);
        p(0x0fb00000, 0x03200000, "MSR(imm)", A32System::msrImm);
        p(0x0f900000, 0x03000000, "dp-imm-undefined", A32System::undefined);
        p(0x0e000000, 0x02000000, "data-processing(imm)", A32DataProcessing::dpImm);
        p(0x0e000010, 0x00000000, "data-processing(reg)", A32DataProcessing::dpReg);
        p(0x0e000090, 0x00000010, "data-processing(rsr)", A32DataProcessing::dpRsr);

        // ---- media (bits 27:25 = 011, bit 4 = 1) ----
        p(0x0f800010, 0x06000010, "parallel add/sub", A32Media::parallel);
        p(0x0ff00030, 0x06800010, "PKH", A32Media::pkh);
        p(0x0ff00ff0, 0x06800fb0, "SEL", A32Media::sel);
        p(0x0ff00ff0, 0x06a00f30, "SSAT16", A32Media::sat16);
        p(0x0ff00ff0, 0x06e00f30, "USAT16", A32Media::sat16);
        p(0x0fe00030, 0x06a00010, "SSAT", A32Media::sat);
        p(0x0fe00030, 0x06e00010, "USAT", A32Media::sat);
        p(0x0fff0ff0, 0x06bf0f30, "REV", A32Media::rev);
        p(0x0fff0ff0, 0x06bf0fb0, "REV16", A32Media::rev16);
        p(0x0fff0ff0, 0x06ff0f30, "RBIT", A32Media::rbit);
        p(0x0fff0ff0, 0x06ff0fb0, "REVSH", A32Media::revsh);
        p(0x0f8003f0, 0x06800070, "SXTA/UXTA", A32Media::extend);
        p(0x0ff0f0f0, 0x0710f010, "SDIV", A32Media::sdiv);
        p(0x0ff0f0f0, 0x0730f010, "UDIV", A32Media::udiv);
        p(0x0fb00090, 0x07000010, "SMLAD/SMLSD/SMLALD/SMLSLD", A32Media::dualMultiply);
        p(0x0ff00010, 0x07500010, "SMMLA/SMMUL/SMMLS", A32Media::mostSignificantMultiply);
        p(0x0ff000f0, 0x07800010, "USAD8/USADA8", A32Media::usad8);
        p(0x0fe00070, 0x07a00050, "SBFX", A32Media::sbfx);
        p(0x0fe00070, 0x07e00050, "UBFX", A32Media::ubfx);
        p(0x0fe00070, 0x07c00010, "BFI/BFC", A32Media::bfi);
        p(0x0e000010, 0x06000010, "media-undefined", A32System::undefined);

        // ---- loads and stores, branches ----
        p(0x0f700000, 0x05100000, "LDR(imm,offset)", A32LoadStore::ldrImmOffset);
        p(0x0f700000, 0x05000000, "STR(imm,offset)", A32LoadStore::strImmOffset);
        p(0x0c000000, 0x04000000, "LDR/STR/LDRB/STRB", A32LoadStore::wordByte);
        p(0x0e000000, 0x08000000, "LDM/STM", A32LoadStore::multiple);
        p(0x0f000000, 0x0a000000, "B", A32System::b);
        p(0x0f000000, 0x0b000000, "BL", A32System::bl);

        // ---- coprocessor, supervisor call ----
        p(0x0f000000, 0x0f000000, "SVC", A32System::svc);
        p(0x0fe00e00, 0x0c400a00, "VMOV (two core registers)", Vfp::transfer64);
        p(0x0e000e00, 0x0c000a00, "VLDR/VSTR/VLDM/VSTM", Vfp::loadStore);
        p(0x0f000e10, 0x0e000a10, "VMOV/VMRS/VMSR (core)", Vfp::transfer);
        p(0x0f000e10, 0x0e000a00, "VFP data-processing", Vfp::dataProcessing);
        p(0x0fe00000, 0x0c400000, "MCRR/MRRC", A32System::mcrrMrrc);
        p(0x0f000010, 0x0e000010, "MCR/MRC", A32System::mcrMrc);
        p(0x00000000, 0x00000000, "undefined", A32System::undefined);
    }

    static A32Op decode(int insn) {
        for (Pattern pt : TABLE) if ((insn & pt.mask) == pt.value) return pt.op;
        return A32System::undefined;
    }

    /** The table entry's name (disassembly-free traces and tests). */
    static String name(int insn) {
        for (Pattern pt : TABLE) if ((insn & pt.mask) == pt.value) return pt.name;
        return "undefined";
    }
}
