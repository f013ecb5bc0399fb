/**
 * The Cortex-A7 core ("cortex-a7", registered through {@code META-INF/services/org.socemu.core.cpu.CpuType}).
 *
 * <h2>Shape</h2>
 * <ul>
 *   <li>{@link org.socemu.armv7.ArmCore}: state and behaviour shared with the Cortex-M4 (r0-r15,
 *       flags, IT state, FP registers, exclusive monitor, interworking branches); the
 *       profile-specific parts are its abstract methods.</li>
 *   <li>{@link org.socemu.armv7.ArmAlu}: shifter, AddWithCarry, data processing, saturation,
 *       SIMD media arithmetic, bit fields; {@link org.socemu.armv7.Vfp}: VFPv4. Both work on
 *       ArmCore. {@code FpRules}: the floating-point rules both VFP and Advanced SIMD follow
 *       (rounding modes, flush-to-zero, NaNs, cumulative flags, conversions).</li>
 *   <li>{@code Neon} (decode, bitwise, permutes, immediates), {@code NeonInt}, {@code NeonFp},
 *       {@code NeonLoadStore}: Advanced SIMD, A-profile only.</li>
 *   <li>{@code A32Decoder} and {@link org.socemu.armv7.ThumbDecoder}: ordered (mask, value)
 *       pattern tables feeding small handlers ({@code A32DataProcessing}, {@code A32LoadStore},
 *       {@code A32Media}, {@code A32System}; {@code Thumb16}, {@code Thumb32}). The Thumb handlers
 *       take an ArmCore, so the M4 runs them unchanged.</li>
 *   <li>{@link org.socemu.armv7.CortexA7}: modes, banked registers, exceptions, the memory path
 *       (soft TLB per privilege level, {@code ShortMmu}/{@code LongMmu} walks, alignment), the
 *       decoded-instruction cache by physical page ({@code CodeCache}, invalidated through
 *       {@code Ram.CodeListener}) and the run loops.</li>
 *   <li>{@code Cp15} (register table), {@link org.socemu.armv7.GenericTimer}, {@code Pmu}.</li>
 * </ul>
 *
 * <h2>Board API</h2>
 * <ul>
 *   <li>Pins (IrqSink): {@code "<id>:irq"}, {@code "<id>:fiq"}.</li>
 *   <li>Timer outputs: {@code cpu.timer().virtualIrq()} (GIC PPI 27), {@code physicalIrq()}
 *       (PPI 30 non-secure / 29 secure).</li>
 *   <li>Firmware-less Linux: {@code cpu.bootLinux(entry, dtb)}; PSCI: {@code cpu.setSmcHandler(h)},
 *       {@code cpu.powerOn(entry, contextId)}, {@code cpu.powerOff()},
 *       {@code cpu.setPoweredAtReset(false)} (or props {@code "power": "off"}).</li>
 *   <li>Props: {@code cpu-index}, {@code cluster}, {@code cluster-cores}, {@code cntfrq}, {@code cbar}, {@code power}.</li>
 * </ul>
 */
package org.socemu.armv7;
