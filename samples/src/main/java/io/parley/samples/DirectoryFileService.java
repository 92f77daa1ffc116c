package io.parley.samples;

import io.parley.rpc.RpcException;
import io.parley.rpc.RpcStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A {@link FileService} over one directory; names are plain file names (no paths). Thread-safe. */
final class DirectoryFileService implements FileService {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final Path directory;

    DirectoryFileService(Path directory) {
        this.directory = directory;
    }

    @Override
    public String read(String name) throws IOException {
        return Files.readString(file(name), StandardCharsets.UTF_8);
    }

    @Override
    public List<String> list() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public synchronized long append(String name, String line) throws IOException {
        Path file = file(name);
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.SYNC);
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        }
    }

    private Path file(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new RpcException(RpcStatus.INVALID_ARGUMENT, "file name '" + name + "' is invalid: allowed are 1 to 100 characters"
                    + " of [A-Za-z0-9._-], no paths");
        }
        return directory.resolve(name);
    }
}
