package io.parley.coordinator.participant;

import io.parley.common.ErrorCode;
import io.parley.coordinator.TransactionException;
import io.parley.coordinator.protocol.ParticipantState;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The participant's durable log: one line per state change, replayed on open. Only the lines that
 * nothing else can rebuild are forced to disk before {@link #record} returns — PREPARING (written
 * before the resource prepares, it names the coordinator to ask after a crash) and operator
 * decisions; READY, COMMIT and ABORT follow from the resource's own durable state (a prepared
 * transaction in the resource is READY; a decision lost from the log is asked for again and applied
 * idempotently). Concurrent forces are coalesced (group commit). Lines:
 * <pre>
 *   PREPARING &lt;txId&gt; &lt;coordinatorQueue&gt;      before the resource prepares
 *   READY     &lt;txId&gt; &lt;coordinatorQueue&gt;      prepared; the vote may leave
 *   COMMIT    &lt;txId&gt; [by &lt;operator&gt; at &lt;instant&gt;]
 *   ABORT     &lt;txId&gt; [by &lt;operator&gt; at &lt;instant&gt;]
 * </pre>
 * Thread-safe (one lock around append and the in-memory view). The file only grows; entries of
 * finished transactions are kept for idempotent answers to late messages.
 */
public final class ParticipantLog implements AutoCloseable {

    /** A transaction's last logged state, its coordinator and, for operator decisions, who and when. */
    public record Entry(String transactionId, LoggedState state, String coordinatorQueue, String decidedBy, Instant decidedAt) {
    }

    /** Logged states: {@link ParticipantState} plus PREPARING (prepare under way, no vote yet). */
    public enum LoggedState {
        PREPARING, READY, COMMIT, ABORT;

        public ParticipantState protocolState() {
            return switch (this) {
                case PREPARING -> ParticipantState.INIT;
                case READY -> ParticipantState.READY;
                case COMMIT -> ParticipantState.COMMIT;
                case ABORT -> ParticipantState.ABORT;
            };
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Object forceLock = new Object();
    private long written;
    private long forced;

    private ParticipantLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    public static ParticipantLog open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            dropTornTail(file);
            ParticipantLog log = new ParticipantLog(file, FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND));
            log.replay(Files.readAllLines(file, StandardCharsets.UTF_8));
            return log;
        } catch (IOException e) {
            throw new TransactionException(ErrorCode.UNAVAILABLE, "participant log " + file + " cannot be opened: " + e.getMessage(), e);
        }
    }

    /** Cuts a last line a crash left half-written, so the next line starts on a line of its own. */
    private static void dropTornTail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(end);
                channel.force(true);
            }
        }
    }

    private void replay(List<String> lines) {
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f.length < 2) {
                continue; // a torn last line from a crash mid-write
            }
            LoggedState state;
            try {
                state = LoggedState.valueOf(f[0]);
            } catch (IllegalArgumentException e) {
                continue;
            }
            Entry previous = entries.get(f[1]);
            String coordinator = f.length > 2 && !f[2].equals("by") ? f[2] : previous == null ? null : previous.coordinatorQueue();
            String by = f.length > 5 && f[2].equals("by") ? f[3] : null;
            Instant at = f.length > 5 && f[2].equals("by") ? Instant.parse(f[5]) : null;
            entries.put(f[1], new Entry(f[1], state, coordinator, by, at));
        }
    }

    /** Records {@code state} for the transaction (durably before returning for PREPARING, see the class comment). */
    public void record(String transactionId, LoggedState state, String coordinatorQueue) {
        write(transactionId, state, coordinatorQueue, null, null);
    }

    /** Records an operator's decision with who and when. */
    public void recordOperatorDecision(String transactionId, LoggedState state, String operator, Instant at) {
        write(transactionId, state, null, operator, at);
    }

    private void write(String transactionId, LoggedState state, String coordinatorQueue, String by, Instant at) {
        long position = append(transactionId, state, coordinatorQueue, by, at);
        if (state == LoggedState.PREPARING || by != null) {
            force(position);
        }
    }

    /** Forces the file up to {@code position}; one force covers every line appended before it. */
    private void force(long position) {
        synchronized (forceLock) {
            if (forced >= position) {
                return;
            }
            long upTo;
            synchronized (this) {
                upTo = written;
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new TransactionException(ErrorCode.UNAVAILABLE, "participant log " + file + ": cannot force: " + e.getMessage(), e);
            }
            forced = upTo;
        }
    }

    private synchronized long append(String transactionId, LoggedState state, String coordinatorQueue, String by, Instant at) {
        Entry previous = entries.get(transactionId);
        String coordinator = coordinatorQueue != null ? coordinatorQueue : previous == null ? null : previous.coordinatorQueue();
        StringBuilder line = new StringBuilder(state.name()).append(' ').append(transactionId);
        if (by != null) {
            line.append(" by ").append(by.replace(' ', '_')).append(" at ").append(at);
        } else if (coordinatorQueue != null) {
            line.append(' ').append(coordinatorQueue);
        }
        line.append('\n');
        try {
            ByteBuffer bytes = ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                written += channel.write(bytes);
            }
        } catch (IOException e) {
            throw new TransactionException(ErrorCode.UNAVAILABLE, "participant log " + file + ": cannot record " + state + " of "
                    + transactionId + ": " + e.getMessage(), e);
        }
        entries.put(transactionId, new Entry(transactionId, state, coordinator, by == null ? null : by.replace(' ', '_'), at));
        return written;
    }

    public synchronized Optional<Entry> entry(String transactionId) {
        return Optional.ofNullable(entries.get(transactionId));
    }

    /** Entries in {@code state}, oldest first. */
    public synchronized List<Entry> inState(LoggedState state) {
        return entries.values().stream().filter(e -> e.state() == state).toList();
    }

    public synchronized List<Entry> all() {
        return List.copyOf(entries.values());
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new TransactionException(ErrorCode.INTERNAL, "participant log " + file + ": close failed: " + e.getMessage(), e);
        }
    }
}
