package org.sunshine.subscription;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import io.github.bucket4j.BucketConfiguration;
import org.sunshine.system.SharedBuckets;

/**
 * Sign-up limits in PostgreSQL ({@code rate_limit_bucket}, through {@link SharedBuckets}), so that a limit holds
 * however many nodes the requests are spread over. A row's id is a hash of its key, so no address or number is
 * stored there; a row is deleted once its bucket is full again.
 */
final class PostgresRateLimitBuckets implements RateLimitBuckets {

	private final SharedBuckets buckets;

	PostgresRateLimitBuckets(DataSource dataSource, Clock clock) {
		this.buckets = SharedBuckets.of(dataSource, clock);
	}

	@Override
	public boolean tryConsume(String key, int perPeriod, Duration period) {
		return buckets.bucket(key,
				() -> BucketConfiguration.builder().addLimit(RateLimitBuckets.limit(perPeriod, period)).build())
			.tryConsume(1);
	}

	@Override
	public int removeFull() {
		return buckets.removeFull();
	}

}
