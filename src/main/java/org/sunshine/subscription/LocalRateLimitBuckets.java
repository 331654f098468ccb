package org.sunshine.subscription;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * Buckets in this node's memory: enough for the embedded default, which is one node by nature (an H2 file
 * database belongs to one process). A bucket is forgotten only once it is full again, so no flood of new
 * keys can wipe the limits of anyone else; memory holds the keys active within one period.
 */
final class LocalRateLimitBuckets implements RateLimitBuckets {

	/** Above this many keys, full buckets are forgotten at once rather than at the next sweep. */
	private final int sweepAbove;

	private final Map<String, Limited> buckets = new ConcurrentHashMap<>();

	private final AtomicBoolean sweeping = new AtomicBoolean();

	private final TimeMeter time;

	private volatile int nextSweepAt;

	private record Limited(Bucket bucket, long capacity) {

		boolean full() {
			return bucket.getAvailableTokens() >= capacity;
		}

	}

	LocalRateLimitBuckets(int sweepAbove, Clock clock) {
		this.sweepAbove = sweepAbove;
		this.time = RateLimitBuckets.time(clock);
		this.nextSweepAt = sweepAbove;
	}

	@Override
	public boolean tryConsume(String key, int perPeriod, Duration period) {
		boolean[] consumed = new boolean[1];
		// Taking a token and forgetting a full bucket both run under the map's lock for the key, so a token
		// taken from a bucket is never lost with it.
		buckets.compute(key, (k, limited) -> {
			Limited current = limited != null ? limited : new Limited(
					Bucket.builder().addLimit(RateLimitBuckets.limit(perPeriod, period)).withCustomTimePrecision(time).build(),
					perPeriod);
			consumed[0] = current.bucket().tryConsume(1);
			return current;
		});
		if (buckets.size() > nextSweepAt) {
			removeFull();
		}
		return consumed[0];
	}

	@Override
	public int removeFull() {
		if (!sweeping.compareAndSet(false, true)) {
			return 0;
		}
		try {
			int before = buckets.size();
			for (String key : buckets.keySet()) {
				buckets.computeIfPresent(key, (k, limited) -> limited.full() ? null : limited);
			}
			// Every bucket still limits someone: keep them all, and sweep again only when the map has doubled.
			nextSweepAt = Math.max(sweepAbove, buckets.size() * 2);
			return before - buckets.size();
		}
		finally {
			sweeping.set(false);
		}
	}

	int size() {
		return buckets.size();
	}

}
