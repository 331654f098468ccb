package org.sunshine.meeting;

import java.net.URI;
import java.util.Objects;

/**
 * A document a source links to a meeting or an agenda item (agenda, packet, staff report, attachment), as a reader
 * hands it over: a title a person can read and where to get it.
 *
 * @param title as the source names it ("Agenda packet", "Staff Report"); the file's name when it names none
 * @param url where to fetch it
 */
public record DocumentLink(String title, String url) {

	public DocumentLink {
		Objects.requireNonNull(url, "url");
		String cleanTitle = SourceText.line(title, 500);
		title = cleanTitle != null ? cleanTitle : fileName(url);
	}

	/** The last path segment, decoded ("Staff%20Report.pdf" becomes "Staff Report.pdf"), or "Document". */
	static String fileName(String url) {
		try {
			String path = URI.create(url.strip()).getPath();
			String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
			String clean = SourceText.line(name, 500);
			return clean != null ? clean : "Document";
		}
		catch (IllegalArgumentException e) {
			return "Document";
		}
	}

}
