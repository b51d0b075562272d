package com.versionforge.token.query.audit;

/**
 * Checks a tenant's entries, fed in id order, against their hash chain, and at the end against the chain's recorded
 * head. Editing any field of an entry breaks its own hash; deleting or moving one breaks the link of the next; cutting
 * entries off the end leaves the head pointing past the last one.
 */
final class AuditChainWalk {

    /** The content of an entry does not match its hash: it was edited. */
    static final String HASH_MISMATCH = "hash-mismatch";
    /** The entry does not link to the entry before it: an entry was deleted, inserted or moved. */
    static final String CHAIN_BROKEN = "chain-broken";
    /** The chain ends before its recorded head: entries were cut off its end. */
    static final String TAIL_MISSING = "tail-missing";
    /** Entries exist but the chain's head record is missing or names another end. */
    static final String HEAD_MISSING = "head-missing";

    /**
     * The recorded end of a chain.
     *
     * @param lastId the id of its last entry
     * @param lastHash the hash of its last entry
     * @param entryCount how many entries it has
     */
    record Head(long lastId, String lastHash, long entryCount) {}

    private String expectedPrevHash = AuditHash.GENESIS;
    private long checked;
    private long lastId = -1;
    private ChainVerification failure;

    void accept(AuditEntry entry) {
        if (failure != null) {
            return;
        }
        checked++;
        lastId = entry.id();
        if (!expectedPrevHash.equals(entry.prevHash())) {
            failure = ChainVerification.broken(checked, entry.id(), CHAIN_BROKEN);
        } else if (!AuditHash.of(entry).equals(entry.hash())) {
            failure = ChainVerification.broken(checked, entry.id(), HASH_MISMATCH);
        }
        expectedPrevHash = entry.hash();
    }

    /** The verdict, once every entry was fed; {@code head} is the chain's recorded end, or null when none is. */
    ChainVerification result(Head head) {
        if (failure != null) {
            return failure;
        }
        if (head == null) {
            return checked == 0 ? ChainVerification.intact(0) : ChainVerification.broken(checked, lastId, HEAD_MISSING);
        }
        if (head.lastId() == lastId && head.lastHash().equals(expectedPrevHash) && head.entryCount() == checked) {
            return ChainVerification.intact(checked);
        }
        if (head.lastId() > lastId) {
            return ChainVerification.broken(checked, head.lastId(), TAIL_MISSING);
        }
        return ChainVerification.broken(checked, lastId, HEAD_MISSING);
    }
}
