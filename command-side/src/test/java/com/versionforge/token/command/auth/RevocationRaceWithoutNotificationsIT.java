package com.versionforge.token.command.auth;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The revocation race without PostgreSQL notifications and with a TTL long enough to be seen: the revoke call
 * outlasting the cached copies is then all that keeps revocation immediate.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vf.rate-limit.requests-per-minute.read-only=100000000",
            "vf.credential-cache.listen=false",
            "vf.credential-cache.ttl=500ms"
        })
class RevocationRaceWithoutNotificationsIT extends RevocationRace {}
