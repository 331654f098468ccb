package org.sunshine.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.sunshine.system.InvalidFieldException;

/**
 * The subscription module's API: sign up with double opt-in, act through link tokens (confirm, manage,
 * export, delete, unsubscribe), SMS keywords, and who follows what for the other modules. Consent is
 * recorded for every contact point: when, how and from where.
 */
@Service
public class Subscriptions implements ActiveInterests {

	private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

	private final SubscriptionValidator validator;

	private final SubscriberRepository repository;

	private final AccessTokens tokens;

	private final SignupRateLimiter limiter;

	private final SubscriptionProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Subscriptions(SubscriptionValidator validator, SubscriberRepository repository, AccessTokens tokens,
			SignupRateLimiter limiter, SubscriptionProperties properties, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock) {
		this.validator = validator;
		this.repository = repository;
		this.tokens = tokens;
		this.limiter = limiter;
		this.properties = properties;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** A new subscription's public id and status: "pending" until a contact point is confirmed. */
	public record Subscribed(String id, String status) {
	}

	/**
	 * Validates and stores a sign-up, and asks each contact point for confirmation; nothing else reaches a
	 * contact point until it is confirmed.
	 * @throws InvalidFieldException naming the first field at fault
	 * @throws org.sunshine.system.TooManyRequestsException over a sign-up or confirmation rate limit
	 */
	public Subscribed subscribe(NewSubscription request, String clientAddress) {
		return subscribe(request, null, clientAddress);
	}

	/**
	 * As {@link #subscribe(NewSubscription, String)}, following a body or one meeting too; with a follow, the
	 * sign-up needs no terms.
	 */
	public Subscribed subscribe(NewSubscription request, Follow follow, String clientAddress) {
		SubscriptionValidator.Valid valid = validator.validate(request, follow == null);
		// Limits are taken before the sign-up's transaction opens: on PostgreSQL a bucket is a row locked in a
		// connection of its own, and a sign-up must not hold one pooled connection while it waits for another.
		limiter.checkClient(clientAddress);
		if (valid.email() != null) {
			limiter.checkDestination(Channel.EMAIL, valid.email());
		}
		if (valid.phone() != null) {
			limiter.checkDestination(Channel.SMS, valid.phone());
		}
		return transactions.execute(status -> store(request, valid, follow, clientAddress));
	}

	private Subscribed store(NewSubscription request, SubscriptionValidator.Valid valid, Follow follow,
			String clientAddress) {
		Instant now = clock.instant();
		SubscriberRepository.Created created = repository.insertSubscriber(valid, now);
		String source = request.source() + " " + clientAddress;
		if (valid.email() != null) {
			long point = repository.insertContactPoint(created.id(), Channel.EMAIL, valid.email(), source, now);
			events.publishEvent(new ConfirmationRequested(created.id(), point, Channel.EMAIL, valid.email(),
					valid.language(), tokens.issue(created.id(), point, now)));
		}
		if (valid.phone() != null) {
			long point = repository.insertContactPoint(created.id(), Channel.SMS, valid.phone(), source, now);
			if (!repository.isOptedOut(valid.phone())) {
				events.publishEvent(new ConfirmationRequested(created.id(), point, Channel.SMS, valid.phone(),
						valid.language(), null));
			}
		}
		if (!valid.terms().isEmpty()) {
			repository.insertInterest(created.id(), valid.terms(), valid.feeds(), now);
		}
		if (follow != null) {
			repository.insertFollow(created.id(), follow, now);
		}
		return new Subscribed(created.publicId(), "pending");
	}

	/**
	 * Checks contacts given to another module (an organization's follow form) with the sign-up's rules and
	 * rate limits, so a follow form cannot be used to flood a number or an inbox either.
	 * @throws InvalidFieldException naming the field at fault
	 * @throws org.sunshine.system.TooManyRequestsException over a rate limit
	 */
	public Contacts checkContacts(String email, String phone, String language, String clientAddress) {
		Contacts contacts = contacts(email, phone, language);
		limiter.checkClient(clientAddress);
		if (contacts.email() != null) {
			limiter.checkDestination(Channel.EMAIL, contacts.email());
		}
		if (contacts.phone() != null) {
			limiter.checkDestination(Channel.SMS, contacts.phone());
		}
		return contacts;
	}

	/** Contacts checked and normalised with the sign-up's rules, without rate limits (imports of prior consent). */
	public Contacts contacts(String email, String phone, String language) {
		return validator.contacts(email, phone, language);
	}

	/** Whether the number texted STOP (and not START since): nothing of Sunshine's may go to it. */
	public boolean isOptedOut(String number) {
		return repository.isOptedOut(number);
	}

	/** The subscriber a link token stands for, if the token is valid. */
	public Optional<SubscriberView> byToken(String token) {
		return tokens.resolve(token).flatMap(holder -> repository.view(holder.subscriberId()));
	}

	/**
	 * Confirms the contact point the token was sent to (a POST from the confirm page; a GET must never
	 * call this, since mail scanners follow links).
	 */
	@Transactional
	public LinkOutcome confirm(String token, String clientAddress) {
		AccessTokens.Holder holder = tokens.resolve(token).orElseThrow(Subscriptions::invalidLink);
		List<ContactPoint> points = repository.contactPoints(holder.subscriberId()).stream()
			.filter(point -> holder.contactPointId() == null ? point.channel() == Channel.EMAIL
					: point.id() == holder.contactPointId())
			.toList();
		Instant now = clock.instant();
		boolean done = false;
		for (ContactPoint point : points) {
			if (point.consent() == Consent.PENDING
					&& repository.contactPointCreatedAt(point.id()).plus(properties.confirmationWindow()).isBefore(now)) {
				return LinkOutcome.EXPIRED;
			}
			done |= repository.setConsent(point.id(), Consent.PENDING, Consent.CONFIRMED, "email-link", "web " + clientAddress, now);
		}
		return done ? LinkOutcome.DONE : LinkOutcome.ALREADY;
	}

	/** Changes interests and settings from the manage page. */
	@Transactional
	public SubscriberView update(String token, Preferences changes) {
		SubscriberView current = byToken(token).orElseThrow(Subscriptions::invalidLink);
		SubscriptionValidator.Changes valid = validator.validate(changes, current);
		Instant now = clock.instant();
		repository.updateSubscriber(current.id(), valid.settings());
		if (!valid.terms().equals(current.terms()) || !valid.feeds().equals(current.feeds())) {
			repository.replaceInterests(current.id(), valid.terms(), valid.feeds(), now);
		}
		switchChannel(current, Channel.EMAIL, changes.email(), now);
		switchChannel(current, Channel.SMS, changes.sms(), now);
		return repository.view(current.id()).orElseThrow();
	}

	private void switchChannel(SubscriberView current, Channel channel, Boolean wanted, Instant now) {
		ContactPoint point = current.contactPoint(channel);
		if (wanted == null || point == null) {
			return;
		}
		if (!wanted) {
			repository.setConsent(point.id(), Consent.CONFIRMED, Consent.OPTED_OUT, "manage-page", "web", now);
		}
		else if (channel == Channel.EMAIL || !repository.isOptedOut(point.address())) {
			// Turning a channel back on that its owner confirmed before; a STOPped number needs START.
			repository.setConsent(point.id(), Consent.OPTED_OUT, Consent.CONFIRMED, "manage-page", "web", now);
		}
	}

	/** What "unsubscribe" covers. */
	public enum Scope {
		/** Email only: RFC 8058 one-click from a mail client. */
		EMAIL,
		/** One followed term. */
		TERM,
		/** Every channel, every term. */
		EVERYTHING
	}

	@Transactional
	public LinkOutcome unsubscribe(String token, Scope scope, String term) {
		SubscriberView current = byToken(token).orElseThrow(Subscriptions::invalidLink);
		Instant now = clock.instant();
		if (scope == Scope.TERM && term != null && current.terms().contains(term) && current.terms().size() > 1) {
			repository.replaceInterests(current.id(), current.terms().stream().filter(t -> !t.equals(term)).toList(),
					current.feeds(), now);
			return LinkOutcome.DONE;
		}
		boolean done = false;
		for (ContactPoint point : current.contactPoints()) {
			if (scope != Scope.EMAIL || point.channel() == Channel.EMAIL) {
				for (Consent from : List.of(Consent.CONFIRMED, Consent.PENDING)) {
					done |= repository.setConsent(point.id(), from, Consent.OPTED_OUT, "unsubscribe-link", scope.name(), now);
				}
			}
		}
		return done ? LinkOutcome.DONE : LinkOutcome.ALREADY;
	}

	/** Sets the reminders before each matched meeting (ISO-8601 durations); none at all is a choice too. */
	@Transactional
	public SubscriberView setReminders(String token, List<String> reminders) {
		SubscriberView current = byToken(token).orElseThrow(Subscriptions::invalidLink);
		repository.updateReminders(current.id(), validator.remindersOrNone(reminders));
		return repository.view(current.id()).orElseThrow();
	}

	/**
	 * Adds a phone for text messages (replacing the one there was), pending until its owner replies YES to the
	 * confirmation text, exactly as at sign-up; the same limits apply.
	 */
	public SubscriberView addPhone(String token, String phone, String clientAddress) {
		SubscriberView current = byToken(token).orElseThrow(Subscriptions::invalidLink);
		String number = validator.newPhone(phone);
		ContactPoint existing = current.contactPoint(Channel.SMS);
		if (existing != null && existing.address().equals(number)) {
			return current;
		}
		limiter.checkClient(clientAddress);
		limiter.checkDestination(Channel.SMS, number);
		return transactions.execute(status -> {
			Instant now = clock.instant();
			if (existing != null) {
				repository.deleteContactPoint(existing.id(), now);
			}
			long point = repository.insertContactPoint(current.id(), Channel.SMS, number, "manage-page " + clientAddress, now);
			if (!repository.isOptedOut(number)) {
				events.publishEvent(new ConfirmationRequested(current.id(), point, Channel.SMS, number, current.language(), null));
			}
			return repository.view(current.id()).orElseThrow();
		});
	}

	/** Removes the phone; a subscription keeps at least one way to reach its owner. */
	@Transactional
	public SubscriberView removePhone(String token) {
		SubscriberView current = byToken(token).orElseThrow(Subscriptions::invalidLink);
		ContactPoint phone = current.contactPoint(Channel.SMS);
		if (phone == null) {
			return current;
		}
		if (current.contactPoint(Channel.EMAIL) == null) {
			throw new InvalidFieldException("phone", "the phone is the only contact point; unsubscribe instead");
		}
		repository.deleteContactPoint(phone.id(), clock.instant());
		log.info("Subscriber {} removed their phone", current.id());
		return repository.view(current.id()).orElseThrow();
	}

	/** The bodies and meetings the subscriber of {@code token} follows. */
	public List<Follow> follows(String token) {
		return repository.follows(byToken(token).orElseThrow(Subscriptions::invalidLink).id());
	}

	/** Adds a followed body or meeting to an existing subscription (from a page reached by its link). */
	@Transactional
	public void follow(String token, Follow follow) {
		SubscriberView current = byToken(token).orElseThrow(Subscriptions::invalidLink);
		if (!repository.follows(current.id()).contains(follow)) {
			repository.insertFollow(current.id(), follow, clock.instant());
		}
	}

	@Transactional
	public void unfollow(String token, Follow follow) {
		repository.deleteFollow(byToken(token).orElseThrow(Subscriptions::invalidLink).id(), follow, clock.instant());
	}

	/** Everything stored about the subscriber, for "export my data". */
	public Map<String, Object> export(String token) {
		SubscriberView current = byToken(token).orElseThrow(Subscriptions::invalidLink);
		return repository.export(current.id());
	}

	/** Deletes the subscriber and everything about them: contact points, interests, tokens, messages. */
	@Transactional
	public void delete(String token) {
		SubscriberView current = byToken(token).orElseThrow(Subscriptions::invalidLink);
		repository.delete(current.id(), clock.instant());
		log.info("Subscriber {} deleted at their request", current.id());
	}

	/** Revokes every link ever sent and returns a fresh one, for a person who forwarded an email by mistake. */
	@Transactional
	public String rotate(String token) {
		SubscriberView current = byToken(token).orElseThrow(Subscriptions::invalidLink);
		tokens.revokeAll(current.id());
		return tokens.issue(current.id(), null, clock.instant());
	}

	/** A fresh link token to put in a message to this subscriber. */
	public String issueLinkToken(long subscriberId) {
		return tokens.issue(subscriberId, null, clock.instant());
	}

	/** A new link token for each of these subscribers (one per subscriber), minted together. */
	public Map<Long, String> issueLinkTokens(Collection<Long> subscriberIds) {
		return subscriberIds.isEmpty() ? Map.of() : tokens.issueAll(subscriberIds, clock.instant());
	}

	/** What an incoming SMS did, and in which language to answer. */
	public record KeywordOutcome(SmsKeyword keyword, boolean changed, String language) {
	}

	/** Handles a text from a number: YES confirms, STOP stops every SMS to it, START resumes, HELP helps. */
	@Transactional
	public KeywordOutcome receiveSms(String number, String body) {
		SmsKeyword keyword = SmsKeyword.of(body);
		String language = repository.languageOfNumber(number).orElse("en");
		Instant now = clock.instant();
		boolean changed = false;
		switch (keyword) {
			case YES -> {
				if (!repository.isOptedOut(number)) {
					for (long point : repository.smsContactPoints(number)) {
						changed |= repository.setConsent(point, Consent.PENDING, Consent.CONFIRMED, "sms-yes", number, now);
					}
				}
			}
			case STOP -> {
				repository.optOutNumber(number, body.strip().toUpperCase(), now);
				changed = true;
			}
			case START -> {
				repository.optInNumber(number, now);
				changed = true;
			}
			default -> {
			}
		}
		return new KeywordOutcome(keyword, changed, language);
	}

	/** A provider said the number opted out (Twilio 21610): treat it as a STOP. */
	@Transactional
	public void numberOptedOut(String number) {
		repository.optOutNumber(number, "PROVIDER-21610", clock.instant());
	}

	/**
	 * Whether a message may go to this address now: alerts need a confirmed contact point; a confirmation
	 * request may go to a pending one; nothing goes to a number that texted STOP.
	 */
	public boolean maySend(Channel channel, String address, boolean confirmationRequest) {
		if (channel == Channel.SMS && repository.isOptedOut(address)) {
			return false;
		}
		return confirmationRequest || repository.isConfirmed(channel, address);
	}

	/**
	 * The emails among these that alerts may go to now (confirmed): {@link #maySend} for a whole batch at once.
	 * SMS are checked one by one, as each leaves, since a STOP may come between two paced texts.
	 */
	public java.util.Set<String> mayEmail(java.util.Collection<String> addresses) {
		return addresses.isEmpty() ? java.util.Set.of() : repository.confirmed(Channel.EMAIL, addresses);
	}

	@Override
	public List<Interest> activeInterests() {
		return repository.activeInterests();
	}

	@Override
	public List<Interest> activeInterestsOf(Collection<Long> subscriberIds) {
		return subscriberIds.isEmpty() ? List.of() : repository.activeInterestsOf(subscriberIds);
	}

	/** How long the journal keeps a row: a node that has not looked for longer builds its index whole. */
	public static final Duration JOURNAL_KEPT = Duration.ofDays(1);

	@Override
	public InterestJournal interestJournal() {
		return repository.interestJournal();
	}

	@Override
	public List<InterestChange> interestChangesSince(long seq, Collection<Long> alsoSeqs) {
		return repository.interestChangesSince(seq, alsoSeqs);
	}

	public Optional<Recipient> recipient(long subscriberId) {
		return repository.recipient(subscriberId);
	}

	/** The recipients among these subscriber ids (deleted ones are left out), read in batches. */
	public List<Recipient> recipients(java.util.Collection<Long> subscriberIds) {
		return subscriberIds.isEmpty() ? List.of() : repository.recipients(subscriberIds);
	}

	/** Unconfirmed sign-ups are deleted once the confirmation window has passed. */
	@Transactional
	public void expireUnconfirmed() {
		Instant now = clock.instant();
		int deleted = repository.deleteUnconfirmed(now.minus(properties.confirmationWindow()), now);
		if (deleted > 0) {
			log.info("Deleted {} sign-up(s) never confirmed within {}", deleted, properties.confirmationWindow());
		}
	}

	/** Drops journal rows older than {@link #JOURNAL_KEPT}, in the same sweep. */
	@Transactional
	public void pruneInterestJournal() {
		repository.pruneJournal(clock.instant().minus(JOURNAL_KEPT));
	}

	private static InvalidLinkException invalidLink() {
		return new InvalidLinkException();
	}

}
