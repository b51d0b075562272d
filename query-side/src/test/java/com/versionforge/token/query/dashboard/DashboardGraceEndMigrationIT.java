package com.versionforge.token.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Upgrading a query side whose dashboard was built before it kept grace ends: the migration hands the dashboard back to
 * its processor to rebuild from the first event, and leaves the other projections where they are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardGraceEndMigrationIT {

    private static final String[] LOCATIONS = {"classpath:db/axon", "classpath:db/query"};
    private static final String HISTORY_TABLE = "flyway_query_side_history";
    private static final UUID TOKEN = UUID.fromString("9b000000-0000-4000-8000-000000000001");

    private EmbeddedPostgres postgres;
    private JdbcClient jdbc;

    @BeforeAll
    void givenADashboardBuiltBeforeTheGraceEnd() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        DataSource dataSource = postgres.getPostgresDatabase();
        jdbc = JdbcClient.create(dataSource);
        flyway(dataSource).target("100.0").load().migrate();
        jdbc.sql("""
                        INSERT INTO token_dashboard (token_id, tenant_id, name, scope, status, token_hint, created_at,
                            created_by, expires_at, rotated_to, last_sequence)
                        VALUES (?, 'upgrade-co', 'Rotated before', 'admin', 'active', '0001', now(), 'user:alice',
                            now() + interval '30 days', gen_random_uuid(), 1)""").param(TOKEN).update();
        jdbc.sql(
                        "INSERT INTO tokenentry (processorname, segment) VALUES ('dashboard', 0), ('dashboard', 1), ('audit', 0)")
                .update();

        flyway(dataSource).load().migrate();
    }

    @AfterAll
    void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void clearsTheDashboardSoThatItIsRebuiltWithGraceEnds() {
        assertThat(jdbc.sql("SELECT count(*) FROM token_dashboard")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM tokenentry WHERE processorname = 'dashboard'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void leavesTheTrackingTokensOfOtherProjections() {
        assertThat(jdbc.sql("SELECT processorname FROM tokenentry")
                        .query(String.class)
                        .list())
                .containsExactly("audit");
    }

    @Test
    void addsTheGraceEndColumn() {
        assertThat(jdbc.sql("""
                                SELECT data_type FROM information_schema.columns
                                WHERE table_name = 'token_dashboard' AND column_name = 'grace_ends_at'""").query(String.class).single()).isEqualTo("timestamp with time zone");
    }

    private static FluentConfiguration flyway(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations(LOCATIONS).table(HISTORY_TABLE);
    }
}
