package org.sunshine.subscription;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the bulk import of subscribers.
 *
 * @param batchSize rows written per batch and transaction
 * @param listedErrors refused rows listed in the answer; the rest are only counted
 * @param progressEvery rows between two progress lines in the log
 * @param maxRowLength characters one row may take; more means a broken file (often a quote left open)
 */
@ConfigurationProperties("sunshine.subscription.import")
record ImportProperties(@DefaultValue("1000") int batchSize, @DefaultValue("1000") int listedErrors,
		@DefaultValue("100000") int progressEvery, @DefaultValue("100000") int maxRowLength) {
}
