package org.sunshine.notification.channel;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.sunshine.notification.channel.email.EmlFileEmailSender;
import org.sunshine.notification.channel.email.SmtpEmailSender;
import org.sunshine.notification.channel.sms.JsonFileSmsSender;
import org.sunshine.notification.channel.sms.TwilioSmsSender;

import org.springframework.core.env.StandardEnvironment;
import org.sunshine.system.PublicUrl;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ChannelConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(ChannelConfiguration.class)
		.withBean(PublicUrl.class, () -> new PublicUrl(null, new StandardEnvironment()));

	@Test
	void withNothingConfiguredBothChannelsWriteFiles(CapturedOutput output) {
		this.runner.run(context -> {
			assertThat(context).hasSingleBean(EmailSender.class).hasSingleBean(SmsSender.class);
			assertThat(context.getBean(EmailSender.class)).isInstanceOf(EmlFileEmailSender.class);
			assertThat(context.getBean(SmsSender.class)).isInstanceOf(JsonFileSmsSender.class);
			ChannelProperties properties = context.getBean(ChannelProperties.class);
			assertThat(properties.outboxDir()).isEqualTo(Path.of("data/outbox"));
			assertThat(properties.mail().from()).isEqualTo("Sunshine <alerts@localhost>");
			assertThat(properties.sms().twilio().enabled()).isFalse();
			assertThat(properties.sms().twilio().apiBaseUrl()).isEqualTo(URI.create("https://api.twilio.com"));
			assertThat(properties.sms().twilio().messagesPerSecond()).isEqualTo(1.0);
			assertThat(properties.mail().connections()).isEqualTo(4);
			assertThat(properties.mail().messagesPerConnection()).isEqualTo(100);
			assertThat(properties.mail().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
		});
		assertThat(output).containsOnlyOnce("Email channel: writing .eml files to " + Path.of("data/outbox/email"))
			.containsOnlyOnce("SMS channel: writing .json files to " + Path.of("data/outbox/sms"));
	}

	@Test
	void aMailSenderBeanSwitchesEmailToSmtp(CapturedOutput output) {
		JavaMailSenderImpl mailSender = new JavaMailSenderImpl();
		mailSender.setHost("smtp.example.org");
		mailSender.setPort(587);
		this.runner.withBean(JavaMailSender.class, () -> mailSender)
			.run(context -> assertThat(context.getBean(EmailSender.class)).isInstanceOf(SmtpEmailSender.class));
		assertThat(output).containsOnlyOnce("Email channel: SMTP smtp.example.org:587");
	}

	@Test
	void anAccountSidSwitchesSmsToTwilioWithoutPrintingSecrets(CapturedOutput output) {
		this.runner
			.withPropertyValues("sunshine.sms.twilio.account-sid=AC0123456789abcdef0123456789abcdef",
					"sunshine.sms.twilio.auth-token=s3cr3t-token", "sunshine.sms.twilio.from=+13055550100",
					"sunshine.sms.twilio.api-base-url=http://localhost:8089")
			.run(context -> {
				assertThat(context.getBean(SmsSender.class)).isInstanceOf(TwilioSmsSender.class);
				assertThat(context.getBean(ChannelProperties.class).toString()).doesNotContain("s3cr3t-token")
					.doesNotContain("3055550100");
			});
		assertThat(output).containsOnlyOnce("SMS channel: Twilio (account AC0123…, via http://localhost:8089)")
			.doesNotContain("s3cr3t-token")
			.doesNotContain("0123456789abcdef")
			.doesNotContain("3055550100");
	}

	@Test
	void aMessagingServiceIsEnoughOfASender() {
		this.runner
			.withPropertyValues("sunshine.sms.twilio.account-sid=AC0123456789abcdef0123456789abcdef",
					"sunshine.sms.twilio.auth-token=s3cr3t-token",
					"sunshine.sms.twilio.messaging-service-sid=MG0123456789abcdef0123456789abcdef")
			.run(context -> assertThat(context.getBean(SmsSender.class)).isInstanceOf(TwilioSmsSender.class));
	}

	@Test
	void nonsensicalRatesAndPoolSizesRefuseToStart() {
		this.runner.withPropertyValues("sunshine.mail.connections=0")
			.run(context -> assertThat(context).hasFailed());
		this.runner.withPropertyValues("sunshine.sms.twilio.messages-per-second=0")
			.run(context -> assertThat(context).hasFailed());
	}

	@Test
	void anAccountWithoutSenderRefusesToStart() {
		this.runner
			.withPropertyValues("sunshine.sms.twilio.account-sid=AC0123456789abcdef0123456789abcdef",
					"sunshine.sms.twilio.auth-token=s3cr3t-token")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("sunshine.sms.twilio.from")
				.hasMessageContaining("sunshine.sms.twilio.messaging-service-sid"));
	}

}
