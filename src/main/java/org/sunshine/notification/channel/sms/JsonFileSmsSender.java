package org.sunshine.notification.channel.sms;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.sunshine.notification.channel.OutboxFiles;
import org.sunshine.notification.channel.OutgoingSms;
import org.sunshine.notification.channel.SendResult;
import org.sunshine.notification.channel.SmsSender;

/** The embedded default: writes each SMS as a small .json file to read or feed to a test. */
public class JsonFileSmsSender implements SmsSender {

	private static final Logger log = LoggerFactory.getLogger(JsonFileSmsSender.class);

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Path directory;

	private final Clock clock;

	public JsonFileSmsSender(Path outboxDir, Clock clock) {
		this.directory = outboxDir.resolve("sms");
		this.clock = clock;
	}

	@Override
	public void check() throws java.io.IOException {
		OutboxFiles.requireWritable(this.directory);
	}

	@Override
	public String describe() {
		return "writing .json files to " + this.directory;
	}

	@Override
	public SendResult send(OutgoingSms sms) {
		Map<String, Object> content = new LinkedHashMap<>();
		content.put("to", sms.to());
		content.put("body", sms.body());
		content.put("messageKey", sms.messageKey());
		content.put("segments", SmsSegments.count(sms.body()));
		try {
			Path file = OutboxFiles.writeAtomically(this.directory,
					OutboxFiles.fileName(this.clock, sms.messageKey(), ".json"), out -> write(content, out));
			return new SendResult.Accepted(file.getFileName().toString());
		}
		catch (IOException ex) {
			log.warn("SMS {} not written to {}: {}", sms.messageKey(), this.directory, ex.toString());
			return new SendResult.RetryLater("cannot write to " + this.directory + ": " + ex.getMessage(), null);
		}
	}

	/**
	 * The file is the hand-over: written whole and renamed, so it exists exactly when the send was accepted.
	 * File names end with a hash of the message key, which identifies the message better than any window.
	 */
	@Override
	public Optional<Boolean> wasAccepted(OutgoingSms sms, Instant from, Instant to) {
		String suffix = OutboxFiles.keySuffix(sms.messageKey(), ".json");
		try (Stream<Path> files = Files.list(this.directory)) {
			return Optional.of(files.anyMatch(file -> file.getFileName().toString().endsWith(suffix)));
		}
		catch (NoSuchFileException ex) {
			return Optional.of(false);
		}
		catch (IOException ex) {
			log.warn("SMS {}: cannot read {}: {}", sms.messageKey(), this.directory, ex.toString());
			return Optional.empty();
		}
	}

	private static void write(Map<String, Object> content, OutputStream out) throws IOException {
		try {
			JSON.writeValue(out, content);
		}
		catch (JacksonException ex) {
			throw new IOException(ex);
		}
	}

}
