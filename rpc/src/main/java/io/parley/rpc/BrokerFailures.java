package io.parley.rpc;

import io.parley.broker.BrokerClosedException;
import io.parley.broker.BrokerException;
import io.parley.broker.DeadlineExceededException;
import io.parley.broker.InvalidDestinationException;
import io.parley.broker.InvalidMessageException;
import io.parley.broker.MessageTooLargeException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Translates broker failures into RPC statuses. */
final class BrokerFailures {

    private BrokerFailures() {
    }

    static RpcException translate(Throwable failure, String what) {
        Throwable e = unwrap(failure);
        if (e instanceof RpcException rpc) {
            return rpc;
        }
        RpcStatus status;
        if (e instanceof DeadlineExceededException) {
            status = RpcStatus.DEADLINE_EXCEEDED;
        } else if (e instanceof InvalidMessageException || e instanceof InvalidDestinationException
                || e instanceof MessageTooLargeException) {
            status = RpcStatus.INVALID_ARGUMENT;
        } else {
            status = RpcStatus.UNAVAILABLE;
        }
        return new RpcException(status, what + ": " + e.getMessage(), e);
    }

    /** Whether an attempt that failed this way may be retried (the broker was briefly unreachable, or no reply in time). */
    static boolean retriable(Throwable failure) {
        Throwable e = unwrap(failure);
        return e instanceof DeadlineExceededException
                || (e instanceof BrokerException b && b.isRetriable() && !(e instanceof BrokerClosedException));
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
