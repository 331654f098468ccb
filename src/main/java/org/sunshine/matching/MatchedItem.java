package org.sunshine.matching;

/** An agenda item that an interest hit. */
public record MatchedItem(String key, String number, String title, String matterId, Snippet snippet) {
}
