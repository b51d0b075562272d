package com.versionforge.token.query.compliance;

import com.versionforge.token.api.Scope;
import com.versionforge.token.api.TokenStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The compliance report of one tenant as of an instant. Each list and its definition is in the README's section
 * "Audit and compliance"; every list holds tokens created at or before {@code asOf}, judged by what was known then.
 *
 * @param asOf the instant the report describes
 * @param unusedDays the threshold of {@code unused}
 * @param rotationDays the threshold of {@code olderThanRotation}
 * @param expiringWithinDays the threshold of {@code expiringSoon}
 * @param periodFrom the start of the period of {@code revokedInPeriod} and {@code stillPresented}, inclusive
 * @param periodTo the end of that period, inclusive
 * @param total how many tokens existed at {@code asOf}
 * @param counts per scope, per status, how many tokens
 * @param expiringSoon active tokens whose expiry is within {@code expiringWithinDays} days after {@code asOf}
 * @param unused active tokens used before, but not in the last {@code unusedDays} days
 * @param neverUsed active tokens never used
 * @param adminScoped active tokens of scope admin
 * @param olderThanRotation active tokens created more than {@code rotationDays} days before {@code asOf}
 * @param revokedInPeriod tokens revoked in the period
 * @param stillPresented revoked or expired tokens presented in the period
 */
record ComplianceReport(
        Instant asOf,
        int unusedDays,
        int rotationDays,
        int expiringWithinDays,
        Instant periodFrom,
        Instant periodTo,
        long total,
        Map<String, Map<String, Long>> counts,
        List<TokenFinding> expiringSoon,
        List<TokenFinding> unused,
        List<TokenFinding> neverUsed,
        List<TokenFinding> adminScoped,
        List<TokenFinding> olderThanRotation,
        List<TokenFinding> revokedInPeriod,
        List<PresentedToken> stillPresented) {

    private static final Comparator<TokenRecord> BY_AGE =
            Comparator.comparing(TokenRecord::createdAt).thenComparing(TokenRecord::tokenId);

    /**
     * The report over {@code tokens} (those created at or before {@code criteria.asOf()}, with their last use as of
     * then) and the refused presentations of the period.
     */
    static ComplianceReport of(ComplianceCriteria criteria, List<TokenRecord> tokens, List<RefusedUses> refused) {
        Instant asOf = criteria.asOf();
        Predicate<TokenRecord> active = token -> token.statusAt(asOf) == TokenStatus.ACTIVE;
        Instant periodEnd = criteria.effectivePeriodTo();
        Map<UUID, TokenRecord> byId =
                tokens.stream().collect(Collectors.toMap(TokenRecord::tokenId, Function.identity()));

        return new ComplianceReport(
                asOf,
                criteria.unusedDays(),
                criteria.rotationDays(),
                ComplianceCriteria.EXPIRING_WITHIN_DAYS,
                criteria.periodFrom(),
                criteria.periodTo(),
                tokens.size(),
                counts(tokens, asOf),
                list(
                        tokens,
                        active.and(token -> !token.expiresAt().isAfter(criteria.expiringBy())),
                        Comparator.comparing(TokenRecord::expiresAt).thenComparing(TokenRecord::tokenId),
                        asOf),
                list(
                        tokens,
                        active.and(token -> token.lastUsedAt() != null
                                && !token.lastUsedAt().isAfter(criteria.unusedSince())),
                        BY_AGE,
                        asOf),
                list(tokens, active.and(token -> token.lastUsedAt() == null), BY_AGE, asOf),
                list(tokens, active.and(token -> token.scope() == Scope.ADMIN), BY_AGE, asOf),
                list(tokens, active.and(token -> token.createdAt().isBefore(criteria.rotationDue())), BY_AGE, asOf),
                list(
                        tokens,
                        token -> token.revokedAt() != null
                                && !token.revokedAt().isBefore(criteria.periodFrom())
                                && !token.revokedAt().isAfter(periodEnd),
                        Comparator.comparing(TokenRecord::revokedAt).thenComparing(TokenRecord::tokenId),
                        asOf),
                refused.stream()
                        .filter(uses -> byId.containsKey(uses.tokenId()))
                        .sorted(Comparator.comparing(RefusedUses::lastPresentedAt)
                                .reversed()
                                .thenComparing(RefusedUses::tokenId))
                        .map(uses -> new PresentedToken(
                                TokenFinding.of(byId.get(uses.tokenId()), asOf),
                                uses.count(),
                                uses.lastPresentedAt(),
                                uses.lastClientIp(),
                                uses.refusedAs().wireName()))
                        .toList());
    }

    private static Map<String, Map<String, Long>> counts(List<TokenRecord> tokens, Instant asOf) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (Scope scope : Scope.values()) {
            Map<String, Long> byStatus = new LinkedHashMap<>();
            for (TokenStatus status : TokenStatus.values()) {
                byStatus.put(
                        status.wireName(),
                        tokens.stream()
                                .filter(token -> token.scope() == scope && token.statusAt(asOf) == status)
                                .count());
            }
            counts.put(scope.wireName(), byStatus);
        }
        return counts;
    }

    private static List<TokenFinding> list(
            List<TokenRecord> tokens, Predicate<TokenRecord> selected, Comparator<TokenRecord> order, Instant asOf) {
        return tokens.stream()
                .filter(selected)
                .sorted(order)
                .map(token -> TokenFinding.of(token, asOf))
                .toList();
    }
}
