package com.versionforge.token.command.notification;

import com.versionforge.token.command.web.InvalidRequestException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/**
 * Keeps webhooks off the service's own network: unless {@code vf.notifications.webhook.allow-private-addresses} is
 * set (local demos, tests), a webhook may reach only public addresses, never loopback, private, link-local (the cloud
 * metadata service at 169.254.169.254), shared, reserved or multicast ones. A literal address is refused when the
 * settings are changed; a host name is resolved at each delivery and every address it resolves to must be public.
 */
@Component
class WebhookAddresses {

    static final String PRIVATE = "webhook-url-private";

    private final boolean allowPrivate;

    WebhookAddresses(NotificationProperties properties) {
        this.allowPrivate = properties.webhook().allowPrivateAddresses();
    }

    /**
     * Refuses a valid webhook URL whose host is a literal non-public address; names are judged at delivery.
     *
     * @throws InvalidRequestException {@code webhook-url-private}, or {@code webhook-url-invalid} for a numeric host
     *     that is no address
     */
    void checkLiteral(String url) {
        if (url == null || allowPrivate) {
            return;
        }
        String host = URI.create(url).getHost();
        if (!isLiteral(host)) {
            return;
        }
        InetAddress address;
        try {
            // A literal: parsed, never looked up.
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new InvalidRequestException(WebhookUrl.INVALID, "webhookUrl names a numeric host that is no address");
        }
        if (!isPublic(address)) {
            throw new InvalidRequestException(
                    PRIVATE, "webhookUrl points to a loopback, private, link-local or reserved address");
        }
    }

    /**
     * Resolves the webhook's host and requires every address of it to be public.
     *
     * @throws NoticeDeliveryException when it does not resolve or one of its addresses is not public
     */
    void checkResolved(String url) {
        if (allowPrivate) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(URI.create(url).getHost());
        } catch (UnknownHostException e) {
            throw new NoticeDeliveryException("The webhook's host does not resolve");
        }
        if (!Arrays.stream(addresses).allMatch(WebhookAddresses::isPublic)) {
            throw new NoticeDeliveryException(
                    "Refused: the webhook's host resolves to a loopback, private or link-local address");
        }
    }

    /** Whether a host of a URL is an IP address rather than a name: an IPv6 literal, or digits and dots only. */
    private static boolean isLiteral(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /** Whether an address lies on the public internet. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicIpv4(bytes);
        }
        if (address instanceof Inet6Address) {
            return isPublicIpv6(bytes);
        }
        return false;
    }

    private static boolean isPublicIpv4(byte[] ip) {
        int first = ip[0] & 0xff;
        int second = ip[1] & 0xff;
        int third = ip[2] & 0xff;
        return first != 0 // "this network"
                && !(first == 100 && second >= 64 && second <= 127) // shared address space (carrier-grade NAT)
                && !(first == 192 && second == 0 && third == 0) // IETF protocol assignments
                && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                && first < 240; // reserved and broadcast
    }

    private static boolean isPublicIpv6(byte[] ip) {
        int first = ip[0] & 0xff;
        if ((first & 0xfe) == 0xfc) {
            return false; // unique local fc00::/7
        }
        if (isZero(ip, 0, 12)) {
            return isPublicEmbedded(ip, 12); // IPv4-compatible ::a.b.c.d
        }
        if (first == 0x00 && ip[1] == 0x64 && (ip[2] & 0xff) == 0xff && (ip[3] & 0xff) == 0x9b && isZero(ip, 4, 12)) {
            return isPublicEmbedded(ip, 12); // NAT64 64:ff9b::/96
        }
        if (first == 0x20 && ip[1] == 0x02) {
            return isPublicEmbedded(ip, 2); // 6to4 2002::/16
        }
        return true;
    }

    private static boolean isPublicEmbedded(byte[] ip, int from) {
        try {
            return isPublic(InetAddress.getByAddress(Arrays.copyOfRange(ip, from, from + 4)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Four bytes are always an IPv4 address", e);
        }
    }

    private static boolean isZero(byte[] ip, int from, int to) {
        for (int i = from; i < to; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
