package org.sunshine.meeting;

/**
 * Published in the transaction that stores a meeting's new revision. It is durable (Spring Modulith's JDBC
 * event publication registry): listeners run after commit, in their own transaction, and one that fails is
 * handed the event again, so planning never holds or rolls back a poll. It carries ids only; listeners read
 * the revision with {@link Meetings#revision(long)}.
 *
 * @param revisionId the stored revision holding the changes
 * @param meetingId the meeting it changed
 * @param critical announced or moved within the critical window, special or emergency, or cancelled
 */
public record MeetingChanged(long revisionId, long meetingId, boolean critical) {
}
