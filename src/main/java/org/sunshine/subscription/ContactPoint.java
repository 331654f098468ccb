package org.sunshine.subscription;

/** An email address or E.164 phone number of a subscriber, with its consent state. */
public record ContactPoint(long id, Channel channel, String address, Consent consent) {

	@Override
	public String toString() {
		return "ContactPoint[id=" + id + ", channel=" + channel + ", consent=" + consent + "]";
	}

}
