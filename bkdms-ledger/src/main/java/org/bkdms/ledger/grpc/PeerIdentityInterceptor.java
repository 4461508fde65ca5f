package org.bkdms.ledger.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Puts the caller's {@link PeerIdentity}, read from the client certificate that the TLS handshake
 * verified, into the call's {@link Context}, and refuses calls without one: UNAUTHENTICATED
 * without a verified certificate (which the mutual-TLS handshake already prevents), and
 * PERMISSION_DENIED for a certificate that names no role. Thread-safe.
 */
final class PeerIdentityInterceptor implements ServerInterceptor {
    private static final Logger LOG = Logger.getLogger(PeerIdentityInterceptor.class.getName());
    /** The identity is derived once per TLS session and kept in the session. */
    private static final String SESSION_KEY = PeerIdentity.class.getName();

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        if (session == null) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("the ledger requires mutual TLS"));
        }
        Object cached = session.getValue(SESSION_KEY);
        if (cached instanceof PeerIdentity id) {
            return Contexts.interceptCall(Context.current().withValue(PeerIdentity.CONTEXT_KEY, id), call, headers, next);
        }
        if (cached instanceof String refusal) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription(refusal));
        }
        PeerIdentity id;
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return refuse(call, Status.UNAUTHENTICATED.withDescription("no X.509 client certificate"));
            }
            id = PeerIdentity.fromCertificate(leaf);
        } catch (SSLPeerUnverifiedException e) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("the client certificate is not verified"));
        } catch (IllegalArgumentException e) {
            // logged once per session: an operator must fix the certificate, the client cannot
            LOG.log(Level.WARNING, "refusing peer {0}: {1}", new Object[] {call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR),
                    e.getMessage()});
            session.putValue(SESSION_KEY, e.getMessage());
            return refuse(call, Status.PERMISSION_DENIED.withDescription(e.getMessage()));
        }
        session.putValue(SESSION_KEY, id);
        return Contexts.interceptCall(Context.current().withValue(PeerIdentity.CONTEXT_KEY, id), call, headers, next);
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
