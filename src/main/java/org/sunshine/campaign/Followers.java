package org.sunshine.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.sunshine.notification.CampaignDeliveries;
import org.sunshine.notification.FollowerMessage;
import org.sunshine.notification.SmsReplies;
import org.sunshine.subscription.Channel;
import org.sunshine.subscription.Contacts;
import org.sunshine.subscription.LinkOutcome;
import org.sunshine.subscription.Subscriptions;
import org.sunshine.system.NotFoundException;

/**
 * People who follow an organization: double opt-in naming the organization (an email link, or YES by text),
 * consent recorded per organization, and a link in every message that leaves that organization only. Following
 * is not a topic subscription: neither touches the other, though STOP still stops every text to a number.
 */
@Service
public class Followers {

	private final Organizations organizations;

	private final FollowerRepository repository;

	private final Subscriptions subscriptions;

	private final CampaignDeliveries deliveries;

	private final SmsReplies replies;

	private final CampaignProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Followers(Organizations organizations, FollowerRepository repository, Subscriptions subscriptions,
			CampaignDeliveries deliveries, SmsReplies replies, CampaignProperties properties,
			TransactionTemplate transactions, Clock clock) {
		this.organizations = organizations;
		this.repository = repository;
		this.subscriptions = subscriptions;
		this.deliveries = deliveries;
		this.replies = replies;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** A follow's public id, and "pending" until a contact point is confirmed. */
	public record Followed(String id, String status) {
	}

	/**
	 * Stores a follow and asks each new (or unconfirmed, or left) contact point for confirmation; a contact
	 * point already following is left as it is. The language defaults to the organization's first.
	 */
	public Followed follow(String slug, String email, String phone, String language, String clientAddress) {
		Organization organization = organizations.bySlug(slug)
			.orElseThrow(() -> new NotFoundException("no organization '" + slug + "'"));
		Contacts contacts = subscriptions.checkContacts(email, phone,
				language == null || language.isBlank() ? organization.firstLanguage() : language, clientAddress);
		return transactions.execute(status -> store(organization, contacts, "follow " + clientAddress));
	}

	private Followed store(Organization organization, Contacts contacts, String source) {
		Instant now = clock.instant();
		List<FollowerRepository.Contact> existing = new ArrayList<>();
		contacts(contacts).forEach((channel, address) -> repository.contact(organization.id(), channel, address)
			.ifPresent(existing::add));
		FollowerRepository.Follower follower = existing.isEmpty()
				? repository.insertFollower(organization.id(), contacts.language(), now)
				: repository.follower(existing.get(0).followerId()).orElseThrow();
		repository.setLanguage(follower.id(), contacts.language());
		boolean confirmed = true;
		for (Map.Entry<Channel, String> wanted : contacts(contacts).entrySet()) {
			Optional<FollowerRepository.Contact> known = repository.contact(organization.id(), wanted.getKey(), wanted.getValue());
			if (known.isPresent() && known.get().consent().equals(FollowerRepository.CONFIRMED)) {
				continue;
			}
			confirmed = false;
			FollowerRepository.Contact contact;
			if (known.isPresent()) {
				contact = known.get();
				repository.requestAgain(contact.id(), source, now);
			}
			else {
				contact = repository.insertContact(follower.id(), organization.id(), wanted.getKey(), wanted.getValue(), source, now);
			}
			askConfirmation(organization, follower, contact, contacts.language(), now);
		}
		return new Followed(follower.publicId(), confirmed ? "confirmed" : "pending");
	}

	private static Map<Channel, String> contacts(Contacts contacts) {
		Map<Channel, String> map = new java.util.LinkedHashMap<>();
		if (contacts.email() != null) {
			map.put(Channel.EMAIL, contacts.email());
		}
		if (contacts.phone() != null) {
			map.put(Channel.SMS, contacts.phone());
		}
		return map;
	}

	private void askConfirmation(Organization organization, FollowerRepository.Follower follower,
			FollowerRepository.Contact contact, String language, Instant now) {
		if (contact.channel() == Channel.SMS && subscriptions.isOptedOut(contact.address())) {
			return; // A number that texted STOP hears nothing, not even this, until it texts START.
		}
		String confirmUrl = contact.channel() == Channel.EMAIL
				? deliveries.baseUrl() + "/f/" + repository.issueToken(follower.id(), contact.id(), now) + "/confirm" : null;
		// Keyed per request: asking again after leaving sends a new confirmation, a repeated request within a
		// second does not.
		String key = "follow-confirm:" + contact.id() + ":" + now.getEpochSecond();
		deliveries.queueConfirmation(new FollowerMessage(key, follower.id(), null, contact.channel(), contact.address(),
				FollowerMessage.Kind.CONFIRM, null, null, null, null), language, organization.name(), confirmUrl);
	}

	/** What a follower's link shows: whose follower, and in which language. */
	public record Link(String organization, String slug, String language, boolean following) {
	}

	public Optional<Link> link(String token) {
		return repository.resolve(token).flatMap(holder -> link(holder.followerId()));
	}

	Optional<Link> link(long followerId) {
		return repository.follower(followerId).flatMap(follower -> organizations.byId(follower.organizationId())
			.map(organization -> new Link(organization.name(), organization.slug(), follower.language(),
					repository.contacts(followerId).stream().anyMatch(c -> !c.consent().equals(FollowerRepository.LEFT)))));
	}

	/** Confirms the email the link was sent to (a POST from the confirm page; never a GET, mail scanners follow links). */
	@Transactional
	public LinkOutcome confirm(String token, String clientAddress) {
		FollowerRepository.TokenHolder holder = repository.resolve(token).orElseThrow(Followers::invalidLink);
		Instant now = clock.instant();
		boolean done = false;
		for (FollowerRepository.Contact contact : repository.contacts(holder.followerId())) {
			if (holder.contactId() == null || contact.id() != holder.contactId()
					|| !contact.consent().equals(FollowerRepository.PENDING)) {
				continue;
			}
			if (contact.createdAt().plus(properties.confirmationWindow()).isBefore(now)) {
				return LinkOutcome.EXPIRED;
			}
			done |= repository.setConsent(contact.id(), FollowerRepository.PENDING, FollowerRepository.CONFIRMED,
					"email-link", "web " + clientAddress, now);
		}
		return done ? LinkOutcome.DONE : LinkOutcome.ALREADY;
	}

	/** Leaves the organization on every channel; topic alerts and other organizations are untouched. */
	@Transactional
	public LinkOutcome leave(String token) {
		FollowerRepository.TokenHolder holder = repository.resolve(token).orElseThrow(Followers::invalidLink);
		return leave(holder.followerId(), "leave-link");
	}

	LinkOutcome leave(long followerId, String method) {
		return repository.leave(followerId, method, clock.instant()) > 0 ? LinkOutcome.DONE : LinkOutcome.ALREADY;
	}

	/** A link token that leaves the organization, to put in a message to this follower. */
	String leaveToken(long followerId) {
		return repository.issueToken(followerId, null, clock.instant());
	}

	/**
	 * YES from a number with pending follows confirms them and answers naming the organizations; empty when the
	 * text was not that (the subscription module answers everything else).
	 */
	@Transactional
	public Optional<String> confirmBySms(String number) {
		if (subscriptions.isOptedOut(number)) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		Set<String> names = new LinkedHashSet<>();
		String language = null;
		for (FollowerRepository.Contact contact : repository.pendingSms(number)) {
			if (contact.createdAt().plus(properties.confirmationWindow()).isBefore(now)) {
				continue;
			}
			if (repository.setConsent(contact.id(), FollowerRepository.PENDING, FollowerRepository.CONFIRMED, "sms-yes",
					"sms", now)) {
				Optional<Link> link = link(contact.followerId());
				link.ifPresent(l -> names.add(l.organization()));
				language = language != null ? language : link.map(Link::language).orElse("en");
			}
		}
		return names.isEmpty() ? Optional.empty()
				: Optional.of(replies.reply(language, "reply-follow-yes", Map.of("organization", String.join(", ", names))));
	}

	/** Whether a message may go to this follower's contact point now (see CampaignContent#mayReceive). */
	boolean mayReceive(long followerId, Channel channel, String destination, boolean confirmation) {
		if (channel == Channel.SMS && subscriptions.isOptedOut(destination)) {
			return false;
		}
		return repository.contacts(followerId).stream()
			.anyMatch(contact -> contact.channel() == channel && contact.address().equals(destination)
					&& (contact.consent().equals(FollowerRepository.CONFIRMED)
							|| (confirmation && contact.consent().equals(FollowerRepository.PENDING))));
	}

	private static org.sunshine.subscription.InvalidLinkException invalidLink() {
		return new org.sunshine.subscription.InvalidLinkException();
	}

}
