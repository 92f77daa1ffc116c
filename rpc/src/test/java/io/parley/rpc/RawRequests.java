package io.parley.rpc;

import io.parley.broker.Message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Captures the calls a client makes, and builds raw copies of their requests (a retry, as the wire sees it). */
final class RawRequests implements ClientInterceptor {

    final List<ClientCall> calls = new CopyOnWriteArrayList<>();

    @Override
    public void beforeSend(ClientCall call) {
        calls.add(call);
    }

    ClientCall last() {
        return calls.get(calls.size() - 1);
    }

    /** A copy of {@code call}'s request from {@code caller} at {@code epoch}, with {@code jsonArguments}. */
    static Message copy(ClientCall call, String caller, long epoch, String jsonArguments, int arity) {
        return Message.builder().body(jsonArguments.getBytes(StandardCharsets.UTF_8), JacksonCodec.CONTENT_TYPE)
                .header(RpcHeaders.SERVICE, call.service())
                .header(RpcHeaders.METHOD, call.method())
                .header(RpcHeaders.ARITY, Integer.toString(arity))
                .header(RpcHeaders.CALLER, caller)
                .header(RpcHeaders.EPOCH, Long.toString(epoch))
                .header(RpcHeaders.REQUEST, call.requestId())
                .header(RpcHeaders.DEADLINE, Long.toString(call.deadline().toEpochMilli()))
                .header(RpcHeaders.MODE, call.mode().name())
                .header(RpcHeaders.SEMANTICS, call.semantics().name())
                .build();
    }
}
