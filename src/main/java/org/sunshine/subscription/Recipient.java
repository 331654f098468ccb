package org.sunshine.subscription;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A subscriber as the notification module needs them.
 *
 * @param zone the subscriber's own zone, or null to show times in the meeting's zone
 * @param quietFrom start of quiet hours (local), or null
 * @param digestHour the local hour at which daily and weekly digests go out
 */
public record Recipient(long subscriberId, String publicId, String language, ZoneId zone, Delivery delivery,
		List<Duration> reminders, LocalTime quietFrom, LocalTime quietTo, int digestHour, List<ContactPoint> contactPoints) {

	public Recipient {
		reminders = List.copyOf(reminders);
		contactPoints = List.copyOf(contactPoints);
	}

	/** Contact points that may receive alerts. */
	public List<ContactPoint> confirmed() {
		return contactPoints.stream().filter(point -> point.consent() == Consent.CONFIRMED).toList();
	}

	@Override
	public String toString() {
		return "Recipient[subscriberId=" + subscriberId + ", language=" + language + ", contactPoints="
				+ contactPoints + "]";
	}

}
