package org.socemu.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.socemu.core.UserError;
import org.socemu.core.cpu.Cpu;

/**
 * One `--gdb [GROUP=][HOST:]PORT`: a GDB port for one group of the machine's cores, those of one
 * core type. GROUP is the type (`cortex-a7`, `cortex-m4`, `mips-24kc`) or its last part (`a7`,
 * `m4`, `24kc`); without it, the group of the machine's first core. HOST defaults to 127.0.0.1,
 * PORT 0 picks a free port.
 */
record GdbBinding(String group, String host, int port) {
    static GdbBinding parse(String spec) {
        String group = null, address = spec;
        int eq = spec.indexOf('=');
        if (eq >= 0) {
            group = spec.substring(0, eq).trim();
            address = spec.substring(eq + 1);
            if (group.isEmpty()) throw new UserError("--gdb " + spec + ": empty core group before '='");
        }
        int colon = address.lastIndexOf(':');
        String host = colon > 0 ? address.substring(0, colon) : "127.0.0.1";
        String p = address.substring(colon + 1);
        try {
            int n = Integer.parseInt(p);
            if (n < 0 || n > 65535) throw new NumberFormatException();
            return new GdbBinding(group, host, n);
        } catch (NumberFormatException e) {
            throw new UserError("--gdb " + spec + ": not a TCP port: " + p);
        }
    }

    /** The core type this binding serves among the machine's groups (type to cores, first group first). */
    String resolve(Map<String, List<Cpu>> groups, String machine) {
        String first = groups.keySet().iterator().next();
        if (group == null) return first;
        String want = group.toLowerCase(Locale.ROOT);
        for (String type : groups.keySet())
            if (type.equals(want) || type.substring(type.lastIndexOf('-') + 1).equals(want)) return type;
        throw new UserError("--gdb " + group + "=...: machine " + machine + " has no " + group + " cores (core types: "
                + String.join(", ", groups.keySet()) + ")");
    }
}
