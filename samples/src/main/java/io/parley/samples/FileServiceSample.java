package io.parley.samples;

import io.parley.broker.Broker;
import io.parley.rpc.RpcClient;
import io.parley.rpc.RpcServer;
import io.parley.rpc.RpcServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * A remote file service: the server exports {@link FileService} over a directory as service
 * {@code file-service}; the client calls it through a stub — {@code read("rutabaga")} returns the
 * file's contents, a missing file throws {@link NoSuchFileException} on the client, and
 * {@code append} runs at-most-once. With {@code --serve} the server keeps running so that other
 * programs can call it, e.g. {@code ./parley call file-service read '["rutabaga"]'}.
 */
@Command(name = "file-service", description = "RPC: a remote file service; read(\"rutabaga\") returns the file's contents")
final class FileServiceSample implements Callable<Integer> {

    @Mixin
    SampleEnvironment environment;

    @Option(names = "--directory", description = "The directory to serve (default: a temporary one holding the file 'rutabaga')")
    Path directory;

    @Option(names = "--serve", description = "Keep serving after the demonstration, until stopped (Ctrl-C)")
    boolean serve;

    @Override
    public Integer call() throws Exception {
        Path served = directory != null ? directory : sampleDirectory();
        try (SampleEnvironment env = environment;
             Broker serverBroker = env.open("file-server");
             Broker clientBroker = env.open("file-client");
             RpcServer server = RpcServer.builder(serverBroker)
                     .config(RpcServerConfig.builder().stateDirectory(served.resolveSibling(served.getFileName() + ".rpc-state")).build())
                     .build();
             RpcClient client = RpcClient.builder(clientBroker).build()) {
            server.export("file-service", FileService.class, new DirectoryFileService(served));
            System.out.println("serving " + served + " as service 'file-service' (queue rpc.file-service)");

            FileService files = client.stub(FileService.class, "file-service");
            System.out.println("list()              -> " + files.list());
            System.out.println("read(\"rutabaga\")    -> " + files.read("rutabaga").strip());
            try {
                files.read("turnip");
            } catch (NoSuchFileException e) {
                System.out.println("read(\"turnip\")      -> " + e.getClass().getSimpleName() + ": " + e.getMessage()
                        + " (the server's checked exception, as itself)");
            }
            System.out.println("append(\"log\", ...)  -> " + files.append("log", "first line") + " line(s)");
            if (serve) {
                System.out.println("serving until stopped; try: ./parley call file-service read '[\"rutabaga\"]'"
                        + (env.messagingUrl != null ? " --messaging " + env.messagingUrl : ""));
                new CountDownLatch(1).await();
            }
            return 0;
        }
    }

    private static Path sampleDirectory() {
        try {
            Path dir = Files.createTempDirectory("parley-files-");
            Files.writeString(dir.resolve("rutabaga"), "Rutabaga (Brassica napobrassica): a root vegetable, the swede.\n",
                    StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
