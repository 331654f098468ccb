package org.sunshine.system.crypto;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How contact data is sealed at rest ({@code sunshine.crypto.*}).
 *
 * @param key the key new data is sealed with: 32 random bytes in base64 ({@code openssl rand -base64 32}); unset,
 *        the key file is used (and generated on first start)
 * @param previousKeys keys data may still be sealed with: they open it, and Sunshine re-seals it with {@code key}
 *        at start-up, so a rotated-out key can be dropped once every node has started with the new one
 * @param keyFile where the key is kept when {@code key} is unset
 */
@ConfigurationProperties("sunshine.crypto")
record CryptoProperties(String key, @DefaultValue List<String> previousKeys,
		@DefaultValue("data/sunshine.key") Path keyFile) {

	@Override
	public String toString() {
		return "CryptoProperties[keyFile=" + keyFile + ", previousKeys=" + previousKeys.size() + "]";
	}

}
