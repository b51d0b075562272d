package com.versionforge.token.query.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of an audit entry: SHA-256 over its canonical form, in lower-case hex. The canonical form is a version tag
 * followed by every field in a fixed order (id, tenant, occurredAt, type, tokenId, tokenName, actor, clientIp,
 * requestId, details, prevHash), each written as one byte 0 for null, or one byte 1, the length of its UTF-8 bytes as
 * four big-endian bytes, and those bytes. Length prefixes make the form unambiguous whatever the fields contain, and
 * the previous hash makes every entry vouch for all before it.
 */
final class AuditHash {

    /** The previous hash of a tenant's first entry. */
    static final String GENESIS = "0".repeat(64);

    private static final String VERSION = "vf-audit-entry-v1";
    private static final HexFormat HEX = HexFormat.of();
    // A digest per thread, fed the canonical form field by field rather than copied into one array first.
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(AuditHash::sha256);

    private AuditHash() {}

    /** The hash {@code entry} must carry, given its {@code prevHash}; its own {@code hash} is ignored. */
    static String of(AuditEntry entry) {
        MessageDigest form = SHA_256.get();
        form.reset();
        field(form, VERSION);
        field(form, Long.toString(entry.id()));
        field(form, entry.tenantId());
        field(form, entry.occurredAt().toString());
        field(form, entry.type());
        field(form, entry.tokenId() == null ? null : entry.tokenId().toString());
        field(form, entry.tokenName());
        field(form, entry.actor());
        field(form, entry.clientIp());
        field(form, entry.requestId());
        field(form, entry.details());
        field(form, entry.prevHash());
        return HEX.formatHex(form.digest());
    }

    /** Feeds one field of the canonical form to the digest. */
    private static void field(MessageDigest form, String value) {
        if (value == null) {
            form.update((byte) 0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        form.update((byte) 1);
        for (int shift = Integer.SIZE - Byte.SIZE; shift >= 0; shift -= Byte.SIZE) {
            form.update((byte) (bytes.length >>> shift));
        }
        form.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
