package io.parley.broker.core;

import io.parley.broker.BrokerUnavailableException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The durable memory of EFFECTIVELY_ONCE consumers: which dedup keys of one scope (a queue or a
 * subscription) have been processed. A key is appended and forced to disk before the message is
 * acknowledged, so a redelivery after any crash of the engine is recognised and suppressed.
 *
 * <p>File format: one key per line, UTF-8, append-only. When the log holds more than
 * {@code capacity} keys it is compacted to the newest half (written to a temporary file, then
 * atomically moved over the old one), so memory and disk stay bounded; a duplicate older than
 * {@code capacity} keys is no longer recognised. Thread-safe (methods are synchronized: appends
 * are serialised anyway by the fsync).
 */
final class ProcessedIdLog implements AutoCloseable {

    private final Path file;
    private final int capacity;
    private final LinkedHashSet<String> keys = new LinkedHashSet<>();
    private FileChannel channel;

    ProcessedIdLog(Path file, int capacity) {
        this.file = file;
        this.capacity = capacity;
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                lines.stream().filter(line -> !line.isEmpty()).forEach(keys::add);
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open processed-id log " + file, e);
        }
    }

    synchronized boolean contains(String key) {
        return keys.contains(key);
    }

    /** Records {@code key} durably; returns once it is on disk. */
    synchronized void record(String key) {
        if (!keys.add(key)) {
            return;
        }
        try {
            channel.write(ByteBuffer.wrap((key + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            if (keys.size() > capacity) {
                compact();
            }
        } catch (IOException e) {
            throw new BrokerUnavailableException("cannot record processed id in " + file + ": " + e.getMessage(), e);
        }
    }

    private void compact() throws IOException {
        int drop = keys.size() - capacity / 2;
        var it = keys.iterator();
        for (int i = 0; i < drop; i++) {
            it.next();
            it.remove();
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap((String.join("\n", keys) + "\n").getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        channel.close();
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(file.getParent());
        } finally {
            // whether or not the move happened, the log stays writable: either file holds every kept key
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
    }

    /** Makes a rename in {@code directory} durable (POSIX: fsync the directory). */
    private static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some platforms cannot open a directory; the rename is then as durable as the platform makes it
        }
    }

    synchronized Set<String> snapshot() {
        return Set.copyOf(keys);
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
