package io.parley.bench;

import java.util.Locale;

/**
 * Progress lines on stderr, prefixed with the scenario, so stdout carries only the report.
 * Thread-safe (each line is one {@code println}).
 */
final class Progress {

    private final String scenario;

    Progress(String scenario) {
        this.scenario = scenario;
    }

    void say(String format, Object... args) {
        System.err.println("[" + scenario + "] " + String.format(Locale.ROOT, format, args));
    }
}
