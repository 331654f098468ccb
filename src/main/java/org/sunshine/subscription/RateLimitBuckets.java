package org.sunshine.subscription;

import java.time.Clock;
import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.TimeMeter;
import org.sunshine.system.SharedBuckets;

/** Where the token buckets of the sign-up limits live: in this node's memory, or in the database for every node. */
interface RateLimitBuckets {

	/** Takes one token from the bucket of {@code key}, which holds {@code perPeriod} tokens refilled each period. */
	boolean tryConsume(String key, int perPeriod, Duration period);

	/** Forgets the buckets that are full again (they limit nobody); returns how many. */
	int removeFull();

	/** Bucket4j's time, from the injected clock (tests move it instead of waiting). */
	static TimeMeter time(Clock clock) {
		return SharedBuckets.time(clock);
	}

	/** {@code perPeriod} tokens, all given back when the period since the first was taken is over. */
	static Bandwidth limit(int perPeriod, Duration period) {
		return Bandwidth.builder().capacity(perPeriod).refillIntervally(perPeriod, period).build();
	}

}
