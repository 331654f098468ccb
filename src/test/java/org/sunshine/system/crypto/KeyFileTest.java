package org.sunshine.system.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the embedded default no key is configured: one is generated once, readable by its owner only, and kept. */
class KeyFileTest {

	@TempDir
	Path data;

	@Test
	void aKeyIsGeneratedOnceAndTheNextStartReadsWhatTheFirstSealed() throws Exception {
		Path file = data.resolve("data/sunshine.key");
		CryptoProperties properties = new CryptoProperties(null, List.of(), file);

		String sealed = new CryptoConfiguration().contactCipher(properties).seal("vecina@example.org");

		assertThat(file).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(new CryptoConfiguration().contactCipher(properties).open(sealed)).isEqualTo("vecina@example.org");
		assertThat(Files.list(file.getParent())).containsExactly(file);
	}

}
