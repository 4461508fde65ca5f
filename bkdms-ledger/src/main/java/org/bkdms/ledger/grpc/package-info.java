/**
 * The network API of a ledger node: gRPC over TLS 1.3 with mutual TLS, the transport between
 * the blockchain platform of Y.4907 and the sampling sites, the smart city platform and auditors
 * (clauses 8 and 9; "Transport and security" in the design notes).
 *
 * <p>{@link org.bkdms.ledger.grpc.LedgerServer} exposes a {@link org.bkdms.ledger.node.LedgerNode}
 * as the {@code bkdms.ledger.v1.LedgerService} of {@code src/main/proto/bkdms/ledger/v1/ledger.proto};
 * {@link org.bkdms.ledger.grpc.LedgerClient} calls it. Both take their keys and trust anchors as
 * {@link org.bkdms.ledger.grpc.TlsCredentials}.
 *
 * <p>Who may do what is decided by the caller's certificate, never by the request: the server
 * derives a {@link org.bkdms.ledger.grpc.PeerIdentity} (a {@link org.bkdms.ledger.grpc.PeerRole}
 * from the subject's OU and, for a site, the Site ID from the certificate's iPAddress
 * SubjectAltName) and enforces:
 * <ul>
 *   <li>a KPI submission only from the site it names, else {@code REJECTED}/{@code WRONG_SITE};</li>
 *   <li>an admin transaction only from the smart city platform, else {@code REJECTED}/{@code UNAUTHORIZED};</li>
 *   <li>a misbehaviour report never from a client (nodes create them), {@code REJECTED}/{@code UNAUTHORIZED};</li>
 *   <li>the block stream only for the platform, nodes and auditors; sites get
 *       {@code PERMISSION_DENIED}, because extraction is the platform's job and a site has no use
 *       for other sites' packets;</li>
 *   <li>every other read for every role, except that a site sees only its own submissions through
 *       {@code GetTransaction} (others read as {@code NOT_FOUND}, so that a site cannot probe for
 *       other sites' transactions). The registry, key directory, contract parameters and status
 *       are public to every member of the permissioned chain: a site needs the platform keys to
 *       encrypt and its own registry entry to know whether it may submit.</li>
 * </ul>
 * Transport rejections are counted with the node's own and reported by {@code Status}.
 *
 * <p>The generated protobuf and gRPC classes live in {@code org.bkdms.ledger.grpc.v1}; they are
 * the wire format, not API, and are excluded from doclint.
 */
package org.bkdms.ledger.grpc;
