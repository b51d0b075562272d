package com.versionforge.token.query.web;

import com.versionforge.token.api.TokenErrorCode;
import com.versionforge.token.api.TokenRuleViolationException;
import com.versionforge.token.query.auth.AuthRefusedException;
import com.versionforge.token.query.auth.AuthUnavailableException;
import com.versionforge.token.query.auth.InsufficientScopeException;
import com.versionforge.token.web.HttpProblemCodes;
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
 * Turns every refusal into RFC 9457 problem+json with a stable {@code code}, except the auth check's own refusals,
 * which are relayed as the command side gave them. Details shown are the exceptions' own safe texts, never request
 * values or headers; anything unexpected is logged and answered without its details.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger logger = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(AuthRefusedException.class)
    ResponseEntity<byte[]> authRefused(AuthRefusedException e) {
        return ResponseEntity.status(e.status()).headers(e.headers()).body(e.body());
    }

    @ExceptionHandler(AuthUnavailableException.class)
    ResponseEntity<ProblemDetail> authUnavailable(AuthUnavailableException e) {
        return respond(problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                AuthUnavailableException.CODE,
                "Tokens cannot be checked at the moment; try again shortly"));
    }

    @ExceptionHandler(InsufficientScopeException.class)
    ResponseEntity<ProblemDetail> insufficientScope(InsufficientScopeException e) {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, InsufficientScopeException.CODE, e.getMessage());
        problem.setProperty("requiredScope", e.requiredScope().wireName());
        return respond(problem);
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, e.code(), e.getMessage()));
    }

    @ExceptionHandler(TokenRuleViolationException.class)
    ResponseEntity<ProblemDetail> ruleViolated(TokenRuleViolationException e) {
        HttpStatus status =
                e.errorCode() == TokenErrorCode.TOKEN_NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
        return respond(problem(status, e.errorCode().code(), e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        logger.error("Unexpected failure of a request", e);
        return respond(
                problem(HttpStatus.INTERNAL_SERVER_ERROR, HttpProblemCodes.INTERNAL_ERROR, "The service failed"));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            problem.setProperty(
                    "code",
                    e instanceof HttpMessageNotReadableException
                            ? HttpProblemCodes.MALFORMED_REQUEST
                            : HttpProblemCodes.forStatus(status.value()));
        }
        return response;
    }

    static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
