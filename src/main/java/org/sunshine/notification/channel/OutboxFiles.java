package org.sunshine.notification.channel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** File naming and atomic writing shared by the .eml and .json transports. */
public final class OutboxFiles {

	// Sortable, and free of ':' so the names also work on Windows.
	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private OutboxFiles() {
	}

	/** Throws when messages could not be written to the directory (missing and not creatable, or read-only). */
	public static void requireWritable(Path directory) throws IOException {
		Files.createDirectories(directory);
		if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
			throw new IOException("cannot write to " + directory);
		}
	}

	/** Writes to a temporary file and renames it, so readers of the directory never see half a file. */
	public static Path writeAtomically(Path directory, String fileName, ContentWriter writer) throws IOException {
		Files.createDirectories(directory);
		Path temp = Files.createTempFile(directory, ".partial-", ".tmp");
		try {
			try (OutputStream out = Files.newOutputStream(temp)) {
				writer.write(out);
			}
			Path target = directory.resolve(fileName);
			try {
				return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				return Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/** {@code {timestamp}-{shortHash}{extension}}: ordered by time, tied to the message key. */
	public static String fileName(Clock clock, String messageKey, String extension) {
		return TIMESTAMP.format(clock.instant()) + keySuffix(messageKey, extension);
	}

	/** The part of {@link #fileName} that depends on the message key only: how to find a message's file. */
	public static String keySuffix(String messageKey, String extension) {
		return "-" + sha256Hex(messageKey).substring(0, 12) + extension;
	}

	public static String sha256Hex(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	@FunctionalInterface
	public interface ContentWriter {

		void write(OutputStream out) throws IOException;

	}

}
