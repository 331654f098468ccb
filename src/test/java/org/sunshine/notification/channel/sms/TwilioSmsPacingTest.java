package org.sunshine.notification.channel.sms;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.sunshine.notification.channel.ChannelProperties;
import org.sunshine.notification.channel.OutgoingSms;
import org.sunshine.notification.channel.SendResult;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sunshine.notification.channel.sms.TwilioSmsSenderTest.MESSAGES;
import static org.sunshine.notification.channel.sms.TwilioSmsSenderTest.created;

/**
 * Pacing without waiting: Bucket4j's clock stands still, so every caller reserves its slot from the same
 * instant, and the wait the bucket asks for is the slot's time. The blocking strategy records that wait, or
 * holds the caller until the test lets it go.
 */
class TwilioSmsPacingTest {

	@RegisterExtension
	static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final TimeMeter STANDING_STILL = new TimeMeter() {

		@Override
		public long currentTimeNanos() {
			return 0;
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	};

	private final OutgoingSms sms = new OutgoingSms("alert:42:sub:7", "+13055551234", "City Commission, Tue 5 PM");

	@Test
	void concurrentSendersGetSlotsAtTheConfiguredRateAndNeverMore() throws Exception {
		twilio.stubFor(post(MESSAGES).willReturn(created()));
		Queue<Long> waits = new ConcurrentLinkedQueue<>();
		TwilioSmsSender sender = sender(50, waits::add);

		List<SendResult> results = sendInParallel(sender, 100, 8);

		assertThat(results).allMatch(SendResult.Accepted.class::isInstance);
		assertThat(twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).hasSize(100);
		// When each request was let through: the first at once, every other after the wait it was given.
		List<Long> releases = new ArrayList<>(waits);
		releases.add(0L);
		Collections.sort(releases);
		long slot = Duration.ofMillis(20).toNanos();
		assertThat(releases).containsExactlyElementsOf(LongStream.range(0, 100).map(i -> i * slot).boxed().toList());
		assertThat(mostInAnySecond(releases)).isEqualTo(50);
	}

	@Test
	void aSenderWaitsForItsSlotBeforeTalkingToTwilio() throws Exception {
		twilio.stubFor(post(MESSAGES).willReturn(created()));
		CountDownLatch slotComes = new CountDownLatch(1);
		AtomicInteger waiting = new AtomicInteger();
		TwilioSmsSender sender = sender(1, nanos -> {
			waiting.incrementAndGet();
			slotComes.await();
		});
		ExecutorService threads = Executors.newFixedThreadPool(3);
		try {
			List<Future<SendResult>> results = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				results.add(threads.submit(() -> sender.send(this.sms)));
			}

			await().until(() -> waiting.get() == 2 && requests() == 1);
			assertThat(requests()).as("while two wait for their slot").isEqualTo(1);

			slotComes.countDown();
			for (Future<SendResult> result : results) {
				assertThat(result.get()).isInstanceOf(SendResult.Accepted.class);
			}
			assertThat(requests()).isEqualTo(3);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aSenderInterruptedWhileWaitingSendsNothing() throws Exception {
		twilio.stubFor(post(MESSAGES).willReturn(created()));
		AtomicInteger waiting = new AtomicInteger();
		TwilioSmsSender sender = sender(1, nanos -> {
			waiting.incrementAndGet();
			new CountDownLatch(1).await();
		});
		assertThat(sender.send(this.sms)).isInstanceOf(SendResult.Accepted.class);
		ExecutorService thread = Executors.newSingleThreadExecutor();
		Future<SendResult> second = thread.submit(() -> sender.send(this.sms));
		await().until(() -> waiting.get() == 1);

		thread.shutdownNow();

		assertThat(second.get()).isInstanceOfSatisfying(SendResult.RetryLater.class,
				retry -> assertThat(retry.reason()).contains("interrupted"));
		assertThat(requests()).isEqualTo(1);
	}

	@Test
	void theIntervalIsRoundedUpSoThePaceNeverExceedsTheRate() {
		assertThat(TwilioSmsSender.interval(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(TwilioSmsSender.interval(3)).isEqualTo(Duration.ofNanos(333_333_334));
		assertThat(TwilioSmsSender.interval(100)).isEqualTo(Duration.ofMillis(10));
		assertThat(TwilioSmsSender.interval(0.5)).isEqualTo(Duration.ofSeconds(2));
	}

	private static TwilioSmsSender sender(double messagesPerSecond, BlockingStrategy waiting) {
		ChannelProperties.Twilio settings = new ChannelProperties.Twilio(TwilioSmsSenderTest.SID,
				TwilioSmsSenderTest.TOKEN, TwilioSmsSenderTest.FROM, null, URI.create(twilio.baseUrl()),
				messagesPerSecond);
		return new TwilioSmsSender(settings, URI.create("https://sunshine.example.org"), STANDING_STILL, waiting);
	}

	private List<SendResult> sendInParallel(TwilioSmsSender sender, int count, int threads) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Callable<SendResult>> sends = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				sends.add(() -> sender.send(this.sms));
			}
			List<SendResult> results = new ArrayList<>();
			for (Future<SendResult> result : pool.invokeAll(sends)) {
				results.add(result.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** The most releases within any one-second window starting at a release. */
	private static long mostInAnySecond(List<Long> sortedReleases) {
		long second = Duration.ofSeconds(1).toNanos();
		return sortedReleases.stream()
			.mapToLong(start -> sortedReleases.stream().filter(t -> t >= start && t < start + second).count())
			.max()
			.orElse(0);
	}

	private static int requests() {
		return twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES))).size();
	}

}
