package com.versionforge.token.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void higherScopesIncludeLowerOnes() {
        assertThat(Scope.ADMIN.includes(Scope.SYNC_TRIGGER)).isTrue();
        assertThat(Scope.SYNC_TRIGGER.includes(Scope.READ_ONLY)).isTrue();
        assertThat(Scope.READ_ONLY.includes(Scope.READ_ONLY)).isTrue();
        assertThat(Scope.READ_ONLY.includes(Scope.SYNC_TRIGGER)).isFalse();
        assertThat(Scope.SYNC_TRIGGER.includes(Scope.ADMIN)).isFalse();
    }

    @Test
    void readsWireNames() {
        assertThat(Scope.fromWireName("sync-trigger")).contains(Scope.SYNC_TRIGGER);
        assertThat(Scope.fromWireName("SYNC_TRIGGER")).isEmpty();
        assertThat(Scope.fromWireName("root")).isEmpty();
    }

    @Test
    void ratesFollowTheProductRules() {
        assertThat(Scope.READ_ONLY.requestsPerMinute()).isEqualTo(120);
        assertThat(Scope.SYNC_TRIGGER.requestsPerMinute()).isEqualTo(60);
        assertThat(Scope.ADMIN.requestsPerMinute()).isEqualTo(30);
    }
}
