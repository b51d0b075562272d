package com.versionforge.token.command.notification;

import com.versionforge.token.command.web.InvalidRequestException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a tenant's notices are POSTed: an absolute {@code https} or {@code http} URL with a host, without user info
 * or fragment, at most {@value #MAX_LENGTH} characters. Its path and query may carry a credential of the receiver, so
 * only its {@link #origin origin} ever leaves the settings table.
 */
final class WebhookUrl {

    static final int MAX_LENGTH = 2000;

    private static final int MAX_PORT = 65_535;
    static final String INVALID = "webhook-url-invalid";

    private WebhookUrl() {}

    /**
     * The validated URL, or null when none is given.
     *
     * @throws InvalidRequestException {@code webhook-url-invalid}
     */
    static String parse(String text) {
        if (text == null) {
            return null;
        }
        String url = text.strip();
        if (url.length() > MAX_LENGTH) {
            throw invalid();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw invalid();
        }
        if (uri.getHost() == null
                || uri.getPort() > MAX_PORT
                || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            throw invalid();
        }
        return url;
    }

    /** Scheme, host and port of a valid URL, such as {@code https://hooks.example.com}; null for null. */
    static String origin(String url) {
        if (url == null) {
            return null;
        }
        URI uri = URI.create(url);
        String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost();
        return uri.getPort() < 0 ? origin : origin + ":" + uri.getPort();
    }

    private static InvalidRequestException invalid() {
        return new InvalidRequestException(
                INVALID, "webhookUrl is an absolute https or http URL with a host, without user info or fragment");
    }
}
