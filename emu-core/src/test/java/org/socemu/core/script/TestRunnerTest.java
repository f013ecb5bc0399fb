package org.socemu.core.script;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socemu.core.UserError;
import org.socemu.core.machine.BootImages;
import org.socemu.core.machine.BootProtocol;
import org.socemu.core.machine.Machine;
import org.socemu.core.machine.MachineDescription;
import org.socemu.core.machine.Registry;
import org.socemu.core.machine.TestParts;

class TestRunnerTest {
    static Registry registry() {
        Registry r = TestParts.registry();
        r.register(new BootProtocol() {
            @Override public String name() { return "echo"; }
            @Override public Set<String> options() { return Set.of(); }
            @Override public void boot(Machine m, BootImages images) {
                if (m.resetCount() == 0) EchoGuest.install(m);
            }
        });
        r.register(MachineDescription.read(TestRunnerTest.class.getResourceAsStream("/machines/echo-board.json"), "echo-board.json"));
        return r;
    }

    static Path resource(String name) throws Exception {
        return Path.of(TestRunnerTest.class.getResource("/script/" + name).toURI());
    }

    static List<TestResult> runAll(Path file, Path logs) {
        TestFile f = TestFile.read(file);
        TestRunner runner = new TestRunner(registry(), logs);
        List<TestResult> out = new ArrayList<>();
        for (TestFile.Case c : f.tests) out.add(runner.run(f, c));
        return out;
    }

    @Test
    void passingTestsPass(@TempDir Path logs) throws Exception {
        List<TestResult> rs = runAll(resource("echo.yaml"), logs);
        for (TestResult r : rs) assertTrue(r.passed(), r.name() + ": " + r.failedStep() + ": " + r.message() + "\n" + r.consoleTail());
        String log = Files.readString(rs.get(0).logs().get("uart0"));
        assertTrue(log.contains("you said: hello"), log);
    }

    @Test
    void failuresNameTheStepAndWhy(@TempDir Path logs) throws Exception {
        List<TestResult> rs = runAll(resource("failing.yaml"), logs);
        assertEquals(3, rs.size());
        for (TestResult r : rs) assertFalse(r.passed(), r.name());
        assertTrue(rs.get(0).failedStep().contains("expect \"login:\""), rs.get(0).failedStep());
        assertTrue(rs.get(0).message().contains("within 0.500 s of virtual time"), rs.get(0).message());
        assertTrue(rs.get(0).consoleTail().contains("ready"), rs.get(0).consoleTail());
        assertTrue(rs.get(1).message().contains("Oops: 0000 [#1] test"), rs.get(1).message());
        assertTrue(rs.get(2).failedStep().startsWith("end"), rs.get(2).failedStep());
        assertTrue(rs.get(2).message().contains("power off"), rs.get(2).message());
    }

    @Test
    void twoRunsGiveIdenticalLogsAndVirtualTimes(@TempDir Path a, @TempDir Path b) throws Exception {
        List<TestResult> ra = runAll(resource("echo.yaml"), a), rb = runAll(resource("echo.yaml"), b);
        for (int i = 0; i < ra.size(); i++) {
            assertEquals(ra.get(i).virtualSeconds(), rb.get(i).virtualSeconds());
            assertArrayEquals(Files.readAllBytes(ra.get(i).logs().get("uart0")), Files.readAllBytes(rb.get(i).logs().get("uart0")));
        }
    }

    @Test
    void junitXmlCarriesFailures(@TempDir Path dir) throws Exception {
        List<TestResult> rs = runAll(resource("failing.yaml"), null);
        Path xml = dir.resolve("r.xml");
        JUnitXml.write(xml, rs);
        String s = Files.readString(xml);
        assertTrue(s.contains("tests=\"3\" failures=\"3\""), s);
        assertTrue(s.contains("<failure message="), s);
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    }

    @Test
    void yamlErrorsNameFileLineAndColumn(@TempDir Path dir) throws Exception {
        String[][] cases = {
            {"machine: x\ntests:\n  - name: a\n    steps:\n      - expekt: foo\n", ":5:", "unknown step key 'expekt'"},
            {"machine: x\ntests:\n  - name: a\n    steps:\n      - expect: \"(\"\n", ":5:", "bad regular expression"},
            {"machine: x\ntests: [ {name: a, steps: [ {send: hi, sleep: 1} ]} ]\n", ":2:", "exactly one action"},
            {"machine: x\ntests:\n  - name: a\n   bad indent: [\n", ":", ""},
            {"machine: x\nbogus: 1\ntests: []\n", ":2:", "unknown key 'bogus'"},
        };
        for (String[] c : cases) {
            Path f = dir.resolve("t.yaml");
            Files.writeString(f, c[0]);
            UserError e = assertThrows(UserError.class, () -> TestFile.read(f), c[0]);
            assertTrue(e.getMessage().startsWith(f + c[1]), e.getMessage());
            assertTrue(e.getMessage().contains(c[2]), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
