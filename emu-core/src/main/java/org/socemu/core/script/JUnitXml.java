package org.socemu.core.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.socemu.core.UserError;

/** Writes test results as JUnit XML, which CI systems read: one testsuite per test file. */
public final class JUnitXml {
    private JUnitXml() {}

    public static void write(Path out, List<TestResult> results) {
        Map<String, List<TestResult>> byFile = new LinkedHashMap<>();
        for (TestResult r : results) byFile.computeIfAbsent(r.file(), k -> new java.util.ArrayList<>()).add(r);
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
        for (Map.Entry<String, List<TestResult>> e : byFile.entrySet()) {
            long failures = e.getValue().stream().filter(r -> !r.passed()).count();
            double time = e.getValue().stream().mapToDouble(TestResult::wallSeconds).sum();
            sb.append(String.format(Locale.ROOT, "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" time=\"%.3f\">%n",
                    esc(e.getKey()), e.getValue().size(), failures, time));
            for (TestResult r : e.getValue()) {
                sb.append(String.format(Locale.ROOT, "    <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\">%n",
                        esc(e.getKey()), esc(r.name()), r.wallSeconds()));
                sb.append(String.format(Locale.ROOT, "      <properties><property name=\"virtual-seconds\" value=\"%.6f\"/></properties>%n", r.virtualSeconds()));
                if (!r.passed())
                    sb.append("      <failure message=\"").append(esc(r.failedStep() + ": " + r.message())).append("\">")
                            .append(esc(r.consoleTail())).append("</failure>\n");
                sb.append("    </testcase>\n");
            }
            sb.append("  </testsuite>\n");
        }
        sb.append("</testsuites>\n");
        try {
            if (out.getParent() != null) Files.createDirectories(out.getParent());
            Files.writeString(out, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot write JUnit report " + out + ": " + e.getMessage());
        }
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\n', '\t' -> b.append(c);
                case '\r' -> b.append("&#13;");
                default -> b.append(c < 0x20 || (c >= 0x7f && c < 0xa0) ? '?' : c);
            }
        }
        return b.toString();
    }
}
