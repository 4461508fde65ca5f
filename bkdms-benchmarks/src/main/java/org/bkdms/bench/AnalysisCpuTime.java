package org.bkdms.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The CPU time one thread spends on each analysis of {@link AnalysisBenchmark}'s million
 * observations, next to the wall time. On a shared machine the wall time measures the other
 * processes as much as this code; the thread's CPU time does not (garbage collection, which runs on
 * other threads, is left out of it). Runs each analysis eight times and prints the median of the
 * last five.
 *
 * <p>Run: {@code java -Xmx6g -cp bkdms-benchmarks/target/benchmarks.jar org.bkdms.bench.AnalysisCpuTime}
 */
public final class AnalysisCpuTime {
    private static final int RUNS = 8;
    private static final int COUNTED = 5;

    private AnalysisCpuTime() {
    }

    /**
     * @param args none
     */
    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        AnalysisBenchmark b = new AnalysisBenchmark();
        b.setUp();
        double[][] cpu = new double[2][RUNS];
        double[][] wall = new double[2][RUNS];
        for (int i = 0; i < RUNS; i++) {
            for (int which = 0; which < 2; which++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                Object result = which == 0 ? b.quality() : b.assessment();
                wall[which][i] = (System.nanoTime() - w0) / 1e6;
                cpu[which][i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
                if (result == null) {
                    throw new IllegalStateException("no result");
                }
            }
        }
        String[] names = {"quality", "assessment"};
        for (int which = 0; which < 2; which++) {
            System.out.printf("%-10s  cpu %7.0f ms  wall %7.0f ms  (median of the last %d of %d runs; cpu runs %s)%n",
                    names[which], median(cpu[which]), median(wall[which]), COUNTED, RUNS,
                    Arrays.toString(Arrays.stream(cpu[which]).mapToLong(Math::round).toArray()));
        }
    }

    private static double median(double[] all) {
        double[] last = Arrays.copyOfRange(all, RUNS - COUNTED, RUNS);
        Arrays.sort(last);
        return last[COUNTED / 2];
    }
}
