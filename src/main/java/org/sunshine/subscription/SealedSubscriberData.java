package org.sunshine.subscription;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sunshine.system.crypto.SealedColumn;

/** What the subscription module keeps sealed at rest: addresses and numbers, and the client addresses beside consent. */
@Configuration(proxyBeanMethods = false)
class SealedSubscriberData {

	@Bean
	SealedColumn contactPointAddress() {
		return SealedColumn.hashed("contact_point", "id", "address", "address_hash");
	}

	@Bean
	SealedColumn contactPointConsentSource() {
		return SealedColumn.of("contact_point", "id", "consent_source");
	}

	@Bean
	SealedColumn contactPointRequestedSource() {
		return SealedColumn.of("contact_point", "id", "requested_source");
	}

	@Bean
	SealedColumn optedOutNumber() {
		return SealedColumn.hashed("sms_opt_out", "number", "number", "number_hash");
	}

}
