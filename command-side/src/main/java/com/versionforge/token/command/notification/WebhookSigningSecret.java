package com.versionforge.token.command.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret a tenant's webhook receiver uses to check that a POST comes from this service: {@code vf_whsec_} and 32
 * random bytes in hex. It is shown once, when a webhook URL is set or changed; {@link #toString()} never reveals it.
 */
final class WebhookSigningSecret {

    static final String PREFIX = "vf_whsec_";

    private static final int RANDOM_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private WebhookSigningSecret(String value) {
        this.value = Objects.requireNonNull(value, "secret");
    }

    static WebhookSigningSecret generate() {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        return new WebhookSigningSecret(PREFIX + HexFormat.of().formatHex(random));
    }

    /** The secret as stored. */
    static WebhookSigningSecret of(String value) {
        return new WebhookSigningSecret(value);
    }

    /**
     * The {@code X-VF-Signature} header value for a body sent at {@code timestamp}: {@code sha256=} and the hex
     * HMAC-SHA256, keyed with the whole secret, of {@code "<timestamp>.<body>"} in UTF-8.
     */
    String sign(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            byte[] signature = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java platform provides HmacSHA256", e);
        }
    }

    /** The secret itself, for the settings table and the one answer that hands it to the admin. */
    String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return PREFIX + "…";
    }
}
