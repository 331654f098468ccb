package org.sunshine.subscription;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.sunshine.system.Databases;
import org.sunshine.system.TooManyRequestsException;

/**
 * Limits sign-ups per client address and confirmation sends per destination (Bucket4j token buckets),
 * so nobody can use Sunshine to flood an inbox or pump SMS to premium numbers. On PostgreSQL the buckets
 * are rows shared by every node, so a limit holds however the requests are spread; on H2 (one node) they
 * are in memory.
 */
@Component
class SignupRateLimiter {

	private static final Logger log = LoggerFactory.getLogger(SignupRateLimiter.class);

	/** In memory, past this many keys full buckets are forgotten at once instead of at the next sweep. */
	private static final int SWEEP_ABOVE = 100_000;

	private final SubscriptionProperties properties;

	private final RateLimitBuckets buckets;

	SignupRateLimiter(SubscriptionProperties properties, DataSource dataSource, Clock clock) {
		this.properties = properties;
		this.buckets = Databases.isPostgres(dataSource) ? new PostgresRateLimitBuckets(dataSource, clock)
				: new LocalRateLimitBuckets(SWEEP_ABOVE, clock);
	}

	void checkClient(String clientAddress) {
		take("client:" + clientAddress, properties.signupsPerClientPerHour(), Duration.ofHours(1), "sign-ups from this address", "client");
	}

	void checkDestination(Channel channel, String address) {
		take("dest:" + channel + ":" + address, properties.confirmationsPerDestinationPerDay(), Duration.ofDays(1),
				"confirmation messages to this " + (channel == Channel.SMS ? "number" : "address"), "destination");
		if (channel == Channel.SMS && address.length() > 8) {
			// SMS pumping walks through numbers of one prefix; limit the prefix too.
			take("prefix:" + address.substring(0, address.length() - 4), properties.confirmationsPerPrefixPerHour(),
					Duration.ofHours(1), "confirmation messages to numbers like this one", "prefix");
		}
	}

	private void take(String key, int perPeriod, Duration period, String what, String limit) {
		if (!buckets.tryConsume(key, perPeriod, period)) {
			throw new TooManyRequestsException("Too many " + what + "; try again later.", limit);
		}
	}

	/** Forgets buckets that are full again: they limit nobody, and a new one would be the same. */
	@Scheduled(fixedDelayString = "${sunshine.subscription.expiry-sweep:1h}")
	void forgetFullBuckets() {
		int removed = buckets.removeFull();
		if (removed > 0) {
			log.debug("Forgot {} full rate-limit bucket(s)", removed);
		}
	}

}
