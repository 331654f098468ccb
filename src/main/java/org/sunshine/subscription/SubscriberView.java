package org.sunshine.subscription;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** Everything a subscriber may see and change about themselves on the manage page. */
public record SubscriberView(long id, String publicId, String language, ZoneId zone, Delivery delivery,
		List<Duration> reminders, LocalTime quietFrom, LocalTime quietTo, int digestHour, List<ContactPoint> contactPoints,
		List<String> terms, List<String> feeds) {

	public boolean hasPending() {
		return contactPoints.stream().anyMatch(point -> point.consent() == Consent.PENDING);
	}

	public ContactPoint contactPoint(Channel channel) {
		return contactPoints.stream().filter(point -> point.channel() == channel).findFirst().orElse(null);
	}

	@Override
	public String toString() {
		return "SubscriberView[id=" + id + ", language=" + language + ", terms=" + terms + "]";
	}

}
