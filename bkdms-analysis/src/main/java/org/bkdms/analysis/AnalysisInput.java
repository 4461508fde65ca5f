package org.bkdms.analysis;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an analysis reads: the observations, the collection policies, the window, and the
 * integrity counters counted elsewhere.
 *
 * @param observations the observations; those outside the window are ignored
 * @param policies every collection policy version of every site
 * @param window the span of observation time to analyse
 * @param platformIntegrity platform-wide integrity counters
 * @param siteIntegrity integrity counters per site id
 */
public record AnalysisInput(List<Observation> observations, List<CollectionPolicy> policies, TimeWindow window,
        IntegrityCounters platformIntegrity, Map<String, IntegrityCounters> siteIntegrity) {
    /**
     * Checks the parts; the lists are not copied, because they may be large and the analysis only reads them.
     *
     * @param observations see {@link #observations()}
     * @param policies see {@link #policies()}
     * @param window see {@link #window()}
     * @param platformIntegrity see {@link #platformIntegrity()}
     * @param siteIntegrity see {@link #siteIntegrity()}
     */
    public AnalysisInput {
        Objects.requireNonNull(observations, "observations");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(window, "window");
        platformIntegrity = platformIntegrity == null ? IntegrityCounters.none() : platformIntegrity;
        siteIntegrity = siteIntegrity == null ? Map.of() : Map.copyOf(siteIntegrity);
    }

    /**
     * @param observations the observations
     * @param policies the policies
     * @param window the window
     * @return an input without integrity counters
     */
    public static AnalysisInput of(List<Observation> observations, List<CollectionPolicy> policies, TimeWindow window) {
        return new AnalysisInput(observations, policies, window, null, null);
    }
}
