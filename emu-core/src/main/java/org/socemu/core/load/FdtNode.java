package org.socemu.core.load;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socemu.core.UserError;

/**
 * A node of a device tree: a name ("cpu@0"), ordered properties and ordered children. Typed
 * getters read the flattened encodings (big-endian cells, NUL-terminated strings); a missing
 * property or a value of the wrong shape is a {@link UserError} naming the DTB and the node.
 */
public final class FdtNode {
    private String name;
    private FdtNode parent;
    /** Set on the root only: the tree, for the file name in error messages. */
    private Fdt tree;
    private final Map<String, FdtProperty> properties = new LinkedHashMap<>();
    private final List<FdtNode> children = new ArrayList<>();

    FdtNode(String name) {
        this.name = name;
    }

    static FdtNode root(Fdt tree) {
        FdtNode r = new FdtNode("");
        r.tree = tree;
        return r;
    }

    // ---- identity and structure ----

    /** The full name, with unit address: "memory@80000000" ("" for the root). */
    public String name() { return name; }

    /** The name without its unit address: "memory". */
    public String baseName() {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    /** The unit address ("80000000"), or "" if the name has none. */
    public String unitAddress() {
        int at = name.indexOf('@');
        return at < 0 ? "" : name.substring(at + 1);
    }

    public FdtNode parent() { return parent; }

    public String path() {
        if (parent == null) return "/";
        String p = parent.path();
        return (p.equals("/") ? "/" : p + "/") + name;
    }

    public List<FdtNode> children() { return Collections.unmodifiableList(children); }

    public Collection<FdtProperty> properties() { return Collections.unmodifiableCollection(properties.values()); }

    /**
     * The child called {@code childName}. A name without a unit address also matches a child with
     * one ("memory" finds "memory@80000000"), as libfdt's path lookup does; an exact match wins.
     */
    public FdtNode child(String childName) {
        for (FdtNode c : children) if (c.name.equals(childName)) return c;
        if (childName.indexOf('@') < 0)
            for (FdtNode c : children) if (c.baseName().equals(childName)) return c;
        return null;
    }

    /** Adds an empty child at the end; a child of that exact name must not exist. */
    public FdtNode addChild(String childName) {
        checkName(childName, "node");
        for (FdtNode c : children)
            if (c.name.equals(childName)) throw error("already has a child node " + childName);
        FdtNode n = new FdtNode(childName);
        n.parent = this;
        children.add(n);
        return n;
    }

    /** The child of that exact name, added if missing. */
    public FdtNode childOrAdd(String childName) {
        for (FdtNode c : children) if (c.name.equals(childName)) return c;
        return addChild(childName);
    }

    /** Removes this node (and its subtree) from its parent. The root cannot be removed. */
    public void remove() {
        if (parent == null) throw new IllegalStateException("the root node cannot be removed");
        parent.children.remove(this);
        parent = null;
    }

    /** Renames the node ("memory@80000000" when its reg changes). */
    public void rename(String newName) {
        if (parent == null) throw new IllegalStateException("the root node has no name");
        checkName(newName, "node");
        for (FdtNode c : parent.children)
            if (c != this && c.name.equals(newName)) throw parent.error("already has a child node " + newName);
        this.name = newName;
    }

    private void checkName(String n, String what) {
        if (n == null || n.isEmpty() || n.indexOf('/') >= 0 || n.indexOf('\0') >= 0)
            throw new IllegalArgumentException("bad " + what + " name '" + n + "'");
    }

    Fdt tree() {
        FdtNode n = this;
        while (n.parent != null) n = n.parent;
        return n.tree;
    }

    UserError error(String message) {
        Fdt t = tree();
        return new UserError((t == null ? "device tree" : t.name()) + ": " + path() + ": " + message);
    }

    // ---- properties: raw ----

    public boolean has(String prop) {
        return properties.containsKey(prop);
    }

    /** The property, or null. */
    public FdtProperty property(String prop) {
        return properties.get(prop);
    }

    private byte[] require(String prop) {
        FdtProperty p = properties.get(prop);
        if (p == null) throw error("no property '" + prop + "'");
        return p.raw();
    }

    public byte[] bytes(String prop) {
        return require(prop).clone();
    }

    /** Removes a property; returns whether it was there. */
    public boolean removeProperty(String prop) {
        return properties.remove(prop) != null;
    }

    /** Sets a property to raw bytes; an existing property keeps its place in the order. */
    public FdtNode setBytes(String prop, byte[] value) {
        checkName(prop, "property");
        properties.put(prop, new FdtProperty(prop, value.clone()));
        return this;
    }

    /** For the parser: a property whose value array is already owned by the tree. */
    void addParsed(String prop, byte[] value) {
        if (properties.containsKey(prop)) throw error("duplicate property '" + prop + "'");
        properties.put(prop, new FdtProperty(prop, value));
    }

    void addParsedChild(FdtNode c) {
        for (FdtNode o : children) if (o.name.equals(c.name)) throw error("duplicate child node " + c.name);
        c.parent = this;
        children.add(c);
    }

    // ---- properties: numbers ----

    public int u32(String prop) {
        byte[] v = require(prop);
        if (v.length != 4) throw error("property '" + prop + "' has " + v.length + " bytes, not one 32-bit cell");
        return cell(v, 0);
    }

    public int u32(String prop, int otherwise) {
        return has(prop) ? u32(prop) : otherwise;
    }

    public int[] u32Array(String prop) {
        byte[] v = require(prop);
        if (v.length % 4 != 0) throw error("property '" + prop + "' has " + v.length + " bytes, not whole 32-bit cells");
        int[] out = new int[v.length / 4];
        for (int i = 0; i < out.length; i++) out[i] = cell(v, 4 * i);
        return out;
    }

    public long u64(String prop) {
        byte[] v = require(prop);
        if (v.length != 8) throw error("property '" + prop + "' has " + v.length + " bytes, not two 32-bit cells");
        return (cell(v, 0) & 0xffffffffL) << 32 | cell(v, 4) & 0xffffffffL;
    }

    /**
     * A list of numbers of {@code cellsEach} cells (1 or 2) each: a "reg" of one kind, or
     * linux,initrd-start written with either width.
     */
    public long[] numbers(String prop, int cellsEach) {
        int[] c = u32Array(prop);
        if (cellsEach < 1 || cellsEach > 2) throw new IllegalArgumentException("numbers of 1 or 2 cells, not " + cellsEach);
        if (c.length % cellsEach != 0)
            throw error("property '" + prop + "' has " + c.length + " cells, not a multiple of " + cellsEach);
        long[] out = new long[c.length / cellsEach];
        for (int i = 0; i < out.length; i++) out[i] = join(c, i * cellsEach, cellsEach);
        return out;
    }

    /** A reg-style list of (address, size) pairs: {a0, s0, a1, s1, ...}. */
    public long[] reg(String prop, int addressCells, int sizeCells) {
        int[] c = u32Array(prop);
        int per = addressCells + sizeCells;
        if (per == 0 || c.length % per != 0)
            throw error("property '" + prop + "' has " + c.length + " cells, not (" + addressCells + " + " + sizeCells + ") per entry");
        long[] out = new long[2 * (c.length / per)];
        for (int i = 0; i < c.length / per; i++) {
            out[2 * i] = join(c, i * per, addressCells);
            out[2 * i + 1] = join(c, i * per + addressCells, sizeCells);
        }
        return out;
    }

    private long join(int[] c, int from, int n) {
        if (n > 2) throw error("numbers of " + n + " cells do not fit in 64 bits");
        long v = 0;
        for (int i = 0; i < n; i++) v = v << 32 | c[from + i] & 0xffffffffL;
        return v;
    }

    public FdtNode setU32(String prop, int value) {
        return setU32s(prop, value);
    }

    public FdtNode setU32s(String prop, int... cells) {
        byte[] v = new byte[4 * cells.length];
        for (int i = 0; i < cells.length; i++) putCell(v, 4 * i, cells[i]);
        return setBytes(prop, v);
    }

    /** A 64-bit number as two cells, high first. */
    public FdtNode setU64(String prop, long value) {
        return setU32s(prop, (int) (value >>> 32), (int) value);
    }

    /** Numbers of {@code cellsEach} cells each; a number that does not fit is a {@link UserError}. */
    public FdtNode setNumbers(String prop, int cellsEach, long... values) {
        int[] c = new int[values.length * cellsEach];
        for (int i = 0; i < values.length; i++) split(prop, values[i], cellsEach, c, i * cellsEach);
        return setU32s(prop, c);
    }

    /** A reg-style list from (address, size) pairs {a0, s0, a1, s1, ...}. */
    public FdtNode setReg(String prop, int addressCells, int sizeCells, long... pairs) {
        if (pairs.length % 2 != 0) throw new IllegalArgumentException("reg needs (address, size) pairs");
        int per = addressCells + sizeCells;
        int[] c = new int[pairs.length / 2 * per];
        for (int i = 0; i < pairs.length / 2; i++) {
            split(prop, pairs[2 * i], addressCells, c, i * per);
            split(prop, pairs[2 * i + 1], sizeCells, c, i * per + addressCells);
        }
        return setU32s(prop, c);
    }

    private void split(String prop, long value, int n, int[] into, int at) {
        if (n < 0 || n > 2) throw error("numbers of " + n + " cells are not supported");
        if (n < 2 && value >>> (32 * n) != 0)
            throw error(String.format("0x%x does not fit in %d cell%s of property '%s'", value, n, n == 1 ? "" : "s", prop));
        for (int i = n - 1; i >= 0; i--) {
            into[at + i] = (int) value;
            value >>>= 32;
        }
    }

    /** #address-cells of this node (for its children's reg), 2 when absent (DT spec 2.3.5). */
    public int addressCells() {
        return u32("#address-cells", 2);
    }

    /** #size-cells of this node (for its children's reg), 1 when absent (DT spec 2.3.5). */
    public int sizeCells() {
        return u32("#size-cells", 1);
    }

    static int cell(byte[] v, int at) {
        return (v[at] & 0xff) << 24 | (v[at + 1] & 0xff) << 16 | (v[at + 2] & 0xff) << 8 | v[at + 3] & 0xff;
    }

    static void putCell(byte[] v, int at, int c) {
        v[at] = (byte) (c >>> 24);
        v[at + 1] = (byte) (c >>> 16);
        v[at + 2] = (byte) (c >>> 8);
        v[at + 3] = (byte) c;
    }

    // ---- properties: strings ----

    /** A string property (the first string of a list). */
    public String string(String prop) {
        byte[] v = require(prop);
        int end = 0;
        while (end < v.length && v[end] != 0) end++;
        if (end == v.length) throw error("property '" + prop + "' is not a NUL-terminated string");
        return new String(v, 0, end, StandardCharsets.UTF_8);
    }

    public String string(String prop, String otherwise) {
        return has(prop) ? string(prop) : otherwise;
    }

    /** A string list ("compatible"): NUL-separated, NUL-terminated. */
    public List<String> strings(String prop) {
        byte[] v = require(prop);
        if (v.length == 0) return List.of();
        if (v[v.length - 1] != 0) throw error("property '" + prop + "' is not a NUL-terminated string list");
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < v.length; i++)
            if (v[i] == 0) {
                out.add(new String(v, from, i - from, StandardCharsets.UTF_8));
                from = i + 1;
            }
        return out;
    }

