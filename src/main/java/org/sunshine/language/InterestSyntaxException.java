package org.sunshine.language;

import org.sunshine.system.InvalidFieldException;

/** An interest that cannot be read: where (from 1) and why; answered as a 400 problem naming the field. */
public class InterestSyntaxException extends InvalidFieldException {

	private final int position;

	private final String reason;

	InterestSyntaxException(int position, String reason) {
		this("interests", null, position, reason);
	}

	private InterestSyntaxException(String field, String which, int position, String reason) {
		super(field, (which == null ? "" : which + ", ") + "position " + position + ": " + reason);
		this.position = position;
		this.reason = reason;
	}

	/** The same mistake told about a field, naming which of its values (or null when it holds one). */
	public InterestSyntaxException about(String field, String which) {
		return new InterestSyntaxException(field, which, position, reason);
	}

	public int position() {
		return position;
	}

	public String reason() {
		return reason;
	}

}
