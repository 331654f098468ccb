package org.sunshine.notification.channel.sms;

import java.time.Duration;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * A sender's pace kept in this node's memory and counted at the write: every two requests are written at least
 * an interval apart. A request written later than {@link #ON_TIME} after its turn (a collection or a busy machine
 * stopped the sender between the two) moves the next turn by as much as it was late. Counted from the turns
 * alone, one text held up between its turn and its write while the ten after it were on time put eleven texts
 * into one second on the wire (1 in a benchmark run of 600).
 * <p>
 * Its tokens are nanoseconds: a turn takes an interval's worth, a late write its lateness on top, and Bucket4j
 * refills both evenly.
 */
final class NodePace {

	/** Written this soon after its turn, a request is on time: in the benchmark 0.8 ms at the median, 2.0 ms at p99. */
	static final Duration ON_TIME = Duration.ofMillis(2);

	private final Bucket bucket;

	private final long interval;

	private final TimeMeter time;

	private final BlockingStrategy waiting;

	NodePace(Duration interval, TimeMeter time, BlockingStrategy waiting) {
		this.interval = interval.toNanos();
		this.bucket = Bucket.builder()
			.withCustomTimePrecision(time)
			.addLimit(limit -> limit.capacity(this.interval).refillGreedy(this.interval, interval))
			.build();
		this.time = time;
		this.waiting = waiting;
	}

	/** Waits for this node's next turn and says when it was taken. */
	long await() throws InterruptedException {
		waitFor(this.bucket, this.interval, this.time, this.waiting);
		return this.time.currentTimeNanos();
	}

	/** The request of the turn taken at {@code takenAt} is being written now. */
	void written(long takenAt) {
		long late = this.time.currentTimeNanos() - takenAt - ON_TIME.toNanos();
		if (late > 0) {
			this.bucket.consumeIgnoringRateLimits(late);
		}
	}

	/**
	 * Takes the tokens from the bucket, waiting without reserving them ahead: a sender that wakes late (a pause of
	 * the JVM, a busy machine) takes them then, and the next turn comes a whole interval later. Reserved turns
	 * would all come due during such a pause and leave together, above the carrier's rate. The shared pace is
	 * taken this way too.
	 */
	static void waitFor(Bucket bucket, long tokens, TimeMeter time, BlockingStrategy waiting)
			throws InterruptedException {
		while (true) {
			long asked = time.currentTimeNanos();
			ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(tokens);
			if (probe.isConsumed()) {
				return;
			}
			// The wait counts from when the bucket was asked: a bucket in the database answers a millisecond or more
			// later, and waiting the whole wait from the answer made every turn that much late (10/s came out at
			// 9.90/s in the benchmark).
			long elapsed = time.currentTimeNanos() - asked;
			waiting.park(Math.max(probe.getNanosToWaitForRefill() - elapsed, 1));
		}
	}

}
