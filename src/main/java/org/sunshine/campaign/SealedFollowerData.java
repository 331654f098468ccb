package org.sunshine.campaign;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sunshine.system.crypto.SealedColumn;

/** What the campaign module keeps sealed at rest: followers' addresses and numbers, and where they gave consent. */
@Configuration(proxyBeanMethods = false)
class SealedFollowerData {

	@Bean
	SealedColumn followerAddress() {
		return SealedColumn.hashed("follower_contact", "id", "address", "address_hash");
	}

	@Bean
	SealedColumn followerConsentSource() {
		return SealedColumn.of("follower_contact", "id", "consent_source");
	}

}
