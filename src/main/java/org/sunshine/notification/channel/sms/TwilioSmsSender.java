package org.sunshine.notification.channel.sms;

import java.io.IOException;
import java.net.URI;
import java.util.function.Supplier;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import com.twilio.base.Page;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.InvalidRequestException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.rest.api.v2010.account.MessageReader;
import com.twilio.type.PhoneNumber;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.StringUtils;
import org.sunshine.notification.channel.ChannelProperties;
import org.sunshine.notification.channel.OutgoingSms;
import org.sunshine.notification.channel.SendResult;
import org.sunshine.notification.channel.SmsSender;
import org.sunshine.system.SharedBuckets;

/**
 * Sends SMS through the Twilio Messages API, with its own client (no global {@code Twilio.init}), paced to
 * the sender's rate: Twilio queues what a number cannot send at once, and a queue hours long delivers an
 * alert too late.
 */
public class TwilioSmsSender implements SmsSender {

	private static final Logger log = LoggerFactory.getLogger(TwilioSmsSender.class);

	/** Opted out, invalid number, not a mobile, no permission for the region, unreachable carrier. */
	private static final Set<Integer> PERMANENT = Set.of(21610, 21211, 21614, 21408, 21612);

	private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ().-]{6,}\\d");

	/** Messages per page when looking for an interrupted send, and pages read before giving up. */
	private static final long PAGE_SIZE = 100;

	private static final int MAX_PAGES = 5;

	private final ChannelProperties.Twilio settings;

	private final Supplier<String> publicUrl;

	private final BaseUrlHttpClient httpClient;

	private final TwilioRestClient client;

	private final Bucket pace;

	/**
	 * The same pace kept in this node's memory, taken after the shared one, right before the request is written,
	 * and counted from the write. A bucket in PostgreSQL marks its taking inside its transaction, and what follows
	 * (its commit, a few milliseconds that vary with the disk) lay between that mark and the request: texts spaced
	 * an interval apart at the mark reached Twilio 93 to 105 ms apart. Taken here, in microseconds, the spacing
	 * holds at the write; the shared pace still holds it across the nodes that send from the same number.
	 */
	private final NodePace paceHere;

	private final BlockingStrategy waiting;

	private final TimeMeter time;

	// This node's senders ask the pace one at a time, in the order they came. All asking at once, they queued on
	// the bucket's row lock in the database: 4.4 database calls per text in the benchmark, and the answer to the
	// one whose turn it was came late by however long the others held the lock.
	private final ReentrantLock asking = new ReentrantLock(true);

	public TwilioSmsSender(ChannelProperties.Twilio settings, URI publicUrl) {
		this(settings, () -> publicUrl.toString(), SharedBuckets.inMemory(TimeMeter.SYSTEM_NANOTIME),
				BlockingStrategy.PARKING);
	}

	/**
	 * @param publicUrl the base status callbacks go to, asked at each send: it is known once the server runs
	 * @param buckets where the sender's pace is kept: in the database when several nodes send from one number
	 */
	public TwilioSmsSender(ChannelProperties.Twilio settings, Supplier<String> publicUrl, SharedBuckets buckets) {
		this(settings, publicUrl, buckets, BlockingStrategy.PARKING);
	}

	/**
	 * @param time the pacing's time source; tests pass their own instead of waiting
	 * @param waiting how a sender waits for its turn: parking the thread, or what a test records
	 */
	TwilioSmsSender(ChannelProperties.Twilio settings, URI publicUrl, TimeMeter time, BlockingStrategy waiting) {
		this(settings, () -> publicUrl.toString(), SharedBuckets.inMemory(time), waiting);
	}

	TwilioSmsSender(ChannelProperties.Twilio settings, Supplier<String> publicUrl, SharedBuckets buckets,
			BlockingStrategy waiting) {
		this.settings = settings;
		this.publicUrl = publicUrl;
		this.httpClient = new BaseUrlHttpClient(settings.apiBaseUrl());
		this.client = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
			.httpClient(this.httpClient)
			.build();
		// One bucket per number or messaging service, shared by every node that sends from it. A capacity of
		// one, refilled evenly from each taking, keeps every two texts at least 1/rate apart: no second ever sees
		// more than the rate leave, and after a pause one goes at once, the next a whole interval later. The price
		// is a wake's lateness, which moves the next turn by as much; waits counted from when the bucket was asked
		// keep it near 1 % of the rate. Refilled at whole intervals instead (a schedule of its own), a late turn
		// was followed by the next sooner than an interval: rate + 2 in one second. The node's own pace (paceHere)
		// then holds the spacing at the write.
		this.pace = buckets.bucket(paceKey(settings), () -> BucketConfiguration.builder()
			.addLimit(limit -> limit.capacity(1).refillGreedy(1, interval(settings.messagesPerSecond())))
			.build());
		this.paceHere = new NodePace(withMargin(interval(settings.messagesPerSecond())), buckets.time(), waiting);
		this.waiting = waiting;
		this.time = buckets.time();
	}

	/** The pace's key: the account and the number or messaging service the texts leave from. */
	static String paceKey(ChannelProperties.Twilio settings) {
		String sender = StringUtils.hasText(settings.messagingServiceSid()) ? settings.messagingServiceSid()
				: settings.from();
		return "twilio-pace:" + settings.accountSid() + ":" + sender;
	}

	/**
	 * Waits for the sender's turn under the shared pace, then under this node's, and says when it was taken. A node's
	 * senders ask one at a time.
	 */
	private long awaitTurn() throws InterruptedException {
		this.asking.lockInterruptibly();
		try {
			NodePace.waitFor(this.pace, 1, this.time, this.waiting);
			return this.paceHere.await();
		}
		finally {
			this.asking.unlock();
		}
	}

	/** One text's turn: awaited under both paces; this node's hears when the text's request is written. */
	private final class TextTurn implements BaseUrlHttpClient.Turn {

		private long takenAt;

		@Override
		public void await() throws InterruptedException {
			this.takenAt = awaitTurn();
		}

		@Override
		public void written() {
			TwilioSmsSender.this.paceHere.written(this.takenAt);
		}

	}

	private URI statusCallback() {
		return URI.create(this.publicUrl.get().replaceFirst("/+$", "") + "/webhooks/twilio/status");
	}

	/**
	 * The interval and one percent: what happens to a request after it is written (the loopback or the network, a
	 * pause of either side) moves its arrival by milliseconds, and at exactly the rate ten gaps moved so brought
	 * eleven texts into one second at the benchmark's stand-in (999 ms); with half a percent one arrival held up
	 * 8 ms still did. One percent of ten intervals is 10 ms at any rate.
	 */
	static Duration withMargin(Duration interval) {
		return interval.plus(interval.dividedBy(100));
	}

	/** Rounded up, so the pace never exceeds the configured rate. */
	static Duration interval(double messagesPerSecond) {
		return Duration.ofNanos((long) Math.ceil(1_000_000_000d / messagesPerSecond));
	}

	@Override
	public String describe() {
		return "Twilio (account " + this.settings.maskedAccountSid() + ", via " + this.settings.apiBaseUrl() + ")";
	}

	@Override
	public SendResult send(OutgoingSms sms) {
		this.httpClient.forgetLastResponse();
		SendResult result;
		try {
			MessageCreator creator = creator(sms).setStatusCallback(statusCallback());
			Message message = this.httpClient.paced(new TextTurn(), () -> creator.create(this.client));
			result = new SendResult.Accepted(message.getSid());
		}
		catch (BaseUrlHttpClient.TurnInterrupted ex) {
			Thread.currentThread().interrupt();
			return new SendResult.RetryLater("interrupted while waiting for the sender's rate", null);
		}
		catch (ApiConnectionException ex) {
			result = new SendResult.RetryLater("Twilio unreachable: " + redact(ex.getMessage()), null);
		}
		catch (ApiException ex) {
			result = classify(ex, this.httpClient.lastResponse());
		}
		catch (InvalidRequestException ex) {
			// The SDK refused to build the request: this message's parameters will not improve.
			result = new SendResult.Rejected("invalid-request", redact(ex.getMessage()));
		}
		catch (TwilioException ex) {
			result = new SendResult.RetryLater("Twilio client failed: " + redact(ex.getMessage()), null);
		}
		if (!(result instanceof SendResult.Accepted)) {
			log.warn("SMS {} not sent: {}", sms.messageKey(), result);
		}
		return result;
	}

	/**
	 * Lists the messages to the recipient from our sender and looks for this body created in the window.
	 * Not filtered by DateSent: a message Twilio accepted but still queues has no date_sent yet, and is the
	 * very one an interrupted send may have left behind. Newest first, at most {@value #MAX_PAGES} pages.
	 */
	@Override
	public Optional<Boolean> wasAccepted(OutgoingSms sms, Instant from, Instant to) {
		MessageReader reader = Message.reader().setTo(new PhoneNumber(sms.to())).setPageSize(PAGE_SIZE);
		if (!usesMessagingService()) {
			reader.setFrom(new PhoneNumber(this.settings.from()));
		}
		// Twilio's dates have whole seconds.
		Instant since = from.truncatedTo(ChronoUnit.SECONDS);
		try {
			Page<Message> page = reader.firstPage(this.client);
			for (int pages = 1;; pages++) {
				for (Message message : page.getRecords()) {
					if (isOurs(message) && sms.body().equals(message.getBody())
							&& within(message.getDateCreated(), since, to)) {
						return Optional.of(true);
					}
				}
				if (!page.hasNextPage()) {
					return Optional.of(false);
				}
				if (pages == MAX_PAGES) {
					log.warn("SMS {}: more than {} messages to the recipient; cannot tell whether Twilio has it",
							sms.messageKey(), PAGE_SIZE * MAX_PAGES);
					return Optional.empty();
				}
				page = reader.nextPage(page, this.client);
			}
		}
		catch (TwilioException ex) {
			log.warn("SMS {}: cannot ask Twilio whether it has it: {}", sms.messageKey(), redact(ex.getMessage()));
			return Optional.empty();
		}
	}

	private boolean isOurs(Message message) {
		return !usesMessagingService()
				|| Objects.equals(this.settings.messagingServiceSid(), message.getMessagingServiceSid());
	}

	private static boolean within(ZonedDateTime created, Instant from, Instant to) {
		return created != null && !created.toInstant().isBefore(from) && !created.toInstant().isAfter(to);
	}

	private boolean usesMessagingService() {
		return StringUtils.hasText(this.settings.messagingServiceSid());
	}

	private MessageCreator creator(OutgoingSms sms) {
		PhoneNumber to = new PhoneNumber(sms.to());
		// A messaging service picks the sender itself (number pool, sticky sender), so it wins over "from".
		if (usesMessagingService()) {
			return Message.creator(to, this.settings.messagingServiceSid(), sms.body());
		}
		return Message.creator(to, new PhoneNumber(this.settings.from()), sms.body());
	}

	/**
	 * Known recipient errors are permanent. Everything about load, Twilio's health or our credentials may
	 * change without touching the message, so it waits: 429/20429, 5xx, network errors, and 401/20003,
	 * which an admin must fix. Any other 4xx is a problem with this message and is rejected.
	 */
	static SendResult classify(ApiException ex, BaseUrlHttpClient.LastResponse last) {
		Integer code = ex.getCode();
		// The status in the exception comes from the error body; the HTTP status is the fallback.
		Integer status = ex.getStatusCode() != null ? ex.getStatusCode() : (last == null ? null : last.status());
		Duration retryAfter = last == null ? null : last.retryAfter();
		String reason = redact(ex.getMessage());
		if (code != null && PERMANENT.contains(code)) {
			return new SendResult.Rejected(String.valueOf(code), reason);
		}
		if (isCode(code, 20003) || isCode(status, 401)) {
			return new SendResult.RetryLater("Twilio refused the credentials (20003); fix sunshine.sms.twilio.*",
					null);
		}
		if (isCode(code, 20429) || isCode(status, 429)) {
			return new SendResult.RetryLater("Twilio rate limit: " + reason, retryAfter);
		}
		if (status == null || status >= 500 || ex.getCause() instanceof IOException) {
			// No status means no answer at all: the SDK wraps connect and read failures in ApiException.
			return new SendResult.RetryLater("Twilio failed: " + reason, retryAfter);
		}
		return new SendResult.Rejected(code == null ? String.valueOf(status) : String.valueOf(code), reason);
	}

	private static boolean isCode(Integer value, int expected) {
		return value != null && value == expected;
	}

	/** Twilio's messages quote the numbers ("The 'To' number +1305… is not valid"); keep them out of logs. */
	static String redact(String text) {
		return text == null ? null : PHONE.matcher(text).replaceAll("<number>");
	}

}
