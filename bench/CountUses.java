import java.sql.DriverManager;

/**
 * Prints how many TokenUsedEvents the event store holds and the uses they stand for: "events uses". Run by
 * auth-check.sh as a single-file program with PostgreSQL's JDBC driver on the class path.
 */
class CountUses {

    public static void main(String[] args) throws Exception {
        try (var connection = DriverManager.getConnection(args[0], "postgres", "postgres");
                var statement = connection.createStatement();
                var result = statement.executeQuery("""
                        SELECT count(*), coalesce(sum((convert_from(payload, 'UTF8')::jsonb ->> 'count')::bigint), 0)
                        FROM domainevententry WHERE payloadtype = 'com.versionforge.token.api.TokenUsedEvent'""")) {
            result.next();
            System.out.println(result.getLong(1) + " " + result.getLong(2));
        }
    }
}
