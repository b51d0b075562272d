package com.versionforge.token.command.notification;

import com.versionforge.token.command.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The addresses that receive a tenant's notices by e-mail: plain addresses such as {@code ops@example.com}, without
 * display names, at most {@value #MAX_COUNT} of them. Duplicates (ignoring case) are dropped, the order is kept.
 */
final class AdminEmails {

    static final int MAX_COUNT = 20;
    static final String INVALID = "email-invalid";

    private static final int MAX_LENGTH = 254;
    private static final Pattern ADDRESS =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private AdminEmails() {}

    /**
     * The validated list; null stands for none.
     *
     * @throws InvalidRequestException {@code email-invalid}, naming the position of the first bad entry but not the
     *     entry itself
     */
    static List<String> parse(List<String> addresses) {
        if (addresses == null) {
            return List.of();
        }
        if (addresses.size() > MAX_COUNT) {
            throw new InvalidRequestException(INVALID, "adminEmails holds at most " + MAX_COUNT + " addresses");
        }
        List<String> accepted = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < addresses.size(); i++) {
            String address = addresses.get(i) == null ? "" : addresses.get(i).strip();
            if (address.length() > MAX_LENGTH || !ADDRESS.matcher(address).matches()) {
                throw new InvalidRequestException(
                        INVALID, "adminEmails[" + i + "] is not a plain e-mail address such as ops@example.com");
            }
            if (seen.add(address.toLowerCase(Locale.ROOT))) {
                accepted.add(address);
            }
        }
        return List.copyOf(accepted);
    }
}
