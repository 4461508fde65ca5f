package org.bkdms.ledger.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;

/**
 * A server call whose readiness the test controls, recording what the service sends and asks for.
 *
 * @param <T> response type
 */
final class FakeServerCall<T> extends ServerCallStreamObserver<T> {
    final List<T> sent = new ArrayList<>();
    Throwable error;
    boolean completed;
    int requested;
    boolean autoRequestDisabled;
    private boolean ready = true;
    private boolean cancelled;
    private Runnable onReady = () -> { };
    private Runnable onCancel = () -> { };

    /**
     * Changes readiness; becoming ready runs the on-ready handler, as gRPC does.
     *
     * @param ready whether the call accepts messages without buffering
     */
    void ready(boolean ready) {
        this.ready = ready;
        if (ready) {
            onReady.run();
        }
    }

    /** The client cancels. */
    void cancel() {
        cancelled = true;
        onCancel.run();
    }

    @Override
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void setOnCancelHandler(Runnable handler) {
        this.onCancel = handler;
    }

    @Override
    public void setCompression(String compression) {
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public void setOnReadyHandler(Runnable handler) {
        this.onReady = handler;
    }

    @Override
    public void disableAutoRequest() {
        autoRequestDisabled = true;
    }

    @Override
    public void disableAutoInboundFlowControl() {
        autoRequestDisabled = true;
    }

    @Override
    public synchronized void request(int count) {
        requested += count;
    }

    @Override
    public void setMessageCompression(boolean enable) {
    }

    @Override
    public synchronized void onNext(T value) {
        if (completed || error != null) {
            throw new IllegalStateException("call already closed");
        }
        sent.add(value);
    }

    @Override
    public synchronized void onError(Throwable t) {
        if (completed || error != null) {
            throw new IllegalStateException("call already closed");
        }
        error = t;
    }

    @Override
    public synchronized void onCompleted() {
        if (completed || error != null) {
            throw new IllegalStateException("call already closed");
        }
        completed = true;
    }

    synchronized List<T> sent() {
        return List.copyOf(sent);
    }
}
