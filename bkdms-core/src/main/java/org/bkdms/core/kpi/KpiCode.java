package org.bkdms.core.kpi;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bkdms.core.error.UnknownKpiCodeException;

/**
 * A U4SSC KPI code in canonical form, such as {@code EC: ICT: ICT: 1C}: dimension, sub-dimension,
 * category, then the indicator number with {@code C} (core) or {@code A} (advanced).
 *
 * <p>{@link #parse(String)} is lenient about spacing and letter case, because codes arrive typed by
 * hand ({@code SC: EH: ED:1C}, {@code ec:ict:ict:1c}); it always yields the one canonical form. A
 * parsed code is well formed but not necessarily in the catalogue: see {@link KpiCatalogue#get}.
 *
 * @param canonical the code as {@code DIM: SUB: CAT: nX}
 */
public record KpiCode(String canonical) implements Comparable<KpiCode> {
    private static final Pattern LENIENT =
            Pattern.compile("\\s*([A-Za-z]{1,4})\\s*:\\s*([A-Za-z]{1,4})\\s*:\\s*([A-Za-z]{1,4})\\s*:\\s*0*([0-9]{1,3})\\s*([CcAa])\\s*");

    /**
     * Checks and normalizes the parts.
     *
     * @param canonical see {@link #canonical()}
     */
    public KpiCode {
        Objects.requireNonNull(canonical, "canonical");
        if (!canonical.equals(normalize(canonical))) {
            throw new UnknownKpiCodeException(canonical);
        }
    }

    /**
     * @param text a code with any spacing and letter case
     * @return the canonical code
     * @throws UnknownKpiCodeException if the text is not shaped like a KPI code
     */
    public static KpiCode parse(String text) {
        return new KpiCode(normalize(text));
    }

    private static String normalize(String text) {
        if (text == null || text.length() > 64) {
            throw new UnknownKpiCodeException(String.valueOf(text));
        }
        Matcher m = LENIENT.matcher(text);
        if (!m.matches()) {
            throw new UnknownKpiCodeException(text);
        }
        return m.group(1).toUpperCase() + ": " + m.group(2).toUpperCase() + ": " + m.group(3).toUpperCase()
                + ": " + Integer.parseInt(m.group(4)) + m.group(5).toUpperCase();
    }

    /** @return the dimension abbreviation, such as {@code EC} */
    public String dimension() {
        return part(0);
    }

    /** @return whether the code marks a core (rather than advanced) KPI */
    public boolean isCore() {
        return canonical.endsWith("C");
    }

    private String part(int i) {
        return canonical.split(": ")[i];
    }

    @Override
    public int compareTo(KpiCode o) {
        return canonical.compareTo(o.canonical);
    }

    @Override
    public String toString() {
        return canonical;
    }
}
