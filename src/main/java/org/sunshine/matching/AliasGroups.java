package org.sunshine.matching;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alias groups in force ({@code config/aliases.yml}): following one member follows the group. The file is
 * read again when matching or search asks and its time or size has changed (compiling an index asks once per
 * word, so the file is looked at, not read, each time); an edit with a mistake is
 * refused with the reason logged and kept in {@link #lastError()}, and the last good groups keep working.
 */
class AliasGroups {

	private static final Logger log = LoggerFactory.getLogger(AliasGroups.class);

	private final Path file;

	private List<List<String>> groups = List.of();

	private String loadedText;

	private String lastError;

	private long version;

	/** The file's modification time and size when it was last read; null when it was not there. */
	private Stamp readStamp;

	private record Stamp(java.time.Instant modified, long size) {
	}

	/** @throws AliasFileParser.InvalidAliasFileException when the file there at start-up is invalid: the start stops */
	AliasGroups(Path file) {
		this.file = file;
		this.readStamp = stamp();
		this.loadedText = read();
		if (loadedText != null) {
			groups = AliasFileParser.parse(loadedText, file.toString());
			log.info("Alias groups {}: {} group(s)", file, groups.size());
		}
	}

	/** The groups in force, after taking in an edit of the file if there is one and it is valid. */
	synchronized List<List<String>> current() {
		Stamp stamp = stamp();
		if (stamp == null || stamp.equals(readStamp)) {
			return groups;
		}
		readStamp = stamp;
		String text = read();
		if (text == null || text.equals(loadedText)) {
			return groups;
		}
		try {
			groups = AliasFileParser.parse(text, file.toString());
			lastError = null;
			version++;
			log.info("Alias groups {}: {} group(s)", file, groups.size());
		}
		catch (AliasFileParser.InvalidAliasFileException e) {
			lastError = e.getMessage();
			log.error("Refused the edit of {}; the last good alias groups keep working. {}", file, e.getMessage());
		}
		loadedText = text;
		return groups;
	}

	/** Changes each time other groups come into force. */
	synchronized long version() {
		current();
		return version;
	}

	/** Why the last edit was refused, or null when the groups in force are the file's. */
	synchronized String lastError() {
		return lastError;
	}

	private Stamp stamp() {
		try {
			return Files.exists(file) ? new Stamp(Files.getLastModifiedTime(file).toInstant(), Files.size(file)) : null;
		}
		catch (IOException e) {
			return null;
		}
	}

	private String read() {
		try {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
		}
		catch (IOException e) {
			log.warn("Could not read alias groups {}: {}", file, e.getMessage());
			return null;
		}
	}

}
