package org.sunshine.system.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.util.SecretBytes;

/**
 * One configured key: an AES-256-GCM key that seals, and an HMAC-SHA256 key for look-ups, both derived from the
 * operator's secret with HKDF so that neither can be learned from the other. Its id (the first four bytes of the
 * secret's SHA-256) is written beside everything it seals, so data says which key opens it.
 */
final class ContactKey {

	private static final int KEY_BYTES = 32;

	private final String id;

	private final Aead aead;

	/** One initialised Mac per thread: looking up a JCE provider for each hash costs more than the hash. */
	private final ThreadLocal<Mac> lookupMac;

	private ContactKey(String id, Aead aead, SecretKeySpec lookupKey) {
		this.id = id;
		this.aead = aead;
		this.lookupMac = ThreadLocal.withInitial(() -> {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(lookupKey);
				return mac;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("HmacSHA256 is not available", ex);
			}
		});
	}

	/** A key from its setting: base64 of 32 random bytes; any other text of 16 characters or more is stretched. */
	static ContactKey of(String setting, String settingName) {
		String text = setting.strip();
		byte[] secret = decoded(text);
		if (secret == null) {
			if (text.length() < 16) {
				throw new IllegalStateException(settingName + " is too short: use 32 random bytes in base64 (openssl rand -base64 32)");
			}
			secret = text.getBytes(StandardCharsets.UTF_8);
		}
		return of(secret);
	}

	static ContactKey of(byte[] secret) {
		try {
			AeadConfig.register();
			String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret), 0, 4);
			byte[] sealing = Hkdf.computeHkdf("HMACSHA256", secret, null, "sunshine contact seal".getBytes(StandardCharsets.UTF_8), KEY_BYTES);
			byte[] lookup = Hkdf.computeHkdf("HMACSHA256", secret, null, "sunshine contact lookup".getBytes(StandardCharsets.UTF_8), KEY_BYTES);
			AesGcmParameters parameters = AesGcmParameters.builder().setKeySizeBytes(KEY_BYTES).setIvSizeBytes(12)
				.setTagSizeBytes(16).setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
			AesGcmKey key = AesGcmKey.builder().setParameters(parameters)
				.setKeyBytes(SecretBytes.copyFrom(sealing, InsecureSecretKeyAccess.get())).build();
			Aead aead = KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary()).build()
				.getPrimitive(RegistryConfiguration.get(), Aead.class);
			return new ContactKey(id, aead, new SecretKeySpec(lookup, "HmacSHA256"));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not set up the contact data key", ex);
		}
	}

	private static byte[] decoded(String text) {
		try {
			byte[] bytes = Base64.getDecoder().decode(text);
			return bytes.length == KEY_BYTES ? bytes : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	String id() {
		return id;
	}

	byte[] seal(byte[] plain) throws GeneralSecurityException {
		return aead.encrypt(plain, new byte[0]);
	}

	byte[] open(byte[] sealed) throws GeneralSecurityException {
		return aead.decrypt(sealed, new byte[0]);
	}

	/** The keyed hash of a value, as URL-safe base64 (43 characters). */
	String lookup(String value) {
		return Base64.getUrlEncoder().withoutPadding()
			.encodeToString(lookupMac.get().doFinal(value.getBytes(StandardCharsets.UTF_8)));
	}

}
