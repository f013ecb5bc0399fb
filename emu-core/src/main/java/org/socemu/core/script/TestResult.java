package org.socemu.core.script;

import java.nio.file.Path;
import java.util.Map;

/** How one boot test went. */
public record TestResult(String file, String name, boolean passed, String failedStep, String message,
                         String consoleTail, double virtualSeconds, double wallSeconds, Map<String, Path> logs) {
}
