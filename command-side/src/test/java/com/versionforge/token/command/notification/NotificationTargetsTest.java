package com.versionforge.token.command.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.versionforge.token.command.web.InvalidRequestException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Admin addresses and webhook URLs are checked before anything is stored. */
class NotificationTargetsTest {

    @Test
    void keepsPlainAddressesInOrderWithoutDuplicates() {
        assertThat(AdminEmails.parse(
                        List.of(" ops@example.com", "Ops@Example.com", "sre.team+tokens@mail.example.org")))
                .containsExactly("ops@example.com", "sre.team+tokens@mail.example.org");
        assertThat(AdminEmails.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "ops",
                "ops@localhost",
                "Ops <ops@example.com>",
                "ops@@example.com",
                ".ops@example.com",
                "ops..x@example.com",
                "ops@-example.com",
                "ops@example.com\nBcc: x@example.com"
            })
    void refusesWhatIsNotAPlainAddress(String address) {
        assertThatThrownBy(() -> AdminEmails.parse(List.of("ok@example.com", address)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("adminEmails[1]")
                .extracting(e -> ((InvalidRequestException) e).code())
                .isEqualTo("email-invalid");
    }

    @Test
    void refusesMoreThanTwentyAddresses() {
        List<String> many = Collections.nCopies(AdminEmails.MAX_COUNT + 1, "ops@example.com");

        assertThatThrownBy(() -> AdminEmails.parse(many)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void refusesAMissingAddressInTheList() {
        assertThatThrownBy(() -> AdminEmails.parse(Arrays.asList("ops@example.com", null)))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void acceptsHttpsAndHttpUrlsAndNamesTheirOriginOnly() {
        String url = WebhookUrl.parse(" https://hooks.example.com/services/T0/B0/secret-part?x=1 ");

        assertThat(url).isEqualTo("https://hooks.example.com/services/T0/B0/secret-part?x=1");
        assertThat(WebhookUrl.origin(url)).isEqualTo("https://hooks.example.com");
        assertThat(WebhookUrl.origin(WebhookUrl.parse("HTTP://127.0.0.1:9000/hook")))
                .isEqualTo("http://127.0.0.1:9000");
        assertThat(WebhookUrl.parse(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "hooks.example.com/x",
                "ftp://hooks.example.com/x",
                "javascript:alert(1)",
                "https://user:pw@hooks.example.com/x",
                "https://hooks.example.com/x#frag",
                "https://hooks.example.com:70000/",
                "https://hooks example.com/",
                "https:///x",
                "mailto:ops@example.com"
            })
    void refusesWhatIsNotAnAbsoluteWebUrl(String url) {
        assertThatThrownBy(() -> WebhookUrl.parse(url))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).code())
                .isEqualTo("webhook-url-invalid");
    }
}
