package io.parley.node;

import java.io.PrintWriter;

/**
 * A one-line progress bar redrawn in place ({@code \r}) on stderr, at most ten times a second.
 * Not thread-safe: one thread advances it.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private long done;
    private long lastDrawn = Long.MIN_VALUE;

    ProgressBar(PrintWriter err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
    }

    void advance() {
        done++;
        long now = System.nanoTime();
        if (done == total || lastDrawn == Long.MIN_VALUE || now - lastDrawn >= REDRAW_NANOS) {
            lastDrawn = now;
            draw();
        }
    }

    void finish() {
        draw();
        err.println();
        err.flush();
    }

    private void draw() {
        int filled = (int) (WIDTH * done / Math.max(1, total));
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total);
        err.flush();
    }
}
