package com.versionforge.token.command.web;

import com.versionforge.token.api.TokenErrorCode;
import com.versionforge.token.api.TokenRuleViolationException;
import com.versionforge.token.command.auth.AccessRefusedException;
import com.versionforge.token.command.auth.UnknownScopeException;
import com.versionforge.token.web.HttpProblemCodes;
import java.util.Optional;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every refusal into RFC 9457 problem+json with a stable {@code code}. Messages shown are the exceptions' own
 * safe texts, never request bodies or headers; anything unexpected is logged and answered without its details.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger logger = LoggerFactory.getLogger(ProblemResponses.class);

    private static final String REFUSAL_STATUS = "X-VF-Refusal-Status";
    private static final String REFUSAL_CODE = "X-VF-Refusal-Code";
    private static final String REQUIRED_SCOPE = "X-VF-Required-Scope";

    @ExceptionHandler(AccessRefusedException.class)
    ResponseEntity<ProblemDetail> accessRefused(AccessRefusedException e) {
        ProblemDetail problem = problem(e.status(), e.code(), e.getMessage());
        HttpHeaders headers = new HttpHeaders();
        if (e.rateLimit() != null) {
            headers.addAll(e.rateLimit().headers());
        }
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            headers.set(
                    HttpHeaders.WWW_AUTHENTICATE,
                    "token-missing".equals(e.code()) ? "Bearer" : "Bearer error=\"invalid_token\"");
        }
        if (e.requiredScope() != null) {
            problem.setProperty("requiredScope", e.requiredScope().wireName());
        }
        if (e.refusalStatus() != null) {
            // A gateway's auth subrequest sees headers only: these let it answer the client as the service would.
            headers.set(REFUSAL_STATUS, Integer.toString(e.refusalStatus().value()));
            headers.set(REFUSAL_CODE, e.code());
            if (e.requiredScope() != null) {
                headers.set(REQUIRED_SCOPE, e.requiredScope().wireName());
            }
        }
        return ResponseEntity.status(e.status()).headers(headers).body(problem);
    }

    @ExceptionHandler(UnknownScopeException.class)
    ResponseEntity<ProblemDetail> unknownScope(UnknownScopeException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, ProblemCodes.SCOPE_INVALID, e.getMessage()));
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, e.code(), e.getMessage()));
    }

    @ExceptionHandler(TokenRuleViolationException.class)
    ResponseEntity<ProblemDetail> ruleViolated(TokenRuleViolationException e) {
        return respond(ruleProblem(e));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException e) {
        return respond(problem(HttpStatus.NOT_FOUND, TokenErrorCode.TOKEN_NOT_FOUND.code(), "No such token"));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) {
        Optional<TokenRuleViolationException> violation = ruleViolationIn(e);
        if (violation.isPresent()) {
            return respond(ruleProblem(violation.get()));
        }
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        Optional<TokenRuleViolationException> violation = ruleViolationIn(e);
        if (violation.isPresent()) {
            return respond(ruleProblem(violation.get()));
        }
        logger.error("Unexpected failure of a request", e);
        return respond(problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                HttpProblemCodes.INTERNAL_ERROR,
                "The service failed; nothing changed"));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            problem.setProperty("code", codeFor(e, status));
            if (e instanceof HttpMessageNotReadableException) {
                problem.setDetail("The request body is not valid JSON of the expected shape");
            }
        }
        return response;
    }

    private static String codeFor(Exception e, HttpStatusCode status) {
        if (e instanceof HttpMessageNotReadableException) {
            return HttpProblemCodes.MALFORMED_REQUEST;
        }
        return switch (status.value()) {
            case 404 -> HttpProblemCodes.NOT_FOUND;
            case 405 -> HttpProblemCodes.METHOD_NOT_ALLOWED;
            case 406 -> HttpProblemCodes.NOT_ACCEPTABLE;
            case 413 -> HttpProblemCodes.REQUEST_TOO_LARGE;
            case 415 -> HttpProblemCodes.UNSUPPORTED_MEDIA_TYPE;
            case 409 -> ProblemCodes.CONFLICT;
            case 500 -> HttpProblemCodes.INTERNAL_ERROR;
            default -> HttpProblemCodes.INVALID_REQUEST;
        };
    }

    private static ProblemDetail ruleProblem(TokenRuleViolationException e) {
        HttpStatus status = switch (e.errorCode()) {
            case NAME_INVALID, EXPIRY_REQUIRED, EXPIRY_INVALID, GRACE_PERIOD_INVALID -> HttpStatus.BAD_REQUEST;
            case SCOPE_ABOVE_CALLER -> HttpStatus.FORBIDDEN;
            case NAME_TAKEN, TOKEN_NOT_ACTIVE, TOKEN_ALREADY_ROTATED, EXPIRY_NOT_REACHED -> HttpStatus.CONFLICT;
            case TOKEN_NOT_FOUND -> HttpStatus.NOT_FOUND;
            // Only the auth check records refused uses; no client request gets this far.
            case TOKEN_STILL_ACTIVE -> HttpStatus.CONFLICT;
        };
        return problem(status, e.errorCode().code(), e.getMessage());
    }

    private static Optional<TokenRuleViolationException> ruleViolationIn(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TokenRuleViolationException violation) {
                return Optional.of(violation);
            }
            if (cause instanceof CommandExecutionException remote) {
                Optional<Object> details = remote.getDetails();
                if (details.isPresent() && details.get() instanceof TokenRuleViolationException violation) {
                    return Optional.of(violation);
                }
            }
        }
        return Optional.empty();
    }

    private static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
