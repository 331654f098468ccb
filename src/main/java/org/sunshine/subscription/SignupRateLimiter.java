package org.sunshine.subscription;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;
import org.sunshine.system.TooManyRequestsException;

/**
 * Limits sign-ups per client address and confirmation sends per destination (Bucket4j token buckets),
 * so nobody can use Sunshine to flood an inbox or pump SMS to premium numbers.
 */
@Component
class SignupRateLimiter {

	/** Keeps memory bounded under an attack from many addresses; losing old buckets only forgives. */
	private static final int MAX_KEYS = 100_000;

	private final SubscriptionProperties properties;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	SignupRateLimiter(SubscriptionProperties properties) {
		this.properties = properties;
	}

	void checkClient(String clientAddress) {
		take("client:" + clientAddress, properties.signupsPerClientPerHour(), Duration.ofHours(1), "sign-ups from this address");
	}

	void checkDestination(Channel channel, String address) {
		take("dest:" + channel + ":" + address, properties.confirmationsPerDestinationPerDay(), Duration.ofDays(1),
				"confirmation messages to this " + (channel == Channel.SMS ? "number" : "address"));
		if (channel == Channel.SMS && address.length() > 8) {
			// SMS pumping walks through numbers of one prefix; limit the prefix too.
			take("prefix:" + address.substring(0, address.length() - 4), properties.confirmationsPerPrefixPerHour(),
					Duration.ofHours(1), "confirmation messages to numbers like this one");
		}
	}

	private void take(String key, int perPeriod, Duration period, String what) {
		if (buckets.size() > MAX_KEYS) {
			buckets.clear();
		}
		Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(perPeriod).refillIntervally(perPeriod, period).build())
			.build());
		if (!bucket.tryConsume(1)) {
			throw new TooManyRequestsException("Too many " + what + "; try again later.");
		}
	}

}
