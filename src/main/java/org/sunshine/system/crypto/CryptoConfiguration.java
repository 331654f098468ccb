package org.sunshine.system.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The contact data key: from {@code sunshine.crypto.key}, or from a key file generated on the embedded default. */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);

	@Bean
	ContactCipher contactCipher(CryptoProperties properties) {
		ContactKey current = properties.key() == null || properties.key().isBlank() ? fromFile(properties.keyFile())
				: ContactKey.of(properties.key(), "sunshine.crypto.key");
		List<ContactKey> previous = properties.previousKeys().stream()
			.map(key -> ContactKey.of(key, "a key in sunshine.crypto.previous-keys")).toList();
		return new ContactCipher(current, previous);
	}

	private static ContactKey fromFile(Path file) {
		try {
			if (!Files.exists(file)) {
				generate(file);
			}
			return ContactKey.of(Files.readString(file, StandardCharsets.US_ASCII), "the key file " + file);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read or create the contact data key file " + file, ex);
		}
	}

	private static void generate(Path file) throws IOException {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		Path parent = file.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		Path temporary = Files.createTempFile(parent, "sunshine", ".key");
		try {
			if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
				Files.setPosixFilePermissions(temporary, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
			}
			Files.writeString(temporary, Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.US_ASCII);
			// Two nodes starting at once on one data directory: the first key written wins, the other is dropped.
			Files.move(temporary, file);
			log.warn("Generated the key that seals contact data at rest: {}. Back it up, apart from the database backups: without it "
					+ "no email address or phone number can be read. In production set sunshine.crypto.key instead.", file);
		}
		catch (FileAlreadyExistsException ex) {
			Files.deleteIfExists(temporary);
		}
	}

}
