package org.socemu.armv7;

/** VFPv4 (in progress). */
final class Vfp {
    private Vfp() {}

    static void a32LoadStore(CortexA7 c, int i) { c.undefined(i); }
    static void a32Transfer(CortexA7 c, int i) { c.undefined(i); }
    static void a32DataProcessing(CortexA7 c, int i) { c.undefined(i); }
    static void a32Transfer64(CortexA7 c, int i) { c.undefined(i); }
}
