package com.versionforge.token.command.credential;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.versionforge.token.api.SecretDigest;
import com.versionforge.token.api.TokenId;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The credential lookup of the auth check with a very short-lived cache in front of {@code token_credential}.
 *
 * <p>Why a revoke that has returned is still a refusal on every node: an entry lives at most the TTL counted from
 * the moment its row was <em>read</em>, and the revoke call does not return before the TTL has passed since its
 * commit ({@link #outlastCopiesReadBefore()}), so every copy read before the commit is gone by then, on every node,
 * whatever each node's clock says. The credential projection also sends a PostgreSQL NOTIFY in the revoke's
 * transaction, which {@link CredentialChangeListener} turns into an eviction within milliseconds; that shortens the
 * stale spell of revocations nobody waits for (expiry, grace periods) but correctness does not depend on it. Unknown
 * digests are never cached, so a token is usable as soon as its create call has returned.
 */
@Component
public class CredentialCache {

    private final CredentialRepository repository;
    private final long ttlNanos;
    private final Cache<SecretDigest, Entry> entries;

    CredentialCache(CredentialRepository repository, @Value("${vf.credential-cache.ttl:100ms}") Duration ttl) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("vf.credential-cache.ttl cannot be negative");
        }
        this.repository = repository;
        this.ttlNanos = ttl.toNanos();
        this.entries = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfter(new ExpiryFromRead())
                .build();
    }

    /** The token whose secret has this digest, if any; at most the TTL old. */
    public Optional<Credential> findByDigest(SecretDigest digest) {
        if (ttlNanos == 0) {
            return repository.findByDigest(digest);
        }
        Entry entry = entries.get(digest, this::read);
        return entry == null ? Optional.empty() : Optional.of(entry.credential());
    }

    /**
     * Blocks for the TTL: called once a revoke has committed, so that no node still holds a copy read before it when
     * the revoke call returns.
     */
    public void outlastCopiesReadBefore() {
        if (ttlNanos == 0) {
            return;
        }
        try {
            Thread.sleep(Duration.ofNanos(ttlNanos).toMillis(), (int) (ttlNanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while revoked credentials expire from caches", e);
        }
    }

    /** Drops the copy of a token whose status changed. */
    void evict(TokenId tokenId) {
        entries.asMap().values().removeIf(entry -> entry.credential().tokenId().equals(tokenId));
    }

    /** Drops every copy, when changes may have been missed. */
    void evictAll() {
        entries.invalidateAll();
    }

    private Entry read(SecretDigest digest) {
        long readAt = System.nanoTime();
        return repository
                .findByDigest(digest)
                .map(credential -> new Entry(credential, readAt))
                .orElse(null);
    }

    private record Entry(Credential credential, long readAtNanos) {}

    /** Lifetime from the read, not from the insertion: a slow insert must not lengthen a copy's life. */
    private final class ExpiryFromRead implements Expiry<SecretDigest, Entry> {

        @Override
        public long expireAfterCreate(SecretDigest digest, Entry entry, long currentTime) {
            return Math.max(0, entry.readAtNanos() + ttlNanos - currentTime);
        }

        @Override
        public long expireAfterUpdate(SecretDigest digest, Entry entry, long currentTime, long currentDuration) {
            return expireAfterCreate(digest, entry, currentTime);
        }

        @Override
        public long expireAfterRead(SecretDigest digest, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
