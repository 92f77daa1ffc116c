package io.parley.coordinator.xa;

import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.jta.xa.XidImple;
import io.parley.broker.artemis.ArtemisConfig;
import io.parley.broker.artemis.ArtemisEngine;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.xa.PGXADataSource;

import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Narayana JTA over two PostgreSQL databases and an Artemis XA session, in one JVM, with XA recovery. */
@Timeout(180)
class XaTransactionsTest {

    @TempDir
    static Path dir;
    static EmbeddedPostgres postgres;
    static ArtemisEngine artemis;
    static ServerLocator locator;
    static ClientSessionFactory sessions;
    static XaTransactions xa;
    static PGXADataSource a;
    static PGXADataSource b;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true)
                .setServerConfig("max_prepared_transactions", "20").setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on").start();
        for (String db : new String[]{"xa_a", "xa_b"}) {
            exec(postgres.getJdbcUrl("postgres", "postgres"), "CREATE DATABASE " + db);
            exec(postgres.getJdbcUrl("postgres", db), "CREATE TABLE accounts (id text PRIMARY KEY, balance bigint NOT NULL)");
            exec(postgres.getJdbcUrl("postgres", db), "INSERT INTO accounts VALUES ('acct', 100)");
        }
        // a member of the owner's role sees the owner's prepared branches (pgjdbc's recover) but may not finish them
        exec(postgres.getJdbcUrl("postgres", "postgres"), "CREATE ROLE weak LOGIN");
        exec(postgres.getJdbcUrl("postgres", "postgres"), "GRANT postgres TO weak");
        a = dataSource("xa_a", "postgres");
        b = dataSource("xa_b", "postgres");
        artemis = ArtemisEngine.embedded(ArtemisConfig.builder().dataDirectory(dir.resolve("artemis")).host("127.0.0.1").messagingPort(0).build());
        artemis.start();
        locator = ActiveMQClient.createServerLocator(artemis.messagingUrl());
        sessions = locator.createSessionFactory();
        try (ClientSession admin = sessions.createSession()) {
            admin.createQueue(QueueConfiguration.of("xa.out").setRoutingType(RoutingType.ANYCAST).setDurable(true));
        }
        xa = XaTransactions.start(XaConfig.of("xa-test", dir.resolve("xa")).withRecoveryPeriod(Duration.ofSeconds(1))
                .withOrphanSafetyInterval(Duration.ofMillis(500)));
        xa.addRecoveryHelper(new PostgresXaRecovery(a));
        xa.addRecoveryHelper(new PostgresXaRecovery(b));
    }

    @AfterAll
    static void stop() throws Exception {
        xa.close();
        sessions.close();
        locator.close();
        artemis.close();
        postgres.close();
    }

    private static PGXADataSource dataSource(String db, String user) {
        PGXADataSource ds = new PGXADataSource();
        ds.setUrl(postgres.getJdbcUrl(user, db));
        ds.setUser(user);
        return ds;
    }

    private static void exec(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long query(String db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", db)); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long balance(String db) throws SQLException {
        return query(db, "SELECT balance FROM accounts WHERE id = 'acct'");
    }

    private static long prepared(String db) throws SQLException {
        return query(db, "SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database()");
    }

    private static void transfer(XAConnection from, XAConnection to, ClientSession queue, long amount, boolean fail) throws Exception {
        xa.inTransaction(Duration.ofSeconds(30), tx -> {
            tx.enlist(new StillPreparedGuard(from.getXAResource()));
            tx.enlist(new StillPreparedGuard(to.getXAResource()));
            tx.enlist(queue);
            try (Statement s = from.getConnection().createStatement()) {
                s.executeUpdate("UPDATE accounts SET balance = balance - " + amount);
            }
            try (Statement s = to.getConnection().createStatement()) {
                s.executeUpdate("UPDATE accounts SET balance = balance + " + amount);
            }
            try (ClientProducer producer = queue.createProducer("xa.out")) {
                producer.send(queue.createMessage(true).putStringProperty("amount", Long.toString(amount)));
            }
            if (fail) {
                throw new IllegalStateException("work failed after touching all three resources");
            }
            return null;
        });
    }

    private static String receiveAmount() throws Exception {
        try (ClientSession session = sessions.createSession(); ClientConsumer consumer = session.createConsumer("xa.out")) {
            session.start();
            ClientMessage message = consumer.receive(2000);
            if (message == null) {
                return null;
            }
            message.acknowledge();
            session.commit();
            return message.getStringProperty("amount");
        }
    }

    @Test
    void shouldCommitTwoDatabasesAndAQueueAtomically() throws Exception {
        long before = balance("xa_a") + balance("xa_b");
        long fromBefore = balance("xa_a");
        XAConnection ca = a.getXAConnection();
        XAConnection cb = b.getXAConnection();
        try (ClientSession queue = sessions.createXASession()) {
            transfer(ca, cb, queue, 7, false);
        } finally {
            ca.close();
            cb.close();
        }

        assertThat(balance("xa_a")).isEqualTo(fromBefore - 7);
        assertThat(balance("xa_a") + balance("xa_b")).isEqualTo(before);
        assertThat(receiveAmount()).isEqualTo("7");
        assertThat(prepared("xa_a") + prepared("xa_b")).isZero();
    }

    @Test
    void shouldRollBackAllThreeResourcesWhenTheWorkFails() throws Exception {
        long fromBefore = balance("xa_a");
        XAConnection ca = a.getXAConnection();
        XAConnection cb = b.getXAConnection();
        try (ClientSession queue = sessions.createXASession()) {
            assertThatThrownBy(() -> transfer(ca, cb, queue, 5, true)).hasMessageContaining("work failed");
        } finally {
            ca.close();
            cb.close();
        }

        assertThat(balance("xa_a")).isEqualTo(fromBefore);
        assertThat(receiveAmount()).isNull();
    }

    @Test
    void shouldNeverDropAPreparedBranchWhoseCommitFailsWithXaerRmerr() throws Exception {
        Xid xid = new XidImple(new Uid());
        XAConnection owner = a.getXAConnection();
        XAResource branch = owner.getXAResource();
        branch.start(xid, XAResource.TMNOFLAGS);
        try (Statement s = owner.getConnection().createStatement()) {
            s.executeUpdate("UPDATE accounts SET balance = balance + 1000");
        }
        branch.end(xid, XAResource.TMSUCCESS);
        assertThat(branch.prepare(xid)).isEqualTo(XAResource.XA_OK);
        long balance = balance("xa_a");
        XAConnection weak = dataSource("xa_a", "weak").getXAConnection();
        try {
            // pgjdbc: "permission denied to finish prepared transaction" -> XAER_RMERR, while the branch stays prepared
            assertThatThrownBy(() -> weak.getXAResource().commit(xid, false))
                    .isInstanceOfSatisfying(XAException.class, e -> assertThat(e.errorCode).isEqualTo(XAException.XAER_RMERR));
            assertThatThrownBy(() -> new StillPreparedGuard(weak.getXAResource()).commit(xid, false))
                    .isInstanceOfSatisfying(XAException.class, e -> assertThat(e.errorCode).isEqualTo(XAException.XAER_RMFAIL));
            assertThat(prepared("xa_a")).as("the branch is still prepared, not dropped").isEqualTo(1);
        } finally {
            weak.close();
        }

        new StillPreparedGuard(branch).commit(xid, false);
        owner.close();

        assertThat(prepared("xa_a")).isZero();
        assertThat(balance("xa_a")).isEqualTo(balance + 1000);
        exec(postgres.getJdbcUrl("postgres", "xa_a"), "UPDATE accounts SET balance = balance - 1000");
    }

    @Test
    void shouldRollBackAnOrphanedPreparedBranchOfThisNodeThroughRecovery() throws Exception {
        long balance = balance("xa_b");
        Xid orphan = new XidImple(new Uid());
        XAConnection c = b.getXAConnection();
        c.getXAResource().start(orphan, XAResource.TMNOFLAGS);
        try (Statement s = c.getConnection().createStatement()) {
            s.executeUpdate("UPDATE accounts SET balance = balance + 5");
        }
        c.getXAResource().end(orphan, XAResource.TMSUCCESS);
        c.getXAResource().prepare(orphan);
        c.close();
        assertThat(prepared("xa_b")).isEqualTo(1);

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            xa.recoverNow();
            return prepared("xa_b") == 0;
        });

        assertThat(balance("xa_b")).as("no log entry for it: presumed abort").isEqualTo(balance);
    }
}
