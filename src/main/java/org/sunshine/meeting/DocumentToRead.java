package org.sunshine.meeting;

/** A document linked to an upcoming meeting, for the document module to read: where, and whose feed it is. */
public record DocumentToRead(String url, String feedId) {
}
