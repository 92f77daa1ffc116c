package io.parley.rpc.crash;

import io.parley.broker.Broker;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.rpc.RpcServer;
import io.parley.rpc.RpcServerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

/**
 * Child JVM: an RPC server exporting {@link Bank} whose deposits are appended (fsynced) to a file.
 * Args: messagingUrl stateDirectory ledgerFile hangAfterEffect(true|false). With hangAfterEffect the
 * deposit prints {@code EFFECT <account>} after its side effect and then never returns, so the
 * test can SIGKILL the server mid-call.
 */
public final class BankServerMain {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path state = Path.of(args[1]);
        Path ledger = Path.of(args[2]);
        boolean hang = Boolean.parseBoolean(args[3]);
        Broker broker = Brokers.openOwning(ArtemisEngine.connect(url), BrokerConfig.builder().clientId("bank-server")
                .stateDirectory(state.resolve("broker")).consumerPrefetch(1).build());
        RpcServer server = RpcServer.builder(broker)
                .config(RpcServerConfig.builder().stateDirectory(state.resolve("rpc")).workers(2).build()).build();
        server.export("bank", Bank.class, (account, amount) -> {
            int count = append(ledger, account + " " + amount);
            if (hang) {
                System.out.println("EFFECT " + account);
                System.out.flush();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return count;
        });
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }

    private static synchronized int append(Path ledger, String line) {
        try (FileChannel channel = FileChannel.open(ledger, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
            String account = line.substring(0, line.indexOf(' ') + 1);
            return (int) Files.readAllLines(ledger).stream().filter(l -> l.startsWith(account)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BankServerMain() {
    }
}
