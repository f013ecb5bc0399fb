package org.socemu.core.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.socemu.core.UserError;

/**
 * A device tree, read from and written to the flattened format (DTB, Devicetree Specification
 * chapter 5) by code of our own: no dtc at run time. The tree is mutable, so that boot protocols
 * can fix up /chosen, /memory and /psci before writing it into guest memory.
 */
public final class Fdt {
    public static final int MAGIC = 0xd00dfeed;

    /** One entry of the memory reservation map. */
    public record Reservation(long address, long size) {}

    private final String name;
    private final FdtNode root;
    private final List<Reservation> reservations = new ArrayList<>();
    private int bootCpuidPhys;

    /** An empty tree (just the root node); {@code name} starts error messages. */
    public Fdt(String name) {
        this.name = name;
        this.root = FdtNode.root(this);
    }

    public static Fdt read(Path file) {
        return parse(ImageFile.nameOf(file), ImageFile.read(file));
    }

    /** Parses a DTB (version 16 or 17); a malformed blob is a UserError naming {@code name}. */
    public static Fdt parse(String name, byte[] blob) {
        return new FdtReader(name, blob).read();
    }

    /** True when {@code data} starts with the FDT magic 0xd00dfeed. */
    public static boolean isFdt(byte[] data) {
        return data.length >= 4 && FdtNode.cell(data, 0) == MAGIC;
    }

    /** The flattened form: version 17, strings deduplicated, the reservation map kept. */
    public byte[] toBytes() {
        return toBytes(0);
    }

    /** The flattened form with {@code padding} free bytes at the end (counted in totalsize). */
    public byte[] toBytes(int padding) {
        return new FdtWriter(this).write(padding);
    }

    /** A deep copy (to fix up a fresh copy at every reset). */
    public Fdt copy() {
        return parse(name, toBytes());
    }

    public String name() { return name; }
    public FdtNode root() { return root; }

    /** The memory reservation map, mutable. */
    public List<Reservation> reservations() { return reservations; }

    public int bootCpuidPhys() { return bootCpuidPhys; }
    public void setBootCpuidPhys(int id) { this.bootCpuidPhys = id; }

    /**
     * The node at {@code path} ("/cpus/cpu@0", or "/memory" for "/memory@80000000"), or null.
     * A path not starting with '/' begins with an alias from /aliases ("serial0", "serial0/child").
     * Options after a ':' are ignored, as Linux does for stdout-path ("serial0:115200n8"); node
     * names cannot contain ':'.
     */
    public FdtNode node(String path) {
        int colon = path.indexOf(':');
        if (colon >= 0) path = path.substring(0, colon);
        FdtNode n;
        String rest;
        if (path.startsWith("/")) {
            n = root;
            rest = path;
        } else {
            int slash = path.indexOf('/');
            String alias = slash < 0 ? path : path.substring(0, slash);
            FdtNode aliases = root.child("aliases");
            if (aliases == null || !aliases.has(alias)) return null;
            String target = aliases.string(alias);
            if (!target.startsWith("/")) return null;  // aliases must be full paths
            n = node(target);
            rest = slash < 0 ? "" : path.substring(slash);
        }
        for (String part : rest.split("/")) {
            if (n == null) return null;
            if (!part.isEmpty()) n = n.child(part);
        }
        return n;
    }

    /** The node at {@code path}; a UserError naming the DTB if there is none. */
    public FdtNode requireNode(String path) {
        FdtNode n = node(path);
        if (n == null) throw new UserError(name + ": no node " + path);
        return n;
    }

    /** The node at an absolute path, creating missing nodes along the way (like mkdir -p). */
    public FdtNode nodeOrCreate(String path) {
        if (!path.startsWith("/")) throw new IllegalArgumentException("absolute path expected: " + path);
        FdtNode n = root;
        for (String part : path.split("/")) {
            if (part.isEmpty()) continue;
            FdtNode c = n.child(part);
            n = c != null ? c : n.addChild(part);
        }
        return n;
    }

    /** Every node whose "compatible" lists {@code compat}, in tree order. */
    public List<FdtNode> findCompatible(String compat) {
        List<FdtNode> out = new ArrayList<>();
        walk(root, n -> { if (n.isCompatible(compat)) out.add(n); });
        return out;
    }

    /** The node with this phandle, or null. */
    public FdtNode byPhandle(int phandle) {
        if (phandle == 0 || phandle == -1) return null;
        FdtNode[] found = new FdtNode[1];
        walk(root, n -> { if (found[0] == null && n.phandle() == phandle) found[0] = n; });
        return found[0];
    }

    /** Visits every node, parents before children, in order. */
    public static void walk(FdtNode from, Consumer<FdtNode> visit) {
        visit.accept(from);
        for (FdtNode c : from.children()) walk(c, visit);
    }

    /** Same nodes, properties, reservation map and boot CPU. */
    public boolean contentEquals(Fdt o) {
        return bootCpuidPhys == o.bootCpuidPhys && reservations.equals(o.reservations) && root.contentEquals(o.root);
    }

    /** The tree in dts source form, as `dtc -O dts` would print it (for logs and test failures). */
    public String toDts() {
        return DtsPrinter.print(this);
    }
}
