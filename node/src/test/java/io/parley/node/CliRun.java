package io.parley.node;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

/** One {@code parley ARGS} run in this JVM: its exit code, stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun parley(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Parley.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Stdout's lines, leading and trailing blank space stripped; none if stdout is blank. */
    public List<String> lines() {
        return out.isBlank() ? List.of() : Arrays.asList(out.strip().split("\n"));
    }
}
