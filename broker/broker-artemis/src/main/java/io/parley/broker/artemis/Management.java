package io.parley.broker.artemis;

import io.parley.broker.BrokerException;
import io.parley.broker.BrokerUnavailableException;
import io.parley.common.ErrorCode;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;

/**
 * Invokes Artemis management operations with core management messages (request/reply over the
 * {@code activemq.management} address), which works the same on the embedded server and on a
 * remote one, without JMX. Owns one session and its reply queue.
 *
 * <p>Its session is also the engine's administrative session ({@link #withSession}): temporary
 * queues created through it live as long as the engine's connection. Thread-safe: calls are serialised.
 */
final class Management implements AutoCloseable {

    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long TIMEOUT_MS = 30_000;

    private final ClientSession session;
    private final ClientRequestor requestor;

    Management(ClientSessionFactory factory) throws Exception {
        session = factory.createSession(false, true, true);
        session.start();
        requestor = new ClientRequestor(session, MANAGEMENT_ADDRESS);
    }

    /** Work done with the administrative session. */
    interface SessionWork<T> {
        T apply(ClientSession session) throws ActiveMQException;
    }

    /** Runs {@code work} with the administrative session; {@code what} names it in errors. */
    synchronized <T> T withSession(String what, SessionWork<T> work) {
        try {
            return work.apply(session);
        } catch (ActiveMQException e) {
            throw Failures.translate(what, e);
        }
    }

    /** Invokes {@code operation} on the broker; returns its result (may be {@code null}). */
    synchronized Object broker(String operation, Object... parameters) {
        return invoke(ResourceNames.BROKER, operation, parameters);
    }

    private Object invoke(String resource, String operation, Object... parameters) {
        String what = "management operation " + operation + " on " + resource;
        ClientMessage reply;
        try {
            ClientMessage request = session.createMessage(false);
            ManagementHelper.putOperationInvocation(request, resource, operation, parameters);
            reply = requestor.request(request, TIMEOUT_MS);
        } catch (Exception e) {
            throw Failures.translate(what, e);
        }
        if (reply == null) {
            throw new BrokerUnavailableException(what + ": no answer within " + TIMEOUT_MS + " ms");
        }
        try {
            Object result = ManagementHelper.getResult(reply);
            if (!ManagementHelper.hasOperationSucceeded(reply)) {
                throw new BrokerException(ErrorCode.INTERNAL, what + " failed: " + result);
            }
            return result;
        } catch (BrokerException e) {
            throw e;
        } catch (Exception e) {
            throw Failures.translate(what, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            requestor.close();
        } catch (Exception ignored) {
            // closing the session below releases the reply queue either way
        }
        try {
            session.close();
        } catch (ActiveMQException ignored) {
            // the connection is going away with the engine
        }
    }
}
