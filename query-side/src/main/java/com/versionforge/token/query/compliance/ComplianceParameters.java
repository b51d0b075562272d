package com.versionforge.token.query.compliance;

import com.versionforge.token.query.web.InvalidParameterException;
import com.versionforge.token.query.web.QueryParameters;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Duration;
import java.time.Instant;

/**
 * The query parameters of {@code GET /api/v1/compliance/report} as they came; an empty one counts as absent.
 */
record ComplianceParameters(
        @Parameter(description = "the ISO-8601 instant the report describes; now")
        String asOf,

        @Parameter(description = "days without use after which a used token counts as unused, 1 to 3650; 30")
        String unusedDays,

        @Parameter(description = "days after which an active token is due for rotation, 1 to 3650; 90")
        String rotationDays,

        @Parameter(description = "start of the period of revocations and refused presentations; asOf minus 30 days")
        String periodFrom,

        @Parameter(description = "end of that period, inclusive; asOf")
        String periodTo) {

    static final String AS_OF_INVALID = "as-of-invalid";
    static final String UNUSED_DAYS_INVALID = "unused-days-invalid";
    static final String ROTATION_DAYS_INVALID = "rotation-days-invalid";
    static final String PERIOD_FROM_INVALID = "period-from-invalid";
    static final String PERIOD_TO_INVALID = "period-to-invalid";
    static final String PERIOD_INVALID = "period-invalid";
    static final int DEFAULT_UNUSED_DAYS = 30;
    static final int DEFAULT_ROTATION_DAYS = 90;
    static final int DEFAULT_PERIOD_DAYS = 30;
    /** Ten years: far beyond any token's lifetime, and well inside the instants PostgreSQL can compare. */
    static final int MAX_DAYS = 3650;

    /**
     * The criteria, with every absent parameter at its default.
     *
     * @param now the instant of the request, by the service's clock
     * @throws InvalidParameterException with the code of the first parameter that is not valid
     */
    ComplianceCriteria criteria(Instant now) {
        Instant reportAsOf = orElse(QueryParameters.instant(asOf, AS_OF_INVALID, "asOf"), now);
        int unused = QueryParameters.wholeNumber(
                unusedDays, DEFAULT_UNUSED_DAYS, 1, MAX_DAYS, UNUSED_DAYS_INVALID, "unusedDays");
        int rotation = QueryParameters.wholeNumber(
                rotationDays, DEFAULT_ROTATION_DAYS, 1, MAX_DAYS, ROTATION_DAYS_INVALID, "rotationDays");
        Instant to = orElse(QueryParameters.instant(periodTo, PERIOD_TO_INVALID, "periodTo"), reportAsOf);
        Instant from = orElse(
                QueryParameters.instant(periodFrom, PERIOD_FROM_INVALID, "periodFrom"),
                to.minus(Duration.ofDays(DEFAULT_PERIOD_DAYS)));
        if (from.isAfter(to)) {
            throw new InvalidParameterException(PERIOD_INVALID, "periodFrom must not be after periodTo");
        }
        return new ComplianceCriteria(reportAsOf, unused, rotation, from, to);
    }

    private static Instant orElse(Instant given, Instant fallback) {
        return given != null ? given : fallback;
    }
}
