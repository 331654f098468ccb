package org.sunshine.notification.channel;

import java.time.Clock;

import javax.sql.DataSource;

import io.github.bucket4j.TimeMeter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.StringUtils;
import org.sunshine.notification.channel.email.EmlFileEmailSender;
import org.sunshine.notification.channel.email.SmtpEmailSender;
import org.sunshine.notification.channel.sms.JsonFileSmsSender;
import org.sunshine.notification.channel.sms.TwilioSmsSender;
import org.sunshine.system.PublicUrl;
import org.sunshine.system.SharedBuckets;

/**
 * Picks each channel's transport: a real provider when one is configured, files in the outbox otherwise,
 * and says once at start-up which one it is.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChannelProperties.class)
class ChannelConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ChannelConfiguration.class);

	// Boot creates a JavaMailSender only when spring.mail.host is set. The SMTP sender keeps connections
	// open; Spring closes them through its close() when the context stops.
	@Bean
	EmailSender emailSender(ObjectProvider<JavaMailSender> mailSender, ChannelProperties properties,
			ObjectProvider<Clock> clock) {
		JavaMailSender smtp = mailSender.getIfAvailable();
		EmailSender sender;
		if (smtp instanceof JavaMailSenderImpl settings) {
			sender = new SmtpEmailSender(settings, properties.mail(), clock.getIfAvailable(Clock::systemUTC));
		}
		else if (smtp != null) {
			throw new IllegalStateException("The SMTP channel reads its settings from Spring Boot's "
					+ "JavaMailSenderImpl (spring.mail.*), not from a " + smtp.getClass().getName());
		}
		else {
			sender = new EmlFileEmailSender(properties.outboxDir(), properties.mail().from(), Clock.systemUTC());
		}
		log.info("Email channel: {}", sender.describe());
		return sender;
	}

	@Bean
	SmsSender smsSender(ChannelProperties properties, PublicUrl publicUrl, ObjectProvider<DataSource> dataSource) {
		ChannelProperties.Twilio twilio = properties.sms().twilio();
		SmsSender sender;
		if (twilio.enabled()) {
			requireComplete(twilio);
			// Paced per number across the cluster: nodes sending from one number share one bucket in PostgreSQL.
			// The pace is the provider's, in real time, whatever clock the rest of Sunshine is given.
			DataSource database = dataSource.getIfAvailable();
			sender = new TwilioSmsSender(twilio, publicUrl::base, database == null
					? SharedBuckets.inMemory(TimeMeter.SYSTEM_NANOTIME)
					: SharedBuckets.of(database, Clock.systemUTC()));
		}
		else {
			sender = new JsonFileSmsSender(properties.outboxDir(), Clock.systemUTC());
		}
		log.info("SMS channel: {}", sender.describe());
		return sender;
	}

	/** A half-configured account would fail every send; better to refuse to start and say what is missing. */
	private static void requireComplete(ChannelProperties.Twilio twilio) {
		if (!StringUtils.hasText(twilio.authToken())) {
			throw new IllegalStateException(
					"sunshine.sms.twilio.account-sid is set but sunshine.sms.twilio.auth-token is missing");
		}
		if (!StringUtils.hasText(twilio.from()) && !StringUtils.hasText(twilio.messagingServiceSid())) {
			throw new IllegalStateException("sunshine.sms.twilio.account-sid is set but neither "
					+ "sunshine.sms.twilio.from nor sunshine.sms.twilio.messaging-service-sid is: "
					+ "Twilio needs a sender number or a messaging service");
		}
	}

}
