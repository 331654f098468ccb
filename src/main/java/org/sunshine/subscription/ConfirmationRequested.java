package org.sunshine.subscription;

/**
 * Published when a contact point needs its owner's confirmation: the one message it may receive before.
 *
 * @param token for email: the link token to put in {@code /s/{token}/confirm}; null for SMS (reply YES)
 */
public record ConfirmationRequested(long subscriberId, long contactPointId, Channel channel, String address,
		String language, String token) {

	@Override
	public String toString() {
		return "ConfirmationRequested[subscriberId=" + subscriberId + ", contactPointId=" + contactPointId + ", channel="
				+ channel + "]";
	}

}
