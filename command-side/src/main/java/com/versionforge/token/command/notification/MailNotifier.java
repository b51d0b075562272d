package com.versionforge.token.command.notification;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Sends notices by SMTP through Spring's mail sender, which exists only when {@code spring.mail.host} is set. */
@Component
class MailNotifier {

    private final ObjectProvider<JavaMailSender> mailSender;
    private final NotificationProperties properties;

    MailNotifier(ObjectProvider<JavaMailSender> mailSender, NotificationProperties properties) {
        this.mailSender = mailSender;
        this.properties = properties;
    }

    /** Whether an SMTP server is configured; without one the e-mail channel is skipped. */
    boolean isConfigured() {
        return mailSender.getIfAvailable() != null;
    }

    /** One message to all the tenant's admin addresses. */
    void send(List<String> recipients, TokenNotice notice) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.mailFrom());
        message.setTo(recipients.toArray(String[]::new));
        message.setSubject(notice.subject());
        message.setText(notice.text());
        try {
            mailSender.getObject().send(message);
        } catch (MailException e) {
            throw new NoticeDeliveryException(
                    "The SMTP server did not take the message: " + e.getClass().getSimpleName());
        }
    }
}
