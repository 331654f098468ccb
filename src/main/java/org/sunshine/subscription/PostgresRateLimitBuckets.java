package org.sunshine.subscription;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

/**
 * Buckets in PostgreSQL ({@code rate_limit_bucket}, from Flyway), so that a limit holds however many nodes
 * the requests are spread over. Bucket4j locks a bucket's row while it takes a token, in a connection and a
 * transaction of its own. A row's id is a hash of its key, so no address or number is stored here; a row
 * is deleted once its bucket is full again.
 */
final class PostgresRateLimitBuckets implements RateLimitBuckets {

	private static final int DELETE_BATCH = 1_000;

	private final PostgreSQLSelectForUpdateBasedProxyManager<Long> buckets;

	PostgresRateLimitBuckets(DataSource dataSource, Clock clock) {
		this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.table("rate_limit_bucket")
			.idColumn("id")
			.stateColumn("state")
			.expiresAtColumn("expires_at")
			.clientClock(RateLimitBuckets.time(clock))
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
			.build();
	}

	@Override
	public boolean tryConsume(String key, int perPeriod, Duration period) {
		return buckets.getProxy(id(key), () -> BucketConfiguration.builder().addLimit(RateLimitBuckets.limit(perPeriod, period)).build()).tryConsume(1);
	}

	@Override
	public int removeFull() {
		int removed = 0;
		int batch;
		do {
			batch = buckets.removeExpired(DELETE_BATCH);
			removed += batch;
		}
		while (batch == DELETE_BATCH);
		return removed;
	}

	/** The first 64 bits of the key's SHA-256: collisions are negligible, and the key is not kept. */
	static long id(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(digest).getLong();
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
