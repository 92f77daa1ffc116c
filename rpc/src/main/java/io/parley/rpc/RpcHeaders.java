package io.parley.rpc;

/**
 * The wire format of a call: a broker message whose body is the codec's encoding of the arguments
 * (a JSON array by default) and whose headers say what to call and under which terms.
 *
 * <pre>
 *  request  ──► queue rpc.&lt;service&gt;           reply ◄── caller's reply queue or ticket mailbox
 *  ┌──────────────────────────────────┐       ┌────────────────────────────────────┐
 *  │ rpc_service   calculator         │       │ rpc_status   OK | NOT_FOUND | ...  │
 *  │ rpc_method    add                │       │ rpc_request  (the request id)      │
 *  │ rpc_arity     2                  │       │ body: result, or error JSON        │
 *  │ rpc_caller    billing-7          │       │  {"status","message","type",       │
 *  │ rpc_epoch     3                  │       │   "declared","cause":{...}}        │
 *  │ rpc_request   (uuid, same on     │       └────────────────────────────────────┘
 *  │               every retry)       │
 *  │ rpc_deadline  epoch millis       │   control topic parley.rpc.control:
 *  │ rpc_mode      SYNC|ONE_WAY|...   │     rpc_control=epoch  rpc_caller rpc_epoch
 *  │ rpc_semantics AT_MOST_ONCE|...   │     rpc_control=cancel rpc_caller rpc_request rpc_deadline
 *  │ traceparent   W3C trace context  │
 *  │ body: [1, 2]                     │
 *  └──────────────────────────────────┘
 * </pre>
 */
final class RpcHeaders {

    static final String SERVICE = "rpc_service";
    static final String METHOD = "rpc_method";
    static final String ARITY = "rpc_arity";
    static final String CALLER = "rpc_caller";
    static final String EPOCH = "rpc_epoch";
    static final String REQUEST = "rpc_request";
    static final String DEADLINE = "rpc_deadline";
    static final String MODE = "rpc_mode";
    static final String SEMANTICS = "rpc_semantics";
    static final String STATUS = "rpc_status";
    static final String CONTROL = "rpc_control";
    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";

    /** The topic caller epochs and cancellations are published on; every server subscribes. */
    static final String CONTROL_TOPIC = "parley.rpc.control";
    static final String CONTROL_EPOCH = "epoch";
    static final String CONTROL_CANCEL = "cancel";

    static final String ERROR_CONTENT_TYPE = "application/vnd.parley.rpc-error+json";

    private RpcHeaders() {
    }
}
