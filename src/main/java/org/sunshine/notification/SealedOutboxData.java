package org.sunshine.notification;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sunshine.system.crypto.SealedColumn;

/** What the outbox keeps sealed at rest: where each message goes. */
@Configuration(proxyBeanMethods = false)
class SealedOutboxData {

	@Bean
	SealedColumn notificationDestination() {
		return SealedColumn.hashed("notification", "id", "destination", "destination_hash");
	}

}
