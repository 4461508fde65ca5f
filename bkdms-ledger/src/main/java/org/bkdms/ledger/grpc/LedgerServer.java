package org.bkdms.ledger.grpc;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bkdms.ledger.node.LedgerNode;

/**
 * The network endpoint of a ledger node: serves {@code bkdms.ledger.v1.LedgerService} over gRPC
 * with TLS 1.3 and mutual TLS. A client whose certificate was not issued by a trusted CA, or that
 * presents none, fails in the TLS handshake and never reaches the service; a client that passes
 * is given a {@link PeerIdentity} from its certificate, which decides what it may do (see the
 * package comment).
 *
 * <p>Build with {@link #newBuilder()}, then {@link #start()}; {@link #close()} shuts down
 * gracefully. The server does not own the node: close the server first, then the node.
 * Thread-safe.
 */
public final class LedgerServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LedgerServer.class.getName());

    private final String host;
    private final int requestedPort;
    private final TlsCredentials credentials;
    private final int maxInboundMessageSize;
    private final int maxConcurrentCallsPerConnection;
    private final Duration keepAliveTime;
    private final Duration shutdownTimeout;
    private final ExecutorService pool;
    private final LedgerGrpcService service;
    private Server server;

    private LedgerServer(Builder b) {
        // copied, so that reusing the builder cannot change a built server
        this.host = b.host;
        this.requestedPort = b.port;
        this.credentials = b.credentials;
        this.maxInboundMessageSize = b.maxInboundMessageSize;
        this.maxConcurrentCallsPerConnection = b.maxConcurrentCallsPerConnection;
        this.keepAliveTime = b.keepAliveTime;
        this.shutdownTimeout = b.shutdownTimeout;
        AtomicInteger n = new AtomicInteger();
        // gRPC's default executor is an unbounded cached pool too; owning it lets close() stop it
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bkdms-ledger-grpc-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.service = new LedgerGrpcService(b.node, task -> {
            try {
                pool.execute(task);
            } catch (RejectedExecutionException e) {
                // only after close(): the calls the task would answer are gone; never throw into the orderer
                LOG.log(Level.FINE, "dropped a task after shutdown", e);
            }
        }, b.submitWindow);
    }

    /** @return a builder */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * Binds the port and starts serving.
     *
     * @return this server
     * @throws IOException if the port cannot be bound or the TLS credentials are unusable
     * @throws IllegalStateException if already started
     */
    public synchronized LedgerServer start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = NettyServerBuilder.forAddress(new InetSocketAddress(host, requestedPort))
                .sslContext(credentials.serverContext())
                .executor(pool)
                // parse requests inside the call, so that a malformed one becomes a counted MALFORMED
                .addService(ServerInterceptors.intercept(ServerInterceptors.useMarshalledMessages(
                        ServerInterceptors.intercept(service, new PeerIdentityInterceptor()), MalformedRequestInterceptor.BYTES),
                        new MalformedRequestInterceptor(service.rejections())))
                .maxInboundMessageSize(maxInboundMessageSize)
                // a peer that opens a connection and stalls the handshake is dropped quickly
                .handshakeTimeout(10, TimeUnit.SECONDS)
                .maxConcurrentCallsPerConnection(maxConcurrentCallsPerConnection)
                // ping idle connections so that dead peers (and their block streams) are noticed
                .keepAliveTime(keepAliveTime.toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(20, TimeUnit.SECONDS)
                // clients may ping this often while they have calls open (LedgerClient pings every minute)
                .permitKeepAliveTime(30, TimeUnit.SECONDS)
                .build()
                .start();
        LOG.log(Level.INFO, "ledger API listening on {0} (TLS 1.3, mutual TLS)", address());
        return this;
    }

    /** @return the port the server listens on; the bound one if it was asked for port 0 */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    /** @return the address the server listens on */
    public synchronized InetSocketAddress address() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return (InetSocketAddress) server.getListenSockets().get(0);
    }

    /**
     * Shuts down gracefully: ends block streams with UNAVAILABLE (followers reconnect elsewhere or
     * later), refuses new calls, and lets calls in flight finish (a submission waits for its block)
     * for up to the shutdown timeout, after which the rest are cancelled. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (server == null || server.isTerminated()) {
            pool.shutdown();
            return;
        }
        service.stop();
        server.shutdown();
        try {
            if (!server.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning("calls still open after the shutdown timeout; cancelling them");
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Settings of a {@link LedgerServer}. The node, the address and the credentials are required.
     */
    public static final class Builder {
        private LedgerNode node;
        private String host;
        private int port = -1;
        private TlsCredentials credentials;
        private int maxInboundMessageSize = 4 * 1024 * 1024;
        private int submitWindow = 64;
        private int maxConcurrentCallsPerConnection = 128;
        private Duration keepAliveTime = Duration.ofMinutes(2);
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /**
         * @param node the node to serve
         * @return this builder
         */
        public Builder node(LedgerNode node) {
            this.node = Objects.requireNonNull(node, "node");
            return this;
        }

        /**
         * @param host the address to listen on (an address literal, or {@code 0.0.0.0} for all)
         * @param port the port; 0 for any free one (see {@link LedgerServer#port()})
         * @return this builder
         */
        public Builder address(String host, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not 0..65535");
            }
            this.host = Objects.requireNonNull(host, "host");
            this.port = port;
            return this;
        }

        /**
         * @param credentials the node's key and certificate, and the CA(s) whose clients it accepts
         * @return this builder
         */
        public Builder credentials(TlsCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * @param bytes largest request message accepted; default 4 MiB, well above the largest
         *     transaction ({@value org.bkdms.ledger.tx.LedgerTransaction#MAX_ENCODED_LENGTH} octets)
         * @return this builder
         */
        public Builder maxInboundMessageSize(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("max inbound message size must be at least 1 KiB");
            }
            this.maxInboundMessageSize = bytes;
            return this;
        }

        /**
         * @param window most unanswered transactions per submit stream; default 64
         * @return this builder
         */
        public Builder submitWindow(int window) {
            if (window < 1) {
                throw new IllegalArgumentException("submit window must be positive");
            }
            this.submitWindow = window;
            return this;
        }

        /**
         * @param calls most calls open at once on one connection; default 128
         * @return this builder
         */
        public Builder maxConcurrentCallsPerConnection(int calls) {
            if (calls < 1) {
                throw new IllegalArgumentException("max concurrent calls must be positive");
            }
            this.maxConcurrentCallsPerConnection = calls;
            return this;
        }

        /**
         * @param time how long a connection may be silent before the server pings it; default 2 min
         * @return this builder
         */
        public Builder keepAliveTime(Duration time) {
            if (time.compareTo(Duration.ofSeconds(10)) < 0) {
                throw new IllegalArgumentException("keepalive time must be at least 10 s");
            }
            this.keepAliveTime = time;
            return this;
        }

        /**
         * @param timeout how long {@link LedgerServer#close()} lets calls finish; default 10 s
         * @return this builder
         */
        public Builder shutdownTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("shutdown timeout must not be negative");
            }
            this.shutdownTimeout = timeout;
            return this;
        }

        /**
         * @return the server, not yet started
         * @throws IllegalStateException if the node, address or credentials are missing
         */
        public LedgerServer build() {
            if (node == null) {
                throw new IllegalStateException("node is required");
            }
            if (host == null) {
                throw new IllegalStateException("address is required");
            }
            if (credentials == null) {
                throw new IllegalStateException("credentials are required");
            }
            return new LedgerServer(this);
        }
    }
}
