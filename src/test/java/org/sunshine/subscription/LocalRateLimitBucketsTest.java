package org.sunshine.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.sunshine.MutableClock;

/**
 * The in-memory buckets of a single node: a flood of new keys must never wipe a limit that still holds (the
 * old limiter cleared every bucket once it held 100,000 keys, so anyone could reset a victim's limit).
 */
class LocalRateLimitBucketsTest {

	final MutableClock clock = new MutableClock(Instant.parse("2025-07-03T14:00:00Z"));

	final LocalRateLimitBuckets buckets = new LocalRateLimitBuckets(100, clock);

	@Test
	void aFloodOfNewKeysNeverWipesALimitThatStillHolds() {
		for (int i = 0; i < 3; i++) {
			assertThat(buckets.tryConsume("dest:EMAIL:victim", 3, Duration.ofDays(1))).isTrue();
		}
		assertThat(buckets.tryConsume("dest:EMAIL:victim", 3, Duration.ofDays(1))).isFalse();

		for (int i = 0; i < 1_000; i++) {
			buckets.tryConsume("client:10.0." + i / 256 + "." + i % 256, 20, Duration.ofHours(1));
		}

		assertThat(buckets.tryConsume("dest:EMAIL:victim", 3, Duration.ofDays(1))).isFalse();
		assertThat(buckets.size()).as("every bucket still limits someone").isEqualTo(1_001);
	}

	@Test
	void aBucketFullAgainIsForgottenAndLimitsAfresh() {
		assertThat(buckets.tryConsume("client:192.0.2.1", 1, Duration.ofHours(1))).isTrue();
		assertThat(buckets.tryConsume("client:192.0.2.1", 1, Duration.ofHours(1))).isFalse();
		assertThat(buckets.tryConsume("dest:EMAIL:someone", 3, Duration.ofDays(1))).isTrue();

		clock.advance(Duration.ofHours(1));

		assertThat(buckets.removeFull()).as("only the refilled one").isOne();
		assertThat(buckets.size()).isOne();
		assertThat(buckets.tryConsume("client:192.0.2.1", 1, Duration.ofHours(1))).isTrue();
		assertThat(buckets.tryConsume("client:192.0.2.1", 1, Duration.ofHours(1))).isFalse();
	}

}
