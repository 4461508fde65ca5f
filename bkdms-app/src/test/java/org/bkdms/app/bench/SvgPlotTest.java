package org.bkdms.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SvgPlotTest {
    @Test
    void thePlotIsWellFormedSvgWithOneLinePerSeriesAndEscapedText() throws Exception {
        double[] xs = {0.5, 1.5, 2.5};
        String svg = SvgPlot.render("rate <&> latency", List.of(new SvgPlot.Series("stored", "#00f", xs, new double[] {10, 250, 90})),
                List.of(new SvgPlot.Series("p50", "#0f0", xs, new double[] {80, 95, 70}),
                        new SvgPlot.Series("p99", "#f00", xs, new double[] {120, 400, 150})));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(3);
        Element first = (Element) doc.getElementsByTagName("polyline").item(0);
        assertThat(first.getAttribute("points").trim().split(" ")).hasSize(3);
        assertThat(svg).contains("rate &lt;&amp;&gt; latency");
        // every point lies inside the drawing area
        for (int i = 0; i < 3; i++) {
            for (String p : ((Element) doc.getElementsByTagName("polyline").item(i)).getAttribute("points").trim().split(" ")) {
                String[] xy = p.split(",");
                assertThat(Double.parseDouble(xy[0])).isBetween(70.0, 840.0);
                assertThat(Double.parseDouble(xy[1])).isBetween(40.0, 600.0);
            }
        }
    }
}
