package com.versionforge.token.command.storage;

import static com.versionforge.token.command.support.TokenApi.createBody;
import static com.versionforge.token.command.support.TokenApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.versionforge.token.api.Scope;
import com.versionforge.token.command.support.RunningCommandSide;
import com.versionforge.token.command.support.TokenIssuer.IssuedToken;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Axon tables as Flyway left them on PostgreSQL: binary columns are bytea rather than large objects, and the
 * global index hands out consecutive numbers, so tracking processors see no gaps.
 */
class EventStoreSchemaIT extends RunningCommandSide {

    private static final String TENANT = "acme";

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({
        "domainevententry, payload",
        "domainevententry, metadata",
        "snapshotevententry, payload",
        "snapshotevententry, metadata",
        "tokenentry, token",
        "sagaentry, serializedsaga",
    })
    void storesBinaryColumnAsBytea(String table, String column) {
        String type =
                jdbc.sql("""
                        SELECT data_type FROM information_schema.columns
                        WHERE table_schema = 'public' AND table_name = ? AND column_name = ?""").param(table).param(column).query(String.class).single();

        assertThat(type).isEqualTo("bytea");
    }

    @Test
    void hasNoLargeObjectColumnAnywhere() {
        List<String> oidColumns = jdbc.sql("""
                        SELECT table_name || '.' || column_name FROM information_schema.columns
                        WHERE table_schema = 'public' AND udt_name = 'oid'""").query(String.class).list();

        assertThat(oidColumns).isEmpty();
    }

    @Test
    void keepsNoLargeObjectsAfterEventsWereStored() {
        issuer.issue(TENANT, Scope.ADMIN);

        long largeObjects = jdbc.sql("SELECT count(*) FROM pg_largeobject_metadata")
                .query(Long.class)
                .single();

        assertThat(largeObjects).isZero();
    }

    @Test
    void backsTheGlobalIndexWithSequenceThatStepsByOneWithoutCaching() {
        List<String> steps = jdbc.sql("""
                        SELECT s.increment_by || '/' || s.cache_size FROM pg_sequences s
                        WHERE format('%I.%I', s.schemaname, s.sequencename)::regclass
                            = pg_get_serial_sequence('domainevententry', 'globalindex')::regclass""").query(String.class).list();

        assertThat(steps).containsExactly("1/1");
    }

    @Test
    void givesConsecutiveEventsConsecutiveGlobalIndexes() {
        IssuedToken admin = issuer.issue(TENANT, Scope.ADMIN);
        String first = json(api.create(admin.secret(), createBody("Stripe sync", "sync-trigger", "30d")))
                .path("id")
                .asText();
        api.create(admin.secret(), createBody("Workday sync", "sync-trigger", "30d"));
        api.revoke(admin.secret(), first, null);

        List<Long> indexes = jdbc.sql("SELECT globalindex FROM domainevententry ORDER BY globalindex")
                .query(Long.class)
                .list();

        assertThat(indexes).hasSizeGreaterThanOrEqualTo(4);
        long lowest = indexes.get(0);
        assertThat(indexes)
                .containsExactlyElementsOf(LongStream.range(lowest, lowest + indexes.size())
                        .boxed()
                        .toList());
    }
}
