package com.versionforge.token.query.audit;

import com.versionforge.token.api.Scope;
import com.versionforge.token.query.auth.Caller;
import com.versionforge.token.query.web.SpreadsheetSafeCsv;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail of the caller's tenant, for admins: filtered and paged as JSON, exported whole as CSV, verified. */
@RestController
@RequestMapping("/api/v1/audit-events")
class AuditController {

    static final String CSV = "text/csv";

    private static final List<String> CSV_COLUMNS = List.of(
            "id",
            "occurredAt",
            "type",
            "tokenId",
            "tokenName",
            "actor",
            "clientIp",
            "requestId",
            "details",
            "hash",
            "prevHash");

    private final AuditRepository repository;

    AuditController(AuditRepository repository) {
        this.repository = repository;
    }

    @Operation(summary = "One page of the tenant's audit trail (admin)")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    AuditEventPage list(@ParameterObject AuditParameters parameters, @Parameter(hidden = true) Caller caller) {
        caller.requireScope(Scope.ADMIN);
        AuditFilter filter = parameters.filter();
        int pageSize = parameters.pageSize();
        AuditCursor after = parameters.position();

        return AuditEventPage.of(repository.findPage(caller.tenantId(), filter, after, pageSize));
    }

    /** The whole filtered range, streamed from the database to the client without holding it in memory. */
    @Operation(summary = "The tenant's audit trail as CSV (admin)")
    @GetMapping(produces = CSV)
    void export(
            @ParameterObject AuditParameters parameters,
            @Parameter(hidden = true) Caller caller,
            HttpServletResponse response)
            throws IOException {
        caller.requireScope(Scope.ADMIN);
        AuditFilter filter = parameters.filter();
        // An export has no pages, but a malformed limit is still a malformed request.
        parameters.pageSize();
        AuditCursor after = parameters.position();

        response.setContentType(SpreadsheetSafeCsv.MEDIA_TYPE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-events.csv\"");
        try (SpreadsheetSafeCsv csv = SpreadsheetSafeCsv.start(response.getOutputStream(), CSV_COLUMNS)) {
            repository.streamAll(
                    caller.tenantId(),
                    filter,
                    after,
                    entry -> csv.row(
                            entry.id(),
                            entry.occurredAt(),
                            entry.type(),
                            entry.tokenId(),
                            entry.tokenName(),
                            entry.actor(),
                            entry.clientIp(),
                            entry.requestId(),
                            entry.details(),
                            entry.hash(),
                            entry.prevHash()));
        }
    }

    @Operation(summary = "Whether the tenant's audit trail is as it was written (admin)")
    @GetMapping(path = "/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    ChainVerification verify(@Parameter(hidden = true) Caller caller) {
        caller.requireScope(Scope.ADMIN);
        return repository.verify(caller.tenantId());
    }
}
