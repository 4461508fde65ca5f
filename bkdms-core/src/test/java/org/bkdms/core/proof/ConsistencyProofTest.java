package org.bkdms.core.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bkdms.core.error.ValidationException;
import org.junit.jupiter.api.Test;

class ConsistencyProofTest {
    private static final byte[] A = Rfc6962Vectors.h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7");
    private static final byte[] B = Rfc6962Vectors.h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e");

    @Test
    void copiesThePathInSoLaterChangesByTheCallerDoNotLeakIn() {
        byte[] a = A.clone();
        List<byte[]> path = new ArrayList<>(List.of(a, B));
        ConsistencyProof proof = new ConsistencyProof(0, 4, path);
        a[0] ^= 1;
        path.clear();
        assertThat(proof.path()).hasSize(2);
        assertThat(proof.path().get(0)).isEqualTo(A);
    }

    @Test
    void copiesThePathOutSoHoldersCannotChangeTheProof() {
        ConsistencyProof proof = new ConsistencyProof(0, 4, List.of(A, B));
        proof.path().get(0)[0] ^= 1;
        assertThat(proof.path().get(0)).isEqualTo(A);
        assertThatThrownBy(() -> proof.path().add(A)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalityAndHashCodeFollowTheOctetsNotTheArrays() {
        ConsistencyProof one = new ConsistencyProof(1, 4, List.of(A, B));
        ConsistencyProof same = new ConsistencyProof(1, 4, List.of(A.clone(), B.clone()));
        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(one).isNotEqualTo(new ConsistencyProof(2, 4, List.of(A, B)))
                .isNotEqualTo(new ConsistencyProof(1, 5, List.of(A, B)))
                .isNotEqualTo(new ConsistencyProof(1, 4, List.of(B, A)))
                .isNotEqualTo(new ConsistencyProof(1, 4, List.of(A)))
                .isNotEqualTo(new InclusionProof(1, 4, List.of(A, B)));
    }

    @Test
    void toStringShowsThePathInHex() {
        assertThat(new ConsistencyProof(1, 4, List.of(A)).toString())
                .isEqualTo("ConsistencyProof{oldSize=1, newSize=4, path=[" + Rfc6962Vectors.hex(A) + "]}");
    }

    @Test
    void keepsAMalformedProofAsReceivedForTheVerifierToJudge() {
        ConsistencyProof odd = new ConsistencyProof(9, 3, List.of(new byte[5]));
        assertThat(odd.oldSize()).isEqualTo(9);
        assertThat(odd.path().get(0)).hasSize(5);
    }

    @Test
    void refusesNegativeNumbersAndNulls() {
        assertThatThrownBy(() -> new ConsistencyProof(-1, 3, List.of())).isInstanceOf(ValidationException.class)
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> new ConsistencyProof(0, -3, List.of())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new ConsistencyProof(0, 3, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ConsistencyProof(0, 3, Arrays.asList(A, null)))
                .isInstanceOf(NullPointerException.class);
    }
}
