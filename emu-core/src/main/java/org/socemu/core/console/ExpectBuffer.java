package org.socemu.core.console;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps everything a UART printed, for tests and `--until`: a regex can be armed, and the first
 * match after the last consumed position calls back (which stops the machine). Matching is line
 * by line (a match never spans a newline) and also sees the unfinished last line, so prompts that
 * end without a newline match. Optionally passes output on to another backend (the terminal).
 */
public final class ExpectBuffer implements CharBackend {
    private final StringBuilder text = new StringBuilder();
    private final CharBackend tee;
    private int consumed;
    private int lineStart;
    private Pattern armed;
    private Runnable onMatch;
    private String lastMatch;

    public ExpectBuffer() {
        this(null);
    }

    public ExpectBuffer(CharBackend tee) {
        this.tee = tee;
    }

    @Override
    public void attach(SerialPort port) {
        if (tee != null) tee.attach(port);
    }

    @Override
    public synchronized void write(int b) {
        text.append((char) (b & 0xff));
        if (tee != null) tee.write(b);
        if (armed != null) check(Math.max(consumed, lineStart));
        if (b == '\n') lineStart = text.length();
    }

    @Override
    public void flush() {
        if (tee != null) tee.flush();
    }

    @Override
    public void close() {
        if (tee != null) tee.close();
    }

    /**
     * Arms {@code p}; {@code onMatch} runs on the first match in output not yet consumed (at once,
     * if it is already there). Returns true if it matched at once.
     */
    public synchronized boolean arm(Pattern p, Runnable onMatch) {
        this.armed = p;
        this.onMatch = onMatch;
        this.lastMatch = null;
        // output that arrived before arming: search it line by line
        int from = consumed;
        while (armed != null && from <= text.length()) {
            int nl = text.indexOf("\n", from);
            int end = nl < 0 ? text.length() : nl + 1;
            if (find(from, end)) return true;
            if (nl < 0) break;
            from = end;
        }
        return false;
    }

    public synchronized void disarm() {
        armed = null;
        onMatch = null;
    }

    private void check(int from) {
        find(from, text.length());
    }

    private boolean find(int from, int end) {
        Matcher m = armed.matcher(text);
        m.region(from, end);
        if (!m.find()) return false;
        lastMatch = m.group();
        consumed = m.end();
        Runnable r = onMatch;
        armed = null;
        onMatch = null;
        if (r != null) r.run();
        return true;
    }

    /** The text of the last match. */
    public synchronized String lastMatch() {
        return lastMatch;
    }

    /** Everything received so far, bytes as ISO-8859-1 characters. */
    public synchronized String text() {
        return text.toString();
    }

    public synchronized byte[] bytes() {
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Position after the last match (later matches start here). */
    public synchronized int consumed() {
        return consumed;
    }

    /** Marks everything so far as consumed (the next expect only sees new output). */
    public synchronized void consumeAll() {
        consumed = text.length();
    }

    /** The last {@code n} lines, for failure reports. */
    public synchronized String tail(int n) {
        int pos = text.length();
        for (int i = 0; i < n && pos > 0; i++) {
            int nl = text.lastIndexOf("\n", pos - 2);
            pos = nl < 0 ? 0 : nl + 1;
        }
        return text.substring(pos);
    }
}
