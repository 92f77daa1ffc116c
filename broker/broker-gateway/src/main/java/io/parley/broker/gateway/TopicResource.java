package io.parley.broker.gateway;

import io.parley.broker.Destination;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.io.InputStream;

/** {@code /v1/topics}: publish, with the same headers and answer as a queue send. A singleton; thread-safe. */
@Path("/v1/topics")
@Produces(MediaType.APPLICATION_JSON)
public final class TopicResource {

    private final BodyReader bodyReader;
    private final Sender sender;

    TopicResource(BodyReader bodyReader, Sender sender) {
        this.bodyReader = bodyReader;
        this.sender = sender;
    }

    @POST
    @Path("{topic}/messages")
    @Consumes(MediaType.WILDCARD)
    public void publish(@PathParam("topic") String topic, @Context HttpHeaders headers, InputStream body,
                        @Suspended AsyncResponse response) {
        try {
            Destination.Topic destination = Destination.topic(topic);
            if (destination.isPattern()) {
                throw GatewayErrors.invalid("topic '" + topic + "' is a pattern: publish needs a plain topic name,"
                        + " words of [A-Za-z0-9_-]+ separated by '.'");
            }
            String target = "topic '" + topic + "'";
            bodyReader.checkDeclaredLength(target, headers.getLength());
            sender.send(destination, SendRequest.parse(headers, bodyReader.read(target, body)), response);
        } catch (RuntimeException e) {
            response.resume(e);
        }
    }
}
