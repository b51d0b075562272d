package com.versionforge.token.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.versionforge.token.web.HttpProblemCodes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above the configured size with 413 before anything reads them. Bodies of unknown length
 * (chunked) are refused too: token requests are small JSON documents that every client sends with a length.
 */
@Component
// After the request id and the CORS filter, so that a refused body still carries both.
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maximumBytes;
    private final ObjectMapper objectMapper;

    RequestSizeLimitFilter(@Value("${vf.http.max-body-size:16KB}") DataSize maximum, ObjectMapper objectMapper) {
        this.maximumBytes = maximum.toBytes();
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean chunked = length < 0 && request.getHeader("Transfer-Encoding") != null;
        if (length > maximumBytes || chunked) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.PAYLOAD_TOO_LARGE, "Request bodies are limited to " + maximumBytes + " bytes");
            problem.setProperty("code", HttpProblemCodes.REQUEST_TOO_LARGE);
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            objectMapper.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(request, response);
    }
}
