package org.bkdms.ledger.cluster;

import java.util.Objects;

/**
 * A node of the cluster as its peers reach it: its id (as named in the chain's genesis) and the
 * address of its Raft (Ratis) endpoint.
 *
 * @param nodeId the node's id
 * @param host host name or address of its Raft endpoint; the node's TLS certificate MUST name it
 * @param raftPort port of its Raft endpoint
 */
public record ClusterMember(String nodeId, String host, int raftPort) {
    /**
     * Checks the parts.
     *
     * @param nodeId see {@link #nodeId()}
     * @param host see {@link #host()}
     * @param raftPort see {@link #raftPort()}
     */
    public ClusterMember {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(host, "host");
        if (nodeId.isEmpty() || raftPort < 1 || raftPort > 65535) {
            throw new IllegalArgumentException("a member needs an id and a port 1..65535");
        }
    }

    /**
     * @param spec {@code id=host:port}
     * @return the member
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static ClusterMember parse(String spec) {
        int eq = spec.indexOf('=');
        int colon = spec.lastIndexOf(':');
        if (eq < 1 || colon < eq + 2) {
            throw new IllegalArgumentException("a member is id=host:port, not '" + spec + "'");
        }
        try {
            return new ClusterMember(spec.substring(0, eq), spec.substring(eq + 1, colon), Integer.parseInt(spec.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a member is id=host:port, not '" + spec + "'", e);
        }
    }

    /** @return {@code host:port}, with an IPv6 literal in brackets */
    public String address() {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + raftPort;
    }
}
