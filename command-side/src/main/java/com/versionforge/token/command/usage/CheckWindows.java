package com.versionforge.token.command.usage;

import com.versionforge.token.api.TokenId;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Coalesces the checks of each token into windows: the first check of a token in a quiet spell is to be sent at once,
 * later ones are counted until the window is drained. Shared by the recorders of passed and of refused checks, so that
 * both follow the same rhythm.
 *
 * @param <D> what is kept of the latest check of a window, such as its client IP
 */
final class CheckWindows<D> {

    private final Map<TokenId, Window<D>> windows = new ConcurrentHashMap<>();

    /**
     * Counts one check of {@code tokenId}.
     *
     * @return whether it is the first check of the token since it was last quiet for a whole window, which the caller
     *     sends at once
     */
    boolean add(TokenId tokenId, Instant checkedAt, D detail) {
        boolean[] first = new boolean[1];
        windows.compute(tokenId, (id, current) -> {
            Window<D> window = current == null ? new Window<>() : current;
            window.add(checkedAt, detail);
            first[0] = window.isFirst();
            return window;
        });
        return first[0];
    }

    /** Forgets the tokens that had no check since their window's last drain; the others are left to drain. */
    Set<TokenId> forgetQuietTokens() {
        for (TokenId tokenId : windows.keySet()) {
            windows.computeIfPresent(tokenId, (id, window) -> window.isQuiet() ? null : window);
        }
        return Set.copyOf(windows.keySet());
    }

    /** Every token with a window, quiet or not. */
    Set<TokenId> tokens() {
        return Set.copyOf(windows.keySet());
    }

    /** What was counted for {@code tokenId} since its last drain, or null when nothing was. */
    Pending<D> drain(TokenId tokenId) {
        @SuppressWarnings("unchecked") // A one-element holder for the lambda's result; generic arrays need the cast.
        Pending<D>[] drained = new Pending[1];
        windows.computeIfPresent(tokenId, (id, window) -> {
            drained[0] = window.drain();
            return window;
        });
        return drained[0];
    }

    /**
     * The checks of one token counted since its last drain.
     *
     * @param count how many
     * @param firstCheckedAt the earliest
     * @param lastCheckedAt the latest
     * @param detail what was kept of the latest
     */
    record Pending<D>(long count, Instant firstCheckedAt, Instant lastCheckedAt, D detail) {}

    /** The checks of one token; guarded by the map's per-key lock. */
    private static final class Window<D> {

        private long count;
        private long sentInWindow;
        private Instant firstCheckedAt;
        private Instant lastCheckedAt;
        private D detail;

        void add(Instant checkedAt, D latest) {
            if (count == 0) {
                firstCheckedAt = checkedAt;
            }
            count++;
            if (lastCheckedAt == null || !checkedAt.isBefore(lastCheckedAt)) {
                lastCheckedAt = checkedAt;
                detail = latest;
            }
        }

        boolean isFirst() {
            return sentInWindow == 0 && count == 1;
        }

        boolean isQuiet() {
            return count == 0 && sentInWindow > 0;
        }

        Pending<D> drain() {
            if (count == 0) {
                return null;
            }
            Pending<D> pending = new Pending<>(count, firstCheckedAt, lastCheckedAt, detail);
            sentInWindow += count;
            count = 0;
            return pending;
        }
    }
}
