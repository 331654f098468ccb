package org.sunshine.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.Meetings;
import org.sunshine.notification.CampaignDeliveries;
import org.sunshine.subscription.Channel;
import org.sunshine.subscription.Contacts;
import org.sunshine.subscription.Subscriptions;
import org.sunshine.system.InvalidFieldException;
import org.sunshine.system.NotFoundException;
import org.sunshine.system.TooManyRequestsException;

/**
 * An organizer's test send: the campaign's call, exactly as a follower writing in the chosen language would get
 * it and marked as a test, sent at once to the organizer's own email or phone. The address is not a follower's:
 * it is kept nowhere but in the outbox row that carries the message, and the campaign's counts never see it.
 * An organization may send a few an hour, so this cannot be used to write to strangers.
 */
@Service
public class TestSends {

	/** The path segment of a test send's RSVP and leave links ({@code /r/test}), which no token can be. */
	public static final String LINK = "test";

	private static final Logger log = LoggerFactory.getLogger(TestSends.class);

	private final CampaignRepository repository;

	private final Subscriptions subscriptions;

	private final CampaignDeliveries deliveries;

	private final CampaignProperties properties;

	private final Meetings meetings;

	private final Clock clock;

	TestSends(CampaignRepository repository, Subscriptions subscriptions, CampaignDeliveries deliveries,
			CampaignProperties properties, Meetings meetings, Clock clock) {
		this.meetings = meetings;
		this.repository = repository;
		this.subscriptions = subscriptions;
		this.deliveries = deliveries;
		this.properties = properties;
		this.clock = clock;
	}

	/** Where the organizer wants the test: an email and/or a phone, and the language to read it in. */
	public record TestSend(String email, String phone, String language) {

		@Override
		public String toString() {
			return "TestSend[email=" + (email != null) + ", phone=" + (phone != null) + ", language=" + language + "]";
		}

	}

	/**
	 * Queues the test for each address given.
	 * @throws NotFoundException when the campaign is not this organization's
	 * @throws InvalidFieldException naming the field at fault, or when the campaign is cancelled
	 * @throws TooManyRequestsException past the organization's hourly limit
	 */
	@Transactional
	public void send(Organization organization, long campaignId, TestSend request) {
		CampaignRepository.Campaign campaign = repository.find(campaignId)
			.filter(found -> found.organizationId() == organization.id())
			.orElseThrow(() -> new NotFoundException("no campaign " + campaignId));
		// Checked like a follow (same fields, same rules), but without the sign-up limits that would remember the address.
		Contacts contacts = subscriptions.contacts(request.email(), request.phone(),
				request.language() == null || request.language().isBlank() ? organization.firstLanguage() : request.language());
		if (campaign.status().equals("cancelled")) {
			throw new InvalidFieldException("status", "campaign " + campaignId + " is cancelled; there is nothing to test");
		}
		Meeting meeting = meetings.find(campaign.meetingId()).orElse(null);
		if (meeting == null || !meeting.start().isAfter(clock.instant())) {
			throw new InvalidFieldException("meetingId", "the campaign's meeting " + campaign.meetingId()
					+ " is already over; there is nothing to test");
		}
		int wanted = (contacts.email() == null ? 0 : 1) + (contacts.phone() == null ? 0 : 1);
		repository.lockOrganization(organization.id());
		Instant now = clock.instant();
		int sent = deliveries.testsSince(repository.idsOf(organization.id()), now.minus(Duration.ofHours(1)));
		if (sent + wanted > properties.testSendsPerHour()) {
			throw new TooManyRequestsException("an organization may send at most " + properties.testSendsPerHour()
					+ " test messages an hour; " + sent + " went in the last hour");
		}
		if (contacts.email() != null) {
			deliveries.queueTest(campaignId, campaign.meetingId(), Channel.EMAIL, contacts.email(), contacts.language());
		}
		if (contacts.phone() != null) {
			deliveries.queueTest(campaignId, campaign.meetingId(), Channel.SMS, contacts.phone(), contacts.language());
		}
		log.info("Test send of campaign {} by organization {}: {} message(s) queued", campaignId, organization.slug(), wanted);
	}

}
