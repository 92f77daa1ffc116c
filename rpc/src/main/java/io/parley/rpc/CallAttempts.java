package io.parley.rpc;

import io.parley.broker.Message;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The attempts of one synchronous or asynchronous call. Each attempt sends a copy of the request
 * (a new message id, the same request id) and listens for its reply until the call's deadline;
 * if no reply has come {@code attemptTimeout} (plus the back-off, doubling per attempt) after an
 * attempt, another copy is sent — earlier copies keep listening, so a slow reply still
 * completes the call. A retriable broker failure sends the next copy after the back-off.
 * Attempts run on the calling thread, the broker's reply thread and the client's retry timer, which
 * sweeps the pending calls every {@link #SWEEP_MS} ms and fires the ones whose next step is due (a
 * retry or the deadline fires up to one sweep late; per call that is two field writes, where a
 * scheduled task costs a heap insert and removal under the timer's lock and a wake-up of its thread,
 * on the calling and reply threads). A new attempt starts under this object's monitor. Owned by
 * its {@link RpcClient}, which fails it on close.
 */
final class CallAttempts {
    static final long SWEEP_MS = 20;

    private final RpcClient client;
    final OutgoingCall out;
    final ClientCall call;
    final Message template;
    final boolean async;
    final RpcFuture<Object> future;
    int count;
    /** When the next step is due ({@link System#nanoTime()}); guarded by this object's monitor. */
    private long dueNanos;
    /** The next step: another attempt, or (no time left for one) failing the call at its deadline. */
    private boolean dueIsDeadline;
    private boolean due;

    CallAttempts(RpcClient client, OutgoingCall out, ClientCall call, Message template, boolean async) {
        this.client = client;
        this.out = out;
        this.call = call;
        this.template = template;
        this.async = async;
        this.future = new RpcFuture<>(() -> client.publishCancel(call));
    }

    synchronized void next() {
        if (future.isDone()) {
            return;
        }
        if (client.isClosed()) {
            finish(null, new RpcException(RpcStatus.UNAVAILABLE, "call " + out.describe() + ": the RPC client is closed"));
            return;
        }
        long remainingMs = Duration.between(client.now(), call.deadline()).toMillis();
        if (remainingMs <= 0) {
            finish(null, deadlineExceeded());
            return;
        }
        count++;
        Message copy = template.toBuilder().newId().timestamp(client.now()).build();
        try {
            client.broker().requestAsync(out.queue(), copy, Duration.ofMillis(remainingMs)).whenComplete((reply, e) -> {
                if (e == null) {
                    onReply(reply);
                } else {
                    onAttemptFailure(e);
                }
            });
        } catch (RuntimeException e) {
            onAttemptFailure(e);
            return;
        }
        schedule(client.config().attemptTimeout().toMillis() + backoffMs());
    }

    private void onReply(Message reply) {
        RpcStatus status = ReplyDecoder.status(reply);
        if (status == RpcStatus.UNAVAILABLE) {
            schedule(backoffMs());
            return;
        }
        try {
            finish(client.replies().decode(reply, status, out), null);
        } catch (Throwable t) {
            finish(null, t);
        }
    }

    private void onAttemptFailure(Throwable e) {
        if (future.isDone()) {
            return;
        }
        if (BrokerFailures.unwrap(e) instanceof io.parley.broker.DeadlineExceededException) {
            if (!client.now().isBefore(call.deadline())) {
                finish(null, deadlineExceeded());
            }
        } else if (BrokerFailures.retriable(e)) {
            schedule(backoffMs());
        } else {
            finish(null, BrokerFailures.translate(e, "call " + out.describe()));
        }
    }

    private long backoffMs() {
        return Math.min(client.config().maxBackoff().toMillis(), client.config().initialBackoff().toMillis() << Math.min(20, Math.max(0, count - 1)));
    }

    private synchronized void schedule(long delayMs) {
        long remainingMs = Duration.between(client.now(), call.deadline()).toMillis();
        // no time for another copy: the ones out there listen until the deadline
        dueIsDeadline = delayMs >= remainingMs;
        dueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(dueIsDeadline ? Math.max(0, remainingMs) + 50 : delayMs);
        due = true;
    }

    /** Called by the client's sweep: takes the next step if it is due. */
    void fireIfDue(long nowNanos) {
        boolean deadline;
        synchronized (this) {
            if (!due || nowNanos - dueNanos < 0) {
                return;
            }
            due = false;
            deadline = dueIsDeadline;
        }
        if (!deadline) {
            next();
        } else if (!future.isDone()) {
            finish(null, deadlineExceeded());
        }
    }

    private RpcException deadlineExceeded() {
        return new RpcException(RpcStatus.DEADLINE_EXCEEDED, "call " + out.describe() + ": no reply within deadline "
                + out.deadline().toMillis() + " ms (" + count + " attempt(s) to queue '" + out.queue() + "')");
    }

    void finish(Object value, Throwable failure) {
        if (future.isDone()) {
            return;
        }
        client.afterCall(call, failure == null ? RpcStatus.OK : failure instanceof RpcException r ? r.status() : RpcStatus.REMOTE_ERROR, failure);
        Runnable complete = () -> {
            if (failure == null) {
                future.complete(value);
            } else {
                future.completeExceptionally(failure);
            }
        };
        if (async) {
            try {
                client.callbacks().execute(complete);
            } catch (RejectedExecutionException e) {
                complete.run();
            }
        } else {
            complete.run();
        }
    }
}
