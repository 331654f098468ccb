package org.sunshine.subscription;

/**
 * A body or one meeting followed as a whole: every change to its meetings reaches the follower, whatever
 * words its agenda uses.
 *
 * @param feedId the feed the body publishes in (a body's name is unique only within its feed), or null
 * @param body the body's name, for a body follow
 * @param meetingId the meeting, for a meeting follow (then {@code body} is null)
 */
public record Follow(String feedId, String body, Long meetingId) {

	public Follow {
		if ((body == null) == (meetingId == null)) {
			throw new IllegalArgumentException("a follow is of a body or of a meeting");
		}
	}

	public static Follow body(String feedId, String body) {
		return new Follow(feedId, body.strip(), null);
	}

	public static Follow meeting(long meetingId) {
		return new Follow(null, null, meetingId);
	}

}
