package com.versionforge.token.query.compliance;

import com.versionforge.token.api.Scope;
import com.versionforge.token.query.auth.Caller;
import com.versionforge.token.query.web.SpreadsheetSafeCsv;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The compliance report of the caller's tenant, for admins, as JSON or CSV. */
@RestController
@RequestMapping("/api/v1/compliance/report")
class ComplianceController {

    private static final List<String> CSV_COLUMNS = List.of(
            "section",
            "tokenId",
            "tokenName",
            "scope",
            "status",
            "count",
            "createdAt",
            "createdBy",
            "expiresAt",
            "lastUsedAt",
            "revokedAt",
            "revokedBy",
            "lastPresentedAt",
            "lastClientIp");

    private final ComplianceRepository repository;
    private final Clock clock;

    ComplianceController(ComplianceRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Operation(summary = "The tenant's compliance report (admin)")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ComplianceReport report(@ParameterObject ComplianceParameters parameters, @Parameter(hidden = true) Caller caller) {
        caller.requireScope(Scope.ADMIN);
        return report(parameters.criteria(clock.instant()), caller);
    }

    /**
     * The report as one table: a row per count (section {@code count}, with scope, status and count) and a row per
     * token of each list (section = the list's JSON name).
     */
    @Operation(summary = "The tenant's compliance report as CSV (admin)")
    @GetMapping(produces = "text/csv")
    void reportAsCsv(
            @ParameterObject ComplianceParameters parameters,
            @Parameter(hidden = true) Caller caller,
            HttpServletResponse response)
            throws IOException {
        caller.requireScope(Scope.ADMIN);
        ComplianceReport report = report(parameters.criteria(clock.instant()), caller);

        response.setContentType(SpreadsheetSafeCsv.MEDIA_TYPE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"compliance-report.csv\"");
        try (SpreadsheetSafeCsv csv = SpreadsheetSafeCsv.start(response.getOutputStream(), CSV_COLUMNS)) {
            for (Map.Entry<String, Map<String, Long>> scope : report.counts().entrySet()) {
                scope.getValue()
                        .forEach((status, count) -> csv.row(
                                "count",
                                null,
                                null,
                                scope.getKey(),
                                status,
                                count,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null));
            }
            findings(csv, "expiringSoon", report.expiringSoon());
            findings(csv, "unused", report.unused());
            findings(csv, "neverUsed", report.neverUsed());
            findings(csv, "adminScoped", report.adminScoped());
            findings(csv, "olderThanRotation", report.olderThanRotation());
            findings(csv, "revokedInPeriod", report.revokedInPeriod());
            for (PresentedToken presented : report.stillPresented()) {
                TokenFinding token = presented.token();
                csv.row(
                        "stillPresented",
                        token.id(),
                        token.name(),
                        token.scope(),
                        token.status(),
                        presented.refusedCount(),
                        token.createdAt(),
                        token.createdBy(),
                        token.expiresAt(),
                        token.lastUsedAt(),
                        token.revokedAt(),
                        token.revokedBy(),
                        presented.lastPresentedAt(),
                        presented.lastClientIp());
            }
        }
    }

    private ComplianceReport report(ComplianceCriteria criteria, Caller caller) {
        return ComplianceReport.of(
                criteria,
                repository.tokensAsOf(caller.tenantId(), criteria.asOf()),
                repository.refusedUses(caller.tenantId(), criteria.periodFrom(), criteria.effectivePeriodTo()));
    }

    private static void findings(SpreadsheetSafeCsv csv, String section, List<TokenFinding> tokens) {
        for (TokenFinding token : tokens) {
            csv.row(
                    section,
                    token.id(),
                    token.name(),
                    token.scope(),
                    token.status(),
                    null,
                    token.createdAt(),
                    token.createdBy(),
                    token.expiresAt(),
                    token.lastUsedAt(),
                    token.revokedAt(),
                    token.revokedBy(),
                    null,
                    null);
        }
    }
}
