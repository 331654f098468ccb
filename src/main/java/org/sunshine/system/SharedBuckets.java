package org.sunshine.system;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

/**
 * Token buckets that hold however many nodes share the database: on PostgreSQL each bucket is a row of
 * {@code rate_limit_bucket}, which Bucket4j locks while a token is taken (a pace for a Twilio number is one
 * pace for the whole cluster, not one per node); on the embedded H2, which one node uses alone, they live in
 * memory. A row's id is a hash of the bucket's key, and a row is deleted once its bucket is full again.
 */
public final class SharedBuckets {

	private static final int DELETE_BATCH = 1_000;

	private final PostgreSQLSelectForUpdateBasedProxyManager<Long> rows;

	private final Map<String, Bucket> local = new ConcurrentHashMap<>();

	private final TimeMeter time;

	private SharedBuckets(PostgreSQLSelectForUpdateBasedProxyManager<Long> rows, TimeMeter time) {
		this.rows = rows;
		this.time = time;
	}

	/** Buckets in the database's {@code rate_limit_bucket} on PostgreSQL, in memory on H2. */
	public static SharedBuckets of(DataSource dataSource, Clock clock) {
		return Databases.isPostgres(dataSource) ? inPostgres(dataSource, time(clock)) : inMemory(time(clock));
	}

	/** @param time the buckets' clock; every node's clock must agree (NTP) for a shared pace to be exact */
	public static SharedBuckets inPostgres(DataSource dataSource, TimeMeter time) {
		return new SharedBuckets(Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.table("rate_limit_bucket")
			.idColumn("id")
			.stateColumn("state")
			.expiresAtColumn("expires_at")
			.clientClock(time)
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
			.build(), time);
	}

	public static SharedBuckets inMemory(TimeMeter time) {
		return new SharedBuckets(null, time);
	}

	/** The buckets' clock: a wait a bucket asks for counts from this clock's reading when the bucket was asked. */
	public TimeMeter time() {
		return this.time;
	}

	/** The bucket of this key, created with the configuration the first time any node asks for it. */
	public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
		if (this.rows == null) {
			return this.local.computeIfAbsent(key, k -> {
				var builder = Bucket.builder().withCustomTimePrecision(this.time);
				for (var limit : configuration.get().getBandwidths()) {
					builder.addLimit(limit);
				}
				return builder.build();
			});
		}
		return this.rows.getProxy(id(key), configuration);
	}

	/**
	 * Deletes the rows of buckets that are full again (they say nothing a missing row would not); in memory,
	 * nothing. Returns how many went.
	 */
	public int removeFull() {
		if (this.rows == null) {
			return 0;
		}
		int removed = 0;
		int batch;
		do {
			batch = this.rows.removeExpired(DELETE_BATCH);
			removed += batch;
		}
		while (batch == DELETE_BATCH);
		return removed;
	}

	/** The first 64 bits of the key's SHA-256: collisions are negligible, and the key is not kept. */
	static long id(String key) {
		try {
			return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)))
				.getLong();
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Bucket4j's time, read from a clock (an injected one moves when a test moves it). */
	public static TimeMeter time(Clock clock) {
		return new TimeMeter() {
			@Override
			public long currentTimeNanos() {
				Instant now = clock.instant();
				return now.getEpochSecond() * 1_000_000_000L + now.getNano();
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}
		};
	}

}
