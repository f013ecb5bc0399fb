package org.socemu.core.script;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.socemu.core.Sizes;
import org.socemu.core.UserError;
import org.socemu.core.machine.BootImages;
import org.socemu.core.machine.DefaultImages;

/**
 * A file of boot tests (YAML). The file names a machine and its images; each test may override
 * them and lists its steps. See the README for the format.
 */
public final class TestFile {
    /** Images as written in YAML: paths (relative to the file, ${VAR} expanded) or image:NAME. */
    public static final class Images {
        public String kernel, dtb, initrd, append, flash, bios;
        @JsonProperty("m4-firmware") public String m4Firmware;
        public String mem;
        public Integer smp;
        @JsonProperty("no-psci") public boolean noPsci;
        @JsonProperty("run-decompressor") public boolean runDecompressor;
        @JsonProperty("flash-writable") public boolean flashWritable;
    }

    /** One test: a fresh machine, its steps, and how the run must end. */
    public static final class Case {
        public String name;
        public String machine;
        @JsonProperty("machine-file") public String machineFile;
        public Images images;
        /** Default timeout of expect steps, virtual seconds. */
        public Double timeout;
        public List<Step> steps = new ArrayList<>();
        /** After the steps: "power-off" (run until the guest powers off), "any" or absent (stop after the last step). */
        public String end;
        /** Virtual seconds to wait for the end. */
        @JsonProperty("end-timeout") public Double endTimeout;
        /** Exit code the end must give (as `socemu run` would). */
        @JsonProperty("exit-code") public Integer exitCode;
        @JsonProperty("serial") public Map<String, String> serial = new LinkedHashMap<>();
    }

    public String machine;
    @JsonProperty("machine-file") public String machineFile;
    public Images images;
    public Double timeout;
    public List<Case> tests = new ArrayList<>();

    /** Where the file was read from (its folder anchors relative paths). */
    public transient Path path;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    public static TestFile read(Path file) {
        if (!Files.isRegularFile(file)) throw new UserError("test file not found: " + file);
        TestFile f;
        try {
            f = YAML.readValue(file.toFile(), TestFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new UserError(where(file, e) + "unknown key '" + e.getPropertyName() + "'");
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof Step.ScriptError se)
                throw new UserError(file + ":" + se.line + ":" + se.column + ": " + se.getMessage());
            throw new UserError(where(file, e) + oneLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new UserError(where(file, e) + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            if (e instanceof Step.ScriptError se) throw new UserError(file + ":" + se.line + ":" + se.column + ": " + se.getMessage());
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
        if (f == null) throw new UserError(file + ": empty test file");
        f.path = file;
        f.validate();
        return f;
    }

    private static String oneLine(String s) {
        return s == null ? "malformed YAML" : s.replaceAll("\\s*\n\\s*", "; ");
    }

    private static String where(Path file, JsonProcessingException e) {
        if (e.getLocation() == null) return file + ": ";
        return file + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr() + ": ";
    }

    private void validate() {
        if (tests.isEmpty()) throw new UserError(path + ": no tests (a 'tests:' list is needed)");
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Case c : tests) {
            if (c.name == null || c.name.isBlank()) throw new UserError(path + ": every test needs a name");
            if (!names.add(c.name)) throw new UserError(path + ": two tests are named '" + c.name + "'");
            if (machineOf(c) == null && machineFileOf(c) == null) throw new UserError(path + ": test '" + c.name + "' names no machine");
            if (c.end != null && !List.of("power-off", "any", "fatal").contains(c.end))
                throw new UserError(path + ": test '" + c.name + "': end must be power-off, fatal or any");
            for (Step s : c.steps)
                if (s.until != null && c.steps.stream().noneMatch(o -> s.until.equals(o.name)))
                    throw new UserError(path + ":" + s.line + ": until names no step: '" + s.until + "'");
        }
    }

    public String machineOf(Case c) {
        return c.machine != null ? c.machine : machine;
    }

    public Path machineFileOf(Case c) {
        String m = c.machineFile != null ? c.machineFile : machineFile;
        return m == null ? null : resolve(m);
    }

    public double timeoutOf(Case c) {
        return c.timeout != null ? c.timeout : timeout != null ? timeout : 30.0;
    }

    /** The boot images of a test: the file's, overridden field by field by the test's. */
    public BootImages imagesOf(Case c) {
        Images base = images == null ? new Images() : images, over = c.images == null ? new Images() : c.images;
        BootImages b = new BootImages();
        b.kernel = path(pick(over.kernel, base.kernel));
        b.dtb = path(pick(over.dtb, base.dtb));
        b.initrd = path(pick(over.initrd, base.initrd));
        b.flash = path(pick(over.flash, base.flash));
        b.bios = path(pick(over.bios, base.bios));
        b.m4Firmware = path(pick(over.m4Firmware, base.m4Firmware));
        b.append = expand(pick(over.append, base.append));
        String mem = pick(over.mem, base.mem);
        if (mem != null) b.mem = Sizes.parse(mem);
        b.smp = over.smp != null ? over.smp : base.smp;
        b.noPsci = over.noPsci || base.noPsci;
        b.runDecompressor = over.runDecompressor || base.runDecompressor;
        b.flashWritable = over.flashWritable || base.flashWritable;
        return b;
    }

    private static String pick(String a, String b) {
        return a != null ? a : b;
    }

    private Path path(String spec) {
        if (spec == null) return null;
        if (spec.startsWith("image:")) return DefaultImages.get(spec.substring(6));
        Path p = resolve(expand(spec));
        if (!Files.isRegularFile(p)) throw new UserError(path + ": image not found: " + p);
        return p;
    }

    private Path resolve(String s) {
        Path p = Path.of(expand(s));
        return p.isAbsolute() || path == null ? p : path.toAbsolutePath().getParent().resolve(p);
    }

    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    static String expand(String s) {
        if (s == null) return null;
        Matcher m = VAR.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = System.getenv(m.group(1));
            if (v == null && m.group(1).equals("SOCEMU_IMAGES")) v = DefaultImages.cacheDir().toString();
            if (v == null) throw new UserError("environment variable " + m.group(1) + " is not set (used in a test file)");
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
