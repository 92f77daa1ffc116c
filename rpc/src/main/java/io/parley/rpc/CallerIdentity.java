package io.parley.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A caller's id and epoch. The epoch counts the caller's starts: each {@link #start} reads the
 * last epoch from {@code <stateDirectory>/rpc-caller-<id>.epoch}, adds one and writes it back
 * durably (write to a temporary file, fsync, atomic rename, fsync the directory) before any call
 * is made, so a restarted caller always announces a higher epoch than any call it made before.
 */
record CallerIdentity(String callerId, long epoch) {

    static CallerIdentity start(String callerId, Path stateDirectory) {
        Path file = stateDirectory.resolve("rpc-caller-" + callerId + ".epoch");
        try {
            Files.createDirectories(stateDirectory);
            long previous = 0;
            if (Files.exists(file)) {
                String text = Files.readString(file, StandardCharsets.UTF_8).trim();
                try {
                    previous = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("epoch file " + file + " holds '" + text + "', not a number");
                }
            }
            long epoch = previous + 1;
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap((epoch + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            DurableFiles.syncDirectory(stateDirectory);
            return new CallerIdentity(callerId, epoch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot advance the epoch of caller '" + callerId + "' in " + file, e);
        }
    }
}
