package com.versionforge.token.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.versionforge.token.query.web.InvalidParameterException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The sort parameter names one of four keys, with a - prefix for descending, and newest first by default. */
class DashboardSortTest {

    @ParameterizedTest
    @ValueSource(strings = {"createdAt", "-createdAt", "expiresAt", "-expiresAt", "lastUsedAt", "-lastUsedAt", "name"})
    void readsBackItsOwnWireName(String wireName) {
        assertThat(DashboardSort.parse(wireName).wireName()).isEqualTo(wireName);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void sortsNewestFirstByDefault(String absent) {
        assertThat(DashboardSort.parse(absent)).isEqualTo(new DashboardSort(DashboardSort.Key.CREATED_AT, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "--name", "+name", "NAME", "created_at", "name ", "id"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> DashboardSort.parse(text))
                .isInstanceOfSatisfying(
                        InvalidParameterException.class,
                        e -> assertThat(e.code()).isEqualTo("sort-invalid"));
    }
}
