package org.sunshine.system.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ContactCipherTest {

	static final String KEY = "6X1mO0nBvYkq3ZyJ0t4o4m1kQ2a7f0Yc0dO3mT1sR8w=";

	static final String NEW_KEY = "yq0mS3Vb1n8o2c9XJtq5cE4k7d0L6wq2r0yq1Zp8f3U=";

	@Test
	void sealsEachTimeDifferentlyAndOpensToTheSameValue() {
		ContactCipher cipher = ContactCipher.forKey(KEY);
		String first = cipher.seal("vecina@example.org");
		String second = cipher.seal("vecina@example.org");
		assertThat(first).startsWith("enc:").doesNotContain("vecina").isNotEqualTo(second);
		assertThat(cipher.open(first)).isEqualTo("vecina@example.org");
		assertThat(cipher.open(second)).isEqualTo("vecina@example.org");
		assertThat(cipher.seal(null)).isNull();
	}

	@Test
	void looksUpByAKeyedHashThatIsStableAndSaysNothingWithoutTheKey() {
		ContactCipher cipher = ContactCipher.forKey(KEY);
		assertThat(cipher.lookup("+13055550142")).isEqualTo(cipher.lookup("+13055550142")).hasSize(43)
			.isNotEqualTo(cipher.lookup("+13055550143")).isNotEqualTo(ContactCipher.forKey(NEW_KEY).lookup("+13055550142"));
	}

	@Test
	void afterARotationOldDataStillOpensAndIsFoundAndNewDataUsesTheNewKey() {
		ContactCipher before = ContactCipher.forKey(KEY);
		String old = before.seal("+13055550142");
		ContactCipher after = new ContactCipher(ContactKey.of(NEW_KEY, "key"), List.of(ContactKey.of(KEY, "previous")));
		assertThat(after.open(old)).isEqualTo("+13055550142");
		assertThat(after.lookups("+13055550142")).containsExactly(after.lookup("+13055550142"), before.lookup("+13055550142"));
		assertThat(old).doesNotStartWith(after.currentPrefix());
		assertThat(after.seal("+13055550142")).startsWith(after.currentPrefix());
	}

	@Test
	void dataSealedWithAKeyItWasNotGivenIsRefusedNamingTheSetting() {
		String sealed = ContactCipher.forKey(NEW_KEY).seal("+13055550142");
		assertThatThrownBy(() -> ContactCipher.forKey(KEY).open(sealed)).hasMessageContaining("not configured")
			.hasMessageContaining("sunshine.crypto.previous-keys").hasMessageNotContaining("3055550142");
	}

	@Test
	void anAlteredValueDoesNotOpen() {
		ContactCipher cipher = ContactCipher.forKey(KEY);
		String sealed = cipher.seal("vecina@example.org");
		// A character in the middle: the last one may carry only padding bits that base64 decoding ignores.
		int middle = sealed.length() / 2 + 8;
		String altered = sealed.substring(0, middle) + (sealed.charAt(middle) == 'A' ? 'B' : 'A') + sealed.substring(middle + 1);
		assertThatThrownBy(() -> cipher.open(altered)).hasMessageContaining("altered");
	}

	@Test
	void textWrittenBeforeSealingBeganReadsAsItIs() {
		assertThat(ContactCipher.forKey(KEY).open("START")).isEqualTo("START");
	}

	@Test
	void aKeyTooShortToBeSecretStopsTheStart() {
		assertThatThrownBy(() -> ContactCipher.forKey("secret")).hasMessageContaining("too short")
			.hasMessageContaining("openssl rand -base64 32");
	}

}
