/**
 * The broker's HTTP gateway: Jersey resources that expose queues and topics over HTTP/JSON.
 *
 * <p>The paths and headers are a contract other programs depend on:
 * <pre>
 *  POST   /v1/queues/{queue}/messages              send         201 {"id": "..."}
 *  GET    /v1/queues/{queue}/messages?waitMs&amp;visibilityMs
 *                                                  receive      200 body + Parley-Message-Id,
 *                                                               Parley-Delivery-Count, Parley-Receipt | 204
 *  DELETE /v1/queues/{queue}/receipts/{receipt}    acknowledge  204 | 404
 *  GET    /v1/queues                               list         200 [{"name","depth","consumers","deadLetters"}]
 *  POST   /v1/topics/{topic}/messages              publish      201 {"id": "..."}
 *  GET    /v1/health                               health       200 {"status": "UP"}
 *  GET    /metrics                                 Prometheus text
 * </pre>
 * Errors are {@code {"error": "<code>", "message": "<the value and the rule>"}} with the status of
 * the {@link io.parley.common.ErrorCode}. {@link io.parley.broker.gateway.Gateway} assembles the
 * resources; the HTTP server that hosts them belongs to the node.
 */
package io.parley.broker.gateway;
