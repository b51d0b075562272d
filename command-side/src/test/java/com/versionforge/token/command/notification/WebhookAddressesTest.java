package com.versionforge.token.command.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.versionforge.token.command.web.InvalidRequestException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a webhook may reach; every address here is a literal, so nothing is looked up. */
class WebhookAddressesTest {

    private static final WebhookAddresses PUBLIC_ONLY = new WebhookAddresses(properties(false));
    private static final WebhookAddresses ANY = new WebhookAddresses(properties(true));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "0.1.2.3",
                "127.0.0.1",
                "127.255.255.254",
                "10.0.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.0.1",
                "169.254.169.254",
                "100.64.0.1",
                "100.127.255.255",
                "192.0.0.8",
                "198.18.0.1",
                "224.0.0.1",
                "240.0.0.1",
                "255.255.255.255",
                "::",
                "::1",
                "fe80::1",
                "fc00::1",
                "fd12:3456:789a::1",
                "fec0::1",
                "ff02::1",
                "::ffff:127.0.0.1",
                "::ffff:169.254.169.254",
                "::10.0.0.1",
                "64:ff9b::a9fe:a9fe",
                "2002:a9fe:a9fe::1"
            })
    void judgesLoopbackPrivateLinkLocalAndReservedAddressesNotPublic(String address) throws UnknownHostException {
        assertThat(WebhookAddresses.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.215.14",
                "1.1.1.1",
                "172.15.255.255",
                "172.32.0.1",
                "100.63.255.255",
                "100.128.0.1",
                "169.253.0.1",
                "2606:4700:4700::1111",
                "64:ff9b::5db8:d70e",
                "2002:5db8:d70e::1"
            })
    void judgesInternetAddressesPublic(String address) throws UnknownHostException {
        assertThat(WebhookAddresses.isPublic(InetAddress.getByName(address))).isTrue();
    }

    @Test
    void refusesALiteralPrivateAddressInTheSettingsByDefault() {
        assertThatThrownBy(() -> PUBLIC_ONLY.checkLiteral("http://169.254.169.254/latest/meta-data/"))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class, e -> assertThat(e.code()).isEqualTo(WebhookAddresses.PRIVATE));
    }

    @Test
    void acceptsALiteralPrivateAddressWhenAllowed() {
        ANY.checkLiteral("http://127.0.0.1:9000/hook");
        ANY.checkResolved("http://127.0.0.1:9000/hook");
    }

    @Test
    void refusesDeliveryToAPrivateAddressByDefaultWithAReason() {
        assertThatThrownBy(() -> PUBLIC_ONLY.checkResolved("http://[::1]:9000/hook"))
                .isInstanceOf(NoticeDeliveryException.class)
                .hasMessageContaining("loopback, private or link-local");
    }

    private static NotificationProperties properties(boolean allowPrivateAddresses) {
        return new NotificationProperties(
                "tokens@example.com",
                "http://localhost:8080",
                Duration.ofSeconds(10),
                new NotificationProperties.Retry(Duration.ofSeconds(30), 8),
                new NotificationProperties.Webhook(allowPrivateAddresses));
    }
}