    public FdtNode setString(String prop, String value) {
        return setStrings(prop, value);
    }

    public FdtNode setStrings(String prop, String... values) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String s : values) {
            if (s.indexOf('\0') >= 0) throw new IllegalArgumentException("string with NUL in property " + prop);
            b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        return setBytes(prop, b.toByteArray());
    }

    /** True when "compatible" lists {@code compat}. */
    public boolean isCompatible(String compat) {
        FdtProperty p = properties.get("compatible");
        if (p == null) return false;
        byte[] v = p.raw(), want = compat.getBytes(StandardCharsets.UTF_8);
        int from = 0;
        for (int i = 0; i <= v.length; i++)
            if (i == v.length || v[i] == 0) {
                if (i - from == want.length && Arrays.equals(v, from, i, want, 0, want.length)) return true;
                from = i + 1;
            }
        return false;
    }

    /** The node's phandle ("phandle" or the older "linux,phandle"), or 0 if it has none. */
    public int phandle() {
        if (has("phandle")) return u32("phandle");
        return u32("linux,phandle", 0);
    }

    // ---- comparison and printing ----

    /** Same name, same properties in the same order with the same values, same children likewise. */
    public boolean contentEquals(FdtNode o) {
        if (!name.equals(o.name) || properties.size() != o.properties.size() || children.size() != o.children.size())
            return false;
        var a = properties.values().iterator();
        var b = o.properties.values().iterator();
        while (a.hasNext()) if (!a.next().sameAs(b.next())) return false;
        for (int i = 0; i < children.size(); i++) if (!children.get(i).contentEquals(o.children.get(i))) return false;
        return true;
    }

    @Override
    public String toString() {
        return path();
    }
}
