package io.parley.bench;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Validation of scenario options, in one place: the error names the option, the value and the range. */
final class Options {

    private Options() {
    }

    static int inRange(CommandSpec spec, String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    option + " " + value + " is out of range " + min + ".." + max);
        }
        return value;
    }
}
