package io.parley.rpc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** File-system helpers for state that must survive a crash. */
final class DurableFiles {

    private DurableFiles() {
    }

    /** Makes a rename or a new file in {@code directory} durable (where the platform allows opening directories). */
    static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a directory; the rename is then as durable as the platform makes it
        }
    }
}
