package io.parley.bench;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/** Reads percentiles of nanosecond histograms in microseconds, and formats them for the report. Stateless. */
final class Latencies {

    private Latencies() {
    }

    static double micros(Histogram nanos, double percentile) {
        return nanos.getValueAtPercentile(percentile) / 1_000.0;
    }

    /** {@code p50 812.3 us, p99 3100.0 us, max 9012.0 us (n=50000)}. */
    static String summary(Histogram nanos) {
        return String.format(Locale.ROOT, "p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us (n=%d)",
                micros(nanos, 50), micros(nanos, 99), micros(nanos, 99.9), nanos.getMaxValue() / 1_000.0,
                nanos.getTotalCount());
    }
}
