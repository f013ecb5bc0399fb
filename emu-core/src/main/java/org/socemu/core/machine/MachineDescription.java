package org.socemu.core.machine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socemu.core.UserError;

/**
 * A board as data: cores, memory, devices with their IRQ wiring, per-core bus views, and the boot
 * protocol. Read from JSON (machine resources, or a user's {@code --machine-file}).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class MachineDescription {
    public String name;
    public String description = "";
    /** "little" or "big". */
    public String endian = "little";
    /** Boot protocol name ({@link BootProtocol}): "arm-linux", "mips-uhi", "elf", ... */
    public String boot = "elf";
    /** The UART that a bare --serial and the default stdio go to. */
    public String console;
    public List<CoreDesc> cores = new ArrayList<>();
    public List<MemoryDesc> memory = new ArrayList<>();
    public List<DeviceDesc> devices = new ArrayList<>();
    public List<ViewDesc> views = new ArrayList<>();
    /** Free-form settings for the boot protocol (load addresses, default images, ...). */
    public Map<String, JsonNode> props = new LinkedHashMap<>();

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class CoreDesc {
        public String id;
        public String type;
        public long hz;
        public String view = "system";
        /** "run" (starts at power-on), "held" (in reset until software releases it), "off" (powered down). */
        public String reset = "run";
        public Map<String, JsonNode> props = new LinkedHashMap<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class MemoryDesc {
        public String name;
        public String base;
        public String size;
        /** "ram" or "rom". */
        public String kind = "ram";
        /** The main RAM that --mem resizes. */
        @JsonProperty("main")
        public boolean main;
        /** Kept across a machine reset (on-chip SRAM, flash). */
        public boolean retain;
        /** Also mapped at these addresses in the system view (aliases). */
        public List<String> aliases = new ArrayList<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class DeviceDesc {
        public String name;
        public String type;
        public String base;
        /** Window size; the device's own size if absent. */
        public String size;
        /** IRQ outputs in order, each "component:pin" ("gic:26", "cpu:6"). A single string is one output. */
        public List<String> irq = new ArrayList<>();
        public Map<String, JsonNode> props = new LinkedHashMap<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class ViewDesc {
        public String name;
        /** Start from this view's mappings ("system"), or from nothing if absent. */
        public String from;
        /** Region names of the base view left out of this one. */
        public List<String> exclude = new ArrayList<>();
        public List<MapDesc> map = new ArrayList<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class MapDesc {
        public String base;
        public String target;
        public String offset = "0";
        public String size;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static MachineDescription read(InputStream in, String what) {
        try {
            MachineDescription d = MAPPER.readValue(in, MachineDescription.class);
            d.validate(what);
            return d;
        } catch (UnrecognizedPropertyException e) {
            throw new UserError(what + ": unknown field '" + e.getPropertyName() + "' at line "
                    + e.getLocation().getLineNr());
        } catch (JsonProcessingException e) {
            throw new UserError(what + ": " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new UserError(what + ": " + e.getMessage());
        }
    }

    public static MachineDescription read(Path file) {
        if (!Files.isRegularFile(file)) throw new UserError("machine file not found: " + file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UserError("cannot read machine file " + file + ": " + e.getMessage());
        }
    }

    private void validate(String what) {
        if (name == null || name.isBlank()) throw new UserError(what + ": machine has no name");
        if (cores.isEmpty()) throw new UserError(what + ": machine has no cores");
        for (CoreDesc c : cores) {
            if (c.id == null || c.type == null) throw new UserError(what + ": every core needs an id and a type");
            if (c.hz <= 0) throw new UserError(what + ": core " + c.id + " needs a positive hz");
            if (!List.of("run", "held", "off").contains(c.reset))
                throw new UserError(what + ": core " + c.id + ": reset must be run, held or off");
        }
        for (MemoryDesc m : memory)
            if (m.name == null || m.base == null || m.size == null)
                throw new UserError(what + ": every memory region needs name, base and size");
        for (DeviceDesc dv : devices)
            if (dv.name == null || dv.type == null) throw new UserError(what + ": every device needs a name and a type");
    }

    public CoreDesc core(String id) {
        for (CoreDesc c : cores) if (c.id.equals(id)) return c;
        return null;
    }

    public MemoryDesc mainMemory() {
        for (MemoryDesc m : memory) if (m.main) return m;
        return null;
    }

    public String prop(String key, String dflt) {
        JsonNode n = props.get(key);
        return n == null ? dflt : n.asText();
    }
}
