package com.versionforge.token.command.credential;

import com.versionforge.token.api.TokenId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on PostgreSQL for the credential changes that {@link CredentialProjection} announces in its transactions and
 * evicts the changed tokens from this node's {@link CredentialCache}. After a lost connection it drops the whole
 * cache, since changes may have been missed, and listens again.
 */
@Component
// Off where LISTEN cannot work, e.g. behind a connection pooler in transaction mode; the cache stays correct.
@ConditionalOnProperty(name = "vf.credential-cache.listen", havingValue = "true", matchIfMissing = true)
class CredentialChangeListener implements SmartLifecycle {

    static final String CHANNEL = "vf_token_credential_changed";

    private static final Logger logger = LoggerFactory.getLogger(CredentialChangeListener.class);
    private static final int POLL_MILLIS = 500;
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final CredentialCache cache;
    private volatile boolean running;
    private Thread thread;

    CredentialChangeListener(DataSource dataSource, CredentialCache cache) {
        this.dataSource = dataSource;
        this.cache = cache;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::listen, "credential-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            try {
                // Ends within one poll; the connection then goes back to the pool before the pool closes.
                thread.join(2L * POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                cache.evictAll();
                logger.debug("Listening for credential changes");
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            evict(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    logger.warn("Lost the credential change notifications; listening again shortly", e);
                    cache.evictAll();
                    pause();
                }
            }
        }
    }

    private void evict(String tokenId) {
        try {
            cache.evict(TokenId.parse(tokenId));
        } catch (IllegalArgumentException e) {
            cache.evictAll();
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_DELAY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
