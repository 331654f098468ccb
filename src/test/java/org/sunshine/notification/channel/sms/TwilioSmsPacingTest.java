package org.sunshine.notification.channel.sms;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
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
 * Pacing without waiting: Bucket4j's clock is virtual and moves only when a sender parks, by the wait the
 * bucket asked for; a test may also hold parked senders, or move the clock itself as a pause would.
 */
class TwilioSmsPacingTest {

	@RegisterExtension
	static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final OutgoingSms sms = new OutgoingSms("alert:42:sub:7", "+13055551234", "City Commission, Tue 5 PM");

	private final VirtualTime time = new VirtualTime();

	/**
	 * At the write every two texts are an interval and one percent apart (the node's own pace keeps that margin, so
	 * that a request held up a few milliseconds on its way cannot make eleven arrive in one second).
	 */
	@Test
	void oneSenderLeavesAnIntervalAndOnePercentBetweenTexts() {
		twilio.stubFor(post(MESSAGES).willReturn(created()));
		TwilioSmsSender sender = sender(50);

		for (int i = 0; i < 10; i++) {
			assertThat(sender.send(this.sms)).isInstanceOf(SendResult.Accepted.class);
		}

		long spacing = Duration.ofMillis(20).toNanos() * 101 / 100;
		assertThat(time.now.get()).as("the first at once, every other one 20.2 ms after the one before")
			.isEqualTo(9 * spacing);
	}

	/**
	 * A sender that wakes 3 ms late (a busy machine) moves the next turn by as much: every two texts stay at least
	 * an interval apart, so no second sees more than the rate leave. Kept on a schedule of its own instead (refilled
	 * at whole intervals), the pace let the turn after a late one follow 97 ms after it, and eleven texts fitted in
	 * a second.
	 */
	@Test
	void aSenderThatWakesLateNeverBringsTwoTextsCloserThanAnInterval() {
		twilio.stubFor(post(MESSAGES).willReturn(created()));
		TwilioSmsSender sender = sender(10);
		long late = Duration.ofMillis(3).toNanos();
		time.lateBy = late;

		for (int i = 0; i < 11; i++) {
			assertThat(sender.send(this.sms)).isInstanceOf(SendResult.Accepted.class);
		}

		assertThat(time.now.get()).as("ten intervals and ten wakes' lateness")
			.isEqualTo(10 * (Duration.ofMillis(100).toNanos() + late));
	}

	/**
	 * The turn is taken once the SDK has built the request and HttpClient has leased and opened its connection, right
	 * before it is written, and only for the texts themselves: the work before it (the first time, loading the SDK's
	 * classes) cannot bunch up texts the pace spaced. The turn hears when the request is written, once.
	 */
	@Test
	void theTurnIsTakenOnceRightBeforeTheRequestIsWritten() {
		twilio.stubFor(post(MESSAGES).willReturn(created()));
		BaseUrlHttpClient client = new BaseUrlHttpClient(URI.create(twilio.baseUrl()));
		List<String> atTurn = new ArrayList<>();
		Request first = new Request(HttpMethod.POST, twilio.baseUrl() + MESSAGES);
		Request second = new Request(HttpMethod.POST, twilio.baseUrl() + MESSAGES);

		BaseUrlHttpClient.Turn turn = new BaseUrlHttpClient.Turn() {
			@Override
			public void await() {
				atTurn.add("turn: " + requests() + " requests at Twilio, " + client.connectionsInUse() + " connection in use");
			}

			@Override
			public void written() {
				atTurn.add("written: " + requests() + " requests at Twilio");
			}
		};

		int status = client.paced(turn,
				() -> client.makeRequest(first).getStatusCode() + client.makeRequest(second).getStatusCode());

		assertThat(status).isEqualTo(402);
		assertThat(atTurn).as("one turn, taken on the request's open connection before the request reached Twilio")
			.containsExactly("turn: 0 requests at Twilio, 1 connection in use", "written: 0 requests at Twilio");
		client.makeRequest(first);
		assertThat(atTurn).as("a request outside paced() waits for no turn").hasSize(2);
		assertThat(requests()).isEqualTo(3);
	}

