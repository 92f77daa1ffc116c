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
 * Send headers (all optional): {@code Parley-Persistent: true|false} (default true),
 * {@code Parley-Priority: 0..9}, {@code Parley-TTL-Ms}, {@code Parley-Dedup-Id}, {@code Parley-Group},
 * {@code Parley-Sync: submitted|stored|delivered} (when the 201 is sent; default {@code stored}, i.e.
 * once the message is held, durably if persistent; {@code delivered} once a receiver took it) and
 * {@code Parley-Sync-Timeout-Ms} (how long the answer waits for that sync point, default 30000;
 * 504 {@code deadline-exceeded} after it — the message stays stored).
 * A message received but not acknowledged within {@code visibilityMs} (default 30000,
 * 1..43200000) goes back to its queue; receipts are bounded (429 {@code resource-exhausted}).
 *
 * <p>Errors are {@code {"error": "<code>", "message": "<the value and the rule>"}} with the status of
 * the {@link io.parley.common.ErrorCode}. {@link io.parley.broker.gateway.Gateway} assembles the
 * resources; the HTTP server that hosts them belongs to the node.
 */
package io.parley.broker.gateway;
