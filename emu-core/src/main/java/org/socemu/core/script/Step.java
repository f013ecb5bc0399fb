package org.socemu.core.script;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One step of a boot test. Written in YAML as a map whose one action key says what it does:
 * <pre>
 *   - expect: "login:"            # regex on a UART, within a virtual-time timeout
 *     timeout: 30
 *   - send: "uname -a"            # a line (a newline is added)
 *   - send-raw: "\u0003"          # bytes exactly as given
 *   - expect-not: "Oops|BUG"      # must not appear from here to the end (or to the step named in until)
 *     until: shell
 *   - sleep: 0.5                  # let virtual time pass
 *   - powercycle: true            # power the machine off and on again
 * </pre>
 * Every step may name a {@code uart} (default: the console) and a {@code name}.
 */
@JsonDeserialize(using = Step.Reader.class)
public final class Step {
    public enum Kind { EXPECT, EXPECT_NOT, SEND, SEND_RAW, SLEEP, POWERCYCLE }

    static final Map<String, Kind> ACTIONS = Map.of("expect", Kind.EXPECT, "expect-not", Kind.EXPECT_NOT,
            "send", Kind.SEND, "send-raw", Kind.SEND_RAW, "sleep", Kind.SLEEP, "powercycle", Kind.POWERCYCLE);
    static final Set<String> MODIFIERS = Set.of("uart", "timeout", "name", "until");

    public Kind kind;
    public String argument;
    public String uart = "console";
    /** Virtual seconds; null means the test's default. */
    public Double timeout;
    public String name;
    public String until;
    /** Where the step stands in its file, for error messages. */
    public int line;
    public int column;

    public String describe() {
        String k = kind.name().toLowerCase().replace('_', '-');
        String arg = argument == null ? "" : " " + quote(argument);
        return (name != null ? name + ": " : "") + k + arg + ("console".equals(uart) ? "" : " on " + uart) + " (line " + line + ")";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }

    /** Reads a step and remembers where it was. */
    static final class Reader extends StdDeserializer<Step> {
        Reader() {
            super(Step.class);
        }

        @Override
        public Step deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonLocation at = p.currentTokenLocation();
            JsonNode n = p.readValueAsTree();
            Step s = new Step();
            s.line = at.getLineNr();
            s.column = at.getColumnNr();
            if (!n.isObject()) throw new ScriptError(s, "a step must be a map such as {expect: \"regex\"}");
            List<String> actions = new ArrayList<>();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (ACTIONS.containsKey(f)) actions.add(f);
                else if (!MODIFIERS.contains(f))
                    throw new ScriptError(s, "unknown step key '" + f + "' (actions: " + String.join(", ", new java.util.TreeSet<>(ACTIONS.keySet()))
                            + "; modifiers: uart, timeout, name, until)");
            }
            if (actions.size() != 1) throw new ScriptError(s, "a step needs exactly one action, found " + (actions.isEmpty() ? "none" : actions));
            String a = actions.get(0);
            s.kind = ACTIONS.get(a);
            JsonNode v = n.get(a);
            s.argument = v.isNull() ? null : v.asText();
            if (n.has("uart")) s.uart = n.get("uart").asText();
            if (n.has("name")) s.name = n.get("name").asText();
            if (n.has("until")) s.until = n.get("until").asText();
            if (n.has("timeout")) {
                if (!n.get("timeout").isNumber() || n.get("timeout").asDouble() <= 0)
                    throw new ScriptError(s, "timeout must be a positive number of virtual seconds");
                s.timeout = n.get("timeout").asDouble();
            }
            switch (s.kind) {
                case EXPECT, EXPECT_NOT -> {
                    if (s.argument == null || s.argument.isEmpty()) throw new ScriptError(s, a + " needs a regular expression");
                    try {
                        java.util.regex.Pattern.compile(s.argument);
                    } catch (java.util.regex.PatternSyntaxException e) {
                        throw new ScriptError(s, "bad regular expression: " + e.getDescription());
                    }
                }
                case SLEEP -> {
                    if (!v.isNumber() || v.asDouble() < 0) throw new ScriptError(s, "sleep needs a number of virtual seconds");
                }
                case SEND, SEND_RAW -> {
                    if (s.argument == null) throw new ScriptError(s, a + " needs text");
                }
                case POWERCYCLE -> { }
            }
            if (s.until != null && s.kind != Kind.EXPECT_NOT) throw new ScriptError(s, "until only applies to expect-not");
            return s;
        }
    }

    /** A semantic error in a step, with its position. */
    static final class ScriptError extends IOException {
        final int line, column;

        ScriptError(Step s, String msg) {
            super(msg);
            this.line = s.line;
            this.column = s.column;
        }
    }
}
