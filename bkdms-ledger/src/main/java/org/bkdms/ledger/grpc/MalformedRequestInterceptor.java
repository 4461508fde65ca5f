package org.bkdms.ledger.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.bkdms.ledger.contracts.RejectReason;

/**
 * Turns a request that is not a valid protobuf message into a clear {@code INVALID_ARGUMENT}
 * ("MALFORMED: …") and counts it, instead of gRPC's generic {@code UNKNOWN} with a SEVERE log.
 * It works on a service whose messages were re-marshalled to raw bytes
 * ({@link #BYTES}), so that protobuf parsing happens inside the call where it can be caught.
 */
final class MalformedRequestInterceptor implements ServerInterceptor {
    /** Marshals messages as their raw bytes. */
    static final io.grpc.MethodDescriptor.Marshaller<byte[]> BYTES = new io.grpc.MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private final TransportRejections rejections;

    MalformedRequestInterceptor(TransportRejections rejections) {
        this.rejections = rejections;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        ServerCall.Listener<Q> delegate = next.startCall(call, headers);
        return new SimpleForwardingServerCallListener<>(delegate) {
            private boolean closed;

            @Override
            public void onMessage(Q message) {
                if (closed) {
                    return;
                }
                try {
                    super.onMessage(message);
                } catch (StatusRuntimeException e) {
                    if (!(e.getCause() instanceof InvalidProtocolBufferException)) {
                        throw e;
                    }
                    closed = true;
                    rejections.add(RejectReason.MALFORMED);
                    call.close(Status.INVALID_ARGUMENT.withDescription("MALFORMED: the request is not a valid "
                            + call.getMethodDescriptor().getFullMethodName() + " message: " + e.getCause().getMessage()),
                            new Metadata());
                }
            }

            @Override
            public void onHalfClose() {
                if (!closed) {
                    super.onHalfClose();
                }
            }
        };
    }
}
