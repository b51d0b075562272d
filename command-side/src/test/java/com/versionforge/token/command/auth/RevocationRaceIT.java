package com.versionforge.token.command.auth;

import org.springframework.boot.test.context.SpringBootTest;

/** The revocation race with the credential cache as deployed: a 100 ms TTL and PostgreSQL notifications. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // A budget no race can exhaust, so that a 429 never hides what the check decided.
        properties = "vf.rate-limit.requests-per-minute.read-only=100000000")
class RevocationRaceIT extends RevocationRace {}
