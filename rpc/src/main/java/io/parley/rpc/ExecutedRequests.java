package io.parley.rpc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's durable table of executed at-most-once requests, keyed by caller id and request id,
 * with each request's caller epoch, deadline and — once it has run — its cached reply.
 *
 * <h2>Why a local append-only log</h2>
 * Each request is recorded STARTED before its method runs and DONE with the reply after; a
 * lookup must be a map access, and STARTED must be on disk before the method's first side effect
 * (DONE is written at once and synced within 50 ms by the server's timer or the
 * next STARTED's fsync, whichever comes first).
 * The broker offers no keyed, synchronously readable store through its API (its EFFECTIVELY_ONCE
 * log is internal and keeps keys, not replies), and a database would add a dependency and a
 * network hop to every call. So the table lives in memory and every change is appended to
 * {@code <stateDirectory>/executed-requests.log} and fsynced before the call proceeds; concurrent
 * calls share fsyncs (group commit). On start the log is replayed; a torn last line (a crash
 * mid-write) is cut off. A request found STARTED but not DONE after a restart ran when the
 * server crashed: it is never run again, and is answered OUTCOME_UNKNOWN.
 *
 * <pre>
 *   S &lt;recordedMs&gt; &lt;deadlineMs&gt; &lt;caller&gt; &lt;epoch&gt; &lt;requestId&gt;
 *   D &lt;recordedMs&gt; &lt;deadlineMs&gt; &lt;caller&gt; &lt;epoch&gt; &lt;requestId&gt; &lt;status&gt; &lt;contentType(base64)&gt; &lt;body(base64)&gt;
 * </pre>
 *
 * <h2>Bounds</h2>
 * Entries older than {@code retention} are dropped; a request whose deadline lies further ahead
 * than {@code retention} is refused (INVALID_ARGUMENT), so no retry can outlive its entry. At most
 * {@code maxEntries} are kept: when full, entries past their deadline are dropped oldest first, and
 * if none is, the new request is refused RESOURCE_EXHAUSTED — never is an entry a retry may still
 * need dropped. The log is rewritten (temporary file, fsync, atomic rename) when it holds more
 * than twice the live entries.
 *
 * <p>Thread-safe: the map and appends under one lock; fsyncs outside it. The directory is locked
 * ({@code executed-requests.lock}) so two servers never share one table.
 */
final class ExecutedRequests implements AutoCloseable {

    enum State { STARTED, DONE }

    /** One executed request. Mutable only under the table's lock. */
    static final class Entry {
        final String caller;
        final long epoch;
        final String requestId;
        final long recordedMs;
        final long deadlineMs;
        State state;
        boolean fromEarlierRun;
        String status;
        String contentType;
        byte[] body;

        Entry(String caller, long epoch, String requestId, long recordedMs, long deadlineMs) {
            this.caller = caller;
            this.epoch = epoch;
            this.requestId = requestId;
            this.recordedMs = recordedMs;
            this.deadlineMs = deadlineMs;
            this.state = State.STARTED;
        }
    }

    /** What {@link #begin} found. */
    sealed interface Begin permits Begin.Run, Begin.Running, Begin.Crashed, Begin.Done {
        /** New: the caller runs the method, then calls {@link #done}. */
        record Run() implements Begin { }
        /** Another thread of this server is running it now. */
        record Running() implements Begin { }
        /** It was running when the server stopped: its outcome is unknown; it must not run again. */
        record Crashed(long epoch) implements Begin { }
        /** It ran; here is its reply. */
        record Done(String status, String contentType, byte[] body) implements Begin { }
    }

    private final Path file;
    private final Duration retention;
    private final int maxEntries;
    private final Clock clock;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    private FileChannel log;
    private long lines;
    private long appendedBytes;
    private long syncedBytes;
    private final Object syncLock = new Object();

    ExecutedRequests(Path directory, Duration retention, int maxEntries, Clock clock) {
        this.file = directory.resolve("executed-requests.log");
        this.retention = retention;
        this.maxEntries = maxEntries;
        this.clock = clock;
        try {
            Files.createDirectories(directory);
            Path lockFile = directory.resolve("executed-requests.lock");
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock acquired;
            try {
                acquired = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                acquired = null;
            }
            if (acquired == null) {
                lockChannel.close();
                throw new IllegalStateException("state directory " + directory + " is in use by another RPC server "
                        + "(" + lockFile + " is locked): give each server its own");
            }
            lock = acquired;
            replay();
            log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            appendedBytes = log.size();
            syncedBytes = appendedBytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the executed-request table in " + directory, e);
        }
    }

    static String key(String caller, String requestId) {
        return caller + "/" + requestId;
    }

    /**
     * Looks the request up and, if it is new, records it STARTED durably; atomic per key.
     *
     * @throws RpcException RESOURCE_EXHAUSTED when the table is full of entries within their
     *                      deadlines; INVALID_ARGUMENT when the deadline is beyond the retention
     */
    Begin begin(String caller, long epoch, String requestId, Instant deadline) {
        long position;
        synchronized (this) {
            Entry entry = entries.get(key(caller, requestId));
            if (entry != null) {
                if (entry.state == State.DONE) {
                    return new Begin.Done(entry.status, entry.contentType, entry.body);
                }
                return entry.fromEarlierRun ? new Begin.Crashed(entry.epoch) : new Begin.Running();
            }
            long nowMs = clock.millis();
            if (deadline.toEpochMilli() - nowMs > retention.toMillis()) {
                throw new RpcException(RpcStatus.INVALID_ARGUMENT, "deadline " + deadline + " is "
                        + (deadline.toEpochMilli() - nowMs) + " ms away, beyond the server's at-most-once retention of "
                        + retention.toMillis() + " ms: a retry could outlive its record");
            }
            evict(nowMs);
            if (entries.size() >= maxEntries) {
                throw new RpcException(RpcStatus.RESOURCE_EXHAUSTED, "executed-request table holds " + entries.size()
                        + " requests still within their deadlines (maxEntries " + maxEntries + "): try again later");
            }
            Entry fresh = new Entry(caller, epoch, requestId, nowMs, deadline.toEpochMilli());
            entries.put(key(caller, requestId), fresh);
            position = append("S " + nowMs + " " + fresh.deadlineMs + " " + caller + " " + epoch + " " + requestId + "\n");
        }
        sync(position);
        return new Begin.Run();
    }

    /** Records a request's reply durably; later copies of the request get it. */
    void done(String caller, String requestId, String status, String contentType, byte[] body) {
        synchronized (this) {
            Entry entry = entries.get(key(caller, requestId));
            if (entry == null) {
                return;
            }
            entry.state = State.DONE;
            entry.status = status;
            entry.contentType = contentType;
            entry.body = body;
            append("D " + entry.recordedMs + " " + entry.deadlineMs + " " + caller + " " + entry.epoch + " " + requestId
                    + " " + status + " " + b64(contentType.getBytes(StandardCharsets.UTF_8)) + " " + b64(body) + "\n");
            if (lines > 2L * entries.size() + 1000) {
                compact();
            }
        }
        // not synced here: the next STARTED's fsync or the server's timer (flush) covers it. Losing a
        // DONE record in a machine crash only turns a later retry's answer into OUTCOME_UNKNOWN; the
        // STARTED record, synced before the method ran, still keeps the method from running again.
    }

    /** Makes every record appended so far durable (group commit); the server's timer calls it. */
    void flush() {
        long position;
        synchronized (this) {
            position = appendedBytes;
        }
        sync(position);
    }

    synchronized int size() {
        return entries.size();
    }

    private void evict(long nowMs) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (nowMs - e.recordedMs > retention.toMillis() && nowMs > e.deadlineMs && e.state == State.DONE) {
                it.remove();
            } else {
                break;
            }
        }
        if (entries.size() >= maxEntries) {
            int scanned = 0;
            it = entries.values().iterator();
            while (it.hasNext() && entries.size() >= maxEntries && scanned++ < 10_000) {
                Entry e = it.next();
                if (e.state == State.DONE && nowMs > e.deadlineMs) {
                    it.remove();
                }
            }
        }
    }

    private long append(String line) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                appendedBytes += log.write(buffer);
            }
            lines++;
            return appendedBytes;
        } catch (IOException e) {
            throw new RpcException(RpcStatus.UNAVAILABLE, "cannot write the executed-request table " + file + ": " + e.getMessage(), e);
        }
    }

    /** Group commit: one fsync covers every append before it. */
    private void sync(long position) {
        synchronized (syncLock) {
            if (syncedBytes >= position) {
                return;
            }
            long upTo;
            FileChannel channel;
            synchronized (this) {
                upTo = appendedBytes;
                channel = log;
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new RpcException(RpcStatus.UNAVAILABLE, "cannot sync the executed-request table " + file + ": " + e.getMessage(), e);
            }
            syncedBytes = Math.max(syncedBytes, upTo);
        }
    }

    /** Rewrites the log with the live entries only; called under the table's lock. */
    private void compact() {
        Path tmp = file.resolveSibling(file.getFileName() + ".compacting");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            StringBuilder sb = new StringBuilder();
            long count = 0;
            for (Entry e : entries.values()) {
                sb.append(e.state == State.DONE ? "D " : "S ").append(e.recordedMs).append(' ').append(e.deadlineMs).append(' ')
                        .append(e.caller).append(' ').append(e.epoch).append(' ').append(e.requestId);
                if (e.state == State.DONE) {
                    sb.append(' ').append(e.status).append(' ').append(b64(e.contentType.getBytes(StandardCharsets.UTF_8)))
                            .append(' ').append(b64(e.body));
                }
                sb.append('\n');
                count++;
                if (sb.length() > 1 << 16) {
                    writeFully(out, sb);
                }
            }
            writeFully(out, sb);
            out.force(true);
            log.force(false);
            log.close();
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            DurableFiles.syncDirectory(file.getParent());
            log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            appendedBytes = log.size();
            synchronized (syncLock) {
                syncedBytes = appendedBytes;
            }
            lines = count;
        } catch (IOException e) {
            throw new RpcException(RpcStatus.UNAVAILABLE, "cannot compact the executed-request table " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeFully(FileChannel out, StringBuilder sb) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        sb.setLength(0);
    }

    private void replay() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        long good = 0;
        long position = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                position += line.getBytes(StandardCharsets.UTF_8).length + 1;
                if (parse(line)) {
                    good = position;
                    lines++;
                } else {
                    break;
                }
            }
        }
        long size = Files.size(file);
        if (good < size) {
            // a torn last record from a crash mid-append: it never completed, so its call never proceeded
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(good);
                channel.force(true);
            }
        }
        for (Entry e : entries.values()) {
            if (e.state == State.STARTED) {
                e.fromEarlierRun = true;
            }
        }
    }

    private boolean parse(String line) {
        String[] f = line.split(" ");
        try {
            if (f.length == 6 && f[0].equals("S")) {
                Entry e = new Entry(f[3], Long.parseLong(f[4]), f[5], Long.parseLong(f[1]), Long.parseLong(f[2]));
                entries.put(key(e.caller, e.requestId), e);
                return true;
            }
            if (f.length == 9 && f[0].equals("D")) {
                Entry e = entries.computeIfAbsent(key(f[3], f[5]),
                        k -> new Entry(f[3], Long.parseLong(f[4]), f[5], Long.parseLong(f[1]), Long.parseLong(f[2])));
                e.state = State.DONE;
                e.status = f[6];
                e.contentType = new String(unb64(f[7]), StandardCharsets.UTF_8);
                e.body = unb64(f[8]);
                return true;
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
        return false;
    }

    private static String b64(byte[] bytes) {
        return bytes.length == 0 ? "-" : Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] unb64(String text) {
        return text.equals("-") ? new byte[0] : Base64.getDecoder().decode(text);
    }

    @Override
    public synchronized void close() {
        try {
            log.force(false);
            log.close();
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the executed-request table " + file, e);
        }
    }

    /** For tests and metrics: the entries as a snapshot map of key to state. */
    synchronized Map<String, State> snapshot() {
        Map<String, State> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(k, v.state));
        return copy;
    }
}
