package org.sunshine.matching;

/**
 * Where an interest matched inside a document: which document, which page, and the words around the match.
 *
 * @param itemKey the agenda item the document belongs to, or null for the meeting's own (agenda, packet)
 * @param title the document's title ("Agenda packet")
 * @param url where it is
 * @param page the page (from 1) of a PDF, or null for an HTML document
 * @param snippet the matched words in their context on that page
 */
public record DocumentMatch(String itemKey, String title, String url, Integer page, Snippet snippet) {
}
