package org.socemu.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.socemu.core.UserError;
import org.socemu.core.machine.Registry;
import org.socemu.core.script.JUnitXml;
import org.socemu.core.script.TestFile;
import org.socemu.core.script.TestResult;
import org.socemu.core.script.TestRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** `socemu test FILE...`: scripted boot tests in virtual time, with a JUnit report for CI. */
@Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run boot tests written in YAML (see the README for the format).",
                "Exit codes: 0 all passed; 1 some failed; 2 bad input."})
final class TestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Test files (YAML).")
    List<Path> files;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML report.")
    Path junit;

    @Option(names = "--jobs", paramLabel = "N", description = "Tests run at once (default 1).")
    int jobs = 1;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "Keep each test's console logs here (default socemu-test-logs).")
    Path logDir = Path.of("socemu-test-logs");

    @Override
    public Integer call() throws Exception {
        if (jobs < 1) throw new UserError("--jobs must be at least 1");
        PrintWriter out = spec.commandLine().getOut();
        List<TestFile> parsed = new ArrayList<>();
        for (Path f : files) parsed.add(TestFile.read(f));
        Registry registry = Registry.load();
        TestRunner runner = new TestRunner(registry, logDir);
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "socemu-test");
            t.setDaemon(true);
            return t;
        });
        List<Future<TestResult>> futures = new ArrayList<>();
        for (TestFile f : parsed) for (TestFile.Case c : f.tests) futures.add(pool.submit(() -> runner.run(f, c)));
        List<TestResult> results = new ArrayList<>();
        int failed = 0;
        try {
            for (Future<TestResult> fu : futures) {
                TestResult r;
                try {
                    r = fu.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof UserError ue) throw ue;
                    throw e;
                }
                results.add(r);
                print(out, r);
                if (!r.passed()) failed++;
            }
        } finally {
            pool.shutdownNow();
        }
        if (junit != null) JUnitXml.write(junit, results);
        out.printf("%d passed, %d failed%n", results.size() - failed, failed);
        return failed == 0 ? 0 : 1;
    }

    private static void print(PrintWriter out, TestResult r) {
        out.printf(Locale.ROOT, "%s  %s: %s  (virtual %.3f s, wall %.1f s)%n", r.passed() ? "PASS" : "FAIL",
                Path.of(r.file()).getFileName(), r.name(), r.virtualSeconds(), r.wallSeconds());
        if (!r.passed()) {
            out.println("      step:   " + r.failedStep());
            out.println("      reason: " + r.message());
            out.println("      last console lines:");
            for (String line : r.consoleTail().split("\n")) out.println("      | " + line);
            r.logs().forEach((uart, p) -> out.println("      log " + uart + ": " + p));
        }
        out.flush();
    }
}
