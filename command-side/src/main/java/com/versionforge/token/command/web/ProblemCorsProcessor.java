package com.versionforge.token.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

/** Spring's CORS rules, with a refused cross-origin request answered as problem+json instead of plain text. */
class ProblemCorsProcessor extends DefaultCorsProcessor {

    private final ObjectMapper objectMapper;

    ProblemCorsProcessor(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.FORBIDDEN, "This origin, method or header may not call the API from a browser");
        problem.setProperty("code", ProblemCodes.CROSS_ORIGIN_REFUSED);

        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getBody().write(objectMapper.writeValueAsBytes(problem));
        response.flush();
    }
}
