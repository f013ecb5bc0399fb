package org.socemu.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static void assertOneLineError(Run r, String fragment) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace: " + r.err());
    }

    @Test
    void versionAndHelp() {
        Run v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("socemu "), v.out());
        Run h = run("run", "--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("--kernel") && h.out().contains("--until"), h.out());
    }

    @Test
    void unknownMachineIsAOneLineErrorWithExitCode2() {
        assertOneLineError(run("run", "no-such-board"), "unknown machine 'no-such-board'");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertOneLineError(run("run", "x", "--frobnicate"), "Unknown option");
    }

    @Test
    void missingImageFileIsNamed(@TempDir Path dir) throws Exception {
        Path board = writeBoard(dir);
        assertOneLineError(run("run", "--machine-file", board.toString(), "--kernel", dir.resolve("nope").toString()),
                "--kernel: file not found");
    }

    @Test
    void malformedMachineFileNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\n  \"name\": \"x\",\n  \"cores\": [ { \"id\": 1, \n");
        Run r = run("run", "--machine-file", bad.toString());
        assertOneLineError(r, "bad.json");
        assertTrue(r.err().contains("line"), r.err());
    }

    @Test
    void machineWithoutItsCoreTypeIsReportedAsNotYetImplemented(@TempDir Path dir) throws Exception {
        assertOneLineError(run("run", "--machine-file", writeBoard(dir).toString()), "not yet implemented");
    }

    @Test
    void badOptionValuesAreRefused(@TempDir Path dir) throws Exception {
        assertOneLineError(run("run", "x", "--mem", "lots"), "not a size");
        assertOneLineError(run("run", "x", "--trace", "everything"), "");
    }

    @Test
    void serialBindingsParse() {
        assertEquals(new SerialBinding("uart2", "file:m4.log"), SerialBinding.parse("uart2=file:m4.log"));
        assertEquals(new SerialBinding("console", "tcp:127.0.0.1:5556"), SerialBinding.parse("tcp:127.0.0.1:5556"));
        assertEquals(new SerialBinding("console", "file:a=b.log"), SerialBinding.parse("file:a=b.log"));
        assertThrows(org.socemu.core.UserError.class, () -> SerialBinding.parse("uart1=telnet:1"));
        assertThrows(org.socemu.core.UserError.class, () -> SerialBinding.parse("tcp:99999"));
    }

    @Test
    void machinesListsEveryMachineOnOneLine() {
        Run r = run("machines");
        assertEquals(0, r.code(), r.err());
        for (String line : r.out().split("\n")) if (!line.isBlank()) assertTrue(line.matches("\\S+\\s+.*"), line);
    }

    private static Path writeBoard(Path dir) throws Exception {
        Path f = dir.resolve("board.json");
        Files.writeString(f, """
                { "name": "mine", "description": "a user's board", "boot": "elf",
                  "cores": [ { "id": "cpu", "type": "imaginary-core", "hz": 1000000 } ],
                  "memory": [ { "name": "ram", "base": "0", "size": "1M" } ] }
                """);
        return f;
    }
}
