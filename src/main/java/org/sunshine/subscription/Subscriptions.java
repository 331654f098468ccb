package org.sunshine.subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The subscription module's API: sign up, and tell other modules who follows what and how to reach them. */
@Service
public class Subscriptions {

	private final SubscriptionValidator validator;

	private final SubscriberRepository repository;

	private final Clock clock;

	Subscriptions(SubscriptionValidator validator, SubscriberRepository repository, Clock clock) {
		this.validator = validator;
		this.repository = repository;
		this.clock = clock;
	}

	/** A new subscription's public id and status ("pending" until a contact point is confirmed, else "active"). */
	public record Subscribed(String id, String status) {
	}

	/**
	 * Validates and stores a sign-up.
	 * @throws org.sunshine.system.InvalidFieldException naming the first field at fault
	 */
	@Transactional
	public Subscribed subscribe(NewSubscription request) {
		SubscriptionValidator.Valid valid = validator.validate(request);
		Instant now = clock.instant();
		SubscriberRepository.Created created = repository.insertSubscriber(valid, now);
		// Consent is recorded from the start (when, how, from where); confirmation flips it later.
		Consent consent = Consent.CONFIRMED;
		String method = "api-unconfirmed";
		if (valid.email() != null) {
			repository.insertContactPoint(created.id(), Channel.EMAIL, valid.email(), consent, method, request.source(), now);
		}
		if (valid.phone() != null) {
			repository.insertContactPoint(created.id(), Channel.SMS, valid.phone(), consent, method, request.source(), now);
		}
		repository.insertInterest(created.id(), valid.terms(), valid.feeds(), now);
		return new Subscribed(created.publicId(), consent == Consent.CONFIRMED ? "active" : "pending");
	}

	/** Every interest whose subscriber can currently be reached. */
	public List<Interest> activeInterests() {
		return repository.activeInterests();
	}

	/** An opaque value that changes when {@link #activeInterests()} may have changed. */
	public String interestVersion() {
		return repository.interestVersion();
	}

	public Optional<Recipient> recipient(long subscriberId) {
		return repository.recipient(subscriberId);
	}

}
