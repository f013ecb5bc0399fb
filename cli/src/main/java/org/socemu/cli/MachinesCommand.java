package org.socemu.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.socemu.core.machine.MachineDescription;
import org.socemu.core.machine.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** `socemu machines`: one line per machine. */
@Command(name = "machines", mixinStandardHelpOptions = true, description = "List the machines socemu can run.")
final class MachinesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Registry r = Registry.load();
        for (MachineDescription d : r.machines()) {
            List<String> missing = missingParts(r, d);
            String note = missing.isEmpty() ? "" : "  [not yet runnable: " + String.join(", ", missing) + "]";
            spec.commandLine().getOut().printf("%-20s %s%s%n", d.name, d.description, note);
        }
        return 0;
    }

    /** Core types and the boot protocol a machine needs that this build lacks. */
    static List<String> missingParts(Registry r, MachineDescription d) {
        List<String> missing = new ArrayList<>();
        for (MachineDescription.CoreDesc c : d.cores)
            if (!r.hasCpuType(c.type) && !missing.contains("core " + c.type)) missing.add("core " + c.type);
        if (!r.hasBoot(d.boot)) missing.add("boot protocol " + d.boot);
        return missing;
    }
}
