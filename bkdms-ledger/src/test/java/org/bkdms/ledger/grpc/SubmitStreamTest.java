package org.bkdms.ledger.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bkdms.ledger.grpc.v1.SubmitRequest;
import org.bkdms.ledger.grpc.v1.SubmitResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubmitStreamTest {
    private static final int WINDOW = 4;

    private FakeServerCall<SubmitResponse> call;
    private final List<CompletableFuture<SubmitResponse>> outcomes = new ArrayList<>();
    private SubmitStream stream;

    @BeforeEach
    void start() {
        call = new FakeServerCall<>();
        // the outcome of request n is completed by the test, in any order; the executor runs inline
        stream = new SubmitStream(call, bytes -> {
            CompletableFuture<SubmitResponse> f = new CompletableFuture<>();
            outcomes.add(f);
            return f;
        }, Runnable::run, WINDOW);
        stream.start();
    }

    private static SubmitRequest request(int n) {
        return SubmitRequest.newBuilder().setTransaction(ByteString.copyFrom(new byte[] {(byte) n})).build();
    }

    private static SubmitResponse response(int n) {
        return SubmitResponse.newBuilder().setIndex(n).build();
    }

    @Test
    void readsOnlyAWindowOfRequestsAhead() {
        assertThat(call.autoRequestDisabled).isTrue();
        assertThat(call.requested).isEqualTo(WINDOW);
    }

    @Test
    void answersInRequestOrderWhateverOrderTheOutcomesComeIn() {
        for (int i = 0; i < 3; i++) {
            stream.onNext(request(i));
        }
        outcomes.get(2).complete(response(2));
        outcomes.get(1).complete(response(1));
        assertThat(call.sent()).isEmpty();
        outcomes.get(0).complete(response(0));
        assertThat(call.sent()).extracting(SubmitResponse::getIndex).containsExactly(0, 1, 2);
        // one more request is asked for per response sent
        assertThat(call.requested).isEqualTo(WINDOW + 3);
    }

    @Test
    void sendsNothingWhileTheClientIsNotReadingAndSoStopsAskingForMore() {
        call.ready(false);
        for (int i = 0; i < WINDOW; i++) {
            stream.onNext(request(i));
            outcomes.get(i).complete(response(i));
        }
        assertThat(call.sent()).isEmpty();
        assertThat(call.requested).isEqualTo(WINDOW);
        assertThat(stream.unanswered()).isEqualTo(WINDOW);
        call.ready(true);
        assertThat(call.sent()).hasSize(WINDOW);
        assertThat(call.requested).isEqualTo(2 * WINDOW);
    }

    @Test
    void completesOnlyAfterTheLastAnswerOnceTheClientHasHalfClosed() {
        stream.onNext(request(0));
        stream.onCompleted();
        assertThat(call.completed).isFalse();
        outcomes.get(0).complete(response(0));
        assertThat(call.sent()).hasSize(1);
        assertThat(call.completed).isTrue();
    }

    @Test
    void aCancelledStreamDropsItsAnswers() {
        stream.onNext(request(0));
        call.cancel();
        outcomes.get(0).complete(response(0));
        assertThat(call.sent()).isEmpty();
        assertThat(stream.unanswered()).isZero();
    }
}
