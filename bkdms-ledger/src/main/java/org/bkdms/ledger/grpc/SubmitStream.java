package org.bkdms.ledger.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.bkdms.ledger.grpc.v1.SubmitRequest;
import org.bkdms.ledger.grpc.v1.SubmitResponse;

/**
 * One {@code SubmitStream} call: answers every request, in request order, as soon as its
 * transaction's outcome is known and all earlier ones have been answered.
 *
 * <p>Flow control both ways: the stream asks gRPC for {@code window} requests up front and for one
 * more each time it sends a response, so at most {@code window} transactions per stream are
 * unanswered however fast the client writes (the rest wait in the client and in HTTP/2 flow
 * control); and it sends responses only while the call is ready, so a client that does not read
 * them stops being read from. Memory per stream is bounded by the window.
 *
 * <p>Threading: requests arrive on gRPC's executor; outcomes complete on the orderer's thread and
 * are handed to {@code executor}; every interaction with the call happens under one lock.
 */
final class SubmitStream implements StreamObserver<SubmitRequest> {
    private final ServerCallStreamObserver<SubmitResponse> call;
    private final Function<byte[], CompletableFuture<SubmitResponse>> admit;
    private final Executor executor;
    private final int window;
    private final Object lock = new Object();
    // guarded by lock
    private final ArrayDeque<CompletableFuture<SubmitResponse>> unanswered = new ArrayDeque<>();
    private boolean halfClosed;
    private boolean finished;

    /**
     * @param call the call to answer
     * @param admit checks and submits one transaction; its future MUST complete normally, with the
     *     response (rejections included)
     * @param executor where completions continue, off the orderer's thread
     * @param window most unanswered requests
     */
    SubmitStream(ServerCallStreamObserver<SubmitResponse> call, Function<byte[], CompletableFuture<SubmitResponse>> admit,
            Executor executor, int window) {
        this.call = call;
        this.admit = admit;
        this.executor = executor;
        this.window = window;
    }

    /** Starts reading requests. Call from the service method, before it returns. */
    void start() {
        call.disableAutoRequest();
        call.setOnReadyHandler(this::drain);
        call.setOnCancelHandler(this::abandon);
        call.request(window);
    }

    @Override
    public void onNext(SubmitRequest request) {
        CompletableFuture<SubmitResponse> outcome = admit.apply(request.getTransaction().toByteArray());
        synchronized (lock) {
            if (finished) {
                return;
            }
            unanswered.addLast(outcome);
        }
        outcome.whenCompleteAsync((r, e) -> drain(), executor);
    }

    @Override
    public void onError(Throwable t) {
        // the client cancelled or the connection broke: nobody is left to answer
        abandon();
    }

    @Override
    public void onCompleted() {
        synchronized (lock) {
            halfClosed = true;
        }
        drain();
    }

    /** @return requests read but not yet answered */
    int unanswered() {
        synchronized (lock) {
            return unanswered.size();
        }
    }

    private void drain() {
        synchronized (lock) {
            if (finished) {
                return;
            }
            while (!unanswered.isEmpty() && unanswered.peekFirst().isDone() && call.isReady()) {
                call.onNext(unanswered.pollFirst().join());
                call.request(1);
            }
            if (halfClosed && unanswered.isEmpty()) {
                finished = true;
                call.onCompleted();
            }
        }
    }

    private void abandon() {
        synchronized (lock) {
            finished = true;
            unanswered.clear();
        }
    }
}
