package io.parley.broker.gateway;

import io.parley.broker.Destination;
import io.parley.broker.Durability;
import io.parley.broker.Message;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code /v1/queues}: send, receive with a receipt, acknowledge, list. Every long operation is
 * asynchronous ({@link Suspended}): HTTP threads never wait for the store or for a message.
 * A singleton; thread-safe.
 */
@Path("/v1/queues")
@Produces(MediaType.APPLICATION_JSON)
public final class QueueResource {

    static final long MAX_WAIT_MS = 30_000;
    static final long DEFAULT_VISIBILITY_MS = 30_000;
    static final long MAX_VISIBILITY_MS = 12L * 3600 * 1000;

    private final QueueSnapshots snapshots;
    private final BodyReader bodyReader;
    private final Sender sender;
    private final Receipts receipts;

    QueueResource(QueueSnapshots snapshots, BodyReader bodyReader, Sender sender, Receipts receipts) {
        this.snapshots = snapshots;
        this.bodyReader = bodyReader;
        this.sender = sender;
        this.receipts = receipts;
    }

    @GET
    public void list(@Suspended AsyncResponse response) {
        snapshots.queues().whenComplete((queues, error) ->
                response.resume(error != null ? GatewayErrors.unwrap(error) : Response.ok(queues).build()));
    }

    @POST
    @Path("{queue}/messages")
    @Consumes(MediaType.WILDCARD)
    public void send(@PathParam("queue") String queue, @Context HttpHeaders headers, InputStream body,
                     @Suspended AsyncResponse response) {
        try {
            Destination.Queue destination = Destination.queue(queue);
            String target = "queue '" + queue + "'";
            bodyReader.checkDeclaredLength(target, headers.getLength());
            sender.send(destination, SendRequest.parse(headers, bodyReader.read(target, body)), response);
        } catch (RuntimeException e) {
            response.resume(e);
        }
    }

    @GET
    @Path("{queue}/messages")
    @Produces(MediaType.WILDCARD)
    public void receive(@PathParam("queue") String queue, @QueryParam("waitMs") String waitMs,
                        @QueryParam("visibilityMs") String visibilityMs, @Suspended AsyncResponse response) {
        try {
            Destination.queue(queue);
            Duration wait = Duration.ofMillis(GatewayErrors.longInRange("parameter", "waitMs", waitMs, 0, MAX_WAIT_MS, 0));
            Duration visibility = Duration.ofMillis(GatewayErrors.longInRange("parameter", "visibilityMs", visibilityMs,
                    1, MAX_VISIBILITY_MS, DEFAULT_VISIBILITY_MS));
            receipts.receive(queue, wait, visibility).whenComplete((receipt, error) -> {
                if (error != null) {
                    response.resume(GatewayErrors.unwrap(error));
                    return;
                }
                boolean answered;
                try {
                    answered = response.resume(answer(receipt));
                } catch (RuntimeException e) {
                    receipt.ifPresent(receipts::giveBack);
                    response.resume(e);
                    return;
                }
                if (!answered) {
                    receipt.ifPresent(receipts::giveBack);
                }
            });
        } catch (RuntimeException e) {
            response.resume(e);
        }
    }

    @DELETE
    @Path("{queue}/receipts/{receipt}")
    public void acknowledge(@PathParam("queue") String queue, @PathParam("receipt") String receipt,
                            @Suspended AsyncResponse response) {
        try {
            Destination.queue(queue);
            receipts.acknowledge(queue, receipt).whenComplete((done, error) -> response.resume(
                    error != null ? GatewayErrors.unwrap(error) : Response.noContent().build()));
        } catch (RuntimeException e) {
            response.resume(e);
        }
    }

    private static Response answer(Optional<Receipt> receipt) {
        if (receipt.isEmpty()) {
            return Response.noContent().build();
        }
        Message message = receipt.get().message();
        Response.ResponseBuilder ok = Response.ok(message.body(), mediaType(message.contentType()))
                .header(GatewayHeaders.MESSAGE_ID, message.id())
                .header(GatewayHeaders.DELIVERY_COUNT, message.deliveryCount())
                .header(GatewayHeaders.RECEIPT, receipt.get().id())
                .header(GatewayHeaders.PRIORITY, message.priority())
                .header(GatewayHeaders.PERSISTENT, message.durability() == Durability.PERSISTENT);
        message.groupKey().ifPresent(group -> ok.header(GatewayHeaders.GROUP, group));
        return ok.build();
    }

    /**
     * The message's content type as the answer's {@code Content-Type}; {@code application/octet-stream}
     * when it is no media type (a message from a messaging client may carry any text there).
     */
    private static MediaType mediaType(String contentType) {
        try {
            return MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            return MediaType.APPLICATION_OCTET_STREAM_TYPE;
        }
    }
}
