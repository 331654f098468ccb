package org.sunshine;

import java.util.Collection;
import java.util.List;

import org.sunshine.system.crypto.ContactCipher;

/** Tests look contact data up as Sunshine does: by its keyed hash under the test key (application-test.yml). */
public final class Sealed {

	public static final String TEST_KEY = "6X1mO0nBvYkq3ZyJ0t4o4m1kQ2a7f0Yc0dO3mT1sR8w=";

	private static final ContactCipher CIPHER = ContactCipher.forKey(TEST_KEY);

	private Sealed() {
	}

	/** The look-up hash of an address or number. */
	public static String hash(String address) {
		return CIPHER.lookup(address);
	}

	public static List<String> hashes(Collection<String> addresses) {
		return addresses.stream().map(Sealed::hash).toList();
	}

	/** The value as Sunshine stores it. */
	public static String seal(String plain) {
		return CIPHER.seal(plain);
	}

	/** What a sealed column holds. */
	public static String open(String stored) {
		return CIPHER.open(stored);
	}

}
