package org.sunshine.notification.channel.sms;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;

/** A clock that moves when a sender parks, to the end of its wait; {@link #hold()} keeps parked senders waiting. */
final class VirtualTime implements TimeMeter, BlockingStrategy {

	final AtomicLong now;

	private final boolean wallClock;

	/** Starts at zero: for buckets in memory. */
	VirtualTime() {
		this(0, false);
	}

	/**
	 * @param startNanos where the clock starts, since the epoch
	 * @param wallClock whether it passes for the wall clock: buckets kept in a database need one (they store
	 *        times that any node must read the same way)
	 */
	VirtualTime(long startNanos, boolean wallClock) {
		this.now = new AtomicLong(startNanos);
		this.wallClock = wallClock;
	}

	final Queue<Long> waits = new ConcurrentLinkedQueue<>();

	final AtomicInteger held = new AtomicInteger();

	/** How much later than asked a parked sender wakes, as on a busy machine. */
	volatile long lateBy;

	private volatile CountDownLatch gate = new CountDownLatch(0);

	void hold() {
		this.gate = new CountDownLatch(1);
	}

	void release() {
		this.gate.countDown();
	}

	/** Parked senders wake together when their times come: the clock goes to the latest of them. */
	@Override
	public void park(long nanos) throws InterruptedException {
		long until = this.now.get() + nanos + this.lateBy;
		CountDownLatch current = this.gate;
		if (current.getCount() > 0) {
			this.held.incrementAndGet();
			current.await();
		}
		this.waits.add(nanos);
		this.now.accumulateAndGet(until, Math::max);
	}

	@Override
	public long currentTimeNanos() {
		return this.now.get();
	}

	@Override
	public boolean isWallClockBased() {
		return this.wallClock;
	}

}
