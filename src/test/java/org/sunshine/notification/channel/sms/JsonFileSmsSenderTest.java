package org.sunshine.notification.channel.sms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.sunshine.notification.channel.OutgoingSms;
import org.sunshine.notification.channel.SendResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class JsonFileSmsSenderTest {

	@TempDir
	Path outbox;

	@Test
	void writesWhatItWasGiven() throws Exception {
		Clock clock = Clock.fixed(Instant.parse("2025-07-08T13:05:09.123Z"), ZoneOffset.UTC);
		OutgoingSms sms = new OutgoingSms("alert:42:sub:7", "+13055551234",
				"Komisyon Vil Key West, madi 8 jiyè, 5:00 PM: atik 4.2 pò a. Reponn STOP pou sispann.");

		SendResult result = new JsonFileSmsSender(this.outbox, clock).send(sms);

		assertThat(result).isInstanceOf(SendResult.Accepted.class);
		String fileName = ((SendResult.Accepted) result).providerId();
		assertThat(fileName).matches("20250708T130509123Z-[0-9a-f]{12}\\.json");
		Path file = this.outbox.resolve("sms").resolve(fileName);
		Map<String, Object> json = JsonMapper.builder().build().readValue(Files.readString(file), new TypeReference<>() {
		});
		assertThat(json).containsExactly(entry("to", "+13055551234"), entry("body", sms.body()),
				entry("messageKey", "alert:42:sub:7"), entry("segments", 1));
		try (var files = Files.list(this.outbox.resolve("sms"))) {
			assertThat(files).hasSize(1);
		}
	}

	@Test
	void knowsWhichMessagesItWrote() {
		Clock clock = Clock.fixed(Instant.parse("2025-07-08T13:05:09.123Z"), ZoneOffset.UTC);
		JsonFileSmsSender sender = new JsonFileSmsSender(this.outbox, clock);
		OutgoingSms written = new OutgoingSms("alert:42:sub:7", "+13055551234", "City Commission, Tue 5 PM");
		OutgoingSms other = new OutgoingSms("alert:43:sub:7", "+13055551234", "City Commission, Tue 5 PM");
		Instant from = clock.instant().minusSeconds(60);
		Instant to = clock.instant().plusSeconds(60);

		assertThat(sender.wasAccepted(written, from, to)).as("nothing written yet").contains(false);
		sender.send(written);

		assertThat(sender.wasAccepted(written, from, to)).contains(true);
		assertThat(sender.wasAccepted(other, from, to)).contains(false);
	}

	@Test
	void describesTheDirectory() {
		assertThat(new JsonFileSmsSender(Path.of("data/outbox"), Clock.systemUTC()).describe())
			.isEqualTo("writing .json files to " + Path.of("data/outbox/sms"));
	}

}
