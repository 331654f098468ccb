package org.sunshine.system.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seals personal data (email addresses, phone numbers, client addresses) before it is stored, opens it when it is
 * used, and gives the keyed hash it is looked up by. A sealed value reads {@code enc:<key id>:<base64>}: AES-256-GCM
 * (Google Tink) under the key that id names. Look-ups ask for the hash under every configured key, so data sealed
 * before a rotation is found until it has been re-sealed.
 */
public final class ContactCipher {

	static final String PREFIX = "enc:";

	private final ContactKey current;

	private final Map<String, ContactKey> keys = new LinkedHashMap<>();

	/** A cipher for one key given as {@code sunshine.crypto.key} gives it: for tools and tests that read the database. */
	public static ContactCipher forKey(String key) {
		return new ContactCipher(ContactKey.of(key, "the key"), List.of());
	}

	ContactCipher(ContactKey current, List<ContactKey> previous) {
		this.current = current;
		this.keys.put(current.id(), current);
		previous.forEach(key -> this.keys.putIfAbsent(key.id(), key));
	}

	/** The value sealed with the current key; null stays null. */
	public String seal(String plain) {
		if (plain == null) {
			return null;
		}
		try {
			return PREFIX + current.id() + ":"
					+ Base64.getEncoder().withoutPadding().encodeToString(current.seal(plain.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not seal a value", ex);
		}
	}

	/**
	 * The value a stored text holds. Text written before sealing began (no {@code enc:} prefix) is returned as it is:
	 * the start-up re-sealing turns it into sealed text, and literals such as a keyword stay readable meanwhile.
	 */
	public String open(String stored) {
		if (stored == null || !stored.startsWith(PREFIX)) {
			return stored;
		}
		int colon = stored.indexOf(':', PREFIX.length());
		ContactKey key = colon < 0 ? null : keys.get(stored.substring(PREFIX.length(), colon));
		if (key == null) {
			throw new UnknownKeyException(colon < 0 ? "?" : stored.substring(PREFIX.length(), colon));
		}
		try {
			return new String(key.open(Base64.getDecoder().decode(stored.substring(colon + 1))), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("A sealed value does not open with key " + key.id() + ": it was altered", ex);
		}
	}

	/** The keyed hash new data is stored with. */
	public String lookup(String value) {
		return current.lookup(value);
	}

	/** The value's hash under every configured key, current first: what a look-up matches. */
	public List<String> lookups(String value) {
		return keys.values().stream().map(key -> key.lookup(value)).toList();
	}

	/** Every value's hashes under every configured key, for look-ups of many values at once. */
	public List<String> lookups(java.util.Collection<String> values) {
		return values.stream().flatMap(value -> lookups(value).stream()).toList();
	}

	/** How every value sealed with the current key begins; the start-up re-sealing looks for values that do not. */
	String currentPrefix() {
		return PREFIX + current.id() + ":";
	}

	/** Data sealed with a key Sunshine was not given: it cannot be read, and starting would lose it. */
	static final class UnknownKeyException extends IllegalStateException {

		UnknownKeyException(String keyId) {
			super("Contact data in the database is sealed with key " + keyId + ", which is not configured: set it as "
					+ "sunshine.crypto.key or list it in sunshine.crypto.previous-keys");
		}

	}

}
