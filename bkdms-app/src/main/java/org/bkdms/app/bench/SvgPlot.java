package org.bkdms.app.bench;

import java.util.List;
import java.util.Locale;

/**
 * A small SVG writer for the end-to-end benchmark's plot: two stacked panels over the same time
 * axis, throughput on top and latency below, each with its own linear value axis. Enough for a
 * report figure; it needs no plotting library.
 */
public final class SvgPlot {
    private static final int WIDTH = 860;
    private static final int PANEL = 220;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int GAP = 60;

    /**
     * A named line of points.
     *
     * @param name legend text
     * @param color an SVG color
     * @param xs x values (seconds)
     * @param ys y values, as many as {@code xs}
     */
    public record Series(String name, String color, double[] xs, double[] ys) {
    }

    private SvgPlot() {
    }

    /**
     * @param title the figure's title
     * @param throughput the top panel's lines (records/s)
     * @param latency the bottom panel's lines (ms)
     * @return the SVG document
     */
    public static String render(String title, List<Series> throughput, List<Series> latency) {
        double maxX = 1;
        for (List<Series> panel : List.of(throughput, latency)) {
            for (Series s : panel) {
                for (double x : s.xs()) {
                    maxX = Math.max(maxX, x);
                }
            }
        }
        int height = TOP + 2 * PANEL + GAP + 50;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", LEFT, escape(title)));
        panel(svg, TOP, "records/s stored", throughput, maxX);
        panel(svg, TOP + PANEL + GAP, "seal \u2192 stored latency (ms)", latency, maxX);
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">time since the first seal (s)"
                + "</text>%n", LEFT + (WIDTH - LEFT - RIGHT) / 2, height - 10));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, int top, String label, List<Series> lines, double maxX) {
        double maxY = 1;
        for (Series s : lines) {
            for (double y : s.ys()) {
                maxY = Math.max(maxY, y);
            }
        }
        maxY = niceCeiling(maxY);
        int w = WIDTH - LEFT - RIGHT;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#888\"/>%n", LEFT, top, w, PANEL));
        for (int i = 0; i <= 4; i++) {
            double v = maxY * i / 4;
            double y = top + PANEL - PANEL * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, y, LEFT + w, y, LEFT - 6, y + 4,
                    number(v)));
        }
        // round seconds on the time axis: the largest of 1, 2, 5 × 10^k that gives at least five ticks
        double step = Math.pow(10, Math.floor(Math.log10(maxX / 5)));
        for (double m : new double[] {5, 2}) {
            if (step * m <= maxX / 5) {
                step *= m;
                break;
            }
        }
        for (double v = 0; v <= maxX + 1e-9; v += step) {
            double x = LEFT + w * v / maxX;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, top + PANEL, x, top + PANEL + 4, x,
                    top + PANEL + 16, number(v)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT, top - 6, escape(label)));
        int legendX = LEFT + w;
        for (Series s : lines) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < s.xs().length; i++) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + w * s.xs()[i] / maxX,
                        top + PANEL - PANEL * s.ys()[i] / maxY));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\" points=\"%s\"/>%n",
                    s.color(), points.toString().trim()));
            legendX -= 8 * s.name().length() + 30;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", legendX, top - 12, s.color(), legendX + 18, top - 6,
                    escape(s.name())));
        }
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
