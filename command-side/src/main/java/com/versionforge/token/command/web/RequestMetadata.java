package com.versionforge.token.command.web;

import com.versionforge.token.api.AuditMetadata;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.MetaData;

/**
 * Who asked, from where and in which request: the metadata that travels on every command and stays on its events.
 *
 * @param actor a user id, {@code token:<id>} or {@code operator}
 * @param clientIp the client address, or null for work nobody requested over HTTP
 * @param requestId the request id, or null
 */
public record RequestMetadata(String actor, String clientIp, String requestId) {

    /** The metadata of an HTTP request made by {@code actor}. */
    public static RequestMetadata of(HttpServletRequest request, String actor) {
        return new RequestMetadata(actor, request.getRemoteAddr(), RequestIdFilter.requestId(request));
    }

    /** The operator's command line, which has no HTTP request. */
    public static RequestMetadata operator(String requestId) {
        return new RequestMetadata("operator", null, requestId);
    }

    /** As Axon metadata; absent values are left out rather than stored as nulls. */
    public MetaData asMetaData() {
        Map<String, Object> values = new HashMap<>();
        values.put(AuditMetadata.ACTOR, actor);
        if (clientIp != null) {
            values.put(AuditMetadata.CLIENT_IP, clientIp);
        }
        if (requestId != null) {
            values.put(AuditMetadata.REQUEST_ID, requestId);
        }
        return MetaData.from(values);
    }
}
