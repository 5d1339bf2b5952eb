package com.example.hub.bench;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The latency-against-throughput chart, drawn with XChart: p99 (log scale) over broker messages per second. */
final class Chart {

    private Chart() {}

    static void write(Path file, List<PointResult> points, List<PerfTest.Result> perfTests) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder()
                .width(920)
                .height(540)
                .title("p99 latency against throughput (same broker, same run)")
                .xAxisTitle("broker messages per second (hub: completed round trips/s × messages per round trip)")
                .yAxisTitle("p99 latency, ms (log scale)")
                .build();
        chart.getStyler().setYAxisLogarithmic(true).setXAxisMin(0.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setChartBackgroundColor(Color.WHITE);
        hub(chart, points, "dms", "hub 1C→DMS→1C round trip (p99 end to end)", new Color(0xd62728));
        hub(chart, points, "crm", "hub 1C→CRM→1C (p99 end to end)", new Color(0xff7f0e));
        hub(chart, points, "crm_policy", "hub 1C→CRM→DMS→CRM→1C (p99 end to end)", new Color(0x9467bd));
        List<PerfTest.Result> perf = perfTests.stream()
                .filter(run -> run.consumerLatency() != null && run.receiveRate() > 0)
                .sorted(Comparator.comparingDouble(PerfTest.Result::receiveRate))
                .toList();
        series(
                chart,
                "PerfTest quorum queue (p99 publish→consume)",
                new Color(0x1f77b4),
                perf.stream().map(PerfTest.Result::receiveRate).toList(),
                perf.stream()
                        .map(run -> Math.max(run.consumerLatency().p99(), 0.1))
                        .toList());
        // the targets: p99 50 ms at 1,000 req/s, and 2,000 round trips/s (4,000 broker messages/s)
        series(
                chart,
                "target p99 50 ms (at 1000 req/s)",
                new Color(0x2ca02c),
                List.of(0.0, 4000.0),
                List.of(Report.TARGET_P99_MS, Report.TARGET_P99_MS));
        try (OutputStream out = Files.newOutputStream(file)) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.SVG);
        }
    }

    private static void hub(XYChart chart, List<PointResult> points, String kind, String label, Color color) {
        List<PointResult> series = points.stream()
                .filter(point -> point.kind().equals(kind) && point.completed() > 0)
                .sorted(Comparator.comparingDouble(PointResult::targetRate))
                .toList();
        series(
                chart,
                label,
                color,
                series.stream()
                        .map(point -> point.completedPerSecond() * point.messagesPerRoundTrip())
                        .toList(),
                series.stream()
                        .map(point -> Math.max(point.endToEnd().p99(), 0.1))
                        .toList());
    }

    private static void series(XYChart chart, String label, Color color, List<Double> x, List<Double> y) {
        if (!x.isEmpty()) {
            XYSeries series = chart.addSeries(label, x, y);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(color);
            series.setLineColor(color);
        }
    }
}
