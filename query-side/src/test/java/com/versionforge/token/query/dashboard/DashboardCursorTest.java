package com.versionforge.token.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.versionforge.token.api.TokenId;
import com.versionforge.token.query.web.InvalidParameterException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A cursor comes back exactly as it was handed out, and only for the sort it was made in. */
class DashboardCursorTest {

    private static final TokenId TOKEN = new TokenId(UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"));
    private static final DashboardSort BY_NAME = DashboardSort.parse("name");
    private static final DashboardSort BY_LAST_USE = DashboardSort.parse("-lastUsedAt");

    @ParameterizedTest
    @ValueSource(strings = {"ci/cd: prod\u00e9 \ud83d\udd11", "a", "line one"})
    void survivesTheRoundTripWithAnyName(String name) {
        DashboardCursor cursor = new DashboardCursor(BY_NAME, name, TOKEN);

        assertThat(DashboardCursor.decode(cursor.encode(), BY_NAME)).isEqualTo(cursor);
    }

    @Test
    void survivesTheRoundTripOfATokenNeverUsed() {
        DashboardCursor cursor = new DashboardCursor(BY_LAST_USE, null, TOKEN);

        DashboardCursor decoded = DashboardCursor.decode(cursor.encode(), BY_LAST_USE);

        assertThat(decoded).isEqualTo(cursor);
        assertThat(decoded.instantValue()).isNull();
    }

    @Test
    void isUrlSafeWithoutPadding() {
        String encoded = new DashboardCursor(BY_LAST_USE, "2027-01-15T12:00:00.123456Z", TOKEN).encode();

        assertThat(encoded).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void refusesACursorOfAnotherSort() {
        String encoded = new DashboardCursor(BY_NAME, "a", TOKEN).encode();

        assertThatThrownBy(() -> DashboardCursor.decode(encoded, DashboardSort.parse("-name")))
                .isInstanceOfSatisfying(
                        InvalidParameterException.class,
                        e -> assertThat(e.code()).isEqualTo("cursor-invalid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "=", "%%%", "bm90IGEgY3Vyc29y", "_w", "dGhyZWUKcGFydHMKb25seQ"})
    void refusesWhatItDidNotMake(String encoded) {
        assertThatThrownBy(() -> DashboardCursor.decode(encoded, BY_NAME))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void refusesAnOverlongCursorBeforeDecodingIt() {
        assertThatThrownBy(() -> DashboardCursor.decode("A".repeat(1025), BY_NAME))
                .isInstanceOf(InvalidParameterException.class);
    }
}
