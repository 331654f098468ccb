package org.sunshine.notification.channel.sms;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The node's pace on a virtual clock: it moves when a sender parks, or when the test moves it as a pause would. */
class NodePaceTest {

	private static final long INTERVAL = Duration.ofMillis(100).toNanos();

	private final VirtualTime time = new VirtualTime();

	private final NodePace pace = new NodePace(Duration.ofNanos(INTERVAL), this.time, this.time);

	@Test
	void aRequestWrittenOnTimeLeavesTheNextTurnAnIntervalAfterItsOwn() throws InterruptedException {
		long first = this.pace.await();
		this.time.now.addAndGet(Duration.ofMillis(1).toNanos());
		this.pace.written(first);

		assertThat(this.pace.await() - first).isEqualTo(INTERVAL);
	}

	/**
	 * A sender stopped for 15 ms between its turn and its write (a collection): the next turn moves by the 13 ms the
	 * write was late, so the two writes stay an interval apart but for the 2 ms any write may take. Counted from the
	 * turns, the next came 85 ms after the late write, and with the ten after it on time, eleven fitted in a second.
	 */
	@Test
	void aRequestWrittenLateMovesTheNextTurnByAsMuch() throws InterruptedException {
		long first = this.pace.await();
		this.time.now.addAndGet(Duration.ofMillis(15).toNanos());
		long writtenAt = this.time.currentTimeNanos();
		this.pace.written(first);

		long next = this.pace.await();

		assertThat(next - first).isEqualTo(INTERVAL + Duration.ofMillis(13).toNanos());
		assertThat(next - writtenAt).isEqualTo(INTERVAL - NodePace.ON_TIME.toNanos());
		this.pace.written(next);
		assertThat(this.pace.await() - next).as("the turn after is an interval after its own again").isEqualTo(INTERVAL);
	}

}
