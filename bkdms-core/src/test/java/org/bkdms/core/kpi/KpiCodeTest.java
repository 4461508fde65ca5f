package org.bkdms.core.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bkdms.core.error.UnknownKpiCodeException;
import org.bkdms.core.error.ValidationException.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KpiCodeTest {

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "EC: ICT: ICT: 1C      | EC: ICT: ICT: 1C",
        "SC: EH: ED:1C         | SC: EH: ED: 1C",
        "ec:ict:ict:1c         | EC: ICT: ICT: 1C",
        "' EN : EN : AQ : 1C ' | EN: EN: AQ: 1C",
        "EC: ICT: ICT: 01C     | EC: ICT: ICT: 1C",
        "EC: ICT: ICT: 0001C   | EC: ICT: ICT: 1C",
        "EC:ICT:PS:1a          | EC: ICT: PS: 1A",
        "'\tSC:\tSH:\tSA: 9 C\n' | SC: SH: SA: 9C",
        "En: PsN: PSN: 4A      | EN: PSN: PSN: 4A",
        "EN: EN: PSN: 10C      | EN: EN: PSN: 10C",
        "EN: EN: PSN: 010C     | EN: EN: PSN: 10C",
        "EC: I: T: 0C          | EC: I: T: 0C",
        "EC: I: T: 000C        | EC: I: T: 0C",
        "EC: I: T: 999A        | EC: I: T: 999A",
    })
    void parsesLenientlyToTheCanonicalForm(String text, String canonical) {
        KpiCode code = KpiCode.parse(text);
        assertThat(code.canonical()).isEqualTo(canonical);
        assertThat(code).hasToString(canonical);
        assertThat(code).isEqualTo(new KpiCode(canonical));
    }

    @Test
    void parsesTheCanonicalFormToItself() {
        for (String c : List.of("EC: ICT: ICT: 1C", "SC: EH: ED: 5A", "EN: E: E: 4A", "SC: SH: FS: 1A")) {
            assertThat(KpiCode.parse(c).canonical()).isEqualTo(c);
        }
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {
        "",
        " ",
        "EC: ICT: ICT",
        "EC: ICT: ICT:",
        "EC: ICT: ICT: 1",
        "EC: ICT: ICT: C",
        "EC: ICT: ICT: 1X",
        "EC: ICT: ICT: 1CA",
        "EC: ICT: ICT: 1234C",
        "EC: ICT: ICT: -1C",
        "EC: ICT: ICT: 1.5C",
        "EC: ICT: ICT: 1C extra",
        "EC: ICT: ICT: 1C: 2C",
        "ECONO: ICT: ICT: 1C",
        "EC: ICT1: ICT: 1C",
        "EC; ICT; ICT; 1C",
        "EC - ICT - ICT - 1C",
        "EC ICT ICT 1C",
        "EC::ICT: 1C",
        ": ICT: ICT: 1C",
        "ÉC: ICT: ICT: 1C",
        "EC: ICT: ICT: １C",
        "EC: ICT: ICT: 1C\u0000",
        "'; DROP TABLE kpi; --",
    })
    void rejectsGarbageWithATypedException(String text) {
        assertThatThrownBy(() -> KpiCode.parse(text))
                .isInstanceOf(UnknownKpiCodeException.class)
                .satisfies(e -> assertThat(((UnknownKpiCodeException) e).violation()).isEqualTo(Violation.UNKNOWN_KPI_CODE))
                .hasMessageContaining("unknown KPI code");
    }

    @Test
    void rejectsNullAndOverlongTextWithATypedException() {
        assertThatThrownBy(() -> KpiCode.parse(null)).isInstanceOf(UnknownKpiCodeException.class);
        String padded = " ".repeat(60) + "EC: ICT: ICT: 1C";
        assertThatThrownBy(() -> KpiCode.parse(padded)).isInstanceOf(UnknownKpiCodeException.class);
        String longButShort = " ".repeat(48) + "EC: ICT: ICT: 1C";
        assertThat(longButShort).hasSize(64);
        assertThat(KpiCode.parse(longButShort).canonical()).isEqualTo("EC: ICT: ICT: 1C");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EC:ICT:ICT:1C", "ec: ict: ict: 1c", "EC: ICT: ICT: 01C", " EC: ICT: ICT: 1C", "EC:  ICT: ICT: 1C"})
    void constructorAcceptsOnlyTheCanonicalForm(String nonCanonical) {
        assertThatThrownBy(() -> new KpiCode(nonCanonical)).isInstanceOf(UnknownKpiCodeException.class);
    }

    @ParameterizedTest(name = "{0} core={1}")
    @CsvSource({
        "EC: ICT: ICT: 1C, true",
        "ec:ict:ict:1c, true",
        "SC: SH: SA: 9C, true",
        "EC: ICT: PS: 1A, false",
        "sc: eh: ed: 5a, false",
        "EN: E: E: 4A, false",
    })
    void tellsCoreFromAdvanced(String text, boolean core) {
        assertThat(KpiCode.parse(text).isCore()).isEqualTo(core);
    }

    @Test
    void exposesTheDimension() {
        assertThat(KpiCode.parse("sc:eh:ed:1c").dimension()).isEqualTo("SC");
        assertThat(KpiCode.parse("EN: E: E: 1C").dimension()).isEqualTo("EN");
    }

    @Test
    void ordersByCanonicalText() {
        List<KpiCode> codes = new ArrayList<>(List.of(KpiCode.parse("SC: EH: ED: 1C"), KpiCode.parse("EC: P: IN: 1C"),
                KpiCode.parse("EN: EN: AQ: 2C"), KpiCode.parse("EC: ICT: ICT: 1C")));
        Collections.sort(codes);
        assertThat(codes).extracting(KpiCode::canonical)
                .containsExactly("EC: ICT: ICT: 1C", "EC: P: IN: 1C", "EN: EN: AQ: 2C", "SC: EH: ED: 1C");
    }

    @Test
    void treatsDifferentlyTypedCodesAsEqual() {
        KpiCode a = KpiCode.parse("EC: ICT: ICT: 1C");
        KpiCode b = KpiCode.parse(" ec:ict:ict:001c ");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.compareTo(b)).isZero();
    }
}
