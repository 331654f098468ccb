package org.sunshine.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.sunshine.notification.channel.ChannelProperties;
import org.sunshine.notification.channel.email.EmlFileEmailSender;
import org.sunshine.notification.channel.email.SmtpEmailSender;
import org.sunshine.notification.channel.sms.JsonFileSmsSender;
import org.sunshine.subscription.Channel;
import org.sunshine.system.HealthStates;

/** The mail, sms and outbox health components: up, degraded and down, from real transports and given figures. */
class OutboxHealthIndicatorsTests {

	@TempDir
	Path dir;

	final OutboxStatistics statistics = mock(OutboxStatistics.class);

	final OutboxHealthIndicators indicators = new OutboxHealthIndicators();

	final NotificationProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
		.bindOrCreate("sunshine.notification", NotificationProperties.class);

	@Test
	void mailIsUpWhenItsDirectoryTakesFilesDegradedWhileMessagesWaitForRetryAndDownWhenItCannotWrite() throws IOException {
		retrying(0, 0);
		HealthIndicator mail = indicators.mailHealthIndicator(new EmlFileEmailSender(dir, "a@localhost", Clock.systemUTC()), statistics);
		assertThat(mail.health().getStatus()).isEqualTo(Status.UP);

		retrying(3, 0);
		assertThat(mail.health().getStatus()).isEqualTo(HealthStates.DEGRADED);
		assertThat(mail.health().getDetails()).containsEntry("retrying", 3L);

		Path notADirectory = Files.writeString(dir.resolve("file"), "x");
		Health down = indicators.mailHealthIndicator(new EmlFileEmailSender(notADirectory, "a@localhost", Clock.systemUTC()),
				statistics).health();
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void mailIsDownWhenTheSmtpServerCannotBeReached() throws IOException {
		retrying(0, 0);
		JavaMailSenderImpl smtp = new JavaMailSenderImpl();
		smtp.setHost("localhost");
		smtp.setPort(closedPort());
		SmtpEmailSender sender = new SmtpEmailSender(smtp, new ChannelProperties.Mail("a@localhost", 1, 10, Duration.ofSeconds(30)),
				Clock.systemUTC());
		Health health = indicators.mailHealthIndicator(sender, statistics).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("transport").toString()).startsWith("SMTP localhost:");
	}

	@Test
	void smsIsUpDegradedAndDownLikewise() throws IOException {
		retrying(0, 0);
		HealthIndicator sms = indicators.smsHealthIndicator(new JsonFileSmsSender(dir, Clock.systemUTC()), statistics);
		assertThat(sms.health().getStatus()).isEqualTo(Status.UP);
		retrying(0, 2);
		assertThat(sms.health().getStatus()).isEqualTo(HealthStates.DEGRADED);
		Path notADirectory = Files.writeString(dir.resolve("file"), "x");
		assertThat(indicators.smsHealthIndicator(new JsonFileSmsSender(notADirectory, Clock.systemUTC()), statistics).health()
			.getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void outboxIsDegradedWhenADueMessageWaitsTooLongOrAnSmsIsUncertainAndDownPastTheLimit() {
		HealthIndicator outbox = indicators.outboxHealthIndicator(statistics, properties, Clock.systemUTC());
		figures(Duration.ofMinutes(1), 0);
		assertThat(outbox.health().getStatus()).isEqualTo(Status.UP);
		assertThat(outbox.health().getDetails()).containsEntry("backlog", 7L).containsEntry("oldestDueAgeSeconds", 60L);

		figures(Duration.ofMinutes(6), 0);
		assertThat(outbox.health().getStatus()).isEqualTo(HealthStates.DEGRADED);
		figures(Duration.ZERO, 1);
		assertThat(outbox.health().getStatus()).isEqualTo(HealthStates.DEGRADED);

		figures(Duration.ofMinutes(61), 0);
		assertThat(outbox.health().getStatus()).isEqualTo(Status.DOWN);
	}

	private void retrying(long email, long sms) {
		when(statistics.retrying()).thenReturn(Map.of(Channel.EMAIL, email, Channel.SMS, sms));
	}

	private void figures(Duration oldest, long uncertain) {
		when(statistics.figures(any())).thenReturn(new OutboxStatistics.Figures(7, 3, oldest, uncertain, 2));
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
