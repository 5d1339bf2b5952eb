package com.example.hub.bench;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency distribution, in milliseconds.
 *
 * @param count how many values
 * @param p50 median
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param p999 99.9th percentile
 * @param max the largest
 * @param mean the mean
 */
record Latency(long count, double p50, double p95, double p99, double p999, double max, double mean) {

    /** A histogram of microseconds, from 1 µs to one hour, to three significant digits. */
    static Histogram histogram() {
        return new Histogram(1, 3_600_000_000L, 3);
    }

    static void record(Histogram histogram, long micros) {
        histogram.recordValue(Math.max(1, Math.min(micros, histogram.getHighestTrackableValue())));
    }

    static Latency of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new Latency(0, 0, 0, 0, 0, 0, 0);
        }
        return new Latency(
                histogram.getTotalCount(),
                ms(histogram.getValueAtPercentile(50)),
                ms(histogram.getValueAtPercentile(95)),
                ms(histogram.getValueAtPercentile(99)),
                ms(histogram.getValueAtPercentile(99.9)),
                ms(histogram.getMaxValue()),
                Math.round(histogram.getMean() / 100.0) / 10.0);
    }

    private static double ms(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }
}
