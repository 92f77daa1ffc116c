package io.parley.samples;

import io.parley.rpc.Idempotent;

import java.io.IOException;
import java.util.List;

/**
 * The remote file service of the file-service sample: reads and lists the files of one directory.
 * A missing file comes back to the caller as {@link java.nio.file.NoSuchFileException}, the checked
 * exception the server threw.
 */
public interface FileService {

    /** The contents of file {@code name} (UTF-8). */
    @Idempotent
    String read(String name) throws IOException;

    /** The names of the files served. */
    @Idempotent
    List<String> list() throws IOException;

    /** Appends {@code line} to file {@code name}: at-most-once, so a retry never appends twice. */
    long append(String name, String line) throws IOException;
}