	@Test
	void concurrentSendersTogetherNeverExceedTheConfiguredRate() throws Exception {
		twilio.stubFor(post(MESSAGES).willReturn(created()));
		TwilioSmsSender sender = sender(50);

		List<SendResult> results = sendInParallel(sender, 100, 8);

		assertThat(results).allMatch(SendResult.Accepted.class::isInstance);
		assertThat(requests()).isEqualTo(100);
		assertThat(time.now.get()).as("100 texts at 50 a second take at least 99 slots")
			.isGreaterThanOrEqualTo(99 * Duration.ofMillis(20).toNanos());
	}

	@Test
	void sendersWaitingThroughAPauseLeaveOneIntervalApartNotTogether() throws Exception {
		twilio.stubFor(post(MESSAGES).willReturn(created()));
		TwilioSmsSender sender = sender(10);
		assertThat(sender.send(this.sms)).isInstanceOf(SendResult.Accepted.class);
		time.hold();
		List<Thread> started = new CopyOnWriteArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(3, recorded(started));
		try {
			List<Future<SendResult>> results = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				results.add(threads.submit(() -> sender.send(this.sms)));
			}
			// One waits for its turn; the two others wait to ask for theirs.
			await().until(() -> time.held.get() == 1 && allWaiting(started, 3));

			// The JVM stops for half a second while the three wait for their turns.
			long interval = Duration.ofMillis(100).toNanos();
			time.now.addAndGet(5 * interval);
			time.release();
			for (Future<SendResult> result : results) {
				assertThat(result.get()).isInstanceOf(SendResult.Accepted.class);
			}

			assertThat(requests()).isEqualTo(4);
			assertThat(time.now.get() - 5 * interval).as("after the pause one goes, the next two each wait a turn")
				.isGreaterThanOrEqualTo(2 * interval);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aSenderWaitsForItsSlotBeforeTalkingToTwilio() throws Exception {
		twilio.stubFor(post(MESSAGES).willReturn(created()));
		TwilioSmsSender sender = sender(1);
		time.hold();
		List<Thread> started = new CopyOnWriteArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(3, recorded(started));
		try {
			List<Future<SendResult>> results = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				results.add(threads.submit(() -> sender.send(this.sms)));
			}

			// The first has sent; of the two others one waits for its turn, one to ask for its own.
			await().until(() -> time.held.get() == 1 && requests() == 1 && allWaiting(started, 3));
			assertThat(requests()).as("while two wait for their slot").isEqualTo(1);

			time.release();
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
		TwilioSmsSender sender = sender(1);
		assertThat(sender.send(this.sms)).isInstanceOf(SendResult.Accepted.class);
		time.hold();
		ExecutorService thread = Executors.newSingleThreadExecutor();
		Future<SendResult> second = thread.submit(() -> sender.send(this.sms));
		await().until(() -> time.held.get() == 1);

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
		assertThat(TwilioSmsSender.withMargin(TwilioSmsSender.interval(10))).isEqualTo(Duration.ofMillis(101));
	}

	private TwilioSmsSender sender(double messagesPerSecond) {
		ChannelProperties.Twilio settings = new ChannelProperties.Twilio(TwilioSmsSenderTest.SID,
				TwilioSmsSenderTest.TOKEN, TwilioSmsSenderTest.FROM, null, URI.create(twilio.baseUrl()),
				messagesPerSecond);
		return new TwilioSmsSender(settings, URI.create("https://sunshine.example.org"), time, time);
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

	private static ThreadFactory recorded(List<Thread> started) {
		return task -> {
			Thread thread = new Thread(task);
			started.add(thread);
			return thread;
		};
	}

	/** Every thread is parked: on the held clock, on the pace's queue of askers, or idle with its work done. */
	private static boolean allWaiting(List<Thread> threads, int count) {
		return threads.size() == count && threads.stream().allMatch(thread -> thread.getState() == Thread.State.WAITING);
	}

	private static int requests() {
		return twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES))).size();
	}

}
