package org.socemu.core.machine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.socemu.core.Sizes;
import org.socemu.core.UserError;

/** Typed access to the free-form "props" of a machine description entry. */
public final class Props {
    private final String owner;
    private final Map<String, JsonNode> map;

    public Props(String owner, Map<String, JsonNode> map) {
        this.owner = owner;
        this.map = map;
    }

    public boolean has(String key) {
        return map.containsKey(key);
    }

    public String string(String key, String dflt) {
        JsonNode n = map.get(key);
        return n == null || n.isNull() ? dflt : n.asText();
    }

    /** A number, or a size/address string ("0x1000", "64K"). */
    public long number(String key, long dflt) {
        JsonNode n = map.get(key);
        if (n == null || n.isNull()) return dflt;
        if (n.isNumber()) return n.asLong();
        try {
            return Sizes.parse(n.asText());
        } catch (UserError e) {
            throw new UserError(owner + ": property " + key + ": " + e.getMessage());
        }
    }

    public boolean bool(String key, boolean dflt) {
        JsonNode n = map.get(key);
        return n == null || n.isNull() ? dflt : n.asBoolean();
    }

    public JsonNode node(String key) {
        return map.get(key);
    }
}
