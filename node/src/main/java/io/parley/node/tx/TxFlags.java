package io.parley.node.tx;

import picocli.CommandLine.Option;

/** The coordinator flags of {@code parley node} (a picocli mixin). */
public final class TxFlags {

    @Option(names = "--tx-node-id", paramLabel = "ID", description = "Coordinator node id (names its queue parley.tx.coordinator.ID). Default node.")
    private String nodeId;

    @Option(names = "--tx-vote-timeout-ms", paramLabel = "MS", description = "How long phase one waits for each vote. Default 10000.")
    private Long voteTimeoutMs;

    @Option(names = "--tx-ack-timeout-ms", paramLabel = "MS", description = "How long phase two waits for each ACK before recovery takes over. Default 10000.")
    private Long ackTimeoutMs;

    @Option(names = "--tx-recovery-period-s", paramLabel = "S", description = "How often recovery replays unfinished decisions. Default 10.")
    private Long recoveryPeriodS;

    @Option(names = "--tx-jdbc-url", paramLabel = "URL", description = "Keep the coordinator log in PostgreSQL (jdbc:postgresql://...). Default: file store under <data>/tx.")
    private String jdbcUrl;

    @Option(names = "--tx-jdbc-user", paramLabel = "USER", description = "PostgreSQL user for the coordinator log.")
    private String jdbcUser;

    @Option(names = "--tx-jdbc-password", paramLabel = "PASSWORD", description = "PostgreSQL password for the coordinator log.")
    private String jdbcPassword;

    /** The flags over {@code base}. */
    public TxOptions over(TxOptions base) {
        return new TxOptions(nodeId != null ? nodeId : base.nodeId(), voteTimeoutMs != null ? voteTimeoutMs : base.voteTimeoutMs(),
                ackTimeoutMs != null ? ackTimeoutMs : base.ackTimeoutMs(), recoveryPeriodS != null ? recoveryPeriodS : base.recoveryPeriodS(),
                jdbcUrl != null ? jdbcUrl : base.jdbcUrl(), jdbcUser != null ? jdbcUser : base.jdbcUser(),
                jdbcPassword != null ? jdbcPassword : base.jdbcPassword());
    }
}
